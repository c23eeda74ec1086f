//! Stage 5, checks: what an auditor with a calculator would find in a document's figures.
//!
//! - `percent_mismatch` (error): a stated percentage differs from numerator / denominator by
//!   more than half a unit of its last stated digit; `rounding_truncation` (info) when the
//!   stated value is the truncation rather than the rounding.
//! - `implausible_over_100` (error): a share of a whole over 100% (not a done/planned quota).
//! - `sum_mismatch` (error): parts after `trong đó` that do not add up to the stated total.
//! - `count_mismatch` (error): a summary (`Chỉ tiêu đạt: 04/05 chỉ tiêu`) that disagrees with
//!   the criteria evaluated below it.
//! - `evaluation_contradicts_figures` (error): `Đánh giá: Đạt` while the result misses its
//!   requirement, or `Chưa đạt` while it meets it.
//!
//! `target_missed` needs other documents and is found by `vanban check --index`
//! ([`target_findings`]).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::{Finding, StatedResult, Target};
use crate::normalize::fold;
use crate::rules::Rules;

/// A number written the Vietnamese way (`52,05`, `2.400`).
pub fn vn(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x);
    let (int, frac) = s
        .split_once('.')
        .map(|(a, b)| (a.to_string(), Some(b.to_string())))
        .unwrap_or((s.clone(), None));
    let neg = int.starts_with('-');
    let digits: Vec<char> = int.trim_start_matches('-').chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(*c);
    }
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

fn count(x: f64) -> String {
    vn(x, 0)
}

fn finding(kind: &str, severity: &str, line: usize, message: String) -> Finding {
    Finding {
        kind: kind.into(),
        severity: severity.into(),
        line,
        message,
    }
}

/// Compares a computed percentage with a stated one at the stated precision.
fn percent_finding(
    label: &str,
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
    let shown = vn(computed, decimals + 1);
    if (truncated - stated).abs() < eps {
        return Some(finding(
            "rounding_truncation",
            "info",
            line,
            format!(
                "{label} = {shown}%, stated {}%: cut off instead of rounded ({}%)",
                vn(stated, decimals),
                vn(rounded, decimals)
            ),
        ));
    }
    if (computed - stated).abs() > 0.5 / scale + eps {
        return Some(finding(
            "percent_mismatch",
            "error",
            line,
            format!(
                "{label} = {shown}%, but the text states {}%",
                vn(stated, decimals)
            ),
        ));
    }
    None
}

fn satisfies(value: f64, comparator: &str, threshold: f64, max: Option<f64>) -> bool {
    match comparator {
        ">" => value > threshold,
        "<=" => value <= threshold,
        "<" => value < threshold,
        "between" => value >= threshold && value <= max.unwrap_or(f64::INFINITY),
        "~" => (value - threshold).abs() <= 1.0,
        _ => value >= threshold,
    }
}

/// Every finding about one text and its results.
pub fn findings(text: &str, results: &[StatedResult], rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in results {
        let label = match (r.numerator, r.denominator) {
            (Some(a), Some(b)) => format!("{}/{}", count(a), count(b)),
            _ => String::new(),
        };
        if let (Some(c), Some(s)) = (r.computed_percent, r.stated_percent) {
            let (Some(a), Some(b)) = (r.numerator, r.denominator) else {
                continue;
            };
            let exact = a / b * 100.0;
            let _ = c;
            if let Some(f) =
                percent_finding(&label, exact, s, r.stated_decimals.unwrap_or(0), r.line)
            {
                out.push(f);
            }
        }
        if let (Some(fn_), Some(s)) = (&r.footnote, r.stated_percent) {
            let exact = fn_.numerator / fn_.denominator * 100.0;
            let label = format!(
                "footnote {}: {}/{}",
                fn_.mark,
                count(fn_.numerator),
                count(fn_.denominator)
            );
            if let Some(f) =
                percent_finding(&label, exact, s, r.stated_decimals.unwrap_or(0), r.line)
            {
                out.push(f);
            }
        }
        if r.kind == "share" || r.kind == "criterion" {
            if let (Some(a), Some(b)) = (r.numerator, r.denominator) {
                if a > b {
                    let unit = r.unit.clone().unwrap_or_else(|| "items".into());
                    let stated = r
                        .stated_percent
                        .map(|s| format!(", stated {}%", vn(s, r.stated_decimals.unwrap_or(0))))
                        .unwrap_or_default();
                    out.push(finding(
                        "implausible_over_100",
                        "error",
                        r.line,
                        format!(
                            "{label} = {}%{stated}; a share of {unit} cannot exceed 100%",
                            vn(a / b * 100.0, 1)
                        ),
                    ));
                }
            }
        }
        if r.kind == "percent" {
            if let Some(s) = r.stated_percent {
                let before = fold(&r.text);
                if s > 100.0 && before.contains("ty le") {
                    out.push(finding(
                        "implausible_over_100",
                        "error",
                        r.line,
                        format!("a rate (tỷ lệ) of {}% is stated; a share of a whole cannot exceed 100%", vn(s, r.stated_decimals.unwrap_or(0))),
                    ));
                }
            }
        }
        if let (Some(req), Some(verdict), Some(line)) =
            (&r.requirement, &r.evaluation, r.evaluation_line)
        {
            let value = r.stated_percent.or(r.computed_percent);
            if let Some(v) = value {
                let ok = satisfies(v, &req.comparator, req.value, req.value_max);
                let says_met = verdict != "not_met";
                if ok != says_met {
                    let word = if says_met { "met" } else { "not met" };
                    let truth = if ok { "meets" } else { "misses" };
                    out.push(finding(
                        "evaluation_contradicts_figures",
                        "error",
                        line,
                        format!(
                            "evaluated as {word}, but the result {}% {truth} the requirement {} {}% (line {})",
                            vn(v, 2).trim_end_matches('0').trim_end_matches(','),
                            req.comparator,
                            vn(req.value, 0),
                            req.line
                        ),
                    ));
                }
            }
        }
    }
    out.extend(sum_findings(text, rules));
    out.extend(count_findings(text, results, rules));
    out.sort_by_key(|f| f.line);
    out
}

