//! Achieved figures in running text, each with what it measures:
//!
//! - a fraction with the percentage stated beside it (`2.400/4.611 hồ sơ (52,04%)`, or the
//!   percentage first: `đạt 43,52% (4.343/14.000 hồ sơ)`) is one result; over 100% in a unit
//!   that is no share of a whole it is a quota (`150/100 lượt`);
//! - a combined rate stated after two or more fractions without their own percentage
//!   (`cấp xã 1.230/1.500, cấp thôn 370/500, tỷ lệ chung đạt 85%`) is one result whose parts
//!   are those fractions;
//! - a bare percentage stated as achieved (`tỷ lệ lao động qua đào tạo đạt 66,06%`), with the
//!   figures of its footnote (`51,1%⁴` … `⁴ 17.858/34.947 hộ`).
//!
//! Figures in criterion blocks and tables are read by [`super::criteria`] and
//! [`super::tables`]; what counts as achieved is decided by [`super::purpose`].

use super::numbers::{FoundFraction, FoundPercent};
use super::phrases::{
    self, clean_indicator, phrase_before, sentence_part, trim_links, what_follows,
};
use super::purpose::{self, Purpose};
use super::scan;
use super::{Ctx, Words};
use crate::model::{FootnoteFigures, ResultKind, StatedResult};

/// Rounds to two decimals.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The result of a fraction with an optional stated percentage.
pub fn share_result(
    ctx: &Ctx<'_, '_>,
    f: &FoundFraction,
    stated: Option<&FoundPercent>,
    kind: Option<ResultKind>,
    indicator: String,
) -> StatedResult {
    let fr = &f.fraction;
    let share_unit = fr
        .unit
        .as_ref()
        .is_some_and(|u| ctx.rules.share_units.iter().any(|s| s == u));
    let kind = kind.unwrap_or(if fr.numerator > fr.denominator && !share_unit {
        ResultKind::Quota
    } else {
        ResultKind::Share
    });
    StatedResult {
        kind,
        indicator: clean_indicator(&indicator),
        numerator: Some(fr.numerator),
        denominator: Some(fr.denominator),
        unit: fr.unit.clone(),
        stated_percent: stated.map(|p| p.percentage.value),
        stated_decimals: stated.map(|p| p.decimals as usize),
        computed_percent: Some(round2(fr.numerator / fr.denominator * 100.0)),
        evaluation: None,
        target_line: None,
        evaluation_line: None,
        parts: Vec::new(),
        footnote: None,
        excess: false,
        section: ctx.sections.path(fr.line),
        line: fr.line,
        text: sentence_part(ctx.lx, f.span.start),
    }
}

