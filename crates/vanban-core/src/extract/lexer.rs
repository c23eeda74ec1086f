//! The one pass over a document: every numeric mention becomes a typed token.
//!
//! Most bytes of a report are letters and spaces that no rule cares about; every fact vanban
//! extracts (ids, dates, periods, fractions, percentages, money, results, targets) is anchored
//! at a digit. The lexer jumps from digit run to digit run and decides, from the characters
//! right around it, what the run is:
//!
//! | written | token |
//! |---|---|
//! | `52,04%`, `100 %` | [`Tok::Percent`] |
//! | `28/4/2022`, `15.11.2022`, `03-6-2022`, `31/02/2024` | [`Tok::Date`] (with `valid`) |
//! | `2198/KH-UBND`, `45/2016/QĐ-TTg`, `71-KH/HU` | [`Tok::Id`] |
//! | `2.400/4.611`, `12/2013`, `24/7` | [`Tok::Slash`] (a fraction, a month, or neither: decided later with the words around it) |
//! | `2.400`, `2021`, `3,8` | [`Tok::Num`] |
//!
//! A digit run glued to a letter (`4G`, `QH15`) or following a `/` or `_` (URLs, paths) is no
//! token. Every later stage builds on these tokens and their neighbours and looks only at a
//! bounded window of text around them, so extraction stays linear in the size of the text.
//! Line numbers come from one index, [`Lines`].

use super::Span;

/// Where each line starts: the one index of line numbers.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    /// Indexes the lines of `text` (split at `\n`).
    pub fn new(text: &str) -> Lines {
        let mut starts = Vec::with_capacity(text.len() / 48 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // A final newline does not open another line.
        if starts.len() > 1 && *starts.last().expect("non-empty") == text.len() {
            starts.pop();
        }
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// How many lines there are.
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of byte offset `at`.
    pub fn line_of(&self, at: usize) -> usize {
        match self.starts.binary_search(&at) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The byte range of 1-based line `line`, without its `\n`.
    pub fn range(&self, text: &str, line: usize) -> (usize, usize) {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return (self.len, self.len);
        };
        let end = match self.starts.get(line) {
            Some(&next) => next - 1,
            None if text.ends_with('\n') => self.len - 1,
            None => self.len,
        };
        (start, end.max(start))
    }

    /// The text of 1-based line `line`.
    pub fn text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let (s, e) = self.range(text, line);
        text.get(s..e).unwrap_or("").trim_end_matches('\n')
    }
}

/// A number as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// Its value (Vietnamese `.` thousands and `,` decimals decoded).
    pub value: f64,
    /// Digits written after the decimal separator.
    pub decimals: u8,
    /// Digits before the first separator (`2021` → 4, `08` → 2, `2.400` → 1).
    pub lead_digits: u8,
    /// Whether it has separators at all.
    pub separated: bool,
}

impl Num {
    /// A whole number without separators (a day, a month, a year, a plain count).
    pub fn is_plain_int(&self) -> bool {
        !self.separated
    }

    /// A plain four-digit year between 1900 and 2100.
    pub fn year(&self) -> Option<i32> {
        (self.is_plain_int() && self.lead_digits == 4 && (1900.0..=2100.0).contains(&self.value))
            .then_some(self.value as i32)
    }

    /// The value as a small whole number (a day or month), when it is one.
    pub fn small(&self) -> Option<u32> {
        (self.is_plain_int() && self.lead_digits <= 2).then_some(self.value as u32)
    }
}

/// An id's parts, as spans into the text.
#[derive(Debug, Clone, PartialEq)]
pub struct IdParts {
    /// The number (`2198`, `0204`).
    pub number: Span,
    /// The year inside the id (`45/2016/QĐ-TTg`).
    pub year: Option<i32>,
    /// Party style (`71-KH/HU`): the type segment before the `/`.
    pub party_type: Option<Span>,
    /// The code segments, in order (`KH`, `UBND`).
    pub segments: Vec<Span>,
}

/// What a digit run is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A plain number.
    Num(Num),
    /// A number with `%`.
    Percent(Num),
    /// Two numbers around a `/`.
    Slash(Num, Num),
    /// A numeric date; `valid` is false for one that cannot exist (`31/02/2024`, `08/6/20210`).
    Date {
        /// Day.
        day: u32,
        /// Month.
        month: u32,
        /// Year as written.
        year: i64,
        /// Whether it is a real calendar date.
        valid: bool,
    },
    /// A document id.
    Id(IdParts),
}

