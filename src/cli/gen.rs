//! `vanban gen-corpus`: a synthetic corpus for benchmarks, with progress.

use std::path::PathBuf;

use anyhow::Result;

use super::{progress, Outcome};

/// Most documents one run may write (about 30 GB).
pub const MAX_DOCS: usize = 1_000_000;

/// Options of `vanban gen-corpus`.
#[derive(clap::Args, Debug)]
pub struct GenArgs {
    /// The folder to write into (created; must be empty unless --force).
    #[arg(value_name = "OUT_DIR")]
    pub out: PathBuf,
    /// Number of documents, 1 to 1000000 (about 30 KB each).
    #[arg(long, default_value_t = 1000, value_name = "N", value_parser = docs)]
    pub docs: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Write into a folder that already holds files.
    #[arg(long)]
    pub force: bool,
}

fn docs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_DOCS).contains(&n) => Ok(n),
        _ => Err(format!("must be a number from 1 to {MAX_DOCS}")),
    }
}

/// `vanban gen-corpus`.
pub fn gen_corpus(args: GenArgs) -> Result<Outcome> {
    let opts = vanban::gen::GenOptions {
        docs: args.docs,
        seed: args.seed,
        force: args.force,
    };
    let bar = progress::bar(opts.docs as u64, "documents");
    let step = (opts.docs / 10).max(1000);
    let report = |n: usize| match &bar {
        Some(b) => b.set_position(n as u64),
        None if n % step == 0 => eprintln!("gen-corpus: {n}/{} documents", opts.docs),
        None => {}
    };
    let summary = vanban::gen::generate(&opts, &args.out, &report)?;
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
    Ok(Outcome::Done)
}
