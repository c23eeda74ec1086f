//! Stage 3, extraction: the facts of one document, by rules kept as data in `rules/`.
//!
//! One pass, `lexer.rs`, turns the normalised text into typed tokens (numbers, percentages,
//! dates, ids, `a/b` pairs) with their spans and lines; every family of facts is then built
//! from those tokens and a bounded window of text around them, each in its own module:
//!
//! | module | facts |
//! |---|---|
//! | `refs.rs` | references to other documents, with type, date, issuer, title, role |
//! | `dates.rs` | dates, periods, impossible dates |
//! | `numbers.rs` | fractions, percentages, money in running text; the one number decoding |
//! | `meta.rs` | the document's own number, kind, title, place, date, issuer, signer |
//! | `sections.rs` | numbered headings: which section each line is in |
//! | `tables.rs` | table cells: percentages and money under a unit, results and targets of rows |
//! | `criteria.rs` | criterion blocks of commune reports: requirement, result, evaluation, summaries |
//! | `purpose.rs` | whether a figure is achieved (a result) or required (a target) |
//! | `results.rs` | achieved figures in running text, with what they measure |
//! | `targets.rs` | required and planned values in running text, with comparator and horizon |
//! | `sums.rs` | totals stated with their parts, counts announced before a list |
//!
//! Nothing here judges the figures: that is [`crate::check`], the stage after this one.
//!
//! ```
//! use vanban_core::extract::Extractor;
//! let ex = Extractor::built_in();
//! let found = ex.extract_text("Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022, đạt 2.400/4.611 hồ sơ (52,04%).\n");
//! assert_eq!(found.references[0].id, "2198/KH-UBND");
//! assert_eq!(found.references[0].date.as_deref(), Some("2022-04-28"));
//! assert_eq!(found.fractions[0].numerator, 2400.0);
//! assert_eq!(found.percentages[0].value, 52.04);
//! assert_eq!(found.results[0].stated_percent, Some(52.04));
//! ```

mod criteria;
pub(crate) mod dates;
mod lexer;
mod meta;
pub(crate) mod numbers;
mod phrases;
mod purpose;
mod refs;
mod results;
pub(crate) mod scan;
mod sections;
mod sums;
mod tables;
mod targets;
mod values;

pub use numbers::{format_vn, format_vn_short};

use crate::model::{Extract, Source, SCHEMA_VERSION};
use crate::rules::{Rules, RulesError};
use crate::Document;

/// A byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Whether this span and `[start, end)` share a byte.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// A list of rule words, compiled for whole-word matching without regard to case or accents
/// (longest first, so the longest word wins).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    folded: Vec<String>,
    /// Each folded word as written in the rules, in lower case: a text written with accents
    /// must carry these same accents (`Mỗi cơ sở` is not `mới có`); a text written without
    /// any (`moi co`) matches by its fold.
    lower: Vec<String>,
    /// Lower case with accents, for short words whose accents tell them apart (`số`, `sơ`).
    exact: Option<Vec<String>>,
    /// For each ASCII first letter of a folded word, the words starting with it.
    by_first: Vec<Vec<u16>>,
}

impl Words {
    /// Compiles a list of words.
    pub fn new(words: &[String]) -> Words {
        let mut pairs: Vec<(String, String)> = words
            .iter()
            .map(|w| (crate::normalize::fold(w.trim()), w.trim().to_lowercase()))
            .filter(|(f, _)| !f.is_empty())
            .collect();
        pairs.sort_by_key(|(f, _)| std::cmp::Reverse(f.chars().count()));
        pairs.dedup();
        let (folded, lower): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
        let mut by_first = vec![Vec::new(); 129];
        for (i, w) in folded.iter().enumerate() {
            let c = w.chars().next().map(|c| c as usize).unwrap_or(128).min(128);
            by_first[c].push(i as u16);
        }
        Words {
            folded,
            lower,
            exact: None,
            by_first,
        }
    }