/// A token: what it is, where it is, and on which line it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Byte span.
    pub span: Span,
    /// 1-based line of its start.
    pub line: usize,
}

/// The document lexed: its text, its line index and its tokens in text order.
#[derive(Debug)]
pub struct Lexed<'t> {
    /// The normalised text.
    pub text: &'t str,
    /// Line starts.
    pub lines: Lines,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
}

impl<'t> Lexed<'t> {
    /// Lexes `text` in one pass.
    pub fn new(text: &'t str) -> Lexed<'t> {
        let lines = Lines::new(text);
        let tokens = lex(text, &lines);
        Lexed {
            text,
            lines,
            tokens,
        }
    }

    /// The mention text of a span: line breaks become one space.
    pub fn mention(&self, start: usize, end: usize) -> String {
        let s = self.text.get(start..end).unwrap_or("");
        if s.contains('\n') {
            s.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")
        } else {
            s.to_string()
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, at: usize) -> usize {
        self.lines.line_of(at)
    }

    /// The text of a 1-based line.
    pub fn line_text(&self, line: usize) -> &'t str {
        self.lines.text(self.text, line)
    }

    /// Index of the first token starting at or after `at`.
    pub fn first_from(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < at)
    }

    /// Index of the first token on 1-based line `line`.
    pub fn first_on_line(&self, line: usize) -> usize {
        self.tokens.partition_point(|t| t.line < line)
    }

    /// The tokens on 1-based line `line`.
    pub fn on_line(&self, line: usize) -> &[Token] {
        let a = self.first_on_line(line);
        let b = self.first_on_line(line + 1);
        &self.tokens[a..b]
    }
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn is_hspace(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b' ' | b'\t' => Some(1),
        0xC2 if b.get(i + 1) == Some(&0xA0) => Some(2),
        _ => None,
    }
}

/// Skips at most `max` horizontal spaces from `i`.
fn skip_spaces(b: &[u8], mut i: usize, max: usize) -> usize {
    for _ in 0..max {
        match is_hspace(b, i) {
            Some(n) => i += n,
            None => break,
        }
    }
    i
}

/// The number run at `i` (digits, and `.`/`,` followed by digits): its end and value.
fn number_at(text: &str, i: usize) -> Option<(usize, Num)> {
    let b = text.as_bytes();
    if !b.get(i).copied().is_some_and(is_digit) {
        return None;
    }
    let mut j = i;
    while j < b.len() && is_digit(b[j]) {
        j += 1;
    }
    let lead = (j - i).min(255) as u8;
    let mut separated = false;
    while j + 1 < b.len() && (b[j] == b'.' || b[j] == b',') && is_digit(b[j + 1]) {
        separated = true;
        j += 1;
        while j < b.len() && is_digit(b[j]) {
            j += 1;
        }
    }
    // Absurdly long runs (a table of digits without spaces) are no number.
    if j - i > 40 {
        return Some((
            j,
            Num {
                value: f64::NAN,
                decimals: 0,
                lead_digits: lead,
                separated,
            },
        ));
    }
    let s = &text[i..j];
    let value = super::numbers::parse_number(s).unwrap_or(f64::NAN);
    let decimals = if separated {
        super::numbers::decimals_of(s) as u8
    } else {
        0
    };
    Some((
        j,
        Num {
            value,
            decimals,
            lead_digits: lead,
            separated,
        },
    ))
}

/// A code segment at `i`: a capital, then letters, digits or `&`; ends at a word boundary.
fn segment_at(text: &str, i: usize, party_type: bool) -> Option<usize> {
    let mut chars = text[i..].char_indices();
    let (_, c0) = chars.next()?;
    if !(c0.is_ascii_uppercase() || c0 == 'Đ') {
        return None;
    }
    let mut end = i + c0.len_utf8();
    for (count, (k, c)) in (1..).zip(chars) {
        let ok = c.is_ascii_alphanumeric() || c == 'Đ' || c == 'đ' || (!party_type && c == '&');
        if !ok || count >= 12 {
            if c.is_alphanumeric() {
                // Runs into a word: not a code (`Kế`).
                return None;
            }
            return Some(end);
        }
        end = i + k + c.len_utf8();
    }
    Some(end)
}

