//! `vanban search`: accent-insensitive full-text search with filters, ranked, with the best
//! line of each hit as a snippet.

use std::path::Path;
use vanban_core::model::IsoDate;

use serde::Serialize;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, TantivyDocument, Term};

use super::reader::{text_of, IndexView};
use super::{fold_query, key_query, IndexError};
use vanban_core::extract::Extractor;
use vanban_core::model::Kind;

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
    /// Only documents issued on or after this day.
    pub date_from: Option<IsoDate>,
    /// Only documents issued on or before this day.
    pub date_to: Option<IsoDate>,
    /// Only these documents (by key), or all but these: a filter the caller computes, such
    /// as the documents that no longer stand ([`ended_keys`](crate::ended_keys)).
    pub keys: Option<KeyFilter>,
    /// Most hits to return (1 to [`MAX_LIMIT`]; more is read as [`MAX_LIMIT`]).
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
}

/// Documents a search is kept to or kept from, by key.
#[derive(Debug, Clone, Default)]
pub struct KeyFilter {
    /// The keys.
    pub keys: Vec<String>,
    /// Whether the search is kept to them (else kept from them).
    pub only: bool,
}

/// Most hits one search returns: a larger `limit` is read as this (the best hits are kept in
/// memory while counting, so the limit bounds that memory).
pub const MAX_LIMIT: usize = 10_000;

/// One search hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Rank, from 1.
    pub rank: usize,
    /// Relevance score.
    pub score: f32,
    /// The document's key (its absolute path).
    pub key: String,
    /// Path.
    pub path: String,
    /// Own number.
    pub number: Option<String>,
    /// Kind.
    pub kind: Kind,
    /// Title.
    pub title: Option<String>,
    /// Date.
    pub date: Option<IsoDate>,
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

/// Maps a kind given by a user (`plan`, `kế hoạch`, `ke hoach`) to the stored kind.
pub fn kind_of(user: &str, ex: &Extractor) -> String {
    let u = vanban_core::normalize::fold(user.trim());
    if let Some(k) = vanban_core::model::Kind::parse(&u) {
        return k.as_str().to_string();
    }
    ex.rules()
        .doc_types
        .iter()
        .find(|t| vanban_core::normalize::fold(&t.name) == u)
        .map(|t| t.kind.as_str().to_string())
        .unwrap_or(u)
}

fn parse(
    index: &Index,
    field: tantivy::schema::Field,
    q: &str,
) -> Result<Box<dyn Query>, IndexError> {
    use tantivy::query::QueryParserError as E;
    let mut qp = QueryParser::for_index(index, vec![field]);
    qp.set_conjunction_by_default();
    let parsed = match qp.parse_query(q) {
        // Only excluded words (`-ocop`): every document but those.
        Err(E::AllButQueryForbidden) => qp.parse_query(&format!("* {q}")),
        // What the repair of the query left malformed (`chuyen^`, `[a TO`) is searched as
        // the words it holds.
        Err(E::SyntaxError(_)) => {
            let words: String = q
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            match words.split_whitespace().next() {
                Some(_) => qp.parse_query(&words),
                None => Ok(Box::new(AllQuery) as Box<dyn Query>),
            }
        }
        other => other,
    };
    parsed.map_err(|e| IndexError::Query {
        query: q.to_string(),
        reason: match e {
            E::SyntaxError(_) => {
                "it is not well formed; check its quotes and parentheses".to_string()
            }
            E::AllButQueryForbidden => "it only excludes words".to_string(),
            _ => "use words, \"quoted phrases\", OR, and -word to exclude".to_string(),
        },
    })
}

/// Runs a search on the index at `index_path`.
pub fn search(
    index_path: &Path,
    opts: &SearchOptions,
    ex: &Extractor,
) -> Result<SearchResult, IndexError> {
    IndexView::open(index_path)?.search(opts, ex)
}

impl IndexView {
    /// Runs a search.
    pub fn search(&self, opts: &SearchOptions, ex: &Extractor) -> Result<SearchResult, IndexError> {
        self.run(|v| search_in(v, opts, ex, Count)).map(|(r, _)| r)
    }
}

/// Runs a search on one view, handing every match also to `extra` (facet counts, for
/// example) in the same pass.
pub fn search_with<C: Collector>(
    v: &IndexView,
    opts: &SearchOptions,
    ex: &Extractor,
    extra: C,
) -> Result<(SearchResult, C::Fruit), IndexError> {
    v.run(|v| search_in(v, opts, ex, extra))
}