/// The percentage stated with fraction `k`: after it in the same clause, or right before it
/// with the fraction in parentheses (`đạt 43,52% (4.343/14.000 hồ sơ)`).
pub fn stated_with(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    k: usize,
    pcts: &[FoundPercent],
    used_pct: &[bool],
) -> Option<(usize, bool)> {
    let text = ctx.lx.text;
    let span = fractions[k].span;
    let (_, le) = phrases::line_bounds(ctx.lx, span.end);
    let next_frac = fractions
        .get(k + 1)
        .map(|f| f.span.start)
        .filter(|s| *s < le)
        .unwrap_or(le);
    let from = pcts.partition_point(|p| p.span.start <= span.end);
    let after = pcts[from..]
        .iter()
        .enumerate()
        .map(|(j, p)| (from + j, p))
        .take_while(|(_, p)| {
            // In the same clause, within 120 characters (not bytes), or within 400 when a
            // share verb links them (`Có 70/139 kiến nghị …, chiếm 50%`).
            let between = &text[span.end..p.span.start];
            let reach = if shared(ctx, p) { 400 } else { 120 };
            p.span.start < next_frac
                && !outside_parentheses(between).contains(';')
                && !between.contains('|')
                && !names_a_member(ctx, between)
                && between.chars().count() <= reach
                && !ends_sentence(between)
                && scan::find_word(between, "trong đó").is_none()
        })
        .find(|(j, p)| !used_pct[*j] && states_share(text, span.end, p, &ctx.vocab.changes))
        .map(|(j, _)| (j, false));
    if let Some((j, _)) = after {
        // A percentage between two fractions (`42/139 …, đạt tỷ lệ 30% (4/15 …)`, `đạt 43,52%
        // (4.343/14.000 hồ sơ)`) belongs to the one it is the share of.
        let p = &pcts[j];
        let opens_next = next_frac != le && text[p.span.end..next_frac].trim() == "(";
        if opens_next {
            let here = fractions[k].fraction.numerator / fractions[k].fraction.denominator * 100.0;
            let next = &fractions[k + 1].fraction;
            let there = next.numerator / next.denominator * 100.0;
            if (there - p.percentage.value).abs() < (here - p.percentage.value).abs() {
                return None;
            }
        }
        return after;
    }
    from.checked_sub(1)
        .filter(|j| !used_pct[*j])
        .filter(|j| {
            let ps = &pcts[*j].span;
            ps.end <= span.start
                && bracket_opens_on(&text[ps.end..span.start])
                && states_share(text, ps.start, &pcts[*j], &ctx.vocab.changes)
        })
        .map(|j| (j, true))
}

/// The percentage after quota fraction `k` (done over planned, `12.375,3/10.200 triệu đồng`)
/// that states its excess over the plan (`, vượt 21,3% kế hoạch`): the next percentage of the
/// same clause, within 120 characters, before any other fraction.
fn excess_after(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    k: usize,
    pcts: &[FoundPercent],
    used_pct: &[bool],
) -> Option<usize> {
    let text = ctx.lx.text;
    let f = &fractions[k];
    if f.fraction.numerator <= f.fraction.denominator {
        return None;
    }
    let (_, le) = phrases::line_bounds(ctx.lx, f.span.end);
    let next_frac = fractions
        .get(k + 1)
        .map(|g| g.span.start)
        .filter(|s| *s < le)
        .unwrap_or(le);
    let j = pcts.partition_point(|p| p.span.start <= f.span.end);
    let p = pcts.get(j).filter(|p| p.span.start < next_frac)?;
    let between = &text[f.span.end..p.span.start];
    (!used_pct[j]
        && between.chars().count() <= 120
        && !between.contains([';', '|', '('])
        && !ends_sentence(between)
        && excess_over_plan(ctx, p))
    .then_some(j)
}

/// Whether the words between a fraction and a percentage open a bracket about one member of
/// the whole (`120/150 hồ sơ (riêng cấp xã đạt 60%)`): words in the bracket before the
/// percentage that are more than linking words (`(đạt 43,52%)`, `(tỷ lệ 99,1%)` link).
fn names_a_member(ctx: &Ctx<'_, '_>, between: &str) -> bool {
    let mut depth = 0usize;
    let mut open_at = None;
    for (i, c) in between.char_indices() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    open_at = Some(i + 1);
                }
            }
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    open_at = None;
                }
            }
            _ => {}
        }
    }
    let Some(from) = open_at else {
        return false;
    };
    let rest = trim_links(&between[from..], &ctx.vocab.links);
    // A text written without accents (`(dat 75%)`) links with the same words.
    let folded = crate::normalize::fold(&rest);
    !rest.is_empty()
        && !ctx.vocab.links.is_whole(&rest)
        && !ctx
            .rules
            .indicators
            .links
            .iter()
            .any(|w| crate::normalize::fold(w) == folded)
}

/// Whether a share verb stands right before a percentage (`chiếm 50%`).
fn shared(ctx: &Ctx<'_, '_>, p: &FoundPercent) -> bool {
    let before = scan::trim_spaces_end(scan::tail(ctx.lx.text, p.span.start, 32));
    ctx.vocab.share_verbs.suffix_len(before).is_some()
}

