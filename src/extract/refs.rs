//! References to other documents, in every shape documents use:
//!
//! - state style, with or without `số` and year: `Quyết định số 3241/QĐ-UBND ngày 03/6/2022`,
//!   `Nghị định 42/2022/NĐ-CP`, `Công văn 2995/UBND-VX`, folded or spaced
//!   (`45 / 2016 / QĐ - TTg`, `QD-TTg`);
//! - party style: `Kế hoạch số 71-KH/HU`, `Nghị quyết 04-NQ/TU`;
//! - bare in table rows: `62/KH-UBND\t10/04/2024`.
//!
//! Each gets a canonical id, its type (from the words before it or from its code), the date and
//! issuer that follow it, the title (`về việc …`), and its role in the sentence (`căn cứ`,
//! `thực hiện`, `thay thế`, … from `rules/roles.toml`).

use regex::Regex;

use super::dates::Found;
use super::{Ctx, Span};
use crate::model::Reference;
use crate::rules::Rules;

/// Compiled patterns for this module.
#[derive(Debug)]
pub struct Patterns {
    state: Regex,
    party: Regex,
    type_before: Regex,
    issuer: Regex,
    title: Regex,
    quoted: Regex,
    starts_with_type: Regex,
}

const SEG: &str = r"[A-ZĐ][A-Za-zĐđ0-9]{0,11}";

impl Patterns {
    /// Builds the patterns from the rules.
    pub fn new(rules: &Rules) -> Patterns {
        let types = rules
            .doc_types
            .iter()
            .map(|t| regex::escape(&t.name))
            .collect::<Vec<_>>()
            .join("|");
        let heads = {
            let mut h: Vec<&String> = rules.issuers.heads.iter().collect();
            h.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
            h.iter()
                .map(|s| regex::escape(s))
                .collect::<Vec<_>>()
                .join("|")
        };
        Patterns {
            state: Regex::new(&format!(
                r"([0-9]{{1,5}})[ \t]{{0,2}}/[ \t]{{0,2}}(?:((?:19|20)[0-9]{{2}})[ \t]{{0,2}}/[ \t]{{0,2}})?({SEG}\b(?:[ \t]?[-–][ \t]?{SEG}\b){{0,4}})"
            ))
            .expect("regex"),
            party: Regex::new(&format!(
                r"([0-9]{{1,5}})[ \t]?[-–][ \t]?([A-ZĐ][A-Za-zĐđ]{{0,5}})[ \t]?/[ \t]?({SEG}\b(?:[-–]{SEG}\b){{0,3}})"
            ))
            .expect("regex"),
            type_before: Regex::new(&format!(r"(?i)({types})\s*(?:số\s*:?\s*)?$")).expect("regex"),
            issuer: Regex::new(&format!(r"^\s*,?\s*của\s+((?:{heads})\b[^;:.,()\n“”]*)")).expect("regex"),
            title: Regex::new(r"^\s*,?\s*(?:(?:quy\s+định|hướng\s+dẫn)\s+)?(?:về\s+việc|về|V/v|v/v)\s+([^;\n]+)|^\s*,?\s*((?:phê\s+duyệt|ban\s+hành|quy\s+định|hướng\s+dẫn)\s+[^;\n]+)").expect("regex"),
            starts_with_type: Regex::new(&format!(r"(?i)^(?:{types})\b")).expect("regex"),
            quoted: Regex::new(r#"^\s*,?\s*(?:về\s+)?(?:việc\s+)?(?:thực\s+hiện\s+)?(?:ban\s+hành\s+)?([\p{L} ]{0,20}[“"][^”"\n]{1,300}[”"])"#).expect("regex"),
        }
    }
}

/// An id-shaped mention: where it is and its parts.
#[derive(Debug, Clone)]
pub struct IdMatch {
    /// Byte span of the id.
    pub span: Span,
    /// Canonical id.
    pub id: String,
    /// Number part.
    pub number: String,
    /// Type code.
    pub code: String,
    /// Year inside the id.
    pub year: Option<i32>,
}

/// Finds every id-shaped mention with its canonical id; no context yet.
pub fn find_ids(ctx: &Ctx<'_>) -> Vec<IdMatch> {
    find(ctx, false)
}

/// Like [`find_ids`] but also takes a single-segment code without a type word (for ids typed
/// by a user, where there is no sentence around them).
pub fn find_ids_loose(ctx: &Ctx<'_>) -> Vec<IdMatch> {
    find(ctx, true)
}

fn find(ctx: &Ctx<'_>, loose: bool) -> Vec<IdMatch> {
    let text = ctx.text;
    let rules = ctx.rules;
    let p = &ctx.patterns.refs;
    let mut out: Vec<IdMatch> = Vec::new();
    for caps in p.party.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-'))
        {
            continue;
        }
        let number = caps[1].to_string();
        let kind = rules.canonical_segment(&caps[2]);
        if rules.type_for_code(&kind).is_none() {
            continue;
        }
        let issuer: Vec<String> = caps[3]
            .split(['-', '–'])
            .map(|s| rules.canonical_segment(s.trim()))
            .collect();
        let code = format!("{kind}/{}", issuer.join("-"));
        let id = format!("{number}-{code}");
        out.push(IdMatch {
            span: Span::new(m.start(), m.end()),
            id,
            number,
            code,
            year: None,
        });
    }
    let party: Vec<Span> = out.iter().map(|x| x.span).collect();
    for caps in p.state.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if super::overlaps_any(&party, m.start(), m.end()) {
            continue;
        }
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-'))
        {
            continue;
        }
        let segments: Vec<&str> = caps[3].split(['-', '–']).map(str::trim).collect();
        if segments
            .iter()
            .any(|s| s.chars().count() > rules.codes.max_segment || !code_like(s))
        {
            continue;
        }
        let year: Option<i32> = caps.get(2).and_then(|y| y.as_str().parse().ok());
        // A single bare segment (`12/KH`) counts only with a year (`20/2023/QH15`) or when it
        // is a type code right after a type word; `Đề án 06/CP` is a nickname, not an id.
        if segments.len() == 1 && year.is_none() && !loose {
            let before = tail(text, m.start());
            if !p.type_before.is_match(before.trim_end_matches([' ', '\t']))
                || rules.type_for_code(segments[0]).is_none()
            {
                continue;
            }
        }
        let code = segments
            .iter()
            .map(|s| rules.canonical_segment(s))
            .collect::<Vec<_>>()
            .join("-");
        let number = caps[1].to_string();
        let id = match year {
            Some(y) => format!("{number}/{y}/{code}"),
            None => format!("{number}/{code}"),
        };
        out.push(IdMatch {
            span: Span::new(m.start(), m.end()),
            id,
            number,
            code,
            year,
        });
    }
    out.sort_by_key(|x| x.span.start);
    out
}

