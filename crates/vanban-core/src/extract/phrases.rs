//! The words around a figure: what it measures (its indicator, in the document's own words),
//! and the clause that states it.
//!
//! An indicator is the noun phrase after a figure (`52,04% hồ sơ thực hiện trực tuyến`) or,
//! when nothing names it there, the phrase before it (`tỷ lệ lao động qua đào tạo đạt 66,06%`),
//! without the words that only link the two (`đạt`, `tỷ lệ`, `ít nhất` — `rules/indicators.toml`)
//! and without footnote marks. Every function looks at one line around the figure only.

use super::lexer::Lexed;
use super::scan;
use super::{Ctx, Words};

/// The line around byte `at`: its start and end.
pub fn line_bounds(lx: &Lexed<'_>, at: usize) -> (usize, usize) {
    let line = lx.line_of(at);
    lx.lines.range(lx.text, line)
}

/// How many characters of a line the phrases look at on each side of a figure.
const REACH: usize = 600;

fn window_after<'t>(lx: &Lexed<'t>, at: usize) -> &'t str {
    let (_, e) = line_bounds(lx, at);
    let w = &lx.text[at.min(e)..e];
    scan::head(w, 0, REACH)
}

fn window_before<'t>(lx: &Lexed<'t>, at: usize) -> &'t str {
    let (s, _) = line_bounds(lx, at);
    let s = wrapped_from(lx, s).unwrap_or(s);
    let w = &lx.text[s..at.max(s)];
    scan::tail(w, w.len(), REACH)
}

/// Where the sentence a line continues starts, when the line is the rest of a sentence the
/// text broke (`- Tỷ lệ người dân có tài khoản` / `định danh điện tử (VNeID) đạt 80%.`): the
/// line starts in lower case and the line before stops mid-sentence, outside any table.
fn wrapped_from(lx: &Lexed<'_>, line_start: usize) -> Option<usize> {
    let text = lx.text;
    let rest = text[line_start..].trim_start_matches([' ', '\t']);
    // A list mark in lower case (`a) Tỷ lệ …`, `b. …`) starts an item, not the rest of a line.
    let mark = rest
        .char_indices()
        .take(3)
        .find(|&(_, c)| matches!(c, ')' | '.'))
        .is_some_and(|(i, _)| {
            i > 0 && rest[..i].chars().all(char::is_alphabetic) && rest[i + 1..].starts_with(' ')
        });
    if !rest.starts_with(char::is_lowercase) || mark || line_start == 0 {
        return None;
    }
    let (ps, _) = line_bounds(lx, line_start - 1);
    let prev = text[ps..line_start].trim_end();
    let stops = prev.is_empty()
        || prev.ends_with(['.', ':', ';', '!', '?', '|'])
        || prev.contains(['|', '\t']);
    (!stops).then_some(ps)
}

/// Skips a footnote mark right after a figure (`51,1%<sup>4</sup>`, `51,1%⁴`).
fn skip_mark(s: &str) -> &str {
    let mut rest = s;
    if let Some(r) = rest.strip_prefix("<sup>") {
        rest = r.find("</sup>").map(|i| &r[i + 6..]).unwrap_or(r);
    }
    rest.trim_start_matches(|c: char| crate::normalize::is_superscript_digit(c))
}

/// Words after `at` up to the next stop (`(`, `,`, `;`, `: `, `. `, ` - `, end of line), at
/// most 20.
pub fn phrase_after(ctx: &Ctx<'_, '_>, at: usize) -> String {
    phrase_after_in(window_after(ctx.lx, at), &ctx.vocab.clause_openers)
}

/// Whether the text after a comma starts a new clause: another figure, or a clause word.
/// The clause words are `clause_openers` of `rules/indicators.toml` (`…, đạt 33,33%`, `…,
/// trong đó …`): what follows them is no longer the noun phrase of the figure before.
fn opens_clause(rest: &str, openers: &Words) -> bool {
    let r = rest.trim_start();
    r.starts_with(|c: char| c.is_ascii_digit()) || r.is_empty() || openers.prefix_len(r).is_some()
}

/// Bytes read after a figure for the phrase naming it: 30 words of the longest Vietnamese
/// syllables with their spaces fit several times over.
const PHRASE_WINDOW: usize = 1024;

