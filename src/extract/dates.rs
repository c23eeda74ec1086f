//! Dates (`28/4/2022`, `ngày 28 tháng 3 năm 2023`, `tháng 6 năm 2024`) and periods
//! (`giai đoạn 2021 – 2025`, `2021-2030`, `đến năm 2030`, `6 tháng đầu năm 2024`).
//!
//! Dates are validated (no 31/2, no month 13) and never taken from two numbers without a year
//! (`24/7`, `12/12`).

use regex::Regex;

use super::{Ctx, Span};
use crate::model::{DateMention, Period};

/// Compiled patterns for this module.
#[derive(Debug)]
pub struct Patterns {
    numeric: Regex,
    long: Regex,
    month: Regex,
    period_range: Regex,
    period_until: Regex,
    period_part: Regex,
}

impl Default for Patterns {
    fn default() -> Self {
        Patterns {
            numeric: Regex::new(
                r"([0-9]{1,2})[ \t]?/[ \t]?([0-9]{1,2})[ \t]?/[ \t]?([0-9]{4})|([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})|([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})",
            )
            .expect("regex"),
            long: Regex::new(r"(?i)ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s*(?:năm\s+|/\s*)([0-9]{4})").expect("regex"),
            month: Regex::new(r"(?i)(ngày[\s.…_]*)?tháng\s+([0-9]{1,2})\s*(?:năm\s+|/\s*)([0-9]{4})").expect("regex"),
            period_range: Regex::new(r"(?i)(?:giai\s+đoạn\s+|từ\s+năm\s+|thời\s+kỳ\s+)?((?:19|20)[0-9]{2})\s*(?:[-–—]|đến)\s*((?:19|20)[0-9]{2})").expect("regex"),
            period_until: Regex::new(r"(?i)(?:đến|tới)\s+năm\s+((?:19|20)[0-9]{2})").expect("regex"),
            period_part: Regex::new(r"(?i)([0-9]{1,2})\s+tháng\s+(?:đầu|cuối)\s+năm\s+((?:19|20)[0-9]{2})").expect("regex"),
        }
    }
}

