//! Dates and periods, built from the lexer's tokens and the words between them.
//!
//! Dates: `28/4/2022`, `15.11.2022`, `ngày 28 tháng 3 năm 2023`, months (`tháng 6 năm 2024`,
//! `tháng 11/2013`, `Tháng 11, 12/2013`, a bare `12/2013`, a blank-day `ngày … tháng 6 năm
//! 2024`). Never two numbers without a year (`24/7`, `ngày 15/5`). A date that cannot exist
//! (`31/02/2024`, `08/6/20210`) is kept apart for the checks.
//!
//! Periods are spans stated as ranges: year ranges (`giai đoạn 2021 – 2025`, `2021-2030`, `từ
//! năm 2013 đến năm 2020`, `năm học 2024-2025`) and reporting periods within a year (`06 tháng
//! đầu năm 2024`, `9 tháng năm 2024`, `quý I/2024`, `6 tháng cuối năm 2025`). `đến năm 2030` is
//! a horizon, not a period; a single year is not a period.

use super::lexer::{Lexed, Num, Tok};
use super::scan::{self, char_after, char_before};
use super::Span;
use crate::model::{DateMention, Deadline, IsoDate, Period};

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
pub fn iso_date(day: u32, month: u32, year: i32) -> Option<IsoDate> {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(IsoDate::ymd(year, month, day))
}

fn month_iso(month: u32, year: i32) -> Option<IsoDate> {
    ((1..=12).contains(&month) && (1900..=2100).contains(&year)).then(|| IsoDate::ym(year, month))
}

/// A date found in the text, with its span.
#[derive(Debug, Clone)]
pub struct FoundDate {
    /// ISO value.
    pub value: IsoDate,
    /// Byte span.
    pub span: Span,
}

/// What the date stage found.
#[derive(Debug, Default)]
pub struct Found {
    /// Dates in text order.
    pub dates: Vec<FoundDate>,
    /// Dates that cannot exist.
    pub bad: Vec<(Span, usize)>,
    /// Tokens used by a date.
    pub used: Vec<bool>,
}

/// The gap between two byte offsets, if it is only spaces and `words` (lower case) in order.
fn gap_is(text: &str, from: usize, to: usize, words: &[&str]) -> bool {
    let Some(mut g) = text.get(from..to) else {
        return false;
    };
    for w in words {
        g = g.trim_start_matches(|c: char| scan::is_space(c) || c == '\n');
        match scan::word_prefix_len(g, w) {
            Some(n) => g = &g[n..],
            None => return false,
        }
    }
    g.trim_matches(|c: char| scan::is_space(c) || c == '\n')
        .is_empty()
}

/// The start of a word (lower case) that ends right before `at`, allowing spaces between.
fn word_before(text: &str, at: usize, word: &str) -> Option<usize> {
    let t = scan::trim_spaces_end(scan::tail(text, at, 24));
    let t = t.trim_end_matches('\n');
    let t = scan::trim_spaces_end(t);
    let n = scan::word_suffix_len(t, word)?;
    Some(at - (scan::tail(text, at, 24).len() - (t.len() - n)))
}

/// Where a month mention whose `tháng` is at `th` starts: at `tháng`, or at the `ngày` of a
/// blank-day draft before it (`ngày … tháng 6 năm 2024` is a month).
fn month_start(text: &str, th: usize) -> usize {
    let before = scan::tail(text, th, 40);
    let trimmed =
        before.trim_end_matches(|c: char| scan::is_space(c) || matches!(c, '.' | '…' | '_' | '-'));
    match scan::word_suffix_len(trimmed, "ngày") {
        Some(n) => th - (before.len() - (trimmed.len() - n)),
        None => th,
    }
}

