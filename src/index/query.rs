//! Reading the index: search, who cites an id, what a document cites, the citation graph, and
//! export for Elasticsearch/OpenSearch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Collector, Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, Searcher, TantivyDocument, Term};

use super::snapshot::Snapshot;
use super::{fold_query, key_query, open, Fields, IndexError};
use crate::extract::Extractor;
use crate::model::{Extract, Reference};

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// The query: words, `"phrases"`, `AND`/`OR`/`NOT`, `+must`/`-mustnot`. Empty lists all.
    pub query: String,
    /// Only this kind (`report`, `plan`, `decision`, `letter`, `other`, or the Vietnamese type).
    pub kind: Option<String>,
    /// Only documents about this year (their date, dates or periods).
    pub year: Option<u64>,
    /// Only documents whose issuer matches these words (accents optional).
    pub issuer: Option<String>,
    /// Only documents whose place matches these words (accents optional).
    pub place: Option<String>,
    /// Only documents that cite this id (any spelling).
    pub cites: Option<String>,
    /// Most hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
}

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Rank, from 1.
    pub rank: usize,
    /// Relevance score.
    pub score: f32,
    /// Stable key.
    pub key: String,
    /// Path.
    pub path: String,
    /// Own number.
    pub number: Option<String>,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// The best matching line (1-based).
    pub line: Option<usize>,
    /// That line, shortened around the match.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

/// Search results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    /// All matching documents.
    pub total: usize,
    /// The page asked for.
    pub hits: Vec<Hit>,
}

fn tv(path: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| IndexError::Tantivy {
        path: path.to_path_buf(),
        source,
    }
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// Maps a kind given by a user (`plan`, `kế hoạch`, `ke hoach`) to the stored kind.
pub fn kind_of(user: &str, ex: &Extractor) -> String {
    let u = crate::normalize::fold(user.trim());
    if let Some(k) = crate::model::Kind::parse(&u) {
        return k.as_str().to_string();
    }
    ex.rules()
        .doc_types
        .iter()
        .find(|t| crate::normalize::fold(&t.name) == u)
        .map(|t| t.kind.as_str().to_string())
        .unwrap_or(u)
}

fn parse(
    index: &Index,
    field: tantivy::schema::Field,
    q: &str,
) -> Result<Box<dyn Query>, IndexError> {
    let mut qp = QueryParser::for_index(index, vec![field]);
    qp.set_conjunction_by_default();
    qp.parse_query(q).map_err(|e| IndexError::Query {
        query: q.to_string(),
        reason: e.to_string(),
    })
}

/// Runs a search.
pub fn search(
    index_path: &Path,
    opts: &SearchOptions,
    ex: &Extractor,
) -> Result<SearchResult, IndexError> {
    search_with(&Snapshot::open(index_path)?, opts, ex, Count).map(|(r, _)| r)
}

/// Runs a search on one snapshot, handing every match also to `extra` (facet counts, for
/// example) in the same pass.
pub fn search_with<C: Collector>(
    snap: &Snapshot,
    opts: &SearchOptions,
    ex: &Extractor,
    extra: C,
) -> Result<(SearchResult, C::Fruit), IndexError> {
    let (searcher, f, index_path) = (snap.searcher(), snap.fields(), snap.path());
    let index = searcher.index();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let q = opts.query.trim();
    if q.is_empty() || q == "*" {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    } else {
        clauses.push((Occur::Must, parse(index, f.folded, &fold_query(q))?));
        // Exact-accent matches score higher when the query has accents.
        if let Ok(exact) = parse(index, f.text, &key_query(q)) {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(exact, 2.0))));
        }
    }
    if let Some(k) = &opts.kind {
        let term = Term::from_field_text(f.kind, &kind_of(k, ex));
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if let Some(y) = opts.year {
        let term = Term::from_field_u64(f.year, y);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if let Some(id) = &opts.cites {
        let canon = ex
            .canonical_id(id)
            .unwrap_or_else(|| id.trim().to_string())
            .to_lowercase();
        let term = Term::from_field_text(f.cites, &canon);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    for (field, words) in [(f.place, &opts.place), (f.issuer, &opts.issuer)] {
        if let Some(w) = words {
            let phrase = format!("\"{}\"", crate::normalize::fold(w).replace('"', " "));
            clauses.push((Occur::Must, parse(index, field, &phrase)?));
        }
    }
    let query = BooleanQuery::new(clauses);
    let top = TopDocs::with_limit(opts.limit.max(1))
        .and_offset(opts.offset)
        .order_by_score();
    // One pass over the matches counts them and keeps the best.
    let (total, found, fruit) = searcher
        .search(&query, &(Count, top, extra))
        .map_err(tv(index_path))?;
    let terms = query_words(q);
    let mut hits = Vec::new();
    for (i, (score, addr)) in found.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr).map_err(tv(index_path))?;
        let body = text_of(&doc, f.body).unwrap_or_default();
        let (line, snippet, highlights) = snippet(&body, &terms);
        hits.push(Hit {
            rank: opts.offset + i + 1,
            score,
            key: text_of(&doc, f.key).unwrap_or_default(),
            path: text_of(&doc, f.path).unwrap_or_default(),
            number: text_of(&doc, f.number),
            kind: text_of(&doc, f.kind).unwrap_or_default(),
            title: text_of(&doc, f.title),
            date: text_of(&doc, f.date),
            line,
            snippet,
            highlights,
        });
    }
    Ok((SearchResult { total, hits }, fruit))
}