/// Whether a segment looks like part of a type code: mostly capitals (`UBND`, `TTg`, `CTr`).
fn code_like(seg: &str) -> bool {
    let letters: Vec<char> = seg.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    seg.starts_with(|c: char| c.is_uppercase()) && upper * 2 >= letters.len()
}

/// Builds the references, skipping the document's own number at `own`.
pub fn references(
    ctx: &Ctx<'_>,
    ids: &[IdMatch],
    dates: &[Found],
    own: Option<Span>,
) -> Vec<Reference> {
    let text = ctx.text;
    let rules = ctx.rules;
    let p = &ctx.patterns.refs;
    let mut out = Vec::new();
    for (
        i,
        IdMatch {
            span,
            id,
            number,
            code,
            year,
        },
    ) in ids.iter().enumerate()
    {
        if own.is_some_and(|o| o.overlaps(span.start, span.end)) {
            continue;
        }
        let next_start = ids.get(i + 1).map(|x| x.span.start).unwrap_or(text.len());
        // Type: the words right before the id, or the code.
        let before = tail(text, span.start);
        let mut start = span.start;
        let doc_type = if let Some(c) = p.type_before.captures(before.trim_end_matches([' ', '\t']))
        {
            let m = c.get(0).expect("match");
            start = span.start - before.len() + m.start();
            rules.type_named(&c[1]).map(|t| t.name.clone())
        } else {
            let first = code.split(['-', '/']).next().unwrap_or("");
            Some(
                rules
                    .type_for_code(first)
                    .map(|t| t.name.clone())
                    .unwrap_or_else(|| rules.codes.letter_type.clone()),
            )
        };
        // Date right after: `ngày 28/4/2022`, `, ngày 28 tháng 10 năm 2021`, or a table cell.
        let mut end = span.end;
        let mut date = None;
        // Dates are sorted by position: look only at the first one after the id.
        let first_after = dates.partition_point(|d| d.span.start < span.end);
        if let Some(d) = dates[first_after..]
            .first()
            .filter(|d| d.span.start <= span.end + 40 && d.span.start < next_start)
        {
            let gap = &text[span.end..d.span.start];
            let gap_t = gap
                .trim_matches(|c: char| c.is_whitespace() || c == ',')
                .to_lowercase();
            let table = gap == "\t";
            if table
                || gap_t.is_empty()
                || gap_t == "ngày"
                || gap_t == "ban hành ngày"
                || gap_t == "ký ngày"
            {
                date = Some(d.value.clone());
                end = d.span.end;
            }
        }
        // Issuer: `của Ủy ban nhân dân tỉnh`.
        let mut issuer = None;
        if let Some(c) = p.issuer.captures(&text[end..next_start.max(end)]) {
            let raw = c.get(1).expect("group");
            let phrase = cut_at_words(raw.as_str(), &rules.issuers.stop_words);
            // `của Ủy ban nhân dân tỉnh và Công văn …`: another document starts.
            let type_names: Vec<String> = rules
                .doc_types
                .iter()
                .map(|t| format!(" {}", t.name))
                .collect();
            let phrase = cut_at_phrases(phrase, &type_names).trim();
            let phrase = phrase.strip_suffix(" và").unwrap_or(phrase).trim();
            if !phrase.is_empty() {
                issuer = Some(phrase.to_string());
                end += raw.start() + phrase.len();
            }
        }
        // Title: `về việc …` or a quoted name (`Đề án “…”`).
        let mut title = None;
        let rest = &text[end..next_start.max(end)];
        if let Some(c) = p.quoted.captures(rest) {
            title = Some(c[1].trim().to_string());
        } else if let Some(c) = p.title.captures(rest) {
            // A title ends where the sentence's own subject starts (`…, Ủy ban nhân dân huyện
            // báo cáo`).
            let heads: Vec<String> = rules
                .issuers
                .heads
                .iter()
                .map(|h| format!(", {h}"))
                .collect();
            let found = c
                .get(1)
                .or_else(|| c.get(2))
                .map(|m| m.as_str())
                .unwrap_or("");
            let t = cut_at_phrases(found, &heads);
            let t = cut_at_sentence_end(t)
                .trim()
                .trim_end_matches(['.', ',', ')']);
            let t: String = t.chars().take(300).collect();
            if !t.is_empty() {
                title = Some(t);
            }
        }
        let role = role_of(text, start, rules, p);
        out.push(Reference {
            id: id.clone(),
            doc_type,
            number: number.clone(),
            code: code.clone(),
            year: *year,
            date,
            issuer,
            role,
            title,
            line: ctx.line_of(span.start),
            text: ctx.mention(start, end),
        });
    }
    out
}

