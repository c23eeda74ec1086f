//! Stage 3, extraction: references, dates, periods, fractions, percentages, money and the
//! document's own meta, by rules kept as data in `rules/`.
//!
//! Every pattern is compiled once per [`Extractor`] (from its [`Rules`]); extracting a
//! document runs one pass per family over the normalised text. Every mention carries its
//! `line` in that text.
//!
//! ```
//! use vanban::extract::Extractor;
//! let ex = Extractor::built_in();
//! let found = ex.extract_text("Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022, đạt 2.400/4.611 hồ sơ (52,04%).\n");
//! assert_eq!(found.references[0].id, "2198/KH-UBND");
//! assert_eq!(found.references[0].date.as_deref(), Some("2022-04-28"));
//! assert_eq!(found.fractions[0].numerator, 2400.0);
//! assert_eq!(found.percentages[0].value, 52.04);
//! ```

pub mod dates;
pub mod meta;
pub mod numbers;
pub mod refs;
pub mod results;

use crate::model::{Extract, Source, SCHEMA_VERSION};
use crate::rules::Rules;
use crate::Document;

/// A byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
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

/// Whether `[start, end)` overlaps any span of `sorted` (spans in text order, not overlapping
/// each other), in logarithmic time.
pub fn overlaps_any(sorted: &[Span], start: usize, end: usize) -> bool {
    let i = sorted.partition_point(|s| s.start < end);
    i > 0 && sorted[i - 1].end > start
}

/// Every compiled pattern.
#[derive(Debug)]
pub struct Patterns {
    numbers: numbers::Patterns,
    dates: dates::Patterns,
    refs: refs::Patterns,
    meta: meta::Patterns,
    results: results::Patterns,
}

/// Rules plus their compiled patterns: build once, extract many documents (it is `Sync`).
#[derive(Debug)]
pub struct Extractor {
    rules: Rules,
    patterns: Patterns,
}

/// What the extractors share while working on one text.
pub struct Ctx<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// The rules.
    pub rules: &'a Rules,
    patterns: &'a Patterns,
    line_starts: Vec<usize>,
}

impl Ctx<'_> {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, at: usize) -> usize {
        match self.line_starts.binary_search(&at) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The mention text of a span: line breaks become one space.
    pub fn mention(&self, start: usize, end: usize) -> String {
        let s = &self.text[start..end];
        if s.contains('\n') {
            s.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")
        } else {
            s.to_string()
        }
    }
}

impl Extractor {
    /// Compiles the patterns of `rules`.
    pub fn new(rules: Rules) -> Extractor {
        let patterns = Patterns {
            numbers: numbers::Patterns::new(&rules),
            dates: dates::Patterns::default(),
            refs: refs::Patterns::new(&rules),
            meta: meta::Patterns::default(),
            results: results::Patterns::default(),
        };
        Extractor { rules, patterns }
    }

    /// The extractor of the built-in rules, compiled once per process.
    pub fn built_in() -> &'static Extractor {
        use std::sync::OnceLock;
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::new(Rules::built_in().clone()))
    }

    /// The rules in use.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Extracts everything from a normalised text; `source` is left empty (see
    /// [`Extractor::extract`] for a loaded document).
    pub fn extract_text(&self, text: &str) -> Extract {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let ctx = Ctx {
            text,
            rules: &self.rules,
            patterns: &self.patterns,
            line_starts,
        };
        let ids = refs::find_ids(&ctx);
        let found_dates = dates::find_dates(&ctx);
        let (meta, own) = meta::meta(&ctx, &ids);
        let references = refs::references(&ctx, &ids, &found_dates, own);
        let mut taken: Vec<Span> = ids.iter().map(|x| x.span).collect();
        taken.extend(found_dates.iter().map(|d| d.span));
        taken.sort_by_key(|s| s.start);
        let periods = dates::periods(&ctx, &taken);
        let fraction_spans = numbers::fractions(&ctx, &taken);
        let percent_spans = numbers::percentages(&ctx);
        let money = numbers::money(&ctx, &taken);
        let (results, targets) = results::results(
            &ctx,
            &results::Inputs {
                fractions: &fraction_spans,
                percentages: &percent_spans,
                periods: &periods,
                meta: &meta,
            },
        );
        let findings = crate::check::findings(text, &results, &self.rules);
        Extract {
            schema: SCHEMA_VERSION,
            source: Source::default(),
            meta,
            references,
            dates: dates::dates(&ctx, &found_dates),
            periods,
            fractions: fraction_spans.into_iter().map(|(_, f)| f).collect(),
            percentages: percent_spans.into_iter().map(|(_, p)| p).collect(),
            money,
            results,
            targets,
            findings,
        }
    }

    /// The canonical form of a document id typed in any spelling (`2198/kh-ubnd`,
    /// `2198 /KH – UBND`, `45/2016/QD-TTg`), or `None` when it is not an id.
    ///
    /// ```
    /// let ex = vanban::extract::Extractor::built_in();
    /// assert_eq!(ex.canonical_id("2198 /kh – ubnd").as_deref(), Some("2198/KH-UBND"));
    /// assert_eq!(ex.canonical_id("45/2016/qd-ttg").as_deref(), Some("45/2016/QĐ-TTg"));
    /// assert_eq!(ex.canonical_id("71-kh/hu").as_deref(), Some("71-KH/HU"));
    /// ```
    pub fn canonical_id(&self, id: &str) -> Option<String> {
        let upper = format!("{}\n", id.trim().to_uppercase());
        let ctx = Ctx {
            text: &upper,
            rules: &self.rules,
            patterns: &self.patterns,
            line_starts: vec![0],
        };
        refs::find_ids_loose(&ctx).into_iter().next().map(|x| x.id)
    }

    /// Extracts everything from a loaded document.
    pub fn extract(&self, doc: &Document) -> Extract {
        let mut found = Extract {
            source: Source {
                path: doc.path.display().to_string(),
                format: doc.format.name().to_string(),
                encoding: doc.encoding.name().to_string(),
                sha256: doc.sha256.clone(),
                ocr_pages: doc.ocr_pages.clone(),
                pages_without_text: doc.pages_without_text.clone(),
            },
            ..self.extract_text(&doc.text)
        };
        if let Some(first) = doc.signatures.first() {
            found.meta.signed_by.clone_from(&first.signed_by);
            found.meta.signed_at.clone_from(&first.signed_at);
        }
        found
    }
}