/// Whether the text between a percentage and a fraction after it opens the bracket the
/// fraction stands in, with at most a few words and no other figure (`80,15% (số tiền đã nộp
/// đạt 698,445/871,321 triệu đồng)`, `43,52% (4.343/14.000 hồ sơ)`).
fn bracket_opens_on(between: &str) -> bool {
    let t = between.trim_start();
    let Some(words) = t.strip_prefix('(') else {
        return false;
    };
    words.chars().count() <= 80
        && !words.contains(['(', ')', ';', '%'])
        && !words.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a percentage can be the share a fraction states: not a threshold (`tối thiểu
/// 20%`), not a change (`vượt 21,3% kế hoạch`, `tăng 5%`), and not a number of a table row
/// merely standing next to it (`62/63 83,0%`: some words or a bracket must link them).
fn states_share(text: &str, fraction_end: usize, p: &FoundPercent, changes: &Words) -> bool {
    use crate::model::Comparator;
    if p.percentage.comparator.is_some_and(Comparator::is_bound) {
        return false;
    }
    let before = scan::trim_spaces_end(scan::tail(text, p.span.start, 24));
    if changes.suffix_len(before).is_some() {
        return false;
    }
    if fraction_end <= p.span.start {
        let between = &text[fraction_end..p.span.start];
        if between.chars().all(char::is_whitespace) && !between.is_empty() {
            return false;
        }
    }
    true
}

/// The text without what stands in parentheses (`3/4 sản phẩm (a, b; c), đạt 75%`).
fn outside_parentheses(s: &str) -> String {
    let mut depth = 0i32;
    s.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            depth <= 0 && c != ')'
        })
        .collect()
}

/// Whether a stretch of text holds the end of a sentence (`. ` and a capital).
fn ends_sentence(s: &str) -> bool {
    s.match_indices(". ")
        .any(|(i, _)| s[i + 2..].starts_with(|c: char| c.is_uppercase()))
}

/// The indicator of a fraction: what follows it up to its percentage, with the words before
/// it as context (`hồ sơ thực hiện trực tuyến (cấp huyện)`).
pub fn fraction_indicator(
    ctx: &Ctx<'_, '_>,
    f: &FoundFraction,
    stated: Option<(&FoundPercent, bool)>,
) -> String {
    let lx = ctx.lx;
    let links = &ctx.vocab.links;
    let stop = match stated {
        Some((p, false)) => p.span.start,
        _ => phrases::line_bounds(lx, f.span.end).1,
    };
    let after_text = &lx.text[f.span.end..stop.max(f.span.end)];
    let mut unit_and_rest = trim_links(
        &phrases::phrase_after_in(after_text, &ctx.vocab.clause_openers),
        links,
    );
    let before = match stated {
        Some((p, true)) => trim_links(&phrase_before(lx, p.span.start, links), links),
        _ => trim_links(&phrase_before(lx, f.span.start, links), links),
    };
    // `9.037/17.454 tỷ đồng`: after a fraction of amounts stands only their unit; the words
    // before name what was counted.
    let only_money_unit = super::values::base_unit(&unit_and_rest, ctx.rules)
        .is_some_and(|(_, u)| u == "đồng")
        && unit_and_rest.split_whitespace().count() <= 3;
    if (matches!(stated, Some((_, true))) || only_money_unit) && !before.is_empty() {
        unit_and_rest = before.clone();
    }
    if unit_and_rest.is_empty() {
        unit_and_rest = before.clone();
    }
    let mut indicator = unit_and_rest.clone();
    let context = before.split_whitespace().count();
    if (2..=12).contains(&context)
        && !ctx.vocab.adverbs.is_whole(&before)
        && before != unit_and_rest
    {
        indicator = format!("{indicator} ({before})");
    }
    indicator
}