/// The months listed from token `k` on (`6 năm 2024`, `11/2013`, `11, 12/2013`, `11 và 12 năm
/// 2013`): each month with its token, the year they share, and the last token read.
fn months_at(lx: &Lexed<'_>, k: usize) -> (Vec<(u32, usize)>, Option<i32>, usize) {
    let (text, toks) = (lx.text, &lx.tokens);
    let mut months: Vec<(u32, usize)> = Vec::new();
    let mut j = k;
    let mut year = None;
    let mut last = k;
    while j < toks.len() && months.len() < 12 {
        match &toks[j].tok {
            Tok::Num(m) if m.small().is_some() => {
                months.push((m.value as u32, j));
                if let Some(Tok::Num(y)) = toks.get(j + 1).map(|t| &t.tok) {
                    if y.year().is_some()
                        && gap_is(text, toks[j].span.end, toks[j + 1].span.start, &["năm"])
                    {
                        year = y.year();
                        last = j + 1;
                        break;
                    }
                }
                // Another month follows: `11, 12/2013`, `11 và 12 năm 2013`.
                let next = toks.get(j + 1);
                let sep = next.and_then(|n| text.get(toks[j].span.end..n.span.start));
                if sep.is_some_and(|s| {
                    let s = s.trim_matches(|c: char| scan::is_space(c));
                    s == "," || s == "và" || s == "-" || s == "–"
                }) {
                    j += 1;
                    continue;
                }
                break;
            }
            Tok::Slash(m, y) if is_month_slash(m, y) => {
                months.push((m.value as u32, j));
                year = y.year();
                last = j;
                break;
            }
            _ => break,
        }
    }
    (months, year, last)
}

