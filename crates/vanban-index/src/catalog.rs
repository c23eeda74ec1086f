//! Per-document facts a server needs for every query, kept in memory per segment: facet values
//! (kind, years, place, issuer) and findings.
//!
//! The catalog is a tantivy [`Warmer`]: when the index reloads after a commit, the segments
//! it has not seen are read once (stored fields and the extract's meta and findings) before
//! the new searcher is handed out, and segments no searcher uses any more are dropped. A
//! segment's documents never change (deletions only mark them), so a table built once serves
//! every later commit that keeps the segment.
//!
//! It answers two questions: facet counts over the matches of a search ([`FacetCollector`])
//! and the list of every finding in the index ([`Catalog::findings`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use vanban_core::model::IsoDate;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TantivyDocument, Warmer, TERMINATED};

use super::Fields;
use vanban_core::model::{iso_year, Finding, Meta};

/// What the catalog keeps of one document.
#[derive(Debug, Clone)]
pub struct Card {
    /// Stable key.
    pub key: Arc<str>,
    /// Own number.
    pub number: Option<Arc<str>>,
    /// Kind (`report`, `plan`, …).
    pub kind: Arc<str>,
    /// Title.
    pub title: Option<Arc<str>>,
    /// Issue date, ISO.
    pub date: Option<Arc<str>>,
    /// Place, as written.
    pub place: Option<Arc<str>>,
    /// Issuer, as written.
    pub issuer: Option<Arc<str>>,
    /// Years the document is about (the `year` field of the index).
    pub years: Box<[u16]>,
    /// Catalog-wide numbers of kind, place and issuer ([`NO_NAME`] when absent), so facets
    /// count in arrays instead of hashing strings for every match.
    ids: [u32; 3],
    /// What the checks found in it.
    pub findings: Box<[Finding]>,
    /// The documents it replaces, repeals or amends, by its citations.
    pub changes: Box<[super::standing::ChangeMade]>,
}

impl Card {
    /// The year of the document's own date.
    pub fn year(&self) -> Option<u16> {
        iso_year(self.date.as_deref()?).and_then(|y| u16::try_from(y).ok())
    }
}

/// The cards of one segment, by document id (deleted documents included: liveness is the
/// searcher's business).
#[derive(Debug, Default)]
pub struct SegmentCards {
    cards: Vec<Option<Card>>,
}

impl SegmentCards {
    /// The card of a document id.
    pub fn get(&self, doc: DocId) -> Option<&Card> {
        self.cards.get(doc as usize).and_then(Option::as_ref)
    }
}

/// The id of a missing place or issuer.
const NO_NAME: u32 = u32::MAX;

/// Years counted by facets: 1900 and the 255 after it.
const FIRST_YEAR: u16 = 1900;
const YEARS: usize = 256;

/// Repeated strings, each stored once and numbered.
#[derive(Default)]
struct Names {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

/// Per-segment cards of every segment some searcher uses.
pub struct Catalog {
    fields: Fields,
    segments: RwLock<HashMap<SegmentId, Arc<SegmentCards>>>,
    names: Mutex<Names>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.segments.read().map(|s| s.len()).unwrap_or(0);
        f.debug_struct("Catalog").field("segments", &n).finish()
    }
}

/// The parts of the stored extract the catalog reads (the rest is skipped unparsed).
#[derive(Deserialize)]
struct Partial {
    meta: Meta,
    #[serde(default)]
    findings: Vec<Finding>,
    #[serde(default)]
    references: Vec<vanban_core::model::Reference>,
}

/// Documents read per task when a segment is warmed.
const CHUNK: u32 = 512;

impl Catalog {
    /// An empty catalog for an index with these fields.
    pub fn new(fields: Fields) -> Catalog {
        Catalog {
            fields,
            segments: RwLock::new(HashMap::new()),
            names: Mutex::new(Names::default()),
        }
    }

