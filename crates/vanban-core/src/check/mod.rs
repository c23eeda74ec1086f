//! Stage 4, checks: what an auditor with a calculator finds in a document's figures. The
//! checks read the extracted facts only ([`Extract`]), never the text again.
//!
//! | finding | severity | from |
//! |---|---|---|
//! | `percent_mismatch` | error | a stated percentage differs from its fraction (or the sum of a combined rate's parts, or its footnote's figures, or for a table's growth row the year's value against the year before's) by more than half a unit of its last stated digit |
//! | `rounding_truncation` | info | the stated value is the truncation, not the rounding |
//! | `implausible_over_100` | error | a share of a whole over 100% (not a done/planned quota), also a table row's rate (`Tỷ lệ …  | % | 124`) |
//! | `sum_mismatch` | error | parts (after `trong đó`, `cụ thể`, `gồm`, or the rows above a total row) that do not add up to their total; a part larger than its total |
//! | `count_mismatch` | error | a summary count, or a count announced before a list, that disagrees with what is listed; a count of years its own range contradicts (`05 năm 2026 – 2028`) |
//! | `evaluation_contradicts_figures` | error | `Đạt` while the result misses its requirement, or `Chưa đạt` while it meets it |
//! | `implausible_date` | error | a date that cannot exist, or a weekday written beside a date that is not its own (`02/01/2011 (thứ 2)`: a Sunday) |
//! | `value_mismatch` | error | a level the text states for a year (`Kim ngạch xuất khẩu đạt khoảng 8,95 tỷ USD`) that the table row of the same indicator, year and stage gives otherwise (`values.rs`) |
//! | `target_missed` | warning | a result below a target that binds it, in another document (`targets.rs`) |

mod targets;
mod values;

pub use targets::{
    add_missed, binds, describe, indicator_words, judged_value, level_of, meets, meets_value,
    missed, pair, similarity, Binding, Level, Pairing,
};

use crate::extract::numbers::{format_vn, format_vn_short};
use crate::model::{
    Arg, CountSubject, Evaluation, Extract, Finding, FindingKind, Kind, Note, ResultKind, Severity,
    StatedResult,
};
use crate::rules::Rules;

fn finding(kind: FindingKind, severity: Severity, line: usize, note: Note) -> Finding {
    Finding::new(kind, severity, line, note)
}

/// A count or amount as the documents write it, with as many decimals as it has (up to
/// three): `1.250`, `51,75`.
fn count(x: f64) -> String {
    let decimals = (0..=3)
        .find(|&d| {
            let scale = 10f64.powi(d);
            ((x * scale).round() - x * scale).abs() < 1e-6
        })
        .unwrap_or(3);
    format_vn(x, decimals as usize)
}

/// Compares a computed percentage with a stated one at the stated precision.
fn percent_finding(
    label: impl Into<Arg>,
    computed: f64,
    stated: f64,
    decimals: usize,
    line: usize,
) -> Option<Finding> {
    let scale = 10f64.powi(decimals as i32);
    let rounded = (computed * scale).round() / scale;
    let truncated = (computed * scale).trunc() / scale;
    let eps = 1e-9;
    if (rounded - stated).abs() < eps {
        return None;
    }
    // Rounded twice (86,0465 → 86,05 → 86,1): a habit of hand calculation, not an error; but
    // not up to a whole (99,46 → 99,5 → 100%): 100% says nothing is left to do.
    let twice = ((computed * scale * 10.0).round() / 10.0).round() / scale;
    if (twice - stated).abs() < eps && !((stated - 100.0).abs() < eps && computed < 100.0) {
        return None;
    }
    // One digit more than stated, or two when one more would round to what is stated
    // (99,475 shown as 99,5 against a stated 100).
    let one_more = (computed * scale * 10.0).round() / (scale * 10.0);
    let shown = if ((one_more * scale).round() / scale - stated).abs() < eps {
        format_vn(computed, decimals + 2)
    } else {
        format_vn(computed, decimals + 1)
    };
    if (truncated - stated).abs() < eps {
        return Some(finding(
            FindingKind::RoundingTruncation,
            Severity::Info,
            line,
            Note::new("percent-truncated")
                .arg("label", label)
                .arg("computed", shown)
                .arg("stated", format_vn(stated, decimals))
                .arg("rounded", format_vn(rounded, decimals)),
        ));
    }
    if (computed - stated).abs() > 0.5 / scale + eps {
        return Some(finding(
            FindingKind::PercentMismatch,
            Severity::Error,
            line,
            Note::new("percent-mismatch")
                .arg("label", label)
                .arg("computed", shown)
                .arg("stated", format_vn(stated, decimals)),
        ));
    }
    None
}

