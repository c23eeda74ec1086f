//! A document's text with line numbers, each reference a link, each figure marked with its
//! arithmetic (shown on hover and on keyboard focus), each finding flagged on its line.
//!
//! The text is untrusted: every piece of it goes through maud's escaping, including the
//! `title` and `data-` attributes the marks carry.

use std::collections::BTreeMap;

use maud::{html, Markup};

use super::labels::{self, num};
use super::layout::{doc_url, id_url};
use vanban_core::model::{Extract, Finding, StatedResult};
use vanban_index::query::ResolvedRef;

/// What a marked span of a line is.
#[derive(Debug, Clone)]
enum MarkKind {
    /// A reference: where it leads and a tooltip.
    Link { href: String, title: String },
    /// A figure of a stated result, with its arithmetic; `flagged` when a finding sits on it.
    Figure { calc: String, flagged: bool },
}

#[derive(Debug, Clone)]
struct Mark {
    start: usize,
    end: usize,
    kind: MarkKind,
}

/// Where a reference leads: the cited document when exactly one indexed document has its
/// number, else the page of the id (which lists every document citing it).
pub fn ref_href(r: &ResolvedRef) -> String {
    match r.resolved.as_slice() {
        [one] => doc_url(one),
        _ => id_url(&r.reference.id),
    }
}

/// The arithmetic behind a stated result, in words.
pub fn arithmetic(r: &StatedResult) -> String {
    let mut parts = Vec::new();
    if let (Some(a), Some(b)) = (r.numerator, r.denominator) {
        match r.computed_percent {
            Some(c) => parts.push(format!("{} / {} × 100 = {}%", num(a), num(b), num(c))),
            None => parts.push(format!("{} / {}", num(a), num(b))),
        }
    }
    if let Some(s) = r.stated_percent {
        parts.push(format!("văn bản ghi {}%", num(s)));
    }
    if let Some(f) = &r.footnote {
        parts.push(format!(
            "chú thích {}: {} / {} × 100 = {}%",
            f.mark,
            num(f.numerator),
            num(f.denominator),
            num(f.computed_percent)
        ));
    }
    if let Some(l) = r.target_line {
        parts.push(format!("yêu cầu ở dòng {l}"));
    }
    if let Some(e) = &r.evaluation {
        parts.push(format!("đánh giá: {}", labels::evaluation(*e)));
    }
    let mut out = format!("Chỉ số: {}", r.indicator);
    if !parts.is_empty() {
        out.push_str(" — ");
        out.push_str(&parts.join("; "));
    }
    out
}

/// Places `needle` in `line` where it overlaps no mark yet; returns its byte range.
fn place(line: &str, needle: &str, marks: &[Mark]) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = line.get(from..)?.find(needle) {
        let (s, e) = (from + i, from + i + needle.len());
        if !marks.iter().any(|m| m.start < e && s < m.end) {
            return Some((s, e));
        }
        from = e;
    }
    None
}

/// The first line of a mention (mentions spanning lines are joined by one space).
fn on_line<'a>(line: &str, mention: &'a str) -> Option<&'a str> {
    if line.contains(mention) {
        return Some(mention);
    }
    // A mention that runs onto the next line: its longest head that ends this line.
    let words: Vec<&str> = mention.split(' ').collect();
    (1..words.len()).rev().find_map(|n| {
        let head_len = words[..n].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
        let head = &mention[..head_len];
        line.trim_end().ends_with(head).then_some(head)
    })
}

