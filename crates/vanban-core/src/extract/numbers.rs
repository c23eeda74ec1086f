//! Numbers as Vietnamese documents write them, and the mentions made of them in running text:
//! fractions, percentages and money. (Table cells are read by [`super::tables`].)
//!
//! One decoding, [`parse_number`], serves every extractor and the checks: `.` groups thousands
//! and `,` marks decimals (`1.937.640.550`, `52,04`), while a lone `.` followed by one or two
//! digits is read as a decimal point (`23.1%`, `3.8 tỷ`), as some documents write it. One
//! formatting, [`format_vn`], writes numbers back the same way in messages.

use super::lexer::{Lexed, Num, Tok};
use super::scan::{self, char_after, char_before, tail};
use super::Span;
use crate::model::{Comparator, Fraction, Money, Percentage};
use crate::rules::Rules;

/// Decodes a number written the Vietnamese way (or the English way where that is unambiguous).
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
                if !groups_of_three_before(s, '.', last_comma) {
                    return None;
                }
                s.replace('.', "").replace(',', ".")
            } else {
                if !groups_of_three_before(s, ',', last_dot) {
                    return None;
                }
                s.replace(',', "")
            }
        }
    };
    let v: f64 = plain.parse().ok()?;
    v.is_finite().then_some(v)
}

fn groups_of_three_before(s: &str, sep: char, end: usize) -> bool {
    s[..end].split(sep).skip(1).all(|g| g.len() == 3)
}

/// Decimals written after the decimal separator of a number (`52,04` → 2, `2.400` → 0).
pub fn decimals_of(s: &str) -> usize {
    let s = s.trim_end_matches(['%', ' ']);
    let Some(v) = parse_number(s) else {
        return 0;
    };
    if v.fract() == 0.0 && !s.contains(',') {
        // `2.400` is a whole number; `23.0` is not written in practice.
        if let Some(i) = s.rfind('.') {
            if s.len() - i - 1 == 3 {
                return 0;
            }
        }
    }
    match s.rfind([',', '.']) {
        Some(i) if s.len() - i - 1 <= 2 => s.len() - i - 1,
        Some(i) if s[i..].starts_with(',') => s.len() - i - 1,
        _ => 0,
    }
}

/// A number written the Vietnamese way with `decimals` decimals (`52,05`, `2.400`).
///
/// ```
/// use vanban_core::extract::format_vn;
/// assert_eq!(format_vn(2400.0, 0), "2.400");
/// assert_eq!(format_vn(52.049, 2), "52,05");
/// assert_eq!(format_vn(-1234.5, 1), "-1.234,5");
/// ```
pub fn format_vn(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x);
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (s.as_str(), None),
    };
    let neg = int.starts_with('-');
    let digits: Vec<char> = int.trim_start_matches('-').chars().collect();
    let mut out = String::with_capacity(s.len() + digits.len() / 3);
    if neg {
        out.push('-');
    }
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A number written with as many decimals as it needs, at most `max` (`74,29`, `80`).
pub fn format_vn_short(x: f64, max: usize) -> String {
    let s = format_vn(x, max);
    if s.contains(',') {
        s.trim_end_matches('0').trim_end_matches(',').to_string()
    } else {
        s
    }
}

/// Whether the whitespace-delimited word around a span looks like a web address.
fn in_url(text: &str, start: usize, end: usize) -> bool {
    let s = text[..start]
        .rfind(char::is_whitespace)
        .map(|i| i + 1)
        .unwrap_or(0);
    let s = s.max(start.saturating_sub(200));
    let mut s = s;
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let e = text[end..]
        .find(char::is_whitespace)
        .map(|i| end + i)
        .unwrap_or(text.len())
        .min(end + 200);
    let mut e = e;
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    let w = &text[s..e];
    w.contains("://") || w.contains("www.") || w.contains(".vn/") || w.contains(".com/")
}