/// The folded words of a query, without operators, quotes or signs.
fn query_words(q: &str) -> Vec<String> {
    crate::normalize::fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "and" | "or" | "not"))
        .map(str::to_string)
        .collect()
}

/// Folds each character to one character, so folded and original offsets line up.
fn fold_chars(s: &str) -> Vec<char> {
    s.chars().map(crate::normalize::fold_char).collect()
}

/// The line with most query words, cut to about 200 characters around the first one, with
/// the byte ranges of each matched word.
fn snippet(body: &str, words: &[String]) -> (Option<usize>, String, Vec<(usize, usize)>) {
    let mut best: Option<(usize, usize, &str)> = None;
    let mut folded = String::new();
    for (n, line) in body.lines().enumerate() {
        folded.clear();
        folded.extend(line.chars().map(crate::normalize::fold_char));
        let count = words.iter().filter(|w| contains_word(&folded, w)).count();
        if count > 0 && best.is_none_or(|(c, _, _)| count > c) {
            best = Some((count, n + 1, line));
            if count == words.len() {
                // No later line can hold more: the first line with every word wins.
                break;
            }
        }
    }
    let Some((_, line_no, line)) = best else {
        let first: String = body
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .chars()
            .take(200)
            .collect();
        return (None, first, Vec::new());
    };
    let chars: Vec<char> = line.chars().collect();
    let folded = fold_chars(line);
    // Character ranges of every whole-word match.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let wc: Vec<char> = w.chars().collect();
        if wc.is_empty() || wc.len() > folded.len() {
            continue;
        }
        for i in 0..=folded.len() - wc.len() {
            let before_ok = i == 0 || !folded[i - 1].is_alphanumeric();
            let after_ok = i + wc.len() == folded.len() || !folded[i + wc.len()].is_alphanumeric();
            if before_ok && after_ok && folded[i..i + wc.len()] == wc[..] {
                ranges.push((i, i + wc.len()));
            }
        }
    }
    ranges.sort_unstable();
    let first = ranges.first().map(|r| r.0).unwrap_or(0);
    let start = first.saturating_sub(80);
    let end = (start + 200).min(chars.len());
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    let mut byte_at = vec![0usize; chars.len() + 1];
    for (i, c) in chars.iter().enumerate().take(end).skip(start) {
        byte_at[i] = text.len();
        text.push(*c);
    }
    byte_at[end] = text.len();
    if end < chars.len() {
        text.push('…');
    }
    let highlights = ranges
        .into_iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| (byte_at[s], byte_at[e]))
        .collect();
    (Some(line_no), text, highlights)
}

