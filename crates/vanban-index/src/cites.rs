//! `vanban cites` (every document citing an id, with the line and sentence of each citation)
//! and `vanban refs` (what one document cites, resolved against the index).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use vanban_core::model::IsoDate;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, TantivyDocument, Term};

use super::reader::{load_extract, text_of, IndexView};
use super::{Fields, IndexError};
use vanban_core::extract::Extractor;
use vanban_core::model::{id_key, iso_year, Extract, Reference, Role};

/// One citation of an id.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The citing document's key.
    pub key: String,
    /// Its path.
    pub path: String,
    /// Its own number.
    pub number: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Line of the citation.
    pub line: usize,
    /// The sentence that cites.
    pub sentence: String,
    /// The role of the citation.
    pub role: Role,
    /// The date the citation gives for the cited document.
    pub date: Option<IsoDate>,
    /// The issuer it names.
    pub issuer: Option<String>,
}

/// Citations of one cited document, as told apart by date/year and issuer.
#[derive(Debug, Clone, Serialize)]
pub struct CitedGroup {
    /// The year of the cited document (from the citation's date or the id), when known.
    pub year: Option<i32>,
    /// The issuer the citations name, when they name one.
    pub issuer: Option<String>,
    /// The citations.
    pub citations: Vec<Citation>,
}

/// Who cites an id.
#[derive(Debug, Clone, Serialize)]
pub struct CitesResult {
    /// The canonical id looked for.
    pub id: String,
    /// Documents citing it.
    pub documents: usize,
    /// Citations grouped by the cited document's year and issuer.
    pub groups: Vec<CitedGroup>,
    /// Whether the groups suggest the id names more than one document.
    pub ambiguous: bool,
}