/// Per line (1-based): the marks to draw.
fn marks(lines: &[&str], ex: &Extract, refs: &[ResolvedRef]) -> BTreeMap<usize, Vec<Mark>> {
    let mut out: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
    let flagged: std::collections::HashSet<usize> = ex
        .findings
        .iter()
        .filter(|f| f.severity != vanban_core::model::Severity::Info)
        .map(|f| f.line)
        .collect();
    for r in refs {
        let n = r.reference.line;
        let Some(line) = lines.get(n.wrapping_sub(1)) else {
            continue;
        };
        let list = out.entry(n).or_default();
        let found = on_line(line, &r.reference.text)
            .and_then(|m| place(line, m, list))
            .or_else(|| place(line, &r.reference.id, list));
        if let Some((start, end)) = found {
            let status = match r.resolved.len() {
                0 => "chưa có trong kho".to_string(),
                1 => "mở văn bản trong kho".to_string(),
                k => format!("{k} văn bản trong kho mang số này"),
            };
            let title = format!(
                "{} {} — {} — {}",
                r.reference.doc_type.as_deref().unwrap_or("Văn bản"),
                r.reference.id,
                labels::role(r.reference.role),
                status
            );
            list.push(Mark {
                start,
                end,
                kind: MarkKind::Link {
                    href: ref_href(r),
                    title,
                },
            });
        }
    }
    for r in &ex.results {
        let n = r.line;
        let Some(line) = lines.get(n.wrapping_sub(1)) else {
            continue;
        };
        let calc = arithmetic(r);
        let figures = ex
            .fractions
            .iter()
            .filter(|f| f.line == n)
            .map(|f| f.text.as_str())
            .chain(
                ex.percentages
                    .iter()
                    .filter(|p| p.line == n)
                    .map(|p| p.text.as_str()),
            )
            .filter(|t| r.text.contains(*t));
        let list = out.entry(n).or_default();
        for fig in figures.collect::<Vec<_>>() {
            if let Some((start, end)) = place(line, fig, list) {
                list.push(Mark {
                    start,
                    end,
                    kind: MarkKind::Figure {
                        calc: calc.clone(),
                        flagged: flagged.contains(&n),
                    },
                });
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|m| m.start);
    }
    out
}

fn line_markup(line: &str, marks: &[Mark]) -> Markup {
    // Plain text between marks, and each mark with its text; marks that overlap an earlier
    // one or do not fall on character boundaries are left out.
    let mut pieces: Vec<(&str, Option<&MarkKind>)> = Vec::new();
    let mut at = 0;
    for m in marks {
        let (Some(before), Some(inside)) = (line.get(at..m.start), line.get(m.start..m.end)) else {
            continue;
        };
        if m.start < at {
            continue;
        }
        pieces.push((before, None));
        pieces.push((inside, Some(&m.kind)));
        at = m.end;
    }
    pieces.push((line.get(at..).unwrap_or(""), None));
    html! {
        @for (text, kind) in pieces {
            @match kind {
                None => (text),
                Some(MarkKind::Link { href, title }) => {
                    a.ref href=(href) title=(title) { (text) }
                }
                Some(MarkKind::Figure { calc, flagged }) => {
                    mark.fig.flagged[*flagged] tabindex="0" title=(calc) data-calc=(calc) { (text) }
                }
            }
        }
    }
}

fn finding_markup(f: &Finding) -> Markup {
    html! {
        details.finding class={ "sev-" (f.severity) } {
            summary title=(f.message) {
                "⚠ " (labels::severity(f.severity)) ": " (labels::finding(f.kind))
            }
            p.calc { (f.message) }
        }
    }
}

/// The whole text, one numbered, linkable line (`#L12`) after another.
pub fn render(text: &str, ex: &Extract, refs: &[ResolvedRef]) -> Markup {
    let lines: Vec<&str> = text.lines().collect();
    let marks = marks(&lines, ex, refs);
    let mut findings: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for f in &ex.findings {
        findings.entry(f.line).or_default().push(f);
    }
    let none: Vec<Mark> = Vec::new();
    html! {
        div.text role="document" {
            @for (i, line) in lines.iter().enumerate() {
                @let n = i + 1;
                @let here = findings.get(&n);
                div.line.has-finding[here.is_some()] id={ "L" (n) } {
                    a.ln href={ "#L" (n) } aria-label={ "Dòng " (n) } { (n) }
                    span.lt {
                        (line_markup(line, marks.get(&n).unwrap_or(&none)))
                        @if let Some(fs) = here {
                            @for f in fs { (finding_markup(f)) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vanban_core::extract::Extractor;

    #[test]
    fn figures_carry_their_arithmetic_and_text_stays_escaped() {
        let text =
            "Kết quả: đã giải quyết 2.400/4.611 hồ sơ (52,04%) đúng hạn <script>x</script>.\n";
        let ex = Extractor::built_in().extract_text(text);
        assert!(!ex.results.is_empty(), "{:?}", ex.results);
        let html = render(text, &ex, &[]).into_string();
        assert!(html.contains("2.400 / 4.611 × 100 = 52,05%"), "{html}");
        assert!(html.contains("văn bản ghi 52,04%"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("id=\"L1\""));
    }

    #[test]
    fn a_reference_links_to_the_indexed_document_or_to_its_id_page() {
        let text = "Căn cứ Kế hoạch số 2198/KH-UBND ngày 28/4/2022 của UBND huyện.\n";
        let ex = Extractor::built_in().extract_text(text);
        let r = ResolvedRef {
            reference: ex.references[0].clone(),
            resolved: vec!["kho/ke-hoach.txt".into()],
        };
        let html = render(text, &ex, std::slice::from_ref(&r)).into_string();
        assert!(html.contains("href=\"/doc/kho/ke-hoach.txt\""), "{html}");
        let unresolved = ResolvedRef {
            resolved: vec![],
            ..r
        };
        let html = render(text, &ex, &[unresolved]).into_string();
        assert!(html.contains("href=\"/id/2198/KH-UBND\""), "{html}");
    }

    #[test]
    fn a_mention_broken_across_lines_is_linked_on_its_first_line() {
        assert_eq!(
            on_line("căn cứ Quyết định số", "Quyết định số 12/QĐ-UBND"),
            Some("Quyết định số")
        );
        assert_eq!(on_line("không liên quan", "Quyết định số 12"), None);
    }
}