fn contains_word(folded: &str, w: &str) -> bool {
    folded.split(|c: char| !c.is_alphanumeric()).any(|t| t == w)
}

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
    pub role: String,
    /// The date the citation gives for the cited document.
    pub date: Option<String>,
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

fn load_extract(doc: &TantivyDocument, f: &Fields) -> Option<Extract> {
    serde_json::from_str(&text_of(doc, f.extract)?).ok()
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
    role: String,
    date: Option<String>,
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
                        id: r.id.to_lowercase(),
                        line: r.line,
                        sentence: sentence_of(line, &r.text, &r.id),
                        role: r.role.as_str().to_string(),
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
    cites_in(&Snapshot::open(index_path)?, id, ex)
}

/// [`cites`] on one snapshot.
pub fn cites_in(snap: &Snapshot, id: &str, ex: &Extractor) -> Result<CitesResult, IndexError> {
    let (searcher, f, index_path) = (snap.searcher(), snap.fields(), snap.path());
    let canon = ex.canonical_id(id).unwrap_or_else(|| id.trim().to_string());
    let lower = canon.to_lowercase();
    let query = TermQuery::new(
        Term::from_field_text(f.cites, &lower),
        IndexRecordOption::Basic,
    );
    let addrs = searcher
        .search(&query, &DocSetCollector)
        .map_err(tv(index_path))?;
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
                let doc: TantivyDocument = searcher.doc(addr).map_err(tv(index_path))?;
                match CiteCard::from_stored(&doc, &f) {
                    Some(card) => card,
                    None => continue,
                }
            }
        };
        for r in card.refs.iter().filter(|r| r.id == lower) {
            docs.insert(card.key.clone());
            let year = r
                .date
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok())
                .or(r.year);
            let issuer = r.issuer.as_ref().map(|i| short_issuer(i));
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
                    role: r.role.clone(),
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

/// The issuer's head words, folded, for grouping (`Ủy ban nhân dân tỉnh Đồng Tháp` and
/// `UBND tỉnh Đồng Tháp` are kept apart only by what they say, not by case or accents).
fn short_issuer(issuer: &str) -> String {
    crate::normalize::fold(issuer).replace("uy ban nhan dan", "ubnd")
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
    refs_in(&Snapshot::open(index_path)?, doc, ex)
}

/// [`refs`] on one snapshot.
pub fn refs_in(
    snap: &Snapshot,
    doc: &str,
    ex: &Extractor,
) -> Result<(String, Vec<ResolvedRef>), IndexError> {
    let (searcher, f, index_path) = (snap.searcher(), snap.fields(), snap.path());
    let target = find_doc(searcher, &f, doc, ex)
        .map_err(tv(index_path))?
        .ok_or_else(|| IndexError::Query {
            query: doc.to_string(),
            reason: "no indexed document has this path, key or number".into(),
        })?;
    let extract = load_extract(&target, &f).unwrap_or_else(empty_extract);
    let mut out = Vec::new();
    for r in extract.references {
        let term = Term::from_field_text(f.number_key, &r.id.to_lowercase());
        let addrs = searcher
            .search(
                &TermQuery::new(term, IndexRecordOption::Basic),
                &DocSetCollector,
            )
            .map_err(tv(index_path))?;
        let mut resolved = Vec::new();
        for a in addrs {
            let d: TantivyDocument = searcher.doc(a).map_err(tv(index_path))?;
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

fn find_doc(
    searcher: &Searcher,
    f: &Fields,
    doc: &str,
    ex: &Extractor,
) -> tantivy::Result<Option<TantivyDocument>> {
    let mut candidates = vec![(f.key, doc.to_string()), (f.path, doc.to_string())];
    if let Ok(abs) = Path::new(doc).canonicalize() {
        candidates.push((f.path, abs.display().to_string()));
    }
    let number = ex
        .canonical_id(doc)
        .unwrap_or_else(|| doc.to_string())
        .to_lowercase();
    candidates.push((f.number_key, number));
    for (field, value) in candidates {
        let q = TermQuery::new(
            Term::from_field_text(field, &value),
            IndexRecordOption::Basic,
        );
        if let Some(addr) = searcher.search(&q, &DocSetCollector)?.into_iter().min() {
            return Ok(Some(searcher.doc(addr)?));
        }
    }
    // A path given relative to somewhere else: match on the key's tail.
    let tail = doc.trim_start_matches("./");
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        if text_of(&d, f.key).is_some_and(|k| k.ends_with(tail))
            || text_of(&d, f.path).is_some_and(|p| p.ends_with(tail))
        {
            return Ok(Some(d));
        }
    }
    Ok(None)
}

/// A node of the citation graph: an indexed document or a cited id not in the index.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// Node id: the document's key, or `id:<cited id>` for one not indexed.
    pub id: String,
    /// Own number or cited id.
    pub number: Option<String>,
    /// Kind (documents only).
    pub kind: Option<String>,
    /// Whether the node is an indexed document.
    pub indexed: bool,
}

/// An edge: `from` cites `to`.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Citing node.
    pub from: String,
    /// Cited node.
    pub to: String,
    /// The cited id as canonical.
    pub cited_id: String,
    /// The role of the citation.
    pub role: String,
}

