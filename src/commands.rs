//! Presentation of the index commands: progress, tables, JSON. The work is in the library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};
use vanban::extract::Extractor;
use vanban::index::ingest::{IngestOptions, Progress};
use vanban::index::query::{self, ExportFormat, SearchOptions};

use crate::EXIT_PARTIAL;

fn extractor(rules: Option<&Path>) -> Result<&'static Extractor> {
    Ok(match rules {
        Some(dir) => {
            let rules = vanban::rules::Rules::load(dir).context("loading --rules")?;
            Box::leak(Box::new(Extractor::new(rules)))
        }
        None => Extractor::built_in(),
    })
}

pub fn ingest(
    dirs: &[PathBuf],
    opts: &IngestOptions,
    rules: Option<&Path>,
    json: bool,
) -> Result<ExitCode> {
    let ex = extractor(rules)?;
    let terminal = std::io::stderr().is_terminal();
    let bar: Mutex<Option<indicatif::ProgressBar>> = Mutex::new(None);
    let done = AtomicUsize::new(0);
    let total = AtomicUsize::new(0);
    let progress = |p: Progress<'_>| match p {
        Progress::Start(n) => {
            total.store(n, Ordering::Relaxed);
            if terminal {
                let b = indicatif::ProgressBar::new(n as u64);
                b.set_style(
                    indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files  {per_sec}  eta {eta}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                *bar.lock().unwrap_or_else(|e| e.into_inner()) = Some(b);
            } else {
                eprintln!("ingest: {n} document files to look at");
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
                    eprintln!("ingest: {d}/{n} files");
                }
            }
        }
        Progress::Commit(n) => {
            if !terminal {
                eprintln!("ingest: committed ({n} documents written so far)");
            }
        }
    };
    let summary = vanban::index::ingest::ingest(dirs, opts, ex, &progress)?;
    if let Some(b) = bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
        b.finish_and_clear();
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        println!(
            "{} seen: {} added, {} updated, {} unchanged, {} removed, {} failed; {} skipped (not a document type)",
            summary.seen,
            summary.added,
            summary.updated,
            summary.unchanged,
            summary.removed,
            summary.failed.len(),
            summary.skipped
        );
        for f in &summary.failed {
            println!("  failed: {}", f.reason);
        }
        println!(
            "index {}: {} documents; {:.2} s, {:.1} files/s, {} commit(s)",
            opts.index.display(),
            summary.total,
            summary.seconds,
            summary.docs_per_second,
            summary.commits
        );
        let st = &summary.stages;
        if st.bytes > 0 {
            let mb = st.bytes as f64 / 1e6;
            let rate = |s: f64| if s > 0.0 { mb / s } else { 0.0 };
            println!(
                "stages ({mb:.1} MB read): read+normalise {:.2} s ({:.1} MB/s per core), extract {:.2} s ({:.1} MB/s per core), index documents {:.2} s, writer {:.2} s",
                st.read_seconds,
                rate(st.read_seconds),
                st.extract_seconds,
                rate(st.extract_seconds),
                st.build_seconds,
                st.write_seconds
            );
        }
    }
    Ok(if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PARTIAL)
    })
}

fn highlight(snippet: &str, ranges: &[(usize, usize)], terminal: bool) -> String {
    let (open, close) = if terminal {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at || e > snippet.len() {
            continue;
        }
        out.push_str(&snippet[at..s]);
        out.push_str(open);
        out.push_str(&snippet[s..e]);
        out.push_str(close);
        at = e;
    }
    out.push_str(&snippet[at..]);
    out
}

