//! Required and planned values in running text: each with its comparator, value (and upper
//! bound for a range), unit, horizon and indicator.
//!
//! - Percentages a plan sets or a sentence requires (`phấn đấu ít nhất 80% hồ sơ …`, `từ 15%
//!   đến 20%`); what counts as required is decided by [`super::purpose`].
//! - Counts with a comparator word (`tối thiểu 40 Mbps`, `ít nhất 02 tin bài`, `≥ 5 doanh
//!   nghiệp`): a plain count in a task list is no target.
//!
//! `Ít nhất`/`tối thiểu`/`trở lên`/`≥` mean `>=`, `trên`/`>` mean `>`, `dưới`/`<` mean `<`,
//! `không quá`/`≤` mean `<=`; a plain value (`100% cơ quan`, `đạt 80%`) is `>=`: a target is
//! met when reached. The horizon is the year after a horizon word of the sentence (`đến năm
//! 2025`; `horizon_words` of `rules/sections.toml`), else in the
//! headings above (`Mục tiêu đến năm 2025`), else the document's own year.

use super::lexer::Tok;
use super::numbers::{self, FoundPercent};
use super::phrases::{self, clean_indicator, phrase_before, trim_links, what_follows};
use super::purpose::{self, Purpose};
use super::scan;
use super::{Ctx, Span};
use crate::model::{Comparator, Kind, Period, Target, TargetContext, ValueStage, ValueStatement};

/// The comparator a target's qualifier gives: `about` and `reached` qualifiers and none at all
/// mean the value is to be reached (`>=`).
pub fn target_comparator(c: Option<Comparator>) -> Comparator {
    match c {
        None | Some(Comparator::Eq) | Some(Comparator::About) => Comparator::Ge,
        Some(c) => c,
    }
}

/// `từ 15% đến 20%`, `15 - 20%`: the upper value when the percentage at `span` opens a range.
pub fn range_after(text: &str, span: Span, pcts: &[FoundPercent]) -> Option<f64> {
    let rest = scan::trim_spaces_start(scan::head(text, span.end, 16));
    let opens = scan::folded_prefix_len(rest, "den").is_some()
        || scan::folded_prefix_len(rest, "toi").is_some()
        || rest.starts_with('-')
        || rest.starts_with('–');
    if !opens {
        return None;
    }
    let from = pcts.partition_point(|p| p.span.start <= span.end);
    pcts.get(from)
        .filter(|p| p.span.start - span.end <= 16)
        .map(|p| p.percentage.value)
}

/// The horizon of a target stated at byte `at` on `line`.
pub fn horizon(ctx: &Ctx<'_, '_>, at: usize, line: usize, periods: &[Period]) -> Option<i32> {
    let clause = phrases::sentence_part(ctx.lx, at);
    if let Some((i, _)) = ctx.vocab.horizon_words.find_in(&clause) {
        if let Some(y) = super::sections::year_in(&clause[i..]) {
            return Some(y);
        }
    }
    if let Some(y) = ctx.sections.year(line) {
        return Some(y);
    }
    due_year(ctx, periods)
}

/// The year a target of the document is due when neither its sentence nor its section says:
/// the end of the period its title names (`… giai đoạn 2026 - 2030` → 2030), else the
/// document's own year.
pub fn due_year(ctx: &Ctx<'_, '_>, periods: &[Period]) -> Option<i32> {
    if let Some(y) = ctx.meta.title.as_deref().and_then(period_end) {
        return Some(y);
    }
    own_year(ctx, periods)
}

/// The last year of a range of years a text names (`2026 - 2030`, `2026–2030`): `None` for one
/// year alone.
fn period_end(text: &str) -> Option<i32> {
    let years: Vec<i32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect();
    let (first, last) = (*years.first()?, *years.last()?);
    (last > first && last - first <= 15).then_some(last)
}

/// The document's own year: its date, else a year in its title, else the end of its periods.
pub fn own_year(ctx: &Ctx<'_, '_>, periods: &[Period]) -> Option<i32> {
    if let Some(y) = ctx.meta.date.as_deref().and_then(crate::model::iso_year) {
        return Some(y);
    }
    if let Some(y) = ctx.meta.title.as_deref().and_then(super::sections::year_in) {
        return Some(y);
    }
    periods.iter().filter_map(|p| p.to_year()).max()
}