fn search_in<C: Collector>(
    v: &IndexView,
    opts: &SearchOptions,
    ex: &Extractor,
    extra: C,
) -> Result<(SearchResult, C::Fruit), IndexError> {
    let (index, f, searcher) = (&v.index, v.fields, &v.searcher);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let repaired = super::repair(&opts.query);
    let q = repaired.trim();
    if q.is_empty() || q == "*" {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    } else {
        clauses.push((Occur::Must, parse(index, f.folded, &fold_query(q))?));
        // Exact-accent matches score higher when the query has accents.
        if let Ok(exact) = parse(index, f.text, &key_query(q)) {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(exact, 2.0))));
        }
        // A query that is a document's number (`228/BC-SNV`, any spelling) puts that
        // document before those that cite it.
        if let Some(id) = ex.doc_id(q) {
            let own = TermQuery::new(
                Term::from_field_text(f.number_key, &id.key()),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(own), 50.0)),
            ));
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
        let canon = ex.typed_id_key(id);
        let term = Term::from_field_text(f.cites, &canon);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    for (field, words) in [(f.place, &opts.place), (f.issuer, &opts.issuer)] {
        if let Some(w) = words {
            let phrase = format!("\"{}\"", vanban_core::normalize::fold(w).replace('"', " "));
            clauses.push((Occur::Must, parse(index, field, &phrase)?));
        }
    }
    // The issue date is kept as ISO text, whose order is the calendar's.
    if opts.date_from.is_some() || opts.date_to.is_some() {
        use std::ops::Bound;
        let bound = |d: &Option<IsoDate>| match d {
            Some(d) => Bound::Included(Term::from_field_text(f.date, d)),
            None => Bound::Unbounded,
        };
        clauses.push((
            Occur::Must,
            Box::new(tantivy::query::RangeQuery::new(
                bound(&opts.date_from),
                bound(&opts.date_to),
            )),
        ));
    }
    if let Some(kf) = &opts.keys {
        let terms = kf.keys.iter().map(|k| Term::from_field_text(f.key, k));
        let set: Box<dyn Query> = Box::new(tantivy::query::TermSetQuery::new(terms));
        clauses.push((if kf.only { Occur::Must } else { Occur::MustNot }, set));
    }
    let query = BooleanQuery::new(clauses);
    // Both bound what is kept in memory: at most MAX_LIMIT hits after at most every document.
    let limit = opts.limit.clamp(1, MAX_LIMIT);
    let offset = opts.offset.min(searcher.num_docs() as usize);
    let top = TopDocs::with_limit(limit)
        .and_offset(offset)
        .order_by_score();
    // One pass over the matches counts them and keeps the best.
    let (total, found, fruit) = searcher
        .search(&query, &(Count, top, extra))
        .map_err(v.tv())?;
    let terms = query_words(q);
    let mut hits = Vec::new();
    for (i, (score, addr)) in found.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr).map_err(v.tv())?;
        let body = text_of(&doc, f.body).unwrap_or_default();
        let (line, snippet, highlights) = snippet(&body, &terms);
        hits.push(Hit {
            rank: offset + i + 1,
            score,
            key: text_of(&doc, f.key).unwrap_or_default(),
            path: text_of(&doc, f.path).unwrap_or_default(),
            number: text_of(&doc, f.number),
            kind: text_of(&doc, f.kind)
                .and_then(|k| Kind::parse(&k))
                .unwrap_or_default(),
            title: text_of(&doc, f.title),
            date: text_of(&doc, f.date).as_deref().and_then(IsoDate::parse),
            line,
            snippet,
            highlights,
        });
    }
    Ok((SearchResult { total, hits }, fruit))
}

/// The folded words of a query, without operators, quotes or signs.
fn query_words(q: &str) -> Vec<String> {
    vanban_core::normalize::fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "and" | "or" | "not"))
        .map(str::to_string)
        .collect()
}

/// Folds each character to one character, so folded and original offsets line up.
fn fold_chars(s: &str) -> Vec<char> {
    s.chars().map(vanban_core::normalize::fold_char).collect()
}

/// The line with most query words, cut to about 200 characters around the first one, with
/// the byte ranges of each matched word.
fn snippet(body: &str, words: &[String]) -> (Option<usize>, String, Vec<(usize, usize)>) {
    let mut best: Option<(usize, usize, &str)> = None;
    let mut folded = String::new();
    for (n, line) in body.lines().enumerate() {
        folded.clear();
        folded.extend(line.chars().map(vanban_core::normalize::fold_char));
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

/// Checks that a query parses (in its folded form, the one searched) without an index on
/// disk (for validating user input and for fuzzing the parser).
pub fn check_query(q: &str) -> Result<(), IndexError> {
    let (schema, f) = super::schema();
    let index = Index::create_in_ram(schema);
    super::register_tokenizers(&index);
    let q = super::repair(q);
    if q.trim().is_empty() || q.trim() == "*" {
        return Ok(());
    }
    // The accent-keeping form only adds a score boost, and a phrase cannot be asked of it
    // (it has no positions): only the folded form must parse.
    parse(&index, f.folded, &fold_query(&q)).map(|_| ())
}
