//! `vanban text`, `vanban scan` and `vanban extract`: reading documents and printing their
//! text, a report of each, or their facts as JSON.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use vanban::pipeline::Pipeline;
use vanban::{LoadOptions, NormalizeOptions};

use super::{output, read_error_text, report_failure, rules, Global, Outcome};

/// Options of `vanban text`.
#[derive(clap::Args, Debug)]
pub struct TextArgs {
    /// Files to read (.txt, .md, .pdf, .docx, .doc).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the decoded text without normalising (no unwrapping, no footnote marks).
    #[arg(long, conflicts_with = "info")]
    pub raw: bool,
    /// Print what was detected (format, encoding, pages, lines, sha256) instead of the text.
    #[arg(long)]
    pub info: bool,
    /// Rewrite old-style tone placement (hoà, thuý) to the new style (hòa, thúy).
    #[arg(long)]
    pub canonical: bool,
    /// Prefix every line with its number.
    #[arg(short = 'n', long)]
    pub line_numbers: bool,
}

/// `vanban text`.
pub fn text(args: TextArgs, global: &Global) -> Result<Outcome> {
    let opts = LoadOptions {
        read: global.read_options(),
        normalize: NormalizeOptions {
            canonical_tones: args.canonical,
        },
    };
    let mut out = output::stdout();
    let (mut done, mut failed) = (0, 0);
    for (i, file) in args.files.iter().enumerate() {
        let doc = match vanban::load(file, &opts) {
            Ok(d) => d,
            Err(e) => {
                out.flush().ok();
                report_failure(&read_error_text(&e));
                failed += 1;
                continue;
            }
        };
        done += 1;
        if args.files.len() > 1 {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "==> {} <==", file.display())?;
        }
        if args.info {
            writeln!(out, "path:     {}", doc.raw.path.display())?;
            writeln!(out, "format:   {}", doc.raw.format.name())?;
            let mut enc = doc.raw.encoding.name().to_string();
            if doc.raw.bom {
                enc.push_str(" (with BOM)");
            }
            if doc.raw.crlf {
                enc.push_str(" (CRLF line endings)");
            }
            writeln!(out, "encoding: {enc}")?;
            if let Some(p) = doc.raw.pages {
                writeln!(out, "pages:    {p}")?;
            }
            writeln!(out, "bytes:    {}", doc.raw.bytes)?;
            writeln!(
                out,
                "lines:    {} (normalised), {} (raw)",
                doc.text.lines().count(),
                doc.raw.text.lines().count()
            )?;
            writeln!(out, "sha256:   {}", doc.sha256)?;
            continue;
        }
        let body = if args.raw { &doc.raw.text } else { &doc.text };
        if args.line_numbers {
            for (n, line) in body.lines().enumerate() {
                writeln!(out, "{:>5}\t{line}", n + 1)?;
            }
        } else {
            out.write_all(body.as_bytes())?;
        }
    }
    output::done(out)?;
    Ok(Outcome::of(done, failed))
}

/// Options of `vanban scan`.
#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    /// Files and folders (walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also list files skipped because their extension is not a document type.
    #[arg(long)]
    pub verbose: bool,
}

/// `vanban scan`.
pub fn scan(args: ScanArgs, global: &Global) -> Result<Outcome> {
    let opts = global.load_options();
    let started = std::time::Instant::now();
    let found = vanban::walk::collect(&args.paths);
    let mut out = output::stdout();
    let (mut ok, mut failed) = (0usize, 0usize);
    let mut fail = |out: &mut dyn Write, reason: &str| {
        out.flush().ok();
        eprintln!("FAIL  {reason}");
        failed += 1;
    };
    for (path, reason) in &found.failures {
        fail(&mut out, &format!("{}: {reason}", path.display()));
    }
    for path in &found.documents {
        match vanban::load(path, &opts) {
            Ok(doc) => {
                ok += 1;
                writeln!(
                    out,
                    "ok    {:<5} {:<13} {:>6} lines  {}",
                    doc.raw.format.name(),
                    doc.raw.encoding.name(),
                    doc.text.lines().count(),
                    path.display()
                )?;
            }
            Err(e) => fail(&mut out, &read_error_text(&e)),
        }
    }
    if args.verbose {
        for path in &found.skipped {
            writeln!(out, "skip  not a document type: {}", path.display())?;
        }
    }
    output::done(out)?;
    eprintln!(
        "{} read, {} failed, {} skipped (not a document type) in {:.2}s",
        ok,
        failed,
        found.skipped.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::of(ok, failed))
}