    /// Compiles a list of words matched with their accents (case still ignored).
    pub fn with_accents(words: &[String]) -> Words {
        let mut exact: Vec<String> = words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        exact.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        exact.dedup();
        Words {
            folded: Vec::new(),
            lower: Vec::new(),
            exact: Some(exact),
            by_first: Vec::new(),
        }
    }

    /// The length of word `k` at the start of `text`: its fold matches, and the text either
    /// carries the word's own accents or none at all.
    fn word_at(&self, text: &str, k: usize) -> Option<usize> {
        let n = scan::folded_prefix_len(text, &self.folded[k])?;
        self.accents_agree(&text[..n], k).then_some(n)
    }

    /// Whether `written` (a span whose fold is word `k`) is the word as the rules spell it, or
    /// one of the two is written without accents.
    fn accents_agree(&self, written: &str, k: usize) -> bool {
        let Some(lower) = self.lower.get(k) else {
            return true;
        };
        // A rule word written without accents (`kh`, `stt`) leaves them open.
        if written.is_ascii() || lower.is_ascii() {
            return true;
        }
        let mut a = written.chars().flat_map(char::to_lowercase);
        let mut b = lower.chars();
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if x == y => {}
                // Spaces and hyphens may differ (`đã  được`); the fold already agreed on them.
                (Some(x), Some(y)) if !x.is_alphanumeric() && !y.is_alphanumeric() => {}
                _ => return false,
            }
        }
    }

    /// Whether any word stands in `text` as a whole word: one pass over the text, trying at
    /// each word start only the words that begin with its letter.
    pub fn any_in(&self, text: &str) -> bool {
        if let Some(ex) = &self.exact {
            return ex.iter().any(|w| scan::find_word(text, w).is_some());
        }
        let mut prev_word = false;
        for (i, c) in text.char_indices() {
            let word = scan::is_word_char(c);
            if word && !prev_word {
                let f = crate::normalize::fold_char(c) as usize;
                let candidates = self
                    .by_first
                    .get(f.min(128))
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let rest = &text[i..];
                if candidates
                    .iter()
                    .any(|&k| self.word_at(rest, k as usize).is_some())
                {
                    return true;
                }
            } else if !word && !prev_word {
                // A word may start with a symbol (`≥`): try the words that do.
                if let Some(rest) = text.get(i..) {
                    if self.by_first[128]
                        .iter()
                        .any(|&k| self.word_at(rest, k as usize).is_some())
                    {
                        return true;
                    }
                }
            }
            prev_word = word;
        }
        false
    }

    /// Whether any word stands in `text` outside every word of `names` (`mục tiêu` is a goal
    /// word, but not inside `Chương trình mục tiêu quốc gia`).
    pub fn any_outside(&self, text: &str, names: &Words) -> bool {
        if !self.any_in(text) {
            return false;
        }
        let mut masked: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        while let Some((i, n)) = text.get(from..).and_then(|t| names.find_in(t)) {
            masked.push((from + i, from + i + n));
            from += i + n.max(1);
        }
        let mut from = 0;
        while let Some((i, n)) = text.get(from..).and_then(|t| self.find_in(t)) {
            let at = from + i;
            if !masked.iter().any(|&(s, e)| s <= at && at < e) {
                return true;
            }
            from = at + n.max(1);
        }
        false
    }

    /// The first place (byte offset) any word stands in `text`, with its length.
    pub fn find_in(&self, text: &str) -> Option<(usize, usize)> {
        if let Some(ex) = &self.exact {
            return ex
                .iter()
                .filter_map(|w| {
                    let i = scan::find_word(text, w)?;
                    Some((i, scan::word_prefix_len(&text[i..], w)?))
                })
                .min_by_key(|&(i, n)| (i, std::cmp::Reverse(n)));
        }
        (0..self.folded.len())
            .filter_map(|k| {
                let w = &self.folded[k];
                let mut from = 0;
                // The first place the word stands with agreeing accents.
                loop {
                    let i = from + scan::find_folded(&text[from..], w)?;
                    if let Some(n) = self.word_at(&text[i..], k) {
                        return Some((i, n));
                    }
                    from = i + text[i..].chars().next().map_or(1, char::len_utf8);
                }
            })
            .min_by_key(|&(i, n)| (i, std::cmp::Reverse(n)))
    }

    /// The byte length of the longest word `text` starts with.
    pub fn prefix_len(&self, text: &str) -> Option<usize> {
        if let Some(ex) = &self.exact {
            return ex.iter().find_map(|w| scan::word_prefix_len(text, w));
        }
        (0..self.folded.len()).find_map(|k| self.word_at(text, k))
    }

    /// The byte length of the longest word `text` ends with.
    pub fn suffix_len(&self, text: &str) -> Option<usize> {
        if let Some(ex) = &self.exact {
            return ex.iter().find_map(|w| scan::word_suffix_len(text, w));
        }
        (0..self.folded.len()).find_map(|k| {
            let n = scan::folded_suffix_len(text, &self.folded[k])?;
            self.accents_agree(&text[text.len() - n..], k).then_some(n)
        })
    }

    /// Whether `text` is one of the words.
    pub fn is_whole(&self, text: &str) -> bool {
        let t = text.trim();
        self.prefix_len(t).is_some_and(|n| n == t.len())
    }
}