/// The arithmetic of one result: its stated percentage against its fraction (or parts, or
/// footnote), and whether a share exceeds the whole.
fn result_findings(r: &StatedResult, out: &mut Vec<Finding>) {
    let decimals = r.stated_decimals.unwrap_or(0);
    // A combined rate: the sum of its parts.
    let summed = (r.parts.len() >= 2).then(|| {
        r.parts
            .iter()
            .fold((0.0, 0.0), |(x, y), (p, q)| (x + p, y + q))
    });
    let fraction = match (r.numerator, r.denominator) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => summed,
    };
    if let (Some((a, b)), Some(s)) = (fraction, r.stated_percent) {
        if b > 0.0 {
            let label = if r.parts.len() >= 2 {
                let parts: Vec<String> = r
                    .parts
                    .iter()
                    .map(|(p, q)| format!("{}/{}", count(*p), count(*q)))
                    .collect();
                format!("({}) = {}/{}", parts.join(" + "), count(a), count(b))
            } else {
                format!("{}/{}", count(a), count(b))
            };
            // An excess over the plan is what the share of it is over 100.
            let (computed, label) = if r.excess {
                (
                    a / b * 100.0 - 100.0,
                    Arg::Note(Note::new("label-excess").arg("label", label)),
                )
            } else {
                (a / b * 100.0, Arg::Text(label))
            };
            if let Some(f) = percent_finding(label, computed, s, decimals, r.line) {
                out.push(f);
            }
        }
    }
    if let (Some(n), Some(s)) = (&r.footnote, r.stated_percent) {
        if n.denominator > 0.0 {
            let label = Note::new("label-footnote")
                .arg("mark", n.mark.to_string())
                .arg(
                    "fraction",
                    format!("{}/{}", count(n.numerator), count(n.denominator)),
                );
            if let Some(f) = percent_finding(
                label,
                n.numerator / n.denominator * 100.0,
                s,
                decimals,
                r.line,
            ) {
                out.push(f);
            }
        }
    }
    if matches!(r.kind, ResultKind::Share | ResultKind::Criterion) {
        if let (Some(a), Some(b)) = (r.numerator, r.denominator) {
            if a > b && b > 0.0 {
                let unit = r
                    .unit
                    .clone()
                    .map_or_else(|| Arg::Note(Note::new("unit-items")), Arg::Text);
                let note = match r.stated_percent {
                    Some(s) => {
                        Note::new("over-100-fraction-stated").arg("stated", format_vn(s, decimals))
                    }
                    None => Note::new("over-100-fraction"),
                }
                .arg("fraction", format!("{}/{}", count(a), count(b)))
                .arg("computed", format_vn(a / b * 100.0, 1))
                .arg("unit", unit);
                out.push(finding(
                    FindingKind::ImplausibleOver100,
                    Severity::Error,
                    r.line,
                    note,
                ));
            }
        }
    }
    // A rate (`tỷ lệ`) stated in running text, or a table row whose label is a rate (`Tỷ lệ
    // UBND cấp xã đã hoàn thành … | % | 124`): a count written where a share belongs.
    let rate = match r.kind {
        ResultKind::Percent => crate::extract::scan::contains_folded(&r.text, "ty le"),
        ResultKind::Table => {
            crate::extract::scan::folded_prefix_len(&r.indicator, "ty le").is_some()
        }
        _ => false,
    };
    if rate {
        if let Some(s) = r.stated_percent {
            if s > 100.0 {
                out.push(finding(
                    FindingKind::ImplausibleOver100,
                    Severity::Error,
                    r.line,
                    Note::new("over-100-rate").arg("stated", format_vn(s, decimals)),
                ));
            }
        }
    }
}

