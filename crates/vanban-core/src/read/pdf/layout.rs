//! Page layout: turns the runs of one page into lines of text in reading order.
//!
//! 1. Runs are grouped by reading direction; the direction holding most text is the page's,
//!    text in other directions (a margin note along the edge) follows it as separate lines.
//! 2. Runs are grouped into lines by baseline, wherever they came from in the content stream;
//!    runs drawn by an annotation (a number stamped at signing) join the line they sit on.
//! 3. Each line is cut into segments at wide gaps (a table cell, a letterhead column); inside a
//!    segment the runs are joined with one space where the content has a space or the gap
//!    says a word ended. A number stamped right before a `/` is glued to it (`228/BC-SNV`).
//! 4. Two-column blocks, the letterhead (issuer and `Số:` on the left, the national motto and
//!    `Place, ngày …` on the right) and the signature block (`Nơi nhận:` on the left, the
//!    signer on the right), are read as the left block then the right block instead of line
//!    by line. Tables of figures and list labels are left as rows (see [`columns`]).
//! 5. Segments of a line are joined by a tab; a clearly larger gap between lines becomes a
//!    blank line (paragraph break).
//!
//! It does not decode text or read the PDF, and it does not rebuild table cells that wrap
//! over several lines.

use unicode_normalization::char::is_combining_mark;

use super::content::{frame, Rule, Run};
use super::tables::{self, Grid};

/// A gap wider than this many font sizes ends a segment (becomes a tab).
const TAB_GAP: f64 = 2.5;
/// A gap wider than this many font sizes between two runs is a word break.
const SPACE_GAP: f64 = 0.18;

/// Lays out one page's runs, with the rules its paths draw (for ruled tables); every line
/// ends with `\n`.
pub(super) fn layout(runs: Vec<Run>, rules: &[Rule]) -> String {
    if std::env::var_os("VANBAN_DEBUG_PDF").is_some() {
        for r in &runs {
            eprintln!(
                "{:8.2} {:8.2} {:8.2} {:5.2} d{} {}{:?}",
                r.x,
                r.y,
                r.x_end,
                r.size,
                r.dir,
                if r.stamped { "stamp " } else { "" },
                r.text
            );
        }
    }
    let runs = attach_marks(runs);
    let mut by_dir: [Vec<Run>; 4] = Default::default();
    for r in runs {
        by_dir[(r.dir & 3) as usize].push(r);
    }
    let weight = |rs: &Vec<Run>| rs.iter().map(|r| r.text.len()).sum::<usize>();
    let main = (0..4)
        .max_by_key(|&d| (weight(&by_dir[d]), 4 - d))
        .unwrap_or(0);
    // Table borders, seen in the main reading frame.
    let framed: Vec<Rule> = rules
        .iter()
        .map(|r| {
            let (x0, y0) = frame(main as u8, r.x0, r.y0);
            let (x1, y1) = frame(main as u8, r.x1, r.y1);
            Rule { x0, y0, x1, y1 }
        })
        .collect();
    let mut out = emit(&page_lines(
        std::mem::take(&mut by_dir[main]),
        &tables::grids(&framed),
    ));
    for rest in by_dir.into_iter().filter(|rs| !rs.is_empty()) {
        let text = emit(&lines(rest));
        if !text.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&text);
        }
    }
    out
}

/// The lines of a page: the rows of its ruled tables (each cell's text whole, cells in
/// order) among the lines of the text around them, top to bottom.
fn page_lines(runs: Vec<Run>, grids: &[Grid]) -> Vec<Line> {
    if grids.is_empty() {
        return lines(runs);
    }
    let mut flow = Vec::new();
    let mut cells: Vec<Vec<Vec<Run>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    for run in runs {
        // A point inside the glyphs: the middle of the run, a little above the baseline.
        let (x, y) = ((run.x + run.x_end) / 2.0, run.y + 0.3 * run.size);
        match grids
            .iter()
            .enumerate()
            .find_map(|(g, grid)| grid.cell_at(x, y).map(|c| (g, c)))
        {
            Some((g, c)) => cells[g][c].push(run),
            None => flow.push(run),
        }
    }
    let mut out = lines(flow);
    for (g, (grid, runs)) in grids.iter().zip(cells).enumerate() {
        // Cells by row band, each with the baseline of its first line.
        let mut rows: std::collections::BTreeMap<usize, Vec<(Segment, f64)>> = Default::default();
        for (cell, runs) in grid.cells.iter().zip(runs) {
            let cell_lines = lines(runs);
            let top = cell_lines.first().map_or(f64::NEG_INFINITY, |l| l.y);
            let seg = Segment {
                x0: cell.x0,
                x1: cell.x1,
                size: cell_lines.iter().map(|l| l.size).fold(1.0, f64::max),
                text: cell_text(&cell_lines),
                breaks: Vec::new(),
            };
            rows.entry(cell.row).or_default().push((seg, top));
        }
        for mut row in rows.into_values() {
            if row.iter().all(|(c, _)| c.text.is_empty()) {
                continue;
            }
            row.sort_by(|a, b| a.0.x0.total_cmp(&b.0.x0));
            out.push(Line {
                y: row.iter().map(|c| c.1).fold(f64::NEG_INFINITY, f64::max),
                size: row.iter().map(|c| c.0.size).fold(1.0, f64::max),
                segments: row.into_iter().map(|(seg, _)| seg).collect(),
                grid: Some(g),
            });
        }
    }
    out.sort_by(|a, b| b.y.total_cmp(&a.y));
    out
}