/// Results of running text (figures not read as criteria or table cells).
pub fn from_prose(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    pcts: &[FoundPercent],
    used_frac: &mut [bool],
    used_pct: &mut [bool],
) -> Vec<StatedResult> {
    collect(ctx, fractions, pcts, used_frac, used_pct, None)
}

/// Results of the byte ranges `spans` (a criterion's result), all taken as achieved.
pub fn in_spans(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    pcts: &[FoundPercent],
    used_frac: &mut [bool],
    used_pct: &mut [bool],
    spans: &[super::Span],
) -> Vec<StatedResult> {
    collect(ctx, fractions, pcts, used_frac, used_pct, Some(spans))
}

fn collect(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    pcts: &[FoundPercent],
    used_frac: &mut [bool],
    used_pct: &mut [bool],
    spans: Option<&[super::Span]>,
) -> Vec<StatedResult> {
    let within = |at: usize| spans.is_none_or(|v| v.iter().any(|s| at >= s.start && at < s.end));
    let achieved =
        |at: usize, line: usize| spans.is_some() || purpose::of(ctx, at, line) == Purpose::Achieved;
    let mut out = Vec::new();
    let mut loose: Vec<usize> = Vec::new();
    for k in 0..fractions.len() {
        let f = &fractions[k];
        if used_frac[k] || !within(f.span.start) {
            continue;
        }
        let stated = stated_with(ctx, fractions, k, pcts, used_pct);
        // `12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch`: done over planned, and the
        // excess stated after it in the same clause.
        let excess = stated
            .is_none()
            .then(|| excess_after(ctx, fractions, k, pcts, used_pct))
            .flatten();
        let stated = stated.or(excess.map(|j| (j, false)));
        // `có 1.412/1.468 tổ (đạt 96,19%)`: a share stated as achieved makes its fraction so.
        let done = achieved(f.span.start, f.fraction.line)
            || stated.is_some_and(|(j, _)| achieved(pcts[j].span.start, pcts[j].percentage.line));
        if !done {
            continue;
        }
        used_frac[k] = true;
        if let Some((j, _)) = stated {
            used_pct[j] = true;
        } else {
            loose.push(k);
        }
        let indicator = fraction_indicator(ctx, f, stated.map(|(j, b)| (&pcts[j], b)));
        let mut r = share_result(ctx, f, stated.map(|(j, _)| &pcts[j]), None, indicator);
        r.excess = excess.is_some();
        out.push(r);
    }
    combined_rates(ctx, fractions, &loose, pcts, used_pct, &mut out);
    for (k, p) in pcts.iter().enumerate() {
        let line = p.percentage.line;
        if used_pct[k] || !within(p.span.start) || !achieved(p.span.start, line) {
            continue;
        }
        used_pct[k] = true;
        if rate_of_change(ctx, p) {
            continue;
        }
        out.push(bare_result(ctx, p));
    }
    out
}

/// Whether a percentage is a rate of change (`tăng 6,35% so cùng kỳ`, `vượt 10% so với chính
/// phủ giao`, `tăng thêm 15% mức trợ cấp`): a change word right before it and no planned
/// amount after it. It is a statistic, not a result; an excess over a plan (`vượt 21,3% kế
/// hoạch`) is one.
fn rate_of_change(ctx: &Ctx<'_, '_>, p: &FoundPercent) -> bool {
    let text = ctx.lx.text;
    let before = scan::trim_spaces_end(scan::tail(text, p.span.start, 24));
    if ctx.vocab.changes.suffix_len(before).is_none() {
        return false;
    }
    let after = scan::head(text, p.span.end, 48);
    let after = scan::trim_spaces_start(&after[..after.find('\n').unwrap_or(after.len())]);
    if phrases::base_after(ctx, after) == Some(true) {
        return false;
    }
    // `vượt 11,69% so dự toán`: an excess over a plan, compared in so many words.
    !excess_over_plan(ctx, p)
}