fn count_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)").expect("regex"))
}

/// Standalone counts in a clause: not percentages, fractions, dates, years or ids.
fn counts_in(s: &str) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    for m in count_re().find_iter(s) {
        let before = s[..m.start()].chars().next_back();
        let after = s[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-'))
            || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '%' | '-'))
            || s[m.end()..].trim_start().starts_with('%')
            || (s[m.end()..].starts_with(',')
                && s[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        let lead = fold(&s[..m.start()]);
        let lead = lead.trim_end();
        if lead.ends_with("muc do")
            || lead.ends_with("muc")
            || lead.ends_with("nam")
            || lead.ends_with("ngay")
        {
            continue;
        }
        if let Some(v) = crate::extract::numbers::parse_number(m.as_str()) {
            out.push((m.start(), v));
        }
    }
    out
}

/// Where the clause ending at the end of `s` starts: after the last `;`, `:` or full stop
/// (a `.` not inside a number like `2.560`).
fn sentence_stop_before(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .rev()
        .find(|&i| {
            matches!(b[i], b';' | b':')
                || (b[i] == b'.' && !(i + 1 < b.len() && b[i + 1].is_ascii_digit()))
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// Where the clause starting at `s` ends: at `;`, `(` or a full stop not inside a number.
fn sentence_stop_after(s: &str) -> usize {
    let b = s.as_bytes();
    (0..b.len())
        .find(|&i| {
            matches!(b[i], b';' | b'(')
                || (b[i] == b'.' && !(i + 1 < b.len() && b[i + 1].is_ascii_digit()))
        })
        .unwrap_or(b.len())
}

/// `tổng số 32.574 văn bản, trong đó có ký số 28.855 văn bản, không ký số 3.719 văn bản`.
fn sum_findings(text: &str, rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let folded = fold(line);
        let mut from = 0;
        while let Some(i) = folded[from..].find("trong do") {
            let at = from + i;
            from = at + 8;
            // `fold` keeps byte lengths for ASCII but not for Vietnamese letters; find the same
            // place in the original line by character count.
            let chars_before = folded[..at].chars().count();
            let Some((orig_at, _)) = line.char_indices().nth(chars_before) else {
                continue;
            };
            let clause_start = sentence_stop_before(&line[..orig_at]);
            let before = &line[clause_start..orig_at];
            let Some(&(tpos, total)) = counts_in(before).last() else {
                continue;
            };
            // The unit of the total: a unit noun from the rules, else the word after it.
            let unit_of = |s: &str, at: usize| -> String {
                let num_end = at
                    + s[at..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                        .unwrap_or(s.len() - at);
                match crate::extract::numbers::unit_after(s, num_end, rules) {
                    Some(u) => u.to_lowercase(),
                    None => s[num_end..]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_lowercase(),
                }
            };
            let unit = unit_of(before, tpos);
            let after_start = line
                .char_indices()
                .nth(chars_before + "trong do".len())
                .map(|(i, _)| i)
                .unwrap_or(line.len());
            let rest = &line[after_start..];
            let end = sentence_stop_after(rest);
            let parts_text = &rest[..end];
            let parts: Vec<(usize, f64)> = counts_in(parts_text);
            // Only parts counted in the same unit as the total, when the text repeats it.
            let same_unit: Vec<f64> = parts
                .iter()
                .filter(|(p, _)| unit_of(parts_text, *p) == unit)
                .map(|(_, v)| *v)
                .collect();
            let used: Vec<f64> = if same_unit.len() >= 2 {
                same_unit
            } else {
                Vec::new()
            };
            if used.len() < 2 || used.iter().any(|p| *p > total) {
                continue;
            }
            let sum: f64 = used.iter().sum();
            if (sum - total).abs() > 0.5 {
                let shown = used
                    .iter()
                    .map(|p| count(*p))
                    .collect::<Vec<_>>()
                    .join(" + ");
                out.push(finding(
                    "sum_mismatch",
                    "error",
                    n + 1,
                    format!(
                        "the total is {} {unit}, but the parts add up to {shown} = {} (off by {})",
                        count(total),
                        count(sum),
                        count((sum - total).abs())
                    ),
                ));
            }
        }
    }
    out
}

/// Summary lines of criteria against the criteria evaluated below them.
fn count_findings(text: &str, results: &[StatedResult], rules: &Rules) -> Vec<Finding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[\s\-+*]*(?:tong so\s+)?(?:chi tieu|tieu chi)(?:\s+danh gia)?(?:\s+(?P<s>dat|chua dat|khong dat|vuot))?\s*:\s*(?P<a>[0-9]+)(?:\s*/\s*(?P<b>[0-9]+))?")
            .expect("regex")
    });
    let criteria: Vec<&StatedResult> = results.iter().filter(|r| r.kind == "criterion").collect();
    if criteria.is_empty() {
        return Vec::new();
    }
    let _ = rules;
    let met = criteria
        .iter()
        .filter(|r| matches!(r.evaluation.as_deref(), Some("met") | Some("exceeded")))
        .count();
    let not_met = criteria
        .iter()
        .filter(|r| r.evaluation.as_deref() == Some("not_met"))
        .count();
    let total = criteria.len();
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let folded = fold(line);
        let Some(c) = re.captures(&folded) else {
            continue;
        };
        // Only summaries above the criteria they summarise.
        if criteria.iter().all(|r| r.line <= n + 1) {
            continue;
        }
        let a: usize = c["a"].parse().unwrap_or(0);
        let b: Option<usize> = c.name("b").and_then(|x| x.as_str().parse().ok());
        let (what, expected) = match c.name("s").map(|x| x.as_str()) {
            Some("dat") | Some("vuot") => ("met", met),
            Some(_) => ("not met", not_met),
            None => ("in all", total),
        };
        if a != expected {
            out.push(finding(
                "count_mismatch",
                "error",
                n + 1,
                format!("the summary says {a} criteria {what}, but {expected} of the {total} criteria below are evaluated so"),
            ));
        } else if let Some(b) = b {
            if b != total {
                out.push(finding(
                    "count_mismatch",
                    "error",
                    n + 1,
                    format!("the summary counts {b} criteria, but {total} are listed below"),
                ));
            }
        }
    }
    out
}

