//! Tables, where plans keep their targets and reports their figures.
//!
//! Three ways of writing a table down are read: Markdown pipe rows (`| Tỷ lệ … | % | ≥ 80 |`),
//! tab-separated rows (how DOCX, DOC and PDF tables are read), and page dumps whose cells stand
//! on their own lines between lone `|` lines (two `|` lines in a row end a row).
//!
//! A cell holding only a value (`≥ 80`, `12,49`, `16 - 18`, `95% trở lên`, `1.250`) is read with
//! the unit that governs it: the row's unit cell (under `ĐVT`), the column's header (`Tỷ lệ
//! (%)`, `Kinh phí (tỷ đồng)`), or the table's caption (`ĐVT: triệu đồng`). A percentage or an
//! amount of money found so carries `in_table: true`, money with its scale applied. Then the
//! column says what the value is: planned (`Kế hoạch`, `Năm 2030`: a target, with the column's
//! or the section row's year as horizon), achieved (`Thực hiện`: a result), or, when the header
//! does not say, what [`super::purpose`] decides for the document. A row with planned, achieved
//! and ratio columns is one result (done / planned, the ratio stated). A total row (`Tổng
//! cộng`) is a sum of the rows it totals. The header words are `rules/tables.toml`.

use super::lexer::{Lexed, Num, Tok};
use super::numbers;
use super::purpose::{self, Purpose};
use super::results::round2;
use super::scan;
use super::{targets, Ctx, Span, Words};
use crate::model::{
    Comparator, Money, Percentage, RatioStatement, ResultKind, StatedResult, SumStatement, Target,
    TargetContext, ValueStage, ValueStatement,
};

/// What the table stage found.
#[derive(Debug, Default)]
pub struct Read {
    /// Percentages of cells.
    pub percentages: Vec<Percentage>,
    /// Money of cells.
    pub money: Vec<Money>,
    /// Results of rows.
    pub results: Vec<StatedResult>,
    /// Targets of cells.
    pub targets: Vec<Target>,
    /// Total rows.
    pub sums: Vec<SumStatement>,
    /// Tokens of `a/b` cells already read as a row's result with its stated percentage.
    pub fraction_tokens: Vec<usize>,
    /// Growth rows against the row above.
    pub ratios: Vec<RatioStatement>,
    /// The value of each row in each column of one year.
    pub values: Vec<ValueStatement>,
}

/// A cell: its byte span (trimmed) and the line it starts on.
#[derive(Debug, Clone, Copy)]
struct Cell {
    span: Span,
    line: usize,
}

/// The unit of a value.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Percent,
    Money(f64),
    Other(String),
}

/// A value cell.
#[derive(Debug, Clone)]
struct Value {
    value: f64,
    max: Option<f64>,
    comparator: Option<Comparator>,
    qualifier: Option<String>,
    has_percent_sign: bool,
    /// A unit written in the cell after the value (`1.500 tổ`, `12 xã`).
    unit: Option<String>,
    decimals: u8,
    tokens: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Plan,
    Done,
    Ratio,
    /// A forecast or a budget allocation (`Dự báo`, `Dự toán`): neither target nor result.
    Projection,
    Other,
}

/// A table: its rows of cells, the caption's unit and where it starts.
#[derive(Debug)]
struct Table {
    rows: Vec<Vec<Cell>>,
    first_line: usize,
}

fn is_rule_cell(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | '=' | ' ' | '–'))
}

/// The trimmed span of `text[start..end]` without Markdown marks at its ends.
fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let a = start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    Span::new(a, a + t2.len())
}

/// Finds the tables of the text.
fn tables(ctx: &Ctx<'_, '_>) -> Vec<Table> {
    let lx = ctx.lx;
    let n = lx.lines.count();
    let mut out = Vec::new();
    let mut l = 1;
    while l <= n {
        let line = lx.line_text(l);
        let t = line.trim();
        // Page-dump cells between lone `|` lines.
        if t == "|" {
            let (mut rows, last_bar) = dump_rows(ctx, l);
            mend_dump_rows(ctx, &mut rows);
            if rows.len() >= 2 {
                out.push(Table {
                    rows,
                    first_line: l,
                });
            }
            l = last_bar.max(l) + 1;
            continue;
        }
        // Pipe rows or tab rows.
        let pipe = t.starts_with('|') && t.matches('|').count() >= 2;
        let tabs = !pipe
            && line.contains('\t')
            && line.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2;
        if pipe || tabs {
            let (rows, k) = line_rows(ctx, l, pipe);
            if rows.len() >= 2 {
                out.push(Table {
                    rows,
                    first_line: l,
                });
            }
            l = k;
            continue;
        }
        l += 1;
    }
    out
}

/// The rows of a page dump from line `l` (a lone `|`): each cell the lines between two lone
/// `|` lines, a row ending at an empty cell; with the line of the last bar.
fn dump_rows(ctx: &Ctx<'_, '_>, l: usize) -> (Vec<Vec<Cell>>, usize) {
    let lx = ctx.lx;
    let text = lx.text;
    let n = lx.lines.count();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<(usize, usize, usize)> = None; // start, end, line
    let mut k = l;
    let mut last_bar = l;
    while k <= n {
        let lt = lx.line_text(k).trim();
        if lt == "|" {
            match cell.take() {
                Some((s, e, cl)) => row.push(Cell {
                    span: trimmed(text, s, e),
                    line: cl,
                }),
                None => {
                    if !row.is_empty() {
                        rows.push(std::mem::take(&mut row));
                    }
                }
            }
            last_bar = k;
        } else if lt.is_empty() || k > last_bar + 12 {
            break;
        } else {
            let (s, e) = lx.lines.range(text, k);
            cell = Some(match cell {
                Some((cs, _, cl)) => (cs, e, cl),
                None => (s, e, k),
            });
        }
        k += 1;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    (rows, last_bar)
}

/// Mends the rows of a page dump, which loses the bars of empty cells.
fn mend_dump_rows(ctx: &Ctx<'_, '_>, rows: &mut Vec<Vec<Cell>>) {
    let text = ctx.lx.text;
    // A page dump drops the `|` of an empty first cell into the row break (`| |`), so
    // a row whose first cell is empty (`- Nông, lâm nghiệp | % | 34,48 …`, under a row
    // `3 | Cơ cấu kinh tế`) comes out short: its values still end at the last column.
    let ends_in_value = |r: &Vec<Cell>| {
        r.last().is_some_and(|c| {
            value_of(ctx, c).is_some() && year_only(&text[c.span.start..c.span.end]).is_none()
        })
    };
    let width = rows
        .iter()
        .filter(|r| ends_in_value(r))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    // An empty cell inside a row (`Tốc độ tăng trưởng | % | | 106,9 | 107,2`, `6 |
    // Thu tiền cho thuê … | 1.130 | 2.022 | 900 | | 900 | 900`) is written `| |` too,
    // which splits the row: a row of labels only followed by a row of values only,
    // together shorter than the table, is one row with empty cells between; a row
    // with a label and values, when one empty cell makes the two the table's width.
    let only_values = |r: &Vec<Cell>| {
        r.iter().all(|c| {
            value_of(ctx, c).is_some() && year_only(&text[c.span.start..c.span.end]).is_none()
        })
    };
    let mut k = 0;
    while k + 1 < rows.len() {
        let (a, b) = (&rows[k], &rows[k + 1]);
        let labels_only = a.iter().all(|c| value_of(ctx, c).is_none());
        let labelled = a.iter().any(|c| {
            value_of(ctx, c).is_none()
                && text[c.span.start..c.span.end]
                    .chars()
                    .any(char::is_alphabetic)
        });
        // A first cell of words also lost the empty number cell before it.
        let words_first = a.first().is_some_and(|c| {
            !text[c.span.start..c.span.end].contains(|c: char| c.is_ascii_digit())
        });
        let fits =
            a.len() + b.len() + 1 == width || (words_first && a.len() + b.len() + 2 == width);
        if !a.is_empty()
            && (labels_only || (labelled && fits))
            && only_values(b)
            && a.len() + b.len() < width
        {
            let b = rows.remove(k + 1);
            let at = b[0].span.start;
            let mut gap = width - rows[k].len() - b.len();
            let empty = Cell {
                span: Span::new(at, at),
                line: b[0].line,
            };
            // A first cell of words lost the empty number cell (`STT`) before it.
            let first = &rows[k][0];
            if gap > 1
                && !text[first.span.start..first.span.end].contains(|c: char| c.is_ascii_digit())
            {
                rows[k].insert(0, empty);
                gap -= 1;
            }
            rows[k].extend(std::iter::repeat_n(empty, gap));
            rows[k].extend(b);
        }
        k += 1;
    }
    for r in rows.iter_mut() {
        if r.len() < width && r.len() >= 2 && ends_in_value(r) {
            let at = r[0].span.start;
            let empty = Cell {
                span: Span::new(at, at),
                line: r[0].line,
            };
            let pad = width - r.len();
            r.splice(0..0, std::iter::repeat_n(empty, pad));
        }
    }
}

/// The rows of pipe rows (`| a | b |`, `pipe`) or tab rows from line `l`, rule lines left out;
/// with the first line after them.
fn line_rows(ctx: &Ctx<'_, '_>, l: usize, pipe: bool) -> (Vec<Vec<Cell>>, usize) {
    let lx = ctx.lx;
    let text = lx.text;
    let n = lx.lines.count();
    let tabs = !pipe;
    let mut rows = Vec::new();
    let mut k = l;
    while k <= n {
        let lt = lx.line_text(k);
        let tt = lt.trim();
        let is_pipe = tt.starts_with('|') && tt.matches('|').count() >= 2;
        let is_tab =
            lt.contains('\t') && lt.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2;
        if (pipe && !is_pipe) || (tabs && !is_tab) {
            break;
        }
        let (ls, _) = lx.lines.range(text, k);
        let sep = if pipe { '|' } else { '\t' };
        let mut cells = Vec::new();
        let mut at = 0;
        for piece in lt.split(sep) {
            let s = ls + at;
            at += piece.len() + 1;
            cells.push(Cell {
                span: trimmed(text, s, s + piece.len()),
                line: k,
            });
        }
        if pipe {
            // Drop the empty cells outside the first and last bar.
            if cells.first().is_some_and(|c| c.span.start == c.span.end) {
                cells.remove(0);
            }
            if cells.last().is_some_and(|c| c.span.start == c.span.end) {
                cells.pop();
            }
        }
        let all_rules = cells
            .iter()
            .all(|c| is_rule_cell(&text[c.span.start..c.span.end]) || c.span.start == c.span.end);
        if !all_rules {
            rows.push(cells);
        }
        k += 1;
    }
    (rows, k)
}

/// The unit a text names: `%`, money with its scale, or another unit.
fn unit_named(s: &str, ctx: &Ctx<'_, '_>) -> Option<Unit> {
    let t = s
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | ' ' | '*'));
    if t.is_empty() {
        return None;
    }
    if t.contains('%') {
        return Some(Unit::Percent);
    }
    if ctx
        .rules
        .money
        .currency
        .iter()
        .any(|c| scan::find_word(t, c).is_some())
    {
        let mut scale = 1.0;
        for (w, f) in &ctx.rules.money.scales {
            if scan::find_word(t, w).is_some() {
                scale = f64::max(scale, *f);
            }
        }
        return Some(Unit::Money(scale));
    }
    Some(Unit::Other(t.to_string()))
}

