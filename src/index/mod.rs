//! Stage 4, the index: a tantivy index on disk of every ingested document, for accent-insensitive
//! search, filters, and "which documents cite X".
//!
//! Each document is stored with a stable key (its path relative to the ingested folder, with
//! the folder's name in front), its path, sha256, format, encoding, meta, full text and the
//! extract JSON. Two text fields are indexed: `text` holds the search key of the text
//! (NFC, canonical tone placement, lower case) and `folded` its accent-folded form, so a query
//! typed without accents finds every spelling while one typed with accents ranks exact matches
//! first. Cited ids are kept in lower case in `cites` for exact, spelling-proof lookup.

pub mod catalog;
pub mod ingest;
pub mod query;
pub mod snapshot;

use std::path::{Path, PathBuf};

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
    STRING, TEXT,
};
use tantivy::Index;

/// Why an index operation failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another process holds the index's writer lock.
    #[error("{path}: another vanban ingest is writing to this index; wait for it to finish (the lock is released when it exits)")]
    Busy {
        /// The index folder.
        path: PathBuf,
    },
    /// The index folder does not hold an index.
    #[error("{path}: no index here; run `vanban ingest DIR --index {path}` first")]
    Missing {
        /// The index folder.
        path: PathBuf,
    },
    /// The index was built with other fields (by another version of vanban).
    #[error("{path}: this index was built by another version of vanban and its fields differ; move the folder away and run `vanban ingest` again to rebuild it")]
    OtherSchema {
        /// The index folder.
        path: PathBuf,
    },
    /// The query could not be understood.
    #[error("cannot understand the query {query:?}: {reason}")]
    Query {
        /// The query.
        query: String,
        /// Why.
        reason: String,
    },
    /// An error from the index library.
    #[error("{path}: index error: {source}")]
    Tantivy {
        /// The index folder.
        path: PathBuf,
        /// The error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A file-system error.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable key: folder name + path relative to it.
    pub key: Field,
    /// Path as given to ingest.
    pub path: Field,
    /// SHA-256 of the file.
    pub sha256: Field,
    /// Format.
    pub format: Field,
    /// Encoding.
    pub encoding: Field,
    /// Own number (canonical).
    pub number: Field,
    /// Own number, lower case, for lookups.
    pub number_key: Field,
    /// Kind.
    pub kind: Field,
    /// Title.
    pub title: Field,
    /// Issue date (ISO).
    pub date: Field,
    /// Years the document is about (its date, dates, periods).
    pub year: Field,
    /// Place, folded.
    pub place: Field,
    /// Issuer, folded.
    pub issuer: Field,
    /// Text search key (accents kept; words and frequencies, no positions).
    pub text: Field,
    /// Folded text.
    pub folded: Field,
    /// The normalised text as printed (stored only).
    pub body: Field,
    /// Cited ids, lower case.
    pub cites: Field,
    /// The extract JSON (stored only).
    pub extract: Field,
    /// What `cites` lists of the document, as JSON in a fast column.
    pub cite_card: Field,
}

/// The tokenizer of the `text` and `folded` fields. Their text is a search key vanban has
/// already lower-cased (and folded), so it is split into words without lower-casing again.
const KEYS_TOKENIZER: &str = "vanban_keys";

/// Registers [`KEYS_TOKENIZER`] on an index; every index vanban opens needs it.
pub(crate) fn register_tokenizers(index: &Index) {
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
    let keys = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .build();
    index.tokenizers().register(KEYS_TOKENIZER, keys);
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let f = Fields {
        key: b.add_text_field("key", STRING | STORED),
        path: b.add_text_field("path", STRING | STORED),
        sha256: b.add_text_field("sha256", STRING | STORED),
        format: b.add_text_field("format", STRING | STORED),
        encoding: b.add_text_field("encoding", STRING | STORED),
        number: b.add_text_field("number", STORED),
        number_key: b.add_text_field("number_key", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        title: b.add_text_field("title", TEXT | STORED),
        date: b.add_text_field("date", STRING | STORED),
        year: b.add_u64_field("year", INDEXED),
        place: b.add_text_field("place", TEXT),
        issuer: b.add_text_field("issuer", TEXT),
        // Only for ranking exact-accent matches higher: words and frequencies, no positions.
        text: b.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYS_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        folded: b.add_text_field(
            "folded",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYS_TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        body: b.add_text_field("body", STORED),
        cites: b.add_text_field("cites", STRING | STORED),
        extract: b.add_text_field("extract", STORED),
        cite_card: b.add_bytes_field("cite_card", FAST),
    };
    (b.build(), f)
}

/// The default index folder (`./vanban-index`), used when neither `--index` nor
/// `VANBAN_INDEX` says otherwise.
pub const DEFAULT_INDEX: &str = "vanban-index";

/// Opens the index at `path`, or creates it when `create` is set and none is there.
pub fn open(path: &Path, create: bool) -> Result<(Index, Fields), IndexError> {
    let (schema, fields) = schema();
    let has_index = path.join("meta.json").exists();
    if !has_index && !create {
        return Err(IndexError::Missing {
            path: path.to_path_buf(),
        });
    }
    std::fs::create_dir_all(path).map_err(|source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let dir = tantivy::directory::MmapDirectory::open(path).map_err(|e| IndexError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let index = Index::open_or_create(dir, schema).map_err(|source| match source {
        tantivy::TantivyError::SchemaError(_) => IndexError::OtherSchema {
            path: path.to_path_buf(),
        },
        source => IndexError::Tantivy {
            path: path.to_path_buf(),
            source,
        },
    })?;
    register_tokenizers(&index);
    Ok((index, fields))
}

/// Accent-folds a query, keeping the operators `AND`, `OR`, `NOT` as they are.
pub fn fold_query(q: &str) -> String {
    map_query(q, crate::normalize::fold)
}

/// The accent-keeping search key of a query, keeping the operators.
pub fn key_query(q: &str) -> String {
    map_query(q, crate::normalize::search_key)
}

fn map_query(q: &str, f: fn(&str) -> String) -> String {
    q.split(' ')
        .map(|w| {
            if matches!(w, "AND" | "OR" | "NOT") {
                w.to_string()
            } else {
                f(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
