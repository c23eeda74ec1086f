//! The `vanban` command line: clap, then one call per command. Each command lives in a module
//! of [`cli`]; the work is in the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

/// vanban reads Vietnamese government reports, plans and decisions (txt, md, pdf, docx; UTF-8,
/// UTF-16, Windows-1258, TCVN3, VNI) and turns them into clean text and facts.
///
/// Examples:
///   vanban text corpus/quyet-dinh-quy-che-ban-chi-dao.txt         print the normalised text
///   vanban text --info old-file.txt                 which encoding and format was detected
///   vanban scan corpus/                             read every document in a folder, report each
///
/// Exit codes (every command): 0 all done; 3 some files could not be read (each reported on
/// stderr with the reason; the rest was done); 1 nothing could be done (usage or fatal error);
/// 4 `check --fail-on` found what it was asked to fail on.
#[derive(Parser, Debug)]
#[command(name = "vanban", version, verbatim_doc_comment)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: cli::Global,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a document's decoded, normalised text (the text `line` numbers refer to).
    ///
    /// Normalising means: Unicode NFC, trailing spaces trimmed, hard-wrapped paragraphs
    /// (PDF exports, old editors) joined back into one line, and footnote numbers glued to a
    /// word marked as superscript. With several files, each is preceded by a `==> FILE <==`
    /// header.
    Text(cli::text::TextArgs),
    /// Extract meta, references, dates, periods, figures, results, targets and findings as JSON.
    ///
    /// With one file, prints one JSON object (schema 2, the contract README describes). With
    /// several files or a folder, prints JSON Lines, one object per document, in path order,
    /// extracted in parallel. `--out DIR` writes `<stem>.json` per document instead (documents
    /// with the same stem get longer, still unique, names). `--index K` also judges each
    /// document's results against the plans of index K that bind it (`target_missed`
    /// findings). A file that cannot be read is reported on stderr with the reason and the
    /// others go on (exit code 3).
    ///
    /// Examples:
    ///   vanban extract corpus/quyet-dinh-quy-che-ban-chi-dao.txt
    ///   vanban extract corpus/ > all.jsonl
    ///   vanban extract --out extracted/ corpus/
    ///   vanban extract --index idx corpus/bao-cao-cds-2024-xa-my-hoa.txt
    #[command(verbatim_doc_comment)]
    Extract(cli::text::ExtractArgs),
    /// Ingest folders into the index (the nightly job): read, extract and index what changed.
    ///
    /// Walks the folders recursively. A file whose sha256 is unchanged is skipped, a changed one
    /// replaces its old version, a file gone from a folder is removed (unless --keep-missing).
    /// Each document is known by its absolute path, so same-named folders in different places
    /// stay apart. A file or folder that cannot be read (or a folder given that is missing) is
    /// reported on stderr with its reason and its indexed documents are kept. Only regular
    /// files are read: devices, FIFOs and sockets are reported. Before writing, the index's
    /// files are checked against their checksums; a damaged index is refused (see `vanban
    /// index`). Changes are committed at the end (or every --commit-every documents), so a run
    /// killed at any moment leaves the last committed index intact; rerun to finish. A run that
    /// fails, a full disk for one, removes the files it started. A second ingest on the same
    /// index while one runs is refused.
    ///
    /// Exit code: 0 all files ingested, 3 some failed (the rest landed), 1 nothing could be
    /// done (the index is then untouched).
    ///
    /// Examples:
    ///   vanban ingest corpus/
    ///   vanban ingest --index /srv/vanban/index /srv/reports/2024 /srv/reports/2025 --json
    #[command(verbatim_doc_comment)]
    Ingest(cli::ingest::IngestArgs),
    /// Search the index; accents optional (`chuyen doi so` finds `chuyển đổi số`).
    ///
    /// Words must all match (use OR for either), "quoted phrases" match in order, -word
    /// excludes (a query of only -words lists every document without them). A query typed with
    /// accents ranks exact-accent matches first.
    ///
    /// Examples:
    ///   vanban search "chuyen doi so"
    ///   vanban search -- -OCOP --kind plan
    ///   vanban search '"dịch vụ công trực tuyến"' --kind report --year 2022
    ///   vanban search "ho so truc tuyen" --cites 2198/KH-UBND --json
    #[command(verbatim_doc_comment)]
    Search(cli::query::SearchArgs),
    /// List every document citing an id, with the line and sentence of each citation.
    ///
    /// The id may be spelled any way (`2198/KH-UBND`, `2198 /KH – UBND`, `2198/kh-ubnd`).
    /// When citations give different years or issuers for the same number, they are grouped
    /// and the answer says the number may name different documents.
    #[command(verbatim_doc_comment)]
    Cites(cli::query::CitesArgs),
    /// List what a document cites, marking references that resolve to indexed documents.
    Refs(cli::query::RefsArgs),
    /// Export the whole citation graph (documents and the ids they cite).
    Graph(cli::query::GraphArgs),
    /// Export every document for Elasticsearch/OpenSearch (bulk NDJSON, deterministic _id).
    ///
    /// Writes files of at most 10 MB each into --out; load them with
    /// `curl -H 'Content-Type: application/x-ndjson' --data-binary @FILE http://HOST:9200/_bulk`.
    /// Re-exporting after a nightly ingest gives the same _id for the same document.
    #[command(verbatim_doc_comment)]
    Export(cli::query::ExportArgs),
    /// Check the figures of documents like an auditor with a calculator.
    ///
    /// Finds: percent_mismatch (a stated % that is not numerator/denominator), rounding_truncation
    /// (info: cut off instead of rounded), implausible_over_100 (a share over 100%), sum_mismatch
    /// (parts that do not add up to the stated total), count_mismatch (a summary that disagrees
    /// with the criteria below it), evaluation_contradicts_figures (`Đạt` while the figure misses
    /// the requirement, or the reverse), value_mismatch (a level the text states for a year
    /// that the annex table's row of that year gives otherwise) and, with --index,
    /// target_missed (a result below the target of the plan it cites or of the same place).
    ///
    /// Exit code: 0 checked (whatever was found), 3 some files could not be read, 1 none
    /// could; with --fail-on LEVEL, 4 when a finding at or above LEVEL is printed (to gate a
    /// batch).
    ///
    /// Examples:
    ///   vanban check corpus/
    ///   vanban check --fail-on error reports/ || echo "figures to look at"
    ///   vanban check --index vanban-index --csv report.txt > findings.csv
    #[command(verbatim_doc_comment)]
    Check(cli::check::CheckArgs),
    /// The analyst's view of progress: each indicator's targets and reported values.
    ///
    /// Groups the targets of plans and the results of reports in the index by indicator (words
    /// in common, accents ignored) and place, and shows each plan's target and horizon, each
    /// report's value and date, and whether the target due by then was met.
    #[command(verbatim_doc_comment)]
    Indicators(cli::check::IndicatorsArgs),
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
    Serve(cli::serve::ServeArgs),
    /// Read every document under the given files and folders and report each one.
    ///
    /// Prints one line per document (format, encoding, lines, path) and one per file that
    /// could not be read (with the reason), then a summary. Exit code: 0 when every document
    /// was read, 3 when some could not be (the rest were still read), 1 on a fatal error.
    Scan(cli::text::ScanArgs),
    /// Check or rebuild the index: `vanban index verify`, `vanban index rebuild`.
    #[command(subcommand)]
    Index(cli::index::IndexCommand),
}

fn main() -> ExitCode {
    cli::restore_sigpipe();
    vanban::index::quiet_caught_panics();
    let Cli { command, global } = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return cli::usage(e),
    };
    let g = &global;
    cli::finish(match command {
        Command::Text(args) => cli::text::text(args, g),
        Command::Scan(args) => cli::text::scan(args, g),
        Command::Extract(args) => cli::text::extract(args, g),
        Command::Ingest(args) => cli::ingest::ingest(args, g),
        Command::Search(args) => cli::query::search(args, g),
        Command::Cites(args) => cli::query::cites(args, g),
        Command::Refs(args) => cli::query::refs(args, g),
        Command::Graph(args) => cli::query::graph(args),
        Command::Export(args) => cli::query::export(args),
        Command::Check(args) => cli::check::check(args, g),
        Command::Indicators(args) => cli::check::indicators(args, g),
        Command::Index(command) => cli::index::run(command, g),
        Command::Serve(args) => cli::serve::serve(args),
    })
}