/// The unit a caption near the table sets (`ĐVT: triệu đồng`, `Đơn vị: Triệu đồng.`).
fn caption_unit(ctx: &Ctx<'_, '_>, table: &Table) -> Option<Unit> {
    let lx = ctx.lx;
    let first = table.first_line;
    let from = first.saturating_sub(4).max(1);
    for l in (from..first).rev() {
        let t = lx
            .line_text(l)
            .trim()
            .trim_matches(|c: char| matches!(c, '*' | '_'));
        // `ĐVT: triệu đồng` alone, or at the end of a sentence (`… như sau (ĐVT: triệu đồng):`).
        if let Some((i, n)) = ctx.vocab.unit_captions.find_in(t) {
            let rest = t[i + n..].trim_start();
            if let Some(r) = rest.strip_prefix(':') {
                let r = r.split([')', ';']).next().unwrap_or(r);
                if let Some(u) = unit_named(r, ctx) {
                    return Some(u);
                }
            }
        }
        // A caption wrapped over two lines (`Đơn` / `vị: Triệu đồng`).
        if l + 1 < first {
            let joined = format!(
                "{} {}",
                t,
                lx.line_text(l + 1)
                    .trim()
                    .trim_matches(|c: char| matches!(c, '*' | '_' | '(' | ')'))
            );
            if let Some(n) = ctx.vocab.unit_captions.prefix_len(&joined) {
                if let Some(r) = joined[n..].trim_start().strip_prefix(':') {
                    return unit_named(r, ctx);
                }
            }
        }
    }
    None
}

/// Whether the caption lines above a table (its title, up to a blank line after it) hold a
/// word of `words`.
fn caption_says(ctx: &Ctx<'_, '_>, table: &Table, words: &super::Words) -> bool {
    let lx = ctx.lx;
    let from = table.first_line.saturating_sub(8).max(1);
    let mut seen = false;
    for l in (from..table.first_line).rev() {
        let t = lx.line_text(l).trim();
        if t.is_empty() || t.trim_matches(|c: char| c == '*' || c == '_').is_empty() {
            if seen {
                // A blank line between caption lines is fine; two end the caption.
                if l > 1 && lx.line_text(l - 1).trim().is_empty() {
                    break;
                }
            }
            continue;
        }
        if t.contains('\t') || t.starts_with('|') || t.chars().count() > 200 {
            break;
        }
        seen = true;
        if words.any_in(t) {
            return true;
        }
    }
    false
}

/// The value a cell holds, if it holds nothing else.
fn value_of(ctx: &Ctx<'_, '_>, cell: &Cell) -> Option<Value> {
    let lx = ctx.lx;
    let text = lx.text;
    let s = &text[cell.span.start..cell.span.end];
    if s.is_empty() || s.len() > 60 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let first = lx.first_from(cell.span.start);
    let mut last = first;
    while last < lx.tokens.len() && lx.tokens[last].span.start < cell.span.end {
        last += 1;
    }
    let toks = &lx.tokens[first..last];
    let num = |t: &Tok| -> Option<(Num, bool)> {
        match t {
            Tok::Num(n) => Some((*n, false)),
            Tok::Percent(n) => Some((*n, true)),
            _ => None,
        }
    };
    let (a, pct_a) = num(&toks.first()?.tok)?;
    if !a.value.is_finite() {
        return None;
    }
    let t0 = &toks[0];
    let prefix = scan::trim_spaces_end(&text[cell.span.start..t0.span.start]);
    let mut qualifier = None;
    let mut comparator = None;
    if !prefix.is_empty() {
        comparator = Some(numbers::qualifier_is(prefix, false, ctx.rules)?);
        qualifier = Some(prefix.to_string());
    }
    let mut max = None;
    let mut pct = pct_a;
    let mut end = t0.span.end;
    let mut used_last = first + 1;
    if toks.len() == 2 {
        let (b, pct_b) = num(&toks[1].tok)?;
        let between = text[t0.span.end..toks[1].span.start].trim();
        let range = matches!(between, "-" | "–" | "—")
            || scan::folded_prefix_len(between, "den").is_some_and(|n| n == between.len());
        if !range || !b.value.is_finite() || b.value < a.value {
            return None;
        }
        max = Some(b.value);
        pct |= pct_b;
        end = toks[1].span.end;
        used_last = first + 2;
    } else if toks.len() > 2 {
        return None;
    }
    let suffix = scan::trim_spaces_start(&text[end..cell.span.end]);
    let suffix = suffix.trim_start_matches('%').trim();
    // `1.500 tổ`: the cell names its own unit (a unit noun of the rules, the whole rest).
    let mut unit = None;
    if !suffix.is_empty()
        && numbers::unit_after(suffix, 0, ctx.rules)
            .is_some_and(|u| scan::word_prefix_len(suffix, u) == Some(suffix.len()))
    {
        unit = Some(suffix.to_string());
    } else if !suffix.is_empty() {
        comparator = Some(numbers::qualifier_is(suffix, true, ctx.rules)?);
        qualifier = Some(suffix.to_string());
    }
    if max.is_some() {
        comparator = Some(Comparator::Between);
    }
    Some(Value {
        value: a.value,
        max,
        comparator,
        qualifier,
        has_percent_sign: pct || text[cell.span.start..cell.span.end].contains('%'),
        unit,
        decimals: a.decimals,
        tokens: (first, used_last),
    })
}

/// A row's result: the stated percentage of cell `stated`, with the counts it is the share of
/// (numerator, denominator, unit) when the row gives them.
fn row_result(
    ctx: &Ctx<'_, '_>,
    kind: ResultKind,
    indicator: String,
    counts: Option<(f64, f64, Option<String>)>,
    stated: Option<&Value>,
    line: usize,
    text: String,
) -> StatedResult {
    let (numerator, denominator, unit) = match counts {
        Some((n, d, u)) => (Some(n), Some(d), u),
        None => (None, None, None),
    };
    StatedResult {
        kind,
        indicator,
        numerator,
        denominator,
        unit,
        stated_percent: stated.map(|s| s.value),
        stated_decimals: stated.map(|s| s.decimals as usize),
        computed_percent: numerator
            .zip(denominator)
            .map(|(n, d)| round2(n / d * 100.0)),
        evaluation: None,
        target_line: None,
        evaluation_line: None,
        parts: Vec::new(),
        footnote: None,
        excess: false,
        section: ctx.sections.path(line),
        line,
        text,
    }
}

/// The header text of each column: the rows before the first row holding values.
fn headers(ctx: &Ctx<'_, '_>, table: &Table) -> (usize, Vec<String>) {
    let text = ctx.lx.text;
    // The first row holding a value that is no bare year (`Năm | 2017 | 2018` is a header).
    let first_data = table
        .rows
        .iter()
        .position(|r| {
            !is_numbering_row(text, r)
                && r.iter().any(|c| {
                    value_of(ctx, c).is_some_and(|v| {
                        let t = text[c.span.start..c.span.end].trim();
                        v.comparator.is_some() || v.has_percent_sign || year_only(t).is_none()
                    })
                })
        })
        .unwrap_or(table.rows.len());
    let width = table.rows[first_data.min(table.rows.len() - 1)..]
        .iter()
        .map(|r| r.len())
        .max()
        .unwrap_or(0);
    let mut cols = vec![String::new(); width];
    let head_rows: Vec<&Vec<Cell>> = table.rows[..first_data]
        .iter()
        .filter(|r| !is_numbering_row(text, r))
        .collect();
    let mut push = |col: usize, t: &str| {
        if let Some(h) = cols.get_mut(col) {
            if !h.is_empty() {
                h.push(' ');
            }
            h.push_str(t);
        }
    };
    let mut i = 0;
    while i < head_rows.len() {
        let r = head_rows[i];
        // A group header over a second header row (`Năm hiện hành 2025` over `Kế hoạch |
        // Ước thực hiện`): its cells head the columns under the group.
        if let Some(spans) = head_rows
            .get(i + 1)
            .and_then(|sub| group_spans(ctx, r, sub, width))
        {
            let sub = head_rows[i + 1];
            let mut col = 0;
            let mut k = 0;
            for (c, &span) in r.iter().zip(&spans) {
                let t = text[c.span.start..c.span.end].trim();
                for j in 0..span {
                    push(col + j, t);
                    if span > 1 {
                        if let Some(sc) = sub.get(k) {
                            push(col + j, text[sc.span.start..sc.span.end].trim());
                        }
                        k += 1;
                    }
                }
                col += span;
            }
            i += 2;
            continue;
        }
        // A header row with fewer cells than the data has merged cells: its last cells head
        // the last columns.
        let offset = width.saturating_sub(r.len());
        for (j, c) in r.iter().enumerate() {
            let t = text[c.span.start..c.span.end].trim();
            push(if r.len() == width { j } else { offset + j }, t);
        }
        i += 1;
    }
    (first_data, cols)
}

/// The digits after the decimal comma of a cell's number, trailing zeros left out (`110,30`
/// → 1, `8,00` → 0).
fn significant_decimals(cell: Cell, text: &str) -> usize {
    let t = text[cell.span.start..cell.span.end].trim();
    match t.rsplit_once(',') {
        Some((_, d)) if d.chars().all(|c| c.is_ascii_digit()) => d.trim_end_matches('0').len(),
        _ => 0,
    }
}

