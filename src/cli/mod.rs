//! The command line's shared parts: options every command takes, the one exit-code policy,
//! how errors are printed. One module per family of commands does the printing of its
//! commands; the work is in the library.
//!
//! Exit codes, for every command:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | everything asked was done |
//! | 1 | nothing could be done: a usage error, a fatal error, or every input failed |
//! | 3 | some inputs could not be read; each was reported on stderr and the rest was done |
//! | 4 | `check --fail-on LEVEL` found a finding at or above LEVEL |

pub mod check;
pub mod index;
pub mod ingest;
pub mod output;
pub mod progress;
pub mod query;
pub mod rules;
pub mod serve;
pub mod text;

use std::path::PathBuf;
use std::process::ExitCode;

use vanban::error::{Limit, Remedy};
use vanban::index::IndexError;
use vanban::{LoadOptions, ReadError, ReadOptions};

/// Options every command takes: the limits of reading and the rules.
#[derive(clap::Args, Debug)]
pub struct Global {
    /// Largest file to read, in bytes; larger files are reported and skipped.
    #[arg(long, global = true, default_value_t = 100 * 1024 * 1024, value_name = "BYTES")]
    pub max_file_size: u64,

    /// Most pages read from one PDF; longer PDFs are reported and skipped.
    #[arg(long, global = true, default_value_t = 5000, value_name = "N")]
    pub max_pages: usize,

    /// Most bytes one compressed part (DOCX zip entry, PDF page content) may expand to;
    /// guards against zip and flate bombs.
    #[arg(long, global = true, default_value_t = 256 * 1024 * 1024, value_name = "BYTES")]
    pub max_decompressed: u64,

    /// Longest time reading one PDF, DOCX or DOC (or reading and extracting a document over
    /// 256 KiB, text included) may take, in seconds (0: no limit); a document that takes longer
    /// is reported and skipped.
    #[arg(long, global = true, default_value_t = 60, value_name = "SECONDS")]
    pub time_budget: u64,

    /// When to OCR scanned PDF pages (Tesseract with tesseract-ocr-vie, pdftoppm):
    /// auto (pages without a text layer), never (leave them out), always (every page).
    #[arg(long, global = true, default_value_t = vanban::OcrMode::Auto, value_name = "WHEN")]
    pub ocr: vanban::OcrMode,

    /// Use the rules in this folder (all files of rules/) instead of the built-in ones; every
    /// command that extracts or matches ids uses them.
    #[arg(long, global = true, value_name = "DIR", env = "VANBAN_RULES")]
    pub rules: Option<PathBuf>,

    /// Language of the findings' messages: vi (Vietnamese, the default) or en (English).
    #[arg(long, global = true, default_value = "vi", value_name = "LANG", env = "VANBAN_LANG",
          value_parser = parse_lang)]
    pub lang: vanban::messages::Lang,
}

/// A language code for `--lang`.
fn parse_lang(s: &str) -> std::result::Result<vanban::messages::Lang, String> {
    vanban::messages::Lang::parse(s)
        .ok_or_else(|| format!("`{s}` is no language of the messages; use vi or en"))
}

impl Global {
    /// The reading limits.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            max_file_size: self.max_file_size,
            max_pages: self.max_pages,
            max_decompressed: self.max_decompressed,
            time_budget: (self.time_budget > 0)
                .then(|| std::time::Duration::from_secs(self.time_budget)),
            ocr: self.ocr,
        }
    }

    /// Reading and normalising options with the default normalisation.
    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            read: self.read_options(),
            ..Default::default()
        }
    }
}

/// Where the index is.
#[derive(clap::Args, Debug)]
pub struct IndexArg {
    /// The index folder.
    #[arg(long = "index", value_name = "PATH", env = "VANBAN_INDEX", default_value = vanban::index::DEFAULT_INDEX)]
    pub path: PathBuf,
}

/// What a command did, which decides its exit code (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked was done.
    Done,
    /// Some inputs could not be read (and were reported); the rest was done.
    Partial,
    /// Every input failed; nothing was done.
    Nothing,
    /// `--fail-on` found what it was asked to fail on.
    Findings,
}

impl Outcome {
    /// The outcome of a command that processed `done` inputs and failed on `failed`.
    pub fn of(done: usize, failed: usize) -> Outcome {
        match (done, failed) {
            (_, 0) => Outcome::Done,
            (0, _) => Outcome::Nothing,
            _ => Outcome::Partial,
        }
    }

    /// The exit code.
    pub fn code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Done => 0,
            Outcome::Nothing => 1,
            Outcome::Partial => 3,
            Outcome::Findings => 4,
        })
    }
}