/// The last few words before byte `at`: enough for a type name and `số`, and bounded so that
/// looking back costs the same anywhere in a long document.
fn tail(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(64);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// Cuts `s` before the first of `words` that stands as a whole word.
fn cut_at_words<'a>(s: &'a str, words: &[String]) -> &'a str {
    let mut end = s.len();
    for w in words {
        let mut from = 0;
        while let Some(i) = s[from..].find(w.as_str()) {
            let pos = from + i;
            let ok_start = s[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let ok_end = s[pos + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if ok_start && ok_end {
                end = end.min(pos);
                break;
            }
            from = pos + w.len();
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

/// Cuts `s` before the first of `phrases`.
fn cut_at_phrases<'a>(s: &'a str, phrases: &[String]) -> &'a str {
    let end = phrases
        .iter()
        .filter_map(|p| s.find(p.as_str()))
        .min()
        .unwrap_or(s.len());
    &s[..end]
}

/// The role the sentence before `at` gives a reference.
///
/// The words are looked for in the clause before the reference; when that clause is empty or
/// is itself a cited document (a list `Thực hiện A; B; C`), the search goes on to the clause
/// before it, up to the start of the sentence.
fn role_of(text: &str, at: usize, rules: &Rules, p: &Patterns) -> String {
    let sentence_start = text[..at]
        .rfind(['.', '\n', '!', '?'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let mut end = at;
    loop {
        let clause_start = text[sentence_start..end]
            .rfind(';')
            .map(|i| sentence_start + i + 1)
            .unwrap_or(sentence_start);
        let clause = &text[clause_start..end];
        let t = clause.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == ',');
        let t = t.strip_prefix("và ").unwrap_or(t);
        let is_list_item = t.trim().is_empty() || p.starts_with_type.is_match(t);
        if is_list_item && clause_start > sentence_start {
            end = clause_start - 1;
            continue;
        }
        if let Some(r) = role_in(clause, rules) {
            return r;
        }
        return "mention".to_string();
    }
}

fn role_in(clause: &str, rules: &Rules) -> Option<String> {
    let before = clause.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for r in &rules.roles {
        for w in &r.words {
            let lw = w.to_lowercase();
            let mut from = 0;
            while let Some(i) = before[from..].find(&lw) {
                let pos = from + i;
                let ok_start = before[..pos]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let ok_end = before[pos + lw.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if ok_start && ok_end && best.is_none_or(|(b, _)| pos + lw.len() > b) {
                    best = Some((pos + lw.len(), r.role.as_str()));
                }
                from = pos + lw.len();
            }
        }
    }
    best.map(|(_, r)| r.to_string())
}