/// A table cell's lines as one line (see [`join_wrapped`]).
fn cell_text(lines: &[Line]) -> String {
    let mut out = String::new();
    for seg in lines.iter().flat_map(|l| &l.segments) {
        join_wrapped(&mut out, &seg.text);
    }
    out
}

/// Appends the next line of a wrapped cell: after a space, except after a dash or slash that
/// cuts an id (`38/2020/QĐ-` + `TTg`, `TT-` + `BKHCN`), when the next line goes on with
/// capitals or figures that are not a list number (`2.`).
fn join_wrapped(out: &mut String, next: &str) {
    if next.is_empty() {
        return;
    }
    let cut = (out.ends_with('-') || out.ends_with('/'))
        && !out[..out.len() - 1].ends_with(' ')
        && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !next
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')']);
    if !out.is_empty() && !cut {
        out.push(' ');
    }
    out.push_str(next);
}

/// Glues a run that starts with a combining mark (a tone mark drawn as its own glyph) to the
/// run shown before it, so sorting by position cannot part them.
fn attach_marks(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        if r.text.starts_with(is_combining_mark) {
            if let Some(prev) = out.last_mut().filter(|p| p.dir == r.dir) {
                prev.text.push_str(&r.text);
                prev.x_end = prev.x_end.max(r.x_end);
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// A piece of a line between wide gaps.
#[derive(Debug, Clone)]
struct Segment {
    /// Left end of its text (spaces drawn around it excluded).
    x0: f64,
    /// Right end of its text.
    x1: f64,
    size: f64,
    text: String,
    /// The spaces inside it: (gap start, gap end, byte offset in `text` where the word
    /// after the gap starts).
    breaks: Vec<(f64, f64, usize)>,
}

impl Segment {
    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// The segment cut at its `i`th space: the text before it and the text after it.
    fn split(&self, i: usize) -> (Segment, Segment) {
        let (a, b, at) = self.breaks[i];
        let left = Segment {
            x0: self.x0,
            x1: a,
            size: self.size,
            text: self.text[..at].trim_end().to_string(),
            breaks: self.breaks[..i].to_vec(),
        };
        let right = Segment {
            x0: b,
            x1: self.x1,
            size: self.size,
            text: self.text[at..].to_string(),
            breaks: self.breaks[i + 1..]
                .iter()
                .map(|&(a, b, o)| (a, b, o - at))
                .collect(),
        };
        (left, right)
    }

    /// Whether it is mostly figures (a table cell of numbers, a list label).
    fn numeric(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        let digits = self.text.chars().filter(|c| c.is_ascii_digit()).count();
        digits > 0 && letters * 2 < digits + 1
    }
}

/// A line of text: its baseline and its segments from left to right.
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    segments: Vec<Segment>,
    /// The ruled table this line is a row of.
    grid: Option<usize>,
}

/// Groups runs into lines by baseline, top to bottom.
///
/// Runs with text make the lines: a run joins the line above it when its baseline is within
/// half a font size of the line's; a line of small runs a little above the next line
/// (footnote marks) joins that line. Runs that only draw spaces and runs stamped by an
/// annotation then join the nearest line; they never move a line's baseline, so the blank
/// paragraphs of a neighbouring column cannot chain two lines together.
fn lines(runs: Vec<Run>) -> Vec<Line> {
    let (mut text, loose): (Vec<Run>, Vec<Run>) = runs
        .into_iter()
        .partition(|r| !r.stamped && !r.text.chars().all(char::is_whitespace));
    text.sort_by(|a, b| b.y.total_cmp(&a.y));
    // (baseline, size, runs), top to bottom
    let mut groups: Vec<(f64, f64, Vec<Run>)> = Vec::new();
    for run in text {
        match groups.last_mut() {
            Some((y, size, rs)) if (run.y - *y).abs() < 0.5 * size.min(run.size).max(1.0) => {
                *size = size.max(run.size);
                rs.push(run);
            }
            _ => groups.push((run.y, run.size, vec![run])),
        }
    }
    // Superscripts: a line of smaller text just above a line joins it.
    let mut merged: Vec<(f64, f64, Vec<Run>)> = Vec::with_capacity(groups.len());
    let mut pending: Option<(f64, f64, Vec<Run>)> = None;
    for g in groups {
        if let Some(sup) = pending.take() {
            let rise = sup.0 - g.0;
            if sup.1 < g.1 * 0.85 && rise > 0.0 && rise < 0.6 * g.1 {
                let mut g = g;
                g.2.extend(sup.2);
                pending = Some(g);
                continue;
            }
            merged.push(sup);
        }
        pending = Some(g);
    }
    merged.extend(pending);
    let mut groups = merged;
    // Spaces and stamps join the nearest line; a stamp may sit a little off the line the
    // page left room on, and makes a line of its own when no line is near.
    for run in loose {
        let at = groups.partition_point(|g| g.0 > run.y);
        let nearest = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| groups.get(i).map(|g| (i, (g.0 - run.y).abs(), g.1)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let reach = if run.stamped { 0.7 } else { 0.5 };
        match nearest {
            Some((i, d, size)) if d < reach * size.max(run.size) => groups[i].2.push(run),
            _ if run.stamped => groups.insert(at, (run.y, run.size, vec![run])),
            _ => {}
        }
    }
    groups
        .into_iter()
        .filter_map(|(y, size, mut rs)| {
            rs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let segments = segments(&rs);
            (!segments.is_empty()).then_some(Line {
                y,
                size,
                segments,
                grid: None,
            })
        })
        .collect()
}

/// Cuts a line's runs (sorted by `x`) into segments at wide gaps and joins the runs of each.
fn segments(runs: &[Run]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut cur: Option<Segment> = None;
    let mut last_end = f64::NEG_INFINITY;
    let mut pending_space = false;
    let mut prev: Option<&Run> = None;
    for run in runs {
        let blank = run.text.chars().all(char::is_whitespace);
        if run.x - last_end > TAB_GAP * run.size {
            if let Some(seg) = cur.take() {
                out.push(seg);
            }
            pending_space = false;
            prev = None;
        }
        last_end = last_end.max(run.x_end);
        if blank {
            pending_space |= cur.is_some();
            continue;
        }
        // The same text drawn again almost in place is fake bold, not more text.
        if let Some(p) = prev {
            let shift = (p.x - run.x).abs();
            if p.text == run.text && shift < 0.1 * run.size && shift < 0.5 * (run.x_end - run.x) {
                continue;
            }
        }
        let body = run.text.trim();
        match cur.as_mut() {
            None => {
                cur = Some(Segment {
                    x0: run.x,
                    x1: run.x_end,
                    size: run.size,
                    text: collapse(body),
                    breaks: Vec::new(),
                })
            }
            Some(seg) => {
                let gap = run.x - prev.map_or(seg.x1, |p| p.x_end);
                let mut space = pending_space
                    || run.text.starts_with(char::is_whitespace)
                    || gap > SPACE_GAP * run.size.min(seg.size);
                if prev.is_some_and(|p| glued(p, &seg.text, run, body)) {
                    space = false;
                }
                if space && !seg.text.ends_with(' ') {
                    seg.text.push(' ');
                }
                if seg.text.ends_with(' ') {
                    seg.breaks.push((seg.x1, run.x, seg.text.len()));
                }
                seg.text.push_str(&collapse(body));
                seg.x0 = seg.x0.min(run.x);
                seg.x1 = seg.x1.max(run.x_end);
                seg.size = seg.size.max(run.size);
            }
        }
        pending_space = run.text.ends_with(char::is_whitespace);
        prev = Some(run);
    }
    out.extend(cur);
    out
}

/// Whether a number stamped into a blank of the page meets the `/` of the id it completes:
/// `Số:` and `/BC-SNV` are printed with room between, the signing tool draws `228` there, and
/// the id is `228/BC-SNV`.
fn glued(prev: &Run, before: &str, run: &Run, body: &str) -> bool {
    (prev.stamped
        && !run.stamped
        && before.ends_with(|c: char| c.is_ascii_digit())
        && body.starts_with('/'))
        || (run.stamped
            && !prev.stamped
            && before.ends_with('/')
            && body.starts_with(|c: char| c.is_ascii_digit()))
}

/// Runs of whitespace inside a run become one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// A two-column block: lines `start..end`, cut at the gutter between `left` and `right`.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    start: usize,
    end: usize,
    /// The gutter's left and right edges.
    gutter: (f64, f64),
}

/// Finds the two-column blocks among `lines` (top to bottom, not overlapping). A line of a
/// block that ran over the gutter with a wide space is cut there.
///
/// A block starts at a line cut into exactly two segments and grows up and down over lines
/// that leave the gutter between them empty: a line with text on both sides (within a few
/// lines' height), or a line with text on one side, at the block's usual line spacing, lined
/// up (left edge, right edge or centre) with text already on that side. It is kept when it
/// has two lines or more, its left side holds a real block of text (not list labels like `a)`
/// or `Điều 1.`), neither side is mostly figures and the sides are not themselves cut into
/// cells (a table).
fn columns(lines: &mut [Line]) -> Vec<Columns> {
    let mut found = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < lines.len() {
        match grow(lines, i, floor) {
            (Some((block, cut)), _) => {
                for (k, line) in cut {
                    lines[k] = line;
                }
                floor = block.end;
                i = block.end;
                found.push(block);
            }
            // The lines a rejected block spans are rows; no block starts inside them.
            (None, end) => i = end.max(i + 1),
        }
    }
    found
}

/// Which side of the gutter a segment is on (`true`: left).
fn left_of(seg: &Segment, gutter: (f64, f64)) -> bool {
    seg.center() < (gutter.0 + gutter.1) / 2.0
}

/// The gutter left once `line` is added, when it stays open; `None` when the line crosses it.
fn narrow(line: &Line, gutter: (f64, f64)) -> Option<(f64, f64)> {
    let (mut g0, mut g1) = gutter;
    for seg in &line.segments {
        if left_of(seg, gutter) {
            g0 = g0.max(seg.x1);
        } else {
            g1 = g1.min(seg.x0);
        }
    }
    (g1 - g0 >= 0.8 * line.size).then_some((g0, g1))
}

/// `line` with a segment that runs over the gutter cut at a wide space inside the gutter (two
/// columns whose texts came close enough to read as one segment), if it has one.
fn cut_at_gutter(line: &Line, gutter: (f64, f64)) -> Option<Line> {
    let mut out = line.clone();
    for (k, seg) in line.segments.iter().enumerate() {
        if seg.x0 >= gutter.1 || seg.x1 <= gutter.0 {
            continue;
        }
        let i = seg.breaks.iter().position(|&(a, b, _)| {
            b - a >= seg.size && a.max(gutter.0) <= b.min(gutter.1) - 0.3 * seg.size
        })?;
        let (left, right) = seg.split(i);
        out.segments.splice(k..=k, [left, right]);
        return Some(out);
    }
    None
}

/// Cuts the rows of tables drawn without borders into their cells.
///
/// Where several nearby lines are cut into segments, one of them into three or more (a
/// table), the left edges shared by two lines or more are column starts; a word of such a line that starts on a column start after
/// a space begins a new cell, even when the space is narrow (`412.508/598.120 hồ` and
/// `68,97%` in two columns).
fn cut_table_columns(lines: &mut Vec<Line>) {
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].segments.len() >= 2 && lines[i].grid.is_none())
        .collect();
    let mut zone: Vec<usize> = Vec::new();
    for (k, &i) in rows.iter().enumerate() {
        zone.push(i);
        let last = rows.get(k + 1).is_none_or(|&next| next - i > 3);
        if last {
            // Three rows or more, one of them with three cells or more: a letterhead or a
            // signature block (two columns) is no table.
            let wide = zone.iter().any(|&z| lines[z].segments.len() >= 3);
            if zone.len() >= 3 && wide {
                let (from, to) = (zone[0], zone[zone.len() - 1]);
                cut_zone(&mut lines[from..=to]);
            }
            zone.clear();
        }
    }
    // Wrapped cell lines were moved into their row.
    lines.retain(|l| !l.segments.is_empty());
}

