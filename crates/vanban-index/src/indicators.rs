//! Targets and results across the index: every plan with targets (for `check --index`, which
//! decides with [`vanban_core::check::binds`] which of them bind a report) and each indicator's
//! targets and reported values (`vanban indicators`).

use std::collections::BTreeSet;
use std::path::Path;
use vanban_core::model::IsoDate;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use super::reader::{load_extract, text_of, IndexView};
use super::IndexError;
use vanban_core::model::{Comparator, Extract};

/// Every indexed plan with targets, each with a label naming it (`27/KH-UBND`, or its key).
/// Which of them bind a report is decided by [`vanban_core::check::binds`].
pub fn plans(index_path: &Path) -> Result<Vec<(String, Extract)>, IndexError> {
    IndexView::open(index_path)?.run(plans_in)
}

fn plans_in(v: &IndexView) -> Result<Vec<(String, Extract)>, IndexError> {
    let (f, searcher) = (v.fields, &v.searcher);
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
        if plan.targets.is_empty() {
            continue;
        }
        let label = plan
            .meta
            .number
            .clone()
            .unwrap_or_else(|| text_of(&d, f.key).unwrap_or_default());
        out.push((label, plan));
    }
    Ok(out)
}

/// One plan's target for an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineTarget {
    /// The plan (its number, or its key).
    pub plan: String,
    /// Comparator.
    pub comparator: Comparator,
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
    pub date: Option<IsoDate>,
    /// The value, in percent.
    pub value: f64,
    /// Line in the report.
    pub line: usize,
    /// Whether it meets the target it is judged against (`None` without such a target).
    pub met: Option<bool>,
    /// The target it is judged against and why: `27/KH-UBND line 24: >= 80% (the report
    /// cites the plan (implements))`.
    pub judged_against: Option<String>,
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

/// Groups the targets and results of every indexed document by indicator and place; each
/// result is judged only against a target that binds it ([`vanban_core::check::pair`]).
pub fn indicators(
    index_path: &Path,
    rules: &vanban_core::rules::Rules,
) -> Result<Vec<IndicatorTimeline>, IndexError> {
    IndexView::open(index_path)?.run(|v| indicators_in(v, rules))
}

impl IndexView {
    /// [`indicators`] on this view.
    pub fn indicators(
        &self,
        rules: &vanban_core::rules::Rules,
    ) -> Result<Vec<IndicatorTimeline>, IndexError> {
        self.run(|v| indicators_in(v, rules))
    }
}

fn indicators_in(
    v: &IndexView,
    rules: &vanban_core::rules::Rules,
) -> Result<Vec<IndicatorTimeline>, IndexError> {
    let (f, searcher) = (v.fields, &v.searcher);
    // Keys first, then one document at a time: on 100,000 documents, holding every stored
    // text and extract at once took gigabytes.
    let docs = super::reader::doc_keys(searcher, &f).map_err(v.tv())?;
    let plans = plans_in(v)?;
    let plan_refs: Vec<(String, &Extract)> = plans.iter().map(|(l, e)| (l.clone(), e)).collect();
    let mut groups: Vec<(Vec<String>, IndicatorTimeline)> = Vec::new();
    let slot = |indicator: &str,
                place: &Option<String>,
                groups: &mut Vec<(Vec<String>, IndicatorTimeline)>|
     -> Option<usize> {
        let words = vanban_core::check::indicator_words(indicator, rules);
        if words.len() < 3 {
            return None;
        }
        let same = |other: Option<&str>| match (other, place.as_deref()) {
            (Some(a), Some(b)) => vanban_core::normalize::same_place(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        if let Some(i) = groups.iter().position(|(w, g)| {
            same(g.place.as_deref()) && vanban_core::check::similarity(w, &words).is_some()
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
    for (key, addr) in &docs {
        let d: tantivy::TantivyDocument = searcher.doc(*addr).map_err(v.tv())?;
        let Some(e) = load_extract(&d, &f) else {
            continue;
        };
        drop(d);
        // The same document in two formats counts once.
        if !seen_docs.insert((
            e.meta.number.clone().unwrap_or_else(|| key.clone()),
            e.meta.kind,
        )) {
            continue;
        }
        let name = e.meta.number.clone().unwrap_or_else(|| key.clone());
        for t in &e.targets {
            if let Some(i) = slot(&t.indicator, &e.meta.place, &mut groups) {
                groups[i].1.targets.push(TimelineTarget {
                    plan: name.clone(),
                    comparator: t.comparator,
                    value: t.value,
                    value_max: t.value_max,
                    horizon: t.horizon,
                    line: t.line,
                });
            }
        }
        if e.meta.kind == vanban_core::model::Kind::Plan {
            continue;
        }
        let pairings = vanban_core::check::pair(&e, &plan_refs, rules);
        for (ri, r) in e.results.iter().enumerate() {
            let Some(value) = vanban_core::check::judged_value(r) else {
                continue;
            };
            let judged = pairings.iter().find(|p| p.result == ri);
            let judged_against = judged.and_then(|p| {
                let plan = plan_refs.iter().find(|(l, _)| *l == p.plan)?.1;
                // Plans are found by label, and two plans may share a number: never index
                // blindly into the one found first.
                let t = plan.targets.get(p.target)?;
                Some(format!(
                    "{} line {}: {} ({})",
                    p.plan,
                    t.line,
                    vanban_core::messages::say(
                        &vanban_core::check::describe(t),
                        vanban_core::messages::Lang::Vi
                    ),
                    p.binding
                ))
            });
            if let Some(i) = slot(&r.indicator, &e.meta.place, &mut groups) {
                groups[i].1.results.push(TimelineResult {
                    report: name.clone(),
                    date: e.meta.date.clone(),
                    value,
                    line: r.line,
                    met: judged.map(|p| p.met),
                    judged_against,
                });
            }
        }
    }
    let mut out: Vec<IndicatorTimeline> = groups
        .into_iter()
        .map(|(_, mut g)| {
            g.targets.sort_by_key(|t| t.horizon);
            g.results.sort_by(|a, b| a.date.cmp(&b.date));
            g
        })
        .filter(|g| !g.targets.is_empty() || g.results.len() > 1)
        .collect();
    out.sort_by(|a, b| {
        (a.place.clone(), a.indicator.clone()).cmp(&(b.place.clone(), b.indicator.clone()))
    });
    Ok(out)
}
