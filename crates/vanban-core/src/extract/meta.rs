//! The document's own identity from its letterhead and signature block: number (`Số: …`),
//! kind and printed type, title, place and date (`Tháp Mười, ngày 28 tháng 3 năm 2023`; a
//! blank day gives a month), issuer and signer; for an annex, the document it is attached to.
//!
//! Offices lay the letterhead out in two columns (issuer and number on the left, the national
//! motto and the date line on the right), and every way of writing a document down flattens
//! those columns differently: one line each, a Markdown table row (`| Số: 12/2012/QĐ-UBND |
//! Tuyên Quang, ngày … |`), page-dump cells between lone `|` lines with their words wrapped, a
//! DOCX table as tab-separated cells, a plain-text export with the columns side by side, a
//! date line broken in two (`Đồng Tháp,` / `ngày 01 tháng 12 năm 2025`). All of them are first
//! cut into *cells* (a cell is one column's text, its wrapped lines joined, its Markdown marks
//! and rules removed), and the letterhead is read from the cells.

use std::sync::OnceLock;

use regex::Regex;

use super::lexer::{Lexed, Tok};
use super::refs::IdMatch;
use super::scan;
use super::Span;
use crate::model::{DocId, IsoDate, Kind, Meta};
use crate::rules::Rules;

/// How many lines from the top the letterhead may take.
const HEADER_LINES: usize = 60;
/// How many lines from the end the signature block may take.
const SIGNATURE_LINES: usize = 60;

/// One column's text in the letterhead.
#[derive(Debug, Clone)]
struct Cell {
    /// The text, cleaned (marks removed, wrapped lines joined, spaced letters closed up).
    text: String,
    /// 1-based line of its first line.
    line: usize,
    /// Its column in a row that was split (0 when the line was not split).
    column: usize,
}

struct Patterns {
    number: Regex,
    place_date: Regex,
    annex: Regex,
    rule_line: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        number: Regex::new(r"(?:^|[\s|*(])(?:Số|SỐ|số)\s*[:.]?\s*").expect("regex"),
        place_date: Regex::new(
            r"(?P<place>(?:(?:[\p{Lu}][\p{L}'’.]*|[-–])\s+){0,6}[\p{Lu}][\p{L}'’.]*)\s*,\s*(?i:ngày)\s*(?P<d>[0-9]{1,2})?[\s.…_/-]*(?i:tháng)\s*(?P<m>[0-9]{1,2})?[\s.…_/-]*(?i:năm)\s*(?P<y>[0-9]{4})",
        )
        .expect("regex"),
        annex: Regex::new(r"(?i)kèm\s+theo\s+").expect("regex"),
        rule_line: Regex::new(r"^[\s\-_=–—*.·:]*$").expect("regex"),
    })
}

/// Removes Markdown marks and rule runs from a cell's text.
fn clean(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '*' | '#' => {}
            '_' if !t.ends_with(|c: char| c.is_alphanumeric()) => {}
            c => t.push(c),
        }
    }
    // Rules under the issuer (`--------`) and trailing decorations.
    let mut words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| {
            !w.chars()
                .all(|c| matches!(c, '-' | '_' | '=' | '–' | '—' | '.'))
                || w.len() == 1 && *w == "-"
        })
        .collect();
    while words.last().is_some_and(|w| *w == "-") {
        words.pop();
    }
    close_spaced_letters(&words.join(" "))
}

