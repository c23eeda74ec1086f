//! Pictures drawn on the server as inline SVG (no script): the relationship diagram of a
//! document and the chart of an indicator. Every label is escaped by maud; nodes are links.

use maud::{html, Markup};

use super::labels::num;

/// One related document in the diagram.
#[derive(Debug, Clone)]
pub struct Node {
    /// The group it is drawn in (`Căn cứ`, `Thực hiện`, …).
    pub group: String,
    /// Its label (number or key).
    pub label: String,
    /// Where clicking it leads.
    pub href: String,
    /// Whether the index holds it (drawn solid) or only its id is known (dashed).
    pub indexed: bool,
    /// Tooltip.
    pub title: String,
}

const NODE_W: i32 = 250;
const NODE_H: i32 = 30;
const GAP: i32 = 8;
const GROUP_GAP: i32 = 26;
const MAX_PER_GROUP: usize = 8;

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// Lays out groups of nodes in a column from `top`; gives each node's box top and the
/// column's height. Groups keep the order of first appearance; a group over
/// [`MAX_PER_GROUP`] ends with a "+N" node.
fn column(nodes: &[Node]) -> (Vec<(String, Vec<Node>, usize)>, i32) {
    let mut groups: Vec<(String, Vec<Node>, usize)> = Vec::new();
    for n in nodes {
        match groups.iter_mut().find(|g| g.0 == n.group) {
            Some(g) => {
                if g.1.len() < MAX_PER_GROUP {
                    g.1.push(n.clone());
                } else {
                    g.2 += 1;
                }
            }
            None => groups.push((n.group.clone(), vec![n.clone()], 0)),
        }
    }
    let mut h = 0;
    for (_, list, more) in &groups {
        let rows = list.len() as i32 + i32::from(*more > 0);
        h += 20 + rows * (NODE_H + GAP) + GROUP_GAP;
    }
    (groups, h)
}

/// The diagram: what the document rests on and follows (left), the document (middle), what
/// rests on it (right).
pub fn relations(center: &str, outgoing: &[Node], incoming: &[Node]) -> Markup {
    let (left, lh) = column(outgoing);
    let (right, rh) = column(incoming);
    let height = lh.max(rh).max(NODE_H * 3) + 20;
    let width = 2 * NODE_W + 260 + 40;
    let cx = NODE_W + 20 + 130;
    let cy = height / 2;
    let center_box = (cx - 110, cy - 24, 220, 48);
    let mut parts = Vec::new();
    for (side, groups) in [(0, &left), (1, &right)] {
        let x = if side == 0 { 10 } else { width - NODE_W - 10 };
        let mut y = 10;
        for (title, list, more) in groups.iter() {
            parts.push(html! {
                text.group x=(x) y=(y + 14) { (title) }
            });
            y += 20;
            for n in list {
                let (ex, ey) = if side == 0 {
                    (x + NODE_W, y + NODE_H / 2)
                } else {
                    (x, y + NODE_H / 2)
                };
                let (x1, y1, x2, y2) = if side == 0 {
                    (center_box.0, cy, ex, ey)
                } else {
                    (ex, ey, center_box.0 + center_box.2, cy)
                };
                parts.push(html! {
                    line.edge x1=(x1) y1=(y1) x2=(x2) y2=(y2) marker-end="url(#arrow)" {}
                    a href=(n.href) {
                        title { (n.title) }
                        rect.node.outside[!n.indexed] x=(x) y=(y) width=(NODE_W) height=(NODE_H) rx="4" {}
                        text x=(x + 8) y=(y + 20) { (short(&n.label, 34)) }
                    }
                });
                y += NODE_H + GAP;
            }
            if *more > 0 {
                parts.push(html! {
                    a href="#lien-quan" {
                        text.more x=(x + 8) y=(y + 20) { "+ " (more) " văn bản nữa (xem danh sách)" }
                    }
                });
                y += NODE_H + GAP;
            }
            y += GROUP_GAP;
        }
    }
    html! {
        svg.relations xmlns="http://www.w3.org/2000/svg" role="img"
            viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height)
            aria-label={ "Sơ đồ quan hệ của " (center) } {
            defs {
                marker #arrow viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" {}
                }
            }
            @if outgoing.is_empty() && incoming.is_empty() {
                text.muted x=(cx - 100) y=(cy + 50) { "Chưa thấy văn bản liên quan trong kho." }
            }
            @for p in parts { (p) }
            rect.center x=(center_box.0) y=(center_box.1) width=(center_box.2) height=(center_box.3) rx="6" {}
            text.center-label x=(cx) y=(cy + 5) text-anchor="middle" { (short(center, 28)) }
        }
    }
}