fn cut_zone(lines: &mut [Line]) {
    const SNAP: f64 = 1.5;
    // Left edges of segments (true) and starts of words after a space (false), with the
    // line they are on.
    let mut marks: Vec<(f64, bool, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for seg in &line.segments {
            marks.push((seg.x0, true, i));
            marks.extend(seg.breaks.iter().map(|&(_, b, _)| (b, false, i)));
        }
    }
    marks.sort_by(|a, b| a.0.total_cmp(&b.0));
    // A column start is the left edge of a segment somewhere, and an edge or a word start
    // on two lines or more. Words that merely line up (the same first word in every row) are
    // never an edge, so they are no column.
    let mut starts: Vec<f64> = Vec::new();
    let mut k = 0;
    while k < marks.len() {
        let mut j = k;
        while j + 1 < marks.len() && marks[j + 1].0 - marks[k].0 <= SNAP {
            j += 1;
        }
        let group = &marks[k..=j];
        let mut seen: Vec<usize> = group.iter().map(|m| m.2).collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() >= 2 && group.iter().any(|m| m.1) {
            starts.push(marks[k].0);
        }
        k = j + 1;
    }
    if starts.is_empty() {
        return;
    }
    let on_start = |x: f64| starts.iter().any(|s| (s - x).abs() <= SNAP);
    for line in lines.iter_mut().filter(|l| l.grid.is_none()) {
        let mut out: Vec<Segment> = Vec::with_capacity(line.segments.len());
        for seg in line.segments.drain(..) {
            let mut rest = seg;
            while let Some(i) = rest.breaks.iter().position(|&(_, b, _)| on_start(b)) {
                let (left, right) = rest.split(i);
                if !left.text.is_empty() {
                    out.push(left);
                }
                rest = right;
            }
            out.push(rest);
        }
        line.segments = out;
    }
    // A line right under a row of three cells or more, with at most half its cells, each starting where a cell of
    // the row starts, is the wrapped rest of those cells (`412.508/598.120 hồ` + `sơ`).
    let mut row: Option<usize> = None;
    for i in 0..lines.len() {
        let Some(r) = row else {
            row = Some(i);
            continue;
        };
        let (above, below) = (&lines[i - 1], &lines[i]);
        let cells = lines[r].segments.len();
        let close = above.y - below.y <= 1.5 * above.size.max(below.size);
        let targets: Option<Vec<usize>> = below
            .segments
            .iter()
            .map(|seg| {
                lines[r]
                    .segments
                    .iter()
                    .position(|c| (c.x0 - seg.x0).abs() <= SNAP)
                    .filter(|_| on_start(seg.x0))
            })
            .collect();
        match targets {
            Some(t)
                if close
                    && below.grid.is_none()
                    && cells >= 3
                    && below.segments.len() * 2 <= cells =>
            {
                let moved = std::mem::take(&mut lines[i].segments);
                for (seg, k) in moved.into_iter().zip(t) {
                    join_wrapped(&mut lines[r].segments[k].text, &seg.text);
                }
            }
            _ => row = Some(i),
        }
    }
}