/// A row of column numbers under the headers (`1 | 2 | 3 | 4`, `A | B | 1 | 2`, `(1) | (2)`):
/// part of the header, never values.
fn is_numbering_row(text: &str, row: &[Cell]) -> bool {
    let mut last: Option<u32> = None;
    let mut n = 0;
    for c in row {
        let t = text[c.span.start..c.span.end]
            .trim()
            .trim_matches(|c: char| matches!(c, '(' | ')' | '*' | '_' | ' '));
        if t.is_empty() {
            continue;
        }
        // A column's formula (`4=3/2`, `5=1+2`) numbers it too.
        let t = t.split('=').next().unwrap_or(t).trim();
        if let Ok(v) = t.parse::<u32>() {
            if last.is_some_and(|l| v != l + 1) {
                return false;
            }
            last = Some(v);
        } else if !(t.chars().count() <= 2 && t.chars().all(|c| c.is_ascii_uppercase())) {
            return false;
        }
        n += 1;
    }
    n >= 3 && last.is_some()
}

/// The ratio columns a numbering row defines by formula (`A | B | 1 | 2 | 3 | 4=3/2`): for
/// each, the column it stands in and the columns of its numerator and denominator, found by
/// the labels the same row gives them. A table `width` columns wide; rows before `first_data`.
fn ratio_formulas(
    text: &str,
    table: &Table,
    first_data: usize,
    width: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for r in table.rows[..first_data]
        .iter()
        .filter(|r| is_numbering_row(text, r))
    {
        let offset = width.saturating_sub(r.len());
        let cells: Vec<(usize, &str)> = r
            .iter()
            .enumerate()
            .map(|(j, c)| {
                let t = text[c.span.start..c.span.end]
                    .trim()
                    .trim_matches(|c: char| matches!(c, '(' | ')' | '*' | '_' | ' '));
                (offset + j, t)
            })
            .collect();
        let col_of = |label: &str| {
            cells
                .iter()
                .find(|(_, t)| t.split('=').next().is_some_and(|l| l.trim() == label))
                .map(|(c, _)| *c)
        };
        for (col, t) in &cells {
            let Some((_, rhs)) = t.split_once('=') else {
                continue;
            };
            // `3/2`, `(3)/(2)`, `3/2*100`, `3:2`: one column over another.
            let rhs: String = rhs
                .chars()
                .filter(|c| !matches!(c, '(' | ')' | ' '))
                .collect();
            let rhs = rhs
                .split(['*', 'x', 'X'])
                .next()
                .unwrap_or_default()
                .to_string();
            let Some((a, b)) = rhs.split_once(['/', ':']) else {
                continue;
            };
            if let (Some(ca), Some(cb)) = (col_of(a), col_of(b)) {
                out.push((*col, ca, cb));
            }
        }
    }
    out
}

/// How many columns each cell of a header row spans when the next header row (of `sub`
/// cells) splits some of them, for a table `width` columns wide: the row's first cells that
/// stand over their column alone (`STT`, `Nội dung`, `ĐVT`) span one; of the rest, either one
/// group (the first) spans the sub-row, or all split it evenly, or the years they name allow
/// one way only ([`spans_by_year`]). `None` when no such reading adds up.
fn group_spans(
    ctx: &Ctx<'_, '_>,
    row: &[Cell],
    sub_cells: &[Cell],
    width: usize,
) -> Option<Vec<usize>> {
    let text = ctx.lx.text;
    let n = row.len();
    let sub = sub_cells.len();
    let sub_row: Vec<&str> = sub_cells
        .iter()
        .map(|c| text[c.span.start..c.span.end].trim())
        .collect();
    if n >= width || sub < 2 {
        return None;
    }
    let v = ctx.vocab;
    let lead_min = row
        .iter()
        .take_while(|c| {
            let t = text[c.span.start..c.span.end].trim();
            t.is_empty()
                || scan::contains_folded(t, "stt")
                || t.eq_ignore_ascii_case("tt")
                || v.label_columns.any_in(t)
                || v.unit_headers.any_in(t)
        })
        .count()
        .min(n - 1);
    // The first cells may stand alone without a label word (`Tỉnh (trước sắp xếp)`): the
    // fewest such cells that make the rest add up.
    (lead_min..n).find_map(|lead| {
        let m = n - lead;
        let cols = width - lead;
        if cols <= m {
            return None;
        }
        let extra = cols - m;
        let mut spans = vec![1; n];
        if sub == extra + 1 {
            spans[lead] = extra + 1;
        } else if cols % m == 0 && sub == cols {
            for s in &mut spans[lead..] {
                *s = cols / m;
            }
        } else {
            let groups: Vec<&str> = row[lead..]
                .iter()
                .map(|c| text[c.span.start..c.span.end].trim())
                .collect();
            let under = spans_by_year(&groups, &sub_row, cols)?;
            spans[lead..].copy_from_slice(&under);
        }
        Some(spans)
    })
}

/// How many columns each group cell spans when several groups have cells under them (`Năm
/// 2025` over `Dự toán | Đánh giá thực hiện`, then `Dự kiến 03 năm` over `Năm 2026 | Năm 2027
/// | Năm 2028`): the one way to lay the second row's cells under the groups, each group over
/// two or more, the rest over one, so that no cell under a group of one year names another
/// year. `None` when no way or more than one way fits.
fn spans_by_year(groups: &[&str], sub: &[&str], cols: usize) -> Option<Vec<usize>> {
    let m = groups.len();
    // Groups over more than one column, and how many that is.
    let k = (m + sub.len()).checked_sub(cols)?;
    if k == 0 || k > m || sub.len() < 2 * k || m > 12 {
        return None;
    }
    let fits = |group: &str, cells: &[&str]| match single_year(group) {
        Some(y) => cells
            .iter()
            .all(|c| header_year(c).is_none_or(|cy| cy == y)),
        None => true,
    };
    let mut found: Option<Vec<usize>> = None;
    let mut ways = 0;
    // Every choice of which k groups are wide, and every split of the sub cells among them.
    for mask in 0u32..(1 << m) {
        if mask.count_ones() as usize != k {
            continue;
        }
        let wide: Vec<usize> = (0..m).filter(|i| mask & (1 << i) != 0).collect();
        let mut sizes = Vec::with_capacity(k);
        splits(sub.len(), k, &mut sizes, &mut |sizes| {
            let mut at = 0;
            let ok = wide.iter().zip(sizes).all(|(&g, &n)| {
                let cells = &sub[at..at + n];
                at += n;
                fits(groups[g], cells)
            });
            if ok {
                ways += 1;
                let mut spans = vec![1; m];
                for (&g, &n) in wide.iter().zip(sizes) {
                    spans[g] = n;
                }
                found = Some(spans);
            }
        });
        if ways > 1 {
            return None;
        }
    }
    found
}

/// Calls `each` with every way to write `total` as `parts` numbers of at least 2, in order.
fn splits(total: usize, parts: usize, sizes: &mut Vec<usize>, each: &mut impl FnMut(&[usize])) {
    if parts == 0 {
        if total == 0 {
            each(sizes);
        }
        return;
    }
    for n in 2..=total.saturating_sub(2 * (parts - 1)) {
        sizes.push(n);
        splits(total - n, parts - 1, sizes, each);
        sizes.pop();
    }
}

/// What a column's values are, from its header: planned, achieved, a ratio, or unsaid. A
/// column headed by a year alone (`Năm 2025`) is planned in a plan or when the year is still
/// to come, achieved otherwise.
fn column_role(h: &str, ctx: &Ctx<'_, '_>) -> Role {
    let v = ctx.vocab;
    // `Tỷ lệ (%)`, `So sánh với cùng kỳ`, and a bare `Tỷ lệ` / `Tỷ lệ đạt` / `Tỷ lệ thực
    // hiện`: the ratio of the columns beside it, not a rate of its own.
    let bare_ratio = scan::folded_prefix_len(h.trim(), "ty le").is_some_and(|n| {
        let rest = h.trim()[n..].trim_matches(|c: char| !c.is_alphanumeric());
        rest.is_empty()
            || scan::folded_prefix_len(rest, "dat").is_some_and(|m| m == rest.len())
            || v.done_columns.is_whole(rest)
    });
    // `DT 2026 với UTH 2025 (%)`: one column against another, in percent.
    let against =
        h.contains('%') && (scan::contains_folded(h, "voi") || scan::contains_folded(h, "so"));
    let ratio = bare_ratio
        || against
        || ((scan::contains_folded(h, "ty le") || scan::contains_folded(h, "so sanh"))
            && (h.contains('%') || scan::contains_folded(h, "so voi")));
    if ratio {
        return Role::Ratio;
    }
    if v.done_columns.any_in(h) {
        return Role::Done;
    }
    if v.projection.any_in(h) {
        return Role::Projection;
    }
    let year = year_only(h).or_else(|| super::sections::year_in(h));
    // `BỔ SUNG CÓ MỤC TIÊU` names a kind of budget, not a goal.
    let worded_plan = v.plan_columns.any_outside(h, &v.goal_names)
        && !(year.is_some()
            && v.plan_columns
                .find_in(h)
                .is_some_and(|(i, _)| scan::folded_prefix_len(&h[i..], "nam").is_some()));
    if worded_plan {
        return Role::Plan;
    }
    match year {
        Some(y) => {
            let own = targets::own_year(ctx, &[]);
            // A year before the document's own is what was done, even in a plan (its
            // baseline: `Năm 2010` beside `Kế hoạch 2011`).
            if own.is_some_and(|o| y < o) {
                Role::Done
            } else if ctx.kind == crate::model::Kind::Plan || own.is_some_and(|o| y > o) {
                Role::Plan
            } else {
                Role::Done
            }
        }
        None => Role::Other,
    }
}

