//! `vanban ingest`: the nightly job, with progress and a summary.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::Result;
use vanban::index::{IngestOptions, Progress, Summary};

use super::{output, progress, report_failure, rules, Global, IndexArg, Outcome};

/// Options of `vanban ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// Folders (or files) to ingest.
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    /// Keep indexed documents whose file has disappeared.
    #[arg(long)]
    pub keep_missing: bool,
    /// Commit after every N added or updated documents, N ≥ 1 (default: once at the end).
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub commit_every: Option<usize>,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 200)]
    pub memory_mb: usize,
    /// Skip checking the index's files against their checksums before writing (the check
    /// reads the whole index once).
    #[arg(long)]
    pub no_verify: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--commit-every`: a count of 1 or more.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => {
            Err("must be 1 or more; leave --commit-every out to commit once at the end".into())
        }
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a number of documents")),
    }
}

/// `vanban ingest`.
pub fn ingest(args: IngestArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let mut opts = IngestOptions::new(args.index.path.clone());
    opts.keep_missing = args.keep_missing;
    opts.commit_every = args.commit_every;
    opts.memory_budget = args.memory_mb.saturating_mul(1024 * 1024);
    opts.verify = !args.no_verify;
    opts.load = global.load_options();
    let summary = with_progress("ingest", |report| {
        vanban::index::ingest(&args.dirs, &opts, &extractor, report)
    })?;
    print_summary(&summary, &args.index.path, args.json)?;
    Ok(if summary.failed.is_empty() {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

/// Runs `work` with a progress bar on a terminal, log lines otherwise (`label: n/total files`).
pub fn with_progress<T>(label: &str, work: impl FnOnce(&(dyn Fn(Progress<'_>) + Sync)) -> T) -> T {
    let bar: Mutex<Option<indicatif::ProgressBar>> = Mutex::new(None);
    let done = AtomicUsize::new(0);
    let total = AtomicUsize::new(0);
    let report = |p: Progress<'_>| match p {
        Progress::Start(n) => {
            total.store(n, Ordering::Relaxed);
            match progress::bar(n as u64, "files") {
                Some(b) => *bar.lock().unwrap_or_else(|e| e.into_inner()) = Some(b),
                None => eprintln!("{label}: {n} document files to look at"),
            }
        }
        Progress::File(_) => {
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(b) = bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
                b.set_position(d as u64);
            } else {
                let n = total.load(Ordering::Relaxed).max(1);
                let step = (n / 10).max(100);
                if d % step == 0 || d == n {
                    eprintln!("{label}: {d}/{n} files");
                }
            }
        }
        Progress::Commit(n) => {
            if !progress::on_terminal() {
                eprintln!("{label}: committed ({n} documents written so far)");
            }
        }
    };
    let result = work(&report);
    if let Some(b) = bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
        b.finish_and_clear();
    }
    result
}

/// Prints what an ingest did: failures on stderr, the summary on stdout.
pub fn print_summary(summary: &Summary, index: &std::path::Path, json: bool) -> Result<()> {
    for f in &summary.failed {
        report_failure(&super::with_advice(&f.reason, f.remedy));
    }
    let mut out = output::stdout();
    if json {
        output::json(&mut out, summary)?;
        return output::done(out);
    }
    writeln!(
        out,
        "{} seen: {} added, {} updated, {} unchanged, {} removed, {} failed; {} skipped (not a document type)",
        summary.seen,
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.failed.len(),
        summary.skipped
    )?;
    writeln!(
        out,
        "index {}: {} documents; {:.2} s, {:.1} files/s, {} commit(s)",
        index.display(),
        summary.total,
        summary.seconds,
        summary.docs_per_second,
        summary.commits
    )?;
    let st = &summary.stages;
    if st.bytes > 0 {
        let mb = st.bytes as f64 / 1e6;
        let rate = |s: f64| if s > 0.0 { mb / s } else { 0.0 };
        writeln!(
            out,
            "stages ({mb:.1} MB read): read+normalise {:.2} s ({:.1} MB/s per core), extract {:.2} s ({:.1} MB/s per core), index documents {:.2} s, writer {:.2} s",
            st.read_seconds,
            rate(st.read_seconds),
            st.extract_seconds,
            rate(st.extract_seconds),
            st.build_seconds,
            st.write_seconds
        )?;
    }
    output::done(out)
}