/// The unit noun right after byte `at`, if any.
pub fn unit_after<'r>(text: &str, at: usize, rules: &'r Rules) -> Option<&'r str> {
    let rest = scan::trim_spaces_start(scan::head(text, at, 64));
    rules
        .units
        .iter()
        .map(String::as_str)
        .find(|u| scan::word_prefix_len(rest, u).is_some())
}

/// A fraction found in running text, with its span.
#[derive(Debug, Clone)]
pub struct FoundFraction {
    /// Byte span of `a/b`.
    pub span: Span,
    /// Index of its token.
    pub token: usize,
    /// The fraction.
    pub fraction: Fraction,
}

/// A percentage found in running text, with its span.
#[derive(Debug, Clone)]
pub struct FoundPercent {
    /// Byte span of `52,04%`.
    pub span: Span,
    /// Decimals written.
    pub decimals: u8,
    /// The percentage.
    pub percentage: Percentage,
}

/// Whether a `/` token is a month of a year (`12/2013`), given what precedes it.
pub fn is_month_year(a: &Num, b: &Num) -> bool {
    a.small().is_some_and(|m| (1..=12).contains(&m)) && b.year().is_some()
}

/// Whether `a/b` reads as a day and month (`trước 15/5`, `ngày 30/6`, `10/10 hằng năm`) rather
/// than a count. A count is usually no more than its whole; a date written with a date word
/// before it, or `hằng năm` after it, is a date whatever its numbers.
fn date_like(
    text: &str,
    (start, end): (usize, usize),
    a: &Num,
    b: &Num,
    has_unit: bool,
    rules: &Rules,
) -> bool {
    let day_month = a.small().is_some_and(|d| (1..=31).contains(&d))
        && b.small().is_some_and(|m| (1..=12).contains(&m));
    if !day_month {
        return false;
    }
    let before = scan::trim_spaces_end(tail(text, start, 24));
    if rules
        .figures
        .date_before
        .iter()
        .any(|w| scan::word_suffix_len(before, w).is_some())
    {
        return true;
    }
    let after = scan::trim_spaces_start(scan::head(text, end, 24));
    if rules
        .figures
        .date_after
        .iter()
        .any(|w| scan::word_prefix_len(after, w).is_some())
    {
        return true;
    }
    !has_unit && a.value > b.value
}

/// Count fractions: `2.400/4.611 hồ sơ`, `12/12 chỉ tiêu`. Never dates, months, ids, `24/7`,
/// `4G/5G`, word pairs or web addresses.
pub fn fractions(lx: &Lexed<'_>, rules: &Rules, skip: &[bool]) -> Vec<FoundFraction> {
    let text = lx.text;
    let mut out = Vec::new();
    for (k, t) in lx.tokens.iter().enumerate() {
        let Tok::Slash(a, b) = &t.tok else {
            continue;
        };
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        let (start, end) = (t.span.start, t.span.end);
        if char_before(text, start).is_some_and(|c| matches!(c, '.' | ',' | '-' | '–')) {
            continue;
        }
        let after = char_after(text, end);
        if after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '%' | '_')) {
            continue;
        }
        if text[end..].starts_with(['.', ',', '-'])
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        if !a.value.is_finite() || !b.value.is_finite() || b.value == 0.0 {
            continue;
        }
        // A school or fiscal year (`2021/2022`).
        if a.year().is_some() && b.year().is_some() && b.value == a.value + 1.0 {
            continue;
        }
        let unit = unit_after(text, end, rules);
        if is_month_year(a, b) && unit.is_none() {
            continue;
        }
        if date_like(text, (start, end), a, b, unit.is_some(), rules) {
            continue;
        }
        // `24/24 giờ`, `24/7`: round the clock, not a count.
        if b.value == 24.0 || (a.value == 24.0 && b.value == 7.0) {
            let next = scan::trim_spaces_start(scan::head(text, end, 8));
            if b.value == 7.0
                || scan::word_prefix_len(next, "giờ").is_some()
                || next.starts_with('h')
            {
                continue;
            }
        }
        if in_url(text, start, end) {
            continue;
        }
        // `xếp hạng 36/63`: a place in a ranking.
        let lead = scan::trim_spaces_end(scan::tail(text, start, 24));
        if rules
            .figures
            .ranks
            .iter()
            .any(|w| scan::word_suffix_len(lead, w).is_some())
        {
            continue;
        }
        out.push(FoundFraction {
            span: t.span,
            token: k,
            fraction: Fraction {
                numerator: a.value,
                denominator: b.value,
                unit: unit.map(str::to_string),
                line: t.line,
                text: lx.mention(start, end),
            },
        });
    }
    out.extend(amount_fractions(lx, rules, skip));
    out.sort_by_key(|f| f.span.start);
    out
}