/// The whole citation graph.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges (one per distinct citing document, cited id and role).
    pub edges: Vec<Edge>,
}

/// Every indexed document, in key order: (key, stored doc).
fn all_docs(searcher: &Searcher, f: &Fields) -> tantivy::Result<Vec<(String, TantivyDocument)>> {
    let mut out = Vec::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        out.push((text_of(&d, f.key).unwrap_or_default(), d));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Every indexed document's key and address, in key order: for walking the whole index one
/// stored document at a time instead of holding every text at once.
fn doc_keys(
    searcher: &Searcher,
    f: &Fields,
) -> tantivy::Result<Vec<(String, tantivy::DocAddress)>> {
    let mut out = Vec::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        out.push((text_of(&d, f.key).unwrap_or_default(), addr));
    }
    out.sort();
    Ok(out)
}

/// Builds the citation graph of the index.
pub fn graph(index_path: &Path) -> Result<Graph, IndexError> {
    let (index, f) = open(index_path, false)?;
    let searcher = index.reader().map_err(tv(index_path))?.searcher();
    let docs = all_docs(&searcher, &f).map_err(tv(index_path))?;
    let mut by_number: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut nodes = Vec::new();
    for (key, d) in &docs {
        let number = text_of(d, f.number);
        if let Some(n) = &number {
            by_number
                .entry(n.to_lowercase())
                .or_default()
                .push(key.clone());
        }
        nodes.push(Node {
            id: key.clone(),
            number,
            kind: text_of(d, f.kind),
            indexed: true,
        });
    }
    let mut edges = BTreeSet::new();
    let mut outside = BTreeSet::new();
    for (key, d) in &docs {
        let Some(extract) = load_extract(d, &f) else {
            continue;
        };
        for r in extract.references {
            let targets = by_number
                .get(&r.id.to_lowercase())
                .cloned()
                .unwrap_or_else(|| {
                    outside.insert(r.id.clone());
                    vec![format!("id:{}", r.id)]
                });
            for t in targets {
                edges.insert((key.clone(), t, r.id.clone(), r.role));
            }
        }
    }
    for id in outside {
        nodes.push(Node {
            id: format!("id:{id}"),
            number: Some(id),
            kind: None,
            indexed: false,
        });
    }
    let edges = edges
        .into_iter()
        .map(|(from, to, cited_id, role)| Edge {
            from,
            to,
            cited_id,
            role: role.as_str().to_string(),
        })
        .collect();
    Ok(Graph { nodes, edges })
}