/// Code segments joined by dashes from `i`: `KH-UBND`, `QĐ - TTg`, `STTTT-CNTT-BCVT`.
fn segments_at(text: &str, i: usize) -> Option<(usize, Vec<Span>)> {
    let b = text.as_bytes();
    let first_end = segment_at(text, i, false)?;
    let mut segs = vec![Span::new(i, first_end)];
    let mut end = first_end;
    while segs.len() < 6 {
        let mut k = skip_spaces(b, end, 1);
        let dash = if b.get(k) == Some(&b'-') {
            1
        } else if text[k..].starts_with('–') {
            '–'.len_utf8()
        } else {
            break;
        };
        k = skip_spaces(b, k + dash, 1);
        match segment_at(text, k, false) {
            Some(e) => {
                segs.push(Span::new(k, e));
                end = e;
            }
            None => break,
        }
    }
    Some((end, segs))
}

fn lex(text: &str, lines: &Lines) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1usize;
    let mut line_pos = 0usize;
    let mut line_of = |at: usize| -> usize {
        line += memchr::memchr_iter(b'\n', &b[line_pos..at]).count();
        line_pos = at;
        let _ = lines;
        line
    };
    while i < b.len() {
        // Jump to the next digit.
        match b[i..].iter().position(|&c| is_digit(c)) {
            Some(k) => i += k,
            None => break,
        }
        let start = i;
        let prev = super::scan::char_before(text, start);
        let glued = match prev {
            // `quý I/2024`: a year after a Roman numeral is a year, not part of a path.
            // `5.817 tỷ đồng/5.937 tỷ đồng`: after a Vietnamese word (paths, URLs and codes
            // like `4G/5G` are ASCII), the number stands on its own.
            Some('/') => {
                !after_roman_numeral(text, start - 1) && !after_vietnamese_word(text, start - 1)
            }
            Some(c) => c.is_alphanumeric() || c == '_' || c == '\\',
            None => false,
        };
        let Some((a_end, a)) = number_at(text, start) else {
            i += 1;
            continue;
        };
        if glued {
            // Skip the whole glued run, and a `/`-chain after it (paths, URLs, `4G/5G`).
            let mut j = a_end;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'/') {
                j += 1;
            }
            i = j.max(start + 1);
            continue;
        }
        let (end, tok) = classify(text, start, a_end, a);
        let line = line_of(start);
        out.push(Token {
            tok,
            span: Span::new(start, end),
            line,
        });
        i = end.max(start + 1);
    }
    out
}