/// Amounts set over amounts of the same unit (`5.817,196 tỷ đồng/5.937,440 tỷ đồng`, `560 tỷ
/// đồng/690 tỷ đồng`): what was spent of what was planned. A footnote mark may stand before
/// the slash (`22,656 tỷ đồng *[4]*/12,9 tỷ đồng`).
fn amount_fractions(lx: &Lexed<'_>, rules: &Rules, skip: &[bool]) -> Vec<FoundFraction> {
    let text = lx.text;
    let toks = &lx.tokens;
    let mut out = Vec::new();
    for k in 0..toks.len().saturating_sub(1) {
        let t = &toks[k];
        let Tok::Num(a) = &t.tok else {
            continue;
        };
        if skip.get(k).copied().unwrap_or(false) || !a.value.is_finite() {
            continue;
        }
        let Some((unit_end, _)) = money_words_after(text, t.span.end, rules, t.span.start) else {
            continue;
        };
        // The number after the slash (a footnote mark's number may come first).
        let Some(slash) = text[unit_end..].find('/').map(|i| unit_end + i) else {
            continue;
        };
        let Some(next) = toks[k + 1..].iter().find(|n| n.span.start > slash) else {
            continue;
        };
        let Tok::Num(b) = &next.tok else {
            continue;
        };
        if !b.value.is_finite() {
            continue;
        }
        let between = text[unit_end..next.span.start].trim();
        let between = between
            .strip_suffix('/')
            .map(|m| {
                m.trim()
                    .trim_matches(|c: char| matches!(c, '*' | '[' | ']') || c.is_ascii_digit())
            })
            .filter(|rest| rest.trim().is_empty());
        if between.is_none() || b.value <= 0.0 {
            continue;
        }
        let unit = text[t.span.end..unit_end].trim();
        let Some((b_end, _)) = money_words_after(text, next.span.end, rules, next.span.start)
        else {
            continue;
        };
        if text[next.span.end..b_end].trim() != unit {
            continue;
        }
        out.push(FoundFraction {
            span: Span::new(t.span.start, b_end),
            token: k,
            fraction: Fraction {
                numerator: a.value,
                denominator: b.value,
                unit: Some(unit.to_string()),
                line: t.line,
                text: lx.mention(t.span.start, b_end),
            },
        });
    }
    out
}

/// Percentages in running text with their qualifier: `52,04%`, `23.1%`, `ít nhất 80%`,
/// `95% trở lên`, `≥ 80%`. Tokens marked in `skip` (table cells) are left out.
pub fn percentages(lx: &Lexed<'_>, rules: &Rules, skip: &[bool]) -> Vec<FoundPercent> {
    let text = lx.text;
    let mut out = Vec::new();
    for (k, t) in lx.tokens.iter().enumerate() {
        let Tok::Percent(n) = &t.tok else {
            continue;
        };
        if skip.get(k).copied().unwrap_or(false) || !n.value.is_finite() {
            continue;
        }
        if char_before(text, t.span.start).is_some_and(|c| c == '.' || c == ',') {
            continue;
        }
        let (qualifier, comparator) = qualifier_around(text, t.span.start, t.span.end, rules);
        out.push(FoundPercent {
            span: t.span,
            decimals: n.decimals,
            percentage: Percentage {
                value: n.value,
                qualifier,
                comparator,
                in_table: false,
                line: t.line,
                text: lx.mention(t.span.start, t.span.end),
            },
        });
    }
    out
}