/// The target of the percentage `k` (required), with its indicator.
pub fn percent_target(
    ctx: &Ctx<'_, '_>,
    pcts: &[FoundPercent],
    k: usize,
    context: TargetContext,
    horizon: Option<i32>,
    indicator: Option<String>,
) -> Target {
    let lx = ctx.lx;
    let p = &pcts[k];
    let between = range_after(lx.text, p.span, pcts);
    let comparator = if between.is_some() {
        Comparator::Between
    } else {
        target_comparator(
            p.percentage
                .comparator
                .filter(|c| *c != Comparator::Eq)
                .or_else(|| later_qualifier(ctx, p.span.end)),
        )
    };
    // The target's own words name it (what follows the value, else what precedes it); a
    // given name (a criterion's) stands beside them when they say little.
    let own = {
        let upper = between.and_then(|_| {
            let from = pcts.partition_point(|q| q.span.start <= p.span.end);
            pcts.get(from).map(|q| q.span.end)
        });
        let after = what_follows(ctx, upper.unwrap_or(p.span.end));
        let after_words = after.split_whitespace().count();
        if after_words >= 2 {
            // A bare noun after the figure (`100% xã có …`) is named further by the words
            // before it (`Phấn đấu hệ thống cáp quang phủ đến 100% xã`).
            let before = trim_links(
                &phrase_before(lx, p.span.start, &ctx.vocab.links),
                &ctx.vocab.links,
            );
            let context = before.split_whitespace().count();
            if after_words <= 5
                && (2..=20).contains(&context)
                && !ctx.vocab.adverbs.is_whole(&before)
            {
                format!("{after} ({before})")
            } else {
                after
            }
        } else {
            trim_links(
                &phrase_before(lx, p.span.start, &ctx.vocab.links),
                &ctx.vocab.links,
            )
        }
    };
    // `đạt 97,6% (chỉ tiêu đề ra là tối thiểu 98%)`: the quota names what the figure before
    // its bracket measures.
    let own = match quota_of(ctx, pcts, k) {
        Some(j) => trim_links(
            &phrase_before(lx, pcts[j].span.start, &ctx.vocab.links),
            &ctx.vocab.links,
        ),
        None => own,
    };
    let indicator = match indicator {
        Some(name) if own.split_whitespace().count() < 3 => {
            if own.is_empty() || name.contains(&own) {
                name
            } else {
                format!("{own} ({name})")
            }
        }
        _ => own,
    };
    let (ls, le) = phrases::line_bounds(lx, p.span.start);
    Target {
        indicator: clean_indicator(&indicator),
        comparator,
        value: p.percentage.value,
        value_max: between,
        unit: "%".into(),
        horizon,
        context,
        section: ctx.sections.path(p.percentage.line),
        line: p.percentage.line,
        text: scan::head(&lx.text[ls..le], 0, 600)
            .trim()
            .trim_start_matches(['-', '+', '*', ' '])
            .chars()
            .take(300)
            .collect(),
    }
}

/// When percentage `k` is a quota stated in brackets after a result on its line (`đạt 97,6%
/// (chỉ tiêu đề ra là tối thiểu 98%)`), the index of that result's percentage.
fn quota_of(ctx: &Ctx<'_, '_>, pcts: &[FoundPercent], k: usize) -> Option<usize> {
    let lx = ctx.lx;
    let p = &pcts[k];
    let clause = phrases::clause_before(lx, p.span.start);
    if !ctx.vocab.quota_words.any_in(clause) {
        return None;
    }
    let open = lx.text[..p.span.start].rfind('(')?;
    let j = k.checked_sub(1)?;
    let prev = &pcts[j];
    (prev.percentage.line == p.percentage.line && prev.span.end <= open).then_some(j)
}

