//! Totals stated with their parts, and counts announced before a list, as facts the checks
//! can recompute without reading the text again.
//!
//! - `tổng số 32.574 văn bản, trong đó có ký số 28.855 văn bản, không ký số 3.719 văn bản`:
//!   the total is the last count before `trong đó` in its clause; the parts are the counts
//!   after it in the same unit (when the text repeats the unit; a part in another unit is a
//!   detail, not a part).
//! - `03 nền tảng: (1) …; (2) …; (3) …`: a count followed by a colon and a list numbered in
//!   the same line, or by a list of `-`/`+` lines.

use super::lexer::{Lexed, Tok};
use super::numbers;
use super::scan;
use super::Ctx;
use crate::model::{CountStatement, CountSubject, SumStatement};

/// Counts of a clause: plain numbers that are no percentage, fraction, date, year or id,
/// with their positions.
fn counts_in(lx: &Lexed<'_>, from: usize, to: usize, skip: &[bool]) -> Vec<(usize, usize, f64)> {
    let text = lx.text;
    let first = lx.first_from(from);
    let mut out = Vec::new();
    for (k, t) in lx.tokens[first..].iter().enumerate() {
        if t.span.start >= to {
            break;
        }
        if skip.get(first + k).copied().unwrap_or(false) {
            continue;
        }
        let Tok::Num(n) = &t.tok else {
            continue;
        };
        if n.year().is_some() || !n.value.is_finite() {
            continue;
        }
        let before = scan::trim_spaces_end(scan::tail(text, t.span.start, 16));
        if [
            "mục",
            "năm",
            "ngày",
            "điều",
            "khoản",
            "mức",
            "lần thứ",
            "tháng",
        ]
        .iter()
        .any(|w| scan::word_suffix_len(before, w).is_some())
        {
            continue;
        }
        out.push((t.span.start, t.span.end, n.value));
    }
    out
}

/// The unit after a count: a unit noun of the rules, else the next word.
fn unit_at(text: &str, end: usize, ctx: &Ctx<'_, '_>) -> String {
    if let Some(u) = numbers::unit_after(text, end, ctx.rules) {
        return u.to_string();
    }
    let mut words = scan::trim_spaces_start(scan::head(text, end, 40))
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ')' | '('))
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("").to_lowercase();
    // A scale counts with its currency: `tỷ đồng` and `tỷ USD` are not one unit.
    if ctx.rules.money.scales.contains_key(&first) {
        if let Some(next) = words.next() {
            return format!("{first} {}", next.to_lowercase());
        }
    }
    first
}

/// Whether the parts of a `trong đó` claim to make up the total: one part is the complement of
/// another, or the total is introduced as a total (`tổng số 2.560 văn bản, trong đó …`), or the
/// parts exceed it. Otherwise `trong đó` picks out some of it (`rà soát 734 văn bản, trong đó
/// đề xuất xử lý 303 …`), and a shortfall is no error.
fn claims_whole(
    text: &str,
    clause_start: usize,
    total_at: usize,
    parts: &[(usize, usize, f64)],
    total: f64,
    complement: &super::Words,
) -> bool {
    let sum: f64 = parts.iter().map(|p| p.2).sum();
    if sum > total + 0.5 {
        return true;
    }
    let lead = &text[clause_start..total_at];
    if ["tổng số", "tổng cộng", "tổng"]
        .iter()
        .any(|w| scan::find_word(lead, w).is_some())
    {
        return true;
    }
    // The words of each part: from the end of the previous part to the start of the next.
    let mut negated = 0;
    for (i, p) in parts.iter().enumerate() {
        let from = if i == 0 { total_at } else { parts[i - 1].1 };
        let to = parts
            .get(i + 1)
            .map(|n| n.0)
            .unwrap_or(p.1 + 60)
            .min(text.len());
        let mut to = to;
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let seg = &text[from.min(to)..to];
        if complement.any_in(seg) {
            negated += 1;
        }
    }
    negated >= 1 && negated < parts.len()
}

/// Where the clause ending at `at` starts: after the last `;`, `:` or full stop (a `.` not
/// inside a number like `2.560`).
fn clause_start(text: &str, line_start: usize, at: usize) -> usize {
    let b = &text.as_bytes()[line_start..at];
    (0..b.len())
        .rev()
        .find(|&i| {
            matches!(b[i], b';' | b':')
                || (b[i] == b'.' && !(i + 1 < b.len() && b[i + 1].is_ascii_digit()))
        })
        .map(|i| line_start + i + 1)
        .unwrap_or(line_start)
}

