//! The one place that decides what a figure in running text is for: achieved (a result),
//! required or planned (a target), or neither.
//!
//! In order: a section reporting results (`I. KẾT QUẢ THỰC HIỆN`) makes it achieved, a section
//! setting goals (`II. MỤC TIÊU`) makes it required; then the sentence's own words (`phấn đấu`,
//! `đến năm 2025`, a request with a deadline) make it required; then the kind of document
//! decides: a plan's figures are goals, a decision's are neither unless they say so, a
//! report's and a letter's are achieved. The words are `rules/sections.toml`.

use super::phrases;
use super::Ctx;
use crate::model::{Comparator, Kind};

/// What a figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Achieved: a result.
    Achieved,
    /// Required or planned: a target.
    Required,
    /// Neither (a rate set by a decision, a figure quoted from elsewhere).
    Neither,
}

/// The kind a document's figures are read by: its own, or for an annex with no kind of its
/// own, the kind of the document it is attached to (`Kèm theo Báo cáo số …`: a report's).
/// Worked out once per document (see [`Ctx::kind`]).
pub fn reading_kind(meta: &crate::model::Meta, rules: &crate::rules::Rules) -> Kind {
    if meta.kind != Kind::Other {
        return meta.kind;
    }
    let Some(title) = meta.title.as_deref() else {
        return meta.kind;
    };
    let Some(i) = super::scan::find_folded(title, "kem theo") else {
        return meta.kind;
    };
    let rest = title[i..]
        .split_whitespace()
        .skip(2)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    rules
        .doc_types
        .iter()
        .find(|t| rest.starts_with(&t.name_lower))
        .map_or(meta.kind, |t| t.kind)
}

/// What a value in a table cell is for, when its column's header does not say: the table's
/// caption (`KẾT QUẢ BỒI DƯỠNG NĂM 2025`, given as `caption`), the section the table sits in,
/// then the kind of document (a plan's values are planned, a report's achieved); elsewhere
/// only a value with a comparator (`≥ 80`) is required. The words of the row's label name what
/// is measured, not what the value is for (`Số văn bản chỉ đạo`).
pub fn of_cell(
    ctx: &Ctx<'_, '_>,
    line: usize,
    qualified: bool,
    caption: Option<Purpose>,
) -> Purpose {
    if let Some(p) = caption {
        return p;
    }
    if ctx.sections.in_results(line) {
        return Purpose::Achieved;
    }
    if ctx.sections.in_goals(line) {
        return Purpose::Required;
    }
    match ctx.kind {
        Kind::Plan => Purpose::Required,
        Kind::Report => Purpose::Achieved,
        _ if qualified => Purpose::Required,
        _ => Purpose::Neither,
    }
}

/// What the figure at byte `at` (on 1-based `line`) is for.
pub fn of(ctx: &Ctx<'_, '_>, at: usize, line: usize) -> Purpose {
    // The sentence up to the figure (`Phấn đấu …; 100% trụ sở …` sets both), and the clause
    // after it.
    let clause = phrases::sentence_part(ctx.lx, at);
    let lead = phrases::sentence_before(ctx.lx, at);
    let says = |w: &super::Words| w.any_in(&clause) || w.any_in(lead);
    // `A thì B`: a figure in A is the condition of a rule. A rule in brackets beside a figure
    // (`chỉ đạt 94% (trường hợp dưới 95% thì tiêu chí này đạt 0 điểm)`) conditions only the
    // figures inside them.
    let rule_words = if in_brackets(ctx, at) {
        clause.clone()
    } else {
        without_brackets(&clause)
    };
    if ctx.vocab.conditions.any_in(&rule_words) {
        return Purpose::Neither;
    }
    if says(&ctx.vocab.goal_words) {
        return Purpose::Required;
    }
    // `đạt 97,28% (chỉ tiêu đề ra là tối thiểu 98%)`: the quota stated beside a result, in
    // its own clause, even in a section of results.
    if ctx
        .vocab
        .quota_words
        .any_in(phrases::clause_before(ctx.lx, at))
    {
        return Purpose::Required;
    }
    // `thương binh suy giảm khả năng lao động từ 81% trở lên`, `tự bảo đảm từ 70% - dưới
    // 100% chi thường xuyên`: the bound of a class of people or units, outside a plan's goals.
    if ctx.kind != Kind::Plan && !ctx.sections.in_goals(line) && class_bound(ctx, at) {
        return Purpose::Neither;
    }
    if ctx.sections.in_results(line) {
        return Purpose::Achieved;
    }
    let hinted = |t: &str| ctx.vocab.goal_hints.any_outside(t, &ctx.vocab.goal_names);
    if ctx.sections.in_goals(line) || hinted(&clause) || hinted(lead) {
        return Purpose::Required;
    }
    match ctx.kind {
        Kind::Plan => Purpose::Required,
        Kind::Report if ctx.vocab.task_words.any_in(&clause) => Purpose::Required,
        Kind::Report => Purpose::Achieved,
        // Letters, decisions, notices: what the sentence does decides.
        kind => {
            // `giảm 27 vụ (12,68%)`: a figure that opens a bracket belongs to the clause
            // before the bracket.
            let mut before = phrases::clause_before(ctx.lx, at);
            let mut counted = false;
            if before.trim().is_empty() {
                let open = ctx.lx.text[..at].trim_end();
                if let Some(o) = open.strip_suffix('(') {
                    before = phrases::clause_before(ctx.lx, o.len());
                    // `217 người (1,55%)`: the share of a group just counted is a statistic.
                    counted = counted_before(ctx, o.trim_end().len());
                }
            }
            if counted || ctx.vocab.achieved.any_in(before) {
                return Purpose::Achieved;
            }
            let qualified = super::numbers::qualifier_around(ctx.lx.text, at, at, ctx.rules)
                .1
                .is_some_and(Comparator::is_bound);
            if qualified || ctx.vocab.directive.any_in(lead) || ctx.vocab.task_words.any_in(&clause)
            {
                return Purpose::Required;
            }
            if kind == Kind::Decision {
                Purpose::Neither
            } else {
                Purpose::Achieved
            }
        }
    }
}