/// Whether a column is planned by its words (`Kế hoạch`, `Chỉ tiêu phấn đấu`), not by a year.
fn worded_plan(h: &str, ctx: &Ctx<'_, '_>) -> bool {
    let v = ctx.vocab;
    v.plan_columns.any_outside(h, &v.goal_names)
        && v.plan_columns.find_in(h).is_some_and(|(i, _)| {
            scan::folded_prefix_len(&h[i..], "nam").is_none()
                && scan::folded_prefix_len(&h[i..], "den nam").is_none()
                && scan::folded_prefix_len(&h[i..], "giai doan").is_none()
        })
}

/// The year a header names, with or without `Năm` before it (`Năm hiện hành 2025`, `Dự
/// toán 2026`, `2027`).
fn header_year(h: &str) -> Option<i32> {
    h.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// The one year a header names (`Năm 2026`, `Năm hiện hành 2025 Ước thực hiện`); `None`
/// for none or a span of years (`Giai đoạn 2026 – 2028`).
fn single_year(h: &str) -> Option<i32> {
    let mut years = h
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .filter(|y| (1900..=2100).contains(y));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// Whether a cell is an item's number written with dots (`1.1`, `2.3.1.`), not a value:
/// some group after a dot has other than three digits.
fn is_item_number(cell: &str) -> bool {
    let t = cell.trim_matches(|c: char| c == '*' || c == '.' || c.is_whitespace());
    let groups: Vec<&str> = t.split('.').collect();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().any(|g| g.len() != 3)
}

/// A header that is only a year (`2030`).
fn year_only(h: &str) -> Option<i32> {
    let t = h.trim();
    (t.len() == 4)
        .then(|| t.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Reads every table; marks the tokens of value cells in `skip` so running text does not list
/// them again.
pub fn read(ctx: &Ctx<'_, '_>, skip: &mut [bool]) -> Read {
    let mut read = Read::default();
    for table in tables(ctx) {
        read_table(ctx, &table, skip, &mut read);
    }
    read
}

/// Records the percentage or amount of money a table cell states (a range cell `16 - 18`
/// states two percentages); whether the cell is a value of its row (not a percentage).
fn push_figures(
    read: &mut Read,
    val: &Value,
    unit: Option<&Unit>,
    line: usize,
    text: &str,
) -> bool {
    match unit {
        Some(Unit::Percent) => {
            read.percentages.push(Percentage {
                value: val.value,
                qualifier: val.qualifier.clone(),
                comparator: val.comparator.filter(|c| *c != Comparator::Between),
                in_table: true,
                line,
                text: text.to_string(),
            });
            if let Some(m) = val.max {
                read.percentages.push(Percentage {
                    value: m,
                    qualifier: None,
                    comparator: None,
                    in_table: true,
                    line,
                    text: text.to_string(),
                });
            }
            false
        }
        Some(Unit::Money(scale)) => {
            let value = (val.value * scale).round();
            if value >= 0.0 {
                read.money.push(Money {
                    value_vnd: value,
                    in_table: true,
                    line,
                    text: text.to_string(),
                });
            }
            true
        }
        _ => true,
    }
}

/// The stage of the values of a column, from its header's role, else from a forecast table
/// or what the caption says its values are for.
fn stage_of(header: Role, projected: bool, caption: Option<Purpose>) -> Option<ValueStage> {
    match header {
        Role::Plan => Some(ValueStage::Planned),
        Role::Done => Some(ValueStage::Achieved),
        Role::Projection => Some(ValueStage::Forecast),
        Role::Ratio => None,
        Role::Other if projected => Some(ValueStage::Forecast),
        Role::Other => match caption {
            Some(Purpose::Achieved) => Some(ValueStage::Achieved),
            Some(Purpose::Required) => Some(ValueStage::Planned),
            _ => None,
        },
    }
}

/// What a table's header rows and caption say of its columns, read once per table: where the
/// values start, each column's header, role and year, the label, unit and rank columns, the
/// ratios its numbering row defines, and what the caption says the values are for.
struct Columns {
    /// The line the table starts on: which table a cell is of.
    table_line: usize,
    first_data: usize,
    heads: Vec<String>,
    caption: Option<Unit>,
    label_col: Option<usize>,
    unit_col: Option<usize>,
    projected: bool,
    caption_purpose: Option<Purpose>,
    formulas: Vec<(usize, usize, usize)>,
    roles: Vec<Role>,
    category: Option<String>,
    rank_cols: Vec<usize>,
    has_plan: bool,
    has_done: bool,
    has_projection: bool,
    col_years: Vec<(usize, i32)>,
    value_years: Vec<Option<i32>>,
    header_roles: Vec<Role>,
}

/// The label column of a table's data `rows` (the one with the longest texts, `Chỉ tiêu`,
/// `Nội dung`; its header words decide a tie) and its unit column (headed `ĐVT`, or holding
/// short unit words, `%`, `Người`, `triệu đồng`, in most rows).
fn label_and_unit_columns(
    ctx: &Ctx<'_, '_>,
    rows: &[Vec<Cell>],
    heads: &[String],
) -> (Option<usize>, Option<usize>) {
    let text = ctx.lx.text;
    let v = ctx.vocab;
    let text_len = |c: usize| -> usize {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|cell| {
                if value_of(ctx, cell).is_none() {
                    cell.span.end - cell.span.start
                } else {
                    0
                }
            })
            .sum()
    };
    let label_col = (0..heads.len()).max_by_key(|&c| {
        (
            text_len(c),
            v.label_columns.any_in(&heads[c]) && !v.unit_headers.any_in(&heads[c]),
        )
    });
    let unit_col = (0..heads.len())
        .filter(|&c| Some(c) != label_col)
        .find(|&c| {
            let cells: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| text[cell.span.start..cell.span.end].trim())
                .filter(|t| !t.is_empty())
                .collect();
            let unit_like = cells
                .iter()
                .filter(|t| t.chars().count() <= 30 && !t.bytes().any(|b| b.is_ascii_digit()))
                .count();
            let headed = v.unit_headers.any_in(&heads[c]);
            !cells.is_empty()
                && unit_like * 10 >= cells.len() * 7
                && (headed || cells.contains(&"%"))
        });
    (label_col, unit_col)
}

/// The label column's header, when it names what kind of thing each row is (`Tỉnh (trước
/// sắp xếp)`, `Huyện`) rather than saying it holds labels (`Nội dung`, `Chỉ tiêu`, `STT`): part
/// of each row's name (`Tỉnh (trước sắp xếp) Lâm Đồng`).
fn category_of(ctx: &Ctx<'_, '_>, heads: &[String], label_col: Option<usize>) -> Option<String> {
    let v = ctx.vocab;
    label_col
        .map(|c| super::phrases::clean_indicator(heads[c].trim()))
        .filter(|h| {
            !h.is_empty()
                && h.split_whitespace().count() <= 5
                && !h.contains(|c: char| c.is_ascii_digit())
                && !v.label_columns.any_in(h)
                && !v.unit_headers.any_in(h)
                && !ctx
                    .rules
                    .tables
                    .number_columns
                    .iter()
                    .any(|w| scan::contains_folded(h, w))
        })
}

/// The columns whose header names a rank (`Thứ hạng`, `Xếp hạng`): they hold no fractions.
fn rank_columns(ctx: &Ctx<'_, '_>, heads: &[String]) -> Vec<usize> {
    heads
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            ctx.rules
                .figures
                .ranks
                .iter()
                .any(|w| scan::find_word(h, w).is_some())
        })
        .map(|(c, _)| c)
        .collect()
}

impl Columns {
    /// The columns a formula says column `c` divides, if any.
    fn formula_of(&self, c: usize) -> Option<(usize, usize)> {
        self.formulas.iter().find(|f| f.0 == c).map(|f| (f.1, f.2))
    }
}

/// Reads the [`Columns`] of `table`.
fn columns(ctx: &Ctx<'_, '_>, table: &Table) -> Columns {
    let text = ctx.lx.text;
    let caption = caption_unit(ctx, table);
    let (first_data, heads) = headers(ctx, table);
    let v = ctx.vocab;
    let (label_col, unit_col) = label_and_unit_columns(ctx, &table.rows[first_data..], &heads);
    // A forecast or budget table (`DỰ BÁO MỘT SỐ CHỈ TIÊU …`, `BIỂU TỔNG HỢP DỰ TOÁN THU`):
    // only its achieved columns say what was done.
    let projected = caption_says(ctx, table, &v.projection);
    // A caption that reports (`KẾT QUẢ BỒI DƯỠNG NĂM 2025`) or sets goals (`CHỈ TIÊU …`) says
    // what the values of its unsaid columns are for.
    let caption_purpose = if caption_says(ctx, table, &v.result_sections) {
        Some(Purpose::Achieved)
    } else if caption_says(ctx, table, &v.goal_sections) {
        Some(Purpose::Required)
    } else {
        None
    };
    // The label and unit columns hold no values: their headers (`Chỉ tiêu thống kê`, `Kết
    // quả thống kê / Đơn vị tính`) say nothing of the values beside them.
    // A column its numbering row defines as one column over another (`4=3/2`) holds ratios,
    // in percent, whatever its header and the table's unit.
    let mut formulas = ratio_formulas(text, table, first_data, heads.len());
    // A score table (`Điểm tối đa | Điểm tự đánh giá | Tỷ lệ (%)`): its rate column is the
    // score over the maximum.
    let col_with = |w: &Words| (0..heads.len()).find(|&c| w.any_in(&heads[c]));
    if let (Some(mc), Some(sc)) = (col_with(&v.max_columns), col_with(&v.score_columns)) {
        for (c, h) in heads.iter().enumerate() {
            if c != mc
                && c != sc
                && column_role(h, ctx) == Role::Ratio
                && !formulas.iter().any(|f| f.0 == c)
            {
                formulas.push((c, sc, mc));
            }
        }
    }
    let formula_of = |c: usize| formulas.iter().find(|f| f.0 == c).map(|f| (f.1, f.2));
    let roles: Vec<Role> = heads
        .iter()
        .enumerate()
        .map(|(c, h)| match column_role(h, ctx) {
            _ if Some(c) == label_col || Some(c) == unit_col => Role::Other,
            _ if formula_of(c).is_some() => Role::Ratio,
            r @ Role::Ratio => r,
            // A forecast table's estimate of the current year is a forecast too.
            _ if projected => Role::Projection,
            r => r,
        })
        .collect();
    let category = category_of(ctx, &heads, label_col);
    let rank_cols = rank_columns(ctx, &heads);
    let has_plan = roles.contains(&Role::Plan);
    let has_done = roles.contains(&Role::Done);
    let has_projection = roles.contains(&Role::Projection);
    // The year each column heads (`Năm 2026`, `Năm hiện hành 2025 Ước thực hiện`).
    let col_years: Vec<(usize, i32)> = heads
        .iter()
        .enumerate()
        .filter_map(|(c, h)| header_year(h).map(|y| (c, y)))
        .collect();
    // The one year each column heads, and what its header alone says it holds, for the
    // values set against the text.
    let value_years: Vec<Option<i32>> = heads.iter().map(|h| single_year(h)).collect();
    let header_roles: Vec<Role> = heads.iter().map(|h| column_role(h, ctx)).collect();
    Columns {
        table_line: table.first_line,
        first_data,
        heads,
        caption,
        label_col,
        unit_col,
        projected,
        caption_purpose,
        formulas,
        roles,
        category,
        rank_cols,
        has_plan,
        has_done,
        has_projection,
        col_years,
        value_years,
        header_roles,
    }
}