/// The day of the week of an ISO date (`2011-01-02` → 0, a Sunday), by Sakamoto's method.
fn weekday_of(iso: &str) -> Option<u8> {
    let y: i64 = iso.get(0..4)?.parse().ok()?;
    let m: usize = iso.get(5..7)?.parse().ok()?;
    let d: i64 = iso.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    Some((y + y / 4 - y / 100 + y / 400 + T[m - 1] + d).rem_euclid(7) as u8)
}

/// Every finding about one document's extracted facts (without `target_missed`, which needs
/// other documents: see [`add_missed`] and [`pair`]).
pub fn findings(e: &Extract, rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    requirement_findings(e, &mut out);
    sum_findings(e, &mut out);
    count_findings(e, &mut out);
    growth_findings(e, &mut out);
    period_findings(e, &mut out);
    date_findings(e, &mut out);
    out.extend(values::findings(e, rules));
    out.sort_by_key(|f| f.line);
    out
}

/// Each result's own arithmetic, and its evaluation against the requirement it is judged by.
fn requirement_findings(e: &Extract, out: &mut Vec<Finding>) {
    for r in &e.results {
        result_findings(r, out);
        // The evaluation against the requirement it is judged by.
        if let (Some(verdict), Some(tl)) = (r.evaluation, r.target_line) {
            let Some(value) = r.percent() else {
                continue;
            };
            let Some(t) = e.targets.iter().find(|t| t.line == tl && t.unit == "%") else {
                continue;
            };
            if verdict == Evaluation::InProgress {
                continue;
            }
            let ok = targets::meets(value, t);
            let says_met = verdict == Evaluation::Met;
            if ok != says_met {
                out.push(finding(
                    FindingKind::EvaluationContradictsFigures,
                    Severity::Error,
                    r.evaluation_line.unwrap_or(r.line),
                    Note::new("evaluation-contradicts")
                        .arg("said", if says_met { "met" } else { "not-met" })
                        .arg("truth", if ok { "meets" } else { "misses" })
                        .arg("value", format_vn_short(value, 2))
                        .arg("requirement", targets::describe(t))
                        .arg("line", t.line.to_string()),
                ));
            }
        }
    }
}

/// Parts that do not add up to their stated total.
fn sum_findings(e: &Extract, out: &mut Vec<Finding>) {
    for s in &e.sums {
        let sum: f64 = s.parts.iter().sum();
        if (sum - s.total).abs() > 0.5 {
            let shown = s
                .parts
                .iter()
                .map(|p| count(*p))
                .collect::<Vec<_>>()
                .join(" + ");
            let unit = s
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let message = if s.parts.len() == 1 {
                Note::new("sum-part-over")
                    .arg("part", shown)
                    .arg("unit", unit)
                    .arg("total", count(s.total))
            } else {
                Note::new("sum-mismatch")
                    .arg("total", count(s.total))
                    .arg("unit", unit)
                    .arg("parts", shown)
                    .arg("sum", count(sum))
                    .arg("diff", count((sum - s.total).abs()))
            };
            out.push(finding(
                FindingKind::SumMismatch,
                Severity::Error,
                s.line,
                message,
            ));
        }
    }
}

