//! Numbers as Vietnamese documents write them, and the extractors built on them: fractions,
//! percentages and money.
//!
//! One decoding, [`parse_number`], serves every extractor and the checks: `.` groups thousands
//! and `,` marks decimals (`1.937.640.550`, `52,04`), while a lone `.` followed by one or two
//! digits is read as a decimal point (`23.1%`, `3.8 tỷ`), as some documents write it.

use regex::Regex;

use super::{Ctx, Span};
use crate::model::{Fraction, Money, Percentage};
use crate::rules::Rules;

/// Decodes a number written the Vietnamese way (or the English way where that is unambiguous).
///
/// ```
/// use vanban::extract::numbers::parse_number;
/// assert_eq!(parse_number("2.400"), Some(2400.0));
/// assert_eq!(parse_number("52,04"), Some(52.04));
/// assert_eq!(parse_number("23.1"), Some(23.1));
/// assert_eq!(parse_number("1.937.640.550"), Some(1937640550.0));
/// assert_eq!(parse_number("1.234,5"), Some(1234.5));
/// assert_eq!(parse_number("12"), Some(12.0));
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let plain: String = match (dots, commas) {
        (0, 0) => s.to_string(),
        (_, 0) => {
            if groups_of_three('.')
                && (dots > 1 || s.split('.').nth(1).is_some_and(|g| g.len() == 3))
            {
                s.replace('.', "")
            } else if dots == 1 {
                s.to_string()
            } else {
                return None;
            }
        }
        (0, _) => {
            if commas == 1 {
                s.replace(',', ".")
            } else if groups_of_three(',') {
                s.replace(',', "")
            } else {
                return None;
            }
        }
        _ => {
            let last_comma = s.rfind(',')?;
            let last_dot = s.rfind('.')?;
            if last_comma > last_dot {
                s.replace('.', "").replace(',', ".")
            } else {
                s.replace(',', "")
            }
        }
    };
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Compiled patterns for this module.
#[derive(Debug)]
pub struct Patterns {
    fraction: Regex,
    percent: Regex,
    money: Regex,
}

impl Patterns {
    /// Builds the patterns from the rules.
    pub fn new(rules: &Rules) -> Patterns {
        let mut scales: Vec<&String> = rules.money.scales.keys().collect();
        scales.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let mut cur: Vec<&String> = rules.money.currency.iter().collect();
        cur.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        let alt = |v: &[&String]| {
            v.iter()
                .map(|s| regex::escape(s))
                .collect::<Vec<_>>()
                .join("|")
        };
        Patterns {
            fraction: Regex::new(
                r"([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)[ \t]?/[ \t]?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)",
            )
            .expect("regex"),
            percent: Regex::new(r"([0-9]+(?:[.,][0-9]+)*)[ \t]?%").expect("regex"),
            money: Regex::new(&format!(
                r"([0-9]{{1,3}}(?:[.,][0-9]{{3}})+(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)?)[ \t]?(?:({})[ \t]?)?({})?",
                alt(&scales),
                alt(&cur)
            ))
            .expect("regex"),
        }
    }
}

/// At most `max` bytes of `text` before `at`, cut at a character boundary.
fn tail(text: &str, at: usize, max: usize) -> &str {
    let mut start = at.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// The whitespace-delimited token around a byte range (for URL checks).
fn token_around(text: &str, start: usize, end: usize) -> &str {
    let s = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let e = text[end..]
        .find(char::is_whitespace)
        .map(|i| end + i)
        .unwrap_or(text.len());
    &text[s..e]
}

fn looks_like_url(token: &str) -> bool {
    let t = token.to_lowercase();
    t.contains("://")
        || t.contains("www.")
        || t.contains(".vn/")
        || t.contains(".com/")
        || t.contains(".gov")
}

/// The unit noun right after byte `at`, if any.
pub fn unit_after<'r>(text: &str, at: usize, rules: &'r Rules) -> Option<&'r str> {
    let rest = text[at..].trim_start_matches([' ', '\t']);
    let lower = rest.chars().take(40).collect::<String>().to_lowercase();
    // Rule words are stored lower-cased.
    rules.units.iter().map(String::as_str).find(|u| {
        lower.starts_with(u) && !lower[u.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Count fractions: `2.400/4.611 hồ sơ`, `12/12 chỉ tiêu`. Never dates, ids, `24/7`, `4G/5G`,
/// word pairs or URLs.
pub fn fractions(ctx: &Ctx<'_>, taken: &[Span]) -> Vec<(Span, Fraction)> {
    let text = ctx.text;
    let mut out = Vec::new();
    for caps in ctx.patterns.numbers.fraction.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if super::overlaps_any(taken, m.start(), m.end()) {
            continue;
        }
        if char_before(text, m.start())
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-' | '_'))
        {
            continue;
        }
        let after = char_after(text, m.end());
        if after.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '%' || c == '_') {
            continue;
        }
        // `28/4/2022` or `12.3/2022`: the next char after a dot or dash continuing a number.
        if text[m.end()..].starts_with(['.', ',', '-'])
            && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        if looks_like_url(token_around(text, m.start(), m.end())) {
            continue;
        }
        let (Some(a), Some(b)) = (parse_number(&caps[1]), parse_number(&caps[2])) else {
            continue;
        };
        if b == 0.0 {
            continue;
        }
        // A school or fiscal year (`2021/2022`).
        if (1900.0..2100.0).contains(&a) && b == a + 1.0 {
            continue;
        }
        let unit = unit_after(text, m.end(), ctx.rules);
        let before = tail(text, m.start(), 16).trim_end().to_lowercase();
        let date_like = (1.0..=31.0).contains(&a)
            && (1.0..=12.0).contains(&b)
            && !caps[1].contains('.')
            && !caps[2].contains('.');
        if date_like && (unit.is_none() || before.ends_with("ngày")) {
            continue;
        }
        out.push((
            Span::new(m.start(), m.end()),
            Fraction {
                numerator: a,
                denominator: b,
                unit: unit.map(str::to_string),
                line: ctx.line_of(m.start()),
                text: ctx.mention(m.start(), m.end()),
            },
        ));
    }
    out
}

/// Percentages with their qualifier: `52,04%`, `23.1%`, `100 %`, `ít nhất 80%`, `95% trở lên`.
pub fn percentages(ctx: &Ctx<'_>) -> Vec<(Span, Percentage)> {
    let text = ctx.text;
    let mut out = Vec::new();
    for caps in ctx.patterns.numbers.percent.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
        {
            continue;
        }
        let Some(value) = parse_number(&caps[1]) else {
            continue;
        };
        let (qualifier, comparator) = qualifier_around(text, m.start(), m.end(), ctx.rules);
        out.push((
            Span::new(m.start(), m.end()),
            Percentage {
                value,
                qualifier,
                comparator,
                line: ctx.line_of(m.start()),
                text: ctx.mention(m.start(), m.end()),
            },
        ));
    }
    out
}

