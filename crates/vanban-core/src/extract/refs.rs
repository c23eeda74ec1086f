//! References to other documents, in every shape documents use:
//!
//! - state style, with or without `số` and year: `Quyết định số 3241/QĐ-UBND ngày 03/6/2022`,
//!   `Nghị định 42/2022/NĐ-CP`, `Công văn 2995/UBND-VX`, folded or spaced
//!   (`45 / 2016 / QĐ - TTg`, `QD-TTg`);
//! - party style: `Kế hoạch số 71-KH/HU`, `Nghị quyết 04-NQ/TU`;
//! - bare in table rows: `62/KH-UBND\t10/04/2024`.
//!
//! The lexer finds the id shapes ([`Tok::Id`]); this module decides which are ids (by the
//! rules' type codes) and gives each its canonical id, its type (from the words before it or
//! from its code), the date and issuer that follow it, the title (`về việc …`), and its role in
//! the sentence (`căn cứ`, `thực hiện`, `thay thế`, … from `rules/roles.toml`).

use std::sync::OnceLock;

use regex::Regex;

use super::dates::FoundDate;
use super::lexer::{IdParts, Lexed, Tok};
use super::scan::{self, char_before, tail};
use super::Span;
use crate::model::{DocId, IsoDate, Reference, Role};
use crate::rules::Rules;

/// An id-shaped mention that the rules accept: where it is and its parts.
#[derive(Debug, Clone)]
pub struct IdMatch {
    /// Byte span of the id.
    pub span: Span,
    /// Its canonical form (`doc_id.canonical()`, kept for comparisons).
    pub id: String,
    /// The id in its parts.
    pub doc_id: DocId,
}

/// Whether a segment looks like part of a type code: mostly capitals (`UBND`, `TTg`, `CTr`).
fn code_like(seg: &str) -> bool {
    let letters = seg.chars().filter(|c| c.is_alphabetic()).count();
    let upper = seg.chars().filter(|c| c.is_uppercase()).count();
    seg.starts_with(|c: char| c.is_uppercase()) && upper * 2 >= letters
}

/// The document type named right before `at` (`Quyết định số`, `Kế hoạch`, `Nghị quyết số:`):
/// the type's index in the rules and where its name starts.
pub fn type_before(text: &str, at: usize, rules: &Rules) -> Option<(usize, usize)> {
    let w = tail(text, at, 64);
    let mut t = w.trim_end_matches(|c: char| scan::is_space(c) || c == '\n');
    if let Some(s) = t.strip_suffix(':') {
        t = scan::trim_spaces_end(s);
    }
    if let Some(n) = scan::word_suffix_len(t, "số") {
        t = scan::trim_spaces_end(&t[..t.len() - n]);
    }
    let t = t.trim_end_matches('\n');
    let t = scan::trim_spaces_end(t);
    for (i, ty) in rules.doc_types.iter().enumerate() {
        if let Some(n) = scan::word_suffix_len(t, &ty.name_lower) {
            return Some((i, at - w.len() + t.len() - n));
        }
    }
    None
}

/// Accepts an id shape by the rules and canonicalises it. `loose` also takes a single segment
/// without a type word before it (ids typed by a user).
fn accept(text: &str, parts: &IdParts, span: Span, rules: &Rules, loose: bool) -> Option<DocId> {
    let number = text[parts.number.start..parts.number.end].to_string();
    let segs: Vec<&str> = parts
        .segments
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    if let Some(pt) = parts.party_type {
        let kind = rules.canonical_segment(&text[pt.start..pt.end]);
        rules.type_for_code(&kind)?;
        let issuer: Vec<String> = segs.iter().map(|s| rules.canonical_segment(s)).collect();
        return Some(DocId {
            number,
            year: None,
            code: format!("{kind}/{}", issuer.join("-")),
            party: true,
        });
    }
    if segs
        .iter()
        .any(|s| s.chars().count() > rules.codes.max_segment || !code_like(s))
    {
        return None;
    }
    // A single bare segment (`12/KH`) counts only with a year (`20/2023/QH15`) or when it is a
    // type code right after a type word; `Đề án 06/CP` is a nickname, not an id.
    if segs.len() == 1
        && parts.year.is_none()
        && !loose
        && (type_before(text, span.start, rules).is_none()
            || rules.type_for_code(segs[0]).is_none())
    {
        return None;
    }
    let code = segs
        .iter()
        .map(|s| rules.canonical_segment(s))
        .collect::<Vec<_>>()
        .join("-");
    Some(DocId {
        number,
        year: parts.year,
        code,
        party: false,
    })
}