/// Whether `w` can be one Vietnamese syllable: an onset, one to three vowels, a final.
fn is_syllable(w: &str) -> bool {
    // The longest syllable (`nghiêng`) has seven letters; folded into a buffer, no allocation.
    let mut buf = [0u8; 8];
    let mut n = 0;
    for c in w.chars() {
        let f = scan::folded(c);
        if n == buf.len() || !f.is_ascii_lowercase() {
            return false;
        }
        buf[n] = f as u8;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let f = &buf[..n];
    // `q` only stands in `qu`; `gi` may lend its `i` as the vowel (`gì`).
    const ONSETS: [&[u8]; 27] = [
        b"ngh", b"ng", b"nh", b"ch", b"gh", b"gi", b"kh", b"ph", b"qu", b"th", b"tr", b"b", b"c",
        b"d", b"g", b"h", b"k", b"l", b"m", b"n", b"p", b"r", b"s", b"t", b"v", b"x", b"",
    ];
    ONSETS.iter().any(|o| {
        let Some(rest) = f.strip_prefix(*o) else {
            return false;
        };
        let vowels = rest
            .iter()
            .take_while(|&&c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
            .count();
        (1..=3).contains(&vowels)
            && matches!(
                &rest[vowels..],
                b"" | b"c" | b"ch" | b"m" | b"n" | b"ng" | b"nh" | b"p" | b"t"
            )
    })
}

/// Closes up letters spaced apart by OCR or by a letter-spaced font: `B Ộ TÀI CHÍNH` → `BỘ TÀI
/// CHÍNH`, `Qu ả ng Ngãi` → `Quảng Ngãi`. A piece is joined to the one before it only when one
/// of them cannot be a syllable on its own and together they can.
///
/// ```
/// // (tested through the letterhead; see the unit tests)
/// ```
fn close_spaced_letters(s: &str) -> String {
    let letters = |x: &str| x.chars().all(scan::is_letter);
    // Most lines have no piece that cannot stand alone: nothing to close up.
    if s.split(' ')
        .all(|w| w.is_empty() || !letters(w) || is_syllable(w))
    {
        return s.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for w in s.split(' ').filter(|w| !w.is_empty()) {
        if let Some(prev) = out.last_mut() {
            if letters(prev) && letters(w) && (!is_syllable(prev) || !is_syllable(w)) {
                let joined = format!("{prev}{w}");
                let same_case = !(prev.chars().all(char::is_lowercase)
                    && w.chars().next().is_some_and(char::is_uppercase));
                if is_syllable(&joined) && same_case {
                    *prev = joined;
                    continue;
                }
            }
        }
        out.push(w.to_string());
    }
    out.join(" ")
}

/// The line with runs of spaces made one space.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The columns of a line split at runs of three or more spaces, keeping a date line whole.
fn squeeze_columns(raw: &str) -> Vec<&str> {
    let parts: Vec<&str> = raw
        .trim()
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    // Rejoin the pieces of a date line: everything from the piece holding `ngày` on.
    let at = parts
        .iter()
        .position(|c| scan::contains_folded(c, "ngay") || c.ends_with(','));
    match at {
        Some(i) if i + 1 < parts.len() => {
            let start = parts[i].as_ptr() as usize - raw.as_ptr() as usize;
            let mut v: Vec<&str> = parts[..i].to_vec();
            v.push(raw[start..].trim());
            v
        }
        _ => parts,
    }
}

/// Cuts lines `[from, to]` (1-based) into cells.
fn cells(lx: &Lexed<'_>, from: usize, to: usize) -> Vec<Cell> {
    let p = patterns();
    let mut out: Vec<Cell> = Vec::new();
    let dump = (from..=to).any(|l| lx.line_text(l).trim() == "|");
    let mut open: Option<(String, usize)> = None;
    let flush = |open: &mut Option<(String, usize)>, out: &mut Vec<Cell>| {
        if let Some((t, line)) = open.take() {
            let text = clean(&t);
            if !text.is_empty() {
                out.push(Cell {
                    text,
                    line,
                    column: 0,
                });
            }
        }
    };
    for l in from..=to.min(lx.lines.count()) {
        let raw = lx.line_text(l);
        let line = raw.trim();
        if line == "|" || line.is_empty() || line == "\u{c}" {
            flush(&mut open, &mut out);
            continue;
        }
        let parts: Vec<&str> = if line.contains('|') {
            line.split('|').collect()
        } else if line.contains('\t') {
            line.split('\t').collect()
        } else if raw.trim_start().contains("   ") {
            raw.trim().split("   ").collect()
        } else {
            Vec::new()
        };
        let mut parts: Vec<&str> = parts
            .into_iter()
            .map(str::trim)
            .filter(|c| !c.is_empty() && !p.rule_line.is_match(c))
            .collect();
        // A blank day or month is written as spaces (`Phú Hòa, ngày      tháng 01 năm 2026`):
        // those spaces do not separate columns.
        if !line.contains(['|', '\t']) && parts.len() > 1 {
            if let Some(m) = p.place_date.find(&squeeze(raw)) {
                let _ = m;
                parts = squeeze_columns(raw);
            }
        }
        if parts.len() > 1 || (parts.len() == 1 && line.contains('|')) {
            flush(&mut open, &mut out);
            for (i, c) in parts.iter().enumerate() {
                let text = clean(c);
                if !text.is_empty() {
                    out.push(Cell {
                        text,
                        line: l,
                        column: i,
                    });
                }
            }
            continue;
        }
        if p.rule_line.is_match(line) {
            if !dump {
                flush(&mut open, &mut out);
            }
            continue;
        }
        if dump {
            match &mut open {
                Some((t, _)) => {
                    t.push(' ');
                    t.push_str(line);
                }
                None => open = Some((line.to_string(), l)),
            }
        } else {
            out.push(Cell {
                text: clean(line),
                line: l,
                column: 0,
            });
        }
    }
    flush(&mut open, &mut out);
    // A date line broken after the place (`Đồng Tháp,` / `ngày 01 tháng 12 năm 2025`).
    let mut i = 0;
    while i + 1 < out.len() {
        let a = out[i].text.trim_end();
        let b = out[i + 1].text.trim_start();
        let joins = (a.ends_with(',') && scan::prefix_len(b, "ngày").is_some())
            || (scan::word_suffix_len(a, "ngày").is_some()
                && scan::prefix_len(b, "tháng").is_some())
            || (scan::prefix_len(b, "tháng").is_some() && a.contains("ngày"))
            || (a.ends_with(|c: char| c.is_ascii_digit())
                && a.contains("ngày")
                && !a.contains("năm")
                && scan::prefix_len(b, "tháng").is_some());
        if joins && out[i].column == out[i + 1].column {
            let b = out.remove(i + 1);
            out[i].text = format!("{} {}", out[i].text, b.text);
            continue;
        }
        i += 1;
    }
    out
}

/// Whether a letterhead cell is a motto line (`motto`, `motto_openers` of
/// `rules/issuers.toml`).
fn is_motto(s: &str, rules: &Rules) -> bool {
    let f = crate::normalize::fold(s);
    let i = &rules.issuers;
    i.motto.iter().any(|m| f.contains(m.as_str()))
        || i.motto_openers.iter().any(|m| f.starts_with(m.as_str()))
}

/// The place and date of a `Place, ngày … tháng … năm …` text.
fn place_date(s: &str) -> Option<(String, Option<IsoDate>)> {
    let c = patterns().place_date.captures(s)?;
    let mut place = c["place"].trim().trim_end_matches(',').trim().to_string();
    for p in ["TP.", "Tp.", "TP ", "Tp ", "T.P "] {
        if let Some(r) = place.strip_prefix(p) {
            place = r.trim().to_string();
        }
    }
    // A place is a name: a few capitalised words.
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 || !place.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let y: i32 = c["y"].parse().ok()?;
    let month: Option<u32> = c.name("m").and_then(|m| m.as_str().parse().ok());
    let day: Option<u32> = c.name("d").and_then(|m| m.as_str().parse().ok());
    let date = match (day, month) {
        (Some(d), Some(m)) => super::dates::iso_date(d, m, y),
        (None, Some(m)) if (1..=12).contains(&m) => Some(IsoDate::ym(y, m)),
        _ => None,
    };
    Some((place, date))
}

/// The type heading a cell is (`BÁO CÁO`, `QUYẾT ĐỊNH`): the type's index.
fn heading_type(s: &str, rules: &Rules) -> Option<usize> {
    let t = s.trim().trim_end_matches(':').trim();
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    let exact = position_of_type(t, rules, scan::prefix_len);
    // A heading read by OCR often has one tone mark wrong (`QUYÉT ĐỊNH`): an upper-case line
    // may match without its accents when nothing matches with them.
    exact.or_else(|| {
        scan::is_upper_text(t)
            .then(|| {
                position_of_type(t, rules, |t, name| {
                    scan::folded_prefix_len(t, &crate::normalize::fold(name))
                })
            })
            .flatten()
    })
}

/// The first document type whose name `prefix` finds at the start of the heading `t`, followed
/// by nothing or a short number.
fn position_of_type(
    t: &str,
    rules: &Rules,
    prefix: fn(&str, &str) -> Option<usize>,
) -> Option<usize> {
    rules.doc_types.iter().position(|d| {
        prefix(t, &d.name_lower).is_some_and(|n| {
            // `PHỤ LỤC`, `PHỤ LỤC II`, `Phụ lục số 02:`.
            let rest = t[n..].trim().trim_end_matches([':', '.']).trim();
            let rest = scan::word_prefix_len(rest, "số")
                .map(|k| rest[k..].trim())
                .unwrap_or(rest);
            rest.is_empty()
                || (rest.len() <= 5
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')))
        })
    })
}

/// The own number in a cell after `Số:`: `Some(Some(id))`, `Some(None)` for a blank draft
/// number, `None` when the cell is no number cell. Also the kind its code implies.
fn number_in(s: &str, rules: &Rules) -> Option<(Option<String>, Option<Kind>)> {
    let m = patterns().number.find(s)?;
    // The number may follow the issuer in the same cell (a DOCX letterhead cell), but not
    // running text.
    if m.start() > 0 && !scan::is_upper_text(&s[..m.start()]) {
        return None;
    }
    let rest = &s[m.end()..];
    let lx = Lexed::new(rest);
    let id = lx.tokens.iter().find_map(|t| match &t.tok {
        Tok::Id(_) if t.span.start <= 4 => {
            super::refs::canonical_id(&rest[t.span.start..t.span.end], rules)
        }
        _ => None,
    });
    if let Some(id) = id {
        let kind = code_kind(&id, rules);
        return Some((Some(id), kind));
    }
    // A draft: `Số:   /KH-UBND`, `Số: …/QĐ-UBND`.
    let r = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | '_'));
    if let Some(code) = r.strip_prefix('/') {
        let first: String = code
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let kind = rules.type_for_code(&first).map(|t| t.kind);
        return Some((None, kind));
    }
    if rest.trim().is_empty() {
        return Some((None, None));
    }
    None
}

/// The kind a canonical id's type code implies (`2198/KH-UBND` → plan; `71-KH/HU` → plan;
/// `2995/UBND-VX` → letter).
fn code_kind(id: &str, rules: &Rules) -> Option<Kind> {
    let code = DocId::parse(id)
        .map(|d| d.type_code().to_string())
        .unwrap_or_default();
    match rules.type_for_code(&code) {
        Some(t) => Some(t.kind),
        None => Some(Kind::Letter),
    }
}

/// The id that opens `cell` (the cell after a `Số:` left alone), with its line.
fn number_in_next(cell: Option<&Cell>, rules: &Rules) -> Option<(String, usize)> {
    let n = cell?;
    let lx = Lexed::new(&n.text);
    let tk = lx.tokens.first()?;
    match &tk.tok {
        Tok::Id(_) if tk.span.start == 0 => {
            super::refs::canonical_id(&n.text[tk.span.start..tk.span.end], rules)
                .map(|id| (id, n.line))
        }
        _ => None,
    }
}

/// The issuer: the capital cells of the letterhead before cell `end` (the number or the
/// heading), in the left column, that are not the motto, then what stands before `Số:` in
/// the number's own cell (`ỦY BAN NHÂN DÂN TỈNH X Số: …`).
fn issuer(head: &[Cell], end: usize, number_cell: Option<usize>, rules: &Rules) -> Option<String> {
    let number_prefix = number_cell.and_then(|i| {
        let t = head[i].text.as_str();
        let m = patterns().number.find(t)?;
        let prefix = t[..m.start()].trim();
        (!prefix.is_empty()).then_some(prefix)
    });
    let mut issuer: Vec<&str> = Vec::new();
    for c in head.iter().take(end) {
        let t = c.text.as_str();
        if c.column > 0 || is_motto(t, rules) || place_date(t).is_some() {
            continue;
        }
        if scan::is_upper_text(t) && t.chars().count() <= 120 {
            issuer.push(t);
        }
    }
    issuer.extend(number_prefix);
    (!issuer.is_empty()).then(|| issuer.join(" "))
}

/// An annex without its own number: its only id is the `Kèm theo Báo cáo số …` line, which
/// becomes its number and `attached_to`; without a heading it is a `Phụ lục`. Gives the span
/// of that id.
fn annex(
    meta: &mut Meta,
    lx: &Lexed<'_>,
    rules: &Rules,
    ids: &[IdMatch],
    head: &[Cell],
    heading: Option<(usize, usize)>,
) -> Option<Span> {
    let annex_heading = match heading {
        None => true,
        Some((hi, _)) => rules
            .sections
            .annex
            .iter()
            .any(|w| scan::prefix_len(head[hi].text.trim(), w).is_some()),
    };
    if meta.number.is_some() || !annex_heading {
        return None;
    }
    let (id, span) = attached_to(lx, rules, ids, heading.map(|(i, _)| head[i].line))?;
    if heading.is_none() {
        meta.kind = Kind::Other;
        meta.doc_type = Some("Phụ lục".into());
    }
    let id = id?;
    meta.number = Some(id.clone());
    meta.attached_to = Some(id);
    span
}

/// Extracts the meta block; returns it with the spans of the own number (kept out of
/// `references`).
pub fn meta(lx: &Lexed<'_>, rules: &Rules, ids: &[IdMatch]) -> (Meta, Vec<Span>) {
    let mut meta = Meta::default();
    let n_lines = lx.lines.count();
    let header_to = HEADER_LINES.min(n_lines);
    let head = cells(lx, 1, header_to);
    let mut own_spans = Vec::new();
    let mut number_line = None;
    let mut number_kind = None;
    let mut heading: Option<(usize, usize)> = None; // (cell index, type index)
    let mut date_seen = false;
    let mut vv_title: Option<String> = None;
    let mut number_cell = None;
    for (i, c) in head.iter().enumerate() {
        if heading.is_some() {
            break;
        }
        let t = c.text.as_str();
        if number_line.is_none() {
            if let Some((id, kind)) = number_in(t, rules) {
                let (id, kind, line) = match (&id, t.trim_end().len() <= 4) {
                    // `Số:` alone: the number is in the next cell.
                    (None, true) => match number_in_next(head.get(i + 1), rules) {
                        Some((id, line)) => {
                            let k = code_kind(&id, rules);
                            (Some(id), k, line)
                        }
                        None => (None, kind, c.line),
                    },
                    _ => (id, kind, c.line),
                };
                number_line = Some(line);
                number_kind = kind;
                number_cell = Some(i);
                if let Some(id) = id {
                    meta.number = Some(id.clone());
                    if let Some(m) = ids.iter().find(|m| {
                        m.id == id
                            && lx.line_of(m.span.start) >= line
                            && lx.line_of(m.span.start) <= line + 2
                    }) {
                        own_spans.push(m.span);
                    }
                }
                // `Số: 2403/TTg-KGVX V/v điều chỉnh …` in one cell.
                if let Some(k) = t.find("V/v").or_else(|| t.find("V/V")) {
                    vv_title = Some(t[k + 3..].trim().to_string());
                }
                continue;
            }
        }
        if !date_seen {
            if let Some((place, date)) = place_date(t) {
                meta.place = Some(place);
                meta.date = date;
                date_seen = true;
                continue;
            }
        }
        if vv_title.is_none()
            && (t.starts_with("V/v") || t.starts_with("V/V") || t.starts_with("v/v"))
        {
            vv_title = Some(t[3..].trim().trim_start_matches(':').trim().to_string());
            continue;
        }
        if let Some(ti) = heading_type(t, rules) {
            heading = Some((i, ti));
            break;
        }
        // Prose starts: the letterhead is over.
        if t.chars().count() > 160 && !t.contains("ngày") {
            break;
        }
    }
    let issuer_end = number_cell.or(heading.map(|(i, _)| i)).unwrap_or(0);
    meta.issuer = issuer(&head, issuer_end, number_cell, rules);
    // Kind and printed type.
    if let Some((hi, ti)) = heading {
        let ty = &rules.doc_types[ti];
        meta.kind = ty.kind;
        meta.doc_type = Some(ty.name.clone());
        meta.title = title_after(&head, hi, rules);
    } else if vv_title.is_some() {
        meta.kind = Kind::Letter;
        meta.doc_type = Some(rules.codes.letter_type.clone());
    } else if let Some(k) = number_kind {
        meta.kind = k;
        if let Some(id) = meta.number.as_deref().and_then(DocId::parse) {
            meta.doc_type = rules
                .type_for_code(id.type_code())
                .map(|t| t.name.clone())
                .or_else(|| (k == Kind::Letter).then(|| rules.codes.letter_type.clone()));
        }
    }
    if meta.title.is_none() {
        meta.title = vv_title.filter(|t| !t.is_empty());
    }
    own_spans.extend(annex(&mut meta, lx, rules, ids, &head, heading));
    meta.signer = signer(lx, rules);
    (meta, own_spans)
}

/// The title: the lines after the type heading, up to a blank line or the body.
fn title_after(head: &[Cell], heading: usize, rules: &Rules) -> Option<String> {
    let mut title: Vec<&str> = Vec::new();
    let mut last_line = head[heading].line;
    for c in head.iter().skip(heading + 1) {
        let t = c.text.as_str();
        // A gap of a blank line ends the title once it has started.
        if !title.is_empty() && c.line > last_line + 1 {
            break;
        }
        // Words that open the body. `Thực hiện …` and `Theo …` may also be the title itself
        // (`KẾ HOẠCH` / `Thực hiện chuyển đổi số năm 2024`): on the line right under the
        // heading, without the `;` or `,` that ends a body sentence, they are.
        let first_under_heading = title.is_empty() && c.line == head[heading].line + 1;
        let body_sentence = t.trim_end().ends_with([';', ',', ':']);
        let starts = |words: &[String]| words.iter().any(|w| scan::word_prefix_len(t, w).is_some());
        let opener = starts(&rules.sections.body_openers)
            || (starts(&rules.sections.title_or_body) && (!first_under_heading || body_sentence));
        if opener || t.chars().count() > 300 || heading_type(t, rules).is_some() {
            break;
        }
        // The authority line of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN …`) is not the title.
        if !title.is_empty()
            && scan::is_upper_text(t)
            && title.iter().all(|x| !scan::is_upper_text(x))
        {
            break;
        }
        if !title.is_empty()
            && scan::is_upper_text(t)
            && t.chars().count() < 40
            && rules
                .issuers
                .heads_lower
                .iter()
                .any(|h| scan::prefix_len(t, h).is_some())
        {
            break;
        }
        title.push(t);
        last_line = c.line;
        if title.len() >= 4 {
            break;
        }
    }
    (!title.is_empty()).then(|| title.join(" "))
}

/// `(Kèm theo Báo cáo số 45/BC-UBND ngày … của …)` near the top: the id (or `None` when its
/// number is blank) and the span of that id in the text.
fn attached_to(
    lx: &Lexed<'_>,
    rules: &Rules,
    ids: &[IdMatch],
    heading_line: Option<usize>,
) -> Option<(Option<String>, Option<Span>)> {
    let p = patterns();
    let from = heading_line.unwrap_or(1);
    for l in from..=(from + 15).min(lx.lines.count()) {
        let t = lx.line_text(l);
        let Some(m) = p.annex.find(t) else {
            continue;
        };
        if m.start() > 8 {
            continue;
        }
        let rest = &t[m.end()..];
        if !rules
            .doc_types
            .iter()
            .any(|d| scan::prefix_len(rest.trim_start(), &d.name_lower).is_some())
        {
            continue;
        }
        let (ls, _) = lx.lines.range(lx.text, l);
        let found = ids
            .iter()
            .find(|x| lx.line_of(x.span.start) == l && x.span.start >= ls + m.end());
        return Some(match found {
            Some(x) => (Some(x.id.clone()), Some(x.span)),
            None => (None, None),
        });
    }
    None
}

/// Whether a cell is a person's name: two to six capitalised words.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
}

/// The trailing name in a signature cell (`KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A`).
fn trailing_name(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let n = words
        .iter()
        .rev()
        .take_while(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
        .count();
    if (2..=5).contains(&n) {
        Some(words[words.len() - n..].join(" "))
    } else {
        None
    }
}

/// The signer: the name under the last signature title near the end.
fn signer(lx: &Lexed<'_>, rules: &Rules) -> Option<String> {
    let titles = &rules.issuers.signer_titles;
    let n = lx.lines.count();
    if n == 0 {
        return None;
    }
    let from = n.saturating_sub(SIGNATURE_LINES).max(1);
    let tail = cells(lx, from, n);
    let mut after_title = false;
    let mut found = None;
    for c in &tail {
        let t = c.text.trim();
        let t = t.trim_start_matches('(').trim_end_matches(')');
        if t.is_empty() {
            continue;
        }
        let upper_part: String = t.chars().take_while(|c| !c.is_lowercase()).collect();
        if titles.iter().any(|w| upper_part.contains(w.as_str())) {
            if let Some(name) = trailing_name(t) {
                found = Some(name);
                after_title = false;
                continue;
            }
            if scan::is_upper_text(t) {
                after_title = true;
                continue;
            }
        }
        if after_title && is_name(t) {
            found = Some(t.to_string());
            after_title = false;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_letters_close_up_into_syllables() {
        assert_eq!(
            close_spaced_letters("B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI"),
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
        );
        assert_eq!(close_spaced_letters("Qu ả ng Ngãi"), "Quảng Ngãi");
        assert_eq!(close_spaced_letters("Đặ ng Văn Minh"), "Đặng Văn Minh");
        assert_eq!(
            close_spaced_letters("Ủy ban nhân dân xã Ô Loan"),
            "Ủy ban nhân dân xã Ô Loan"
        );
        assert_eq!(close_spaced_letters("lấy ý kiến"), "lấy ý kiến");
    }

    #[test]
    fn syllables() {
        for w in [
            "nghiêng", "quảng", "giữa", "gì", "BỘ", "xã", "ý", "Uỷ", "thuyết", "khuya",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["ng", "b", "vàx", "qu", "xyz"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn headings_read_by_ocr_with_a_wrong_tone_mark() {
        let rules = Rules::built_in();
        let name = |s: &str| heading_type(s, rules).map(|i| rules.doc_types[i].kind);
        assert_eq!(name("QUYÉT ĐỊNH"), Some(Kind::Decision));
        assert_eq!(name("KÉ HOẠCH"), Some(Kind::Plan));
        assert_eq!(name("KẾ HOẠCH"), Some(Kind::Plan));
        // Only an upper-case heading is read without accents.
        assert_eq!(name("Quyet dinh"), None);
        assert_eq!(name("QUYẾT ĐỊNH VỀ VIỆC"), None);
    }

    #[test]
    fn place_and_date_lines() {
        assert_eq!(
            place_date("Tuyên Quang, ngày 25 tháng 6 năm 2012"),
            Some(("Tuyên Quang".into(), IsoDate::parse("2012-06-25")))
        );
        assert_eq!(
            place_date("TP. Hồ Chí Minh, ngày 28 tháng 11 năm 2025"),
            Some(("Hồ Chí Minh".into(), IsoDate::parse("2025-11-28")))
        );
        assert_eq!(
            place_date("Lâm Đồng, ngày      tháng 12 năm 2025"),
            Some(("Lâm Đồng".into(), IsoDate::parse("2025-12")))
        );
        assert_eq!(place_date("Báo cáo ngày 5 tháng 6 năm 2020 của tỉnh"), None);
    }
}
