//! `vanban index verify` and `vanban index rebuild`: telling whether an index is whole, and
//! making a whole one again.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use vanban::index::IngestOptions;
use vanban::index::RebuildFrom;

use super::ingest::{print_summary, with_progress};
use super::{output, rules, Global, IndexArg, Outcome};

/// The index maintenance commands.
#[derive(clap::Subcommand, Debug)]
pub enum IndexCommand {
    /// Check every file of the index against the checksum stored in it.
    ///
    /// Reads the whole index (nothing is written, so a read-only copy can be checked) and
    /// lists each damaged or missing file. Exit code: 0 the index is whole, 1 it is damaged
    /// or cannot be read. `vanban ingest` runs the same check before it writes.
    ///
    /// Examples:
    ///   vanban index verify --index /srv/vanban/index
    ///   vanban index verify --json
    #[command(verbatim_doc_comment)]
    Verify(VerifyArgs),
    /// Rebuild the index from its source folders (or from the documents stored in it).
    ///
    /// Builds a new index beside the old one and puts it in place only when it is complete;
    /// if anything fails the old index stays as it was. Without folders, the folders recorded
    /// in the index (every folder ever ingested into it) are read again. --from-stored copies
    /// instead every stored document that can still be read, for when the source folders are
    /// gone; documents in damaged segments are counted as lost.
    ///
    /// Examples:
    ///   vanban index rebuild --index /srv/vanban/index
    ///   vanban index rebuild --index old-index /srv/reports/2024 /srv/reports/2025
    ///   vanban index rebuild --from-stored --index analyst-copy
    #[command(verbatim_doc_comment)]
    Rebuild(RebuildArgs),
}

/// Options of `vanban index verify`.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub index: IndexArg,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `vanban index rebuild`.
#[derive(clap::Args, Debug)]
pub struct RebuildArgs {
    /// Folders to read (default: those recorded in the index).
    #[arg(value_name = "DIR", conflicts_with = "from_stored")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// Rebuild from the text and facts stored in the index instead of the source folders.
    #[arg(long)]
    pub from_stored: bool,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 200)]
    pub memory_mb: usize,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `vanban index …`.
pub fn run(command: IndexCommand, global: &Global) -> Result<Outcome> {
    match command {
        IndexCommand::Verify(args) => verify(args),
        IndexCommand::Rebuild(args) => rebuild(args, global),
    }
}

fn verify(args: VerifyArgs) -> Result<Outcome> {
    let report = vanban::index::verify(&args.index.path)?;
    let mut out = output::stdout();
    if args.json {
        output::json(&mut out, &report)?;
    } else {
        for d in &report.damaged {
            writeln!(out, "DAMAGED  {}  {}", d.file, d.reason)?;
        }
        let scheme = match report.key_scheme {
            Some(k) => format!("key scheme {k}"),
            None if report.documents > 0 => {
                "keys of an older vanban (run `vanban index rebuild` with its folders)".into()
            }
            None => "empty".into(),
        };
        writeln!(
            out,
            "{}: {} documents in {} segment(s), {} file(s) checked, {} damaged; {scheme}",
            report.path,
            report.documents,
            report.segments,
            report.files,
            report.damaged.len()
        )?;
        for r in &report.roots {
            writeln!(out, "  folder: {}", vanban::index::key_path(r).display())?;
        }
    }
    output::done(out)?;
    if report.is_whole() {
        Ok(Outcome::Done)
    } else {
        eprintln!(
            "vanban: {}: the index is damaged ({}); rebuild it: `vanban index rebuild --index {}`",
            report.path,
            report.summary(),
            report.path
        );
        Ok(Outcome::Nothing)
    }
}

fn rebuild(args: RebuildArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let mut opts = IngestOptions::new(args.index.path.clone());
    opts.memory_budget = args.memory_mb.saturating_mul(1024 * 1024);
    opts.load = global.load_options();
    let from = if args.from_stored {
        RebuildFrom::Stored
    } else {
        RebuildFrom::Folders(args.dirs.clone())
    };
    let summary = with_progress("rebuild", |report| {
        vanban::index::rebuild(&from, &opts, &extractor, report)
    })?;
    if let Some(ingest) = &summary.ingest {
        if !args.json {
            print_summary(ingest, &args.index.path, false)?;
        } else {
            for f in &ingest.failed {
                super::report_failure(&super::with_advice(&f.reason, f.remedy));
            }
        }
    }
    let mut out = output::stdout();
    if args.json {
        output::json(&mut out, &summary)?;
    } else {
        let lost = if summary.lost > 0 {
            format!(
                "; {} stored document(s) could not be read and are lost",
                summary.lost
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "rebuilt {} from {}: {} documents{lost}",
            summary.path, summary.from, summary.documents
        )?;
    }
    output::done(out)?;
    let failed = summary.lost as usize + summary.ingest.as_ref().map_or(0, |s| s.failed.len());
    Ok(if failed > 0 {
        Outcome::Partial
    } else {
        Outcome::Done
    })
}
