//! Criterion reports, as communes write them: a criterion heading, its requirement, the
//! result achieved and the evaluation, in any order of lines and any numbering
//! (`1.1.`, `Tiêu chí số 4.3`, a misnumbered `3.`, sub-criteria), the evaluation on the same
//! line as the result or lines later (`c) Đánh giá: Đạt`, `Tự đánh giá: Chưa đạt`, `Đạt
//! (vượt 5%)`), and summaries that count the criteria of a group (`Chỉ tiêu đạt: 11/11 chỉ
//! tiêu`, `đang triển khai: 01`, `không hoàn thành: 0`).
//!
//! Each block gives: the requirement's values as targets (context `criterion`), the figures of
//! its result as results carrying the block's evaluation and the requirement's line
//! (`target_line`), and, for the summaries, what the document lists: how many criteria of the
//! summary's group are evaluated each way. A block whose result holds no figure gives no
//! result, but its evaluation still counts for the summaries. The labels are
//! `rules/criteria.toml`, the verdict words `rules/evaluation.toml`.

use regex::Regex;

use super::numbers::{FoundFraction, FoundPercent};
use super::phrases::clean_indicator;
use super::sections::numbering;
use super::targets;
use super::{Ctx, Span};
use crate::model::{
    CountStatement, CountSubject, Evaluation, ResultKind, StatedResult, Target, TargetContext,
};

/// What the criterion stage found.
#[derive(Debug, Default)]
pub struct Read {
    /// Results of criterion blocks.
    pub results: Vec<StatedResult>,
    /// Requirements, as targets.
    pub targets: Vec<Target>,
    /// Summary counts with what the document lists.
    pub counts: Vec<CountStatement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Requirement,
    Result,
    Evaluation,
}

/// A label on a line: its kind, and where its content starts (byte offset in the line).
#[derive(Debug, Clone, Copy)]
struct Found {
    label: Label,
    start: usize,
    content: usize,
}

/// One criterion block.
#[derive(Debug, Default, Clone)]
struct Block {
    /// Line of its name (a heading), if any.
    name_line: Option<usize>,
    /// The name.
    name: Option<String>,
    /// Requirement lines (first and last, inclusive).
    requirement: Option<(usize, usize)>,
    /// Byte range of the requirement's content on its first line.
    req_content: Option<usize>,
    /// The byte ranges of the requirement's text.
    req_spans: Vec<Span>,
    /// The byte ranges of the result's text.
    res_spans: Vec<Span>,
    /// Result lines.
    result: Option<(usize, usize)>,
    /// The verdict and its line.
    evaluation: Option<(Option<Evaluation>, usize)>,
    /// First line of the block.
    first: usize,
    /// Last line of the block.
    last: usize,
}

impl Block {
    fn is_empty(&self) -> bool {
        self.requirement.is_none() && self.result.is_none() && self.evaluation.is_none()
    }

    /// Takes the label `f` of line `l` with its `content` (at `content_span` in the text).
    fn add(&mut self, f: &Found, content: &str, content_span: Span, l: usize, ctx: &Ctx<'_, '_>) {
        match f.label {
            Label::Requirement => {
                self.requirement = Some((l, l));
                self.req_content = Some(f.content);
                self.req_spans.push(content_span);
            }
            Label::Result => {
                // `Kết quả: Đạt` with no figure is the evaluation.
                let verdict = verdict_of(content, ctx.rules);
                let has_digit = content.bytes().any(|b| b.is_ascii_digit());
                if verdict.is_some() && !has_digit && content.trim().chars().count() <= 40 {
                    self.evaluation = Some((verdict, l));
                } else {
                    self.result = Some((l, l));
                    self.res_spans.push(content_span);
                }
            }
            Label::Evaluation => {
                let v = verdict_of(content, ctx.rules);
                self.evaluation = Some((v, l));
            }
        }
    }
}

/// List marks a label may stand after: `a)`, `-`, `+`, `*`, `•`, `(1)`.
fn after_marks(s: &str) -> usize {
    let t = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '+' | '*' | '•' | '–' | '·' | '|')
    });
    let mut n = s.len() - t.len();
    let mut cs = t.char_indices();
    // `a)`, `a.`, `(a)`, `1)`.
    let open = t.starts_with('(');
    if open {
        cs.next();
    }
    if let Some((_, c)) = cs.next() {
        if c.is_alphanumeric() && c.len_utf8() <= 2 {
            if let Some((k, close)) = cs.next() {
                if close == ')' || (close == '.' && !open && !c.is_ascii_digit()) {
                    let rest = &t[k + 1..];
                    if rest.starts_with(char::is_whitespace) {
                        n += k + 1;
                        n += rest.len() - rest.trim_start().len();
                    }
                }
            }
        }
    }
    n
}