/// `60% dân số trở lên`: a qualifier later in the same clause.
fn later_qualifier(ctx: &Ctx<'_, '_>, end: usize) -> Option<Comparator> {
    let rest = scan::head(ctx.lx.text, end, 160);
    let stop = rest.find([',', ';', '.', '\n']).unwrap_or(rest.len());
    let clause = &rest[..stop];
    ctx.rules
        .qualifiers
        .iter()
        .filter(|q| q.after)
        .find(|q| q.words.iter().any(|w| scan::find_word(clause, w).is_some()))
        .map(|q| q.comparator)
}

/// Targets of running text: the percentages that are required.
pub fn from_prose(
    ctx: &Ctx<'_, '_>,
    pcts: &[FoundPercent],
    used: &mut [bool],
    periods: &[Period],
) -> Vec<Target> {
    let text = ctx.lx.text;
    let mut out = Vec::new();
    for k in 0..pcts.len() {
        if used[k] {
            continue;
        }
        let p = &pcts[k];
        let line = p.percentage.line;
        if purpose::of(ctx, p.span.start, line) != Purpose::Required {
            continue;
        }
        used[k] = true;
        // The upper end of a range belongs to the target of its lower end.
        if k > 0
            && range_after(text, pcts[k - 1].span, pcts) == Some(p.percentage.value)
            && used[k - 1]
            && out.last().is_some_and(|t: &Target| t.value_max.is_some())
        {
            continue;
        }
        let h = horizon(ctx, p.span.start, line, periods);
        out.push(percent_target(ctx, pcts, k, TargetContext::Plan, h, None));
    }
    out
}

/// The comparator, unit and end of the unit of a counted target: a qualified count needs a
/// unit (or, after a word of obligation, any noun: `tối thiểu 05 kịch bản`); a repeated quota
/// takes the noun after it; a plain count a unit and a goal in the words before it. `None`:
/// not a counted target.
fn count_unit(
    ctx: &Ctx<'_, '_>,
    t: &super::lexer::Token,
    qualified: Option<Comparator>,
    word: Option<&str>,
    repeated: bool,
) -> Option<(Comparator, String, usize)> {
    let (lx, text) = (ctx.lx, ctx.lx.text);
    match qualified {
        Some(c) => match unit_of_count(ctx, t.span.end) {
            Some((u, e)) => Some((c, u, e)),
            None => word
                .filter(|w| ctx.vocab.time_bounds.is_whole(w))
                .and_then(|_| noun_after(text, t.span.end))
                .map(|(u, e)| (c, u, e)),
        },
        None if repeated && !is_part_of_something(text, t.span) => unit_of_count(ctx, t.span.end)
            .or_else(|| noun_after(text, t.span.end))
            .map(|(u, e)| (Comparator::Ge, u, e)),
        None => {
            let planned = || {
                let lead = phrases::sentence_before(lx, t.span.start);
                ctx.vocab.goal_words.any_in(lead)
            };
            match numbers::unit_after(text, t.span.end, ctx.rules) {
                Some(_) if !is_part_of_something(text, t.span) && planned() => {
                    unit_of_count(ctx, t.span.end).map(|(u, e)| (Comparator::Ge, u, e))
                }
                _ => None,
            }
        }
    }
}

/// What a counted target measures: its unit and the words after it (`02 xã đạt chuẩn nông
/// thôn mới`), or the words before the count when only the unit follows.
fn count_indicator(ctx: &Ctx<'_, '_>, at: usize, unit: &str, unit_end: usize) -> String {
    let after = phrases::phrase_after(ctx, unit_end);
    if after.split_whitespace().count() >= 2 {
        return format!("{unit} {after}");
    }
    let before = trim_links(
        &phrase_before(ctx.lx, at, &ctx.vocab.links),
        &ctx.vocab.links,
    );
    if before.is_empty() {
        unit.to_string()
    } else {
        before
    }
}