/// Where a segment of a block is, and whether it is figures.
#[derive(Debug, Clone, Copy)]
struct Placed {
    x0: f64,
    x1: f64,
    numeric: bool,
}

impl Placed {
    fn of(seg: &Segment) -> Placed {
        Placed {
            x0: seg.x0,
            x1: seg.x1,
            numeric: seg.numeric(),
        }
    }
}

/// Whether `seg` lines up with one of `side`'s segments.
fn aligned(seg: &Segment, side: &[Placed]) -> bool {
    let tol = 0.7 * seg.size;
    side.iter().rev().take(8).any(|s| {
        (s.x0 - seg.x0).abs() <= tol
            || (s.x1 - seg.x1).abs() <= tol
            || ((s.x0 + s.x1) / 2.0 - seg.center()).abs() <= tol
    })
}

/// A block with the lines it had to cut (their index and new form), when it is kept; and the
/// line after the lines it spans, also when it is not.
type Grown = (Option<(Columns, Vec<(usize, Line)>)>, usize);

/// The block grown from the line `seed`.
fn grow(lines: &[Line], seed: usize, floor: usize) -> Grown {
    let first = &lines[seed];
    let [a, b] = first.segments.as_slice() else {
        return (None, seed + 1);
    };
    if first.grid.is_some() {
        return (None, seed + 1);
    }
    let mut gutter = (a.x1, b.x0);
    let mut left = vec![Placed::of(a)];
    let mut right = vec![Placed::of(b)];
    let mut gaps: Vec<f64> = Vec::new();
    let mut cut: Vec<(usize, Line)> = Vec::new();
    let (mut start, mut end) = (seed, seed + 1);
    // Downwards, then upwards.
    for down in [true, false] {
        loop {
            let (next, near) = if down {
                if end >= lines.len() {
                    break;
                }
                (end, end - 1)
            } else {
                if start == 0 || start <= floor {
                    break;
                }
                (start - 1, start)
            };
            let mut line = &lines[next];
            if line.grid.is_some() {
                break;
            }
            let near = &lines[near];
            let gap = (near.y - line.y).abs();
            let mut split = None;
            let g = match narrow(line, gutter) {
                Some(g) => g,
                None => {
                    let Some(c) = cut_at_gutter(line, gutter) else {
                        break;
                    };
                    let Some(g) = narrow(&c, gutter) else { break };
                    split = Some(c);
                    g
                }
            };
            if let Some(c) = &split {
                line = c;
            }
            let (l, r): (Vec<&Segment>, Vec<&Segment>) =
                line.segments.iter().partition(|s| left_of(s, gutter));
            let size = near.size.max(line.size);
            if !l.is_empty() && !r.is_empty() {
                if gap > 6.0 * size {
                    break;
                }
            } else {
                let mut sorted = gaps.clone();
                sorted.sort_by(f64::total_cmp);
                let usual = sorted.get(sorted.len() / 2).copied().unwrap_or(1.3 * size);
                if gap > 1.6 * usual.max(size)
                    || !l.iter().all(|s| aligned(s, &left))
                    || !r.iter().all(|s| aligned(s, &right))
                {
                    break;
                }
            }
            gaps.push(gap);
            gutter = g;
            left.extend(l.iter().map(|s| Placed::of(s)));
            right.extend(r.iter().map(|s| Placed::of(s)));
            if let Some(c) = split {
                cut.push((next, c));
            }
            if down {
                end += 1;
            } else {
                start -= 1;
            }
        }
    }
    let block = Columns { start, end, gutter };
    let size = first.size;
    let widest = |side: &[Placed]| side.iter().map(|s| s.x1 - s.x0).fold(0.0, f64::max);
    let mostly_figures =
        |side: &[Placed]| side.iter().filter(|s| s.numeric).count() * 2 > side.len();
    let cells = (start..end)
        .filter(|&k| {
            let line = cut
                .iter()
                .find(|(i, _)| *i == k)
                .map_or(&lines[k], |(_, l)| l);
            let l = line.segments.iter().filter(|s| left_of(s, gutter)).count();
            l > 1 || line.segments.len() - l > 1
        })
        .count();
    let keep = end - start >= 2
        && widest(&left) >= 5.0 * size
        && widest(&right) >= 3.0 * size
        && !mostly_figures(&left)
        && !mostly_figures(&right)
        && cells * 4 <= end - start;
    (keep.then_some((block, cut)), end)
}

