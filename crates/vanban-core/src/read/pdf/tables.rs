//! Ruled tables: finds the grid of cells that a table's drawn borders make, so the layout can
//! read a table row by row with each cell's text whole, instead of interleaving the lines of
//! cells that wrap at different heights.
//!
//! Horizontal and vertical [`Rule`]s (straight edges of painted paths: stroked lines, thin
//! filled bars, rectangle sides) are merged where they continue each other, grouped into
//! connected groups, and each group with at least two cells becomes a [`Grid`]: its distinct
//! rule positions cut it into slots, and neighbouring slots with no rule between them are one
//! cell (merged cells). It does not find tables drawn without borders (those are left to the
//! column logic of the layout) and does not read text.

use super::content::Rule;

/// Rules shorter than this (in points) are not borders.
const MIN_RULE: f64 = 2.0;
/// Two positions closer than this are the same border line (double lines, hairline bars).
const SNAP: f64 = 2.0;
/// How far a rule may stop short of another and still meet it.
const REACH: f64 = 2.0;
/// Most rules of either direction considered on one page.
const MAX_RULES: usize = 4000;
/// Most slots of one grid.
const MAX_SLOTS: usize = 200_000;

/// A horizontal or vertical border: `at` is its y (horizontal) or x (vertical), `from..to`
/// its extent along the other axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Border {
    at: f64,
    from: f64,
    to: f64,
}

/// A table's grid of cells.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// Column boundaries, left to right.
    xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    ys: Vec<f64>,
    /// The cell of each slot, row-major.
    slot_cell: Vec<usize>,
    /// Every cell.
    pub(super) cells: Vec<Cell>,
}

/// One cell: where it is and the first row band it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cell {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) top: f64,
    /// Index of its first row band (rows are read in this order).
    pub(super) row: usize,
}

impl Grid {
    /// The cell holding the point `(x, y)`, if it is inside the grid.
    pub(super) fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.partition_point(|&b| b <= x);
        let r = self.ys.partition_point(|&b| b >= y);
        if c == 0 || c >= self.xs.len() || r == 0 || r >= self.ys.len() {
            return None;
        }
        let cols = self.xs.len() - 1;
        self.slot_cell.get((r - 1) * cols + (c - 1)).copied()
    }
}

/// The ruled tables among `rules` (in the reading frame: y grows upwards).
pub(super) fn grids(rules: &[Rule]) -> Vec<Grid> {
    let mut horizontal = Vec::new();
    let mut vertical = Vec::new();
    for r in rules {
        let (dx, dy) = ((r.x1 - r.x0).abs(), (r.y1 - r.y0).abs());
        if dy < 0.5 && dx >= MIN_RULE {
            horizontal.push(Border {
                at: (r.y0 + r.y1) / 2.0,
                from: r.x0.min(r.x1),
                to: r.x0.max(r.x1),
            });
        } else if dx < 0.5 && dy >= MIN_RULE {
            vertical.push(Border {
                at: (r.x0 + r.x1) / 2.0,
                from: r.y0.min(r.y1),
                to: r.y0.max(r.y1),
            });
        }
    }
    let horizontal = merge(horizontal);
    let vertical = merge(vertical);
    if horizontal.len() < 2
        || vertical.len() < 2
        || horizontal.len() > MAX_RULES
        || vertical.len() > MAX_RULES
    {
        return Vec::new();
    }
    // Connected groups: a horizontal and a vertical rule that cross or touch are one table.
    let n = horizontal.len();
    let mut parent: Vec<usize> = (0..n + vertical.len()).collect();
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if v.at >= h.from - REACH
                && v.at <= h.to + REACH
                && h.at >= v.from - REACH
                && h.at <= v.to + REACH
            {
                union(&mut parent, i, n + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Border>, Vec<Border>)> =
        Default::default();
    for (i, h) in horizontal.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*h);
    }
    for (j, v) in vertical.iter().enumerate() {
        groups
            .entry(find(&mut parent, n + j))
            .or_default()
            .1
            .push(*v);
    }
    groups
        .into_values()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Joins borders on the same line that overlap or continue each other.
