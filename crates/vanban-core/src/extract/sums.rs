//! Totals stated with their parts, and counts announced before a list, as facts the checks
//! can recompute without reading the text again.
//!
//! - `tổng số 32.574 văn bản, trong đó có ký số 28.855 văn bản, không ký số 3.719 văn bản`:
//!   a total is the last count of its unit before `trong đó` in its clause; the parts are the
//!   counts after it in the same unit (when the text repeats the unit; a part in another unit
//!   is a detail, not a part). A part larger than its whole is stated too.
//! - `bắt giữ 42 vụ, 56 đối tượng, cụ thể: mua bán 12 vụ, 20 đối tượng; tàng trữ 30 vụ, 36
//!   đối tượng`: after a word that opens all the parts (`cụ thể`, `gồm`), each total with
//!   its parts. The lead words are `part_leads`, `whole_leads` and `total_words` of
//!   `rules/figures.toml`.
//! - `03 nền tảng: (1) …; (2) …; (3) …`: a count followed by a colon and a list numbered in
//!   the same line, or by a list of `-`/`+` lines.

use super::lexer::{Lexed, Tok};
use super::numbers;
use super::scan;
use super::Ctx;
use crate::model::{CountStatement, CountSubject, SumStatement};

/// Counts of a clause: plain numbers that are no percentage, fraction, date, year or id,
/// with their positions.
fn counts_in(
    lx: &Lexed<'_>,
    from: usize,
    to: usize,
    skip: &[bool],
    labels: &[String],
) -> Vec<(usize, usize, f64)> {
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
        if labels
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
    total_words: &[String],
) -> bool {
    let sum: f64 = parts.iter().map(|p| p.2).sum();
    if sum > total + 0.5 {
        return true;
    }
    let lead = &text[clause_start..total_at];
    if total_words
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
/// `trong đó: a; b; c`), `(`, the `)` of a bracket the lead stands in (`9.976 biên chế (gồm
/// 3.743 …, 6.233 …), 60.674 …`) or a full stop not inside a number.
fn clause_end(text: &str, at: usize, line_end: usize) -> usize {
    let b = &text.as_bytes()[at..line_end];
    let listed = text[at..line_end].trim_start().starts_with(':');
    (0..b.len())
        .find(|&i| {
            (b[i] == b';' && !listed)
                || b[i] == b'('
                || b[i] == b')'
                || (b[i] == b'.' && !(i + 1 < b.len() && b[i + 1].is_ascii_digit()))
        })
        .map(|i| at + i)
        .unwrap_or(line_end)
}

/// Where each lead word stands in the text (written in lower case or with a capital), with
/// its end and whether it opens all the parts; a lead inside another (`gồm` in `bao gồm`)
/// is left out.
fn leads(text: &str, ctx: &Ctx<'_, '_>) -> Vec<(usize, usize, bool)> {
    let f = &ctx.rules.figures;
    let mut hits = Vec::new();
    for (words, whole) in [(&f.part_leads, false), (&f.whole_leads, true)] {
        for w in words {
            hits.extend(
                scan::word_hits(text, w)
                    .into_iter()
                    .map(|(a, b)| (a, b, whole)),
            );
        }
    }
    hits.sort_unstable();
    let mut out: Vec<(usize, usize, bool)> = Vec::with_capacity(hits.len());
    for h in hits {
        // `gồm` inside `bao gồm` starts within the longer lead found first.
        if out.last().is_none_or(|last| h.0 >= last.1) {
            out.push(h);
        }
    }
    out
}

/// Whether byte `at` stands inside a bracket opened after byte `from`.
fn bracketed(text: &str, from: usize, at: usize) -> bool {
    scan::open_brackets(&text[from..at.max(from)]) > 0
}

/// Totals with their parts (`trong đó`, `cụ thể`, `gồm`).
pub fn sums(ctx: &Ctx<'_, '_>, skip: &[bool]) -> Vec<SumStatement> {
    let lx = ctx.lx;
    let text = lx.text;
    let labels = &ctx.rules.figures.label_words;
    let mut out = Vec::new();
    for (at, lead_end, whole) in leads(text, ctx) {
        let line = lx.line_of(at);
        let (ls, le) = lx.lines.range(text, line);
        let mut cs = clause_start(text, ls, at);
        let mut before = counts_in(lx, cs, at, skip, labels);
        // `30 xã, thị trấn; trong đó 24 xã …`: the total is in the clause before.
        if before.is_empty() && cs > ls && text[cs..at].trim().is_empty() {
            cs = clause_start(text, ls, cs - 1);
            before = counts_in(lx, cs, at, skip, labels);
        }
        // A count in a bracketed aside (`tăng 10,48% so cùng kỳ (10.482 tỷ đồng); trong đó
        // …`) is no total when one stands outside, and never a part.
        let outside: Vec<(usize, usize, f64)> = before
            .iter()
            .copied()
            .filter(|c| !bracketed(text, cs, c.0))
            .collect();
        if !outside.is_empty() {
            before = outside;
        }
        let after_start = lead_end;
        let ce = clause_end(text, after_start, le);
        let parts_all: Vec<(usize, usize, f64)> = counts_in(lx, after_start, ce, skip, labels)
            .into_iter()
            .filter(|c| !bracketed(text, after_start, c.0))
            .collect();
        // All the parts are counted in the units of the totals, or they are no breakdown of
        // them (`31 đơn vị (cụ thể: 28 Ban quản lý …, 2 đơn vị …, 01 đơn vị …)`).
        if whole {
            let units: Vec<String> = before.iter().map(|c| unit_at(text, c.1, ctx)).collect();
            if parts_all
                .iter()
                .any(|p| !units.contains(&unit_at(text, p.1, ctx)))
            {
                continue;
            }
        }
        // Each unit's last count before the lead is a total (the last one only, after `trong
        // đó`, which picks out parts of the figure right before it).
        let mut units_seen: Vec<String> = Vec::new();
        for &(tstart, tend, total) in before.iter().rev().take(if whole { 4 } else { 1 }) {
            let unit = unit_at(text, tend, ctx);
            if units_seen.contains(&unit) {
                continue;
            }
            units_seen.push(unit.clone());
            // Only parts counted in the same unit as the total, when the text repeats it.
            let same: Vec<(usize, usize, f64)> = parts_all
                .iter()
                .copied()
                .filter(|(_, e, _)| unit_at(text, *e, ctx) == unit)
                .collect();
            // Two parts or more; or one that is larger than its whole.
            let one_too_large = !whole && same.len() == 1 && same[0].2 > total;
            if same.len() < 2 && !one_too_large {
                continue;
            }
            if !whole
                && !claims_whole(
                    text,
                    cs,
                    tstart,
                    &same,
                    total,
                    &ctx.vocab.complement,
                    &ctx.rules.figures.total_words,
                )
            {
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

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::FindingKind;

    fn sum_findings(text: &str) -> Vec<String> {
        crate::analyze_text(text, Extractor::built_in())
            .findings
            .into_iter()
            .filter(|f| f.kind == FindingKind::SumMismatch)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn listed_parts_must_make_up_their_total() {
        let wrong = sum_findings("Bắt giữ 42 vụ, cụ thể: mua bán 12 vụ, tàng trữ 25 vụ.");
        assert_eq!(wrong.len(), 1, "{wrong:?}");
        assert!(sum_findings("Bắt giữ 42 vụ, cụ thể: mua bán 12 vụ, tàng trữ 30 vụ.").is_empty());
    }

    #[test]
    fn some_of_a_whole_may_fall_short_of_it_but_not_exceed_it() {
        let some = "Rà soát 734 văn bản, trong đó đề xuất xử lý 303 văn bản.";
        assert!(sum_findings(some).is_empty());
        let over = "Tiếp nhận 50 hồ sơ, trong đó 60 hồ sơ trực tuyến.";
        assert_eq!(sum_findings(over).len(), 1, "{over}");
    }

    #[test]
    fn a_label_number_is_no_part() {
        // `Điều 5` and `mục 2` number things; they are not counts of the total's parts.
        let text =
            "Tổng số 20 văn bản, trong đó theo Điều 5 có 12 văn bản và theo mục 2 có 8 văn bản.";
        assert!(sum_findings(text).is_empty(), "{:?}", sum_findings(text));
    }
}