/// Where the clause starting at `at` ends: at `;` (unless the parts are a list after a colon,
/// `trong đó: a; b; c`), `(` or a full stop not inside a number.
fn clause_end(text: &str, at: usize, line_end: usize) -> usize {
    let b = &text.as_bytes()[at..line_end];
    let listed = text[at..line_end].trim_start().starts_with(':');
    (0..b.len())
        .find(|&i| {
            (b[i] == b';' && !listed)
                || b[i] == b'('
                || (b[i] == b'.' && !(i + 1 < b.len() && b[i + 1].is_ascii_digit()))
        })
        .map(|i| at + i)
        .unwrap_or(line_end)
}

/// Totals with `trong đó` and their parts.
pub fn sums(ctx: &Ctx<'_, '_>, skip: &[bool]) -> Vec<SumStatement> {
    let lx = ctx.lx;
    let text = lx.text;
    let mut out = Vec::new();
    let finder = memchr::memmem::Finder::new("rong đó");
    let mut from = 0;
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        let hit = from + i;
        from = hit + 1;
        let at = hit.saturating_sub(1);
        if !text.is_char_boundary(at) || !matches!(text.as_bytes()[at], b't' | b'T') {
            continue;
        }
        if scan::char_before(text, at).is_some_and(char::is_alphanumeric) {
            continue;
        }
        let line = lx.line_of(at);
        let (ls, le) = lx.lines.range(text, line);
        let mut cs = clause_start(text, ls, at);
        let mut before = counts_in(lx, cs, at, skip);
        // `30 xã, thị trấn; trong đó 24 xã …`: the total is in the clause before.
        if before.is_empty() && cs > ls && text[cs..at].trim().is_empty() {
            cs = clause_start(text, ls, cs - 1);
            before = counts_in(lx, cs, at, skip);
        }
        let Some(&(tstart, tend, total)) = before.last() else {
            continue;
        };
        let unit = unit_at(text, tend, ctx);
        let after_start = at + "trong đó".len();
        let ce = clause_end(text, after_start, le);
        let parts_all = counts_in(lx, after_start, ce, skip);
        // Only parts counted in the same unit as the total, when the text repeats it.
        let same: Vec<(usize, usize, f64)> = parts_all
            .into_iter()
            .filter(|(_, e, _)| unit_at(text, *e, ctx) == unit)
            .collect();
        if same.len() < 2 || same.iter().any(|p| p.2 > total) {
            continue;
        }
        if !claims_whole(text, cs, tstart, &same, total, &ctx.vocab.complement) {
            continue;
        }
        let parts: Vec<f64> = same.iter().map(|p| p.2).collect();
        out.push(SumStatement {
            total,
            parts,
            unit: (!unit.is_empty()).then_some(unit),
            line,
            text: lx.mention(cs, ce).trim().chars().take(300).collect(),
        });
    }
    out
}

/// Counts announced before a list: `03 nền tảng: (1) …; (2) …`.
pub fn announced(ctx: &Ctx<'_, '_>) -> Vec<CountStatement> {
    let lx = ctx.lx;
    let text = lx.text;
    let mut out = Vec::new();
    for t in &lx.tokens {
        let Tok::Num(n) = &t.tok else {
            continue;
        };
        // Written as a count of few items, usually with a leading zero (`03`).
        let Some(count) = n.small().filter(|c| (2..=20).contains(c)) else {
            continue;
        };
        let (ls, le) = lx.lines.range(text, t.line);
        let rest = &text[t.span.end..le];
        let Some(colon) = rest.find(':') else {
            continue;
        };
        let noun = rest[..colon].trim();
        let words = noun.split_whitespace().count();
        if words == 0
            || words > 6
            || noun.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | '%'))
        {
            continue;
        }
        if !noun.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let _ = ls;
        let list = &rest[colon + 1..];
        // Items numbered in the line: `(1)`, `(2)` … or `1)`, `2)`.
        let mut items = 0;
        let mut k = 1;
        loop {
            let a = format!("({k})");
            let b = format!(" {k})");
            if list.contains(&a)
                || (k > 1 && list.contains(&b))
                || (k == 1 && list.trim_start().starts_with("1)"))
            {
                items = k;
                k += 1;
            } else {
                break;
            }
        }
        if items >= 2 {
            out.push(CountStatement {
                subject: CountSubject::Items,
                stated: count as usize,
                stated_of: None,
                listed: items as usize,
                listed_of: items as usize,
                line: t.line,
                text: lx.mention(t.span.start, le).chars().take(200).collect(),
            });
        }
    }
    out
}