/// Counts with a comparator word in a goal (`tối thiểu 40 Mbps`, `ít nhất 02 tin bài/tháng`,
/// `≥ 5 doanh nghiệp`): targets in units other than `%`. Tokens marked in `skip` (table cells)
/// are left out.
pub fn counts(ctx: &Ctx<'_, '_>, skip: &[bool]) -> Vec<Target> {
    let lx = ctx.lx;
    let text = lx.text;
    let mut out = Vec::new();
    // The last line looked at for a goal word, and whether it has one.
    let mut goal_line: Option<(usize, bool)> = None;
    for (k, t) in lx.tokens.iter().enumerate() {
        let Tok::Num(n) = &t.tok else {
            continue;
        };
        if skip.get(k).copied().unwrap_or(false) || !n.value.is_finite() || n.year().is_some() {
            continue;
        }
        let (word, comparator) =
            numbers::qualifier_around(text, t.span.start, t.span.end, ctx.rules);
        let qualified = comparator.filter(|c| !matches!(c, Comparator::Eq | Comparator::About));
        // `Hằng tháng tổ chức 01 cuộc đối thoại`: a quota to repeat, outside what was done.
        let repeated = qualified.is_none()
            && !ctx.sections.in_results(t.line)
            && repeats(ctx, t.span.start)
            && duration_after(ctx, t.span.end).is_none();
        // In a document that lays down rules, a duration is a time limit or nothing; elsewhere
        // it is counted like any other unit (`xử lý trong vòng 48 giờ` in a directive).
        if matches!(ctx.kind, Kind::Decision | Kind::Other) {
            if let Some(unit) = duration_after(ctx, t.span.end) {
                if let Some(c) = qualified {
                    if let Some(tg) = time_limit(ctx, t, n.value, c, word.as_deref(), unit) {
                        out.push(tg);
                    }
                }
                continue;
            }
        }
        // A plain count (`Phấn đấu năm 2013 có thêm 02 xã đạt chuẩn`) is a target when its
        // sentence sets a goal in so many words; a plain count of a task (`Tổ chức 3 lớp tập
        // huấn`) is not.
        if qualified.is_none() && !repeated {
            // Most numbers of a report: no qualifier and no goal word on their line.
            if !matches!(ctx.meta.kind, Kind::Plan | Kind::Report) {
                continue;
            }
            let has_goal = match goal_line {
                Some((l, has)) if l == t.line => has,
                _ => {
                    let has = ctx.vocab.goal_words.any_in(lx.line_text(t.line));
                    goal_line = Some((t.line, has));
                    has
                }
            };
            if !has_goal {
                continue;
            }
        }
        // Money and time limits in rules (`không quá 3 ngày`, `tối đa 50 triệu đồng`) are no
        // indicator of a plan.
        if numbers::money_words_after(text, t.span.end, ctx.rules, t.span.start).is_some() {
            continue;
        }
        let Some((c, unit, unit_end)) = count_unit(ctx, t, qualified, word.as_deref(), repeated)
        else {
            continue;
        };
        if !repeated
            && purpose::of(ctx, t.span.start, t.line) != Purpose::Required
            && !ctx.sections.in_goals(t.line)
        {
            continue;
        }
        let indicator = count_indicator(ctx, t.span.start, &unit, unit_end);
        // An obligation a rule sets (`Mỗi năm tổ chức ít nhất 02 hội nghị`) is the rule's
        // criterion, due whenever the rule applies; a plan's count, or a task whose sentence
        // names its year (`… trước ngày 31/01/2026; … ít nhất 01 lần`), is due by its horizon.
        let rule = matches!(ctx.kind, Kind::Decision | Kind::Other)
            && !ctx.sections.in_goals(t.line)
            && !dated_line(ctx, t.line)
            && word
                .as_deref()
                .is_some_and(|w| ctx.vocab.time_bounds.is_whole(w));
        let (context, due) = if rule {
            (TargetContext::Criterion, None)
        } else {
            (TargetContext::Plan, horizon(ctx, t.span.start, t.line, &[]))
        };
        let (ls, le) = phrases::line_bounds(lx, t.span.start);
        out.push(Target {
            indicator: clean_indicator(&indicator),
            comparator: c,
            value: n.value,
            value_max: None,
            unit,
            horizon: due,
            context,
            section: ctx.sections.path(t.line),
            line: t.line,
            text: text[ls..le].trim().chars().take(300).collect(),
        });
    }
    out
}