fn merge(mut borders: Vec<Border>) -> Vec<Border> {
    borders.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Border> = Vec::new();
    // Borders within SNAP of each other count as one line; within it, join along.
    let mut line: Vec<Border> = Vec::new();
    let flush = |line: &mut Vec<Border>, out: &mut Vec<Border>| {
        line.sort_by(|a, b| a.from.total_cmp(&b.from));
        let at = line.iter().map(|b| b.at).sum::<f64>() / line.len().max(1) as f64;
        let mut cur: Option<Border> = None;
        for b in line.drain(..) {
            match cur.as_mut() {
                Some(c) if b.from <= c.to + REACH => c.to = c.to.max(b.to),
                _ => {
                    out.extend(cur.take());
                    cur = Some(Border { at, ..b });
                }
            }
        }
        out.extend(cur);
    };
    for b in borders {
        if line.first().is_some_and(|f| b.at - f.at > SNAP) {
            flush(&mut line, &mut out);
        }
        line.push(b);
    }
    flush(&mut line, &mut out);
    out
}

/// Positions within SNAP of each other made one, ascending.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// Whether some border of `borders` at `at` covers the point `along`.
fn ruled(borders: &[Border], at: f64, along: f64) -> bool {
    borders
        .iter()
        .any(|b| (b.at - at).abs() <= SNAP && b.from - REACH <= along && along <= b.to + REACH)
}

/// The grid of one connected group of borders, when it has two cells or more.
fn grid(horizontal: &[Border], vertical: &[Border]) -> Option<Grid> {
    let xs = distinct(vertical.iter().map(|v| v.at).collect());
    let mut ys = distinct(horizontal.iter().map(|h| h.at).collect());
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (cols, rows) = (xs.len() - 1, ys.len() - 1);
    if cols * rows > MAX_SLOTS {
        return None;
    }
    let mut parent: Vec<usize> = (0..cols * rows).collect();
    for r in 0..rows {
        let mid_y = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..cols {
            let mid_x = (xs[c] + xs[c + 1]) / 2.0;
            // No border on the left: one cell with its left neighbour.
            if c > 0 && !ruled(vertical, xs[c], mid_y) {
                union(&mut parent, r * cols + c, r * cols + c - 1);
            }
            // No border on top: one cell with the slot above.
            if r > 0 && !ruled(horizontal, ys[r], mid_x) {
                union(&mut parent, r * cols + c, (r - 1) * cols + c);
            }
        }
    }
    let mut index = std::collections::HashMap::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut slot_cell = vec![0; cols * rows];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let k = *index.entry(root).or_insert_with(|| {
                cells.push(Cell {
                    x0: xs[c],
                    x1: xs[c + 1],
                    top: ys[r],
                    row: r,
                });
                cells.len() - 1
            });
            let cell = &mut cells[k];
            cell.x0 = cell.x0.min(xs[c]);
            cell.x1 = cell.x1.max(xs[c + 1]);
            slot_cell[r * cols + c] = k;
        }
    }
    (cells.len() >= 2).then_some(Grid {
        xs,
        ys,
        slot_cell,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn a_two_by_two_table_has_four_cells() {
        let rules = [
            h(500.0, 50.0, 250.0),
            h(480.0, 50.0, 250.0),
            h(440.0, 50.0, 250.0),
            v(50.0, 440.0, 500.0),
            v(100.0, 440.0, 500.0),
            v(250.0, 440.0, 500.0),
        ];
        let grids = grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.cells.len(), 4);
        let a = g.cell_at(60.0, 490.0).unwrap();
        let b = g.cell_at(150.0, 450.0).unwrap();
        assert_ne!(a, b);
        assert_eq!(g.cells[b].row, 1);
        assert_eq!(g.cell_at(300.0, 450.0), None);
        assert_eq!(g.cell_at(60.0, 520.0), None);
    }

    #[test]
    fn borders_drawn_per_cell_join_and_a_missing_border_merges_cells() {
        // The top border is drawn in two pieces; the second row has no border between its
        // columns (one merged cell).
        let rules = [
            h(500.0, 50.0, 100.0),
            h(500.0, 100.0, 250.0),
            h(480.3, 50.0, 250.0),
            h(480.0, 50.0, 250.0),
            h(440.0, 50.0, 250.0),
            v(50.0, 440.0, 500.0),
            v(100.0, 480.0, 500.0),
            v(250.0, 440.0, 500.0),
        ];
        let g = &grids(&rules)[0];
        assert_eq!(g.cells.len(), 3);
        assert_eq!(g.cell_at(60.0, 450.0), g.cell_at(200.0, 450.0));
    }

    #[test]
    fn a_lone_box_or_underline_is_no_table() {
        let boxed = [
            h(500.0, 50.0, 250.0),
            h(440.0, 50.0, 250.0),
            v(50.0, 440.0, 500.0),
            v(250.0, 440.0, 500.0),
        ];
        assert!(grids(&boxed).is_empty());
        assert!(grids(&[h(700.0, 300.0, 400.0)]).is_empty());
    }
}