/// Every date of the text, the impossible ones apart.
pub fn find(lx: &Lexed<'_>) -> Found {
    let text = lx.text;
    let toks = &lx.tokens;
    let mut found = Found {
        used: vec![false; toks.len()],
        ..Found::default()
    };
    let mut k = 0;
    while k < toks.len() {
        let t = &toks[k];
        match &t.tok {
            Tok::Date {
                day,
                month,
                year,
                valid,
            } => {
                let d = if *valid {
                    iso_date(*day, *month, *year as i32)
                } else {
                    None
                };
                match d {
                    Some(v) => found.dates.push(FoundDate {
                        value: v,
                        span: t.span,
                    }),
                    None => found.bad.push((t.span, t.line)),
                }
                found.used[k] = true;
            }
            // `ngày 28 tháng 3 năm 2023`, `ngày 28 tháng 3/2023`.
            Tok::Num(d)
                if d.small().is_some() && word_before(text, t.span.start, "ngày").is_some() =>
            {
                let start = word_before(text, t.span.start, "ngày").expect("checked");
                if let Some((m, y, last)) = month_year_after(lx, k + 1, t.span.end, true) {
                    if let Some(v) = iso_date(d.value as u32, m, y) {
                        let end = toks[last].span.end;
                        found.dates.push(FoundDate {
                            value: v,
                            span: Span::new(start, end),
                        });
                        for u in k..=last {
                            found.used[u] = true;
                        }
                        k = last + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        // Months: `tháng 6 năm 2024`, `tháng 11/2013`, `Tháng 11, 12/2013`.
        if !found.used[k] {
            if let Some(th) = word_before(text, t.span.start, "tháng") {
                let start = month_start(text, th);
                let (months, year, last) = months_at(lx, k);
                if let Some(y) = year {
                    for (i, (m, tk)) in months.iter().enumerate() {
                        if let Some(v) = month_iso(*m, y) {
                            let s = if i == 0 { start } else { toks[*tk].span.start };
                            let e = if i + 1 == months.len() {
                                toks[last].span.end
                            } else {
                                toks[*tk].span.end
                            };
                            found.dates.push(FoundDate {
                                value: v,
                                span: Span::new(s, e),
                            });
                        }
                    }
                    for u in k..=last {
                        found.used[u] = true;
                    }
                    k = last + 1;
                    continue;
                }
            } else if let Tok::Slash(m, y) = &t.tok {
                // A bare month (`12/2013`) in a table cell or after `Thời gian:`: a month,
                // unless a unit follows (then it is a count, left to the fractions).
                if is_month_slash(m, y)
                    && !char_before(text, t.span.start)
                        .is_some_and(|c| matches!(c, '.' | ',' | '-'))
                    && !char_after(text, t.span.end)
                        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '%'))
                    && !followed_by_word(text, t.span.end)
                {
                    if let Some(v) = month_iso(m.value as u32, y.value as i32) {
                        found.dates.push(FoundDate {
                            value: v,
                            span: t.span,
                        });
                        found.used[k] = true;
                    }
                }
            }
        }
        k += 1;
    }
    found.dates.sort_by_key(|d| d.span.start);
    found
}

fn is_month_slash(m: &Num, y: &Num) -> bool {
    super::numbers::is_month_year(m, y)
}

/// Whether a lower-case word (a unit noun, say) follows right after `at`.
fn followed_by_word(text: &str, at: usize) -> bool {
    let rest = scan::trim_spaces_start(scan::head(text, at, 8));
    rest.chars().next().is_some_and(|c| c.is_lowercase())
}

/// After the day token: `tháng M năm Y` or `tháng M/Y`; the month, the year and the last token.
fn month_year_after(
    lx: &Lexed<'_>,
    k: usize,
    from: usize,
    need_thang: bool,
) -> Option<(u32, i32, usize)> {
    let text = lx.text;
    let toks = &lx.tokens;
    let t = toks.get(k)?;
    let words: &[&str] = if need_thang { &["tháng"] } else { &[] };
    if !gap_is(text, from, t.span.start, words) {
        return None;
    }
    match &t.tok {
        Tok::Num(m) if m.small().is_some() => {
            let y = toks.get(k + 1)?;
            let Tok::Num(yn) = &y.tok else {
                return None;
            };
            let year = yn.year()?;
            (gap_is(text, t.span.end, y.span.start, &["năm"])
                || text
                    .get(t.span.end..y.span.start)
                    .is_some_and(|g| g.trim() == "/"))
            .then_some((m.value as u32, year, k + 1))
        }
        Tok::Slash(m, y) if is_month_slash(m, y) => Some((m.value as u32, y.value as i32, k)),
        _ => None,
    }
}

/// Dates as the extract lists them.
pub fn mentions(lx: &Lexed<'_>, found: &Found, weekdays: &[String]) -> Vec<DateMention> {
    found
        .dates
        .iter()
        .map(|f| DateMention {
            value: f.value.to_string(),
            line: lx.line_of(f.span.start),
            text: lx.mention(f.span.start, f.span.end),
            weekday: (f.value.len() == 10)
                .then(|| weekday_after(lx.text, f.span.end, weekdays))
                .flatten(),
        })
        .collect()
}

/// The day of the week written right after a date (`(thứ 2)`, `, thứ Hai`, `(Chủ nhật)`):
/// 0 for Sunday to 6 for Saturday. `weekdays` names them from Sunday on.
fn weekday_after(text: &str, end: usize, weekdays: &[String]) -> Option<u8> {
    let rest = scan::head(text, end, 24);
    let rest = rest.trim_start_matches(|c: char| scan::is_space(c) || matches!(c, '(' | ',' | '-'));
    if let Some(i) = weekdays
        .iter()
        .position(|w| scan::word_prefix_len(rest, w).is_some())
    {
        return u8::try_from(i).ok();
    }
    // `thứ 2` … `thứ 7`: Monday to Saturday.
    let n = scan::word_prefix_len(rest, "thứ")?;
    let d = rest[n..].trim_start().chars().next()?.to_digit(10)?;
    let after = rest[n..].trim_start()[1..].chars().next();
    ((2..=7).contains(&d) && !after.is_some_and(|c| c.is_ascii_digit())).then(|| (d - 1) as u8)
}

/// Impossible dates as the extract lists them (value: as written).
pub fn bad_mentions(lx: &Lexed<'_>, found: &Found) -> Vec<DateMention> {
    found
        .bad
        .iter()
        .map(|(s, line)| DateMention {
            value: lx.mention(s.start, s.end),
            line: *line,
            text: lx.mention(s.start, s.end),
            weekday: None,
        })
        .collect()
}

/// Times the text asks something to be finished or sent by: a word of `deadline_verbs` with a
/// word of `intent_words` among the three words before it, then `năm`, `trong năm`, `trước
/// năm` or `vào năm` and a year (`tiếp tục bố trí vốn để hoàn thành năm 2018`; `đã hoàn
/// thành năm 2018` tells what was done and is none); and a date right after a word of
/// `deadline_leads` with a deadline verb earlier in its clause (`gửi về Sở trước ngày
/// 20/6/2024`; `thành lập trước ngày 01/7/2016` is a condition and none). A clause with a
/// word of `told_words` (`đã chỉ đạo … hoàn thành trước ngày …`) recounts an older limit and
/// gives none.
pub(crate) fn deadlines(lx: &Lexed<'_>, found: &Found, v: &super::Vocab) -> Vec<Deadline> {
    let mut out = Vec::new();
    let text = lx.text;
    // From each year written after `năm` back to the verb and the intent before it: one look
    // per year, not a search of every line for every verb.
    for t in &lx.tokens {
        let Tok::Num(n) = &t.tok else { continue };
        if !n.is_plain_int() || n.lead_digits != 4 || !(1900.0..=2100.0).contains(&n.value) {
            continue;
        }
        let line_start = window_start(text, t.span.start, 160);
        let before = &text[line_start..t.span.start];
        let Some(verb_end) = year_lead_start(before) else {
            continue;
        };
        let Some(len) = v.deadline_verbs.suffix_len(&before[..verb_end]) else {
            continue;
        };
        let start = verb_end - len;
        let head = &before[..start];
        // The three words before the verb.
        let lead = head
            .char_indices()
            .rev()
            .filter(|&(j, c)| c.is_whitespace() && j + 1 < head.len())
            .nth(3)
            .map_or(0, |(j, _)| j + 1);
        let clause = head.rfind(['.', ';']).map_or(0, |i| i + 1);
        if v.intent_words.any_in(&head[lead..]) && !v.told_words.any_in(&head[clause..]) {
            out.push(Deadline {
                year: n.value as i32,
                date: None,
                line: t.line,
                text: lx.mention(line_start + lead, t.span.end).trim().to_string(),
            });
        }
    }
    for d in found.dates.iter().filter(|d| d.value.len() == 10) {
        let line_start = window_start(text, d.span.start, 400);
        let before = text[line_start..d.span.start].trim_end();
        let before = before
            .strip_suffix("ngày")
            .or_else(|| before.strip_suffix("Ngày"))
            .unwrap_or(before)
            .trim_end();
        let Some(n) = v.deadline_leads.suffix_len(before) else {
            continue;
        };
        let lead_at = before.len() - n;
        let clause_start = before[..lead_at].rfind(['.', ';']).map_or(0, |i| i + 1);
        let clause = &before[clause_start..lead_at];
        if v.deadline_verbs.any_in(clause) && !v.told_words.any_in(clause) {
            out.push(Deadline {
                year: d.value.year().unwrap_or(0),
                date: Some(d.value.clone()),
                line: lx.line_of(d.span.start),
                text: lx
                    .mention(line_start + clause_start, d.span.end)
                    .trim()
                    .to_string(),
            });
        }
    }
    out.sort_by_key(|d| d.line);
    out
}

/// Where the words before `at` worth reading for a deadline begin: the start of its line,
/// or `max` bytes back when the line is longer (a paragraph joined into one line).
fn window_start(text: &str, at: usize, max: usize) -> usize {
    let mut from = at.saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at].rfind('\n').map_or(from, |i| from + i + 1)
}

/// Where the words before a year that make it one (`năm`, `trong năm`, `trước năm`, `vào
/// năm`) begin in `before` (the text up to the year), or `None` when they are not there.
fn year_lead_start(before: &str) -> Option<usize> {
    let t = before.trim_end();
    let t = t
        .strip_suffix("năm")
        .or_else(|| t.strip_suffix("Năm"))
        .or_else(|| t.strip_suffix("nam"))?
        .trim_end();
    let t = ["trong", "trước", "vào", "truoc", "vao"]
        .iter()
        .find_map(|w| {
            t.strip_suffix(w)
                .filter(|r| r.ends_with(char::is_whitespace))
        })
        .unwrap_or(t)
        .trim_end();
    Some(t.len())
}

/// Periods: year ranges and reporting periods within a year. `leads` are the words that open
/// a year range and belong to its text (`giai đoạn`, `nhiệm kỳ`: `period_leads` of
/// `rules/figures.toml`).
pub fn periods(lx: &Lexed<'_>, used: &[bool], leads: &[String]) -> Vec<Period> {
    let text = lx.text;
    let toks = &lx.tokens;
    let mut out: Vec<(usize, Period)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        if used.get(k).copied().unwrap_or(false) {
            k += 1;
            continue;
        }
        let t = &toks[k];
        let Tok::Num(n) = &t.tok else {
            k += 1;
            continue;
        };
        // Year ranges.
        if let (Some(y1), Some(next)) = (n.year(), toks.get(k + 1)) {
            if let Tok::Num(n2) = &next.tok {
                if let Some(y2) = n2.year() {
                    let gap = &text[t.span.end..next.span.start];
                    let g = gap.trim_matches(|c: char| scan::is_space(c));
                    let dash = matches!(g, "-" | "–" | "—");
                    let words = gap_is(text, t.span.end, next.span.start, &["đến", "năm"])
                        || gap_is(text, t.span.end, next.span.start, &["đến"]);
                    let before = char_before(text, t.span.start);
                    // Not part of a longer run of numbers (`số 2021-2025-333`, `1/2021-2025`).
                    let glued_before = before
                        .is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '.')
                        || (matches!(before, Some('-' | '–'))
                            && char_before(text, t.span.start - 1)
                                .is_some_and(|c| c.is_ascii_digit()));
                    let glued_after = char_after(text, next.span.end)
                        .is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '%')
                        || (text[next.span.end..].starts_with(['-', '.'])
                            && text[next.span.end + 1..].starts_with(|c: char| c.is_ascii_digit()));
                    let clean_edges = !glued_before && !glued_after;
                    if (dash || words) && y2 > y1 && y2 - y1 <= 50 && clean_edges {
                        let mut start = t.span.start;
                        let tl = scan::trim_spaces_end(scan::tail(text, start, 32));
                        for w in leads {
                            if let Some(m) = scan::word_suffix_len(tl, w) {
                                start -= scan::tail(text, start, 32).len() - (tl.len() - m);
                                break;
                            }
                        }
                        out.push((
                            start,
                            Period {
                                from: y1.to_string(),
                                to: y2.to_string(),
                                line: lx.line_of(start),
                                text: lx.mention(start, next.span.end),
                                years_stated: years_before(lx, t.span.start),
                            },
                        ));
                        k += 2;
                        continue;
                    }
                }
            }
        }
        // `06 tháng đầu năm 2024`, `6 tháng cuối năm 2025`, `9 tháng năm 2024`.
        if let (Some(m), Some(next)) = (n.small(), toks.get(k + 1)) {
            if let Tok::Num(yn) = &next.tok {
                if let (Some(y), true) = (yn.year(), (1..=12).contains(&m)) {
                    let g = (t.span.end, next.span.start);
                    let bounds = if gap_is(text, g.0, g.1, &["tháng", "đầu", "năm"])
                        || gap_is(text, g.0, g.1, &["tháng", "năm"])
                    {
                        Some((1, m))
                    } else if gap_is(text, g.0, g.1, &["tháng", "cuối", "năm"]) {
                        Some((13 - m, 12))
                    } else {
                        None
                    };
                    if let Some((a, b)) = bounds {
                        out.push((
                            t.span.start,
                            Period {
                                from: format!("{y:04}-{a:02}"),
                                to: format!("{y:04}-{b:02}"),
                                line: t.line,
                                text: lx.mention(t.span.start, next.span.end),
                                years_stated: None,
                            },
                        ));
                        k += 2;
                        continue;
                    }
                }
            }
        }
        // `quý I/2024`, `quý II năm 2025`.
        if let Some(y) = n.year() {
            if let Some((start, q)) = quarter_before(text, t.span.start) {
                let (a, b) = (3 * q - 2, 3 * q);
                out.push((
                    start,
                    Period {
                        from: format!("{y:04}-{a:02}"),
                        to: format!("{y:04}-{b:02}"),
                        line: lx.line_of(start),
                        text: lx.mention(start, t.span.end),
                        years_stated: None,
                    },
                ));
            }
        }
        k += 1;
    }
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, p)| p).collect()
}