/// The levels a goal or forecast section states for its year in units other than `%`
/// (`Tổng vốn đầu tư xã hội đạt khoảng 270.000 tỷ đồng` under `… chỉ tiêu … đến năm 2026`): the
/// plan's targets for that year, `>=` the value as written. Percentages are read as targets by
/// [`from_prose`]; counts with a comparator word by [`counts`].
pub fn levels(ctx: &Ctx<'_, '_>, values: &[ValueStatement]) -> Vec<Target> {
    if !matches!(ctx.meta.kind, Kind::Plan | Kind::Report) {
        return Vec::new();
    }
    values
        .iter()
        .filter(|v| !v.in_table && v.unit != "%" && v.scale > 0.0)
        .filter(|v| matches!(v.stage, Some(ValueStage::Planned | ValueStage::Forecast)))
        .map(|v| {
            let (ls, le) = phrases::line_bounds(ctx.lx, ctx.lx.lines.range(ctx.lx.text, v.line).0);
            Target {
                indicator: clean_indicator(&v.indicator),
                comparator: Comparator::Ge,
                value: v.value / v.scale,
                value_max: None,
                unit: v
                    .text
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
                    .trim()
                    .to_string(),
                horizon: Some(v.year),
                context: TargetContext::Plan,
                section: ctx.sections.path(v.line),
                line: v.line,
                text: ctx.lx.text[ls..le].trim().chars().take(300).collect(),
            }
        })
        .collect()
}

/// Whether a line names a date or a year (`trước ngày 31/01/2026`, `năm 2025`).
fn dated_line(ctx: &Ctx<'_, '_>, line: usize) -> bool {
    let lx = ctx.lx;
    let text = lx.line_text(line);
    super::sections::year_in(text).is_some()
        || lx
            .tokens
            .iter()
            .skip_while(|t| t.line < line)
            .take_while(|t| t.line == line)
            .any(|t| matches!(t.tok, Tok::Date { valid: true, .. }))
}

/// The subject of the sentence a time limit at byte `at` stands in: the sentence up to its
/// colon or its first word of obligation, without list marks and bracketed asides.
fn limited_subject(ctx: &Ctx<'_, '_>, at: usize) -> String {
    let lead = phrases::sentence_before(ctx.lx, at);
    let mut end = lead.find(':').unwrap_or(lead.len());
    if let Some((i, _)) = ctx.vocab.time_bounds.find_in(&lead[..end]) {
        end = i;
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in lead[..end].chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    // An aside left open (`… (bao gồm …`) hides the rest: keep what came before it.
    let out = out.trim();
    let out = out
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '*'))
        .trim_start();
    let out = match out.split_once(") ") {
        Some((mark, rest)) if mark.chars().count() <= 2 => rest,
        _ => out,
    };
    trim_links(out, &ctx.vocab.links)
}

/// Whether the clause before byte `at` opens with a word of frequency and a verb, and nothing
/// else (`a) Hằng tháng tổ chức 01 cuộc …`, `Mỗi quý kiểm tra 02 …`).
fn repeats(ctx: &Ctx<'_, '_>, at: usize) -> bool {
    let clause = phrases::clause_before(ctx.lx, at).trim();
    // Without a list mark (`a)`, `-`, `2.`).
    let clause = match clause.split_once([')', '.']) {
        Some((mark, rest)) if mark.chars().count() <= 2 && !mark.contains(' ') => rest.trim(),
        _ => clause,
    };
    let clause = clause.trim_start_matches(['-', '+', '*', ' ']);
    ctx.vocab
        .frequency
        .prefix_len(clause)
        .is_some_and(|n| (1..=3).contains(&clause[n..].split_whitespace().count()))
}

/// The duration unit right after a number (`20 ngày làm việc`), and where it ends.
fn duration_after(ctx: &Ctx<'_, '_>, at: usize) -> Option<(String, usize)> {
    let rest = scan::head(ctx.lx.text, at, 40);
    let trimmed = scan::trim_spaces_start(rest);
    if rest.len() - trimmed.len() > 2 {
        return None;
    }
    ctx.rules.durations.units.iter().find_map(|u| {
        let n = scan::word_prefix_len(trimmed, u)?;
        Some((
            trimmed[..n].to_string(),
            at + (rest.len() - trimmed.len()) + n,
        ))
    })
}