/// `target_missed`: a report's results compared with the matching targets of plans.
///
/// A result matches a target when their indicators share most of their folded words and the
/// target's horizon is the report's year or later-but-due; a result below the target (by its
/// comparator) is a warning naming the plan and the target's line.
pub fn target_findings(
    results: &[StatedResult],
    report_year: Option<i32>,
    plans: &[(String, Vec<Target>)],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in results {
        let Some(value) = r.stated_percent.or(r.computed_percent) else {
            continue;
        };
        if r.kind == "quota" {
            continue;
        }
        let rw = words(&r.indicator);
        if rw.len() < 2 {
            continue;
        }
        let mut best: Option<(f64, &str, &Target)> = None;
        for (plan, targets) in plans {
            for t in targets {
                if let (Some(h), Some(y)) = (t.horizon, report_year) {
                    if h > y {
                        continue;
                    }
                }
                let tw = words(&t.indicator);
                let common = rw.iter().filter(|w| tw.contains(w)).count();
                let sim = common as f64 / rw.len().min(tw.len()).max(1) as f64;
                if sim >= 0.75 && common >= 3 && best.is_none_or(|(s, _, _)| sim > s) {
                    best = Some((sim, plan.as_str(), t));
                }
            }
        }
        if let Some((_, plan, t)) = best {
            if !satisfies(value, &t.comparator, t.value, t.value_max) {
                out.push(finding(
                    "target_missed",
                    "warning",
                    r.line,
                    format!(
                        "{}: {}% against the target {} {}% of {plan} (line {})",
                        r.indicator,
                        vn(value, 2).trim_end_matches('0').trim_end_matches(','),
                        t.comparator,
                        vn(t.value, 0),
                        t.line
                    ),
                ));
            }
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    const STOP: [&str; 8] = ["va", "cua", "cac", "duoc", "co", "tren", "trong", "la"];
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}