/// The rule words every extractor uses, compiled once.
#[derive(Debug, Clone)]
pub(crate) struct Vocab {
    /// Heading words of result sections.
    pub result_sections: Words,
    /// Heading words of goal sections.
    pub goal_sections: Words,
    /// Goal words in a sentence.
    pub goal_words: Words,
    /// Goal hints in a sentence.
    pub goal_hints: Words,
    /// Words of a quota in the clause right before a figure (`chỉ tiêu đề ra là`).
    pub quota_words: Words,
    /// Names that hold a goal word without setting a goal (`Chương trình mục tiêu quốc gia`).
    pub goal_names: Words,
    /// Task words in a sentence.
    pub task_words: Words,
    /// Words before a count that make it a quota to repeat (`hằng tháng`).
    pub frequency: Words,
    /// Words after a figure that make it a condition (`… trên 30% … thì …`).
    pub conditions: Words,
    /// Words that report a figure as done.
    pub achieved: Words,
    /// Words of a sentence that asks for something.
    pub directive: Words,
    /// Linking words around indicators.
    pub links: Words,
    /// Words that alone name nothing.
    pub adverbs: Words,
    /// Criterion heading words.
    pub criterion: Words,
    /// Requirement labels.
    pub requirement: Words,
    /// Result labels.
    pub result: Words,
    /// Evaluation labels.
    pub evaluation: Words,
    /// The pattern of a summary segment (`Số chỉ tiêu đạt: 07/09`).
    pub summary_segment: regex::Regex,
    /// The pattern of a summary stated as a share (`07/08 chỉ tiêu, đạt 87,5%`, `04/05 chỉ
    /// tiêu đạt`).
    pub summary_share: regex::Regex,
    /// Unit column headers.
    pub unit_headers: Words,
    /// Unit captions.
    pub unit_captions: Words,
    /// Total rows.
    pub total_rows: Words,
    /// Growth rows.
    pub growth_rows: Words,
    /// Labels of rows of rates, averages and shares (`rules/tables.toml`).
    pub rate_rows: Words,
    /// Words of finishing before a year (`hoàn thành`).
    pub deadline_verbs: Words,
    /// Words asking for something to be done (`để`, `phấn đấu`).
    pub intent_words: Words,
    /// Words before a date that make it a time limit (`trước ngày`).
    pub deadline_leads: Words,
    /// Words of a clause that tell what was done or asked before (`đã`).
    pub told_words: Words,
    /// Header words of a maximum score column.
    pub max_columns: Words,
    /// Header words of an obtained score column.
    pub score_columns: Words,
    /// Rows of values at current prices.
    pub nominal_rows: Words,
    /// Plan columns.
    pub plan_columns: Words,
    /// Done columns.
    pub done_columns: Words,
    /// Label columns.
    pub label_columns: Words,
    /// Projection headers and captions.
    pub projection: Words,
    /// Words that make a percentage after fractions their combined rate.
    pub combined: Words,
    /// Words that make a part the complement of another.
    pub complement: Words,
    /// Words that make a percentage a change, not a share.
    pub changes: Words,
    /// Words that open a new clause after a comma, ending an indicator phrase.
    pub clause_openers: Words,
    /// Words after a percentage naming the plan it is a share of (`dự toán`).
    pub quota_bases: Words,
    /// Words after a percentage naming what it is compared with (`so cùng kỳ`).
    pub comparison_bases: Words,
    /// Words right before a percentage that make it the share of its clause's count.
    pub share_verbs: Words,
    /// Words right before a percentage that state an excess over a plan (`vượt`).
    pub excess_words: Words,
    /// Words right before a figure that state a quantity's level (`đạt`, `chiếm`).
    pub level_verbs: Words,
    /// Words that make a figure one of part of a year or of several (`6 tháng`, `lũy kế`).
    pub part_year: Words,
    /// Words at the ends of a level's name that are no part of it (`quy mô`, `cả năm`).
    pub level_fillers: Words,
    /// Words of obligation that bound a duration or a count (`không quá`, `ít nhất`).
    pub time_bounds: Words,
    /// Words before the year a target is due (`đến năm`).
    pub horizon_words: Words,
    /// Words of a line that closes the numbered sections above it (`PHỤ LỤC`, `Nơi nhận`).
    pub part_breaks: Words,
}

