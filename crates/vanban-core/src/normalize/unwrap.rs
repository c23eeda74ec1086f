//! Hard-wrap repair: paragraphs that PDF extraction or old editors broke at a fixed width are
//! joined back into one line each, while the lines that really are separate stay separate.
//!
//! A text counts as hard-wrapped when a good share of its lines end close to one common width.
//! In such a text a line is joined to the next one when it reaches near that width (or ends
//! mid-sentence and the next line starts in lower case) and the next line does not start a new
//! block: a list item (`- `, `+ `, `a)`, `1.`, `1.1.`, `II.`), an article (`Điều 3.`), a
//! heading in capitals, or a table row (tab-separated). Blank lines always separate paragraphs.
//! A paragraph that runs over a page break (a form-feed line) is joined and the page break is
//! kept right after it, so no text is lost and line numbers stay meaningful.
//!
//! Ids cut after a dash (`1219/KH-` + `UBND`) are joined without a space, keeping the dash.
//! Footnote numbers glued to a word (`toàn trình1.`) become superscript (`toàn trình¹.`).

use std::sync::OnceLock;

use regex::Regex;

/// Joins hard-wrapped paragraphs; see the module documentation for the rules.
///
/// ```
/// let wrapped = "Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022 về thực hiện chuyển đổi số\n\
///                huyện giai đoạn 2021 - 2025, Ủy ban nhân dân huyện báo cáo kết quả như\n\
///                sau:\n\
///                - Mục thứ nhất của báo cáo được trình bày tại đây cho đủ độ dài một dòng.\n";
/// let text = vanban_core::normalize::unwrap_lines(wrapped);
/// assert_eq!(text.lines().count(), 2);
/// ```
pub fn unwrap_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let width = wrap_width(&lines);
    let mut out = String::with_capacity(text.len());
    let mut para = String::new();
    let mut pending_breaks = 0usize;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if para.is_empty() {
            para.push_str(line);
        }
        // Find the next line that is not a page break.
        let mut j = i + 1;
        let mut breaks = 0;
        while j < lines.len() && is_page_break(lines[j]) {
            breaks += 1;
            j += 1;
        }
        let join = width.is_some_and(|w| j < lines.len() && should_join(line, lines[j], w));
        if join {
            let next = lines[j];
            if joins_without_space(&para, next) {
                para.push_str(next.trim_start());
            } else {
                let keep = para.trim_end().len();
                para.truncate(keep);
                para.push(' ');
                para.push_str(next.trim_start());
            }
            pending_breaks += breaks;
            // `lines[j]` is now part of `para`; continue from it.
            i = j;
            continue;
        }
        out.push_str(&para);
        out.push('\n');
        para.clear();
        for _ in 0..pending_breaks {
            out.push_str("\u{C}\n");
        }
        pending_breaks = 0;
        i += 1;
    }
    if !para.is_empty() {
        out.push_str(&para);
        out.push('\n');
        for _ in 0..pending_breaks {
            out.push_str("\u{C}\n");
        }
    }
    mark_footnotes(&out)
}

fn is_page_break(line: &str) -> bool {
    line.contains('\u{C}') && line.trim().is_empty()
}

/// The width the text was wrapped at, or `None` when it does not look hard-wrapped.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lens.len() < 4 {
        return None;
    }
    lens.sort_unstable();
    let p90 = lens[(lens.len() * 9) / 10 - usize::from(lens.len() * 9 % 10 == 0)];
    if !(30..=120).contains(&p90) {
        return None;
    }
    // Among the lines long enough to be paragraph lines (not headings, cells or signatures),
    // many end close to one width.
    let body: Vec<usize> = lens
        .iter()
        .copied()
        .filter(|&n| n * 100 >= p90 * 40)
        .collect();
    let near = body.iter().filter(|&&n| n * 100 >= p90 * 75).count();
    if near * 100 >= body.len() * 40 {
        Some(p90)
    } else {
        None
    }
}

fn block_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^\s*(?:[-+*•–]\s|[a-zđ]\)\s|[0-9]{1,2}[.)]\s|[0-9]{1,2}(?:\.[0-9]{1,2})+\.?\s|[IVXLC]{1,6}[.)]\s|(?:Điều|Chương|Mục|Phần|Phụ lục|PHỤ LỤC)\s+[[0-9]IVXLC]|\*\*|#|\|)",
        )
        .expect("valid regex")
    })
}

/// At least three letters, all capitals (stops at the first small letter).
fn is_heading(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars() {
        if c.is_ascii_lowercase() || (c.is_alphabetic() && !c.is_uppercase()) {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 3
}

fn should_join(cur: &str, next: &str, width: usize) -> bool {
    let cur_t = cur.trim_end();
    let next_t = next.trim_start();
    if cur_t.is_empty() || next_t.is_empty() || is_page_break(cur) {
        return false;
    }
    if cur.contains('\t') || next.contains('\t') {
        return false;
    }
    if block_start().is_match(next) || is_heading(next_t) || is_heading(cur_t) {
        return false;
    }
    let len = cur_t.chars().count();
    let first_lower = next_t
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    let ends_sentence = cur_t.ends_with(['.', ':', ';', '!', '?']);
    // Preambles of decisions and plans: each basis starts its own line.
    const OPENERS: [&str; 5] = [
        "Căn cứ",
        "Thực hiện",
        "Theo đề nghị",
        "Xét đề nghị",
        "Nơi nhận",
    ];
    if ends_sentence && OPENERS.iter().any(|o| next_t.starts_with(o)) {
        return false;
    }
    if len * 100 >= width * 93 {
        // At the wrap width: the line was cut by the wrap.
        return true;
    }
    if len * 100 >= width * 75 {
        // Close to it: cut by the wrap, unless it ended a sentence and the next line starts a
        // new one.
        return !ends_sentence || first_lower;
    }
    // A shorter line still continues when it stops mid-sentence and the next starts in
    // lower case.
    len * 100 >= width * 50 && !ends_sentence && first_lower
}

fn joins_without_space(para: &str, next: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let id_cut =
        RE.get_or_init(|| Regex::new(r"[0-9]+[/-][\p{Lu}/.-]*\p{Lu}-$").expect("valid regex"));
    id_cut.is_match(para.trim_end()) && next.trim_start().starts_with(|c: char| c.is_uppercase())
}

use super::SUPERSCRIPT;

/// Turns footnote numbers glued to a word into superscript digits.
fn mark_footnotes(text: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(^|[\s(])(\p{Ll}{2,})([0-9]{1,2})([.,;:)]|\s|$)").expect("valid regex")
    });
    if !re.is_match(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let replaced = re.replace_all(line, |caps: &regex::Captures<'_>| {
            let word = &caps[2];
            let looks_vietnamese = !word.is_ascii() || word.len() >= 4;
            let digits: String = if looks_vietnamese {
                caps[3]
                    .bytes()
                    .map(|b| SUPERSCRIPT[(b - b'0') as usize])
                    .collect()
            } else {
                caps[3].to_string()
            };
            format!("{}{}{}{}", &caps[1], word, digits, &caps[4])
        });
        out.push_str(&replaced);
    }
    out
}
