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
use crate::model::Kind;

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

/// What the figure at byte `at` (on 1-based `line`) is for.
pub fn of(ctx: &Ctx<'_, '_>, at: usize, line: usize) -> Purpose {
    if ctx.sections.in_results(line) {
        return Purpose::Achieved;
    }
    if ctx.sections.in_goals(line) {
        return Purpose::Required;
    }
    let clause = phrases::sentence_part(ctx.lx, at);
    if ctx.vocab.goal_words.any_in(&clause) {
        return Purpose::Required;
    }
    match ctx.meta.kind {
        Kind::Plan => Purpose::Required,
        Kind::Decision => Purpose::Neither,
        _ if ctx.vocab.task_words.any_in(&clause) => Purpose::Required,
        _ => Purpose::Achieved,
    }
}