/// Each ratio a formula of the numbering row defines (`4=3/2`), against the values of `row`
/// it divides.
fn formula_ratios(
    text: &str,
    formulas: &[(usize, usize, usize)],
    values: &[Option<Value>],
    row: &[Cell],
    label: &str,
    read: &mut Read,
) {
    for &(rc, ac, bc) in formulas {
        let num = |c: usize| values.get(c).and_then(Option::as_ref).map(|v| v.value);
        let (Some(r), Some(a), Some(b)) =
            (values.get(rc).and_then(Option::as_ref), num(ac), num(bc))
        else {
            continue;
        };
        // A percentage in the thousands is a value slipped into the column, not a ratio.
        if b > 0.0 && r.value > 0.0 && r.value < 1000.0 {
            read.ratios.push(RatioStatement {
                numerator: a,
                denominator: b,
                stated: r.value,
                decimals: significant_decimals(row[rc], text),
                index: true,
                line: row[rc].line,
                text: clean_label(label),
            });
        }
    }
}

/// A growth row (`- Tốc độ tăng trưởng | % | … | 107,2`) under the values of each year: each
/// year's growth against the value of that year over the year before's, in the row `above`
/// (its name and values).
fn growth_ratios(
    text: &str,
    col_years: &[(usize, i32)],
    roles: &[Role],
    values: &[Option<Value>],
    row: &[Cell],
    (above_label, above): &(String, Vec<Option<f64>>),
    read: &mut Read,
) {
    for (ci, val) in values.iter().enumerate() {
        let (Some(g), Some(&(_, y))) = (val, col_years.iter().find(|(c, _)| *c == ci)) else {
            continue;
        };
        let base = col_years
            .iter()
            .filter(|(_, yb)| *yb == y - 1)
            .max_by_key(|(c, _)| (roles.get(*c) == Some(&Role::Done), *c))
            .map(|(c, _)| *c);
        let (Some(Some(a)), Some(Some(b))) = (above.get(ci), base.and_then(|c| above.get(c)))
        else {
            continue;
        };
        if *b > 0.0 {
            read.ratios.push(RatioStatement {
                numerator: *a,
                denominator: *b,
                stated: g.value,
                // `110,30`: a table that pads every rate to two decimals states this one to
                // one.
                decimals: significant_decimals(row[ci], text),
                index: g.value > 50.0,
                line: row[ci].line,
                text: above_label.clone(),
            });
        }
    }
}

/// A total row (its line, values, where it stands among the plain rows, whether it comes
/// first) against the rows it totals: only a flat list numbered 1, 2, 3 … is summed, as
/// sub-items and unnumbered rows may be parts of parts.
#[allow(clippy::type_complexity)]
fn total_sums(
    lx: &Lexed<'_>,
    heads: &[String],
    (line, totals, at, first): (usize, Vec<Option<f64>>, usize, bool),
    plain_rows: &[(usize, Vec<Option<f64>>, Option<u32>)],
    read: &mut Read,
) {
    let rows = if first {
        &plain_rows[at..]
    } else {
        &plain_rows[..at]
    };
    let parts: Vec<&Vec<Option<f64>>> = rows.iter().map(|(_, v, _)| v).collect();
    let numbered = rows
        .iter()
        .enumerate()
        .all(|(i, (_, _, n))| *n == Some(i as u32 + 1));
    if parts.len() < 2 || !numbered || parts.iter().any(|p| p.is_empty()) {
        return;
    }
    for (ci, t) in totals.iter().enumerate() {
        let Some(total) = t else { continue };
        let vals: Option<Vec<f64>> = parts.iter().map(|p| p.get(ci).copied().flatten()).collect();
        let Some(vals) = vals else { continue };
        if vals.iter().any(|v| v > total) {
            continue;
        }
        read.sums.push(SumStatement {
            total: *total,
            parts: vals,
            unit: heads
                .get(ci)
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty()),
            line,
            text: lx.line_text(line).trim().chars().take(200).collect(),
        });
    }
}

/// A cell's amount in its base unit (money in đồng), as written, the unit, and the cell's
/// line.
#[derive(Debug, Clone)]
struct Amount {
    value: f64,
    written: f64,
    unit: AmountUnit,
    line: usize,
}

/// The unit of an amount: money, or a count of a unit word (by a hash of the word in lower
/// case, so a cell's unit costs no allocation).
#[derive(Debug, Clone, Copy, PartialEq)]
enum AmountUnit {
    Money,
    Count(u64),
}

impl AmountUnit {
    /// The unit of a count of `word`, case ignored.
    fn count(word: &str) -> AmountUnit {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for c in word.chars().flat_map(char::to_lowercase) {
            c.hash(&mut h);
        }
        AmountUnit::Count(h.finish())
    }
}

/// What the values of one row give the row-level checks: each column's value, and the
/// first planned, achieved and ratio cells with their columns.
#[derive(Default)]
struct RowRead {
    values: Vec<Option<f64>>,
    /// Each column's amount (money or a count, not a rate) with its cell's line: what a part
    /// of the row above it must not exceed.
    amounts: Vec<Option<Amount>>,
    plan: Option<(usize, Value, Option<Unit>)>,
    done: Option<(usize, Value, Option<Unit>)>,
    ratio: Option<(usize, Value)>,
}

/// Marks the tokens of a row's rank cells (`Thứ hạng`: `62/63`) as read: they hold places,
/// not counts.
fn skip_rank_cells(lx: &Lexed<'_>, row: &[Cell], rank_cols: &[usize], skip: &mut [bool]) {
    for (ci, cell) in row.iter().enumerate() {
        if rank_cols.contains(&ci) {
            let mut k = lx.first_from(cell.span.start);
            while k < lx.tokens.len() && lx.tokens[k].span.end <= cell.span.end {
                skip[k] = true;
                k += 1;
            }
        }
    }
}

/// The cells of counts of a row (`412.508/598.120 hồ sơ`), each a result with the percentage
/// cell right after it, or alone when its column reports what was done (a score `83,1/100`
/// under `PAR Index | Điểm số`). Gives the percentage cells so paired.
fn fraction_cells(
    ctx: &Ctx<'_, '_>,
    row: &[Cell],
    values: &[Option<Value>],
    label: &str,
    cols: &Columns,
    read: &mut Read,
) -> Vec<usize> {
    let (lx, text) = (ctx.lx, ctx.lx.text);
    let cell_text = |c: &Cell| text[c.span.start..c.span.end].trim();
    let mut paired_cells: Vec<usize> = Vec::new();
    for (ci, cell) in row.iter().enumerate() {
        if values[ci].is_some() || Some(ci) == cols.label_col || cols.rank_cols.contains(&ci) {
            continue;
        }
        let k = lx.first_from(cell.span.start);
        let Some(t) = lx.tokens.get(k).filter(|t| t.span.end <= cell.span.end) else {
            continue;
        };
        let Tok::Slash(a, b) = &t.tok else {
            continue;
        };
        if b.value <= 0.0 || !a.value.is_finite() || !b.value.is_finite() {
            continue;
        }
        let pi = ci + 1;
        let pv = values.get(pi).and_then(Option::as_ref).filter(|v| {
            v.has_percent_sign
                || unit_named_header(cols.heads.get(pi).map(String::as_str).unwrap_or(""), ctx)
                    == Some(Unit::Percent)
        });
        if pv.is_none() {
            let role = cols.roles.get(ci).copied().unwrap_or(Role::Other);
            let done = match role {
                Role::Done => true,
                Role::Other => {
                    purpose::of_cell(ctx, cell.line, false, cols.caption_purpose)
                        == Purpose::Achieved
                }
                _ => false,
            };
            if !done {
                continue;
            }
        }
        let unit = numbers::unit_after(text, t.span.end, ctx.rules).map(str::to_string);
        let head = cols.heads.get(ci).map(String::as_str).unwrap_or("");
        let indicator = cell_indicator(label, head, cols.category.as_deref(), ctx);
        read.fraction_tokens.push(k);
        if pv.is_some() {
            paired_cells.push(pi);
        }
        read.results.push(row_result(
            ctx,
            if a.value > b.value {
                ResultKind::Quota
            } else {
                ResultKind::Share
            },
            indicator.clone(),
            Some((a.value, b.value, unit)),
            pv,
            cell.line,
            format!("{indicator}: {}", cell_text(cell)),
        ));
    }
    paired_cells
}

/// Planned, achieved and their ratio on one row (each with its column): one result, when the
/// ratio is the achieved over the planned (`defined`: the columns a formula divides, if any)
/// and the achieved value is no percentage.
#[allow(clippy::type_complexity)]
fn plan_done_result(
    ctx: &Ctx<'_, '_>,
    row: &[Cell],
    label: &str,
    row_unit: Option<&Unit>,
    ((pc, p, _), (dc, d, du), (rc, r)): (
        &(usize, Value, Option<Unit>),
        &(usize, Value, Option<Unit>),
        &(usize, Value),
    ),
    defined: Option<(usize, usize)>,
    read: &mut Read,
) {
    let text = ctx.lx.text;
    let same = defined.is_none_or(|f| f == (*dc, *pc));
    if !(same && p.value > 0.0 && du.as_ref().is_none_or(|u| *u != Unit::Percent)) {
        return;
    }
    let indicator = clean_label(label);
    let cell = row[*rc];
    let unit = row_unit.and_then(|u| match u {
        Unit::Other(s) => Some(s.clone()),
        _ => None,
    });
    read.results.push(row_result(
        ctx,
        ResultKind::Quota,
        indicator.clone(),
        Some((d.value, p.value, unit)),
        Some(r),
        cell.line,
        format!(
            "{indicator}: {}",
            text[row[0].span.start..row[row.len() - 1].span.end].trim()
        ),
    ));
}