/// The sentence around a mention on a line (found by its text, else by the id).
fn sentence_of(line: &str, text: &str, id: &str) -> String {
    let first_line = text.split('\n').next().unwrap_or(text);
    let (at, mention) = match line.find(first_line) {
        Some(i) => (i, first_line),
        None => match line.find(id) {
            Some(i) => (i, id),
            None => (0, ""),
        },
    };
    let start = line[..at].rfind(['.', ';']).map(|i| i + 1).unwrap_or(0);
    let end = line[at + mention.len().min(line.len() - at)..]
        .find(['.', ';'])
        .map(|i| at + mention.len() + i + 1)
        .unwrap_or(line.len());
    let s = line[start..end.min(line.len())].trim();
    if s.chars().count() > 400 {
        s.chars().take(400).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

/// What [`cites`] needs of one document, kept in the `cite_card` fast column at ingest so that
/// listing thousands of citing documents reads a few hundred bytes each instead of their
/// stored text and extract.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub(crate) struct CiteCard {
    key: String,
    path: String,
    number: Option<String>,
    title: Option<String>,
    refs: Vec<CardRef>,
}

/// One reference on a [`CiteCard`].
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
struct CardRef {
    /// The cited id, lower case.
    id: String,
    line: usize,
    sentence: String,
    role: Role,
    date: Option<IsoDate>,
    year: Option<i32>,
    issuer: Option<String>,
}

impl CiteCard {
    /// The card of a document: its references with the sentence each stands in.
    pub(crate) fn new(key: &str, path: &str, text: &str, ex: &Extract) -> CiteCard {
        let lines: Vec<&str> = text.lines().collect();
        CiteCard {
            key: key.to_string(),
            path: path.to_string(),
            number: ex.meta.number.clone(),
            title: ex.meta.title.clone(),
            refs: ex
                .references
                .iter()
                .map(|r| {
                    let line = lines.get(r.line.saturating_sub(1)).copied().unwrap_or("");
                    CardRef {
                        id: id_key(&r.id),
                        line: r.line,
                        sentence: sentence_of(line, &r.text, &r.id),
                        role: r.role,
                        date: r.date.clone(),
                        year: r.year,
                        issuer: r.issuer.clone(),
                    }
                })
                .collect(),
        }
    }

    /// The card of an indexed document from its stored fields (indexes without the column).
    fn from_stored(doc: &TantivyDocument, f: &Fields) -> Option<CiteCard> {
        let extract = load_extract(doc, f)?;
        let body = text_of(doc, f.body).unwrap_or_default();
        Some(CiteCard::new(
            &text_of(doc, f.key).unwrap_or_default(),
            &text_of(doc, f.path).unwrap_or_default(),
            &body,
            &extract,
        ))
    }
}

/// Every document citing `id` (any spelling), with the line and sentence of each citation.
pub fn cites(index_path: &Path, id: &str, ex: &Extractor) -> Result<CitesResult, IndexError> {
    IndexView::open(index_path)?.cites(id, ex)
}

impl IndexView {
    /// Every document citing `id` (any spelling), with the line and sentence of each citation.
    pub fn cites(&self, id: &str, ex: &Extractor) -> Result<CitesResult, IndexError> {
        self.run(|v| cites_in(v, id, ex))
    }

    /// What a document cites, each reference marked with the indexed documents it resolves
    /// to. `doc` is a path, a key, or an own number.
    pub fn refs(
        &self,
        doc: &str,
        ex: &Extractor,
    ) -> Result<(String, Vec<ResolvedRef>), IndexError> {
        self.run(|v| refs_in(v, doc, ex))
    }
}

fn cites_in(v: &IndexView, id: &str, ex: &Extractor) -> Result<CitesResult, IndexError> {
    let (f, searcher) = (v.fields, &v.searcher);
    let canon = ex.canonical_id(id).unwrap_or_else(|| id.trim().to_string());
    let lower = id_key(&canon);
    let query = TermQuery::new(
        Term::from_field_text(f.cites, &lower),
        IndexRecordOption::Basic,
    );
    let addrs = searcher.search(&query, &DocSetCollector).map_err(v.tv())?;
    let mut groups: BTreeMap<(Option<i32>, Option<String>), Vec<Citation>> = BTreeMap::new();
    let mut docs = BTreeSet::new();
    let mut sorted: Vec<_> = addrs.into_iter().collect();
    sorted.sort();
    let columns: Vec<Option<tantivy::columnar::BytesColumn>> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fast_fields().bytes("cite_card").ok().flatten())
        .collect();
    let mut buf = Vec::new();
    for addr in sorted {
        let from_column = columns
            .get(addr.segment_ord as usize)
            .and_then(Option::as_ref)
            .and_then(|col| {
                let ord = col.term_ords(addr.doc_id).next()?;
                buf.clear();
                col.ord_to_bytes(ord, &mut buf).ok()?;
                serde_json::from_slice::<CiteCard>(&buf).ok()
            });
        let card = match from_column {
            Some(card) => card,
            None => {
                let doc: TantivyDocument = searcher.doc(addr).map_err(v.tv())?;
                match CiteCard::from_stored(&doc, &f) {
                    Some(card) => card,
                    None => continue,
                }
            }
        };
        for r in card.refs.iter().filter(|r| r.id == lower) {
            docs.insert(card.key.clone());
            let year = r.date.as_deref().and_then(iso_year).or(r.year);
            let issuer = r.issuer.as_ref().map(|i| short_issuer(i, ex.rules()));
            groups
                .entry((year, issuer.clone()))
                .or_default()
                .push(Citation {
                    key: card.key.clone(),
                    path: card.path.clone(),
                    number: card.number.clone(),
                    title: card.title.clone(),
                    line: r.line,
                    sentence: r.sentence.clone(),
                    role: r.role,
                    date: r.date.clone(),
                    issuer: r.issuer.clone(),
                });
        }
    }
    // Citations that give no issuer (or no year) join the one group they do not contradict,
    // when there is exactly one; the id is ambiguous only when known years or issuers disagree.
    let keys: Vec<(Option<i32>, Option<String>)> = groups.keys().cloned().collect();
    for k in keys {
        let fits: Vec<&(Option<i32>, Option<String>)> = groups
            .keys()
            .filter(|o| {
                **o != k
                    && (k.0.is_none() || o.0 == k.0)
                    && (k.1.is_none() || o.1 == k.1)
                    && (o.0.is_some() || o.1.is_some())
            })
            .filter(|o| (k.0.is_none() || o.0.is_some()) && (k.1.is_none() || o.1.is_some()))
            .collect();
        if (k.0.is_none() || k.1.is_none()) && fits.len() == 1 {
            let target = fits[0].clone();
            if let Some(moved) = groups.remove(&k) {
                groups.entry(target).or_default().extend(moved);
            }
        }
    }
    let years: BTreeSet<i32> = groups.keys().filter_map(|(y, _)| *y).collect();
    let issuers: BTreeSet<String> = groups.keys().filter_map(|(_, i)| i.clone()).collect();
    let ambiguous = years.len() > 1 || issuers.len() > 1;
    let groups = groups
        .into_iter()
        .map(|((year, issuer), mut citations)| {
            citations.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
            CitedGroup {
                year,
                issuer,
                citations,
            }
        })
        .collect();
    Ok(CitesResult {
        id: canon,
        documents: docs.len(),
        groups,
        ambiguous,
    })
}

/// The issuer's head words, folded, for grouping: `Ủy ban nhân dân tỉnh Đồng Tháp` and `UBND
/// tỉnh Đồng Tháp` are one issuer, by the short forms of `rules/issuers.toml`, whatever their
/// case or accents.
fn short_issuer(issuer: &str, rules: &vanban_core::rules::Rules) -> String {
    let mut out = vanban_core::normalize::fold(issuer);
    for (long, short) in &rules.issuers.short {
        let long = vanban_core::normalize::fold(long);
        if out.contains(&long) {
            out = out.replace(&long, &vanban_core::normalize::fold(short));
        }
    }
    out
}

