//! The one judge of results against targets: whether a value meets a target, which targets
//! bind a report's results, and which target an indicator of a result is measured against.
//! `vanban check --index`, `vanban indicators` and the web app all ask here, so they cannot
//! disagree.
//!
//! A result is judged only against a target that binds it:
//! - a plan the report cites or implements (its number among the report's references), or
//! - a plan of the same place and the same level (province, district, commune) whose target
//!   falls due in the report's year or earlier.
//!
//! Within a binding plan, a target matches a result when their indicators share most of their
//! words (without the stop words of `rules/indicators.toml`, compared without accents) and
//! measure the same unit. Each pairing says why the two were paired.

use serde::Serialize;

use crate::extract::numbers::format_vn_short;
use crate::model::{
    Comparator, Extract, Finding, FindingKind, Kind, Note, Severity, StatedResult, Target,
};
use crate::normalize::fold;
use crate::rules::Rules;

/// Whether `value` meets target `t` (by its comparator).
///
/// ```
/// use vanban_core::check::meets_value;
/// use vanban_core::model::Comparator;
/// assert!(meets_value(80.0, Comparator::Ge, 80.0, None));
/// assert!(!meets_value(79.9, Comparator::Ge, 80.0, None));
/// assert!(meets_value(17.0, Comparator::Between, 15.0, Some(20.0)));
/// assert!(meets_value(4.0, Comparator::Lt, 5.0, None));
/// ```
pub fn meets_value(value: f64, c: Comparator, threshold: f64, max: Option<f64>) -> bool {
    match c {
        Comparator::Ge | Comparator::Eq => value >= threshold,
        Comparator::Gt => value > threshold,
        Comparator::Le => value <= threshold,
        Comparator::Lt => value < threshold,
        Comparator::Between => value >= threshold && value <= max.unwrap_or(f64::INFINITY),
        Comparator::About => (value - threshold).abs() <= 1.0,
    }
}

/// Whether `value` meets target `t`.
pub fn meets(value: f64, t: &Target) -> bool {
    meets_value(value, t.comparator, t.value, t.value_max)
}

/// A target in words (`>= 80%`, `between 15% and 20%`, `>= 40 Mbps`), as a note of the
/// message catalogue.
pub fn describe(t: &Target) -> Note {
    let unit = if t.unit == "%" {
        "%".to_string()
    } else {
        format!(" {}", t.unit)
    };
    match (t.comparator, t.value_max) {
        (Comparator::Between, Some(m)) => Note::new("target-between")
            .arg("low", format!("{}{unit}", format_vn_short(t.value, 2)))
            .arg("high", format!("{}{unit}", format_vn_short(m, 2))),
        (c, _) => Note::new("target-compared")
            .arg("comparator", c.as_str())
            .arg("value", format!("{}{unit}", format_vn_short(t.value, 2))),
    }
}

/// The level of government a document comes from, from its issuer's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A province or city under the centre (`TỈNH`, `THÀNH PHỐ`).
    Province,
    /// A district (`HUYỆN`, `QUẬN`, `THỊ XÃ`).
    District,
    /// A commune (`XÃ`, `PHƯỜNG`, `THỊ TRẤN`).
    Commune,
}

/// The level of a document from its issuer, by the level words of `rules/issuers.toml`: the
/// last level word wins (`UBND TỈNH X SỞ Y` is a province's office; `ỦY BAN NHÂN DÂN HUYỆN A`
/// a district's), and a word inside a longer one does not count (`thị xã` is a district, not
/// the commune its `xã` would say).
pub fn level_of(e: &Extract, rules: &Rules) -> Option<Level> {
    let issuer = fold(e.meta.issuer.as_deref()?);
    let words = &rules.issuers.levels;
    let mut hits: Vec<(usize, usize, Level)> = Vec::new();
    for (list, level) in [
        (&words.province, Level::Province),
        (&words.district, Level::District),
        (&words.commune, Level::Commune),
    ] {
        for w in list {
            let mut from = 0;
            while let Some(i) = crate::extract::scan::find_folded(&issuer[from..], w) {
                let at = from + i;
                hits.push((at, at + w.len(), level));
                from = at + w.len();
            }
        }
    }
    let inside_longer = |h: &(usize, usize, Level)| {
        hits.iter()
            .any(|o| o.0 <= h.0 && h.1 <= o.1 && (o.1 - o.0) > (h.1 - h.0))
    };
    hits.iter()
        .filter(|h| !inside_longer(h))
        .max_by_key(|h| h.0)
        .map(|h| h.2)
}

