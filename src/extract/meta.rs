//! The document's own identity from its header and signature block: number (`Số: …`), kind,
//! title, place and date (`Tháp Mười, ngày 28 tháng 3 năm 2023`, blank-day drafts give a
//! month), issuer and signer.

use regex::Regex;

use super::refs::IdMatch;
use super::{Ctx, Span};
use crate::model::Meta;

/// Compiled patterns for this module.
#[derive(Debug)]
pub struct Patterns {
    number_line: Regex,
    place_date: Regex,
    signer_title: Regex,
}

impl Default for Patterns {
    fn default() -> Self {
        Patterns {
            number_line: Regex::new(r"^[\s*_#]*Số\s*:?\s*").expect("regex"),
            place_date: Regex::new(
                r"(?i)^[\s*_#]*([\p{L}][\p{L} .'-]{1,40}?)\s*,\s*ngày\s*([0-9]{1,2})?[\s.…_]*tháng\s*([0-9]{1,2})?[\s.…_]*năm\s*([0-9]{4})",
            )
            .expect("regex"),
            signer_title: Regex::new(r"CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|BÍ THƯ|THỦ TRƯỞNG|KT\.|TM\.|TL\.|Q\. ").expect("regex"),
        }
    }
}

/// How many lines from the top the header may take.
const HEADER_LINES: usize = 40;

fn clean(line: &str) -> &str {
    line.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#' || c.is_whitespace())
}

/// Extracts the meta block; returns it with the span of the own number (kept out of
/// `references`).
pub fn meta(ctx: &Ctx<'_>, ids: &[IdMatch]) -> (Meta, Option<Span>) {
    let text = ctx.text;
    let rules = ctx.rules;
    let p = &ctx.patterns.meta;
    let mut meta = Meta {
        kind: "other".into(),
        ..Meta::default()
    };
    let mut own_span = None;
    let mut own_code_kind: Option<String> = None;
    let mut offset = 0usize;
    let mut header_issuer: Vec<String> = Vec::new();
    let mut seen_number = false;
    let mut heading_at: Option<usize> = None;
    let mut header_open = false;
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate().take(HEADER_LINES) {
        let line_start = offset;
        offset += line.len() + 1;
        if meta.number.is_none() && !seen_number {
            if let Some(m) = p.number_line.find(line) {
                seen_number = true;
                let at = line_start + m.end();
                if let Some(id) = ids
                    .iter()
                    .find(|x| x.span.start >= at && x.span.start <= at + 3)
                {
                    meta.number = Some(id.id.clone());
                    own_span = Some(id.span);
                    let first = id.code.split(['-', '/']).next().unwrap_or("");
                    own_code_kind = rules.type_for_code(first).map(|t| t.kind.clone());
                } else {
                    // A draft: `Số:   /KH-UBND`.
                    let rest = &line[m.end()..];
                    if let Some(slash) = rest.find('/') {
                        let first: String = rest[slash + 1..]
                            .chars()
                            .take_while(|c| c.is_alphabetic())
                            .collect();
                        own_code_kind = rules.type_for_code(&first).map(|t| t.kind.clone());
                    }
                }
                continue;
            }
        }
        let c = clean(line);
        if meta.date.is_none() && meta.place.is_none() {
            if let Some(caps) = p.place_date.captures(line) {
                meta.place = Some(caps[1].trim().to_string());
                let y: i32 = caps[4].parse().unwrap_or(0);
                let month: Option<u32> = caps.get(3).and_then(|m| m.as_str().parse().ok());
                let day: Option<u32> = caps.get(2).and_then(|m| m.as_str().parse().ok());
                meta.date = match (day, month) {
                    (Some(d), Some(m)) => super::dates::iso_date(d, m, y),
                    (None, Some(m)) if (1..=12).contains(&m) => Some(format!("{y:04}-{m:02}")),
                    _ => None,
                };
                continue;
            }
        }
        if heading_at.is_none() && !c.is_empty() {
            let upper = c
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(|ch| ch.is_uppercase());
            // The kind heading stands alone on its line (`BÁO CÁO`; in lower case when TCVN3
            // lost the capitals).
            if let Some(t) = rules
                .doc_types
                .iter()
                .find(|t| t.name.to_lowercase() == c.to_lowercase())
            {
                heading_at = Some(i);
                meta.kind = t.kind.clone();
                continue;
            }
            // The issuer block: capital lines at the top, starting with an issuer word.
            if upper && !seen_number && meta.place.is_none() {
                let starts_issuer = rules
                    .issuers
                    .heads
                    .iter()
                    .any(|h| crate::normalize::fold(c).starts_with(&crate::normalize::fold(h)));
                if starts_issuer || (!header_issuer.is_empty() && header_open) {
                    header_issuer.push(c.to_string());
                    header_open = true;
                    continue;
                }
            }
            header_open = false;
            if c.starts_with("V/v") || c.starts_with("v/v") {
                meta.kind = rules
                    .type_named(&rules.codes.letter_type)
                    .map(|t| t.kind.clone())
                    .unwrap_or_else(|| "letter".into());
                meta.title = Some(c[3..].trim().to_string());
            }
        }
    }
    if heading_at.is_none() && meta.kind == "other" {
        if let Some(k) = own_code_kind {
            meta.kind = k;
        }
    }
    if let Some(h) = heading_at {
        let mut title = Vec::new();
        for line in lines.iter().skip(h + 1) {
            let c = clean(line);
            if c.is_empty() {
                if title.is_empty() {
                    continue;
                }
                break;
            }
            let opener =
                c.starts_with("Căn cứ") || c.starts_with("Thực hiện") || c.starts_with("Kính gửi");
            if (opener && !title.is_empty()) || c.starts_with("Căn cứ") || c.chars().count() > 200
            {
                break;
            }
            // The authority line of a decision (`CHỦ TỊCH ỦY BAN NHÂN DÂN …`) is not the title.
            if !title.is_empty()
                && c.chars()
                    .filter(|ch| ch.is_alphabetic())
                    .all(|ch| ch.is_uppercase())
            {
                break;
            }
            title.push(c.to_string());
            if title.len() >= 3 {
                break;
            }
        }
        if !title.is_empty() {
            meta.title = Some(title.join(" "));
        }
    }
    if !header_issuer.is_empty() {
        meta.issuer = Some(header_issuer.join(" "));
    }
    meta.signer = signer(&lines, p);
    (meta, own_span)
}

/// The signer: the name under the last signature title near the end.
fn signer(lines: &[&str], p: &Patterns) -> Option<String> {
    let n = lines.len();
    let from = n.saturating_sub(30);
    let mut after_title = false;
    let mut found = None;
    for line in &lines[from..] {
        let c = clean(line);
        if c.is_empty() {
            continue;
        }
        if p.signer_title.is_match(c)
            && c.chars()
                .filter(|ch| ch.is_alphabetic())
                .all(|ch| ch.is_uppercase())
        {
            after_title = true;
            continue;
        }
        if after_title && is_name(c) {
            found = Some(c.to_string());
            after_title = false;
        }
    }
    found
}

fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_alphabetic() && c.is_lowercase())
        })
}