    /// One shared copy of a repeated string (kinds, places, issuers).
    fn intern(&self, s: &str) -> (Arc<str>, u32) {
        let mut n = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((a, id)) = n.ids.get_key_value(s) {
            return (a.clone(), *id);
        }
        let a: Arc<str> = Arc::from(s);
        let id = n.names.len() as u32;
        n.names.push(a.clone());
        n.ids.insert(a.clone(), id);
        (a, id)
    }

    /// The string numbered `id`.
    fn name(&self, id: usize) -> Option<Arc<str>> {
        let n = self.names.lock().unwrap_or_else(|e| e.into_inner());
        n.names.get(id).cloned()
    }

    /// The cards of a segment, when warmed.
    pub fn segment(&self, id: SegmentId) -> Option<Arc<SegmentCards>> {
        self.segments
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
    }

    fn build(&self, reader: &SegmentReader) -> tantivy::Result<SegmentCards> {
        let f = self.fields;
        let max = reader.max_doc();
        let chunks: Vec<u32> = (0..max).step_by(CHUNK as usize).collect();
        let parts: Vec<tantivy::Result<Vec<Option<Card>>>> = chunks
            .par_iter()
            .map(|&start| {
                let store = reader.get_store_reader(4)?;
                let end = (start + CHUNK).min(max);
                let mut out = Vec::with_capacity((end - start) as usize);
                for doc in start..end {
                    let d: TantivyDocument = store.get(doc)?;
                    out.push(self.card(&d, &f));
                }
                Ok(out)
            })
            .collect();
        let mut cards = Vec::with_capacity(max as usize);
        for p in parts {
            cards.extend(p?);
        }
        // Years come from the index itself, so a facet counts exactly what the filter finds.
        let mut years: Vec<Vec<u16>> = vec![Vec::new(); max as usize];
        let inverted = reader.inverted_index(f.year)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let Ok(bytes) = <[u8; 8]>::try_from(terms.key()) else {
                continue;
            };
            let Ok(year) = u16::try_from(u64::from_be_bytes(bytes)) else {
                continue;
            };
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if let Some(y) = years.get_mut(doc as usize) {
                    y.push(year);
                }
                doc = postings.advance();
            }
        }
        for (card, ys) in cards.iter_mut().zip(years) {
            if let Some(c) = card {
                c.years = ys.into_boxed_slice();
            }
        }
        Ok(SegmentCards { cards })
    }

    fn card(&self, d: &TantivyDocument, f: &Fields) -> Option<Card> {
        let text = |field| d.get_first(field).and_then(|v| v.as_str());
        let key = text(f.key)?;
        let partial: Option<Partial> = text(f.extract).and_then(|j| serde_json::from_str(j).ok());
        let (meta, findings, refs) = match partial {
            Some(p) => (p.meta, p.findings, p.references),
            None => (Meta::default(), Vec::new(), Vec::new()),
        };
        let (kind, kind_id) = self.intern(text(f.kind).unwrap_or("other"));
        let place = meta.place.as_deref().map(|p| self.intern(p));
        let issuer = meta.issuer.as_deref().map(|i| self.intern(i));
        Some(Card {
            key: Arc::from(key),
            number: text(f.number).map(Arc::from),
            kind,
            title: text(f.title).map(Arc::from),
            date: text(f.date).map(Arc::from),
            ids: [
                kind_id,
                place.as_ref().map_or(NO_NAME, |p| p.1),
                issuer.as_ref().map_or(NO_NAME, |i| i.1),
            ],
            place: place.map(|p| p.0),
            issuer: issuer.map(|i| i.0),
            years: Box::new([]),
            findings: findings.into_boxed_slice(),
            changes: super::standing::ChangeMade::of_references(&refs),
        })
    }

    /// Every live document's card in a snapshot, segment by segment.
    pub fn cards<'a>(&'a self, searcher: &'a Searcher) -> impl Iterator<Item = Card> + 'a {
        searcher.segment_readers().iter().flat_map(move |r| {
            let table = self.segment(r.segment_id());
            let alive = r.alive_bitset().cloned();
            (0..r.max_doc()).filter_map(move |doc| {
                if alive.as_ref().is_some_and(|a| a.is_deleted(doc)) {
                    return None;
                }
                table.as_ref()?.get(doc).cloned()
            })
        })
    }

    /// Every finding of a snapshot that passes `filter`, with its document, most severe
    /// first, then by document key and line.
    pub fn findings(&self, searcher: &Searcher, filter: &FindingFilter) -> FindingList {
        let mut rows = Vec::new();
        let mut facets = FindingFacets::default();
        for card in self.cards(searcher) {
            for f in card.findings.iter() {
                let year = card.year();
                let by_kind = filter.kind.as_deref().is_none_or(|k| f.kind.as_str() == k);
                let by_sev = filter
                    .severity
                    .as_deref()
                    .is_none_or(|s| f.severity.as_str() == s);
                let by_place = filter.place.as_deref().is_none_or(|p| {
                    card.place
                        .as_deref()
                        .is_some_and(|cp| vanban_core::normalize::same_place(cp, p))
                });
                let by_year = filter.year.is_none_or(|y| year == Some(y));
                // Each facet counts what the other filters leave, as portals do.
                if by_sev && by_place && by_year {
                    *facets.kind.entry(f.kind.to_string()).or_default() += 1;
                }
                if by_kind && by_place && by_year {
                    *facets.severity.entry(f.severity.to_string()).or_default() += 1;
                }
                if by_kind && by_sev && by_year {
                    if let Some(p) = &card.place {
                        *facets.place.entry(p.to_string()).or_default() += 1;
                    }
                }
                if by_kind && by_sev && by_place {
                    if let Some(y) = year {
                        *facets.year.entry(y).or_default() += 1;
                    }
                }
                if by_kind && by_sev && by_place && by_year {
                    rows.push(FindingRow {
                        key: card.key.to_string(),
                        number: card.number.as_deref().map(str::to_string),
                        kind_of_document: card.kind.to_string(),
                        place: card.place.as_deref().map(str::to_string),
                        date: card.date.as_deref().and_then(IsoDate::parse),
                        finding: f.clone(),
                    });
                }
            }
        }
        // Severity orders most severe first (its declaration order).
        rows.sort_by(|a, b| {
            (a.finding.severity, &a.key, a.finding.line).cmp(&(
                b.finding.severity,
                &b.key,
                b.finding.line,
            ))
        });
        FindingList { rows, facets }
    }
}

