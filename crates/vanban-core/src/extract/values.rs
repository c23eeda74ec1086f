//! Quantities stated for a year: the level an indicator reaches (`Kim ngạch xuất khẩu đạt
//! khoảng 8,95 tỷ USD` under `Dự báo … đến năm 2026`), in the text, to be set against the same
//! quantity in a table column of that year (read by [`super::tables`]).
//!
//! A sentence states a level when a level verb (`đạt`, `chiếm`, `là`: `level_verbs` in
//! `rules/indicators.toml`) stands right before the figure, with at most a qualifier of about
//! (`khoảng`) between; the words before the verb name what it measures. The year is the one
//! the sentence names (`năm 2025`), else the one its section heading names; a figure of part of
//! a year or of several (`6 tháng đầu năm`, `lũy kế`: `part_year`) is no year's level, nor is a
//! change (`tăng 10%`), a bound (`trên 90%`) or a share of a plan (`đạt 100% kế hoạch`).
//!
//! Every value is kept in its base unit with its scale applied ([`base_unit`]): `8,95 tỷ USD`
//! and a `Triệu USD` cell of `2.800` compare as 8,95·10⁹ and 2,8·10⁹ USD.

use super::lexer::Tok;
use super::phrases;
use super::scan;
use super::{Ctx, Span};
use crate::model::{Comparator, PlanShare, ValueStage, ValueStatement};
use crate::rules::Rules;

/// The scale and base unit of a unit as written: `Triệu USD` is 10⁶ `USD`, `tỷ đồng` 10⁹
/// `đồng`, `%` is `%`, `Người` is `người`; `None` for nothing.
pub fn base_unit(written: &str, rules: &Rules) -> Option<(f64, String)> {
    let t = written
        .trim()
        .trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':' | ' ' | '*'))
        .trim();
    if t.is_empty() {
        return None;
    }
    if t.contains('%') {
        return Some((1.0, "%".into()));
    }
    let mut scale = 1.0;
    let mut rest = t;
    for (w, f) in &rules.money.scales {
        if let Some(n) = scan::word_prefix_len(rest, w) {
            scale = *f;
            rest = rest[n..].trim_start();
            break;
        }
    }
    if rules
        .money
        .currency
        .iter()
        .any(|c| scan::word_prefix_len(rest, c).is_some_and(|n| n == rest.len()))
    {
        return Some((scale, "đồng".into()));
    }
    let base = rest.to_lowercase();
    (!base.is_empty() && !base.chars().any(|c| c.is_ascii_digit())).then_some((scale, base))
}

/// The unit written right after a figure in running text, with its scale: `%`, a scale word
/// and a currency (`tỷ đồng`), or a unit noun of `rules/units.toml` after an optional scale
/// (`tỷ USD`, `doanh nghiệp`). Returns the scale, the base unit and the bytes it takes.
fn unit_after(rest: &str, rules: &Rules) -> Option<(f64, String, usize)> {
    let r = scan::trim_spaces_start(rest);
    let skipped = rest.len() - r.len();
    let mut scale = 1.0;
    let mut at = 0;
    for (w, f) in &rules.money.scales {
        if let Some(n) = scan::word_prefix_len(r, w) {
            scale = *f;
            at = n;
            break;
        }
    }
    let after = scan::trim_spaces_start(&r[at..]);
    let at = r.len() - after.len();
    if let Some(n) = rules
        .money
        .currency
        .iter()
        .find_map(|c| scan::word_prefix_len(after, c))
    {
        return Some((scale, "đồng".into(), skipped + at + n));
    }
    rules
        .units
        .iter()
        .find_map(|u| scan::word_prefix_len(after, u).map(|n| (u, n)))
        .map(|(u, n)| (scale, u.to_lowercase(), skipped + at + n))
}

/// What stage the section around `line` states values of: a forecast (`Dự báo`), a goal, or
/// what was done; `None` when its headings do not say.
pub fn stage_of(ctx: &Ctx<'_, '_>, line: usize) -> Option<ValueStage> {
    for h in ctx.sections.chain(line) {
        if ctx.vocab.projection.any_in(ctx.lx.line_text(h.line)) {
            return Some(ValueStage::Forecast);
        }
        if h.results {
            return Some(ValueStage::Achieved);
        }
        if h.goals {
            return Some(ValueStage::Planned);
        }
    }
    None
}