impl Vocab {
    /// Compiles the words of `r`; fails only when the summary words of `criteria.toml` make
    /// a pattern larger than the regex engine takes.
    fn new(r: &Rules) -> Result<Vocab, RulesError> {
        let refused = |e: regex::Error| {
            RulesError::Invalid {
            file: std::path::PathBuf::from("criteria.toml"),
            line: 1,
            message: format!(
                "the summary words make a pattern the regex engine refuses ({}); list fewer or shorter words",
                e.to_string().lines().last().unwrap_or("too large").trim()
            ),
        }
        };
        let summary = criteria::summary_pattern(&r.criteria.summary).map_err(refused)?;
        let summary_share =
            criteria::summary_share_pattern(&r.criteria.summary).map_err(refused)?;
        Ok(Vocab {
            result_sections: Words::new(&r.sections.results),
            goal_sections: Words::new(&r.sections.goals),
            goal_words: Words::new(&r.sections.goal_words),
            goal_hints: Words::new(&r.sections.goal_hints),
            quota_words: Words::new(&r.sections.quota_words),
            goal_names: Words::new(&r.sections.goal_names),
            task_words: Words::new(&r.sections.task_words),
            frequency: Words::with_accents(&r.sections.frequency),
            conditions: Words::with_accents(&r.sections.conditions),
            achieved: Words::new(&r.sections.achieved),
            directive: Words::new(&r.sections.directive),
            links: Words::with_accents(&r.indicators.links),
            adverbs: Words::with_accents(&r.indicators.adverbs),
            criterion: Words::new(&r.criteria.criterion),
            requirement: Words::new(&r.criteria.requirement),
            result: Words::new(&r.criteria.result),
            evaluation: Words::new(&r.criteria.evaluation),
            summary_segment: summary,
            summary_share,
            combined: Words::new(&r.figures.combined),
            complement: Words::new(&r.figures.complement),
            changes: Words::new(&r.figures.changes),
            clause_openers: Words::with_accents(&r.indicators.clause_openers),
            quota_bases: Words::with_accents(&r.indicators.quota_bases),
            share_verbs: Words::with_accents(&r.indicators.share_verbs),
            excess_words: Words::with_accents(&r.indicators.excess_words),
            time_bounds: Words::with_accents(&r.durations.bounds),
            level_verbs: Words::with_accents(&r.indicators.level_verbs),
            part_year: Words::with_accents(&r.indicators.part_year),
            level_fillers: Words::with_accents(&r.indicators.level_fillers),
            comparison_bases: Words::with_accents(&r.indicators.comparison_bases),
            horizon_words: Words::new(&r.sections.horizon_words),
            part_breaks: Words::new(&r.sections.part_breaks),
            unit_headers: Words::new(&r.tables.unit_headers),
            unit_captions: Words::new(&r.tables.unit_captions),
            total_rows: Words::new(&r.tables.total_rows),
            growth_rows: Words::new(&r.tables.growth_rows),
            rate_rows: Words::new(&r.tables.rate_rows),
            deadline_verbs: Words::new(&r.figures.deadline_verbs),
            intent_words: Words::new(&r.figures.intent_words),
            deadline_leads: Words::new(&r.figures.deadline_leads),
            told_words: Words::new(&r.figures.told_words),
            max_columns: Words::new(&r.tables.max_columns),
            score_columns: Words::new(&r.tables.score_columns),
            nominal_rows: Words::new(&r.tables.nominal_rows),
            plan_columns: Words::new(&r.tables.plan_columns),
            done_columns: Words::new(&r.tables.done_columns),
            label_columns: Words::new(&r.tables.label_columns),
            projection: Words::new(&r.tables.projection),
        })
    }
}