/// The date right after an id: `ngày 28/4/2022`, `, ngày 28 tháng 10 năm 2021`, or the next
/// table cell; with where the mention then ends.
fn date_after(
    text: &str,
    span: Span,
    dates: &[FoundDate],
    next_start: usize,
    rules: &Rules,
) -> (Option<IsoDate>, usize) {
    let first_after = dates.partition_point(|d| d.span.start < span.end);
    if let Some(d) = dates[first_after..]
        .first()
        .filter(|d| d.span.start <= span.end + 40 && d.span.start < next_start)
    {
        let gap = &text[span.end..d.span.start];
        let g = gap.trim_matches(|c: char| c.is_whitespace() || c == ',');
        let table = gap == "\t" || gap.trim() == "|";
        let ok = g.is_empty()
            || rules
                .codes
                .date_leads
                .iter()
                .any(|w| scan::word_prefix_len(g, w).is_some_and(|n| n == g.len()));
        if table || ok {
            return (Some(d.value.clone()), d.span.end);
        }
    }
    (None, span.end)
}

/// The issuer after an id and its date: `của Ủy ban nhân dân tỉnh`; moves `end` past it.
fn issuer_after(text: &str, end: &mut usize, next_start: usize, rules: &Rules) -> Option<String> {
    let rest = &text[*end..next_start.max(*end)];
    let r = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let n = scan::word_prefix_len(r, "của")?;
    let after = scan::trim_spaces_start(&r[n..]);
    if !rules
        .issuers
        .heads_lower
        .iter()
        .any(|h| scan::word_prefix_len(after, h).is_some())
    {
        return None;
    }
    let stop = after
        .find([';', ':', '.', ',', '(', ')', '\n', '“', '”'])
        .unwrap_or(after.len());
    let phrase = cut_at_words(&after[..stop], &rules.issuers.stop_words);
    let phrase = cut_before_type(phrase, rules).trim();
    let phrase = phrase.strip_suffix(" và").unwrap_or(phrase).trim();
    if phrase.is_empty() {
        return None;
    }
    *end = floor_boundary(
        text,
        after.as_ptr() as usize - text.as_ptr() as usize + phrase.len(),
    );
    Some(phrase.to_string())
}

/// The title in `rest` (what follows an id, its date and issuer): `về việc …`, or a quoted
/// name (`Đề án “…”`).
fn title_after(rest: &str, p: &Patterns, rules: &Rules) -> Option<String> {
    if let Some(c) = p.quoted.captures(rest) {
        return Some(c[1].trim().to_string());
    }
    let c = p.title.captures(rest)?;
    let found = c
        .get(1)
        .or_else(|| c.get(2))
        .map(|m| m.as_str())
        .unwrap_or("");
    // A title ends where the sentence's own subject starts (`…, Ủy ban nhân dân huyện báo
    // cáo`).
    let t = cut_at_subject(found, rules);
    let t = cut_at_sentence_end(t)
        .trim()
        .trim_end_matches(['.', ',', ')']);
    let t: String = t.chars().take(300).collect();
    (!t.is_empty()).then_some(t)
}

/// Every id the rules accept, in text order.
pub fn ids(lx: &Lexed<'_>, rules: &Rules) -> Vec<IdMatch> {
    find(lx, rules, false)
}

fn find(lx: &Lexed<'_>, rules: &Rules, loose: bool) -> Vec<IdMatch> {
    let text = lx.text;
    let mut out = Vec::new();
    for t in lx.tokens.iter() {
        let Tok::Id(parts) = &t.tok else {
            continue;
        };
        if char_before(text, t.span.start).is_some_and(|c| matches!(c, '.' | ',' | '-')) {
            continue;
        }
        if let Some(doc_id) = accept(text, parts, t.span, rules, loose) {
            out.push(IdMatch {
                span: t.span,
                id: doc_id.canonical(),
                doc_id,
            });
        }
    }
    out
}