/// Reads the values of one row (`label`, `row_unit`, the `section_year` of the rows above):
/// each cell's figures, its value for the year its column heads, and the target or result it
/// states; gives what the row-level checks need.
#[allow(clippy::too_many_arguments)]
fn read_values(
    ctx: &Ctx<'_, '_>,
    row: &[Cell],
    values: &[Option<Value>],
    (label, row_unit, section_year, nested): (&str, Option<&Unit>, Option<i32>, bool),
    cols: &Columns,
    paired_cells: &[usize],
    skip: &mut [bool],
    read: &mut Read,
) -> RowRead {
    let text = ctx.lx.text;
    let cell_text = |c: &Cell| text[c.span.start..c.span.end].trim();
    let mut out = RowRead {
        values: vec![None; cols.heads.len().max(row.len())],
        amounts: if nested {
            vec![None; cols.heads.len().max(row.len())]
        } else {
            Vec::new()
        },
        ..RowRead::default()
    };
    // The row's name for its values, made once.
    let mut row_name: Option<String> = None;
    for (ci, cell) in row.iter().enumerate() {
        let Some(val) = values[ci].clone() else {
            continue;
        };
        if Some(ci) == cols.label_col || Some(ci) == cols.unit_col {
            continue;
        }
        let head = cols.heads.get(ci).map(String::as_str).unwrap_or("");
        if ci == 0 && is_item_cell(ctx, &val, cell_text(cell), head) {
            continue;
        }
        let role = cols.roles.get(ci).copied().unwrap_or(Role::Other);
        let head_unit = unit_named_header(head, ctx);
        // The most specific unit governs: the cell's own `%`, the column's header, the row's
        // unit cell, the table's caption.
        let unit = if val.has_percent_sign || (cols.formula_of(ci).is_some() && val.unit.is_none())
        {
            Some(Unit::Percent)
        } else if let Some(u) = &val.unit {
            Some(Unit::Other(u.clone()))
        } else {
            head_unit
                .clone()
                .or_else(|| row_unit.cloned())
                .or_else(|| cols.caption.clone())
        };
        skip[val.tokens.0..val.tokens.1].fill(true);
        let cell_str = text[cell.span.start..cell.span.end].to_string();
        if push_figures(read, &val, unit.as_ref(), cell.line, &cell_str) {
            out.values[ci] = Some(val.value);
        }
        let base = match &unit {
            _ if !nested => None,
            Some(Unit::Money(scale)) => Some((val.value * scale, AmountUnit::Money)),
            Some(Unit::Other(u)) => Some((val.value, AmountUnit::count(u))),
            _ => None,
        };
        if let Some((value, unit)) = base.filter(|_| {
            role != Role::Ratio
                && cols.formula_of(ci).is_none()
                && val.comparator.is_none()
                && val.max.is_none()
        }) {
            out.amounts[ci] = Some(Amount {
                value,
                written: val.value,
                unit,
                line: cell.line,
            });
        }
        year_value(
            ctx,
            ci,
            cell,
            &val,
            unit.as_ref(),
            cols,
            label,
            &mut row_name,
            read,
        );
        match role {
            Role::Plan => out.plan = out.plan.or(Some((ci, val.clone(), unit.clone()))),
            Role::Done => out.done = out.done.or(Some((ci, val.clone(), unit.clone()))),
            Role::Ratio if unit == Some(Unit::Percent) || !val.has_percent_sign => {
                out.ratio = out.ratio.or(Some((ci, val.clone())))
            }
            _ => {}
        }
        let units = CellUnits {
            unit: unit.as_ref(),
            head_unit_text: head_unit.as_ref().map(|_| head),
            row_unit,
            row_unit_text: cols
                .unit_col
                .and_then(|c| row.get(c))
                .map(cell_text)
                .filter(|t| !t.is_empty()),
        };
        let paired = paired_cells.contains(&ci);
        cell_fact(
            ctx,
            (ci, cell, &val, &cell_str),
            label,
            &units,
            cols,
            (section_year, paired),
            read,
        );
    }
    out
}

/// STT and plain codes in the first column are no values (`3`, `1.1`, `2.3.1`: a group of
/// other than three digits after a dot is no thousands group).
fn is_item_cell(ctx: &Ctx<'_, '_>, val: &Value, written: &str, head: &str) -> bool {
    val.comparator.is_none()
        && !val.has_percent_sign
        && (val.value.fract() == 0.0 || is_item_number(written))
        && val.value < 1000.0
        && (head.trim().is_empty()
            || ctx
                .rules
                .tables
                .number_columns
                .iter()
                .any(|w| scan::contains_folded(head, w)))
}

/// The row's value for the year its column heads (column `ci`), for setting against the text.
#[allow(clippy::too_many_arguments)]
fn year_value(
    ctx: &Ctx<'_, '_>,
    ci: usize,
    cell: &Cell,
    val: &Value,
    unit: Option<&Unit>,
    cols: &Columns,
    label: &str,
    row_name: &mut Option<String>,
    read: &mut Read,
) {
    let (Some(year), Some(base)) = (
        cols.value_years.get(ci).copied().flatten(),
        unit.and_then(|u| match u {
            Unit::Percent => Some((1.0, "%".to_string())),
            Unit::Money(scale) => Some((*scale, "đồng".to_string())),
            Unit::Other(w) => super::values::base_unit(w, ctx.rules),
        }),
    ) else {
        return;
    };
    let header_role = cols.header_roles.get(ci).copied().unwrap_or(Role::Other);
    let stage = stage_of(header_role, cols.projected, cols.caption_purpose);
    let name = row_name.get_or_insert_with(|| clean_label(label)).clone();
    if val.max.is_none()
        && val.comparator.is_none_or(|c| !c.is_bound())
        && header_role != Role::Ratio
        && name.chars().any(char::is_alphabetic)
    {
        let text = ctx.lx.text;
        read.values.push(ValueStatement {
            indicator: name,
            year,
            value: val.value * base.0,
            unit: base.1,
            scale: base.0,
            precision: 0.5 * 10f64.powi(-(val.decimals as i32)) * base.0,
            approximate: false,
            stage,
            of_plan: None,
            in_table: true,
            table: Some(cols.table_line),
            line: cell.line,
            text: text[cell.span.start..cell.span.end].to_string(),
        });
    }
}

/// The units a cell's fact is stated in: the one that governs, the column header's and the
/// row's unit cell's words.
struct CellUnits<'a> {
    unit: Option<&'a Unit>,
    head_unit_text: Option<&'a str>,
    row_unit: Option<&'a Unit>,
    row_unit_text: Option<&'a str>,
}

/// The target or result a value cell states, by what its column (or, for an unsaid column,
/// its line and caption) says it is for.
fn cell_fact(
    ctx: &Ctx<'_, '_>,
    (ci, cell, val, cell_str): (usize, &Cell, &Value, &str),
    label: &str,
    units: &CellUnits<'_>,
    cols: &Columns,
    (section_year, paired): (Option<i32>, bool),
    read: &mut Read,
) {
    let head = cols.heads.get(ci).map(String::as_str).unwrap_or("");
    let role = cols.roles.get(ci).copied().unwrap_or(Role::Other);
    // What the value is for. A ratio beside planned and achieved columns is read with them;
    // alone (`Tỷ lệ giảm (%)`) it is achieved.
    let purpose = match role {
        Role::Plan => Purpose::Required,
        Role::Done => Purpose::Achieved,
        // Beside a forecast or a budget (`Dự toán 2026 với UTH 2025 (%)`) a ratio compares
        // projections: neither done nor required.
        Role::Ratio if (cols.has_plan && cols.has_done) || cols.has_projection => Purpose::Neither,
        Role::Ratio => Purpose::Achieved,
        Role::Projection => Purpose::Neither,
        Role::Other => purpose::of_cell(
            ctx,
            cell.line,
            val.comparator.is_some_and(Comparator::is_bound),
            cols.caption_purpose,
        ),
    };
    // A ratio column says what its ratio measures (`Tỷ lệ giảm (%)`).
    let indicator = if role == Role::Ratio {
        with_header(&clean_label(label), head, ctx.rules)
    } else {
        cell_indicator(label, head, cols.category.as_deref(), ctx)
    };
    match (purpose, units.unit) {
        // Money is a target under a worded plan column (`Kế hoạch vốn`), or on an indicator
        // row whose own unit cell says money (`Kinh phí | triệu đồng | 1.500`), only where the
        // table sets plan against what was done (`Kế hoạch | Thực hiện`): elsewhere it is a
        // budget or an allocation.
        (Purpose::Required, Some(u))
            if !matches!(u, Unit::Money(_))
                || (cols.has_done
                    && (worded_plan(head, ctx)
                        || matches!(units.row_unit, Some(Unit::Money(_))))) =>
        {
            let horizon = year_only(head)
                .or_else(|| super::sections::year_in(head))
                .or(section_year)
                .or_else(|| ctx.sections.year(cell.line))
                .or_else(|| targets::due_year(ctx, &[]));
            read.targets.push(Target {
                indicator,
                comparator: targets::target_comparator(val.comparator),
                value: val.value,
                value_max: val.max,
                unit: match u {
                    Unit::Percent => "%".into(),
                    Unit::Other(s) => s.clone(),
                    Unit::Money(_) => money_unit_text(
                        units
                            .row_unit_text
                            .or(units.head_unit_text)
                            .unwrap_or("đồng"),
                    ),
                },
                horizon,
                context: TargetContext::Table,
                section: ctx.sections.path(cell.line),
                line: cell.line,
                text: cell_str.to_string(),
            });
        }
        (Purpose::Achieved, Some(Unit::Percent))
            if !(paired || (cols.has_plan && cols.has_done && role == Role::Other)) =>
        {
            read.results.push(row_result(
                ctx,
                ResultKind::Table,
                indicator.clone(),
                None,
                Some(val),
                cell.line,
                format!("{indicator}: {cell_str}"),
            ));
        }
        _ => {}
    }
}