/// The one extractor of the built-in rules, compiled the first time it is asked for.
fn built_in_arc() -> &'static std::sync::Arc<Extractor> {
    static EX: std::sync::OnceLock<std::sync::Arc<Extractor>> = std::sync::OnceLock::new();
    EX.get_or_init(|| std::sync::Arc::new(Extractor::new(Rules::built_in().clone())))
}

/// Rules plus their compiled words: build once, extract many documents (it is `Sync`).
#[derive(Debug)]
pub struct Extractor {
    rules: Rules,
    vocab: Vocab,
}

/// What the extractors of one document share: the lexed text, the rules, the sections.
pub(crate) struct Ctx<'a, 't> {
    /// The lexed text.
    pub lx: &'a lexer::Lexed<'t>,
    /// The rules.
    pub rules: &'a Rules,
    /// The compiled rule words.
    pub vocab: &'a Vocab,
    /// The numbered sections.
    pub sections: &'a sections::Sections,
    /// The document's meta (its kind and year decide what a figure is).
    pub meta: &'a crate::model::Meta,
    /// The kind its figures are read by ([`purpose::reading_kind`]: an annex reads as the
    /// document it is attached to).
    pub kind: crate::model::Kind,
}

impl Extractor {
    /// Compiles the words of `rules` that are known to compile (the built-in ones, or rules
    /// already accepted by [`Extractor::try_new`]).
    ///
    /// # Panics
    /// When the rules cannot be compiled; use [`Extractor::try_new`] for rules a user gave.
    pub fn new(rules: Rules) -> Extractor {
        Extractor::try_new(rules).expect("rules that compile")
    }

    /// Compiles the words of `rules`, or says which rules file holds words the pattern
    /// engine refuses.
    pub fn try_new(rules: Rules) -> Result<Extractor, RulesError> {
        let vocab = Vocab::new(&rules)?;
        Ok(Extractor { rules, vocab })
    }