/// The comparator of `s` when `s` is one qualifier word and nothing else: one written before a
/// value (`after` false: `ít nhất`, `≥`) or after it (`after` true: `trở lên`). A table cell
/// holds its qualifier this way (`≥ 80`, `95 trở lên`).
pub fn qualifier_is(s: &str, after: bool, rules: &Rules) -> Option<Comparator> {
    rules
        .qualifiers
        .iter()
        .filter(|q| q.after == after)
        .find(|q| {
            q.words
                .iter()
                .any(|w| scan::word_prefix_len(s, w).is_some_and(|n| n == s.len()))
        })
        .map(|q| q.comparator)
}

/// The qualifier word right before `start` (on the same line) or right after `end`, and its
/// comparator. The longest word wins.
pub fn qualifier_around(
    text: &str,
    start: usize,
    end: usize,
    rules: &Rules,
) -> (Option<String>, Option<Comparator>) {
    let window = tail(text, start, 48);
    let mut line_start = window.rfind('\n').map(|i| i + 1).unwrap_or(0);
    // A number that opens a line the text broke mid-sentence (`phát triển từ` / `05 bộ dữ
    // liệu`) takes its qualifier from the end of the line before.
    if line_start > 0 && window[line_start..].trim().is_empty() {
        let prev = window[..line_start - 1].trim_end();
        if !prev.is_empty() && !prev.ends_with(['.', ':', ';', '!', '?', '|', '\n']) {
            line_start = window[..line_start - 1]
                .rfind('\n')
                .map(|i| i + 1)
                .unwrap_or(0);
        }
    }
    let before = window[line_start..].trim_end();
    let after = scan::trim_spaces_start(scan::head(text, end, 40));
    let mut best: Option<(usize, String, Comparator)> = None;
    for q in &rules.qualifiers {
        for w in &q.words {
            let hit = if q.after {
                scan::word_prefix_len(after, w).map(|n| &after[..n])
            } else {
                scan::word_suffix_len(before, w).map(|n| &before[before.len() - n..])
            };
            if let Some(as_written) = hit {
                let len = w.chars().count();
                if best.as_ref().is_none_or(|(b, _, _)| len > *b) {
                    best = Some((len, as_written.to_string(), q.comparator));
                }
            }
        }
    }
    match best {
        Some((_, w, c)) => (Some(w), Some(c)),
        None => (None, None),
    }
}

/// Money in running text: `1.937.640.550 đồng`, `623.000.000đ`, `3.8 tỷ đồng`, `khoản 3,8 tỷ`,
/// `45 triệu đồng`, and both amounts of `12.375,3/10.200 triệu đồng`. Tokens marked in `skip`
/// (table cells) are left out.
pub fn money(lx: &Lexed<'_>, rules: &Rules, skip: &[bool]) -> Vec<Money> {
    let text = lx.text;
    let mut out = Vec::new();
    for (k, t) in lx.tokens.iter().enumerate() {
        // `12.375,3/10.200 triệu đồng`: done over planned, both amounts in the unit after.
        if let Tok::Slash(a, b) = &t.tok {
            if skip.get(k).copied().unwrap_or(false) {
                continue;
            }
            let Some((end, factor)) = money_words_after(text, t.span.end, rules, t.span.start)
            else {
                continue;
            };
            let Some(slash) = text[t.span.start..t.span.end].find('/') else {
                continue;
            };
            let at = t.span.start + slash;
            for (value, from, to) in [(a.value, t.span.start, at), (b.value, at + 1, end)] {
                let value = (value * factor).round();
                if value.is_finite() && value > 0.0 {
                    out.push(Money {
                        value_vnd: value,
                        in_table: false,
                        line: t.line,
                        text: lx.mention(from, to).trim().to_string(),
                    });
                }
            }
            continue;
        }
        let Tok::Num(n) = &t.tok else {
            continue;
        };
        if skip.get(k).copied().unwrap_or(false) || !n.value.is_finite() {
            continue;
        }
        let start = t.span.start;
        if char_before(text, start).is_some_and(|c| matches!(c, '.' | ',')) {
            continue;
        }
        let Some((end, factor)) = money_words_after(text, t.span.end, rules, start) else {
            continue;
        };
        let value = (n.value * factor).round();
        if !value.is_finite() || value <= 0.0 {
            continue;
        }
        out.push(Money {
            value_vnd: value,
            in_table: false,
            line: t.line,
            text: lx.mention(start, end),
        });
    }
    out
}