/// Whether the figure at byte `at` stands inside brackets opened before it on its line.
fn in_brackets(ctx: &Ctx<'_, '_>, at: usize) -> bool {
    let (s, _) = phrases::line_bounds(ctx.lx, at);
    super::scan::open_brackets(&ctx.lx.text[s..at.max(s)]) > 0
}

/// A text without its bracketed asides (`a (b) c` → `a  c`); an unclosed bracket keeps the
/// rest.
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        // An aside left open: keep what it holds rather than lose the clause's end.
        return s.replace(['(', ')'], " ");
    }
    out
}

/// Whether the figure at byte `at` bounds a class rather than states a value: `từ 81% trở
/// lên`, `từ 21% đến 80%`, `từ 70% - dưới 100%` (a bound word right before it that no verb of
/// achievement precedes, or `trở lên` / `trở xuống` right after it).
fn class_bound(ctx: &Ctx<'_, '_>, at: usize) -> bool {
    let lx = ctx.lx;
    let text = lx.text;
    let k = lx.first_from(at);
    let Some(t) = lx.tokens.get(k).filter(|t| t.span.start == at) else {
        return false;
    };
    let after = super::scan::trim_spaces_start(super::scan::head(text, t.span.end, 24));
    let rules = ctx.rules;
    if rules
        .qualifiers
        .iter()
        .filter(|q| q.after)
        .flat_map(|q| &q.words)
        .any(|w| super::scan::word_prefix_len(after, w).is_some())
    {
        return true;
    }
    let before = super::scan::trim_spaces_end(super::scan::tail(text, at, 40));
    // The upper end of a class's range (`từ 21% đến 80%`) bounds it as its lower end does.
    if let Some(prev) = k.checked_sub(1).and_then(|j| lx.tokens.get(j)) {
        let gap = text[prev.span.end..at].trim();
        let range = gap == "-"
            || gap == "–"
            || super::scan::folded_prefix_len(gap, "den").is_some_and(|n| n == gap.len());
        if range
            && matches!(prev.tok, super::lexer::Tok::Percent(_))
            && class_bound(ctx, prev.span.start)
        {
            return true;
        }
    }
    let Some(n) = rules
        .figures
        .class_bounds
        .iter()
        .find_map(|w| super::scan::word_suffix_len(before, w))
    else {
        return false;
    };
    let rest = super::scan::trim_spaces_end(&before[..before.len() - n]);
    // `từ 70% - dưới 100%`, or a bound word no achievement verb leads (`đạt từ 80%` states).
    rest.ends_with(['-', '–'])
        || !ctx
            .vocab
            .achieved
            .any_in(rest.rsplit(' ').next().unwrap_or(""))
}

/// Whether the text ending at byte `end` is a count and its unit noun (`217 người`, `12 xã`).
fn counted_before(ctx: &Ctx<'_, '_>, end: usize) -> bool {
    let lx = ctx.lx;
    let k = lx.first_from(end.saturating_sub(40));
    lx.tokens[k..]
        .iter()
        .take_while(|t| t.span.end <= end)
        .filter(|t| matches!(t.tok, super::lexer::Tok::Num(_)))
        .last()
        .and_then(|t| super::numbers::unit_after(lx.text, t.span.end, ctx.rules).map(|u| (t, u)))
        .is_some_and(|(t, u)| {
            let rest = lx.text[t.span.end..end].trim();
            super::scan::word_prefix_len(rest, u) == Some(rest.len())
        })
}