/// Prints a failure of one input (a file that could not be read), on stderr.
pub fn report_failure(reason: &str) {
    eprintln!("vanban: {reason}");
}

/// What the command line tells a user to do about a file that could not be read: the flag
/// (or the package) that changes what the library ran into.
pub fn advice(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Raise(Limit::FileSize) => "raise --max-file-size to read it",
        Remedy::Raise(Limit::Decompressed) => "raise --max-decompressed to read it",
        Remedy::Raise(Limit::Pages) => "raise --max-pages to read it",
        Remedy::Raise(Limit::TimeBudget) => "raise --time-budget to allow more",
        Remedy::UseOcr => "read it with --ocr auto (needs tesseract-ocr-vie)",
        Remedy::InstallOcrOrSkipIt => {
            "install tesseract-ocr-vie, or pass --ocr never to read the text pages only"
        }
        Remedy::SkipOcr => "pass --ocr never to read the text pages only",
    }
}

/// A failure to read as the command line prints it: the library's message, then what to do
/// (`…; raise --max-file-size to read it`) when a flag would help.
pub fn with_advice(message: &str, remedy: Option<Remedy>) -> String {
    match remedy {
        Some(r) => format!("{message}; {}", advice(r)),
        None => message.to_string(),
    }
}

/// [`with_advice`] of a read error.
pub fn read_error_text(e: &ReadError) -> String {
    with_advice(&e.to_string(), e.remedy())
}

/// The text of an error and its causes, each said once: a cause whose text the message
/// already holds is not repeated (`X: X`); then the command that mends it, when the error is
/// one a command mends (see [`command_advice`]).
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if part.is_empty() || text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    if let Some(advice) = e.chain().find_map(command_advice) {
        text.push_str("; ");
        text.push_str(&advice);
    }
    text
}

/// The command or flag that mends what a library error says is wrong: the libraries say what
/// and where, the command line says which of its commands to run.
pub fn command_advice(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    if let Some(e) = e.downcast_ref::<IndexError>() {
        let at = |p: &std::path::Path| p.display().to_string();
        return match e {
            IndexError::Missing { path } => Some(format!(
                "run `vanban ingest DIR --index {}` first",
                at(path)
            )),
            IndexError::OtherSchema { .. } => {
                Some("move the folder away and run `vanban ingest` again to rebuild it".into())
            }
            IndexError::OldKeys { path } => Some(format!(
                "rebuild it with the folders it holds: `vanban index rebuild --index {} DIR...`",
                at(path)
            )),
            IndexError::Damaged { path, .. } => Some(format!(
                "`vanban index verify --index {0}` lists the damaged files and `vanban index \
                 rebuild --index {0}` rebuilds it",
                at(path)
            )),
            IndexError::NoSources { path } => Some(format!(
                "name them: `vanban index rebuild --index {} DIR...` (or rebuild from its \
                 stored documents with --from-stored)",
                at(path)
            )),
            _ => None,
        };
    }
    if let Some(vanban::serve::ServeError::Bind { .. }) = e.downcast_ref() {
        return Some("choose another address with --addr".into());
    }
    if let Some(e) = e.downcast_ref::<ReadError>() {
        return e.remedy().map(|r| advice(r).to_string());
    }
    None
}

/// Ends the program with the outcome of a command, or its error printed once.
pub fn finish(result: anyhow::Result<Outcome>) -> ExitCode {
    match result {
        Ok(outcome) => outcome.code(),
        Err(e) => {
            eprintln!("vanban: error: {}", error_text(&e));
            Outcome::Nothing.code()
        }
    }
}

/// Prints a command-line usage error (or the help or version asked for) and gives the exit
/// code: 0 for help and version, 1 for a mistake.
pub fn usage(e: clap::Error) -> ExitCode {
    let _ = e.print();
    if e.use_stderr() {
        Outcome::Nothing.code()
    } else {
        ExitCode::SUCCESS
    }
}

/// `vanban search … | head` must end quietly when `head` closes the pipe, as other command-line
/// tools do, instead of failing on the next write. Rust ignores SIGPIPE by default; restore the
/// default action.
pub fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_exit_policy() {
        assert_eq!(Outcome::of(5, 0), Outcome::Done);
        assert_eq!(Outcome::of(0, 0), Outcome::Done);
        assert_eq!(Outcome::of(4, 1), Outcome::Partial);
        assert_eq!(Outcome::of(0, 2), Outcome::Nothing);
    }

    #[test]
    fn an_error_repeated_by_its_cause_is_said_once() {
        let io = std::io::Error::other("No space left on device");
        let e = anyhow::Error::new(io).context("idx: No space left on device");
        assert_eq!(error_text(&e), "idx: No space left on device");
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_text(&e), "outer: inner");
    }
}
