//! The `vanban` command line: a thin layer over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use vanban::walk::{walk, Found};
use vanban::{LoadOptions, NormalizeOptions, ReadOptions};

/// Exit code when some files failed but the others were processed.
const EXIT_PARTIAL: u8 = 3;

/// vanban reads Vietnamese government reports, plans and decisions (txt, md, pdf, docx; UTF-8,
/// UTF-16, Windows-1258, TCVN3, VNI) and turns them into clean text and facts.
///
/// Examples:
///   vanban text corpus/quyet-dinh-quy-che-ban-chi-dao.txt         print the normalised text
///   vanban text --info old-file.txt                 which encoding and format was detected
///   vanban scan corpus/                             read every document in a folder, report each
#[derive(Parser, Debug)]
#[command(name = "vanban", version, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// Largest file to read, in bytes; larger files are reported and skipped.
    #[arg(long, global = true, default_value_t = 100 * 1024 * 1024, value_name = "BYTES")]
    max_file_size: u64,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a document's decoded, normalised text (the text `line` numbers refer to).
    ///
    /// Normalising means: Unicode NFC, trailing spaces trimmed, hard-wrapped paragraphs
    /// (PDF exports, old editors) joined back into one line, and footnote numbers glued to a
    /// word marked as superscript. With several files, each is preceded by a `==> FILE <==`
    /// header.
    Text {
        /// Files to read (.txt, .md, .pdf, .docx).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the decoded text without normalising (no unwrapping, no footnote marks).
        #[arg(long, conflicts_with = "info")]
        raw: bool,
        /// Print what was detected (format, encoding, pages, lines, sha256) instead of the text.
        #[arg(long)]
        info: bool,
        /// Rewrite old-style tone placement (hoà, thuý) to the new style (hòa, thúy).
        #[arg(long)]
        canonical: bool,
        /// Prefix every line with its number.
        #[arg(short = 'n', long)]
        line_numbers: bool,
    },
    /// Extract references, dates, periods, fractions, percentages, money and meta as JSON.
    ///
    /// With one file, prints one JSON object (the contract in docs: schema 1). With several
    /// files or a folder, prints JSON Lines, one object per document, in path order, extracted
    /// in parallel. `--out DIR` writes `<stem>.json` per document instead. A file that cannot
    /// be read is reported on stderr with the reason and the others go on (exit code 3).
    ///
    /// Examples:
    ///   vanban extract corpus/quyet-dinh-quy-che-ban-chi-dao.txt
    ///   vanban extract corpus/ > all.jsonl
    ///   vanban extract --out extracted/ corpus/
    #[command(verbatim_doc_comment)]
    Extract {
        /// Files and folders (walked recursively).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Write one `<stem>.json` per document into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Use the rules in this folder instead of the built-in ones (all files of rules/).
        #[arg(long, value_name = "DIR", env = "VANBAN_RULES")]
        rules: Option<PathBuf>,
        /// Indent the JSON (single file or --out).
        #[arg(long)]
        pretty: bool,
    },
    /// Read every document under the given files and folders and report each one.
    ///
    /// Prints one line per document (format, encoding, lines, path) and one per file that
    /// could not be read (with the reason), then a summary. Exit code: 0 when every document
    /// was read, 3 when some could not be (the rest were still read), 1 on a fatal error.
    Scan {
        /// Files and folders (walked recursively).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also list files skipped because their extension is not a document type.
        #[arg(long)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vanban: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let read = ReadOptions {
        max_file_size: cli.max_file_size,
    };
    match cli.command {
        Command::Text {
            files,
            raw,
            info,
            canonical,
            line_numbers,
        } => {
            let opts = LoadOptions {
                read,
                normalize: NormalizeOptions {
                    canonical_tones: canonical,
                },
            };
            text(&files, &opts, raw, info, line_numbers)
        }
        Command::Extract {
            paths,
            out,
            rules,
            pretty,
        } => extract(
            &paths,
            &LoadOptions {
                read,
                ..Default::default()
            },
            out.as_deref(),
            rules.as_deref(),
            pretty,
        ),
        Command::Scan { paths, verbose } => scan(
            &paths,
            &LoadOptions {
                read,
                ..Default::default()
            },
            verbose,
        ),
    }
}