/// A row a total row may total: its line, its values and its number in the STT column; a
/// nested row (`- …`, `1.1.`) keeps no values, as it is a part of a part.
fn plain_row(
    line: usize,
    label: &str,
    stt: &str,
    values: Vec<Option<f64>>,
) -> (usize, Vec<Option<f64>>, Option<u32>) {
    let number: Option<u32> = stt.trim_end_matches(['.', ')']).parse().ok();
    let nested = label.starts_with(['-', '+', '*', '•'])
        || super::sections::numbering(label).is_some_and(|(lvl, _, _)| lvl >= 2);
    if nested {
        (line, Vec::new(), None)
    } else {
        (line, values, number)
    }
}

/// A growth row (`- Tốc độ tăng trưởng | % | … | 107,2`) is checked against the row `above`
/// (each year's value against the year before's); any other row becomes the row above,
/// named by its label or its first cell of words. A growth in real terms is not the ratio of
/// values at current prices (`GRDP giá hiện hành`): only rows of one kind of value are checked.
#[allow(clippy::too_many_arguments)]
fn growth_or_above(
    ctx: &Ctx<'_, '_>,
    row: &[Cell],
    values: &[Option<Value>],
    label: &str,
    col_years: &[(usize, i32)],
    roles: &[Role],
    row_values: &[Option<f64>],
    above: &mut Option<(String, Vec<Option<f64>>)>,
    read: &mut Read,
) {
    let (v, text) = (ctx.vocab, ctx.lx.text);
    let nominal_above = above
        .as_ref()
        .is_some_and(|(name, _)| v.nominal_rows.any_in(name));
    if v.growth_rows.any_in(label) && !nominal_above {
        if let Some(above) = above.as_ref() {
            growth_ratios(text, col_years, roles, values, row, above, read);
        }
        return;
    }
    let name = row
        .iter()
        .map(|c| clean_label(text[c.span.start..c.span.end].trim()))
        .find(|t| t.chars().any(char::is_alphabetic))
        .unwrap_or_default();
    *above = Some((name, row_values.to_vec()));
}

/// Reads one table row by row with what its [`Columns`] say: each cell's figures, values for
/// a year, targets and results, rows of planned / achieved / ratio, ratios a formula defines,
/// growth rows against the row above, and a total row against the rows it totals.
fn read_table(ctx: &Ctx<'_, '_>, table: &Table, skip: &mut [bool], read: &mut Read) {
    let lx = ctx.lx;
    let text = lx.text;
    let cols = columns(ctx, table);
    let v = ctx.vocab;
    let mut section_year: Option<i32> = None;
    // The label and values of the last row that is no growth row.
    let mut above: Option<(String, Vec<Option<f64>>)> = None;
    // Rows totalled by a total row.
    // Rows a total row may total: (line, values, their number in the STT column).
    let mut plain_rows: Vec<(usize, Vec<Option<f64>>, Option<u32>)> = Vec::new();
    let mut total_row: Option<(usize, Vec<Option<f64>>, usize, bool)> = None;
    let mut nesting = Nesting::default();
    for (ri, row) in table.rows.iter().enumerate().skip(cols.first_data) {
        let cell_text = |c: &Cell| text[c.span.start..c.span.end].trim();
        let values: Vec<Option<Value>> = row.iter().map(|c| value_of(ctx, c)).collect();
        let label = cols
            .label_col
            .and_then(|c| row.get(c))
            .map(cell_text)
            .unwrap_or("");
        let stt = (cols.label_col != Some(0))
            .then(|| row.first().map(cell_text))
            .flatten()
            .unwrap_or("");
        // Where the row sits among the items: rows above it of a shallower mark hold it.
        let (depth, shifted) = nesting.place(stt, label);
        // A section row (`Đến năm 2030`, `I | Mục tiêu đến năm 2025`): no value, a year.
        if values.iter().all(Option::is_none) {
            if let Some(d) = depth {
                nesting.holders.push((d, None, Vec::new()));
            }
            if let Some(y) = row
                .iter()
                .find_map(|c| super::sections::year_in(cell_text(c)))
            {
                section_year = Some(y);
            }
            continue;
        }
        // The row's unit: its unit cell, else a unit its label ends with (`Tỷ lệ mức dư nợ …
        // (%)`, `Kinh phí (triệu đồng)`).
        let row_unit = cols
            .unit_col
            .and_then(|c| row.get(c))
            .and_then(|c| unit_named(cell_text(c), ctx))
            .or_else(|| label_unit(label, ctx));
        // A total row: its label is a total word and nothing else (`Tổng cộng`, `Cộng`), and it
        // has no number of its own (a numbered `4.1. Tổng số nhiệm vụ` is an item).
        let label_is_total = v
            .total_rows
            .is_whole(label.trim_matches(|c: char| !c.is_alphabetic()))
            && !stt.chars().any(|c| c.is_ascii_digit());
        // A cell of counts (`412.508/598.120 hồ sơ`) and a percentage cell right after it:
        // one result. A rank column (`Thứ hạng`: `62/63`) holds places, not counts.
        skip_rank_cells(lx, row, &cols.rank_cols, skip);
        let paired_cells = fraction_cells(ctx, row, &values, label, &cols, read);
        let mut rr = read_values(
            ctx,
            row,
            &values,
            (label, row_unit.as_ref(), section_year, depth.is_some()),
            &cols,
            &paired_cells,
            skip,
            read,
        );
        // Planned, achieved and their ratio on one row: one result (when a formula defines
        // the ratio, only if it is the achieved over the planned).
        if let (Some(p), Some(d), Some(r)) = (&rr.plan, &rr.done, &rr.ratio) {
            let defined = cols.formula_of(r.0);
            plan_done_result(ctx, row, label, row_unit.as_ref(), (p, d, r), defined, read);
        }
        formula_ratios(text, &cols.formulas, &values, row, label, read);
        growth_or_above(
            ctx,
            row,
            &values,
            label,
            &cols.col_years,
            &cols.roles,
            &rr.values,
            &mut above,
            read,
        );
        if let Some(d) = depth {
            let is_rate = |l: &str| v.rate_rows.any_in(l) || v.growth_rows.any_in(l);
            let amounts = std::mem::take(&mut rr.amounts);
            nesting.row(d, label, (!shifted).then_some(amounts), is_rate, read);
        }
        let first_line = row.first().map(|c| c.line).unwrap_or(0);
        if label_is_total {
            total_row = Some((
                first_line,
                rr.values,
                plain_rows.len(),
                ri == cols.first_data,
            ));
        } else {
            plain_rows.push(plain_row(first_line, label, stt, rr.values));
        }
    }
    // The total row against the rows it totals (after it when it comes first, else before).
    if let Some(total) = total_row {
        total_sums(lx, &cols.heads, total, &plain_rows, read);
    }
}

/// The kind of mark an item row carries in its STT cell, or at the start of its label when
/// that cell is empty: rows marked alike are at one level.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// `I`, `II`, `IV`.
    Roman,
    /// `A`, `B` (capital letters other than Roman numerals).
    Capital,
    /// `1`, `2`, or `1.1` (the number of groups).
    Number(usize),
    /// `a`, `b`.
    Letter,
    /// `-`, `+`, `*`, `•`.
    Bullet(char),
}

/// A row that may hold others: its depth, its label (none for a section row or a row placed
/// but not compared) and its amounts.
type Holder<'t> = (usize, Option<&'t str>, Vec<Option<Amount>>);

/// Which rows of a table hold which: the kinds of item marks in the order they first appear
/// (`A`, `I`, `1`, `-`), giving the depth of each; and the rows that hold the current one,
/// outermost first, with their depth, their label (none for a section or rate row) and
/// their amounts.
#[derive(Default)]
struct Nesting<'t> {
    marks: Vec<Mark>,
    holders: Vec<Holder<'t>>,
}

impl<'t> Nesting<'t> {
    /// The depth of a row from its mark, the rows at its depth or deeper closed; and whether
    /// its STT cell holds its label (`- Số đối tượng …`): such a row lacks a cell before it,
    /// its cells stand one column off, and it is placed but not compared.
    fn place(&mut self, stt: &str, label: &str) -> (Option<usize>, bool) {
        let own = item_mark(stt, label);
        // A mark from the STT cell itself, or none there: the row is where it seems.
        let in_stt = own.is_some() && item_mark(stt, "").is_some();
        let (mark, shifted) = if in_stt || stt.trim().is_empty() {
            (own, false)
        } else {
            match item_mark("", stt) {
                Some(m) => (Some(m), true),
                None => (own, false),
            }
        };
        let depth = mark.map(|m| {
            self.marks.iter().position(|k| *k == m).unwrap_or_else(|| {
                self.marks.push(m);
                self.marks.len() - 1
            })
        });
        if let Some(d) = depth {
            while self.holders.last().is_some_and(|h| h.0 >= d) {
                self.holders.pop();
            }
        }
        (depth, shifted)
    }

    /// A row of values at depth `d`: checked against the row holding it, then holding the
    /// rows under it. `amounts` is `None` for a row placed but not compared. Whether either
    /// row is one of rates (`is_rate`) is asked only of a part found larger than its whole.
    fn row(
        &mut self,
        d: usize,
        label: &'t str,
        amounts: Option<Vec<Option<Amount>>>,
        is_rate: impl Fn(&str) -> bool,
        read: &mut Read,
    ) {
        let named = amounts.is_some().then_some(label);
        let amounts = amounts.unwrap_or_default();
        if let Some((_, Some(whole), whole_amounts)) = self.holders.last() {
            if let Some((p, w, line)) = part_over(whole_amounts, &amounts) {
                if !is_rate(whole) && !is_rate(label) {
                    read.sums.push(SumStatement {
                        total: w,
                        parts: vec![p],
                        unit: None,
                        line,
                        text: format!("{} ⊂ {}", clean_label(label), clean_label(whole))
                            .chars()
                            .take(200)
                            .collect(),
                    });
                }
            }
        }
        self.holders.push((d, named, amounts));
    }
}