/// The id typed in any spelling, in its parts, or `None`.
pub fn doc_id(typed: &str, rules: &Rules) -> Option<DocId> {
    let upper = format!("{}\n", typed.trim().to_uppercase());
    let lx = Lexed::new(&upper);
    find(&lx, rules, true).into_iter().next().map(|x| x.doc_id)
}

/// The canonical form of an id typed in any spelling, or `None`.
pub fn canonical_id(typed: &str, rules: &Rules) -> Option<String> {
    doc_id(typed, rules).map(|d| d.canonical())
}

struct Patterns {
    title: Regex,
    quoted: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        title: Regex::new(r"^\s*,?\s*(?:(?:quy\s+định|hướng\s+dẫn)\s+)?(?:về\s+việc|về|V/v|v/v)\s+([^;\n]+)|^\s*,?\s*((?:phê\s+duyệt|ban\s+hành|quy\s+định|hướng\s+dẫn)\s+[^;\n]+)").expect("regex"),
        quoted: Regex::new(r#"^\s*,?\s*(?:về\s+)?(?:việc\s+)?(?:thực\s+hiện\s+)?(?:ban\s+hành\s+)?([\p{L} ]{0,20}[“"][^”"\n]{1,300}[”"])"#).expect("regex"),
    })
}

/// How far after an id its date, issuer and title are looked for.
const CONTEXT: usize = 480;

/// Builds the references, skipping the document's own number at `own`.
pub fn references(
    lx: &Lexed<'_>,
    rules: &Rules,
    ids: &[IdMatch],
    dates: &[FoundDate],
    own: &[Span],
) -> Vec<Reference> {
    let text = lx.text;
    let p = patterns();
    let mut out = Vec::new();
    for (i, m) in ids.iter().enumerate() {
        let span = m.span;
        if own.iter().any(|o| o.overlaps(span.start, span.end)) {
            continue;
        }
        let next_start = ids
            .get(i + 1)
            .map(|x| x.span.start)
            .unwrap_or(text.len())
            .min(span.end + CONTEXT);
        let next_start = floor_boundary(text, next_start);
        // Type: the words right before the id, or the code.
        let mut start = span.start;
        let doc_type = match type_before(text, span.start, rules) {
            Some((ti, at)) => {
                start = at;
                Some(rules.doc_types[ti].name.clone())
            }
            None => {
                let first = m.doc_id.type_code();
                Some(
                    rules
                        .type_for_code(first)
                        .map(|t| t.name.clone())
                        .unwrap_or_else(|| rules.codes.letter_type.clone()),
                )
            }
        };
        let (date, mut end) = date_after(text, span, dates, next_start, rules);
        let issuer = issuer_after(text, &mut end, next_start, rules);
        let title = title_after(&text[end..next_start.max(end)], p, rules);
        let role = role_of(text, start, rules);
        out.push(Reference {
            id: m.id.clone(),
            doc_type,
            number: m.doc_id.number.clone(),
            code: m.doc_id.code.clone(),
            year: m.doc_id.year,
            date,
            issuer,
            role,
            title,
            line: lx.line_of(span.start),
            text: lx.mention(start, end),
        });
    }
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Cuts `s` before the first of `words` (lower case) that stands as a whole word.
fn cut_at_words<'a>(s: &'a str, words: &[String]) -> &'a str {
    let end = words
        .iter()
        .filter_map(|w| scan::find_word(s, w))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// Cuts an issuer before a document type that starts another reference (`… tỉnh và Công văn`).
fn cut_before_type<'a>(s: &'a str, rules: &Rules) -> &'a str {
    let end = rules
        .doc_types
        .iter()
        .filter_map(|t| scan::find_word(s, &t.name_lower))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// Cuts a title at `, <issuer head>` (the sentence's own subject).
fn cut_at_subject<'a>(s: &'a str, rules: &Rules) -> &'a str {
    let mut end = s.len();
    for (i, _) in s.match_indices(", ") {
        let after = &s[i + 2..];
        if rules
            .issuers
            .heads
            .iter()
            .any(|h| after.starts_with(h.as_str()))
        {
            end = i;
            break;
        }
    }
    &s[..end]
}