/// Whether a percentage states an excess over a plan: an excess word right before it and a
/// plan after it (`vượt 21,3% kế hoạch`, `vượt 11,69% so dự toán`).
fn excess_over_plan(ctx: &Ctx<'_, '_>, p: &FoundPercent) -> bool {
    let text = ctx.lx.text;
    let before = scan::trim_spaces_end(scan::tail(text, p.span.start, 24));
    if ctx.vocab.excess_words.suffix_len(before).is_none() {
        return false;
    }
    let after = scan::head(text, p.span.end, 48);
    let after = scan::trim_spaces_start(&after[..after.find('\n').unwrap_or(after.len())]);
    let after = ctx
        .vocab
        .comparison_bases
        .prefix_len(after)
        .map_or(after, |n| scan::trim_spaces_start(&after[n..]));
    ctx.vocab.quota_bases.prefix_len(after).is_some()
}

/// A bare percentage stated as achieved.
pub fn bare_result(ctx: &Ctx<'_, '_>, p: &FoundPercent) -> StatedResult {
    let lx = ctx.lx;
    let links = &ctx.vocab.links;
    let after_text = scan::head(lx.text, p.span.end, 48);
    let after_line = &after_text[..after_text.find('\n').unwrap_or(after_text.len())];
    let a = scan::trim_spaces_start(after_line);
    let base = phrases::base_after(ctx, a);
    let quota = base == Some(true);
    let after = what_follows(ctx, p.span.end);
    let after_words = after.split_whitespace().count();
    let indicator = if after_words >= 2 && base.is_none() {
        // A bare noun after the figure (`đã phủ sóng đến 100% xã, phường, đặc khu`) is what is
        // counted; what happened to it is said before.
        let before = trim_links(&phrase_before(lx, p.span.start, links), links);
        let context = before.split_whitespace().count();
        if after_words <= 5 && (2..=20).contains(&context) && !ctx.vocab.adverbs.is_whole(&before) {
            format!("{after} ({before})")
        } else {
            after
        }
    } else {
        let before = trim_links(&phrase_before(lx, p.span.start, links), links);
        // `Chi sự nghiệp giáo dục … đạt 98% dự toán`: what is measured, and against what.
        match base {
            Some(_) if !before.is_empty() => {
                let against = phrases::phrase_after(ctx, p.span.end);
                if scan::word_prefix_len(&against, "so").is_some() {
                    format!("{before} ({against})")
                } else {
                    format!("{before} (so {against})")
                }
            }
            _ => before,
        }
    };
    let footnote = footnote_behind(ctx, p.span.end);
    StatedResult {
        kind: if quota {
            ResultKind::Quota
        } else {
            ResultKind::Percent
        },
        indicator: clean_indicator(&indicator),
        numerator: None,
        denominator: None,
        unit: None,
        stated_percent: Some(p.percentage.value),
        stated_decimals: Some(p.decimals as usize),
        computed_percent: None,
        evaluation: None,
        target_line: None,
        evaluation_line: None,
        parts: Vec::new(),
        footnote,
        // `vượt 21,3% kế hoạch`: the excess over the plan.
        excess: quota && excess_over_plan(ctx, p),
        section: ctx.sections.path(p.percentage.line),
        line: p.percentage.line,
        text: sentence_part(lx, p.span.start),
    }
}