/// One point of an indicator chart.
#[derive(Debug, Clone)]
pub struct Point {
    /// The year on the horizontal axis.
    pub year: i32,
    /// The value in percent.
    pub value: f64,
    /// Upper bound (targets given as a range).
    pub value_max: Option<f64>,
    /// `target`, `met`, `missed` or `plain`.
    pub class: &'static str,
    /// Tooltip.
    pub title: String,
}

/// The chart of an indicator: targets as diamonds, reported values as dots (green met, red
/// missed, grey without a target due), by year.
pub fn chart(points: &[Point]) -> Markup {
    if points.is_empty() {
        return html! {};
    }
    let (w, h, left, bottom, top, right) = (520, 220, 46, 30, 14, 16);
    let y0 = points.iter().map(|p| p.year).min().unwrap_or(2020);
    let y1 = points.iter().map(|p| p.year).max().unwrap_or(y0);
    let vmax = points
        .iter()
        .map(|p| p.value_max.unwrap_or(p.value))
        .filter(|v| v.is_finite())
        .fold(100.0f64, f64::max)
        .min(1000.0);
    // Half a year of room on each side; targets a little left of their year, values a
    // little right, so a target and a value of the same year do not hide each other.
    let span = (f64::from(y1) - f64::from(y0)) + 1.0;
    let px = |year: i32| {
        let at = (f64::from(year) - f64::from(y0) + 0.5) / span;
        left + (at * f64::from(w - left - right)).round() as i32
    };
    let py = |v: f64| {
        let v = if v.is_finite() {
            v.clamp(0.0, vmax)
        } else {
            0.0
        };
        top + ((h - top - bottom) as f64 * (1.0 - v / vmax)).round() as i32
    };
    let ticks: Vec<f64> = (0..=4).map(|i| vmax * i as f64 / 4.0).collect();
    let step = ((i64::from(y1) - i64::from(y0)) / 8).max(1) as usize;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" viewBox={ "0 0 " (w) " " (h) }
            width=(w) height=(h) aria-label="Biểu đồ chỉ tiêu và kết quả theo năm" {
            @for t in &ticks {
                line.grid x1=(left) x2=(w - right) y1=(py(*t)) y2=(py(*t)) {}
                text.axis x=(left - 6) y=(py(*t) + 4) text-anchor="end" { (num(t.round())) "%" }
            }
            @for year in (y0..=y1).step_by(step) {
                text.axis x=(px(year)) y=(h - 10) text-anchor="middle" { (year) }
            }
            @for p in points {
                @let shift = if p.class == "target" { -8 } else { 8 };
                @let (x, y) = (px(p.year) + shift, py(p.value));
                @if p.class == "target" {
                    g.target {
                        title { (p.title) }
                        @if let Some(m) = p.value_max {
                            line.range x1=(x) x2=(x) y1=(y) y2=(py(m)) {}
                        }
                        path d={ "M " (x) " " (y - 7) " L " (x + 7) " " (y) " L " (x) " " (y + 7) " L " (x - 7) " " (y) " z" } {}
                    }
                } @else {
                    circle class=(p.class) cx=(x) cy=(y) r="6" { title { (p.title) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(group: &str, label: &str) -> Node {
        Node {
            group: group.into(),
            label: label.into(),
            href: "/id/1/QĐ-UBND".into(),
            indexed: false,
            title: label.into(),
        }
    }

    #[test]
    fn labels_are_escaped_and_big_groups_folded() {
        let out: Vec<Node> = (0..12)
            .map(|i| node("Căn cứ", &format!("{i}/QĐ-UBND")))
            .collect();
        let inc = vec![node("Được dùng làm căn cứ", "<script>alert(1)</script>")];
        let svg = relations("2198/KH-UBND", &out, &inc).into_string();
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("+ 4 văn bản nữa"));
        assert_eq!(svg.matches("<rect class=\"node outside\"").count(), 9);
    }

    #[test]
    fn chart_places_points_by_year_and_value() {
        let pts = vec![
            Point {
                year: 2022,
                value: 50.0,
                value_max: None,
                class: "missed",
                title: "50%".into(),
            },
            Point {
                year: 2025,
                value: 80.0,
                value_max: None,
                class: "target",
                title: "≥ 80%".into(),
            },
        ];
        let svg = chart(&pts).into_string();
        assert!(svg.contains("class=\"missed\""));
        assert!(svg.contains("2025"));
        assert!(chart(&[]).into_string().is_empty());
    }
}
