//! `vanban-gen`: writes a synthetic corpus for benchmarks and load tests.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Most documents one run may write (about 30 GB).
const MAX_DOCS: usize = 1_000_000;

/// Write a realistic synthetic corpus of Vietnamese government documents (for benchmarks
/// and load tests of vanban).
///
/// Reports, plans, decisions and commune criterion reports of varied provinces, districts
/// and communes, citing real national decrees and each other, with results, targets and
/// budgets. About 20% are hard-wrapped like PDF exports, some are NFD or CRLF with a BOM,
/// and about one in eight (of reports) carries a deliberate inconsistency for `vanban check`.
/// Documents average about 30 KB: 100000 documents take about 3 GB. The same --seed always
/// gives the same bytes. OUT/manifest.jsonl lists every document and what was put in it.
///
/// Examples:
///   vanban-gen --docs 1000 /tmp/gen-1k
///   vanban-gen --docs 100000 --seed 7 /data/gen-100k
#[derive(Parser, Debug)]
#[command(name = "vanban-gen", version, verbatim_doc_comment)]
struct Args {
    /// The folder to write into (created; must be empty unless --force).
    #[arg(value_name = "OUT_DIR")]
    out: PathBuf,
    /// Number of documents, 1 to 1000000 (about 30 KB each).
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = docs)]
    docs: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1, value_name = "S")]
    seed: u64,
    /// Write into a folder that already holds files.
    #[arg(long)]
    force: bool,
}

fn docs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_DOCS).contains(&n) => Ok(n),
        _ => Err(format!("must be a number from 1 to {MAX_DOCS}")),
    }
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    let opts = vanban_gen::GenOptions {
        docs: args.docs,
        seed: args.seed,
        force: args.force,
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(opts.docs as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} documents  {per_sec}  eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let step = (opts.docs / 10).max(1000);
    let progress = |n: usize| match &bar {
        Some(b) => b.set_position(n as u64),
        None if n % step == 0 => eprintln!("vanban-gen: {n}/{} documents", opts.docs),
        None => {}
    };
    let summary = match vanban_gen::generate(&opts, &args.out, &progress) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("vanban-gen: error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} documents, {:.1} MB ({} hard-wrapped, {} with a deliberate inconsistency) in {:.1} s; manifest {}",
        args.out.display(),
        summary.docs,
        summary.bytes as f64 / 1e6,
        summary.wrapped,
        summary.with_inconsistency,
        summary.seconds,
        args.out.join("manifest.jsonl").display()
    );
    ExitCode::SUCCESS
}