/// Why a plan's targets bind a report's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "because")]
pub enum Binding {
    /// The report cites the plan (with the role the sentence gives).
    Cited {
        /// The role of the citation (`implements`, `legal_basis`, `mention`).
        role: String,
    },
    /// The plan is of the same place and level, for the report's period.
    SamePlaceAndLevel {
        /// The place.
        place: String,
    },
}

impl Binding {
    /// Why the plan binds the report, as a note of the message catalogue.
    pub fn note(&self) -> Note {
        match self {
            Binding::Cited { role } => Note::new("bound-cited").arg("role", role.clone()),
            Binding::SamePlaceAndLevel { place } => {
                Note::new("bound-place").arg("place", place.clone())
            }
        }
    }
}

impl std::fmt::Display for Binding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::messages::say(
            &self.note(),
            crate::messages::Lang::Vi,
        ))
    }
}

/// Whether the targets of `plan` bind the results of `report`, and why.
pub fn binds(report: &Extract, plan: &Extract, rules: &Rules) -> Option<Binding> {
    if plan.source.sha256 == report.source.sha256 && !plan.source.sha256.is_empty() {
        return None;
    }
    if let Some(n) = plan.meta.number.as_deref() {
        let n = crate::model::id_key(n);
        if let Some(r) = report
            .references
            .iter()
            .find(|r| crate::model::id_key(&r.id) == n)
        {
            return Some(Binding::Cited {
                role: r.role.as_str().to_string(),
            });
        }
    }
    let (Some(rp), Some(pp)) = (report.meta.place.as_deref(), plan.meta.place.as_deref()) else {
        return None;
    };
    if !crate::normalize::same_place(rp, pp) {
        return None;
    }
    match (level_of(report, rules), level_of(plan, rules)) {
        (Some(a), Some(b)) if a == b => Some(Binding::SamePlaceAndLevel {
            place: pp.to_string(),
        }),
        _ => None,
    }
}

/// The content words of an indicator, for comparing it with another, short forms spelled out
/// (`BỘI CHI NSĐP` has the words of `Bội chi ngân sách địa phương`).
pub fn indicator_words(s: &str, rules: &Rules) -> Vec<String> {
    let stop = &rules.indicators.stop_folded;
    let short = &rules.indicators.abbreviations;
    let mut out = Vec::new();
    let mut keep = |w: &str| {
        if w.len() > 1 && !stop.iter().any(|s| s == w) {
            out.push(w.to_string());
        }
    };
    for w in fold(s).split(|c: char| !c.is_alphanumeric()) {
        match short.get(w) {
            Some(long) => long.split(' ').for_each(&mut keep),
            None => keep(w),
        }
    }
    out
}

/// How alike two indicators are (shared words over the shorter one's), when they share at
/// least three content words; `None` otherwise.
pub fn similarity(a: &[String], b: &[String]) -> Option<f64> {
    let common = a.iter().filter(|w| b.contains(w)).count();
    let sim = common as f64 / a.len().min(b.len()).max(1) as f64;
    (common >= 3 && sim >= 0.75).then_some(sim)
}

/// A result paired with the target it is judged against.
#[derive(Debug, Clone, Serialize)]
pub struct Pairing {
    /// Index of the result in the report's `results`.
    pub result: usize,
    /// The plan (its number, or its key in the index).
    pub plan: String,
    /// Index of the target in the plan's `targets`.
    pub target: usize,
    /// Why the plan binds the report.
    pub binding: Binding,
    /// How alike the indicators are.
    pub similarity: f64,
    /// Whether the result meets the target.
    pub met: bool,
}

/// The year of a report, for deciding which targets are due.
fn year_of(e: &Extract) -> Option<i32> {
    e.meta.date.as_deref().and_then(crate::model::iso_year)
}

