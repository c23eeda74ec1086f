//! Stated results and targets: every figure with what it measures, linked to the percentage
//! stated beside it, to its footnote, and (in criterion blocks of commune reports) to its
//! requirement and evaluation; and every target a plan sets, with comparator and horizon.
//!
//! Sections are the numbered headings above a line (`II > 2 > 2.1`): Roman numerals, `1.`,
//! `1.1`, `a)`.

use regex::Regex;

use super::{Ctx, Span};
use crate::model::{
    FootnoteFigures, Fraction, Meta, Percentage, Period, Requirement, StatedResult, Target,
};
use crate::normalize::fold;

/// Compiled patterns for this module.
#[derive(Debug)]
pub struct Patterns {
    heading: Regex,
    requirement: Regex,
    result: Regex,
    evaluation: Regex,
    year: Regex,
    folded_year: Regex,
    footnote_line: Regex,
    count: Regex,
}

impl Default for Patterns {
    fn default() -> Self {
        Patterns {
            heading: Regex::new(
                r"^[\s#*_]*(?:(?P<roman>[IVXLC]{1,6})[.)]|(?P<multi>[0-9]{1,2}(?:\.[0-9]{1,2})+)\.?|(?P<num>[0-9]{1,2})[.)]|(?P<letter>[a-zđ])\))\s+\S",
            )
            .expect("regex"),
            requirement: Regex::new(r"^[\s\-+*]*(?:[a-zđ]\)\s*)?(?i:yêu\s+cầu(?:\s+(?:tiêu\s+chí|chỉ\s+tiêu))?|chỉ\s+tiêu\s+giao)\s*:").expect("regex"),
            result: Regex::new(r"^[\s\-+*]*(?:[a-zđ]\)\s*)?(?i:kết\s+quả(?:\s+(?:thực\s+hiện|đạt\s+được))?)\s*:").expect("regex"),
            evaluation: Regex::new(r"^[\s\-+*]*(?:[a-zđ]\)\s*)?(?i:đánh\s+giá|tự\s+đánh\s+giá)\s*:\s*(?P<v>[^.;\n]*)").expect("regex"),
            year: Regex::new(r"(?i)năm\s+((?:19|20)[0-9]{2})").expect("regex"),
            folded_year: Regex::new(r"nam\s+((?:19|20)[0-9]{2})").expect("regex"),
            footnote_line: Regex::new(r"^\s*(?:<sup>(?P<a>[0-9]{1,2})</sup>|(?P<b>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|\[(?P<c>[0-9]{1,2})\])").expect("regex"),
            count: Regex::new(r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+").expect("regex"),
        }
    }
}

/// Section labels per line (index 0 is line 1) and the heading texts above each line.
pub struct Sections {
    /// `II > 2 > 2.1` per line.
    pub path: Vec<String>,
    /// The heading lines' texts above each line, outermost first (folded).
    pub headings: Vec<Vec<String>>,
}

/// Works out the section of every line.
pub fn sections(text: &str, p: &Patterns) -> Sections {
    let mut stack: Vec<(usize, String, String)> = Vec::new(); // (level, label, folded text)
    let mut path = Vec::new();
    let mut headings = Vec::new();
    for line in text.split('\n') {
        if line.chars().count() <= 160 {
            if let Some(c) = p.heading.captures(line) {
                let (level, label) = if let Some(r) = c.name("roman") {
                    (0, r.as_str().to_string())
                } else if let Some(m) = c.name("multi") {
                    (m.as_str().matches('.').count() + 1, m.as_str().to_string())
                } else if let Some(n) = c.name("num") {
                    (1, n.as_str().to_string())
                } else {
                    (
                        4,
                        c.name("letter")
                            .map(|l| l.as_str().to_string())
                            .unwrap_or_default(),
                    )
                };
                while stack.last().is_some_and(|(l, _, _)| *l >= level) {
                    stack.pop();
                }
                stack.push((level, label, fold(line)));
            }
        }
        path.push(
            stack
                .iter()
                .map(|(_, l, _)| l.as_str())
                .collect::<Vec<_>>()
                .join(" > "),
        );
        headings.push(stack.iter().map(|(_, _, t)| t.clone()).collect());
    }
    Sections { path, headings }
}

fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let s = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let e = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    (s, e)
}