/// The graph in Graphviz DOT.
pub fn to_dot(g: &Graph) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = String::from(
        "digraph citations {\n  rankdir=LR;\n  node [shape=box, fontname=\"DejaVu Sans\"];\n",
    );
    for n in &g.nodes {
        let label = n.number.clone().unwrap_or_else(|| n.id.clone());
        let style = if n.indexed { "" } else { ", style=dashed" };
        out.push_str(&format!(
            "  \"{}\" [label=\"{}\"{}];\n",
            esc(&n.id),
            esc(&label),
            style
        ));
    }
    for e in &g.edges {
        out.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
            esc(&e.from),
            esc(&e.to),
            esc(&e.role)
        ));
    }
    out.push_str("}\n");
    out
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Elasticsearch/OpenSearch `_bulk` NDJSON (an action line before each document).
    EsBulk,
    /// One JSON document per line.
    Ndjson,
}

/// Largest export file, in bytes.
pub const EXPORT_BATCH_BYTES: usize = 10 * 1000 * 1000;

/// Writes every document to `out_dir` in files under [`EXPORT_BATCH_BYTES`] each; returns
/// the files written and the number of documents.
pub fn export(
    index_path: &Path,
    format: ExportFormat,
    out_dir: &Path,
    index_name: &str,
) -> Result<(Vec<std::path::PathBuf>, usize), IndexError> {
    let (index, f) = open(index_path, false)?;
    let searcher = index.reader().map_err(tv(index_path))?.searcher();
    let docs = all_docs(&searcher, &f).map_err(tv(index_path))?;
    let io = |source| IndexError::Io {
        path: out_dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(out_dir).map_err(io)?;
    let ext = if format == ExportFormat::EsBulk {
        "bulk.ndjson"
    } else {
        "ndjson"
    };
    let mut files = Vec::new();
    let mut buf = String::new();
    let mut n = 0;
    let flush = |buf: &mut String, files: &mut Vec<std::path::PathBuf>| -> std::io::Result<()> {
        if buf.is_empty() {
            return Ok(());
        }
        let p = out_dir.join(format!("vanban-{:05}.{ext}", files.len() + 1));
        std::fs::write(&p, buf.as_bytes())?;
        files.push(p);
        buf.clear();
        Ok(())
    };
    for (key, d) in &docs {
        let extract = load_extract(d, &f);
        let body = text_of(d, f.body).unwrap_or_default();
        let id = crate::sha256_hex(key.as_bytes());
        let record = serde_json::json!({
            "key": key,
            "path": text_of(d, f.path),
            "sha256": text_of(d, f.sha256),
            "format": text_of(d, f.format),
            "encoding": text_of(d, f.encoding),
            "meta": extract.as_ref().map(|e| &e.meta),
            "cites": d.get_all(f.cites).filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>(),
            "text": body,
            "text_folded": crate::normalize::fold(&body),
            "results": extract.as_ref().map(|e| &e.results),
            "targets": extract.as_ref().map(|e| &e.targets),
        });
        let mut chunk = String::new();
        if format == ExportFormat::EsBulk {
            chunk.push_str(
                &serde_json::json!({"index": {"_index": index_name, "_id": id}}).to_string(),
            );
            chunk.push('\n');
        } else if let Some(obj) = record.as_object() {
            let mut obj = obj.clone();
            obj.insert("_id".into(), serde_json::Value::String(id));
            chunk.push_str(&serde_json::Value::Object(obj).to_string());
            chunk.push('\n');
        }
        if format == ExportFormat::EsBulk {
            chunk.push_str(&record.to_string());
            chunk.push('\n');
        }
        if !buf.is_empty() && buf.len() + chunk.len() > EXPORT_BATCH_BYTES {
            flush(&mut buf, &mut files).map_err(io)?;
        }
        buf.push_str(&chunk);
        n += 1;
    }
    flush(&mut buf, &mut files).map_err(io)?;
    Ok((files, n))
}

/// Every indexed plan with targets, each with a label naming it (`27/KH-UBND`, or its key).
/// Which of them bind a report is decided by [`crate::check::targets::binds`].
pub fn plans(index_path: &Path) -> Result<Vec<(String, Extract)>, IndexError> {
    plans_in(&Snapshot::open(index_path)?)
}

/// [`plans`] on one snapshot.
pub fn plans_in(snap: &Snapshot) -> Result<Vec<(String, Extract)>, IndexError> {
    let (searcher, f, index_path) = (snap.searcher(), snap.fields(), snap.path());
    let query = TermQuery::new(
        Term::from_field_text(f.kind, "plan"),
        IndexRecordOption::Basic,
    );
    let mut out = Vec::new();
    let mut addrs: Vec<_> = searcher
        .search(&query, &DocSetCollector)
        .map_err(tv(index_path))?
        .into_iter()
        .collect();
    addrs.sort();
    for addr in addrs {
        let d: TantivyDocument = searcher.doc(addr).map_err(tv(index_path))?;
        let Some(plan) = load_extract(&d, &f) else {
            continue;
        };
        if plan.targets.is_empty() {
            continue;
        }
        let label = plan
            .meta
            .number
            .clone()
            .unwrap_or_else(|| text_of(&d, f.key).unwrap_or_default());
        out.push((label, plan));
    }
    Ok(out)
}

/// One plan's target for an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineTarget {
    /// The plan (its number, or its key).
    pub plan: String,
    /// Comparator.
    pub comparator: String,
    /// Value.
    pub value: f64,
    /// Upper value of a range.
    pub value_max: Option<f64>,
    /// Year due.
    pub horizon: Option<i32>,
    /// Line in the plan.
    pub line: usize,
}