/// The time limit a bounded duration of a rule sets (`không quá 20 ngày làm việc`, `ít nhất
/// 2 năm`), if it is one: bounded by a word of obligation (not `trong vòng 24 giờ`, `từ 12
/// tháng trở lên`), not the term of a benefit (`tối đa 05 năm`), and required where it stands
/// (not the condition of `quá 30 ngày … thì`). A rule's criterion, with no horizon.
fn time_limit(
    ctx: &Ctx<'_, '_>,
    t: &super::lexer::Token,
    value: f64,
    c: Comparator,
    word: Option<&str>,
    (unit, unit_end): (String, usize),
) -> Option<Target> {
    let lx = ctx.lx;
    let d = &ctx.rules.durations;
    let word = word.unwrap_or_default();
    let upper = matches!(c, Comparator::Le | Comparator::Lt);
    if !ctx.vocab.time_bounds.is_whole(word)
        || (upper && d.terms.contains(&unit.to_lowercase()))
        || purpose::of(ctx, t.span.start, t.line) != Purpose::Required
    {
        return None;
    }
    // What is limited is the subject of the sentence (`Thời gian thẩm định dự án …: Không
    // quá 30 ngày làm việc đối với …; không quá 20 ngày …`), with what follows the unit as its
    // scope; with no subject, what follows names it (`Chậm nhất 05 ngày kể từ …`).
    let subject = limited_subject(ctx, t.span.start);
    let after = phrases::phrase_after(ctx, unit_end);
    let indicator = if subject.split_whitespace().count() < 2 {
        format!("{unit} {after}")
    } else if after.is_empty() || after.split_whitespace().count() > 12 {
        subject
    } else {
        format!("{subject} ({after})")
    };
    let (ls, le) = phrases::line_bounds(lx, t.span.start);
    Some(Target {
        indicator: clean_indicator(&indicator),
        comparator: c,
        value,
        value_max: None,
        unit,
        horizon: None,
        context: TargetContext::Criterion,
        section: ctx.sections.path(t.line),
        line: t.line,
        text: lx.text[ls..le].trim().chars().take(300).collect(),
    })
}

/// Counts written in words after a word of obligation (`ít nhất một cán bộ lãnh đạo`,
/// `không quá hai tháng`): targets like the same counts in digits.
pub fn worded_counts(ctx: &Ctx<'_, '_>) -> Vec<Target> {
    let lx = ctx.lx;
    let text = lx.text;
    let rules = ctx.rules;
    let mut out = Vec::new();
    for bound in &rules.durations.bounds {
        let Some(c) = rules
            .qualifiers
            .iter()
            .find(|q| !q.after && q.words.contains(bound))
            .map(|q| q.comparator)
        else {
            continue;
        };
        for (_, end) in scan::word_hits(text, bound) {
            let head = scan::head(text, end, 64);
            let rest = scan::trim_spaces_start(head);
            let Some((k, n)) = rules
                .figures
                .number_words
                .iter()
                .enumerate()
                .find_map(|(k, w)| scan::word_prefix_len(rest, w).map(|n| (k, n)))
            else {
                continue;
            };
            let num_start = end + (head.len() - rest.len());
            let num_end = num_start + n;
            let line = lx.line_of(num_start);
            let rule = matches!(ctx.kind, Kind::Decision | Kind::Other);
            let unit = if let Some(d) = duration_after(ctx, num_end) {
                let upper = matches!(c, Comparator::Le | Comparator::Lt);
                if upper && rules.durations.terms.contains(&d.0.to_lowercase()) {
                    continue;
                }
                d
            } else {
                match noun_after(text, num_end) {
                    Some(u) => u,
                    None => continue,
                }
            };
            if purpose::of(ctx, num_start, line) != Purpose::Required
                && !ctx.sections.in_goals(line)
            {
                continue;
            }
            let subject = limited_subject(ctx, num_start);
            let after = phrases::phrase_after(ctx, unit.1);
            let indicator = if subject.split_whitespace().count() >= 2 {
                subject
            } else {
                format!("{} {after}", unit.0)
            };
            let (context, horizon) = if rule && !ctx.sections.in_goals(line) {
                (TargetContext::Criterion, None)
            } else {
                (TargetContext::Plan, horizon(ctx, num_start, line, &[]))
            };
            let (ls, le) = phrases::line_bounds(lx, num_start);
            out.push(Target {
                indicator: clean_indicator(&indicator),
                comparator: c,
                value: (k + 1) as f64,
                value_max: None,
                unit: unit.0,
                horizon,
                context,
                section: ctx.sections.path(line),
                line,
                text: text[ls..le].trim().chars().take(300).collect(),
            });
        }
    }
    out.sort_by_key(|t| t.line);
    out
}