/// The labels on a line: at its start (after list marks) and after a stop inside it
/// (`Kết quả: 84%. Đánh giá: Đạt`).
fn labels_in(line: &str, ctx: &Ctx<'_, '_>) -> Vec<Found> {
    let v = ctx.vocab;
    let mut out = Vec::new();
    let mut starts = vec![after_marks(line)];
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | ';' | ',' | ')' | '–' | '-' | '|') {
            let rest = &line[i + c.len_utf8()..];
            let t = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '+' | '(' | '*')
            });
            if t.len() < rest.len() {
                starts.push(line.len() - t.len());
            }
        }
    }
    for s in starts {
        let rest = &line[s..];
        let cands = [
            (Label::Requirement, v.requirement.prefix_len(rest)),
            (Label::Result, v.result.prefix_len(rest)),
            (Label::Evaluation, v.evaluation.prefix_len(rest)),
        ];
        let Some((label, n)) = cands
            .iter()
            .filter_map(|(l, n)| n.map(|n| (*l, n)))
            .max_by_key(|(_, n)| *n)
        else {
            continue;
        };
        // The label ends with a colon, possibly after a parenthesis (`Kết quả (đến 30/9):`).
        let mut after = rest[n..].trim_start();
        if after.starts_with('(') {
            match after.find(')') {
                Some(i) if i < 80 => after = after[i + 1..].trim_start(),
                _ => continue,
            }
        }
        let colon =
            after.starts_with(':') || (label == Label::Evaluation && after.starts_with('-'));
        if !colon {
            continue;
        }
        let content = line.len() - after[1..].trim_start().len();
        if out.iter().any(|f: &Found| f.start == s) {
            continue;
        }
        out.push(Found {
            label,
            start: s,
            content,
        });
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Whether a line names a criterion: numbered, or opening with a criterion word.
fn criterion_heading(line: &str, ctx: &Ctx<'_, '_>) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return None;
    }
    let body_at = match numbering(line) {
        Some((_, _, b)) => b,
        None => {
            let s = after_marks(line);
            ctx.vocab.criterion.prefix_len(&line[s..])?;
            s
        }
    };
    let body_at = body_at.min(line.len());
    let body = line[body_at..].trim().trim_matches('*').trim();
    // `Tiêu chí số 4.3: Tỷ lệ …`, `Chỉ tiêu 2.1. Tỷ lệ …`: the name follows the number.
    let name = match ctx.vocab.criterion.prefix_len(body) {
        Some(n) => {
            let rest = body[n..].trim_start();
            let num_end = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let rest = rest[num_end..].trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '.' | '-' | '–' | ')')
            });
            if rest.is_empty() {
                body.to_string()
            } else {
                rest.to_string()
            }
        }
        None => body.to_string(),
    };
    let name = name.trim_end_matches(':').trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// The byte range of a whole line.
fn line_span(lx: &super::lexer::Lexed<'_>, l: usize) -> Span {
    let (s, e) = lx.lines.range(lx.text, l);
    Span::new(s, e)
}

/// An unlabelled line `l` after a label: it goes on with the requirement (up to three lines
/// on) or the result (up to six), or holds the verdict of an `Đánh giá:` left empty. Gives the
/// label the next lines go on with.
fn continue_label(
    cur: &mut Block,
    continuing: Option<Label>,
    l: usize,
    line: &str,
    ctx: &Ctx<'_, '_>,
) -> Option<Label> {
    let lx = ctx.lx;
    match continuing {
        Some(Label::Requirement) => {
            if let Some((a, b)) = cur.requirement {
                if l <= b + 3 {
                    cur.requirement = Some((a, l));
                    cur.req_spans.push(line_span(lx, l));
                    cur.last = l;
                }
            }
            continuing
        }
        Some(Label::Result) => {
            if let Some((a, b)) = cur.result {
                if l <= b + 6 {
                    cur.result = Some((a, l));
                    cur.res_spans.push(line_span(lx, l));
                    cur.last = l;
                }
            }
            continuing
        }
        Some(Label::Evaluation) => {
            // `c) Đánh giá:` with the verdict on the next line.
            if let Some((None, el)) = cur.evaluation {
                if l <= el + 2 {
                    let v = verdict_of(
                        line.trim_start_matches(|c: char| {
                            c.is_whitespace() || matches!(c, '-' | '+' | '*')
                        }),
                        ctx.rules,
                    );
                    if v.is_some() {
                        cur.evaluation = Some((v, l));
                        cur.last = l;
                    }
                }
            }
            None
        }
        None => None,
    }
}