/// One report's value for an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineResult {
    /// The report (its number, or its key).
    pub report: String,
    /// The report's date.
    pub date: Option<String>,
    /// The value, in percent.
    pub value: f64,
    /// Line in the report.
    pub line: usize,
    /// Whether it meets the target it is judged against (`None` without such a target).
    pub met: Option<bool>,
    /// The target it is judged against and why: `27/KH-UBND line 24: >= 80% (the report
    /// cites the plan (implements))`.
    pub judged_against: Option<String>,
}

/// An indicator across documents: targets and reported values, by place.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTimeline {
    /// The indicator, as the first document words it.
    pub indicator: String,
    /// The place of the documents.
    pub place: Option<String>,
    /// Targets, by horizon.
    pub targets: Vec<TimelineTarget>,
    /// Reported values, by date.
    pub results: Vec<TimelineResult>,
}

fn content_words(s: &str) -> Vec<String> {
    const STOP: [&str; 12] = [
        "va", "cua", "cac", "duoc", "co", "tren", "trong", "la", "ty", "le", "dat", "so",
    ];
    crate::normalize::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

fn similar(a: &[String], b: &[String]) -> bool {
    let common = a.iter().filter(|w| b.contains(w)).count();
    common >= 3 && common as f64 >= 0.75 * a.len().min(b.len()) as f64
}

/// Groups the targets and results of every indexed document by indicator and place; each
/// result is judged only against a target that binds it ([`crate::check::targets::pair`]).
pub fn indicators(
    index_path: &Path,
    rules: &crate::rules::Rules,
) -> Result<Vec<IndicatorTimeline>, IndexError> {
    indicators_in(&Snapshot::open(index_path)?, rules)
}

/// [`indicators`] on one snapshot.
pub fn indicators_in(
    snap: &Snapshot,
    rules: &crate::rules::Rules,
) -> Result<Vec<IndicatorTimeline>, IndexError> {
    let (searcher, f, index_path) = (snap.searcher(), snap.fields(), snap.path());
    // Keys first, then one document at a time: on 100,000 documents, holding every stored
    // text and extract at once took gigabytes.
    let docs = doc_keys(searcher, &f).map_err(tv(index_path))?;
    let plans = plans_in(snap)?;
    let plan_refs: Vec<(String, &Extract)> = plans.iter().map(|(l, e)| (l.clone(), e)).collect();
    let mut groups: Vec<(Vec<String>, IndicatorTimeline)> = Vec::new();
    let slot = |indicator: &str,
                place: &Option<String>,
                groups: &mut Vec<(Vec<String>, IndicatorTimeline)>|
     -> Option<usize> {
        let words = content_words(indicator);
        if words.len() < 3 {
            return None;
        }
        let fp = place.as_deref().map(crate::normalize::fold);
        if let Some(i) = groups.iter().position(|(w, g)| {
            g.place.as_deref().map(crate::normalize::fold) == fp && similar(w, &words)
        }) {
            return Some(i);
        }
        groups.push((
            words,
            IndicatorTimeline {
                indicator: indicator.to_string(),
                place: place.clone(),
                targets: Vec::new(),
                results: Vec::new(),
            },
        ));
        Some(groups.len() - 1)
    };
    let mut seen_docs = BTreeSet::new();
    for (key, addr) in &docs {
        let d: TantivyDocument = searcher.doc(*addr).map_err(tv(index_path))?;
        let Some(e) = load_extract(&d, &f) else {
            continue;
        };
        drop(d);
        // The same document in two formats counts once.
        if !seen_docs.insert((
            e.meta.number.clone().unwrap_or_else(|| key.clone()),
            e.meta.kind,
        )) {
            continue;
        }
        let name = e.meta.number.clone().unwrap_or_else(|| key.clone());
        for t in &e.targets {
            if let Some(i) = slot(&t.indicator, &e.meta.place, &mut groups) {
                groups[i].1.targets.push(TimelineTarget {
                    plan: name.clone(),
                    comparator: t.comparator.as_str().to_string(),
                    value: t.value,
                    value_max: t.value_max,
                    horizon: t.horizon,
                    line: t.line,
                });
            }
        }
        if e.meta.kind == crate::model::Kind::Plan {
            continue;
        }
        let pairings = crate::check::targets::pair(&e, &plan_refs, rules);
        for (ri, r) in e.results.iter().enumerate() {
            let Some(value) = crate::check::targets::judged_value(r) else {
                continue;
            };
            let judged = pairings.iter().find(|p| p.result == ri);
            let judged_against = judged.and_then(|p| {
                let plan = plan_refs.iter().find(|(l, _)| *l == p.plan)?.1;
                // Plans are found by label, and two plans may share a number: never index
                // blindly into the one found first.
                let t = plan.targets.get(p.target)?;
                Some(format!(
                    "{} line {}: {} ({})",
                    p.plan,
                    t.line,
                    crate::check::targets::describe(t),
                    p.binding
                ))
            });
            if let Some(i) = slot(&r.indicator, &e.meta.place, &mut groups) {
                groups[i].1.results.push(TimelineResult {
                    report: name.clone(),
                    date: e.meta.date.clone(),
                    value,
                    line: r.line,
                    met: judged.map(|p| p.met),
                    judged_against,
                });
            }
        }
    }
    let mut out: Vec<IndicatorTimeline> = groups
        .into_iter()
        .map(|(_, mut g)| {
            g.targets.sort_by_key(|t| t.horizon);
            g.results.sort_by(|a, b| a.date.cmp(&b.date));
            g
        })
        .filter(|g| !g.targets.is_empty() || g.results.len() > 1)
        .collect();
    out.sort_by(|a, b| {
        (a.place.clone(), a.indicator.clone()).cmp(&(b.place.clone(), b.indicator.clone()))
    });
    Ok(out)
}

/// Checks that a query parses (in its folded form, the one searched) without an index on
/// disk (for validating user input and for fuzzing the parser).
pub fn check_query(q: &str) -> Result<(), IndexError> {
    let (schema, f) = super::schema();
    let index = Index::create_in_ram(schema);
    super::register_tokenizers(&index);
    if q.trim().is_empty() || q.trim() == "*" {
        return Ok(());
    }
    // The accent-keeping form only adds a score boost, and a phrase cannot be asked of it
    // (it has no positions): only the folded form must parse.
    parse(&index, f.folded, &fold_query(q)).map(|_| ())
}