/// Options of `vanban extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Files and folders (walked recursively).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write one `<stem>.json` per document into this folder. Documents whose stems are the
    /// same get `<name with extension>.json`, or the end of their path (`a__x.txt.json`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Indent the JSON (single file or --out).
    #[arg(long)]
    pub pretty: bool,
    /// Also judge each document's results against the targets of the plans in this index
    /// that bind it (plans it cites or implements, or of the same place, level and period):
    /// a missed target is a `target_missed` finding, as `vanban check --index` reports it.
    #[arg(long, value_name = "INDEX")]
    pub index: Option<PathBuf>,
}

/// `vanban extract`.
pub fn extract(args: ExtractArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let opts = global.load_options();
    let single = args.paths.len() == 1 && args.paths[0].is_file();
    let found = Pipeline::collect(&args.paths);
    let mut failed = found.failures.len();
    for (path, reason) in &found.failures {
        report_failure(&format!("{}: {reason}", path.display()));
    }
    let files = found.documents;
    let names = args.out.as_ref().map(|_| out_names(&files));
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let pretty = args.pretty || (single && args.out.is_none());
    let plans = match &args.index {
        Some(idx) => vanban::index::query::plans(idx)?,
        None => Vec::new(),
    };
    let plan_refs: Vec<(String, &vanban::model::Extract)> =
        plans.iter().map(|(l, p)| (l.clone(), p)).collect();
    let mut w = output::stdout();
    let mut ok = 0usize;
    // Parallel in batches, output in file order, memory bounded by the batch; each
    // document is serialised on the pool too.
    let pipeline = Pipeline::new(extractor.shared(), opts);
    let to_json = |path: &Path, read: vanban::pipeline::Processed| {
        let (_, mut ex) = read.map_err(|e| read_error_text(&e))?;
        if args.index.is_some() {
            vanban::check::add_missed(&mut ex, &plan_refs, extractor.rules());
        }
        if global.lang != vanban::messages::Lang::Vi {
            ex.findings.iter_mut().for_each(|f| f.say_in(global.lang));
        }
        let json = if pretty {
            serde_json::to_string_pretty(&ex)
        } else {
            serde_json::to_string(&ex)
        };
        json.map_err(|e| format!("{}: cannot write JSON: {e}", path.display()))
    };
    for (i, r) in pipeline.run(&files, to_json).enumerate() {
        match r {
            Ok(json) => {
                ok += 1;
                match (&args.out, &names) {
                    (Some(dir), Some(names)) => {
                        let target = dir.join(&names[i]);
                        std::fs::write(&target, json + "\n")
                            .with_context(|| format!("writing {}", target.display()))?;
                    }
                    _ => writeln!(w, "{json}")?,
                }
            }
            Err(e) => {
                w.flush().ok();
                report_failure(&e);
                failed += 1;
            }
        }
    }
    output::done(w)?;
    Ok(Outcome::of(ok, failed))
}

/// The file name under `--out` of each document: `<stem>.json` when no other document has
/// that stem; else `<file name>.json` (`y.md.json`, `y.txt.json`) when that is unique; else
/// the shortest end of the path that is (`a__x.txt.json`, `b__x.txt.json`).
fn out_names(files: &[PathBuf]) -> Vec<String> {
    let stem = |p: &Path| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let tail = |p: &Path, n: usize| {
        let parts: Vec<String> = p
            .components()
            .filter(|c| matches!(c, std::path::Component::Normal(_)))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts[parts.len().saturating_sub(n)..].join("__")
    };
    let count = |names: &[String]| {
        let mut n: HashMap<String, usize> = HashMap::new();
        for name in names {
            *n.entry(name.clone()).or_default() += 1;
        }
        n
    };
    let mut names: Vec<String> = files.iter().map(|p| stem(p)).collect();
    let mut depth = 1;
    loop {
        let counts = count(&names);
        let clashing: Vec<usize> = (0..files.len())
            .filter(|&i| counts[&names[i]] > 1)
            .collect();
        if clashing.is_empty() || depth > 64 {
            break;
        }
        for i in clashing {
            names[i] = tail(&files[i], depth);
        }
        depth += 1;
    }
    names.into_iter().map(|n| format!("{n}.json")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_names_are_unique_and_short() {
        let files: Vec<PathBuf> = [
            "in/a/x.txt",
            "in/b/x.txt",
            "in/a/y.md",
            "in/a/y.txt",
            "z.pdf",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            out_names(&files),
            [
                "a__x.txt.json",
                "b__x.txt.json",
                "y.md.json",
                "y.txt.json",
                "z.json"
            ]
        );
    }
}