/// The criterion blocks of the text.
fn blocks(ctx: &Ctx<'_, '_>) -> Vec<Block> {
    let lx = ctx.lx;
    let n = lx.lines.count();
    let mut out: Vec<Block> = Vec::new();
    let mut cur = Block::default();
    let mut pending_name: Option<(usize, String)> = None;
    // Which label the following unlabelled lines continue, and until which line.
    let mut continuing: Option<Label> = None;
    let mut seen_any = false;
    let close = |cur: &mut Block, out: &mut Vec<Block>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        } else {
            *cur = Block::default();
        }
    };
    for l in 1..=n {
        let line = lx.line_text(l);
        if line.trim().is_empty() {
            continue;
        }
        let found = labels_in(line, ctx);
        if found.is_empty() {
            if let Some(name) = criterion_heading(line, ctx) {
                // A heading after a block's labels starts the next criterion.
                if !cur.is_empty() {
                    close(&mut cur, &mut out);
                }
                pending_name = Some((l, name));
                continuing = None;
                continue;
            }
            continuing = continue_label(&mut cur, continuing, l, line, ctx);
            continue;
        }
        seen_any = true;
        // `1.1. Tỷ lệ hồ sơ … - Yêu cầu: ≥ 70%; Kết quả: …`: the criterion's name opens the line.
        if found[0].start > 0 {
            let prefix = line[..found[0].start].trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '–' | ':' | ';' | '.')
            });
            if let Some(name) = criterion_heading(prefix, ctx) {
                if !cur.is_empty() {
                    close(&mut cur, &mut out);
                }
                pending_name = Some((l, name));
            }
        }
        for (i, f) in found.iter().enumerate() {
            let content_end = found.get(i + 1).map(|g| g.start).unwrap_or(line.len());
            let content = &line[f.content.min(content_end)..content_end];
            let (ls, _) = lx.lines.range(lx.text, l);
            let content_span = Span::new(ls + f.content.min(content_end), ls + content_end);
            let starts_new = match f.label {
                Label::Requirement => {
                    cur.requirement.is_some() || cur.result.is_some() || cur.evaluation.is_some()
                }
                Label::Result => cur.result.is_some() || cur.evaluation.is_some(),
                Label::Evaluation => cur.evaluation.is_some(),
            };
            if starts_new {
                close(&mut cur, &mut out);
            }
            if cur.is_empty() {
                cur.first = l;
                if let Some((nl, name)) = pending_name.take() {
                    cur.name_line = Some(nl);
                    cur.name = Some(name);
                    cur.first = nl;
                }
            }
            cur.last = l;
            cur.add(f, content, content_span, l, ctx);
            continuing = Some(f.label);
        }
    }
    close(&mut cur, &mut out);
    if !seen_any {
        return Vec::new();
    }
    out
}