impl Warmer for Catalog {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            if self.segment(id).is_some() {
                continue;
            }
            let cards = Arc::new(self.build(reader)?);
            self.segments
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, cards);
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&tantivy::SearcherGeneration]) {
        let keep: HashSet<SegmentId> = live
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        self.segments
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|id, _| keep.contains(id));
    }
}

/// Filters of the findings list; `None` lets everything through.
#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    /// Finding kind (`percent_mismatch`, …).
    pub kind: Option<String>,
    /// Severity (`error`, `warning`, `info`).
    pub severity: Option<String>,
    /// The document's place (accents and case ignored).
    pub place: Option<String>,
    /// The year of the document's date.
    pub year: Option<u16>,
}

/// One finding with the document it is in.
#[derive(Debug, Clone, Serialize)]
pub struct FindingRow {
    /// The document's key.
    pub key: String,
    /// Its own number.
    pub number: Option<String>,
    /// Its kind.
    pub kind_of_document: String,
    /// Its place.
    pub place: Option<String>,
    /// Its date.
    pub date: Option<IsoDate>,
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
}

/// How many findings each filter value would give, the other filters applied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingFacets {
    /// By finding kind.
    pub kind: std::collections::BTreeMap<String, usize>,
    /// By severity.
    pub severity: std::collections::BTreeMap<String, usize>,
    /// By place.
    pub place: std::collections::BTreeMap<String, usize>,
    /// By year.
    pub year: std::collections::BTreeMap<u16, usize>,
}