/// Writes lines (top to bottom) as text: segments joined by tabs, a blank line where the gap
/// above a line is clearly larger than the usual line spacing, two-column blocks read left
/// side first.
fn emit(lines: &[Line]) -> String {
    let mut lines = lines.to_vec();
    cut_table_columns(&mut lines);
    let lines = lines.as_mut_slice();
    // Typical line spacing: the median of positive downward gaps.
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let typical = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut out = String::new();
    // (baseline, ruled table, cells) of the line written last
    let mut prev: Option<(f64, Option<usize>, usize)> = None;
    let mut put = |out: &mut String, line: &Line, segs: &[&Segment]| {
        if let Some((py, grid, cells)) = prev {
            let gap = py - line.y;
            // Rows of one table stay together, ruled or not.
            let same_table =
                (grid.is_some() && grid == line.grid) || (cells >= 3 && segs.len() >= 3);
            if !same_table && typical > 0.0 && gap > typical * 1.45 && gap > line.size * 1.2 {
                out.push('\n');
            }
        }
        prev = Some((line.y, line.grid, segs.len()));
        for (k, seg) in segs.iter().enumerate() {
            if k > 0 {
                out.push('\t');
            }
            out.push_str(&seg.text);
        }
        out.push('\n');
    };
    let blocks = columns(lines);
    let lines: &[Line] = lines;
    if std::env::var_os("VANBAN_DEBUG_PDF").is_some() {
        for line in lines {
            let segs: Vec<String> = line
                .segments
                .iter()
                .map(|s| format!("[{:.1}..{:.1}] {:?}", s.x0, s.x1, s.text))
                .collect();
            eprintln!("line {:8.2} {:5.2} {}", line.y, line.size, segs.join(" | "));
        }
        eprintln!("blocks {blocks:?}");
    }
    let mut next_block = blocks.iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        if let Some(block) = next_block.next_if(|b| b.start == i) {
            for left in [true, false] {
                if !left && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                for line in &lines[block.start..block.end] {
                    let segs: Vec<&Segment> = line
                        .segments
                        .iter()
                        .filter(|s| left_of(s, block.gutter) == left)
                        .collect();
                    if !segs.is_empty() {
                        put(&mut out, line, &segs);
                    }
                }
            }
            i = block.end;
            continue;
        }
        let line = &lines[i];
        let segs: Vec<&Segment> = line.segments.iter().collect();
        put(&mut out, line, &segs);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of `text` at (`x`, `y`), 12 pt, each character 6 pt wide.
    fn run(x: f64, y: f64, text: &str) -> Run {
        Run {
            x,
            y,
            x_end: x + 6.0 * text.chars().count() as f64,
            size: 12.0,
            text: text.into(),
            dir: 0,
            stamped: false,
        }
    }

    fn layout_runs(runs: Vec<Run>) -> String {
        layout(runs, &[])
    }

    fn stamp(x: f64, y: f64, text: &str) -> Run {
        Run {
            stamped: true,
            ..run(x, y, text)
        }
    }

    #[test]
    fn runs_on_one_baseline_make_one_line_whatever_their_order() {
        let text = layout_runs(vec![
            run(200.0, 700.0, "world"),
            run(100.0, 686.0, "next"),
            run(100.0, 700.0, "Hello"),
        ]);
        assert_eq!(text, "Hello\tworld\nnext\n");
    }

    #[test]
    fn a_drawn_space_separates_words_even_when_glyphs_touch() {
        // Tight kerning: the space overlaps both neighbours.
        let text = layout_runs(vec![
            run(100.0, 700.0, "CỦA"),
            run(117.0, 700.0, " "),
            run(118.0, 700.0, "TỈNH"),
        ]);
        assert_eq!(text, "CỦA TỈNH\n");
    }

    #[test]
    fn a_stamped_number_fills_the_blank_before_the_slash() {
        // `Số:` and `/BC-UBND` printed with blanks between; the stamp draws `15` there,
        // slightly off the baseline.
        let text = layout_runs(vec![
            run(100.0, 700.0, "Số:"),
            run(118.0, 700.0, "       "),
            run(160.0, 700.0, "/BC-UBND"),
            stamp(124.0, 701.5, " 15"),
            run(300.0, 700.0, "ngày"),
            run(324.0, 700.0, "      "),
            run(360.0, 700.0, "tháng 10 năm 2025"),
            stamp(335.0, 699.0, "07"),
        ]);
        assert_eq!(text, "Số: 15/BC-UBND\tngày 07 tháng 10 năm 2025\n");
    }

    #[test]
    fn a_number_printed_by_the_page_keeps_its_space() {
        let text = layout_runs(vec![
            run(100.0, 700.0, "Số: 15"),
            run(150.0, 700.0, "/BC-UBND"),
        ]);
        assert_eq!(text, "Số: 15 /BC-UBND\n");
    }

    /// A letterhead: issuer, number and subject on the left, motto and date on the right.
    fn letterhead() -> Vec<Run> {
        vec![
            run(80.0, 780.0, "ỦY BAN NHÂN DÂN"),
            run(300.0, 780.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            run(98.0, 766.0, "XÃ MỸ HÒA"),
            run(330.0, 766.0, "Độc lập - Tự do - Hạnh phúc"),
            run(86.0, 748.0, "Số: 27/KH-UBND"),
            run(320.0, 748.0, "Mỹ Hòa, ngày 22 tháng 01 năm 2024"),
            run(70.0, 731.0, "V/v chuyển đổi số năm"),
            run(104.0, 717.0, "2024"),
            run(
                60.0,
                680.0,
                "Kính gửi: các cơ quan, đơn vị trên địa bàn xã Mỹ Hòa ở đây.",
            ),
        ]
    }

    #[test]
    fn a_letterhead_reads_left_block_then_right_block() {
        let text = layout_runs(letterhead());
        assert_eq!(
            text,
            "ỦY BAN NHÂN DÂN\nXÃ MỸ HÒA\nSố: 27/KH-UBND\nV/v chuyển đổi số năm\n2024\n\n\
             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
             Mỹ Hòa, ngày 22 tháng 01 năm 2024\n\n\
             Kính gửi: các cơ quan, đơn vị trên địa bàn xã Mỹ Hòa ở đây.\n"
        );
    }

    #[test]
    fn a_letterhead_line_whose_columns_come_close_is_cut_at_the_gutter() {
        // The first line's two texts are only two font sizes apart, with drawn spaces
        // between; the lines below show where the gutter is.
        let text = layout_runs(vec![
            run(80.0, 780.0, "UBND TỈNH AN GIANG"),
            run(188.0, 780.0, " "),
            run(212.0, 780.0, " CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            run(100.0, 766.0, "SỞ NỘI VỤ"),
            run(250.0, 766.0, "Độc lập - Tự do - Hạnh phúc"),
            run(96.0, 745.0, "Số: 15/BC-SNV"),
            run(240.0, 745.0, "An Giang, ngày 07 tháng 10 năm 2025"),
        ]);
        assert_eq!(
            text,
            "UBND TỈNH AN GIANG\nSỞ NỘI VỤ\nSố: 15/BC-SNV\n\n\
             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
             An Giang, ngày 07 tháng 10 năm 2025\n"
        );
    }

    #[test]
    fn recipients_under_a_letterhead_are_not_part_of_it() {
        let mut runs = letterhead();
        runs.pop();
        runs.extend([
            run(210.0, 685.0, "Kính gửi:"),
            run(275.0, 670.0, "- Ủy ban nhân dân huyện;"),
            run(275.0, 655.0, "- Sở Thông tin và Truyền thông."),
        ]);
        let text = layout_runs(runs);
        assert!(
            text.ends_with("năm 2024\n\nKính gửi:\n- Ủy ban nhân dân huyện;\n- Sở Thông tin và Truyền thông.\n"),
            "{text}"
        );
    }

    #[test]
    fn a_signature_block_reads_recipients_then_signer() {
        let text = layout_runs(vec![
            run(60.0, 300.0, "Nơi nhận:"),
            run(340.0, 300.0, "KT. CHỦ TỊCH"),
            run(60.0, 288.0, "- UBND huyện;"),
            run(336.0, 286.0, "PHÓ CHỦ TỊCH"),
            run(60.0, 276.0, "- Các ngành liên quan;"),
            run(60.0, 264.0, "- Lưu: VT."),
            run(334.0, 240.0, "Nguyễn Văn An"),
        ]);
        assert_eq!(
            text,
            "Nơi nhận:\n- UBND huyện;\n- Các ngành liên quan;\n- Lưu: VT.\n\n\
             KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n"
        );
    }

    #[test]
    fn a_table_of_figures_stays_in_rows() {
        let text = layout_runs(vec![
            run(60.0, 500.0, "Hồ sơ trực tuyến toàn trình"),
            run(400.0, 500.0, "1.250"),
            run(60.0, 486.0, "Văn bản điện tử có ký số"),
            run(400.0, 486.0, "3.400"),
            run(60.0, 472.0, "Tổ công nghệ số cộng đồng"),
            run(400.0, 472.0, "96"),
        ]);
        assert_eq!(
            text,
            "Hồ sơ trực tuyến toàn trình\t1.250\nVăn bản điện tử có ký số\t3.400\n\
             Tổ công nghệ số cộng đồng\t96\n"
        );
    }

    #[test]
    fn hanging_list_labels_stay_on_their_lines() {
        let text = layout_runs(vec![
            run(60.0, 500.0, "Điều 1."),
            run(
                140.0,
                500.0,
                "Ban hành kèm theo Quyết định này Quy chế làm việc",
            ),
            run(140.0, 486.0, "của Ban Chỉ đạo chuyển đổi số xã."),
            run(60.0, 472.0, "Điều 2."),
            run(140.0, 472.0, "Quyết định có hiệu lực kể từ ngày ký."),
        ]);
        assert_eq!(
            text,
            "Điều 1.\tBan hành kèm theo Quyết định này Quy chế làm việc\n\
             của Ban Chỉ đạo chuyển đổi số xã.\nĐiều 2.\tQuyết định có hiệu lực kể từ ngày ký.\n"
        );
    }

    #[test]
    fn a_ruled_table_reads_row_by_row_with_each_cell_whole() {
        let h = |y: f64| Rule {
            x0: 50.0,
            y0: y,
            x1: 500.0,
            y1: y,
        };
        let v = |x: f64| Rule {
            x0: x,
            y0: 400.0,
            x1: x,
            y1: 520.0,
        };
        let rules = [
            h(520.0),
            h(500.0),
            h(400.0),
            v(50.0),
            v(90.0),
            v(250.0),
            v(500.0),
        ];
        let runs = vec![
            run(200.0, 560.0, "Danh mục thủ tục hành chính"),
            run(55.0, 506.0, "TT"),
            run(95.0, 506.0, "Tên thủ tục"),
            run(255.0, 506.0, "Căn cứ pháp lý"),
            run(55.0, 486.0, "01"),
            run(95.0, 486.0, "Cấp giấy chứng nhận"),
            run(95.0, 472.0, "doanh nghiệp công nghệ"),
            run(95.0, 458.0, "cao"),
            // The next cell's lines sit at other heights.
            run(255.0, 489.0, "- Thông tư số 33/2011/TT-"),
            run(255.0, 477.0, "BKHCN ngày 09/12/2011."),
            run(200.0, 380.0, "Ghi chú dưới bảng."),
        ];
        let text = layout(runs, &rules);
        assert_eq!(
            text,
            "Danh mục thủ tục hành chính\nTT\tTên thủ tục\tCăn cứ pháp lý\n\
             01\tCấp giấy chứng nhận doanh nghiệp công nghệ cao\t\
             - Thông tư số 33/2011/TT-BKHCN ngày 09/12/2011.\n\nGhi chú dưới bảng.\n"
        );
    }

    #[test]
    fn a_table_without_borders_is_cut_at_its_column_starts() {
        // The last two columns are one narrow space apart in the first row.
        let text = layout_runs(vec![
            run(60.0, 500.0, "1"),
            run(80.0, 500.0, "Hồ sơ trực tuyến"),
            run(250.0, 500.0, "412.508/598.120 hồ"),
            run(362.0, 500.0, "68,97%"),
            run(250.0, 486.0, "sơ"),
            run(60.0, 472.0, "2"),
            run(80.0, 472.0, "Văn bản ký số"),
            run(250.0, 472.0, "152.330/160.004"),
            run(362.0, 472.0, "95,2%"),
            run(60.0, 458.0, "3"),
            run(80.0, 458.0, "Tổ công nghệ"),
            run(250.0, 458.0, "1.487 tổ"),
            run(362.0, 458.0, "99,13%"),
        ]);
        assert_eq!(
            text,
            "1 Hồ sơ trực tuyến\t412.508/598.120 hồ sơ\t68,97%\n\
             2 Văn bản ký số\t152.330/160.004\t95,2%\n3 Tổ công nghệ\t1.487 tổ\t99,13%\n"
        );
    }

    #[test]
    fn words_that_merely_line_up_in_a_table_are_no_column() {
        // Every word its own run, as many producers write them.
        let words = |x: f64, y: f64, phrase: &str| {
            let mut at = x;
            phrase
                .split(' ')
                .map(|w| {
                    let r = run(at, y, w);
                    at = r.x_end + 6.0;
                    r
                })
                .collect::<Vec<_>>()
        };
        let mut runs = Vec::new();
        for (y, name, value) in [
            (500.0, "Tỷ lệ hồ sơ trực tuyến", "83%"),
            (486.0, "Tỷ lệ văn bản ký số", "96%"),
            (472.0, "Tỷ lệ hộ có internet", "71%"),
        ] {
            runs.extend(words(60.0, y, name));
            runs.push(run(300.0, y, value));
        }
        let text = layout_runs(runs);
        assert_eq!(
            text,
            "Tỷ lệ hồ sơ trực tuyến\t83%\nTỷ lệ văn bản ký số\t96%\nTỷ lệ hộ có internet\t71%\n"
        );
    }

    #[test]
    fn a_repeated_letter_is_not_fake_bold() {
        let text = layout_runs(vec![
            run(60.0, 700.0, "firewa"),
            run(96.0, 700.0, "l"),
            run(99.0, 700.0, "l"),
            run(120.0, 700.0, "III"),
            run(150.0, 700.0, "I"),
        ]);
        assert_eq!(text, "firewall III I\n");
    }

    #[test]
    fn footnote_marks_join_their_line_and_blank_runs_chain_nothing() {
        let mut mark = run(96.0, 704.0, "1");
        mark.size = 7.0;
        // A 12 pt blank paragraph of the next column sits between two 8 pt lines.
        let small = |x: f64, y: f64, t: &str| Run {
            size: 8.0,
            x_end: x + 4.0 * t.chars().count() as f64,
            ..run(x, y, t)
        };
        let mut blank = run(400.0, 696.0, " ");
        blank.size = 12.0;
        let text = layout_runs(vec![
            run(60.0, 700.0, "thị xã"),
            mark,
            small(60.0, 690.0, "- Các bộ, cơ quan ngang bộ;"),
            blank,
            small(60.0, 681.0, "- HĐND, UBND các tỉnh;"),
        ]);
        assert_eq!(
            text,
            "thị xã1\n- Các bộ, cơ quan ngang bộ;\n- HĐND, UBND các tỉnh;\n"
        );
    }

    #[test]
    fn text_along_the_margin_follows_the_page() {
        let mut margin = run(20.0, 100.0, "Ký bởi: Văn phòng");
        margin.dir = 1;
        let body = "Nội dung chính của trang văn bản";
        let text = layout_runs(vec![run(60.0, 700.0, body), margin]);
        assert_eq!(text, format!("{body}\n\nKý bởi: Văn phòng\n"));
    }

    #[test]
    fn fake_bold_is_read_once_and_tone_marks_stay_on_their_letter() {
        let mut mark = run(99.0, 700.0, "\u{301}");
        mark.x_end = 99.0;
        let text = layout_runs(vec![
            run(60.0, 700.0, "BÁO CÁO"),
            run(60.3, 700.0, "BÁO CÁO"),
            run(93.0, 650.0, "Ca"),
            mark,
        ]);
        assert_eq!(text, "BÁO CÁO\nCa\u{301}\n");
    }
}