/// The criterion blocks, their results and requirements, and the summaries.
pub fn read(
    ctx: &Ctx<'_, '_>,
    fractions: &[FoundFraction],
    pcts: &[FoundPercent],
    used_frac: &mut [bool],
    used_pct: &mut [bool],
) -> Read {
    let mut read = Read::default();
    let blocks = blocks(ctx);
    if blocks.is_empty() {
        return read;
    }
    let lx = ctx.lx;
    for b in &blocks {
        let name = b.name.clone().or_else(|| {
            b.requirement.map(|(a, _)| {
                let line = lx.line_text(a);
                super::phrases::phrase_after_in(
                    &line[b.req_content.unwrap_or(0).min(line.len())..],
                    &ctx.vocab.clause_openers,
                )
            })
        });
        // Requirements: the percentages of the requirement's lines.
        let mut target_line = None;
        if b.requirement.is_some() {
            for k in 0..pcts.len() {
                let line = pcts[k].percentage.line;
                let at = pcts[k].span.start;
                if used_pct[k] || !b.req_spans.iter().any(|s| at >= s.start && at < s.end) {
                    continue;
                }
                if k > 0
                    && used_pct[k - 1]
                    && targets::range_after(lx.text, pcts[k - 1].span, pcts)
                        == Some(pcts[k].percentage.value)
                {
                    used_pct[k] = true;
                    continue;
                }
                used_pct[k] = true;
                let h = ctx
                    .sections
                    .year(line)
                    .or_else(|| targets::due_year(ctx, &[]));
                let t = targets::percent_target(
                    ctx,
                    pcts,
                    k,
                    TargetContext::Criterion,
                    h,
                    name.clone(),
                );
                target_line.get_or_insert(t.line);
                read.targets.push(t);
            }
        }
        // Percentages in the evaluation line (`Đạt (vượt 5%)`) judge, they state no result.
        if let Some((_, el)) = b.evaluation {
            for (k, p) in pcts.iter().enumerate() {
                if p.percentage.line == el && b.result.is_none_or(|(a, z)| el < a || el > z) {
                    used_pct[k] = true;
                }
            }
        }
        // Results: the figures of the result's lines.
        if b.result.is_some() {
            let mut rs =
                super::results::in_spans(ctx, fractions, pcts, used_frac, used_pct, &b.res_spans);
            let many = rs.len() > 1;
            for r in &mut rs {
                if r.kind != ResultKind::Quota {
                    r.kind = ResultKind::Criterion;
                }
                // The result's own words name it; the criterion's name stands beside them
                // when they say little (a unit) or several results share the block.
                if let Some(n) = &name {
                    let own = std::mem::take(&mut r.indicator);
                    let n = clean_indicator(n);
                    let own_words = own.split_whitespace().count();
                    r.indicator = if own_words == 0 || n.contains(&own) {
                        n
                    } else if own_words <= 2 || many {
                        format!("{own} ({n})")
                    } else {
                        own
                    };
                }
                r.evaluation = b.evaluation.and_then(|(v, _)| v);
                r.evaluation_line = b.evaluation.map(|(_, l)| l);
                r.target_line = target_line;
            }
            read.results.extend(rs);
        }
    }
    read.counts = summaries(ctx, &blocks);
    read
}

/// The summary nouns as regex alternatives on folded text (`tieu chi|chi tieu`).
fn noun_alternatives(nouns: &[String]) -> String {
    let alt = nouns
        .iter()
        .map(|w| regex::escape(&crate::normalize::fold(w)))
        .collect::<Vec<_>>()
        .join("|");
    if alt.is_empty() {
        "tieu chi".to_string()
    } else {
        alt
    }
}

/// The pattern of one summary segment, on folded text, built from the summary nouns of the
/// rules (`Số chỉ tiêu đạt: 07/09 chỉ tiêu`, `Tổng số tiêu chí: 10`, `chưa đạt: 02`).
pub fn summary_pattern(nouns: &[String]) -> Result<Regex, regex::Error> {
    let alt = noun_alternatives(nouns);
    Regex::new(&format!(
        r"^\s*(?:(?P<total>tong so|tong cong|tong)\s+)?(?:so\s+)?(?:(?P<noun>{alt})\s+)?(?:(?:duoc\s+)?danh gia\s+)?(?P<subj>[a-z ]{{0,24}}?)\s*:?\s*(?P<a>[0-9]{{1,3}})(?:\s*/\s*(?P<b>[0-9]{{1,3}}))?(?:\s+(?:{alt}))?\s*(?:\.|$)"
    ))
}

/// The pattern of a summary segment stated as a share of the summary nouns, with its verdict
/// after the noun or in the next segment (`07/08 chỉ tiêu, đạt 87,5%`, `04/05 chỉ tiêu đạt`).
pub fn summary_share_pattern(nouns: &[String]) -> Result<Regex, regex::Error> {
    let alt = noun_alternatives(nouns);
    Regex::new(&format!(
        r"^\s*(?:[a-z ]{{0,32}}?[:\s]\s*)?(?P<a>[0-9]{{1,3}})\s*/\s*(?P<b>[0-9]{{1,3}})\s+(?:{alt})(?P<subj>\s+[a-z ]{{1,24}}?)?\s*(?:\.|$)"
    ))
}

/// One stated count of a summary segment.
struct Stated {
    subject: CountSubject,
    a: usize,
    b: Option<usize>,
    has_noun: bool,
}