/// `cấp xã 1.230/1.500 hồ sơ, cấp thôn 370/500 hồ sơ, tỷ lệ chung đạt 85%`: a percentage
/// after two or more fractions of the same sentence that have none of their own, introduced
/// by a word that combines them, is the rate of their sum.
fn combined_rates(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    loose: &[usize],
    pcts: &[FoundPercent],
    used_pct: &mut [bool],
    out: &mut Vec<StatedResult>,
) {
    let text = ctx.lx.text;
    let mut i = 0;
    while i < loose.len() {
        // A run of loose fractions on one line, in one sentence.
        let line = fractions[loose[i]].fraction.line;
        let mut j = i + 1;
        while j < loose.len()
            && fractions[loose[j]].fraction.line == line
            && !ends_sentence(
                &text[fractions[loose[j - 1]].span.end..fractions[loose[j]].span.start],
            )
        {
            j += 1;
        }
        if j - i >= 2 {
            let last = &fractions[loose[j - 1]];
            let (_, le) = phrases::line_bounds(ctx.lx, last.span.end);
            let from = pcts.partition_point(|p| p.span.start < last.span.end);
            if let Some((k, p)) = pcts[from..]
                .iter()
                .enumerate()
                .map(|(d, p)| (from + d, p))
                .find(|(k, p)| !used_pct[*k] && p.span.start < le)
            {
                let between = &text[last.span.end..p.span.start];
                let combined = ctx.vocab.combined.any_in(between)
                    && !ends_sentence(between)
                    && between.chars().count() <= 120;
                if combined {
                    used_pct[k] = true;
                    let parts: Vec<(f64, f64)> = loose[i..j]
                        .iter()
                        .map(|&q| {
                            (
                                fractions[q].fraction.numerator,
                                fractions[q].fraction.denominator,
                            )
                        })
                        .collect();
                    let (a, b) = parts
                        .iter()
                        .fold((0.0, 0.0), |(x, y), (p, q)| (x + p, y + q));
                    let first = &fractions[loose[i]];
                    let links = &ctx.vocab.links;
                    let indicator = trim_links(&phrase_before(ctx.lx, p.span.start, links), links);
                    let indicator = if indicator.split_whitespace().count() >= 2 {
                        indicator
                    } else {
                        trim_links(&phrases::phrase_after(ctx, first.span.end), links)
                    };
                    // The rate is stated on its own; its parts stay for the checks.
                    out.push(StatedResult {
                        kind: ResultKind::Share,
                        indicator: clean_indicator(&indicator),
                        numerator: None,
                        denominator: None,
                        unit: first.fraction.unit.clone(),
                        stated_percent: Some(p.percentage.value),
                        stated_decimals: Some(p.decimals as usize),
                        computed_percent: (b > 0.0).then(|| round2(a / b * 100.0)),
                        evaluation: None,
                        target_line: None,
                        evaluation_line: None,
                        parts,
                        footnote: None,
                        excess: false,
                        section: ctx.sections.path(p.percentage.line),
                        line: p.percentage.line,
                        text: sentence_part(ctx.lx, p.span.start),
                    });
                }
            }
        }
        i = j;
    }
}

/// The figures of the footnote behind a percentage (`51,1%<sup>4</sup>` or `51,1%⁴`): the
/// footnote's line holds a part and a whole (`17.858 thuê bao … / 34.947 hộ`).
fn footnote_behind(ctx: &Ctx<'_, '_>, end: usize) -> Option<FootnoteFigures> {
    let lx = ctx.lx;
    let rest = scan::head(lx.text, end, 16);
    let mark: String = if let Some(r) = rest.strip_prefix("<sup>") {
        r.chars().take_while(|c| c.is_ascii_digit()).collect()
    } else {
        rest.chars()
            .map_while(crate::normalize::superscript_value)
            .map(|d| char::from(b'0' + d as u8))
            .collect()
    };
    if mark.is_empty() {
        return None;
    }
    let here = lx.line_of(end);
    for l in here + 1..=lx.lines.count() {
        let line = lx.line_text(l);
        let t = line.trim_start();
        let (m, body) = if let Some(r) = t.strip_prefix("<sup>") {
            let m: String = r.chars().take_while(char::is_ascii_digit).collect();
            (m.clone(), r[m.len()..].trim_start_matches("</sup>"))
        } else if t.starts_with(crate::normalize::is_superscript_digit) {
            let m: String = t
                .chars()
                .map_while(crate::normalize::superscript_value)
                .map(|d| char::from(b'0' + d as u8))
                .collect();
            let n: usize = t.chars().take(m.len()).map(char::len_utf8).sum();
            (m, &t[n..])
        } else if let Some(r) = t.strip_prefix('[') {
            let m: String = r.chars().take_while(char::is_ascii_digit).collect();
            (m.clone(), r[m.len()..].trim_start_matches(']'))
        } else {
            continue;
        };
        if m != mark {
            continue;
        }
        let (ls, _) = lx.lines.range(lx.text, l);
        let body_at = ls + (line.len() - body.len());
        return figures_of_footnote(ctx, l, body_at, &mark);
    }
    None
}