fn text(
    files: &[PathBuf],
    opts: &LoadOptions,
    raw: bool,
    info: bool,
    numbers: bool,
) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for (i, file) in files.iter().enumerate() {
        let doc = match vanban::load(file, opts) {
            Ok(d) => d,
            Err(e) => {
                out.flush().ok();
                eprintln!("vanban: {e}");
                failed += 1;
                continue;
            }
        };
        if files.len() > 1 {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "==> {} <==", file.display())?;
        }
        if info {
            writeln!(out, "path:     {}", doc.path.display())?;
            writeln!(out, "format:   {}", doc.format.name())?;
            let mut enc = doc.encoding.name().to_string();
            if doc.bom {
                enc.push_str(" (with BOM)");
            }
            if doc.crlf {
                enc.push_str(" (CRLF line endings)");
            }
            writeln!(out, "encoding: {enc}")?;
            if let Some(p) = doc.pages {
                writeln!(out, "pages:    {p}")?;
            }
            writeln!(out, "bytes:    {}", doc.bytes)?;
            writeln!(
                out,
                "lines:    {} (normalised), {} (raw)",
                doc.text.lines().count(),
                doc.raw_text.lines().count()
            )?;
            writeln!(out, "sha256:   {}", doc.sha256)?;
            continue;
        }
        let body = if raw { &doc.raw_text } else { &doc.text };
        if numbers {
            for (n, line) in body.lines().enumerate() {
                writeln!(out, "{:>5}\t{line}", n + 1)?;
            }
        } else {
            out.write_all(body.as_bytes())?;
        }
    }
    out.flush().context("writing to standard output")?;
    Ok(exit_for(failed, files.len()))
}

fn exit_for(failed: usize, total: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else if failed == total {
        ExitCode::from(1)
    } else {
        ExitCode::from(EXIT_PARTIAL)
    }
}

fn scan(paths: &[PathBuf], opts: &LoadOptions, verbose: bool) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let found = walk(paths);
    let (mut ok, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    for item in found {
        match item {
            Found::Document(path) => match vanban::load(&path, opts) {
                Ok(doc) => {
                    ok += 1;
                    println!(
                        "ok    {:<5} {:<13} {:>6} lines  {}",
                        doc.format.name(),
                        doc.encoding.name(),
                        doc.text.lines().count(),
                        path.display()
                    );
                }
                Err(e) => {
                    failed += 1;
                    println!("FAIL  {e}");
                    failures.push(e.to_string());
                }
            },
            Found::Skipped(path) => {
                skipped += 1;
                if verbose {
                    println!("skip  not a document type: {}", path.display());
                }
            }
            Found::Error(path, reason) => {
                failed += 1;
                println!("FAIL  {}: {reason}", path.display());
                failures.push(format!("{}: {reason}", path.display()));
            }
        }
    }
    eprintln!(
        "{} read, {} failed, {} skipped (not a document type) in {:.2}s",
        ok,
        failed,
        skipped,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else if ok == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}

fn extract(
    paths: &[PathBuf],
    opts: &LoadOptions,
    out_dir: Option<&std::path::Path>,
    rules_dir: Option<&std::path::Path>,
    pretty: bool,
) -> Result<ExitCode> {
    use rayon::prelude::*;
    use vanban::extract::Extractor;

    let owned;
    let extractor: &Extractor = match rules_dir {
        Some(dir) => {
            let rules = vanban::rules::Rules::load(dir).context("loading --rules")?;
            owned = Extractor::new(rules);
            &owned
        }
        None => Extractor::built_in(),
    };
    let single = paths.len() == 1 && paths[0].is_file();
    let mut files = Vec::new();
    let mut failed = 0usize;
    for item in walk(paths) {
        match item {
            Found::Document(p) => files.push(p),
            Found::Skipped(_) => {}
            Found::Error(p, reason) => {
                eprintln!("vanban: {}: {reason}", p.display());
                failed += 1;
            }
        }
    }
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let results: Vec<(PathBuf, Result<String, String>)> = files
        .par_iter()
        .map(|path| {
            let r = vanban::load(path, opts)
                .map_err(|e| e.to_string())
                .and_then(|doc| {
                    let ex = extractor.extract(&doc);
                    let json = if pretty || (single && out_dir.is_none()) {
                        serde_json::to_string_pretty(&ex)
                    } else {
                        serde_json::to_string(&ex)
                    };
                    json.map_err(|e| format!("{}: cannot write JSON: {e}", path.display()))
                });
            (path.clone(), r)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut ok = 0usize;
    for (path, r) in results {
        match r {
            Ok(json) => {
                ok += 1;
                if let Some(dir) = out_dir {
                    let stem = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let target = dir.join(format!("{stem}.json"));
                    std::fs::write(&target, json + "\n")
                        .with_context(|| format!("writing {}", target.display()))?;
                } else {
                    writeln!(w, "{json}")?;
                }
            }
            Err(e) => {
                w.flush().ok();
                eprintln!("vanban: {e}");
                failed += 1;
            }
        }
    }
    w.flush().context("writing to standard output")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else if ok == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}
