//! `vanban check` (the findings of documents, optionally against the plans in an index) and
//! `vanban indicators` (targets and results across the index).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use vanban::index::query;
use vanban::model::{FindingKind, Severity};
use vanban::pipeline::Pipeline;

use super::output::{self, Csv, Format, FormatArgs};
use super::{read_error_text, report_failure, rules, Global, IndexArg, Outcome};

/// Severities `--fail-on` can name, lowest first.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FailOn {
    /// Any finding, info included.
    Info,
    /// A warning or an error.
    Warning,
    /// An error.
    Error,
}

impl FailOn {
    /// Whether a finding of `severity` is at or above this level.
    fn reached_by(self, severity: Severity) -> bool {
        let level = match severity {
            Severity::Error => FailOn::Error,
            Severity::Warning => FailOn::Warning,
            Severity::Info => FailOn::Info,
        };
        level >= self
    }
}

/// Options of `vanban check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also compare results with the targets of plans in this index (target_missed).
    #[arg(long, value_name = "PATH")]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
    /// Also list info-level findings (rounding cut off instead of rounded).
    #[arg(long)]
    pub all: bool,
    /// Exit with code 4 when a finding at or above this severity is printed (to gate a batch).
    /// Without it, findings do not change the exit code.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

/// One finding with the file it is in.
#[derive(serde::Serialize)]
struct Row {
    path: String,
    line: usize,
    severity: Severity,
    kind: FindingKind,
    message: String,
}

/// `vanban check`.
pub fn check(args: CheckArgs, global: &Global) -> Result<Outcome> {
    let extractor = rules::load(global.rules.as_deref())?;
    let opts = global.load_options();
    let found = Pipeline::collect(&args.paths);
    let mut unreadable = found.failures.len();
    for (path, reason) in &found.failures {
        report_failure(&format!("{}: {reason}", path.display()));
    }
    let plans = match &args.index {
        Some(idx) => query::plans(idx)?,
        None => Vec::new(),
    };
    let plan_refs: Vec<(String, &vanban::model::Extract)> =
        plans.iter().map(|(l, p)| (l.clone(), p)).collect();
    let mut rows = Vec::new();
    let mut checked = 0usize;
    let mut gate = false;
    // Parallel in batches, in file order; only the findings are kept, not the documents.
    let pipeline = Pipeline::new(extractor.shared(), opts);
    let judged = |path: &Path, read: vanban::pipeline::Processed| {
        let facts = read.map(|(_, mut e)| {
            if args.index.is_some() {
                vanban::check::add_missed(&mut e, &plan_refs, extractor.rules());
            }
            e
        });
        (path.to_path_buf(), facts.map_err(|e| read_error_text(&e)))
    };
    for (path, r) in pipeline.run(&found.documents, judged) {
        let e = match r {
            Ok(e) => e,
            Err(msg) => {
                report_failure(&msg);
                unreadable += 1;
                continue;
            }
        };
        checked += 1;
        for f in e.findings {
            if f.severity == Severity::Info && !args.all {
                continue;
            }
            if args
                .fail_on
                .is_some_and(|level| level.reached_by(f.severity))
            {
                gate = true;
            }
            rows.push(Row {
                path: path.display().to_string(),
                line: f.line,
                severity: f.severity,
                kind: f.kind,
                message: f.message_in(global.lang),
            });
        }
    }
    let errors = rows
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    let mut out = output::stdout();
    match args.format.format() {
        Format::Json => output::json(&mut out, &rows)?,
        Format::Csv => {
            let mut csv = Csv::new(&mut out, &["path", "line", "severity", "kind", "message"])?;
            for r in &rows {
                csv.row(&[
                    r.path.clone(),
                    r.line.to_string(),
                    r.severity.to_string(),
                    r.kind.to_string(),
                    r.message.clone(),
                ])?;
            }
        }
        Format::Table => {
            use vanban::messages::say;
            use vanban::model::Note;
            for r in &rows {
                let severity = say(
                    &Note::new("severity").arg("severity", r.severity.as_str()),
                    global.lang,
                );
                writeln!(
                    out,
                    "{}:{}  {:<8} {:<30} {}",
                    r.path, r.line, severity, r.kind, r.message
                )?;
            }
            let summary = Note::new("check-summary")
                .arg("findings", rows.len().to_string())
                .arg("errors", errors.to_string())
                .arg("documents", found.documents.len().to_string());
            writeln!(out, "{}", say(&summary, global.lang))?;
        }
    }
    output::done(out)?;
    let outcome = Outcome::of(checked, unreadable);
    Ok(if gate && outcome != Outcome::Nothing {
        Outcome::Findings
    } else {
        outcome
    })
}

/// Options of `vanban indicators`.
#[derive(clap::Args, Debug)]
pub struct IndicatorsArgs {
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `vanban indicators`.
pub fn indicators(args: IndicatorsArgs, global: &Global) -> Result<Outcome> {
    // The timeline is built from the extracts stored at ingest; the rules decide which
    // target binds which result.
    let extractor = rules::load(global.rules.as_deref())?;
    let groups = query::indicators(&args.index.path, extractor.rules())?;
    let pct = |v: f64| vanban::extract::format_vn_short(v, 2);
    let mut out = output::stdout();
    match args.format.format() {
        Format::Json => output::json(&mut out, &groups)?,
        Format::Csv => {
            let mut csv = Csv::new(
                &mut out,
                &[
                    "indicator",
                    "place",
                    "row",
                    "document",
                    "comparator",
                    "value_percent",
                    "horizon_or_date",
                    "line",
                    "met",
                ],
            )?;
            for g in &groups {
                let place = g.place.clone().unwrap_or_default();
                for t in &g.targets {
                    csv.row(&[
                        g.indicator.clone(),
                        place.clone(),
                        "target".into(),
                        t.plan.clone(),
                        t.comparator.to_string(),
                        t.value.to_string(),
                        t.horizon.map(|h| h.to_string()).unwrap_or_default(),
                        t.line.to_string(),
                        String::new(),
                    ])?;
                }
                for r in &g.results {
                    let met = r.met.map(|m| if m { "yes" } else { "no" }).unwrap_or("");
                    csv.row(&[
                        g.indicator.clone(),
                        place.clone(),
                        "result".into(),
                        r.report.clone(),
                        String::new(),
                        r.value.to_string(),
                        r.date.as_deref().unwrap_or_default().to_string(),
                        r.line.to_string(),
                        met.to_string(),
                    ])?;
                }
            }
        }
        Format::Table => {
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
    }
    output::done(out)?;
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_levels_are_ordered() {
        assert!(FailOn::Error.reached_by(Severity::Error));
        assert!(!FailOn::Error.reached_by(Severity::Warning));
        assert!(FailOn::Warning.reached_by(Severity::Error));
        assert!(FailOn::Info.reached_by(Severity::Info));
        assert!(!FailOn::Warning.reached_by(Severity::Info));
    }
}