/// The findings that pass a filter, and the facet counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingList {
    /// The findings, most severe first.
    pub rows: Vec<FindingRow>,
    /// Counts per filter value.
    pub facets: FindingFacets,
}

/// Counts of the matches of a search by kind, year, place and issuer.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By kind, most frequent first.
    pub kind: Vec<(String, usize)>,
    /// By year the documents are about, latest first.
    pub year: Vec<(u16, usize)>,
    /// By place, most frequent first.
    pub place: Vec<(String, usize)>,
    /// By issuer, most frequent first.
    pub issuer: Vec<(String, usize)>,
}

/// Raw counts while collecting: per kind, place and issuer id, and per year.
#[derive(Debug)]
pub struct FacetCounts {
    names: [Vec<u32>; 3],
    year: Vec<u32>,
}

impl Default for FacetCounts {
    fn default() -> FacetCounts {
        FacetCounts {
            names: [Vec::new(), Vec::new(), Vec::new()],
            year: vec![0; YEARS],
        }
    }
}

impl FacetCounts {
    fn add(&mut self, which: usize, id: u32) {
        if id == NO_NAME {
            return;
        }
        let v = &mut self.names[which];
        let i = id as usize;
        if v.len() <= i {
            v.resize(i + 1, 0);
        }
        v[i] += 1;
    }

    fn merge(&mut self, other: FacetCounts) {
        for (mine, theirs) in self.names.iter_mut().zip(other.names) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), 0);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
        for (m, t) in self.year.iter_mut().zip(other.year) {
            *m += t;
        }
    }

    /// The counts with their names, sorted for display.
    pub fn into_facets(self, catalog: &Catalog) -> Facets {
        let by_count = |v: &[u32]| {
            let mut out: Vec<(String, usize)> = v
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .filter_map(|(id, n)| Some((catalog.name(id)?.to_string(), *n as usize)))
                .collect();
            out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            out
        };
        let year = (0..YEARS)
            .rev()
            .filter(|i| self.year[*i] > 0)
            .map(|i| (FIRST_YEAR + i as u16, self.year[i] as usize))
            .collect();
        Facets {
            kind: by_count(&self.names[0]),
            year,
            place: by_count(&self.names[1]),
            issuer: by_count(&self.names[2]),
        }
    }
}

/// A tantivy collector counting the matches of a query by kind, year, place and issuer, from
/// the catalog's cards.
pub struct FacetCollector {
    catalog: Arc<Catalog>,
}

impl FacetCollector {
    /// Counts from this catalog's cards.
    pub fn new(catalog: Arc<Catalog>) -> FacetCollector {
        FacetCollector { catalog }
    }
}

/// The per-segment side of [`FacetCollector`].
pub struct FacetSegment {
    table: Option<Arc<SegmentCards>>,
    counts: FacetCounts,
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = FacetSegment;

    fn for_segment(&self, _ord: u32, segment: &SegmentReader) -> tantivy::Result<FacetSegment> {
        Ok(FacetSegment {
            table: self.catalog.segment(segment.segment_id()),
            counts: FacetCounts::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        let mut all = FacetCounts::default();
        for f in fruits {
            all.merge(f);
        }
        Ok(all)
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(card) = self.table.as_ref().and_then(|t| t.get(doc)) else {
            return;
        };
        let c = &mut self.counts;
        for (which, id) in card.ids.iter().enumerate() {
            c.add(which, *id);
        }
        for y in card.years.iter() {
            if let Some(n) = c.year.get_mut(y.wrapping_sub(FIRST_YEAR) as usize) {
                *n += 1;
            }
        }
    }

    fn harvest(self) -> FacetCounts {
        self.counts
    }
}