/// `05 năm ` right before the first year of a range (`giai đoạn 05 năm 2026 – 2028`): the
/// number of years stated, and its line.
fn years_before(lx: &Lexed<'_>, at: usize) -> Option<(u32, usize)> {
    let text = lx.text;
    let w = scan::tail(text, at, 24).trim_end();
    let n = scan::word_suffix_len(w, "năm")?;
    let t = w[..w.len() - n].trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let start = t.len() - digits;
    // A whole number, not the end of a date or a longer figure (`12/2025 năm`).
    if t[..start].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | ',')) {
        return None;
    }
    let count: u32 = t[start..].parse().ok()?;
    let offset = at - scan::tail(text, at, 24).len() + start;
    Some((count, lx.line_of(offset)))
}

/// `quý I/` or `quý II năm ` right before a year: where `quý` starts and the quarter.
fn quarter_before(text: &str, at: usize) -> Option<(usize, u32)> {
    let w = scan::tail(text, at, 24);
    let slash = w.ends_with('/');
    let mut t = w.strip_suffix('/').unwrap_or(w);
    t = scan::trim_spaces_end(t);
    if !slash {
        // No slash: `quý II năm 2025`.
        let n = scan::word_suffix_len(t, "năm")?;
        t = scan::trim_spaces_end(&t[..t.len() - n]);
    }
    let roman_len = t
        .chars()
        .rev()
        .take_while(|c| matches!(c, 'I' | 'V' | 'i' | 'v'))
        .count();
    if roman_len == 0 {
        return None;
    }
    let roman = &t[t.len() - roman_len..];
    let q = match roman.to_ascii_uppercase().as_str() {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        _ => return None,
    };
    let before = scan::trim_spaces_end(&t[..t.len() - roman_len]);
    if before.len() == t.len() - roman_len {
        // The numeral must stand apart from the word before it.
        return None;
    }
    let n = scan::word_suffix_len(before, "quý")?;
    let start = at - w.len() + (before.len() - n);
    Some((start, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        let lx = Lexed::new(text);
        find(&lx)
            .dates
            .into_iter()
            .map(|d| d.value.to_string())
            .collect()
    }

    fn periods_of(text: &str) -> Vec<(String, String)> {
        let lx = Lexed::new(text);
        let f = find(&lx);
        periods(
            &lx,
            &f.used,
            &crate::extract::Extractor::built_in()
                .rules()
                .figures
                .period_leads,
        )
        .into_iter()
        .map(|p| (p.from, p.to))
        .collect()
    }

    #[test]
    fn date_shapes() {
        assert_eq!(dates("ngày 28 tháng 3 năm 2023"), ["2023-03-28"]);
        assert_eq!(dates("ngày 05 tháng 4/2023"), ["2023-04-05"]);
        assert_eq!(dates("Tháng 11, 12/2013"), ["2013-11", "2013-12"]);
        assert_eq!(dates("thời gian 12/2013."), ["2013-12"]);
        assert_eq!(dates("ngày    tháng 6 năm 2024"), ["2024-06"]);
        assert!(dates("12/2013 hồ sơ").is_empty());
        assert!(dates("ngày 15/5 hằng năm").is_empty());
    }

    #[test]
    fn period_shapes() {
        assert_eq!(
            periods_of("giai đoạn 2021 – 2025, từ năm 2013 đến năm 2020, năm học 2024-2025"),
            [
                ("2021".into(), "2025".into()),
                ("2013".into(), "2020".into()),
                ("2024".into(), "2025".into())
            ]
        );
        assert_eq!(
            periods_of("06 tháng đầu năm 2024; 6 tháng cuối năm 2025; 9 tháng năm 2024; quý I/2024; Quý III năm 2025"),
            [
                ("2024-01".into(), "2024-06".into()),
                ("2025-07".into(), "2025-12".into()),
                ("2024-01".into(), "2024-09".into()),
                ("2024-01".into(), "2024-03".into()),
                ("2025-07".into(), "2025-09".into())
            ]
        );
        assert!(periods_of("định hướng đến năm 2030; năm 2022; số 2021-2025-333").is_empty());
    }
}

#[cfg(test)]
mod documented {
    //! The examples of the functions' documentation, as unit tests (the module is
    //! private, so they cannot be doc-tests).

    #[test]
    fn iso_date_as_documented() {
        use crate::extract::dates::iso_date;
        assert_eq!(iso_date(28, 4, 2022).as_deref(), Some("2022-04-28"));
        assert_eq!(iso_date(31, 2, 2022), None);
    }
}