/// Pairs each result of `report` with the best matching target of the plans that bind it
/// (`plans`: label and extract), among the targets due by the report's year.
pub fn pair(report: &Extract, plans: &[(String, &Extract)], rules: &Rules) -> Vec<Pairing> {
    let mut out = Vec::new();
    if report.meta.kind == Kind::Plan {
        return out;
    }
    let year = year_of(report);
    let bound: Vec<(&String, &Extract, Binding)> = plans
        .iter()
        .filter_map(|(l, p)| binds(report, p, rules).map(|b| (l, *p, b)))
        .collect();
    for (ri, r) in report.results.iter().enumerate() {
        let Some(value) = judged_value(r) else {
            continue;
        };
        let rw = indicator_words(&r.indicator, rules);
        if rw.len() < 2 {
            continue;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for (pi, (_, plan, _)) in bound.iter().enumerate() {
            for (ti, t) in plan.targets.iter().enumerate() {
                if t.unit != "%" {
                    continue;
                }
                if let (Some(h), Some(y)) = (t.horizon, year) {
                    if h > y {
                        continue;
                    }
                }
                let tw = indicator_words(&t.indicator, rules);
                if let Some(sim) = similarity(&rw, &tw) {
                    if best.is_none_or(|(s, _, _)| sim > s) {
                        best = Some((sim, pi, ti));
                    }
                }
            }
        }
        if let Some((sim, pi, ti)) = best {
            let (label, plan, binding) = &bound[pi];
            out.push(Pairing {
                result: ri,
                plan: (*label).clone(),
                target: ti,
                binding: binding.clone(),
                similarity: sim,
                met: meets(value, &plan.targets[ti]),
            });
        }
    }
    out
}

/// The value a result is judged by: its percentage (a quota's is no share, so none).
pub fn judged_value(r: &StatedResult) -> Option<f64> {
    if r.kind == crate::model::ResultKind::Quota {
        return None;
    }
    r.percent()
}

/// `target_missed` findings for a report's pairings.
pub fn missed(report: &Extract, plans: &[(String, &Extract)], rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in pair(report, plans, rules) {
        if p.met {
            continue;
        }
        let r = &report.results[p.result];
        let Some(plan) = plans.iter().find(|(l, _)| *l == p.plan).map(|(_, e)| *e) else {
            continue;
        };
        let t = &plan.targets[p.target];
        out.push(Finding::new(
            FindingKind::TargetMissed,
            Severity::Warning,
            r.line,
            Note::new("target-missed")
                .arg("indicator", r.indicator.clone())
                .arg("value", format_vn_short(judged_value(r).unwrap_or(0.0), 2))
                .arg("target", describe(t))
                .arg("plan", p.plan.clone())
                .arg("line", t.line.to_string())
                .arg("because", p.binding.note()),
        ));
    }
    out
}

/// Adds to a document's findings the `target_missed` ones against the plans that bind it
/// (`plans`: label and facts of each plan of an index), keeping the findings in line order.
/// `vanban check --index` and `vanban extract --index` both call this.
pub fn add_missed(e: &mut Extract, plans: &[(String, &Extract)], rules: &Rules) {
    let found = missed(e, plans, rules);
    if !found.is_empty() {
        e.findings.extend(found);
        e.findings.sort_by_key(|f| f.line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    fn issued_by(issuer: &str) -> Extract {
        let mut e = Extractor::built_in().extract_text("Báo cáo kết quả.");
        e.meta.issuer = Some(issuer.to_string());
        e
    }

    #[test]
    fn the_last_level_word_of_the_issuer_gives_its_level() {
        let rules = Rules::built_in();
        let level = |issuer: &str| level_of(&issued_by(issuer), rules);
        assert_eq!(
            level("ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"),
            Some(Level::Province)
        );
        assert_eq!(
            level("UBND TỈNH BÌNH ĐỊNH SỞ TÀI CHÍNH"),
            Some(Level::Province)
        );
        assert_eq!(level("ỦY BAN NHÂN DÂN HUYỆN PHÙ MỸ"), Some(Level::District));
        assert_eq!(
            level("UBND HUYỆN PHÙ MỸ ỦY BAN NHÂN DÂN XÃ MỸ LỢI"),
            Some(Level::Commune)
        );
        assert_eq!(level("BỘ TÀI CHÍNH"), None);
    }

    #[test]
    fn a_level_word_inside_a_longer_one_does_not_count() {
        let rules = Rules::built_in();
        let level = |issuer: &str| level_of(&issued_by(issuer), rules);
        // `thị xã` is a district: its `xã` is no commune; `thị trấn` is a commune.
        assert_eq!(
            level("ỦY BAN NHÂN DÂN THỊ XÃ AN NHƠN"),
            Some(Level::District)
        );
        assert_eq!(
            level("UBND HUYỆN A ỦY BAN NHÂN DÂN THỊ TRẤN B"),
            Some(Level::Commune)
        );
    }

    #[test]
    fn plans_of_the_same_place_bind_only_at_the_same_level() {
        let rules = Rules::built_in();
        let mut report = issued_by("ỦY BAN NHÂN DÂN XÃ TÂN LỘC");
        let mut plan = issued_by("ỦY BAN NHÂN DÂN XÃ TÂN LỘC");
        report.meta.place = Some("Tân Lộc".into());
        plan.meta.place = Some("Tân Lộc".into());
        assert!(matches!(
            binds(&report, &plan, rules),
            Some(Binding::SamePlaceAndLevel { .. })
        ));
        plan.meta.issuer = Some("ỦY BAN NHÂN DÂN HUYỆN TÂN LỘC".into());
        assert_eq!(binds(&report, &plan, rules), None);
    }
}