/// Whether the `/` at `slash` follows a word holding a letter outside ASCII (`đồng/`), which
/// no path, URL or code does.
fn after_vietnamese_word(text: &str, slash: usize) -> bool {
    // A footnote mark may stand between (`tỷ đồng *[4]*/12,9`).
    let before = &text[..slash];
    let unmarked = before.trim_end_matches('*');
    let before = match unmarked.strip_suffix(']').and_then(|b| b.rsplit_once('[')) {
        Some((head, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => {
            head.trim_end_matches('*').trim_end()
        }
        _ => before,
    };
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    !word.is_empty() && word.iter().any(|c| !c.is_ascii())
}

/// Whether the `/` at `slash` follows a Roman numeral standing alone (`quý I/2024`).
fn after_roman_numeral(text: &str, slash: usize) -> bool {
    let before = &text[..slash];
    let n = before
        .chars()
        .rev()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X'))
        .count();
    (1..=4).contains(&n) && before[..before.len() - n].ends_with([' ', '\t'])
}

/// Decides what the run `a` at `[start, a_end)` is, from what follows it.
fn classify(text: &str, start: usize, a_end: usize, a: Num) -> (usize, Tok) {
    let b = text.as_bytes();
    // `15.11.2022`: a dotted date is one number run with three groups.
    if let Some(d) = dotted_date(&text[start..a_end]) {
        return (a_end, d);
    }
    let plain = (a_end, Tok::Num(a));
    // Percent: `52,04%`, `100 %` (a tab is a cell border: `năm 2015\t%` is no percentage).
    let k = if b.get(a_end) == Some(&b'\t') {
        a_end
    } else {
        skip_spaces(b, a_end, 1)
    };
    if b.get(k) == Some(&b'%') {
        return (k + 1, Tok::Percent(a));
    }
    // Slash forms.
    let k = skip_spaces(b, a_end, 2);
    if b.get(k) == Some(&b'/') {
        return slash_form(text, start, a_end, a, k);
    }
    dash_form(text, start, a_end, a).unwrap_or(plain)
}

/// A number followed by a slash (at `k`): a date (`28/4/2022`), an id with or without its
/// year (`45/2016/QĐ-TTg`, `2198/KH-UBND`), a pair of counts (`2.400/4.611`), or the number.
fn slash_form(text: &str, start: usize, a_end: usize, a: Num, k: usize) -> (usize, Tok) {
    let b = text.as_bytes();
    let k2 = skip_spaces(b, k + 1, 2);
    if let Some((b_end, bn)) = number_at(text, k2) {
        // Spaces around a slash between two counts are rare; a date or an id allows them.
        let k3 = skip_spaces(b, b_end, 2);
        if b.get(k3) == Some(&b'/') {
            let k4 = skip_spaces(b, k3 + 1, 2);
            if let (Some(d), Some(m)) = (a.small(), bn.small()) {
                if let Some((c_end, cn)) = number_at(text, k4) {
                    // Three or five digits make no year, but with a day and a month
                    // before them they are a date written wrong (`07/11/205`).
                    let year_like = (4..=5).contains(&cn.lead_digits)
                        || (cn.lead_digits == 3 && (1..=31).contains(&d) && (1..=12).contains(&m));
                    if cn.is_plain_int() && year_like {
                        let after = super::scan::char_after(text, c_end);
                        if !after.is_some_and(|c| c.is_alphanumeric() || c == '/') {
                            return (c_end, date_token(d, m, &cn));
                        }
                    }
                }
            }
            // `45/2016/QĐ-TTg`: an id with its year; a year of three to five digits that
            // is none (`45/20240/KH-UBND`, `7/205/QĐ-UBND`) is kept as written, for the
            // checks to name.
            let year = bn.year().or_else(|| {
                (bn.is_plain_int() && (3..=5).contains(&bn.lead_digits)).then_some(bn.value as i32)
            });
            if let Some(year) = year {
                if let Some((end, segs)) = segments_at(text, k4) {
                    return (
                        end,
                        Tok::Id(IdParts {
                            number: Span::new(start, a_end),
                            year: Some(year),
                            party_type: None,
                            segments: segs,
                        }),
                    );
                }
            }
        }
        return (b_end, Tok::Slash(a, bn));
    }
    if a.is_plain_int() {
        if let Some((end, segs)) = segments_at(text, k2) {
            return (
                end,
                Tok::Id(IdParts {
                    number: Span::new(start, a_end),
                    year: None,
                    party_type: None,
                    segments: segs,
                }),
            );
        }
    }
    (a_end, Tok::Num(a))
}

/// A number followed by a dash: a party body's id (`71-KH/HU`) or a date written with dashes
/// (`03-6-2022`); `None` when it is neither.
fn dash_form(text: &str, start: usize, a_end: usize, a: Num) -> Option<(usize, Tok)> {
    let b = text.as_bytes();
    // Dash forms: `71-KH/HU`, `03-6-2022`.
    let dash = if b.get(a_end) == Some(&b'-') {
        1
    } else if text[a_end..].starts_with('–') {
        '–'.len_utf8()
    } else {
        0
    };
    if dash > 0 && a.is_plain_int() {
        let k = a_end + dash;
        // Party style: the type segment, a slash, the issuer segments.
        let k1 = skip_spaces(b, k, 1);
        if let Some(t_end) = segment_at(text, k1, true) {
            let k2 = skip_spaces(b, t_end, 1);
            if b.get(k2) == Some(&b'/') && t_end - k1 <= 8 {
                let k3 = skip_spaces(b, k2 + 1, 1);
                if let Some((end, segs)) = segments_at(text, k3) {
                    return Some((
                        end,
                        Tok::Id(IdParts {
                            number: Span::new(start, a_end),
                            year: None,
                            party_type: Some(Span::new(k1, t_end)),
                            segments: segs,
                        }),
                    ));
                }
            }
        }
        if let (Some(d), Some((b_end, bn))) = (a.small(), number_at(text, k)) {
            if let Some(m) = bn.small() {
                if b.get(b_end) == Some(&b'-') {
                    if let Some((c_end, cn)) = number_at(text, b_end + 1) {
                        if cn.is_plain_int() && cn.lead_digits == 4 {
                            let after = super::scan::char_after(text, c_end);
                            if !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '/') {
                                return Some((c_end, date_token(d, m, &cn)));
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

/// The date token of day `d`, month `m` and the year number `year`: valid when the year has
/// four digits and the day exists in that month (`31/02/2024` is a date, but no valid one).
fn date_token(d: u32, m: u32, year: &Num) -> Tok {
    let y = year.value as i64;
    Tok::Date {
        day: d,
        month: m,
        year: y,
        valid: year.lead_digits == 4 && super::dates::iso_date(d, m, y as i32).is_some(),
    }
}

/// `15.11.2022` (day.month.year) as a date token.
fn dotted_date(run: &str) -> Option<Tok> {
    let mut parts = run.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) || !(1900..=2100).contains(&y) {
        return None;
    }
    Some(Tok::Date {
        day: d,
        month: m,
        year: y as i64,
        valid: super::dates::iso_date(d, m, y).is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        Lexed::new(text)
            .tokens
            .iter()
            .map(|t| {
                let s = &text[t.span.start..t.span.end];
                let k = match &t.tok {
                    Tok::Num(_) => "num",
                    Tok::Percent(_) => "pct",
                    Tok::Slash(..) => "slash",
                    Tok::Date { valid: true, .. } => "date",
                    Tok::Date { valid: false, .. } => "baddate",
                    Tok::Id(_) => "id",
                };
                format!("{k}:{s}")
            })
            .collect()
    }

    #[test]
    fn each_shape_becomes_one_token() {
        assert_eq!(
            kinds("Kế hoạch số 2198/KH-UBND ngày 28/4/2022 đạt 2.400/4.611 hồ sơ (52,04%)"),
            [
                "id:2198/KH-UBND",
                "date:28/4/2022",
                "slash:2.400/4.611",
                "pct:52,04%"
            ]
        );
        assert_eq!(
            kinds("45 / 2016 / QĐ - TTg, 71-KH/HU, 15.11.2022, 03-6-2022, 100 %"),
            [
                "id:45 / 2016 / QĐ - TTg",
                "id:71-KH/HU",
                "date:15.11.2022",
                "date:03-6-2022",
                "pct:100 %"
            ]
        );
        assert_eq!(
            kinds("so với năm 2015\t%\t12,49"),
            ["num:2015", "num:12,49"]
        );
        assert_eq!(
            kinds("ngày 31/02/2024 và 08/6/20210"),
            ["baddate:31/02/2024", "baddate:08/6/20210"]
        );
        // A year that lost a digit is a date written wrong; a third number after a count
        // that is no month makes no date.
        assert_eq!(kinds("ngày 07/11/205"), ["baddate:07/11/205"]);
        assert_eq!(kinds("đạt 12/15/120"), ["slash:12/15"]);
    }

    #[test]
    fn glued_runs_are_no_tokens() {
        assert_eq!(
            kinds("Luật QH15, https://a.vn/2022/12/12"),
            Vec::<String>::new()
        );
        // `4G/5G`: the `5` follows a slash after a letter; `4` is a number glued to its unit.
        assert_eq!(kinds("mạng 4G/5G"), ["num:4"]);
        assert_eq!(kinds("2021-2025"), ["num:2021", "num:2025"]);
        // A code running into a word is no code.
        assert_eq!(kinds("12/Kế hoạch"), ["num:12"]);
    }

    #[test]
    fn lines_are_counted_once() {
        let l = Lexed::new("a 1\nb\n\nc 2,5%\n");
        assert_eq!(l.tokens.iter().map(|t| t.line).collect::<Vec<_>>(), [1, 4]);
        assert_eq!(l.lines.count(), 4);
        assert_eq!(l.line_text(4), "c 2,5%");
        assert_eq!(l.line_text(3), "");
        assert_eq!(l.line_text(9), "");
    }
}