/// The mark of an item row (see [`Mark`]); `None` for a row with none.
fn item_mark(stt: &str, label: &str) -> Option<Mark> {
    let t = stt.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if t.is_empty() {
        let l = label.trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        return l
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '+' | '•' | '–'))
            .map(|c| Mark::Bullet(if c == '–' { '-' } else { c }));
    }
    let t = t.trim_end_matches(['.', ')']);
    if matches!(t, "-" | "+" | "*" | "•" | "–") {
        let c = t.chars().next()?;
        return Some(Mark::Bullet(if c == '–' { '-' } else { c }));
    }
    if !t.is_empty() && t.len() <= 6 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return Some(Mark::Roman);
    }
    if t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(Mark::Capital);
    }
    if t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase()) {
        return Some(Mark::Letter);
    }
    let mut groups = 0;
    for g in t.split('.') {
        if g.is_empty() || g.len() > 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        groups += 1;
    }
    Some(Mark::Number(groups))
}

/// A part of an amount is no larger than it: the first column where the row of `amounts`
/// (under the row of `whole`) holds more than 0.5% above the whole's amount, as the part and
/// the whole as written and the part's line; `None` when none does, or when the rows count
/// in other units (`Giường`, `Người`; `Có = 1; Không = 0`).
fn part_over(whole: &[Option<Amount>], amounts: &[Option<Amount>]) -> Option<(f64, f64, usize)> {
    let mut over = None;
    for (p, w) in amounts.iter().zip(whole) {
        let (Some(p), Some(w)) = (p, w) else { continue };
        if p.unit != w.unit {
            return None;
        }
        if over.is_none() && w.value > 0.0 && p.value > w.value * 1.005 {
            over = Some((p.written, w.written, p.line));
        }
    }
    over
}

/// The unit a column header names in parentheses or alone (`Tỷ lệ (%)`, `%`, `Kinh phí (tỷ
/// đồng)`).
fn unit_named_header(h: &str, ctx: &Ctx<'_, '_>) -> Option<Unit> {
    let t = h.trim();
    if t == "%" || t.ends_with("(%)") || t.ends_with('%') {
        return Some(Unit::Percent);
    }
    if let (Some(a), Some(b)) = (t.rfind('('), t.rfind(')')) {
        if a < b {
            let inner = &t[a + 1..b];
            if let Some(u @ (Unit::Percent | Unit::Money(_))) = unit_named(inner, ctx) {
                return Some(u);
            }
        }
    }
    // `Kinh phí triệu đồng`, `Số tiền (tỉ đồng)`: a scale and a currency of `money.toml`.
    if scaled_money(t, ctx) {
        return unit_named(t, ctx);
    }
    None
}

/// The unit a row's label ends with in brackets, when the brackets hold a unit alone (`(%)`,
/// `(triệu đồng)`), not a remark (`(địa phương hưởng 100%)`).
fn label_unit(label: &str, ctx: &Ctx<'_, '_>) -> Option<Unit> {
    let l = label
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | ' '));
    let inner = l.strip_suffix(')')?;
    let inner = inner[inner.rfind('(')? + 1..].trim();
    if inner == "%" {
        return Some(Unit::Percent);
    }
    (inner.split_whitespace().count() <= 3
        && !inner.contains(|c: char| c.is_ascii_digit())
        && scaled_money(inner, ctx))
    .then(|| unit_named(inner, ctx))
    .flatten()
}

/// Whether a text names an amount of money with its scale (`triệu đồng`, `tỉ đồng`, `ngàn
/// đồng`): a scale word of `rules/money.toml` followed by a currency word.
fn scaled_money(t: &str, ctx: &Ctx<'_, '_>) -> bool {
    let m = &ctx.rules.money;
    m.scales.keys().any(|s| {
        let mut from = 0;
        while let Some(i) = t.get(from..).and_then(|r| scan::find_word(r, s)) {
            let at = from + i;
            let end = at + scan::word_prefix_len(&t[at..], s).unwrap_or(s.len());
            let rest = scan::trim_spaces_start(&t[end..]);
            if m.currency
                .iter()
                .any(|c| scan::word_prefix_len(rest, c).is_some())
            {
                return true;
            }
            from = end;
        }
        false
    })
}

/// A row's label with what its column's header adds (`Khối cơ quan (giảm)` for a `Tỷ lệ giảm
/// (%)` column): the header without its unit and its `Tỷ lệ`.
fn with_header(label: &str, head: &str, rules: &crate::rules::Rules) -> String {
    let h = head.replace("(%)", "").replace('%', "");
    let h = h.trim();
    let h = rules
        .tables
        .rate_words
        .iter()
        .find_map(|w| scan::folded_prefix_len(h, w).map(|n| &h[n..]))
        .unwrap_or(h)
        .trim();
    if h.is_empty() || label.is_empty() {
        return label.to_string();
    }
    format!("{label} ({h})")
}

/// What a cell measures: its row's label, or, when the label only names who or where (a
/// short label such as a province, `Lâm Đồng`), the column's header with the label beside it
/// (`PAR Index Điểm số (Lâm Đồng)`).
fn cell_indicator(label: &str, head: &str, category: Option<&str>, ctx: &Ctx<'_, '_>) -> String {
    let label = match category {
        Some(c) => format!("{c} {}", clean_label(label)),
        None => clean_label(label),
    };
    let v = ctx.vocab;
    let head = head.trim();
    let says_little = head.is_empty()
        || unit_named_header(head, ctx).is_some_and(|_| head.split_whitespace().count() <= 2)
        || v.done_columns.is_whole(head)
        || v.plan_columns.is_whole(head)
        || year_only(head).is_some();
    let own_words =
        label.split_whitespace().count() - category.map_or(0, |c| c.split_whitespace().count());
    if says_little || own_words > 4 {
        return label;
    }
    let head = super::phrases::clean_indicator(head);
    if label.is_empty() {
        head
    } else {
        format!("{head} ({label})")
    }
}

/// The unit words of a money header or unit cell (`Kinh phí (tỷ đồng)` → `tỷ đồng`).
fn money_unit_text(s: &str) -> String {
    let inner = match (s.rfind('('), s.rfind(')')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s,
    };
    inner.trim().to_lowercase()
}

fn clean_label(s: &str) -> String {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '*' | '•'));
    let t = match super::sections::numbering(t) {
        Some((_, _, b)) => &t[b..],
        None => t,
    };
    super::phrases::clean_indicator(t)
}

#[cfg(test)]
mod tests {
    use super::is_item_number;

    #[test]
    fn item_marks_by_kind() {
        use super::{item_mark, Mark};
        assert_eq!(item_mark("II", "Chi"), Some(Mark::Roman));
        assert_eq!(item_mark("**B**", "Bội chi"), Some(Mark::Capital));
        assert_eq!(item_mark("2.", "Chi"), Some(Mark::Number(1)));
        assert_eq!(item_mark("3.2.1", "Chi"), Some(Mark::Number(3)));
        assert_eq!(item_mark("a)", "Chi"), Some(Mark::Letter));
        assert_eq!(
            item_mark("", "+ Giường bệnh cấp tỉnh"),
            Some(Mark::Bullet('+'))
        );
        assert_eq!(item_mark("–", "Vay"), Some(Mark::Bullet('-')));
        assert_eq!(item_mark("Trong đó:", ""), None);
        assert_eq!(item_mark("", "Tổng cộng"), None);
    }

    fn sums_of(rows: &str) -> Vec<(f64, Vec<f64>, usize)> {
        let text =
            format!("BÁO CÁO\n\n| STT | Chỉ tiêu | ĐVT | Năm 2025 |\n|---|---|---|---|\n{rows}");
        let ex = crate::extract::Extractor::built_in();
        crate::analyze_text(&text, ex)
            .sums
            .iter()
            .map(|s| (s.total, s.parts.clone(), s.line))
            .collect()
    }

    #[test]
    fn a_part_larger_than_the_row_it_sits_under_is_stated() {
        let rows = "| 1 | Tổng số hồ sơ | Hồ sơ | 1.200 |\n| 1.1 | Hồ sơ trực tuyến | Hồ sơ | 1.350 |\n| 1.2 | Hồ sơ trực tiếp | Hồ sơ | 300 |\n";
        assert_eq!(sums_of(rows), vec![(1200.0, vec![1350.0], 6)]);
        // A part that fits, a rate under a count, a count of another unit: nothing.
        let fits = rows.replace("1.350", "900");
        assert!(sums_of(&fits).is_empty());
        let rate = "| 1 | Tổng số hồ sơ | Hồ sơ | 1.200 |\n| 1.1 | Tỷ lệ hồ sơ trực tuyến | Hồ sơ | 1.350 |\n";
        assert!(sums_of(rate).is_empty());
        let other = "| 1 | Số lĩnh vực | Lĩnh vực | 18 |\n| 1.1 | Số thủ tục | Thủ tục | 96 |\n";
        assert!(sums_of(other).is_empty());
        // A section row without values between them holds the part instead.
        let section = "| 1 | Tổng số hồ sơ | Hồ sơ | 1.200 |\n| 2 | Giải quyết |  |  |\n| - | Hồ sơ đúng hạn | Hồ sơ | 1.350 |\n";
        assert!(sums_of(section).is_empty());
    }

    #[test]
    fn groups_over_the_second_header_row_follow_the_years_they_name() {
        let sub = [
            "Dự toán",
            "Ước thực hiện",
            "Năm 2026",
            "Năm 2027",
            "Năm 2028",
        ];
        assert_eq!(
            super::spans_by_year(&["Năm 2025", "Dự kiến 03 năm kế hoạch"], &sub, 5),
            Some(vec![2, 3])
        );
        // Two groups naming no year: two ways to split, so none is chosen.
        assert_eq!(
            super::spans_by_year(&["Kế hoạch", "Dự kiến"], &sub, 5),
            None
        );
        // More columns than the rows can cover.
        assert_eq!(
            super::spans_by_year(&["Năm 2025", "Dự kiến"], &sub, 9),
            None
        );
    }

    #[test]
    fn dotted_item_numbers_are_no_thousands() {
        assert!(is_item_number("1.1"));
        assert!(is_item_number("**2.3.1.**"));
        assert!(!is_item_number("1.250"));
        assert!(!is_item_number("12.375.300"));
        assert!(!is_item_number("6"));
    }
}