/// One reference of a document, and whether the index holds the document it cites.
#[derive(Debug, Clone, Serialize)]
pub struct ResolvedRef {
    /// The reference.
    #[serde(flatten)]
    pub reference: Reference,
    /// Keys of indexed documents whose own number is the cited id.
    pub resolved: Vec<String>,
}

/// What a document cites, each reference marked with the indexed documents it resolves to.
/// `doc` is a path, a key, or an own number.
pub fn refs(
    index_path: &Path,
    doc: &str,
    ex: &Extractor,
) -> Result<(String, Vec<ResolvedRef>), IndexError> {
    IndexView::open(index_path)?.refs(doc, ex)
}

fn refs_in(
    v: &IndexView,
    doc: &str,
    ex: &Extractor,
) -> Result<(String, Vec<ResolvedRef>), IndexError> {
    let (f, searcher) = (v.fields, &v.searcher);
    let query_error = |reason: String| IndexError::Query {
        query: doc.to_string(),
        reason,
    };
    if doc.trim().is_empty() {
        return Err(query_error(
            "give a document: its path, its key in the index or its own number".into(),
        ));
    }
    let target = match find_doc(searcher, &f, doc.trim(), ex).map_err(v.tv())? {
        DocMatch::One(d) => *d,
        DocMatch::None => {
            return Err(query_error(
                "no indexed document has this path, key or number".into(),
            ))
        }
        DocMatch::Many(keys) => {
            return Err(query_error(format!(
                "{} indexed documents have a path ending so ({}); give more of the path",
                keys.len(),
                keys.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            )))
        }
    };
    let extract = load_extract(&target, &f).unwrap_or_else(empty_extract);
    let mut out = Vec::new();
    for r in extract.references {
        let term = Term::from_field_text(f.number_key, &id_key(&r.id));
        let addrs = searcher
            .search(
                &TermQuery::new(term, IndexRecordOption::Basic),
                &DocSetCollector,
            )
            .map_err(v.tv())?;
        let mut resolved = Vec::new();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(v.tv())?;
            resolved.push(text_of(&d, f.key).unwrap_or_default());
        }
        resolved.sort();
        out.push(ResolvedRef {
            reference: r,
            resolved,
        });
    }
    Ok((text_of(&target, f.key).unwrap_or_default(), out))
}

fn empty_extract() -> Extract {
    Extractor::built_in().extract_text("")
}

/// What a document named by the user matched.
enum DocMatch {
    One(Box<TantivyDocument>),
    None,
    /// Several documents' paths end with what was given: their keys.
    Many(Vec<String>),
}

fn find_doc(
    searcher: &Searcher,
    f: &Fields,
    doc: &str,
    ex: &Extractor,
) -> tantivy::Result<DocMatch> {
    let mut candidates = vec![(f.key, doc.to_string()), (f.path, doc.to_string())];
    if let Ok(abs) = Path::new(doc).canonicalize() {
        candidates.push((f.key, super::keys::of_path(&abs)));
        candidates.push((f.path, abs.display().to_string()));
    }
    let number = ex.typed_id_key(doc);
    candidates.push((f.number_key, number));
    for (field, value) in candidates {
        let q = TermQuery::new(
            Term::from_field_text(field, &value),
            IndexRecordOption::Basic,
        );
        if let Some(addr) = searcher.search(&q, &DocSetCollector)?.into_iter().min() {
            return Ok(DocMatch::One(Box::new(searcher.doc(addr)?)));
        }
    }
    // A path given relative to somewhere else: match whole trailing parts of the path, so
    // `plan.txt` is `…/plan.txt` and never `…/old-plan.txt`.
    let tail = doc.trim_start_matches("./").trim_start_matches('/');
    let ends_with = |s: &str| s == tail || s.ends_with(&format!("/{tail}"));
    let mut found: Vec<(String, TantivyDocument)> = Vec::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        let key = text_of(&d, f.key).unwrap_or_default();
        if ends_with(&key) || text_of(&d, f.path).is_some_and(|p| ends_with(&p)) {
            found.push((key, d));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(match found.len() {
        0 => DocMatch::None,
        1 => DocMatch::One(Box::new(found.remove(0).1)),
        _ => DocMatch::Many(found.into_iter().map(|(k, _)| k).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::short_issuer;
    use vanban_core::extract::Extractor;

    #[test]
    fn an_issuer_written_long_or_short_is_one_group() {
        let rules = Extractor::built_in().rules();
        let a = short_issuer("Ủy ban nhân dân tỉnh Đồng Tháp", rules);
        assert_eq!(a, short_issuer("UBND tỉnh Đồng Tháp", rules));
        assert_eq!(a, short_issuer("Uỷ ban nhân dân Tỉnh Đồng Tháp", rules));
        assert_eq!(
            short_issuer("Hội đồng nhân dân tỉnh Cà Mau", rules),
            short_issuer("HĐND tỉnh Cà Mau", rules)
        );
        assert_ne!(a, short_issuer("UBND tỉnh Long An", rules));
    }
}