/// Stated counts against the items or criteria listed.
fn count_findings(e: &Extract, out: &mut Vec<Finding>) {
    for c in &e.counts {
        let what = match c.subject {
            CountSubject::Met => "met",
            CountSubject::NotMet => "not-met",
            CountSubject::InProgress => "in-progress",
            CountSubject::All | CountSubject::Items => "all",
        };
        // What the count says against what the document lists: one finding at most.
        let wrong = if c.subject == CountSubject::Items {
            (c.stated != c.listed).then(|| {
                Note::new("count-items")
                    .arg("stated", c.stated.to_string())
                    .arg("listed", c.listed.to_string())
            })
        } else if c.stated != c.listed {
            Some(
                Note::new("count-summary")
                    .arg("stated", c.stated.to_string())
                    .arg("subject", what)
                    .arg("listed", c.listed.to_string())
                    .arg("of", c.listed_of.to_string()),
            )
        } else {
            c.stated_of.filter(|of| *of != c.listed_of).map(|of| {
                Note::new("count-summary-of")
                    .arg("of", of.to_string())
                    .arg("listed", c.listed_of.to_string())
            })
        };
        if let Some(message) = wrong {
            out.push(finding(
                FindingKind::CountMismatch,
                Severity::Error,
                c.line,
                message,
            ));
        }
    }
}

/// A growth row against the values of the row above it.
fn growth_findings(e: &Extract, out: &mut Vec<Finding>) {
    // A growth row against the values of the row above it.
    for r in &e.ratios {
        let computed = r.numerator / r.denominator * 100.0 - if r.index { 0.0 } else { 100.0 };
        let label = Note::new("label-against")
            .arg("text", r.text.clone())
            .arg("value", format_vn_short(r.numerator, 2))
            .arg("base", format_vn_short(r.denominator, 2));
        if let Some(f) = percent_finding(label, computed, r.stated, r.decimals, r.line) {
            out.push(f);
        }
    }
}

/// A count of years its own range contradicts.
fn period_findings(e: &Extract, out: &mut Vec<Finding>) {
    // `giai đoạn 05 năm 2026 – 2028`: a count of years its own range contradicts.
    for p in &e.periods {
        let (Some((stated, line)), Some(a), Some(b)) = (p.years_stated, p.from_year(), p.to_year())
        else {
            continue;
        };
        let years = (b - a + 1) as u32;
        if stated != years {
            out.push(finding(
                FindingKind::CountMismatch,
                Severity::Error,
                line,
                Note::new("period-years")
                    .arg("text", p.text.clone())
                    .arg("stated", stated.to_string())
                    .arg("from", a.to_string())
                    .arg("to", b.to_string())
                    .arg("years", years.to_string()),
            ));
        }
    }
}