/// Days in a month of a year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The ISO form of a valid date, or `None`.
///
/// ```
/// use vanban::extract::dates::iso_date;
/// assert_eq!(iso_date(28, 4, 2022).as_deref(), Some("2022-04-28"));
/// assert_eq!(iso_date(31, 2, 2022), None);
/// ```
pub fn iso_date(day: u32, month: u32, year: i32) -> Option<String> {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A date found in the text, with its byte span.
#[derive(Debug, Clone)]
pub struct Found {
    /// ISO value.
    pub value: String,
    /// Byte span.
    pub span: Span,
}

/// Every date in the text with its span, sorted by position.
pub fn find_dates(ctx: &Ctx<'_>) -> Vec<Found> {
    let text = ctx.text;
    let p = &ctx.patterns.dates;
    let mut out: Vec<Found> = Vec::new();
    for caps in p.long.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let d = caps[1].parse().unwrap_or(0);
        let mo = caps[2].parse().unwrap_or(0);
        let y = caps[3].parse().unwrap_or(0);
        if let Some(v) = iso_date(d, mo, y) {
            out.push(Found {
                value: v,
                span: Span::new(m.start(), m.end()),
            });
        }
    }
    let long_spans: Vec<Span> = out.iter().map(|f| f.span).collect();
    for caps in p.numeric.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | ','))
            || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-'))
        {
            continue;
        }
        if text[m.end()..].starts_with('.')
            && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let g = |i: usize| caps.get(i).map(|x| x.as_str());
        let (d, mo, y) = [(1, 2, 3), (4, 5, 6), (7, 8, 9)]
            .iter()
            .find_map(|&(a, b, c)| Some((g(a)?, g(b)?, g(c)?)))
            .expect("one alternative matched");
        if let Some(v) = iso_date(
            d.parse().unwrap_or(0),
            mo.parse().unwrap_or(0),
            y.parse().unwrap_or(0),
        ) {
            if !super::overlaps_any(&long_spans, m.start(), m.end()) {
                out.push(Found {
                    value: v,
                    span: Span::new(m.start(), m.end()),
                });
            }
        }
    }
    let mut day_spans: Vec<Span> = out.iter().map(|f| f.span).collect();
    day_spans.sort_by_key(|s| s.start);
    for caps in p.month.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if super::overlaps_any(&day_spans, m.start(), m.end()) {
            continue;
        }
        // `ngày 28 tháng …` was taken above; a blank-day draft (`ngày   tháng 6 năm 2024`)
        // or a bare month is kept as a month.
        let mo: u32 = caps[2].parse().unwrap_or(0);
        let y: i32 = caps[3].parse().unwrap_or(0);
        if (1..=12).contains(&mo) && (1900..=2100).contains(&y) {
            let start = caps.get(1).map(|x| x.start()).unwrap_or(m.start());
            out.push(Found {
                value: format!("{y:04}-{mo:02}"),
                span: Span::new(start, m.end()),
            });
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// Dates as the extract lists them.
pub fn dates(ctx: &Ctx<'_>, found: &[Found]) -> Vec<DateMention> {
    found
        .iter()
        .map(|f| DateMention {
            value: f.value.clone(),
            line: ctx.line_of(f.span.start),
            text: ctx.mention(f.span.start, f.span.end),
        })
        .collect()
}

/// Periods of years. Spans already taken by dates are skipped.
pub fn periods(ctx: &Ctx<'_>, taken: &[Span]) -> Vec<Period> {
    let text = ctx.text;
    let p = &ctx.patterns.dates;
    let mut spans: Vec<Span> = Vec::new();
    let mut out: Vec<(usize, Period)> = Vec::new();
    let free = |spans: &[Span], s: usize, e: usize| {
        !super::overlaps_any(taken, s, e) && !super::overlaps_any(spans, s, e)
    };
    for caps in p.period_range.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.')
            || after.is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%')
            || (text[m.end()..].starts_with(['-', '.'])
                && text[m.end() + 1..].starts_with(|c: char| c.is_ascii_digit()))
            || (text[..m.start()].ends_with('-')
                && text[..m.start() - 1].ends_with(|c: char| c.is_ascii_digit()))
            || !free(&spans, m.start(), m.end())
        {
            continue;
        }
        let from: i32 = caps[1].parse().unwrap_or(0);
        let to: i32 = caps[2].parse().unwrap_or(0);
        if to <= from || to - from > 50 {
            continue;
        }
        insert_sorted(&mut spans, Span::new(m.start(), m.end()));
        out.push((
            m.start(),
            Period {
                from: Some(from),
                to,
                line: ctx.line_of(m.start()),
                text: ctx.mention(m.start(), m.end()),
            },
        ));
    }
    for caps in p.period_until.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if !free(&spans, m.start(), m.end())
            || text[m.end()..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let to: i32 = caps[1].parse().unwrap_or(0);
        insert_sorted(&mut spans, Span::new(m.start(), m.end()));
        out.push((
            m.start(),
            Period {
                from: None,
                to,
                line: ctx.line_of(m.start()),
                text: ctx.mention(m.start(), m.end()),
            },
        ));
    }
    for caps in p.period_part.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if !free(&spans, m.start(), m.end()) {
            continue;
        }
        let y: i32 = caps[2].parse().unwrap_or(0);
        insert_sorted(&mut spans, Span::new(m.start(), m.end()));
        out.push((
            m.start(),
            Period {
                from: Some(y),
                to: y,
                line: ctx.line_of(m.start()),
                text: ctx.mention(m.start(), m.end()),
            },
        ));
    }
    out.sort_by_key(|(start, _)| *start);
    out.into_iter().map(|(_, p)| p).collect()
}

/// Inserts a span keeping the list in text order.
fn insert_sorted(spans: &mut Vec<Span>, span: Span) {
    let i = spans.partition_point(|s| s.start < span.start);
    spans.insert(i, span);
}