/// The first `max` bytes of `s` or fewer, cut at a character boundary.
fn window(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// [`phrase_after`] on a given text: the words up to the end of the clause (`;`, `(`, `: `,
/// `. `, ` - `, a cell border, the `)` of a bracket the figure stands in) or the next fraction
/// (`4/15 sở, ngành và 38/124 UBND cấp xã`), through commas that only list nouns (`doanh
/// nghiệp, HTX, cơ sở …`) but not past one that opens a new clause; at most 30 words.
pub fn phrase_after_in(rest: &str, openers: &Words) -> String {
    let rest = skip_mark(rest);
    // At most 30 words are kept: look no further than a window that holds them, so a phrase
    // costs the same on a line of a megabyte as on a line of a sentence.
    let rest = window(rest, PHRASE_WINDOW);
    let mut end = rest.len();
    for stop in ["(", ")", ";", ": ", ". ", " - ", " – ", "\t", "|", " như: "] {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    if let Some(i) = next_figure(&rest[..end]) {
        end = i;
    }
    for (i, _) in rest[..end].match_indices(',') {
        if opens_clause(&rest[i + 1..end], openers) {
            end = i;
            break;
        }
    }
    let mut part = &rest[..end];
    if part.ends_with('.') {
        part = &part[..part.len() - 1];
    }
    let words: Vec<&str> = part.split_whitespace().take(30).collect();
    words
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}

/// Where the next fraction starts in `s` (`38/124`), if any. (A percentage may share the
/// words after it with the one before: `100% hồ sơ cấp huyện và 90% cấp xã được xử lý …`.)
fn next_figure(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.' || b[j] == b',') {
                j += 1;
            }
            let k = j + usize::from(b.get(j) == Some(&b' '));
            match b.get(k) {
                Some(b'/') if b.get(k + 1).is_some_and(u8::is_ascii_digit) => return Some(i),
                _ => {}
            }
            i = j;
        }
        i += 1;
    }
    None
}

/// The phrase after a percentage naming what it measures: without a trailing qualifier
/// (`95% trở lên`) and empty when it only compares (`7% so với năm 2023`).
pub fn what_follows(ctx: &Ctx<'_, '_>, at: usize) -> String {
    let after = phrase_after(ctx, at);
    // A qualifier written after its value (`trở lên`, `trở xuống` of the rules).
    for q in ctx.rules.qualifiers.iter().filter(|q| q.after) {
        if let Some(n) = q
            .words
            .iter()
            .find_map(|w| scan::word_prefix_len(&after, w))
        {
            return after[n..].trim().to_string();
        }
    }
    if base_after(ctx, &after).is_some() {
        return String::new();
    }
    after
}

/// What a percentage is a share of or compared with, when the phrase `after` it opens with
/// such words (`dự toán năm`, `so cùng kỳ`): that phrase, and whether it is a planned amount
/// (a quota) rather than a comparison.
pub fn base_after(ctx: &Ctx<'_, '_>, after: &str) -> Option<bool> {
    let v = ctx.vocab;
    if v.quota_bases.prefix_len(after).is_some() {
        Some(true)
    } else if v.comparison_bases.prefix_len(after).is_some() {
        Some(false)
    } else {
        None
    }
}

/// Words before `at` back to the previous stop, at most 16; a linking word alone is no name
/// (`05 mô hình (đạt 250% chỉ tiêu giao)`), so the search goes one clause further back.
pub fn phrase_before(lx: &Lexed<'_>, at: usize, links: &Words) -> String {
    phrase_before_in(window_before(lx, at), links)
}