/// Cuts `s` at the first full stop that ends a sentence (`. ` and a capital).
fn cut_at_sentence_end(s: &str) -> &str {
    let mut from = 0;
    while let Some(i) = s[from..].find(". ") {
        let pos = from + i;
        if s[pos + 2..].starts_with(|c: char| c.is_uppercase()) {
            return &s[..pos];
        }
        from = pos + 2;
    }
    s
}

/// How far back the sentence of a reference is looked at for its role.
const ROLE_WINDOW: usize = 600;

/// The role the sentence before `at` gives a reference.
///
/// The words are looked for in the clause before the reference; when that clause is empty or
/// is itself a cited document (a list `Thực hiện A; B; C`), the search goes on to the clause
/// before it, up to the start of the sentence.
fn role_of(text: &str, at: usize, rules: &Rules) -> Role {
    let window_start = at - tail(text, at, ROLE_WINDOW).len();
    let sentence_start = text[window_start..at]
        .rfind(['.', '\n', '!', '?'])
        .map(|i| window_start + i + 1)
        .unwrap_or(window_start);
    let mut end = at;
    loop {
        let clause_start = text[sentence_start..end]
            .rfind(';')
            .map(|i| sentence_start + i + 1)
            .unwrap_or(sentence_start);
        let clause = &text[clause_start..end];
        let t = clause.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == ',');
        let t = scan::word_prefix_len(t, "và").map(|n| &t[n..]).unwrap_or(t);
        let t = t.trim_start();
        let is_list_item = t.is_empty()
            || rules
                .doc_types
                .iter()
                .any(|d| scan::word_prefix_len(t, &d.name_lower).is_some());
        if is_list_item && clause_start > sentence_start {
            end = clause_start - 1;
            continue;
        }
        return role_in(clause, rules).unwrap_or(Role::Mention);
    }
}

fn role_in(clause: &str, rules: &Rules) -> Option<Role> {
    let mut best: Option<(usize, Role)> = None;
    for r in &rules.roles {
        for w in &r.words {
            let mut from = 0;
            while let Some(i) = scan::find_word(&clause[from..], w) {
                let pos = from + i;
                let end = pos + scan::word_prefix_len(&clause[pos..], w).unwrap_or(w.len());
                if best.is_none_or(|(b, _)| end > b) {
                    best = Some((end, r.role));
                }
                from = end;
            }
        }
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::{Reference, Role};
    use crate::rules::Rules;

    fn refs(text: &str) -> Vec<Reference> {
        Extractor::built_in().extract_text(text).references
    }

    #[test]
    fn a_legal_basis_gives_its_id_date_and_role() {
        let r = refs("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 12/3/2020 của Chính phủ;");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].id, "45/2020/NĐ-CP");
        assert_eq!(r[0].role, Role::LegalBasis);
        assert_eq!(r[0].date.as_deref(), Some("2020-03-12"));
        assert_eq!(r[0].year, Some(2020));
    }

    #[test]
    fn a_plan_carried_out_is_implemented_and_names_its_issuer() {
        let r = refs(
            "Thực hiện Kế hoạch số 62/KH-UBND ngày 10/04/2024 của Ủy ban nhân dân huyện An Phú \
             về chuyển đổi số, Phòng Nội vụ báo cáo như sau:",
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].id, "62/KH-UBND");
        assert_eq!(r[0].role, Role::Implements);
        assert_eq!(r[0].issuer.as_deref(), Some("Ủy ban nhân dân huyện An Phú"));
    }

    #[test]
    fn counts_and_dates_are_no_ids() {
        assert!(refs("Đã có 12/15 xã hoàn thành, tỷ lệ 80%.").is_empty());
        assert!(refs("Hạn nộp báo cáo trước ngày 15/12/2024.").is_empty());
    }

    #[test]
    fn ids_typed_any_way_have_one_canonical_form() {
        let rules = Rules::built_in();
        for typed in [
            "2198/KH-UBND",
            "2198/kh-ubnd",
            "2198 /kh – ubnd",
            " 2198/KH - UBND ",
        ] {
            assert_eq!(
                super::canonical_id(typed, rules).as_deref(),
                Some("2198/KH-UBND"),
                "{typed}"
            );
        }
        assert_eq!(super::canonical_id("chuyển đổi số", rules), None);
    }
}