    /// The extractor of the built-in rules, compiled once per process.
    pub fn built_in() -> &'static Extractor {
        built_in_arc()
    }

    /// [`Extractor::built_in`] as a value a thread or a [`Pipeline`](crate::pipeline::Pipeline)
    /// can own: the same one extractor, not a copy.
    pub fn built_in_shared() -> std::sync::Arc<Extractor> {
        built_in_arc().clone()
    }

    /// The rules in use.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Extracts the facts of a normalised text; `source` is left empty (see
    /// [`Extractor::extract`] for a loaded document) and `findings` too (see
    /// [`crate::check`]).
    pub fn extract_text(&self, text: &str) -> Extract {
        let rules = &self.rules;
        let lx = lexer::Lexed::new(text);
        let ids = refs::ids(&lx, rules);
        let found_dates = dates::find(&lx);
        let (meta, own) = meta::meta(&lx, rules, &ids);
        let mut references = refs::references(&lx, rules, &ids, &found_dates.dates, &own);
        // A document never cites itself: its own number again on an annex's `Kèm theo Báo cáo
        // số …` line names the same document.
        references.retain(|r| meta.number.as_deref() != Some(r.id.as_str()));
        let periods = dates::periods(&lx, &found_dates.used, &rules.figures.period_leads);
        let secs = sections::Sections::new(&lx, &self.vocab);
        let ctx = Ctx {
            lx: &lx,
            rules,
            vocab: &self.vocab,
            sections: &secs,
            meta: &meta,
            kind: purpose::reading_kind(&meta, rules),
        };
        let mut skip = vec![false; lx.tokens.len()];
        let mut tabled = tables::read(&ctx, &mut skip);
        let fractions = numbers::fractions(&lx, rules, &skip);
        let mut prose_pct = numbers::percentages(&lx, rules, &skip);
        let mut money = numbers::money(&lx, rules, &skip);
        let mut used_pct = vec![false; prose_pct.len()];
        let mut used_frac: Vec<bool> = fractions
            .iter()
            .map(|f| tabled.fraction_tokens.contains(&f.token))
            .collect();
        let crit = criteria::read(&ctx, &fractions, &prose_pct, &mut used_frac, &mut used_pct);
        let mut results = crit.results;
        let mut targets = crit.targets;
        // Results first: a percentage stated beside its fraction is that result's.
        results.extend(results::from_prose(
            &ctx,
            &fractions,
            &prose_pct,
            &mut used_frac,
            &mut used_pct,
        ));
        targets.extend(targets::from_prose(
            &ctx,
            &prose_pct,
            &mut used_pct,
            &periods,
        ));
        targets.extend(targets::counts(&ctx, &skip));
        let mut stated_values = values::from_prose(&ctx, &skip, &tabled.values);
        targets.extend(targets::levels(&ctx, &stated_values));
        targets.extend(targets::worded_counts(&ctx));
        results.extend(tabled.results);
        targets.extend(tabled.targets);
        results.sort_by_key(|r| r.line);
        targets.sort_by_key(|t| t.line);
        let mut percentages: Vec<_> = prose_pct.drain(..).map(|p| p.percentage).collect();
        percentages.extend(tabled.percentages);
        percentages.sort_by_key(|p| p.line);
        money.extend(tabled.money);
        money.sort_by_key(|m| m.line);
        let tabled_ratios = std::mem::take(&mut tabled.ratios);
        stated_values.append(&mut tabled.values);
        let mut sums = sums::sums(&ctx, &skip);
        sums.extend(tabled.sums);
        let mut counts = crit.counts;
        counts.extend(sums::announced(&ctx));
        Extract {
            schema: SCHEMA_VERSION,
            source: Source::default(),
            meta,
            references,
            dates: dates::mentions(&lx, &found_dates, &rules.figures.weekdays),
            periods,
            fractions: fractions.into_iter().map(|f| f.fraction).collect(),
            percentages,
            money,
            results,
            targets,
            sums,
            counts,
            ratios: tabled_ratios,
            values: stated_values,
            bad_dates: dates::bad_mentions(&lx, &found_dates),
            deadlines: dates::deadlines(&lx, &found_dates, &self.vocab),
            findings: Vec::new(),
        }
    }

    /// The canonical form of a document id typed in any spelling (`2198/kh-ubnd`,
    /// `2198 /KH – UBND`, `45/2016/QD-TTg`), or `None` when it is not an id.
    ///
    /// ```
    /// let ex = vanban_core::extract::Extractor::built_in();
    /// assert_eq!(ex.canonical_id("2198 /kh – ubnd").as_deref(), Some("2198/KH-UBND"));
    /// assert_eq!(ex.canonical_id("45/2016/qd-ttg").as_deref(), Some("45/2016/QĐ-TTg"));
    /// assert_eq!(ex.canonical_id("71-kh/hu").as_deref(), Some("71-KH/HU"));
    /// ```
    pub fn canonical_id(&self, id: &str) -> Option<String> {
        refs::canonical_id(id, &self.rules)
    }

    /// An id typed in any spelling, in its parts (number, year, type code, issuer), or `None`
    /// when it does not read as an id.
    ///
    /// ```
    /// let ex = vanban_core::extract::Extractor::built_in();
    /// let id = ex.doc_id("2198 /kh – ubnd").unwrap();
    /// assert_eq!((id.type_code(), id.issuer_code(), id.key().as_str()), ("KH", Some("UBND"), "2198/kh-ubnd"));
    /// ```
    pub fn doc_id(&self, id: &str) -> Option<crate::model::DocId> {
        refs::doc_id(id, &self.rules)
    }

    /// The [key](crate::model::id_key) of an id as a user typed it: of its canonical form
    /// when it reads as an id, else of the text as typed (trimmed).
    ///
    /// ```
    /// let ex = vanban_core::extract::Extractor::built_in();
    /// assert_eq!(ex.typed_id_key(" 2198 /kh – ubnd"), "2198/kh-ubnd");
    /// assert_eq!(ex.typed_id_key(" corpus/a.txt "), "corpus/a.txt");
    /// ```
    pub fn typed_id_key(&self, typed: &str) -> String {
        match self.doc_id(typed) {
            Some(id) => id.key(),
            None => crate::model::id_key(typed.trim()),
        }
    }

    /// Extracts the facts of a loaded document (no findings: see [`crate::analyze`]).
    pub fn extract(&self, doc: &Document) -> Extract {
        let mut e = self.extract_text(&doc.text);
        e.source = Source {
            path: doc.raw.path.display().to_string(),
            format: doc.raw.format.name().to_string(),
            encoding: doc.raw.encoding.name().to_string(),
            sha256: doc.sha256.clone(),
            ocr_pages: doc.raw.ocr_pages.clone(),
            pages_without_text: doc.raw.pages_without_text.clone(),
        };
        if let Some(first) = doc.raw.signatures.first() {
            e.meta.signed_by.clone_from(&first.signed_by);
            e.meta.signed_at.clone_from(&first.signed_at);
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    fn words(w: &[&str]) -> Words {
        Words::new(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn rule_words_keep_their_accents_unless_the_text_has_none() {
        let w = words(&["giảm", "mới có", "stt"]);
        assert!(w.any_in("tỷ lệ hộ nghèo giảm 1,2%"));
        assert!(w.any_in("GIẢM 1,2%"));
        assert!(!w.any_in("Giám đốc Sở chỉ đạo"));
        assert!(!w.any_in("Mỗi cơ sở kiểm tra"));
        assert!(w.any_in("moi co so kiem tra"), "a text without accents");
        assert!(w.any_in("xã mới có 3 thôn"));
        // A rule word without accents leaves them open.
        assert!(w.any_in("STT"));
        assert_eq!(w.find_in("Giám đốc đề nghị giảm"), Some((26, 6)));
        assert_eq!(w.prefix_len("giảm mạnh"), Some(6));
        assert_eq!(w.prefix_len("giám sát"), None);
        assert_eq!(w.suffix_len("đã giảm"), Some(6));
        assert_eq!(w.suffix_len("ban giám"), None);
    }
}