/// [`phrase_before`] on a given text (the text before the figure): back to the start of its
/// clause (`;`, `:`, `(`, a full stop, a cell border), through commas that only list nouns
/// (`Tỷ trọng kinh tế số trong từng ngành, lĩnh vực đạt …`) but not past a comma after which
/// an earlier figure's clause ends; at most 20 words.
pub fn phrase_before_in(before: &str, links: &Words) -> String {
    let hard = |c: char| matches!(c, ';' | ':' | '(' | '\t' | '|');
    let bytes = before.as_bytes();
    // `.` and `,` between digits belong to a number (`2.400`, `52,04`).
    let in_number = |i: usize| {
        i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    let mut start = 0;
    let mut stop_char = ' ';
    // Brackets closed before the figure (`định danh điện tử (VNeID) đạt`) are part of the name.
    let mut depth = 0usize;
    for (i, c) in before.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth > 0 => {
                depth -= 1;
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        if hard(c) || (c == '.' && !in_number(i)) {
            start = i + 1;
            stop_char = c;
            break;
        }
        if c == ',' && !in_number(i) {
            // The segment before this comma holds a figure: it is another clause.
            let seg_start = before[..i]
                .char_indices()
                .rev()
                .find(|&(k, d)| hard(d) || ((d == ',' || d == '.') && !in_number(k)))
                .map(|(k, _)| k + 1)
                .unwrap_or(0);
            if before[seg_start..i].bytes().any(|b| b.is_ascii_digit()) {
                start = i + 1;
                stop_char = c;
                break;
            }
        }
    }
    let alone = before[start..].trim();
    // A linking word alone (`05 mô hình (đạt 250% …)`) or a parenthesis right before the figure
    // (`… hồ sơ (52,04%)`) names nothing: look one clause further back. A label's colon
    // (`Kết quả: 2.964/3.588 hồ sơ`) is no name either, and nothing before it is.
    let further = start > 0
        && stop_char != ':'
        && (links.is_whole(alone) || (alone.is_empty() && matches!(stop_char, '(' | ',')));
    if further {
        start = before[..start - 1]
            .char_indices()
            .rev()
            .find(|&(k, d)| hard(d) || ((d == ',' || d == '.') && !in_number(k)))
            .map(|(k, _)| k + 1)
            .unwrap_or(0);
    }
    let words: Vec<&str> = before[start..].split_whitespace().collect();
    let from = words.len().saturating_sub(20);
    words[from..]
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}

/// Drops linking words (`đạt`, `tỷ lệ`, `ít nhất` …) from both ends of a phrase.
pub fn trim_links(s: &str, links: &Words) -> String {
    let mut t = s.trim();
    loop {
        let before = t.len();
        if let Some(n) = links.suffix_len(t) {
            if n < t.len() {
                t = t[..t.len() - n].trim_end();
            }
        }
        if let Some(n) = links.prefix_len(t) {
            if n < t.len() {
                t = t[n..].trim_start();
            }
        }
        t = t.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | ' ' | '-'));
        if t.len() == before {
            break;
        }
    }
    t.to_string()
}

/// The clause of the line around `at` (between `;`/`.` stops), trimmed, at most 300
/// characters.
pub fn sentence_part(lx: &Lexed<'_>, at: usize) -> String {
    let before = window_before(lx, at);
    let after = window_after(lx, at);
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == ';' || (c == '.' && !before[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map(|(i, _)| i + 1)
        .unwrap_or(0);
    let end = after
        .match_indices(['.', ';'])
        .find(|&(i, c)| c == ";" || after[i + 1..].starts_with(' '))
        .map(|(i, _)| i)
        .unwrap_or(after.len());
    let s = format!("{}{}", &before[start..], &after[..end]);
    let s = s.trim().trim_start_matches(['-', '+', '*', ' ', '|']);
    s.chars().take(300).collect()
}

/// The clause before `at`: back to the last `,`, `;`, `:` or full stop.
pub fn clause_before<'t>(lx: &Lexed<'t>, at: usize) -> &'t str {
    let before = window_before(lx, at);
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ',' | ';' | ':' | '(') || (c == '.' && before[i + 1..].starts_with(' '))
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &before[start..]
}

/// The sentence before `at` on its line: from the last full stop (not one inside a number).
pub fn sentence_before<'t>(lx: &Lexed<'t>, at: usize) -> &'t str {
    let before = window_before(lx, at);
    let start = before
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '.' && before[i + 1..].starts_with(' '))
        .map(|(i, _)| i + 1)
        .unwrap_or(0);
    &before[start..]
}

/// An indicator cleaned of footnote marks, Markdown and stray punctuation.
pub fn clean_indicator(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<sup>") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 5..];
        rest = rest.find("</sup>").map(|j| &rest[j + 6..]).unwrap_or(rest);
    }
    out.push_str(rest);
    let out: String = out
        .chars()
        .filter(|&c| c != '*' && !crate::normalize::is_superscript_digit(c))
        .collect();
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .to_string()
}