/// A segment stated as a share (`07/08 chỉ tiêu`), its verdict after the noun or opening the
/// `next` segment (`đạt 87,5%`).
fn parse_share(seg: &str, next: Option<&str>, ctx: &Ctx<'_, '_>) -> Option<Stated> {
    let f = crate::normalize::fold(seg);
    let c = ctx.vocab.summary_share.captures(&f)?;
    let verdict = match c.name("subj").map(|m| m.as_str().trim()) {
        Some(s) if !s.is_empty() => verdict_of(s, ctx.rules)?,
        _ => verdict_of(&crate::normalize::fold(next?.trim_start()), ctx.rules)?,
    };
    let subject = match verdict {
        Evaluation::Met => CountSubject::Met,
        Evaluation::NotMet => CountSubject::NotMet,
        Evaluation::InProgress => CountSubject::InProgress,
    };
    Some(Stated {
        subject,
        a: c["a"].parse().ok()?,
        b: c["b"].parse().ok(),
        has_noun: true,
    })
}

fn parse_segment(seg: &str, ctx: &Ctx<'_, '_>) -> Option<Stated> {
    let f = crate::normalize::fold(seg);
    let c = ctx.vocab.summary_segment.captures(&f)?;
    let subj = c.name("subj").map(|m| m.as_str().trim()).unwrap_or("");
    let has_noun = c.name("noun").is_some();
    let subject = if subj.is_empty() {
        if c.name("total").is_some() && has_noun {
            CountSubject::All
        } else {
            return None;
        }
    } else {
        match verdict_of(subj, ctx.rules) {
            Some(Evaluation::Met) => CountSubject::Met,
            Some(Evaluation::NotMet) => CountSubject::NotMet,
            Some(Evaluation::InProgress) => CountSubject::InProgress,
            None => return None,
        }
    };
    let a = c["a"].parse().ok()?;
    let b = c.name("b").and_then(|m| m.as_str().parse().ok());
    Some(Stated {
        subject,
        a,
        b,
        has_noun,
    })
}

/// The summary lines and what the document lists in each one's group.
fn summaries(ctx: &Ctx<'_, '_>, blocks: &[Block]) -> Vec<CountStatement> {
    let lx = ctx.lx;
    let secs = ctx.sections;
    // Each summary line with its counts and the evaluated blocks it counts; the counts become
    // statements once every line is read, since what a summary's categories cover depends on
    // which ones it names.
    let mut found: Vec<(usize, Vec<Stated>, Vec<&Block>, &str)> = Vec::new();
    let mut last_noun_line: Option<usize> = None;
    // A block's own lines (requirement, result, evaluation) hold no summary.
    let n = lx.lines.count();
    let mut in_block = vec![false; n + 2];
    for b in blocks {
        for (a, z) in [b.requirement, b.result].into_iter().flatten() {
            in_block[a.min(n + 1)..=z.min(n + 1)].fill(true);
        }
        if let Some((_, el)) = b.evaluation {
            in_block[el.min(n + 1)] = true;
        }
    }
    for (l, &own) in in_block.iter().enumerate().take(n + 1).skip(1) {
        let line = lx.line_text(l);
        if own || line.len() > 400 || !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut stated = Vec::new();
        let segs: Vec<&str> = line
            .split([';', '(', ')', ',', '\t', '|'])
            .map(|seg| {
                seg.trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '-' | '+' | '*' | '•')
                })
            })
            .collect();
        for (i, seg) in segs.iter().enumerate() {
            if let Some(s) =
                parse_segment(seg, ctx).or_else(|| parse_share(seg, segs.get(i + 1).copied(), ctx))
            {
                stated.push(s);
            }
        }
        if stated.is_empty() {
            continue;
        }
        let has_noun = stated.iter().any(|s| s.has_noun);
        if has_noun {
            last_noun_line = Some(l);
        } else if last_noun_line.is_none_or(|n| l > n + 3) {
            continue;
        }
        let group = group_of(ctx, blocks, l);
        // Count the shallowest evaluated blocks of the group (a criterion, not its parts).
        let evaluated: Vec<&Block> = group
            .iter()
            .copied()
            .filter(|b| b.evaluation.is_some_and(|(v, _)| v.is_some()))
            .collect();
        let depth = |b: &Block| secs.chain(b.name_line.unwrap_or(b.first)).count();
        let min_depth = evaluated.iter().map(|b| depth(b)).min().unwrap_or(0);
        let top: Vec<&Block> = evaluated
            .into_iter()
            .filter(|b| depth(b) == min_depth)
            .collect();
        if top.is_empty() {
            continue;
        }
        found.push((l, stated, top, line));
    }
    // A summary that names `đang triển khai` and no `chưa đạt` counts the criteria not met
    // among those in progress, and one that names `chưa đạt` and no `đang triển khai` counts
    // those in progress among the ones not met: the document's own categories.
    let names = |top: &[&Block], subject: CountSubject| {
        found.iter().any(|(_, st, t, _)| {
            t.first().map(|b| b.first) == top.first().map(|b| b.first)
                && st.iter().any(|s| s.subject == subject)
        })
    };
    let mut out = Vec::new();
    for (l, stated, top, line) in &found {
        let names_not_met = names(top, CountSubject::NotMet);
        let names_in_progress = names(top, CountSubject::InProgress);
        for s in stated {
            let counted = |v: Option<Evaluation>| match (s.subject, v) {
                (CountSubject::Met, Some(Evaluation::Met)) => true,
                (CountSubject::NotMet, Some(Evaluation::NotMet)) => true,
                (CountSubject::NotMet, Some(Evaluation::InProgress)) => !names_in_progress,
                (CountSubject::InProgress, Some(Evaluation::InProgress)) => true,
                (CountSubject::InProgress, Some(Evaluation::NotMet)) => !names_not_met,
                _ => false,
            };
            let listed = match s.subject {
                CountSubject::All => top.len(),
                _ => top
                    .iter()
                    .filter(|b| counted(b.evaluation.and_then(|(v, _)| v)))
                    .count(),
            };
            out.push(CountStatement {
                subject: s.subject,
                stated: s.a,
                stated_of: s.b,
                listed,
                listed_of: top.len(),
                line: *l,
                text: line.trim().chars().take(200).collect(),
            });
        }
    }
    out
}