/// What a level names, from the words before its verb (`named`): after an earlier figure of
/// the sentence (`… chiếm 24,23% và dịch vụ chiếm …`) only the words after that figure's
/// clause, without links, fillers and (then) leading stop words.
fn indicator_named(named: &str, ctx: &Ctx<'_, '_>) -> String {
    let earlier = named.rfind(|c: char| c.is_ascii_digit() || c == '%');
    // The earlier figure's unit ends at the clause's comma (`660.085 tỷ đồng, GRDP bình quân
    // đầu người đạt …`).
    let named = earlier.map_or(named, |i| {
        let rest = &named[i + 1..];
        rest.find([',', ';']).map_or(rest, |j| &rest[j + 1..])
    });
    let indicator = phrases::clean_indicator(&phrases::trim_links(
        &phrases::trim_links(
            &phrases::phrase_before_in(named, &ctx.vocab.links),
            &ctx.vocab.links,
        ),
        &ctx.vocab.level_fillers,
    ));
    if earlier.is_some() {
        without_leading_stop_words(&indicator, ctx.rules).to_string()
    } else {
        indicator
    }
}

/// `…, đạt 100% kế hoạch` right after a level (whose figure and unit end at `end`, token `k`):
/// the value's share of its plan.
fn plan_share_after(ctx: &Ctx<'_, '_>, k: usize, end: usize) -> Option<PlanShare> {
    let (lx, text) = (ctx.lx, ctx.lx.text);
    let next = lx.tokens.get(k + 1)?;
    let Tok::Percent(p) = &next.tok else {
        return None;
    };
    let between = text
        .get(end..next.span.start)?
        .trim_matches(|c: char| c == ',' || c.is_whitespace());
    let base = scan::trim_spaces_start(&text[next.span.end..]);
    (ctx.vocab.level_verbs.is_whole(between) && ctx.vocab.quota_bases.prefix_len(base).is_some())
        .then_some(PlanShare {
            percent: p.value,
            decimals: p.decimals as usize,
            line: next.line,
        })
}

/// The scale, unit and length of the unit of a figure at `span` that may state a level: one
/// right after a level verb (`đạt`, `khoảng`), with a unit, and not a share of something else
/// (`đạt 100% kế hoạch`, `bằng 98% so cùng kỳ`, `8%/năm`). Most figures are passed over here
/// before any word is looked up.
fn level_unit(ctx: &Ctx<'_, '_>, span: Span, percent: bool) -> Option<(f64, String, usize)> {
    let text = ctx.lx.text;
    // A verb or a word of about ends in a letter right before the figure.
    if !scan::tail(text, span.start, 8)
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
    {
        return None;
    }
    // The level verb right before the figure, read on a short tail first: most figures after
    // a letter have none, and their sentence is never read.
    level_verb_before(scan::tail(text, span.start, 48), ctx)?;
    let after = &text[span.end..];
    let (scale, unit, used) = if percent {
        (1.0, "%".to_string(), 0)
    } else {
        unit_after(scan::head(after, 0, 64), ctx.rules)?
    };
    let rest = scan::trim_spaces_start(&after[used.min(after.len())..]);
    if rest.starts_with('/')
        || ctx.vocab.quota_bases.prefix_len(rest).is_some()
        || ctx.vocab.comparison_bases.prefix_len(rest).is_some()
    {
        return None;
    }
    Some((scale, unit, used))
}

/// The levels stated in running text (tokens outside tables: `skip` marks table cells) that
/// something can be set against: a value of a table of the document (`table`) in the same unit
/// and year, or, in a plan or report, the plan's own targets in units other than `%`.
pub fn from_prose(
    ctx: &Ctx<'_, '_>,
    skip: &[bool],
    table: &[ValueStatement],
) -> Vec<ValueStatement> {
    let for_targets = matches!(
        ctx.meta.kind,
        crate::model::Kind::Plan | crate::model::Kind::Report
    );
    let lx = ctx.lx;
    let text = lx.text;
    let mut out = Vec::new();
    // What each line's section and words say, read once per line.
    let lines = lx.tokens.iter().map(|t| t.line).max().unwrap_or(0) + 1;
    let mut stages: Vec<Option<Option<ValueStage>>> = vec![None; lines];
    let mut part_year: Vec<Option<bool>> = vec![None; lines];
    for (k, t) in lx.tokens.iter().enumerate() {
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        let (n, percent) = match &t.tok {
            Tok::Num(n) => (n, false),
            Tok::Percent(n) => (n, true),
            _ => continue,
        };
        if n.year().is_some() || !n.value.is_finite() || n.value <= 0.0 {
            continue;
        }
        let Some((scale, unit, used)) = level_unit(ctx, t.span, percent) else {
            continue;
        };
        let after = &text[t.span.end..];
        let rest = scan::trim_spaces_start(&after[used.min(after.len())..]);
        // Nothing to set it against: not read further.
        let in_tables = table.iter().any(|v| v.unit == unit);
        let stage = *stages[t.line].get_or_insert_with(|| stage_of(ctx, t.line));
        let planned = matches!(stage, Some(ValueStage::Planned | ValueStage::Forecast));
        if !(in_tables || (for_targets && unit != "%" && planned)) {
            continue;
        }
        let before = phrases::sentence_before(lx, t.span.start);
        let Some((named_end, approximate)) = level_verb_before(before, ctx) else {
            continue;
        };
        // A bound after it (`90% trở lên`); one before it leaves no verb right before it.
        if ctx
            .rules
            .qualifiers
            .iter()
            .filter(|q| q.after && q.comparator.is_bound())
            .any(|q| {
                q.words
                    .iter()
                    .any(|w| scan::word_prefix_len(rest, w).is_some())
            })
        {
            continue;
        }
        // The sentence's own year, else its section's; none for part of a year (read on the
        // whole line, once).
        if *part_year[t.line]
            .get_or_insert_with(|| ctx.vocab.part_year.any_in(lx.line_text(t.line)))
        {
            continue;
        }
        let years = years_named(before);
        let year = match years.as_slice() {
            [y] => *y,
            [] => match ctx.sections.year(t.line) {
                Some(y) => y,
                None => continue,
            },
            _ => continue,
        };
        if !(table.iter().any(|v| v.unit == unit && v.year == year)
            || (for_targets && unit != "%" && planned))
        {
            continue;
        }
        let indicator = indicator_named(&before[..named_end], ctx);
        if !indicator.chars().any(char::is_alphabetic) {
            continue;
        }
        // `…, đạt 100% kế hoạch` right after: the value's share of its plan.
        let of_plan = plan_share_after(ctx, k, t.span.end + used);
        out.push(ValueStatement {
            indicator,
            year,
            value: n.value * scale,
            unit,
            scale,
            precision: 0.5 * 10f64.powi(-(n.decimals as i32)) * scale,
            approximate,
            stage,
            of_plan,
            in_table: false,
            table: None,
            line: t.line,
            text: lx.mention(t.span.start, t.span.end + used),
        });
    }
    out
}