/// The scale and currency words after a number ending at `at`: where the mention ends and the
/// factor, or `None` when the number is no money. `start` is where the number starts (a scaled
/// amount without a currency word needs a money word before it: `kinh phí 3,8 tỷ`).
pub fn money_words_after(
    text: &str,
    at: usize,
    rules: &Rules,
    start: usize,
) -> Option<(usize, f64)> {
    let b = text.as_bytes();
    let mut i = at;
    if matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let mut scale = None;
    for (w, f) in &rules.money.scales {
        if let Some(n) = scan::word_prefix_len(&text[i..], w) {
            if scale.is_none_or(|(m, _)| n > m) {
                scale = Some((n, *f));
            }
        }
    }
    let mut end = at;
    let mut factor = 1.0;
    if let Some((n, f)) = scale {
        i += n;
        end = i;
        factor = f;
        if matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
    }
    // The currency word must end a word (`đ` not `đi`, `đồng` not `đồng chí`).
    let mut currency = None;
    for c in &rules.money.currency {
        if let Some(n) = scan::word_prefix_len(&text[i..], c) {
            if currency.is_none_or(|m| n > m) {
                currency = Some(n);
            }
        }
    }
    if let Some(n) = currency {
        let next = scan::trim_spaces_start(scan::head(text, i + n, 24));
        let next_word: String = next
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if !rules.money.not_money.contains(&next_word) {
            return Some((i + n, factor));
        }
    }
    scale?;
    // A scaled amount without a currency word: only after a money word on the same line.
    let window = tail(text, start, 60);
    let lead = &window[window.rfind('\n').map(|k| k + 1).unwrap_or(0)..];
    rules
        .money
        .lead_words
        .iter()
        .any(|w| scan::find_word(lead, w).is_some())
        .then_some((end, factor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_separators_are_no_number() {
        assert_eq!(parse_number("1.2.3"), None);
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("12.34,5"), None);
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
    }

    #[test]
    fn short_formatting_drops_trailing_zeros() {
        assert_eq!(format_vn_short(74.29, 2), "74,29");
        assert_eq!(format_vn_short(80.0, 2), "80");
        assert_eq!(format_vn_short(1234.5, 2), "1.234,5");
    }
}

#[cfg(test)]
mod documented {
    //! The examples of the functions' documentation, as unit tests (the module is
    //! private, so they cannot be doc-tests).

    #[test]
    fn decimals_of_as_documented() {
        use crate::extract::numbers::decimals_of;
        assert_eq!(decimals_of("52,04"), 2);
        assert_eq!(decimals_of("2.400"), 0);
        assert_eq!(decimals_of("23.1"), 1);
    }

    #[test]
    fn parse_number_as_documented() {
        use crate::extract::numbers::parse_number;
        assert_eq!(parse_number("2.400"), Some(2400.0));
        assert_eq!(parse_number("52,04"), Some(52.04));
        assert_eq!(parse_number("23.1"), Some(23.1));
        assert_eq!(parse_number("1.937.640.550"), Some(1937640550.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("1.2.3"), None);
    }
}