pub fn search(index: &Path, opts: &SearchOptions, json: bool) -> Result<ExitCode> {
    let res = query::search(index, opts, Extractor::built_in())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let terminal = std::io::stdout().is_terminal();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} document(s) match; showing {}",
        res.total,
        res.hits.len()
    )?;
    for h in &res.hits {
        writeln!(
            out,
            "\n{:>3}. {}  {}  {}  [{}]  score {:.2}",
            h.rank,
            h.number.as_deref().unwrap_or("(no number)"),
            h.kind,
            h.date.as_deref().unwrap_or("-"),
            h.path,
            h.score
        )?;
        if let Some(t) = &h.title {
            writeln!(out, "     {t}")?;
        }
        let line = h.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        writeln!(
            out,
            "     {line}{}",
            highlight(&h.snippet, &h.highlights, terminal)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn cites(index: &Path, id: &str, json: bool) -> Result<ExitCode> {
    let res = query::cites(index, id, Extractor::built_in())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let n: usize = res.groups.iter().map(|g| g.citations.len()).sum();
    println!(
        "{}: cited {} time(s) in {} document(s)",
        res.id, n, res.documents
    );
    if res.ambiguous {
        println!(
            "note: the citations give {} different year/issuer combinations; the number may name different documents (grouped below)",
            res.groups.len()
        );
    }
    for g in &res.groups {
        if res.ambiguous || res.groups.len() > 1 {
            println!(
                "\n== {} {}",
                g.year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "year not given".into()),
                g.issuer.as_deref().unwrap_or("(issuer not given)")
            );
        }
        for c in &g.citations {
            println!(
                "{}:{}  [{}{}]  {}",
                c.path,
                c.line,
                c.role,
                c.date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                c.sentence
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn refs(index: &Path, doc: &str, json: bool) -> Result<ExitCode> {
    let (key, list) = query::refs(index, doc, Extractor::built_in())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({"document": key, "references": list})
            )?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{key} cites {} reference(s):", list.len());
    for r in &list {
        let status = if r.resolved.is_empty() {
            "not in index".to_string()
        } else {
            format!("-> {}", r.resolved.join(", "))
        };
        println!(
            "  line {:>4}  {:<22} {:<12} {:<11} {}",
            r.reference.line,
            r.reference.id,
            r.reference.role,
            r.reference.date.as_deref().unwrap_or("-"),
            status
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn graph(index: &Path, dot: bool) -> Result<ExitCode> {
    let g = query::graph(index)?;
    if dot {
        print!("{}", query::to_dot(&g));
    } else {
        println!("{}", serde_json::to_string_pretty(&g)?);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(index: &Path, format: ExportFormat, out: &Path, name: &str) -> Result<ExitCode> {
    let (files, n) = query::export(index, format, out, name)?;
    for f in &files {
        println!("{}", f.display());
    }
    eprintln!("exported {n} document(s) into {} file(s)", files.len());
    Ok(ExitCode::SUCCESS)
}

/// One finding with the file it is in.
#[derive(serde::Serialize)]
struct Row {
    path: String,
    line: usize,
    severity: String,
    kind: String,
    message: String,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn check(
    paths: &[PathBuf],
    opts: &vanban::LoadOptions,
    index: Option<&Path>,
    json: bool,
    csv: bool,
    all: bool,
) -> Result<ExitCode> {
    use rayon::prelude::*;
    let ex = Extractor::built_in();
    let mut files = Vec::new();
    let mut unreadable = 0usize;
    for item in vanban::walk::walk(paths) {
        match item {
            vanban::walk::Found::Document(p) => files.push(p),
            vanban::walk::Found::Skipped(_) => {}
            vanban::walk::Found::Error(p, reason) => {
                eprintln!("vanban: {}: {reason}", p.display());
                unreadable += 1;
            }
        }
    }
    let extracted: Vec<(PathBuf, std::result::Result<vanban::model::Extract, String>)> = files
        .par_iter()
        .map(|p| {
            (
                p.clone(),
                vanban::load(p, opts)
                    .map(|d| vanban::analyze(&d, ex))
                    .map_err(|e| e.to_string()),
            )
        })
        .collect();
    let plans = match index {
        Some(idx) => Some(query::plans(idx)?),
        None => None,
    };
    let mut rows = Vec::new();
    for (path, r) in extracted {
        let e = match r {
            Ok(e) => e,
            Err(msg) => {
                eprintln!("vanban: {msg}");
                unreadable += 1;
                continue;
            }
        };
        let mut findings = e.findings.clone();
        if let Some(plans) = &plans {
            let refs: Vec<(String, &vanban::model::Extract)> =
                plans.iter().map(|(l, p)| (l.clone(), p)).collect();
            findings.extend(vanban::check::targets::missed(&e, &refs, ex.rules()));
            findings.sort_by_key(|f| f.line);
        }
        for f in findings {
            if f.severity == vanban::model::Severity::Info && !all {
                continue;
            }
            rows.push(Row {
                path: path.display().to_string(),
                line: f.line,
                severity: f.severity.to_string(),
                kind: f.kind.to_string(),
                message: f.message,
            });
        }
    }
    let errors = rows.iter().filter(|r| r.severity == "error").count();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else if csv {
        out.write_all("\u{FEFF}".as_bytes())?;
        writeln!(out, "path,line,severity,kind,message")?;
        for r in &rows {
            writeln!(
                out,
                "{},{},{},{},{}",
                csv_field(&r.path),
                r.line,
                r.severity,
                r.kind,
                csv_field(&r.message)
            )?;
        }
    } else {
        for r in &rows {
            writeln!(
                out,
                "{}:{}  {:<7} {:<30} {}",
                r.path, r.line, r.severity, r.kind, r.message
            )?;
        }
        writeln!(
            out,
            "{} finding(s), {} error(s), in {} document(s)",
            rows.len(),
            errors,
            files.len()
        )?;
    }
    out.flush()?;
    Ok(if errors > 0 || unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn indicators(index: &Path, json: bool, csv: bool) -> Result<ExitCode> {
    let groups = query::indicators(index, Extractor::built_in().rules())?;
    let pct = |v: f64| vanban::extract::numbers::format_vn_short(v, 2);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&groups)?)?;
    } else if csv {
        out.write_all("\u{FEFF}".as_bytes())?;
        writeln!(
            out,
            "indicator,place,row,document,comparator,value_percent,horizon_or_date,line,met"
        )?;
        for g in &groups {
            let ind = csv_field(&g.indicator);
            let place = csv_field(g.place.as_deref().unwrap_or(""));
            for t in &g.targets {
                writeln!(
                    out,
                    "{ind},{place},target,{},{},{},{},{},",
                    csv_field(&t.plan),
                    t.comparator,
                    t.value,
                    t.horizon.map(|h| h.to_string()).unwrap_or_default(),
                    t.line
                )?;
            }
            for r in &g.results {
                let met = r.met.map(|m| if m { "yes" } else { "no" }).unwrap_or("");
                writeln!(
                    out,
                    "{ind},{place},result,{},,{},{},{},{met}",
                    csv_field(&r.report),
                    r.value,
                    r.date.as_deref().unwrap_or(""),
                    r.line
                )?;
            }
        }
    } else {
        for g in &groups {
            writeln!(
                out,
                "\n{}  [{}]",
                g.indicator,
                g.place.as_deref().unwrap_or("place not given")
            )?;
            for t in &g.targets {
                let range = t
                    .value_max
                    .map(|m| format!("–{}%", pct(m)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  target  {:<16} {} {}%{}  by {}  (line {})",
                    t.plan,
                    t.comparator,
                    pct(t.value),
                    range,
                    t.horizon
                        .map(|h| h.to_string())
                        .unwrap_or_else(|| "?".into()),
                    t.line
                )?;
            }
            for r in &g.results {
                let met = match r.met {
                    Some(true) => "met",
                    Some(false) => "MISSED",
                    None => "",
                };
                writeln!(
                    out,
                    "  result  {:<16} {}%  {}  (line {})  {met}",
                    r.report,
                    pct(r.value),
                    r.date.as_deref().unwrap_or("-"),
                    r.line
                )?;
            }
        }
        writeln!(out, "\n{} indicator(s)", groups.len())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `vanban gen-corpus`: writes the corpus with a progress bar on a terminal.
pub fn gen_corpus(out: &Path, opts: &vanban::gen::GenOptions) -> Result<ExitCode> {
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
        None if n % step == 0 => eprintln!("gen-corpus: {n}/{} documents", opts.docs),
        None => {}
    };
    let summary = vanban::gen::generate(opts, out, &progress)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "{}: {} documents, {:.1} MB ({} hard-wrapped, {} with a deliberate inconsistency) in {:.1} s; manifest {}",
        out.display(),
        summary.docs,
        summary.bytes as f64 / 1e6,
        summary.wrapped,
        summary.with_inconsistency,
        summary.seconds,
        out.join("manifest.jsonl").display()
    );
    Ok(ExitCode::SUCCESS)
}