/// `indicator` without the stop words it opens with (`và dịch vụ` → `dịch vụ`), for the words
/// that follow an earlier figure of the sentence.
fn without_leading_stop_words<'s>(indicator: &'s str, rules: &Rules) -> &'s str {
    let mut s = indicator.trim();
    while let Some(w) = rules
        .indicators
        .stop_words
        .iter()
        .find_map(|w| scan::word_prefix_len(s, w).filter(|&n| n < s.len()))
    {
        s = s[w..].trim_start();
    }
    s
}

/// Where the words naming a figure end in `before` (the text right before the figure), when a
/// level verb ends it (`… đạt`), maybe followed by a word of about (`đạt khoảng`); and whether
/// that word makes the value approximate (an estimate, `ước đạt 12.450`, is written to the unit
/// like any other value).
fn level_verb_before(before: &str, ctx: &Ctx<'_, '_>) -> Option<(usize, bool)> {
    let mut head = before.trim_end();
    let mut approximate = false;
    if ctx.vocab.level_verbs.suffix_len(head).is_none() {
        let about = ctx
            .rules
            .qualifiers
            .iter()
            .filter(|q| !q.after && q.comparator == Comparator::About)
            .find_map(|q| q.words.iter().find_map(|w| scan::word_suffix_len(head, w)))?;
        head = head[..head.len() - about].trim_end();
        approximate = true;
    }
    let verb = ctx.vocab.level_verbs.suffix_len(head)?;
    Some((head.len() - verb, approximate))
}

/// The distinct years a text names after `năm` (`năm 2025`, `đến năm 2030`).
fn years_named(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = scan::find_folded(&s[from..], "nam") {
        let at = from + i;
        let rest = &s[at..];
        let n = scan::folded_prefix_len(rest, "nam").unwrap_or(3);
        if let Some(y) = super::sections::year_in(scan::head(rest, 0, n + 8)) {
            if !out.contains(&y) {
                out.push(y);
            }
        }
        from = at + n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_after_nam_are_listed_once() {
        assert_eq!(
            years_named("trong năm 2025, so với năm 2024"),
            vec![2025, 2024]
        );
        assert_eq!(years_named("năm 2025 và năm 2025"), vec![2025]);
        assert!(years_named("Dịch vụ chiếm 40,94%").is_empty());
    }
}

#[cfg(test)]
mod documented {
    //! The examples of the functions' documentation, as unit tests (the module is
    //! private, so they cannot be doc-tests).

    #[test]
    fn base_unit_as_documented() {
        let rules = crate::rules::Rules::built_in();
        use crate::extract::values::base_unit;
        assert_eq!(
            base_unit("Triệu USD", rules),
            Some((1e6, "usd".to_string()))
        );
        assert_eq!(base_unit("tỷ đồng", rules), Some((1e9, "đồng".to_string())));
        assert_eq!(base_unit("(%)", rules), Some((1.0, "%".to_string())));
        assert_eq!(
            base_unit("Doanh nghiệp", rules),
            Some((1.0, "doanh nghiệp".to_string()))
        );
    }
}
