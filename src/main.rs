//! The `vanban` command line: a thin layer over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use vanban::walk::{walk, Found};
use vanban::{LoadOptions, NormalizeOptions, ReadOptions};

mod commands;

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

    /// Most pages read from one PDF; longer PDFs are reported and skipped.
    #[arg(long, global = true, default_value_t = 5000, value_name = "N")]
    max_pages: usize,

    /// Most bytes one compressed part (DOCX zip entry, PDF page content) may expand to;
    /// guards against zip and flate bombs.
    #[arg(long, global = true, default_value_t = 256 * 1024 * 1024, value_name = "BYTES")]
    max_decompressed: u64,

    /// Longest time parsing one PDF or DOCX may take, in seconds (0: no limit); a document that
    /// takes longer is reported and skipped. (Text is read in linear time and needs none.)
    #[arg(long, global = true, default_value_t = 60, value_name = "SECONDS")]
    time_budget: u64,
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
    /// Ingest folders into the index (the nightly job): read, extract and index what changed.
    ///
    /// Walks the folders recursively. A file whose sha256 is unchanged is skipped, a changed one
    /// replaces its old version, a file gone from a folder is removed (unless --keep-missing).
    /// A file that cannot be read is reported with its reason; an older indexed version of it is
    /// kept. Changes are committed at the end (or every --commit-every documents), so a run
    /// killed at any moment leaves the last committed index intact; rerun to finish. A second
    /// ingest on the same index while one runs is refused.
    ///
    /// Exit code: 0 all files ingested, 3 some failed (the rest landed), 1 fatal error.
    ///
    /// Examples:
    ///   vanban ingest corpus/
    ///   vanban ingest --index /srv/vanban/index /srv/reports/2024 /srv/reports/2025 --json
    #[command(verbatim_doc_comment)]
    Ingest {
        /// Folders (or files) to ingest.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        index: IndexArg,
        /// Keep indexed documents whose file has disappeared.
        #[arg(long)]
        keep_missing: bool,
        /// Commit after every N added or updated documents (default: once at the end).
        #[arg(long, value_name = "N")]
        commit_every: Option<usize>,
        /// Memory budget of the index writer, in MB.
        #[arg(long, value_name = "MB", default_value_t = 200)]
        memory_mb: usize,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// Use the rules in this folder instead of the built-in ones.
        #[arg(long, value_name = "DIR", env = "VANBAN_RULES")]
        rules: Option<PathBuf>,
    },
    /// Search the index; accents optional (`chuyen doi so` finds `chuyển đổi số`).
    ///
    /// Words must all match (use OR for either), "quoted phrases" match in order, -word
    /// excludes. A query typed with accents ranks exact-accent matches first.
    ///
    /// Examples:
    ///   vanban search "chuyen doi so"
    ///   vanban search '"dịch vụ công trực tuyến"' --kind report --year 2022
    ///   vanban search "ho so truc tuyen" --cites 2198/KH-UBND --json
    #[command(verbatim_doc_comment)]
    Search {
        /// The query.
        #[arg(value_name = "QUERY", default_value = "")]
        query: String,
        #[command(flatten)]
        index: IndexArg,
        /// Only this kind: report, plan, decision, letter, other (or a type: "kế hoạch").
        #[arg(long)]
        kind: Option<String>,
        /// Only documents about this year (their date, dates or periods).
        #[arg(long)]
        year: Option<u64>,
        /// Only documents whose issuer has these words (accents optional).
        #[arg(long)]
        issuer: Option<String>,
        /// Only documents whose place has these words (accents optional).
        #[arg(long)]
        place: Option<String>,
        /// Only documents citing this id (any spelling).
        #[arg(long, value_name = "ID")]
        cites: Option<String>,
        /// Most results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Results to skip (for paging).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List every document citing an id, with the line and sentence of each citation.
    ///
    /// The id may be spelled any way (`2198/KH-UBND`, `2198 /KH – UBND`, `2198/kh-ubnd`).
    /// When citations give different years or issuers for the same number, they are grouped
    /// and the answer says the number may name different documents.
    #[command(verbatim_doc_comment)]
    Cites {
        /// The cited id.
        id: String,
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List what a document cites, marking references that resolve to indexed documents.
    Refs {
        /// The document: its path, its key in the index, or its own number.
        doc: String,
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the whole citation graph (documents and the ids they cite).
    Graph {
        #[command(flatten)]
        index: IndexArg,
        /// Output format.
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
    /// Export every document for Elasticsearch/OpenSearch (bulk NDJSON, deterministic _id).
    ///
    /// Writes files of at most 10 MB each into --out; load them with
    /// `curl -H 'Content-Type: application/x-ndjson' --data-binary @FILE http://HOST:9200/_bulk`.
    /// Re-exporting after a nightly ingest gives the same _id for the same document.
    #[command(verbatim_doc_comment)]
    Export {
        #[command(flatten)]
        index: IndexArg,
        /// Output format.
        #[arg(long, value_enum, default_value = "es-bulk")]
        format: ExportFormatArg,
        /// Folder for the export files.
        #[arg(long, value_name = "DIR", default_value = "vanban-export")]
        out: PathBuf,
        /// Index name in the bulk action lines.
        #[arg(long, default_value = "vanban")]
        index_name: String,
    },
    /// Check the figures of documents like an auditor with a calculator.
    ///
    /// Finds: percent_mismatch (a stated % that is not numerator/denominator), rounding_truncation
    /// (info: cut off instead of rounded), implausible_over_100 (a share over 100%), sum_mismatch
    /// (parts that do not add up to the stated total), count_mismatch (a summary that disagrees
    /// with the criteria below it), evaluation_contradicts_figures (`Đạt` while the figure misses
    /// the requirement, or the reverse) and, with --index, target_missed (a result below the
    /// target of the plan it cites or of the same place).
    ///
    /// Exit code: 0 when no error-level finding, 1 otherwise (so it can gate a batch).
    ///
    /// Examples:
    ///   vanban check corpus/
    ///   vanban check --index vanban-index --csv report.txt > findings.csv
    #[command(verbatim_doc_comment)]
    Check {
        /// Files and folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also compare results with the targets of plans in this index (target_missed).
        #[arg(long, value_name = "PATH")]
        index: Option<PathBuf>,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (UTF-8 with BOM, opens in Excel with Vietnamese intact).
        #[arg(long)]
        csv: bool,
        /// Also list info-level findings (rounding cut off instead of rounded).
        #[arg(long)]
        all: bool,
    },
    /// The analyst's view of progress: each indicator's targets and reported values.
    ///
    /// Groups the targets of plans and the results of reports in the index by indicator (words
    /// in common, accents ignored) and place, and shows each plan's target and horizon, each
    /// report's value and date, and whether the target due by then was met.
    #[command(verbatim_doc_comment)]
    Indicators {
        #[command(flatten)]
        index: IndexArg,
        /// Print JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV (UTF-8 with BOM).
        #[arg(long)]
        csv: bool,
    },
    /// Serve a read-only web app over the index: search, documents, citations, findings,
    /// indicators, and a JSON API under /api/.
    ///
    /// Listens on 127.0.0.1 (this machine only) unless --addr says otherwise. Keeps answering
    /// while a nightly ingest writes, and shows its commit a moment after it lands.
    ///
    /// Examples:
    ///   vanban serve --index vanban-index                 then open http://127.0.0.1:8080/
    ///   vanban serve --addr 0.0.0.0:8080                  reachable from the office network
    #[command(verbatim_doc_comment)]
    Serve {
        #[command(flatten)]
        index: IndexArg,
        /// Address and port to listen on.
        #[arg(long, value_name = "IP:PORT", default_value = vanban::serve::DEFAULT_ADDR)]
        addr: std::net::SocketAddr,
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
    /// Write a realistic synthetic corpus (for benchmarks and load tests).
    ///
    /// Reports, plans, decisions and commune criterion reports of varied provinces, districts
    /// and communes, citing real national decrees and each other, with results, targets and
    /// budgets. About 20% are hard-wrapped like PDF exports, some are NFD or CRLF with a BOM,
    /// and about one in eight (of reports) carries a deliberate inconsistency for `check`.
    /// Documents average about 30 KB: 100000 documents take about 3 GB. The same --seed always
    /// gives the same bytes. OUT/manifest.jsonl lists every document and what was put in it.
    ///
    /// Examples:
    ///   vanban gen-corpus --docs 1000 /tmp/gen-1k
    ///   vanban gen-corpus --docs 100000 --seed 7 /data/gen-100k
    #[command(verbatim_doc_comment)]
    GenCorpus {
        /// The folder to write into (created; must be empty unless --force).
        #[arg(value_name = "OUT_DIR")]
        out: PathBuf,
        /// Number of documents.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        docs: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1, value_name = "S")]
        seed: u64,
        /// Write into a folder that already holds files.
        #[arg(long)]
        force: bool,
    },
}

/// Where the index is.
#[derive(clap::Args, Debug)]
struct IndexArg {
    /// The index folder.
    #[arg(long = "index", value_name = "PATH", env = "VANBAN_INDEX", default_value = vanban::index::DEFAULT_INDEX)]
    path: PathBuf,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum GraphFormat {
    Dot,
    Json,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum ExportFormatArg {
    EsBulk,
    Ndjson,
}

fn main() -> ExitCode {
    restore_sigpipe();
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
        max_pages: cli.max_pages,
        max_decompressed: cli.max_decompressed,
        time_budget: (cli.time_budget > 0).then(|| std::time::Duration::from_secs(cli.time_budget)),
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
        Command::Ingest {
            dirs,
            index,
            keep_missing,
            commit_every,
            memory_mb,
            json,
            rules,
        } => {
            let mut opts = vanban::index::ingest::IngestOptions::new(index.path);
            opts.keep_missing = keep_missing;
            opts.commit_every = commit_every;
            opts.memory_budget = memory_mb.saturating_mul(1024 * 1024);
            opts.load = LoadOptions {
                read,
                ..Default::default()
            };
            commands::ingest(&dirs, &opts, rules.as_deref(), json)
        }
        Command::Search {
            query,
            index,
            kind,
            year,
            issuer,
            place,
            cites,
            limit,
            offset,
            json,
        } => {
            let opts = vanban::index::query::SearchOptions {
                query,
                kind,
                year,
                issuer,
                place,
                cites,
                limit,
                offset,
            };
            commands::search(&index.path, &opts, json)
        }
        Command::Cites { id, index, json } => commands::cites(&index.path, &id, json),
        Command::Refs { doc, index, json } => commands::refs(&index.path, &doc, json),
        Command::Graph { index, format } => {
            commands::graph(&index.path, matches!(format, GraphFormat::Dot))
        }
        Command::Export {
            index,
            format,
            out,
            index_name,
        } => {
            let f = match format {
                ExportFormatArg::EsBulk => vanban::index::query::ExportFormat::EsBulk,
                ExportFormatArg::Ndjson => vanban::index::query::ExportFormat::Ndjson,
            };
            commands::export(&index.path, f, &out, &index_name)
        }
        Command::Check {
            paths,
            index,
            json,
            csv,
            all,
        } => commands::check(
            &paths,
            &LoadOptions {
                read,
                ..Default::default()
            },
            index.as_deref(),
            json,
            csv,
            all,
        ),
        Command::Indicators { index, json, csv } => commands::indicators(&index.path, json, csv),
        Command::GenCorpus {
            out,
            docs,
            seed,
            force,
        } => commands::gen_corpus(&out, &vanban::gen::GenOptions { docs, seed, force }),
        Command::Serve { index, addr } => {
            let mut opts = vanban::serve::ServeOptions::new(index.path);
            opts.addr = addr;
            vanban::serve::serve(&opts)?;
            Ok(ExitCode::SUCCESS)
        }
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
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut ok = 0usize;
    // In batches: parallel within a batch, output in file order, memory bounded by the batch.
    for batch in files.chunks(256) {
        let results: Vec<(&PathBuf, Result<String, String>)> = batch
            .par_iter()
            .map(|path| {
                let r = vanban::load(path, opts)
                    .map_err(|e| e.to_string())
                    .and_then(|doc| {
                        let ex = vanban::analyze(&doc, extractor);
                        let json = if pretty || (single && out_dir.is_none()) {
                            serde_json::to_string_pretty(&ex)
                        } else {
                            serde_json::to_string(&ex)
                        };
                        json.map_err(|e| format!("{}: cannot write JSON: {e}", path.display()))
                    });
                (path, r)
            })
            .collect();
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

/// `vanban search … | head` must end quietly when `head` closes the pipe, as other command-line
/// tools do, instead of failing on the next write. Rust ignores SIGPIPE by default; restore the
/// default action.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