/// The part and the whole in a footnote's line: the whole after a `/` or `trên (tổng số)`,
/// the part the largest count before it.
fn figures_of_footnote(
    ctx: &Ctx<'_, '_>,
    line: usize,
    body_at: usize,
    mark: &str,
) -> Option<FootnoteFigures> {
    use super::lexer::Tok;
    let lx = ctx.lx;
    let toks = lx.on_line(line);
    let (_, le) = lx.lines.range(lx.text, line);
    let body = &lx.text[body_at..le];
    // A written fraction in the footnote.
    for t in toks {
        if let Tok::Slash(a, b) = &t.tok {
            if b.value > 0.0 && t.span.start >= body_at {
                return Some(FootnoteFigures {
                    mark: mark.to_string(),
                    numerator: a.value,
                    denominator: b.value,
                    computed_percent: round2(a.value / b.value * 100.0),
                    line,
                });
            }
        }
    }
    let split = body
        .find('/')
        .or_else(|| scan::find_folded(body, "tren"))
        .map(|i| body_at + i);
    let counts: Vec<(usize, f64)> = toks
        .iter()
        .filter(|t| t.span.start >= body_at)
        .filter_map(|t| match &t.tok {
            Tok::Num(n) if n.value.is_finite() && n.decimals == 0 => Some((t.span.start, n.value)),
            _ => None,
        })
        .collect();
    let (part, whole) = match split {
        Some(s) => (
            counts
                .iter()
                .filter(|(at, _)| *at < s)
                .map(|(_, v)| *v)
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v)))),
            counts.iter().find(|(at, _)| *at > s).map(|(_, v)| *v),
        ),
        None if counts.len() == 2 => (Some(counts[0].1), Some(counts[1].1)),
        None => (None, None),
    };
    match (part, whole) {
        (Some(a), Some(b)) if b > 0.0 => Some(FootnoteFigures {
            mark: mark.to_string(),
            numerator: a,
            denominator: b,
            computed_percent: round2(a / b * 100.0),
            line,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use crate::model::{ResultKind, StatedResult};

    fn results(text: &str) -> Vec<StatedResult> {
        Extractor::built_in().extract_text(text).results
    }

    #[test]
    fn a_fraction_with_its_rate_is_one_share() {
        let r = results("Đã giải quyết 45/50 hồ sơ, đạt 90%.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].kind, ResultKind::Share);
        assert_eq!((r[0].numerator, r[0].denominator), (Some(45.0), Some(50.0)));
        assert_eq!(r[0].stated_percent, Some(90.0));
        assert_eq!(r[0].computed_percent, Some(90.0));
        assert_eq!(r[0].unit.as_deref(), Some("hồ sơ"));
    }

    #[test]
    fn a_rate_of_change_is_no_result() {
        let r = results("Thu ngân sách trên địa bàn tăng 12% so với cùng kỳ năm trước.");
        assert!(r.is_empty(), "{r:?}");
    }

    #[test]
    fn an_excess_over_a_plan_after_a_fraction_is_checked_as_the_part_over_100() {
        let r = results("Thu ngân sách đạt 12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(r[0].excess);
        assert_eq!(r[0].stated_percent, Some(21.3));
        assert_eq!(r[0].numerator, Some(12375.3));
        assert_eq!(r[0].denominator, Some(10200.0));
    }
}