/// Decimals written after the separator of a stated percentage (`52,04%` → 2).
fn decimals(pct_text: &str) -> usize {
    let digits = pct_text.trim_end_matches(['%', ' ']);
    match digits.rfind([',', '.']) {
        Some(i) if digits.len() - i - 1 <= 2 => digits.len() - i - 1,
        _ => 0,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Words after `at` up to the next stop (`(`, `,`, `;`, `.` + space, end of line), at most 12.
fn phrase_after(text: &str, at: usize) -> String {
    let (_, e) = line_bounds(text, at);
    let mut rest = &text[at..e];
    // Skip a footnote mark right after the number (`51,1%<sup>4</sup> hộ`, `51,1%⁴ hộ`).
    if let Some(r) = rest.strip_prefix("<sup>") {
        rest = r.find("</sup>").map(|i| &r[i + 6..]).unwrap_or(r);
    }
    rest = rest.trim_start_matches(|c: char| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c));
    let mut end = rest.len();
    for stop in ["(", ",", ";", ": ", ". ", " - "] {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    if rest[..end].ends_with('.') {
        end -= 1;
    }
    let words: Vec<&str> = rest[..end].split_whitespace().take(20).collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}

/// The phrase after a percentage naming what it measures: without a trailing qualifier
/// (`95% trở lên`) and empty when it only compares (`7% so với năm 2023`).
fn what_follows(text: &str, at: usize) -> String {
    let after = phrase_after(text, at);
    let lower = after.to_lowercase();
    for q in ["trở lên", "trở xuống"] {
        if let Some(rest) = lower.strip_prefix(q) {
            return after[after.len() - rest.len()..].trim().to_string();
        }
    }
    if lower.starts_with("so với") || lower.starts_with("kế hoạch") {
        return String::new();
    }
    after
}

/// Words before `at` back to the previous stop, at most 12.
fn phrase_before(text: &str, at: usize) -> String {
    let (s, _) = line_bounds(text, at);
    let before = &text[s..at];
    let mut start = before
        .rfind([',', ';', ':', '(', '.'])
        .map(|i| i + 1)
        .unwrap_or(0);
    // `05 mô hình (đạt 250% chỉ tiêu giao)`: a linking word alone is not a name; look further back.
    let alone = before[start..].trim().to_lowercase();
    if ["đạt", "có", "là", "chiếm", "bằng"].contains(&alone.as_str()) && start > 0 {
        start = before[..start - 1]
            .rfind([',', ';', ':', '.'])
            .map(|i| i + 1)
            .unwrap_or(0);
    }
    let words: Vec<&str> = before[start..].split_whitespace().collect();
    let from = words.len().saturating_sub(16);
    words[from..]
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Drops trailing linking words (`đạt`, `có`, `là` …) from a phrase.
fn trim_links(s: &str) -> String {
    const LINKS: [&str; 19] = [
        "đạt",
        "có",
        "là",
        "được",
        "với",
        "trên",
        "khoảng",
        "tỷ lệ",
        "đạt tỷ lệ",
        "ước đạt",
        "chiếm",
        "bằng",
        "tăng",
        "tối thiểu",
        "ít nhất",
        "tối đa",
        "dưới",
        "từ",
        "giảm",
    ];
    let mut t = s.trim().to_string();
    loop {
        let lower = t.to_lowercase();
        let Some(l) = LINKS
            .iter()
            .find(|l| lower.ends_with(*l) && lower.len() > l.len())
        else {
            break;
        };
        t.truncate(t.len() - l.len());
        t = t.trim_end().to_string();
    }
    t.trim_end_matches([',', ';', ':', ' ']).to_string()
}

/// Everything the results stage needs from the earlier extractors.
pub struct Inputs<'a> {
    /// Fractions with their spans.
    pub fractions: &'a [(Span, Fraction)],
    /// Percentages with their spans.
    pub percentages: &'a [(Span, Percentage)],
    /// Periods.
    pub periods: &'a [Period],
    /// Meta.
    pub meta: &'a Meta,
}

/// Builds the results and targets of a text.
pub fn results(ctx: &Ctx<'_>, input: &Inputs<'_>) -> (Vec<StatedResult>, Vec<Target>) {
    let text = ctx.text;
    let rules = ctx.rules;
    let p = &ctx.patterns.results;
    let secs = sections(text, p);
    let lines: Vec<&str> = text.split('\n').collect();
    let section_of = |line: usize| secs.path.get(line - 1).cloned().unwrap_or_default();
    let mut used_pct: Vec<bool> = vec![false; input.percentages.len()];
    let mut used_frac: Vec<bool> = vec![false; input.fractions.len()];
    let mut out = Vec::new();

    // 1. Criterion blocks: requirement, result, evaluation.
    let mut i = 0;
    while i < lines.len() {
        if !p.requirement.is_match(lines[i]) {
            i += 1;
            continue;
        }
        let req_line = i + 1;
        let req_pct = first_on_line(input.percentages, req_line, |(_, pc)| pc.line);
        let mut res_line = None;
        let mut eval = None;
        for (j, l) in lines.iter().enumerate().skip(i + 1).take(4) {
            if res_line.is_none() && p.result.is_match(l) {
                res_line = Some(j + 1);
            } else if let Some(c) = p.evaluation.captures(l) {
                eval = Some((j + 1, c["v"].trim().to_string()));
                break;
            }
        }
        let Some(res_line) = res_line else {
            i += 1;
            continue;
        };
        let indicator = criterion_name(&lines, i)
            .unwrap_or_else(|| phrase_after(text, line_start(text, req_line)));
        let frac = first_on_line(input.fractions, res_line, |(_, f)| f.line);
        let pct = first_on_line(input.percentages, res_line, |(_, pc)| pc.line);
        let requirement = req_pct.map(|k| {
            used_pct[k] = true;
            let pc = &input.percentages[k].1;
            let between = range_after(text, &input.percentages[k].0, input.percentages);
            Requirement {
                comparator: if between.is_some() {
                    "between".into()
                } else {
                    pc.comparator
                        .clone()
                        .filter(|c| c != "=")
                        .unwrap_or_else(|| ">=".into())
                },
                value: pc.value,
                value_max: between,
                line: req_line,
            }
        });
        let verdict = eval.as_ref().and_then(|(_, v)| verdict_of(v, rules));
        let (num, den, unit, computed) = match frac {
            Some(k) => {
                used_frac[k] = true;
                let f = &input.fractions[k].1;
                (
                    Some(f.numerator),
                    Some(f.denominator),
                    f.unit.clone(),
                    Some(round2(f.numerator / f.denominator * 100.0)),
                )
            }
            None => (None, None, None, None),
        };
        let (stated, dec) = match pct {
            Some(k) => {
                used_pct[k] = true;
                (
                    Some(input.percentages[k].1.value),
                    Some(decimals(&input.percentages[k].1.text)),
                )
            }
            None => (None, None),
        };
        out.push(StatedResult {
            kind: "criterion".into(),
            indicator,
            numerator: num,
            denominator: den,
            unit,
            stated_percent: stated,
            stated_decimals: dec,
            computed_percent: computed,
            requirement,
            evaluation: verdict,
            evaluation_line: eval.map(|(l, _)| l),
            footnote: None,
            section: section_of(res_line),
            line: res_line,
            text: lines[res_line - 1].trim().to_string(),
        });
        i = res_line;
    }

    // 3. Fractions with the percentage stated beside them.
    for (k, (span, f)) in input.fractions.iter().enumerate() {
        if used_frac[k] {
            continue;
        }
        let (_, le) = line_bounds(text, span.end);
        let next_frac = input
            .fractions
            .get(k + 1)
            .map(|(s, _)| s.start)
            .filter(|s| *s < le)
            .unwrap_or(le);
        let from = input
            .percentages
            .partition_point(|(ps, _)| ps.start <= span.end);
        let after = input.percentages[from..]
            .iter()
            .enumerate()
            .map(|(j, x)| (from + j, x))
            .take_while(|(_, (ps, _))| {
                // In the same clause, within 120 characters (not bytes: Vietnamese letters
                // take 2 or 3).
                let between = &text[span.end..ps.start];
                ps.start < next_frac && !between.contains(';') && between.chars().count() <= 120
            })
            // A percentage opening the next fraction's parenthesis is that fraction's.
            .filter(|(_, (ps, _))| next_frac == le || text[ps.end..next_frac].trim() != "(")
            .find(|(j, _)| !used_pct[*j]);
        // `đạt 43,52% (4.343/14.000 hồ sơ)`: the percentage stated first, the fraction behind
        // it in parentheses.
        let before_pct = from
            .checked_sub(1)
            .filter(|j| !used_pct[*j] && after.is_none())
            .filter(|j| {
                let ps = &input.percentages[*j].0;
                ps.end <= span.start && text[ps.end..span.start].trim() == "("
            });
        let stated = after.or(before_pct.map(|j| (j, &input.percentages[j])));
        let (stated_percent, stated_decimals) = match stated {
            Some((j, (_, pc))) => {
                used_pct[j] = true;
                (Some(pc.value), Some(decimals(&pc.text)))
            }
            None => (None, None),
        };
        let share_unit = f
            .unit
            .as_ref()
            .is_some_and(|u| rules.share_units.iter().any(|s| s == u));
        let kind = if f.numerator > f.denominator && !share_unit {
            "quota"
        } else {
            "share"
        };
        // What follows the fraction up to the stated percentage, then the words before it as
        // context (`hồ sơ thực hiện trực tuyến (cấp huyện)`).
        let stop = after.map(|(_, (ps, _))| ps.start).unwrap_or(le);
        let mut unit_and_rest = trim_links(&phrase_after(&text[..stop], span.end));
        let before = match before_pct {
            // The name is what precedes the percentage, not the parenthesis.
            Some(j) => trim_links(&phrase_before(text, input.percentages[j].0.start)),
            None => trim_links(&phrase_before(text, span.start)),
        };
        if before_pct.is_some() && !before.is_empty() {
            unit_and_rest = before.clone();
        }
        if unit_and_rest.is_empty() {
            unit_and_rest = trim_links(&phrase_before(text, span.start));
        }
        let mut indicator = unit_and_rest.clone();
        let context: Vec<&str> = before.split_whitespace().collect();
        const ADVERBS: [&str; 6] = ["đến nay", "hiện nay", "trong năm", "hiện có", "đã", "có"];
        let adverb = ADVERBS.iter().any(|a| before.to_lowercase() == *a);
        if context.len() >= 2 && context.len() <= 6 && !adverb && before != unit_and_rest {
            indicator = format!("{indicator} ({before})");
        }
        out.push(StatedResult {
            kind: kind.into(),
            indicator: clean_indicator(&indicator),
            numerator: Some(f.numerator),
            denominator: Some(f.denominator),
            unit: f.unit.clone(),
            stated_percent,
            stated_decimals,
            computed_percent: Some(round2(f.numerator / f.denominator * 100.0)),
            requirement: None,
            evaluation: None,
            evaluation_line: None,
            footnote: None,
            section: section_of(f.line),
            line: f.line,
            text: sentence_part(text, span.start),
        });
    }

    // 2. Targets: percentages in plans' goal sections, or in sentences that set a goal.
    let is_plan = input.meta.kind == "plan";
    let mut targets = Vec::new();
    for (k, (span, pc)) in input.percentages.iter().enumerate() {
        if used_pct[k] {
            continue;
        }
        let heads = &secs.headings[pc.line - 1];
        let in_result_section = heads
            .iter()
            .any(|h| h.contains("ket qua") || h.contains("tinh hinh") || h.contains("danh gia"));
        let in_goal_section = !in_result_section
            && heads
                .iter()
                .any(|h| h.contains("muc tieu") || h.contains("dinh huong"));
        let (ls, le) = line_bounds(text, span.start);
        let line_f = fold(&text[ls..le]);
        let goal_words = line_f.contains("phan dau") || line_f.contains("muc tieu");
        if !((is_plan && !in_result_section) || in_goal_section || goal_words) {
            continue;
        }
        // A percentage that is the upper end of a range (`từ 15% đến 20%`) belongs to the one before.
        if k > 0
            && range_after(text, &input.percentages[k - 1].0, input.percentages) == Some(pc.value)
            && used_pct[k - 1]
        {
            used_pct[k] = true;
            continue;
        }
        used_pct[k] = true;
        let between = range_after(text, span, input.percentages);
        let comparator = if between.is_some() {
            "between".to_string()
        } else {
            pc.comparator
                .clone()
                .filter(|c| c != "=")
                .or_else(|| later_qualifier(text, span.end, rules))
                .unwrap_or_else(|| ">=".into())
        };
        let after = what_follows(text, span.end);
        let indicator = if after.split_whitespace().count() >= 2 {
            after
        } else {
            trim_links(&phrase_before(text, span.start))
        };
        let horizon = horizon_of(&secs.headings[pc.line - 1], &text[ls..le], input, p);
        targets.push(Target {
            indicator: clean_indicator(&indicator),
            comparator,
            value: pc.value,
            value_max: between,
            unit: "%".into(),
            horizon,
            section: section_of(pc.line),
            line: pc.line,
            text: text[ls..le]
                .trim()
                .trim_start_matches(['-', '+', '*', ' '])
                .to_string(),
        });
    }

    // 4. Bare percentages stated as results (reports), with footnotes behind them.
    if !is_plan {
        for (k, (span, pc)) in input.percentages.iter().enumerate() {
            if used_pct[k] {
                continue;
            }
            let after_text: String = fold(
                &text[span.end..line_bounds(text, span.end).1]
                    .chars()
                    .take(40)
                    .collect::<String>(),
            );
            let quota = after_text.trim_start().starts_with("chi tieu")
                || after_text.trim_start().starts_with("ke hoach");
            let after = what_follows(text, span.end);
            let indicator = if after.split_whitespace().count() >= 2 && !quota {
                after
            } else {
                trim_links(&phrase_before(text, span.start))
            };
            let footnote = footnote_behind(text, span.end, &lines, p);
            out.push(StatedResult {
                kind: if quota { "quota" } else { "percent" }.into(),
                indicator: clean_indicator(&indicator),
                numerator: None,
                denominator: None,
                unit: None,
                stated_percent: Some(pc.value),
                stated_decimals: Some(decimals(&pc.text)),
                computed_percent: None,
                requirement: None,
                evaluation: None,
                evaluation_line: None,
                footnote,
                section: section_of(pc.line),
                line: pc.line,
                text: sentence_part(text, span.start),
            });
        }
    }
    out.sort_by_key(|r| r.line);
    (out, targets)
}

fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map(|(i, _)| i + 1)
        .unwrap_or(0)
}

/// The criterion's name: the heading line above the requirement (`1. Tiêu chí 1: Tỷ lệ …`).
fn criterion_name(lines: &[&str], req_index: usize) -> Option<String> {
    for back in 1..=3 {
        let l = lines.get(req_index.checked_sub(back)?)?.trim();
        if l.is_empty() {
            continue;
        }
        let name = l.split_once(':').map(|(_, n)| n).unwrap_or(l);
        let name = name
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ');
        return Some(name.trim().to_string());
    }
    None
}

/// `từ 15% đến 20%`: the upper value when the percentage at `span` opens a range.
fn range_after(text: &str, span: &Span, pcts: &[(Span, Percentage)]) -> Option<f64> {
    let rest: String = text[span.end..].chars().take(12).collect();
    let rest = fold(&rest);
    let rest = rest.trim_start();
    if !(rest.starts_with("den ") || rest.starts_with("- ") || rest.starts_with("– ")) {
        return None;
    }
    let from = pcts.partition_point(|(s, _)| s.start <= span.end);
    pcts.get(from)
        .filter(|(s, _)| s.start - span.end <= 16)
        .map(|(_, p)| p.value)
}

/// Index of the first item on `line` in a list kept in text order.
fn first_on_line<T>(items: &[T], line: usize, line_of: impl Fn(&T) -> usize) -> Option<usize> {
    let i = items.partition_point(|x| line_of(x) < line);
    items.get(i).filter(|x| line_of(x) == line).map(|_| i)
}

/// `60% dân số trở lên`: a qualifier later in the same clause.
fn later_qualifier(text: &str, end: usize, rules: &crate::rules::Rules) -> Option<String> {
    let (_, le) = line_bounds(text, end);
    let clause_end = text[end..le]
        .find([',', ';', '.'])
        .map(|i| end + i)
        .unwrap_or(le);
    let clause = text[end..clause_end].to_lowercase();
    rules
        .qualifiers
        .iter()
        .filter(|q| q.position == "after")
        .find(|q| q.words.iter().any(|w| clause.contains(&w.to_lowercase())))
        .map(|q| q.comparator.clone())
}

fn verdict_of(v: &str, rules: &crate::rules::Rules) -> Option<String> {
    let folded = fold(v);
    let mut best: Option<(usize, &str)> = None;
    for e in &rules.evaluations {
        for w in &e.words {
            let fw = fold(w);
            if folded.starts_with(&fw) && best.is_none_or(|(n, _)| fw.len() > n) {
                best = Some((fw.len(), e.verdict.as_str()));
            }
        }
    }
    best.map(|(_, v)| v.to_string())
}

/// The horizon: a year in the headings above (`Mục tiêu đến năm 2025`), else in the line,
/// else the plan's own year.
fn horizon_of(headings: &[String], line: &str, input: &Inputs<'_>, p: &Patterns) -> Option<i32> {
    // Headings are kept folded (`muc tieu den nam 2025`).
    for h in headings.iter().rev() {
        if let Some(c) = p.folded_year.captures(h) {
            return c[1].parse().ok();
        }
    }
    let fl = fold(line);
    if let Some(i) = fl.find("den nam ") {
        if let Some(y) = fl[i + 8..].get(..4).and_then(|y| y.parse().ok()) {
            return Some(y);
        }
    }
    if let Some(y) = input
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
    {
        return Some(y);
    }
    let title_year = input
        .meta
        .title
        .as_deref()
        .and_then(|t| p.year.captures(t))
        .and_then(|c| c[1].parse().ok());
    title_year.or_else(|| input.periods.iter().map(|p| p.to).max())
}

/// The figures of the footnote behind a percentage (`51,1%<sup>4</sup>` or `51,1%⁴`).
fn footnote_behind(
    text: &str,
    end: usize,
    lines: &[&str],
    p: &Patterns,
) -> Option<FootnoteFigures> {
    let rest = &text[end..];
    let mark: String = if let Some(r) = rest.strip_prefix("<sup>") {
        r.chars().take_while(|c| c.is_ascii_digit()).collect()
    } else {
        rest.chars()
            .take_while(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
            .map(|c| {
                char::from(b'0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c).unwrap_or(0) as u8)
            })
            .collect()
    };
    if mark.is_empty() {
        return None;
    }
    for (n, l) in lines.iter().enumerate() {
        let Some(c) = p.footnote_line.captures(l) else {
            continue;
        };
        let m = c
            .name("a")
            .or_else(|| c.name("c"))
            .map(|x| x.as_str().to_string())
            .or_else(|| {
                c.name("b").map(|x| {
                    x.as_str()
                        .chars()
                        .map(|ch| {
                            char::from(
                                b'0' + "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == ch).unwrap_or(0)
                                    as u8,
                            )
                        })
                        .collect()
                })
            });
        if m.as_deref() != Some(mark.as_str()) {
            continue;
        }
        let body = &l[c.get(0).map(|x| x.end()).unwrap_or(0)..];
        // The whole comes after a slash or `trên (tổng số)`; the part is the largest count
        // before it (`17.858 thuê bao … của 02 nhà mạng …/ 34.977 hộ`).
        let folded_body = fold(body);
        let split = body.find('/').or_else(|| {
            folded_body.find(" tren ").and_then(|i| {
                body.char_indices()
                    .nth(folded_body[..i].chars().count())
                    .map(|(b, _)| b)
            })
        });
        let counts = |s: &str| -> Vec<f64> {
            p.count
                .find_iter(s)
                .filter(|x| !s[x.end()..].starts_with('%') && !s[..x.start()].ends_with(['.', ',']))
                .filter_map(|x| super::numbers::parse_number(x.as_str()))
                .collect()
        };
        let (part, whole) = match split {
            Some(i) => (
                counts(&body[..i])
                    .into_iter()
                    .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))),
                counts(&body[i..]).first().copied(),
            ),
            None => {
                let c = counts(body);
                if c.len() == 2 {
                    (Some(c[0]), Some(c[1]))
                } else {
                    (None, None)
                }
            }
        };
        if let (Some(a), Some(b)) = (part, whole) {
            if b > 0.0 {
                return Some(FootnoteFigures {
                    mark,
                    numerator: a,
                    denominator: b,
                    computed_percent: round2(a / b * 100.0),
                    line: n + 1,
                });
            }
        }
        return None;
    }
    None
}

/// The clause of the line around `at` (between `;`/`.` stops), trimmed.
fn sentence_part(text: &str, at: usize) -> String {
    let (ls, le) = line_bounds(text, at);
    let start = text[ls..at]
        .rfind([';', '.'])
        .map(|i| ls + i + 1)
        .unwrap_or(ls);
    let end = text[at..le].find(';').map(|i| at + i).unwrap_or(le);
    let s = text[start..end]
        .trim()
        .trim_start_matches(['-', '+', '*', ' ']);
    s.chars().take(300).collect()
}

fn clean_indicator(s: &str) -> String {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"<sup>[0-9]*</sup>|</?sup>?|sup>[0-9]*|\*\*|[⁰¹²³⁴⁵⁶⁷⁸⁹]").expect("regex")
    });
    let cleaned = re.replace_all(s, "");
    cleaned
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}