/// The noun right after a count, when it is written in lower-case letters: its first two
/// syllables at most (`05 kịch bản`, `02 hội nghị`), and where it ends.
fn noun_after(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = scan::head(text, at, 40);
    let trimmed = scan::trim_spaces_start(rest);
    let skip = rest.len() - trimmed.len();
    if skip == 0 || skip > 2 || !trimmed.starts_with(char::is_lowercase) {
        return None;
    }
    let syllable = |s: &str| s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let mut n = syllable(trimmed);
    let second = &trimmed[n..];
    if second.starts_with(' ') && second[1..].starts_with(char::is_lowercase) {
        n += 1 + syllable(&second[1..]);
    }
    (n > 0).then(|| (trimmed[..n].to_string(), at + skip + n))
}

/// Whether a count is a part of a larger figure rather than a goal of its own: a number in
/// brackets (`(xã Tống Trân, 02 xã)`), a share of a fraction or a numbered item (`1.`).
fn is_part_of_something(text: &str, span: Span) -> bool {
    let before = scan::trim_spaces_end(scan::tail(text, span.start, 8));
    before.ends_with(['(', '/', '-', '+']) || text[span.end..].starts_with(['/', '.', ')'])
}

/// The unit right after a count: a unit noun of the rules, or a short measure written in
/// Latin letters (`Mbps`, `km`, `ha`, `GB`).
fn unit_of_count(ctx: &Ctx<'_, '_>, at: usize) -> Option<(String, usize)> {
    let text = ctx.lx.text;
    let rest = scan::head(text, at, 64);
    let trimmed = scan::trim_spaces_start(rest);
    let skip = rest.len() - trimmed.len();
    if skip > 2 {
        return None;
    }
    if let Some(u) = numbers::unit_after(text, at, ctx.rules) {
        let n = scan::word_prefix_len(trimmed, u).unwrap_or(u.len());
        return Some((trimmed[..n].to_string(), at + skip + n));
    }
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect();
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    if (1..=6).contains(&letters)
        && word.len() <= 8
        && !trimmed[word.len()..].starts_with(char::is_alphanumeric)
    {
        return Some((word.clone(), at + skip + word.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::model::Comparator;

    fn targets_of(text: &str) -> Vec<(Comparator, f64, String, Option<i32>)> {
        crate::extract::Extractor::built_in()
            .extract_text(text)
            .targets
            .into_iter()
            .map(|t| (t.comparator, t.value, t.unit, t.horizon))
            .collect()
    }

    const HEAD: &str =
        "ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nPhát triển kinh tế năm 2026\n\n";

    #[test]
    fn a_level_a_goal_section_states_for_its_year_is_a_target() {
        let text = format!(
            "{HEAD}I. CHỈ TIÊU NĂM 2026\n- Kim ngạch xuất khẩu đạt khoảng 150 triệu USD.\n"
        );
        assert_eq!(
            targets_of(&text),
            vec![(Comparator::Ge, 150.0, "triệu USD".to_string(), Some(2026))]
        );
    }

    #[test]
    fn a_level_of_what_was_done_is_no_target() {
        let text = format!(
            "{HEAD}I. KẾT QUẢ THỰC HIỆN NĂM 2025\n- Kim ngạch xuất khẩu đạt 138 triệu USD.\n"
        );
        assert!(targets_of(&text).is_empty());
    }
}