/// Days of the week that are not their date's, years inside ids no document can bear, dates
/// that cannot exist, and deadlines already past when the document asks for them.
fn date_findings(e: &Extract, out: &mut Vec<Finding>) {
    // `Ngày 02/01/2011 (thứ 2)`: 02/01/2011 was a Sunday.
    for d in &e.dates {
        let Some(said) = d.weekday else { continue };
        let Some(real) = weekday_of(&d.value) else {
            continue;
        };
        if said != real {
            out.push(finding(
                FindingKind::ImplausibleDate,
                Severity::Error,
                d.line,
                Note::new("weekday-wrong")
                    .arg("date", d.text.clone())
                    .arg("said", Arg::Int(said.into()))
                    .arg("real", Arg::Int(real.into())),
            ));
        }
    }
    // `45/20240/KH-UBND`: the year inside an id that no document can bear.
    for r in &e.references {
        if let Some(y) = r.year.filter(|y| !(1900..=2100).contains(y)) {
            out.push(finding(
                FindingKind::ImplausibleDate,
                Severity::Error,
                r.line,
                Note::new("id-year")
                    .arg("id", r.id.clone())
                    .arg("year", y.to_string()),
            ));
        }
    }
    // `bố trí vốn để hoàn thành năm 2018` in a letter of 2019, `gửi … trước ngày 20/6/2024`
    // in a plan of 25/6/2024: a time already past when the document asks for it. A report
    // may tell what an older plan asked; it is left out.
    if let (Some(own), Kind::Plan | Kind::Decision | Kind::Letter) = (&e.meta.date, e.meta.kind) {
        for d in &e.deadlines {
            let past = match &d.date {
                Some(day) => day.len() == 10 && own.len() == 10 && day.as_ref() < own.as_ref(),
                None => own.year().is_some_and(|y| d.year < y),
            };
            if past {
                let by = d.date.as_ref().map_or(d.year.to_string(), |x| x.written());
                out.push(finding(
                    FindingKind::ImplausibleDate,
                    Severity::Warning,
                    d.line,
                    Note::new("deadline-past")
                        .arg("text", d.text.clone())
                        .arg("date", own.written())
                        .arg("by", by),
                ));
            }
        }
    }
    for d in &e.bad_dates {
        out.push(finding(
            FindingKind::ImplausibleDate,
            Severity::Error,
            d.line,
            Note::new("bad-date").arg("date", d.text.clone()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::{Finding, FindingKind, Severity};

    fn findings(text: &str) -> Vec<Finding> {
        crate::analyze_text(text, Extractor::built_in()).findings
    }

    fn kinds(text: &str) -> Vec<FindingKind> {
        findings(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_time_limit_already_past_when_asked_is_implausible() {
        let head = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 15/PGDĐT\nV/v báo cáo số liệu\nTân Phú, ngày 16 tháng 9 năm 2024\n\n";
        let past = format!("{head}Đề nghị các trường gửi báo cáo về Phòng trước ngày 10/9/2024.");
        let at: Vec<(FindingKind, usize)> =
            findings(&past).iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(at, vec![(FindingKind::ImplausibleDate, 6)]);
        // To come, recounted, a condition, or the document's own year: nothing.
        for line in [
            "Đề nghị các trường gửi báo cáo về Phòng trước ngày 30/9/2024.",
            "Phòng đã yêu cầu các trường gửi báo cáo trước ngày 10/9/2024.",
            "Hỗ trợ học sinh có cha là người hoạt động kháng chiến trước ngày 30/4/1975.",
            "Tiếp tục bố trí kinh phí để hoàn thành năm 2024.",
        ] {
            assert!(kinds(&format!("{head}{line}")).is_empty(), "{line}");
        }
        assert_eq!(
            kinds(&format!(
                "{head}Tiếp tục bố trí kinh phí để hoàn thành năm 2023."
            )),
            vec![FindingKind::ImplausibleDate]
        );
        // A report may tell what an older plan asked.
        let report = past.replace("V/v báo cáo số liệu", "BÁO CÁO\nKết quả năm học");
        assert!(kinds(&report).is_empty());
    }

    #[test]
    fn a_rate_that_is_not_its_fraction_is_an_error() {
        let f = findings("Đã giải quyết 45/50 hồ sơ, đạt 80%.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::PercentMismatch);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].line, 1);
        assert!(kinds("Đã giải quyết 45/50 hồ sơ, đạt 90%.").is_empty());
    }

    #[test]
    fn a_truncated_rate_is_a_note_not_an_error() {
        // 2/3 = 66,67 %: written 66,6 it is cut, not rounded.
        let f = findings("Đã giải quyết 2/3 hồ sơ, đạt 66,6%.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].kind, FindingKind::RoundingTruncation);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(kinds("Đã giải quyết 2/3 hồ sơ, đạt 66,7%.").is_empty());
    }

    #[test]
    fn a_day_that_does_not_exist_is_flagged() {
        assert_eq!(
            kinds("Hội nghị được tổ chức ngày 31/02/2024 tại hội trường."),
            vec![FindingKind::ImplausibleDate]
        );
        assert!(kinds("Hội nghị được tổ chức ngày 29/02/2024 tại hội trường.").is_empty());
    }
}