/// The qualifier word right before `start` or right after `end`, and its comparator.
pub fn qualifier_around(
    text: &str,
    start: usize,
    end: usize,
    rules: &Rules,
) -> (Option<String>, Option<String>) {
    let window = tail(text, start, 48);
    let line_start = window.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let before = window[line_start..].trim_end().to_lowercase();
    let after_text: String = text[end..]
        .chars()
        .take(20)
        .collect::<String>()
        .to_lowercase();
    let after = after_text.trim_start();
    let mut best: Option<(&str, &str)> = None;
    for q in &rules.qualifiers {
        for w in &q.words {
            let lw = w.as_str();
            let hit = if q.position == "before" {
                before.ends_with(lw)
                    && before[..before.len() - lw.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            } else {
                after.starts_with(lw)
                    && !after[lw.len()..].starts_with(|c: char| c.is_alphanumeric())
            };
            if hit && best.is_none_or(|(b, _)| w.chars().count() > b.chars().count()) {
                best = Some((w.as_str(), q.comparator.as_str()));
            }
        }
    }
    match best {
        Some((w, c)) => (Some(w.to_string()), Some(c.to_string())),
        None => (None, None),
    }
}

/// Money: `1.937.640.550 đồng`, `623.000.000đ`, `3.8 tỷ đồng`, `khoản 3,8 tỷ`, `45 triệu đồng`.
pub fn money(ctx: &Ctx<'_>, taken: &[Span]) -> Vec<Money> {
    let text = ctx.text;
    let rules = ctx.rules;
    let mut out = Vec::new();
    for caps in ctx.patterns.numbers.money.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let scale = caps.get(2).map(|s| s.as_str());
        let currency = caps.get(3);
        if scale.is_none() && currency.is_none() {
            continue;
        }
        if super::overlaps_any(taken, m.start(), m.end()) {
            continue;
        }
        if char_before(text, m.start())
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ','))
        {
            continue;
        }
        let mut end = m.end();
        if let Some(cur) = currency {
            // The currency word must end a word: `đ` not `đi`, `đồng` not `đồng chí`.
            if char_after(text, cur.end()).is_some_and(|c| c.is_alphanumeric()) {
                if scale.is_none() {
                    continue;
                }
                end = caps.get(2).expect("scale").end();
            } else {
                let next_word: String = text[cur.end()..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                if rules.money.not_money.contains(&next_word) {
                    if scale.is_none() {
                        continue;
                    }
                    end = caps.get(2).expect("scale").end();
                }
            }
        } else {
            // A scaled amount without currency word: only after a money lead word.
            let window = tail(text, m.start(), 60);
            let line_start = window.rfind('\n').map(|i| i + 1).unwrap_or(0);
            let lead = window[line_start..].to_lowercase();
            if !rules
                .money
                .lead_words
                .iter()
                .any(|w| lead.contains(w.as_str()))
            {
                continue;
            }
            if char_after(text, m.end()).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
        }
        let Some(n) = parse_number(&caps[1]) else {
            continue;
        };
        let factor = scale
            .and_then(|s| rules.money.scales.get(s).copied())
            .unwrap_or(1.0);
        let value = (n * factor).round();
        if !value.is_finite() || value <= 0.0 {
            continue;
        }
        let trimmed_end = m.start() + text[m.start()..end].trim_end().len();
        out.push(Money {
            value_vnd: value,
            line: ctx.line_of(m.start()),
            text: ctx.mention(m.start(), trimmed_end),
        });
    }
    out
}
