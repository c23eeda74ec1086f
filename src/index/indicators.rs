//! Targets and results across the index: the plans a report is held to (`check --index`) and
//! each indicator's targets and reported values (`vanban indicators`).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use super::reader::{load_extract, text_of, IndexView};
use super::IndexError;
use crate::model::Extract;

/// The targets of the plans a report should be held to: plans it cites, and plans of the same
/// place; each with a label naming the plan (`27/KH-UBND`, or its key).
pub fn plans_for(
    index_path: &Path,
    report: &Extract,
) -> Result<Vec<(String, Vec<crate::model::Target>)>, IndexError> {
    IndexView::open(index_path)?.run(|v| plans_for_in(v, report))
}

fn plans_for_in(
    v: &IndexView,
    report: &Extract,
) -> Result<Vec<(String, Vec<crate::model::Target>)>, IndexError> {
    let (f, searcher) = (v.fields, &v.searcher);
    let cited: BTreeSet<String> = report
        .references
        .iter()
        .map(|r| r.id.to_lowercase())
        .collect();
    let place = report.meta.place.as_deref().map(crate::normalize::fold);
    let query = TermQuery::new(
        Term::from_field_text(f.kind, "plan"),
        IndexRecordOption::Basic,
    );
    let mut out = Vec::new();
    let mut addrs: Vec<_> = searcher
        .search(&query, &DocSetCollector)
        .map_err(v.tv())?
        .into_iter()
        .collect();
    addrs.sort();
    for addr in addrs {
        let d: TantivyDocument = searcher.doc(addr).map_err(v.tv())?;
        let Some(plan) = load_extract(&d, &f) else {
            continue;
        };
        if plan.source.sha256 == report.source.sha256 || plan.targets.is_empty() {
            continue;
        }
        let is_cited = plan
            .meta
            .number
            .as_ref()
            .is_some_and(|n| cited.contains(&n.to_lowercase()));
        let same_place =
            place.is_some() && plan.meta.place.as_deref().map(crate::normalize::fold) == place;
        if is_cited || same_place {
            let label = plan
                .meta
                .number
                .clone()
                .unwrap_or_else(|| text_of(&d, f.key).unwrap_or_default());
            out.push((label, plan.targets));
        }
    }
    Ok(out)
}

/// One plan's target for an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineTarget {
    /// The plan (its number, or its key).
    pub plan: String,
    /// Comparator.
    pub comparator: String,
    /// Value.
    pub value: f64,
    /// Upper value of a range.
    pub value_max: Option<f64>,
    /// Year due.
    pub horizon: Option<i32>,
    /// Line in the plan.
    pub line: usize,
}

/// One report's value for an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineResult {
    /// The report (its number, or its key).
    pub report: String,
    /// The report's date.
    pub date: Option<String>,
    /// The value, in percent.
    pub value: f64,
    /// Line in the report.
    pub line: usize,
    /// Whether it meets the target due by the report's year (`None` without such a target).
    pub met: Option<bool>,
}

/// An indicator across documents: targets and reported values, by place.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTimeline {
    /// The indicator, as the first document words it.
    pub indicator: String,
    /// The place of the documents.
    pub place: Option<String>,
    /// Targets, by horizon.
    pub targets: Vec<TimelineTarget>,
    /// Reported values, by date.
    pub results: Vec<TimelineResult>,
}

fn content_words(s: &str) -> Vec<String> {
    const STOP: [&str; 12] = [
        "va", "cua", "cac", "duoc", "co", "tren", "trong", "la", "ty", "le", "dat", "so",
    ];
    crate::normalize::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

fn similar(a: &[String], b: &[String]) -> bool {
    let common = a.iter().filter(|w| b.contains(w)).count();
    common >= 3 && common as f64 >= 0.75 * a.len().min(b.len()) as f64
}

/// Groups the targets and results of every indexed document by indicator and place.
pub fn indicators(index_path: &Path) -> Result<Vec<IndicatorTimeline>, IndexError> {
    IndexView::open(index_path)?.run(indicators_in)
}

fn indicators_in(v: &IndexView) -> Result<Vec<IndicatorTimeline>, IndexError> {
    let f = v.fields;
    let docs = v.all_docs()?;
    let mut groups: Vec<(Vec<String>, IndicatorTimeline)> = Vec::new();
    let slot = |indicator: &str,
                place: &Option<String>,
                groups: &mut Vec<(Vec<String>, IndicatorTimeline)>|
     -> Option<usize> {
        let words = content_words(indicator);
        if words.len() < 3 {
            return None;
        }
        let fp = place.as_deref().map(crate::normalize::fold);
        if let Some(i) = groups.iter().position(|(w, g)| {
            g.place.as_deref().map(crate::normalize::fold) == fp && similar(w, &words)
        }) {
            return Some(i);
        }
        groups.push((
            words,
            IndicatorTimeline {
                indicator: indicator.to_string(),
                place: place.clone(),
                targets: Vec::new(),
                results: Vec::new(),
            },
        ));
        Some(groups.len() - 1)
    };
    let mut seen_docs = BTreeSet::new();
    for (key, d) in &docs {
        let Some(e) = load_extract(d, &f) else {
            continue;
        };
        // The same document in two formats counts once.
        if !seen_docs.insert((
            e.meta.number.clone().unwrap_or_else(|| key.clone()),
            e.meta.kind.clone(),
        )) {
            continue;
        }
        let name = e.meta.number.clone().unwrap_or_else(|| key.clone());
        for t in &e.targets {
            if let Some(i) = slot(&t.indicator, &e.meta.place, &mut groups) {
                groups[i].1.targets.push(TimelineTarget {
                    plan: name.clone(),
                    comparator: t.comparator.clone(),
                    value: t.value,
                    value_max: t.value_max,
                    horizon: t.horizon,
                    line: t.line,
                });
            }
        }
        if e.meta.kind == "plan" {
            continue;
        }
        for r in &e.results {
            let Some(value) = r.stated_percent.or(r.computed_percent) else {
                continue;
            };
            if r.kind == "quota" {
                continue;
            }
            if let Some(i) = slot(&r.indicator, &e.meta.place, &mut groups) {
                groups[i].1.results.push(TimelineResult {
                    report: name.clone(),
                    date: e.meta.date.clone(),
                    value,
                    line: r.line,
                    met: None,
                });
            }
        }
    }
    let mut out: Vec<IndicatorTimeline> = groups
        .into_iter()
        .map(|(_, mut g)| {
            g.targets.sort_by_key(|t| t.horizon);
            g.results.sort_by(|a, b| a.date.cmp(&b.date));
            for r in &mut g.results {
                let year: Option<i32> = r
                    .date
                    .as_deref()
                    .and_then(|d| d.get(..4))
                    .and_then(|y| y.parse().ok());
                let due = g
                    .targets
                    .iter()
                    .rfind(|t| t.horizon.is_some_and(|h| year.is_some_and(|y| h <= y)));
                r.met = due.map(|t| match t.comparator.as_str() {
                    ">" => r.value > t.value,
                    "<=" => r.value <= t.value,
                    "<" => r.value < t.value,
                    "between" => {
                        r.value >= t.value && r.value <= t.value_max.unwrap_or(f64::INFINITY)
                    }
                    _ => r.value >= t.value,
                });
            }
            g
        })
        .filter(|g| !g.targets.is_empty() || g.results.len() > 1)
        .collect();
    out.sort_by(|a, b| {
        (a.place.clone(), a.indicator.clone()).cmp(&(b.place.clone(), b.indicator.clone()))
    });
    Ok(out)
}