/// The blocks a summary on line `l` counts: those under the nearest heading above it that is
/// not a single criterion's own heading; when that section holds no block (an overall
/// summary, `II. ĐÁNH GIÁ CHUNG`), every block.
fn group_of<'b>(ctx: &Ctx<'_, '_>, blocks: &'b [Block], l: usize) -> Vec<&'b Block> {
    let secs = ctx.sections;
    let own_heads: Vec<usize> = blocks.iter().filter_map(|b| b.name_line).collect();
    let mut chain = secs.chain(l).map(|h| h.line).collect::<Vec<_>>();
    // A summary written on a group's heading line or right under it belongs to that group.
    while let Some(&h) = chain.first() {
        if own_heads.contains(&h) && !blocks.iter().any(|b| b.name_line == Some(h) && b.first > l) {
            chain.remove(0);
        } else {
            break;
        }
    }
    if chain.is_empty() {
        return blocks.iter().collect();
    }
    for &h in &chain {
        let under: Vec<&Block> = blocks
            .iter()
            .filter(|b| {
                let at = b.name_line.unwrap_or(b.first);
                at != h && secs.chain(at).any(|x| x.line == h)
            })
            .collect();
        if !under.is_empty() {
            return under;
        }
    }
    // A closing summary (`II. TỔNG HỢP`) counts the criteria before it; an opening one
    // (`I. TỔNG HỢP KẾT QUẢ` before `II. KẾT QUẢ TỪNG TIÊU CHÍ`) those after it.
    let before: Vec<&Block> = blocks.iter().filter(|b| b.last < l).collect();
    if before.is_empty() {
        blocks.iter().collect()
    } else {
        before
    }
}

/// The verdict an evaluation text starts with (`Chưa đạt`, `Đạt (vượt 5%)`), the longest
/// word winning, compared without accents so that `Dat` and `ĐẠT` count.
pub fn verdict_of(text: &str, rules: &crate::rules::Rules) -> Option<Evaluation> {
    let t = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '*' | '-' | '"' | '“')
    });
    let mut best: Option<(usize, Evaluation)> = None;
    for e in &rules.evaluations {
        for w in &e.words {
            let fw = crate::normalize::fold(w);
            if super::scan::folded_prefix_len(t, &fw).is_some()
                && best.is_none_or(|(n, _)| fw.len() > n)
            {
                best = Some((fw.len(), e.verdict));
            }
        }
    }
    best.map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_before_labels() {
        assert_eq!(after_marks("a) Yêu cầu"), 3);
        assert_eq!(after_marks("  - Kết quả"), 4);
        assert_eq!(after_marks("(b) Kết quả"), 4);
        assert_eq!(after_marks("Kết quả"), 0);
        assert_eq!(after_marks("1.1. Tiêu chí"), 0);
    }
}
