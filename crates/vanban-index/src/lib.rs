//! Stage 4, the index: a tantivy index on disk of every ingested document, for accent-insensitive
//! search, filters, and "which documents cite X".
//!
//! Each document is stored with its key (its absolute path; [`key_path`] gives the path back), its path, sha256,
//! format, encoding, meta, full text and the extract JSON. Two text fields are indexed: `text` holds the search key of the text
//! (NFC, canonical tone placement, lower case) and `folded` its accent-folded form, so a query
//! typed without accents finds every spelling while one typed with accents ranks exact matches
//! first. Cited ids are kept in lower case in `cites` for exact, spelling-proof lookup.

#![deny(missing_docs)]

mod catalog;
mod checked;
mod cites;
mod dir;
mod export;
mod graph;
mod guard;
mod indicators;
mod ingest;
mod keys;
pub mod query;
mod reader;
mod rebuild;
mod search;
mod snapshot;
mod standing;
mod verify;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use dir::Cause;

// The write side: ingest (the nightly job), rebuild, verify.
pub use ingest::{build_doc, ingest, Failure, IngestOptions, Progress, StageTimes, Summary};
pub use rebuild::{rebuild, RebuildFrom, RebuildSummary};
pub use verify::{verify, verify_index, DamagedFile, VerifyReport};
// What a document's key is, and the path it names.
pub use keys::{to_path as key_path, SCHEME as KEY_SCHEME};
// The server's side: a library following commits, its views, and what it counts per segment.
pub use catalog::{
    Card, FacetCollector, FacetCounts, FacetSegment, Facets, FindingFacets, FindingFilter,
    FindingList, FindingRow,
};
pub use snapshot::{Library, StoredDocument, View};
pub use standing::{changed_by, ended_keys, Change, ChangeMade, ChangedBy};
// Panics inside the index library are caught and reported as damage; this keeps them quiet.
pub use guard::quiet_caught_panics;

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
    STRING, TEXT,
};
use tantivy::Index;

/// Why an index operation failed. Each message names the index folder and says what is wrong
/// in plain words, and what to do where that needs no command of a front end (the command
/// line adds the commands that mend an index: `vanban ingest`, `vanban index rebuild`).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another process holds the index's writer lock.
    #[error("{path}: another vanban ingest is writing to this index; wait for it to finish (the lock is released when it exits)")]
    Busy {
        /// The index folder.
        path: PathBuf,
    },
    /// The index folder does not hold an index.
    #[error("{path}: no index here")]
    Missing {
        /// The index folder.
        path: PathBuf,
    },
    /// The index was built with other fields (by another version of vanban).
    #[error("{path}: this index was built by another version of vanban and its fields differ")]
    OtherSchema {
        /// The index folder.
        path: PathBuf,
    },
    /// The index keys documents by the ingested folder's name (vanban before key scheme 2),
    /// so same-named folders overwrite each other; ingest refuses to add to it.
    #[error("{path}: this index was written by an older vanban that named documents after their folder's name only (two folders of the same name overwrote each other); it must be rebuilt from the folders it holds")]
    OldKeys {
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
    /// Index files are damaged (checksum, missing file, or data the library cannot decode).
    #[error("{path}: the index is damaged ({detail})")]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// What was found.
        detail: String,
    },
    /// Writing was needed but the index's file system is mounted read-only.
    #[error("{path}: the index is on a read-only file system and this command writes to it; remount it read-write or copy the index to a writable place (search, cites, refs, graph, export and indicators work on a read-only index)")]
    ReadOnly {
        /// The index folder.
        path: PathBuf,
    },
    /// The user may not write (or read) the index's files.
    #[error("{path}: permission denied ({detail}); run as the index's owner or give this user access to the folder and its files")]
    Permission {
        /// The index folder.
        path: PathBuf,
        /// The operation and file that were refused.
        detail: String,
    },
    /// The disk holding the index is full.
    #[error("{path}: the disk holding the index is full; nothing of this run was committed, the files it had started were removed and the index is as it was after its last commit; free some space and run again")]
    DiskFull {
        /// The index folder.
        path: PathBuf,
    },
    /// Nothing given to ingest exists or can be read; the index was not touched.
    #[error("nothing to ingest: {detail}; the index was not touched")]
    NothingToIngest {
        /// Each path given and why it cannot be read.
        detail: String,
    },
    /// `index rebuild` without folders on an index that does not record its folders.
    #[error("{path}: the index does not record the folders it was built from")]
    NoSources {
        /// The index folder.
        path: PathBuf,
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
    /// The index library failed in a way vanban does not know how to explain.
    #[error("{path}: the index library failed: {detail}")]
    Internal {
        /// The index folder.
        path: PathBuf,
        /// What it said.
        detail: String,
    },
}

impl IndexError {
    /// The error for an input/output failure at `path` (`what` names the operation and file).
    pub(crate) fn io(path: &Path, what: &str, e: &std::io::Error) -> IndexError {
        let path = path.to_path_buf();
        match dir::Cause::of(e) {
            dir::Cause::DiskFull => IndexError::DiskFull { path },
            dir::Cause::ReadOnly => IndexError::ReadOnly { path },
            dir::Cause::Permission => IndexError::Permission {
                path,
                detail: what.to_string(),
            },
            dir::Cause::Other if e.kind() == std::io::ErrorKind::NotFound => IndexError::Damaged {
                path,
                detail: format!("{what}: the file is missing"),
            },
            // Data that does not decode (a damaged compressed block, a cut file).
            dir::Cause::Other
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
            {
                IndexError::Damaged {
                    path,
                    detail: format!("{what}: {e}"),
                }
            }
            dir::Cause::Other => IndexError::Io {
                path,
                source: std::io::Error::new(e.kind(), format!("{what}: {e}")),
            },
        }
    }

    /// Translates an error of the index library into one a user can act on.
    pub(crate) fn from_tantivy(path: &Path, e: tantivy::TantivyError) -> IndexError {
        use tantivy::directory::error::{
            LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
        };
        use tantivy::TantivyError as T;
        let p = || path.to_path_buf();
        let file = |f: &Path| f.display().to_string();
        match e {
            // Reading index data that does not decode comes back as an error of this kind.
            T::IoError(io) if dir::Cause::of(&io) == dir::Cause::Other => IndexError::Damaged {
                path: p(),
                detail: format!("a file cannot be decoded: {io}"),
            },
            T::IoError(io) => IndexError::io(path, "reading or writing its files", &io),
            T::OpenReadError(OpenReadError::FileDoesNotExist(f)) => IndexError::Damaged {
                path: p(),
                detail: format!("{} is missing", file(&f)),
            },
            T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
                IndexError::io(path, &format!("reading {}", file(&filepath)), &io_error)
            }
            T::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
                IndexError::io(path, &format!("writing {}", file(&filepath)), &io_error)
            }
            T::OpenWriteError(OpenWriteError::FileAlreadyExists(f)) => IndexError::Internal {
                path: p(),
                detail: format!("{} already exists", file(&f)),
            },
            T::OpenDirectoryError(OpenDirectoryError::DoesNotExist(_)) => {
                IndexError::Missing { path: p() }
            }
            T::OpenDirectoryError(OpenDirectoryError::NotADirectory(_)) => IndexError::Io {
                path: p(),
                source: std::io::Error::other("not a folder"),
            },
            T::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. })
            | T::OpenDirectoryError(OpenDirectoryError::FailedToCreateTempDir(io_error)) => {
                IndexError::io(path, "opening the folder", &io_error)
            }
            T::LockFailure(LockError::LockBusy, _) => IndexError::Busy { path: p() },
            T::LockFailure(LockError::IoError(io), _) => {
                IndexError::io(path, "creating the lock file", &io)
            }
            T::DataCorruption(c) => IndexError::Damaged {
                path: p(),
                detail: format!("{c:?}").trim_end_matches('.').to_lowercase(),
            },
            T::DeserializeError(_) => IndexError::Damaged {
                path: p(),
                detail: "a stored document cannot be decoded".into(),
            },
            T::OpenReadError(OpenReadError::IncompatibleIndex(_))
            | T::IncompatibleIndex(_)
            | T::SchemaError(_) => IndexError::OtherSchema { path: p() },
            T::ErrorInThread(_) => IndexError::Internal {
                path: p(),
                detail: "an indexing thread stopped".into(),
            },
            other => IndexError::Internal {
                path: p(),
                detail: other.to_string(),
            },
        }
    }
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document's key: its absolute path ([`key_path`] gives the path back).
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

/// What vanban records in every commit of an index (as tantivy's commit payload): the key
/// scheme the documents were keyed by and the folders ingested into it, so that
/// `vanban index rebuild` can read them again.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexInfo {
    /// The key scheme ([`KEY_SCHEME`]).
    pub keys: u32,
    /// The key of every folder (or file) ingested into the index, in the order first seen.
    pub roots: Vec<String>,
}

impl IndexInfo {
    /// What the last commit of `index` recorded; `None` for an index written by a vanban
    /// that recorded nothing (key scheme 1), or an unreadable record.
    pub fn of(index: &Index) -> Option<IndexInfo> {
        IndexInfo::of_metas(&index.load_metas().ok()?)
    }

    /// What a commit (its `meta.json`, already read) recorded.
    pub fn of_metas(metas: &tantivy::index::IndexMeta) -> Option<IndexInfo> {
        serde_json::from_str(metas.payload.as_deref()?).ok()
    }
}

/// Opens the index at `path`, or creates it when `create` is set and none is there, for
/// writing (ingest). Readers use [`open_read`], which never writes to the folder.
pub fn open(path: &Path, create: bool) -> Result<(Index, Fields), IndexError> {
    open_with(path, create, Arc::new(dir::WriteWatch::default()))
}

/// [`open`] with the watch that records what the index's writes meet.
pub(crate) fn open_with(
    path: &Path,
    create: bool,
    watch: Arc<dir::WriteWatch>,
) -> Result<(Index, Fields), IndexError> {
    let (schema, fields) = schema();
    let has_index = path.join("meta.json").exists();
    if !has_index && !create {
        return Err(IndexError::Missing {
            path: path.to_path_buf(),
        });
    }
    std::fs::create_dir_all(path)
        .map_err(|e| IndexError::io(path, "creating the index folder", &e))?;
    let mmap = tantivy::directory::MmapDirectory::open(path)
        .map_err(|e| IndexError::from_tantivy(path, e.into()))?;
    let dir = dir::IndexDir::new(Box::new(mmap), false, watch);
    let index =
        Index::open_or_create(dir, schema).map_err(|e| IndexError::from_tantivy(path, e))?;
    register_tokenizers(&index);
    Ok((index, fields))
}

/// Opens the index at `path` for reading. Nothing is written to the folder, so this works on a
/// read-only file system, a snapshot, or a copy owned by someone else.
pub fn open_read(path: &Path) -> Result<(Index, Fields), IndexError> {
    if !path.join("meta.json").exists() {
        // Tell a folder that cannot be looked into from one without an index.
        if let Err(e) = std::fs::read_dir(path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                return Err(IndexError::io(path, "opening the index folder", &e));
            }
        }
        return Err(IndexError::Missing {
            path: path.to_path_buf(),
        });
    }
    let mmap = tantivy::directory::MmapDirectory::open(path)
        .map_err(|e| IndexError::from_tantivy(path, e.into()))?;
    let dir = dir::IndexDir::new(Box::new(mmap), true, Arc::default());
    guard::guarded(path, || {
        let index = Index::open(dir).map_err(|e| IndexError::from_tantivy(path, e))?;
        check_schema(path, &index)?;
        register_tokenizers(&index);
        Ok((index, schema().1))
    })
}

/// Opens an index held in any tantivy directory (memory, for tests and fuzzing) for reading;
/// `label` names it in errors.
pub fn open_dir(
    label: &Path,
    directory: Box<dyn tantivy::directory::Directory>,
) -> Result<(Index, Fields), IndexError> {
    let dir = dir::IndexDir::new(directory, true, Arc::default());
    guard::guarded(label, || {
        let index = Index::open(dir).map_err(|e| IndexError::from_tantivy(label, e))?;
        check_schema(label, &index)?;
        register_tokenizers(&index);
        Ok((index, schema().1))
    })
}

/// Refuses an index whose fields are not the ones of [`schema`].
fn check_schema(path: &Path, index: &Index) -> Result<(), IndexError> {
    if index.schema() == schema().0 {
        Ok(())
    } else {
        Err(IndexError::OtherSchema {
            path: path.to_path_buf(),
        })
    }
}

/// Accent-folds a query, keeping the operators `AND`, `OR`, `NOT` as they are.
pub fn fold_query(q: &str) -> String {
    map_query(q, vanban_core::normalize::fold)
}

/// The accent-keeping search key of a query, keeping the operators.
pub fn key_query(q: &str) -> String {
    map_query(q, vanban_core::normalize::search_key)
}

fn map_query(q: &str, f: fn(&str) -> String) -> String {
    only_text(&repair(q))
        .split(' ')
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

/// A query as people type or paste it made one the parser reads, so that a slip searches
/// instead of failing: full-width letters and digits (`ｃｈｕｙｅｎ`) as their plain forms,
/// invisible characters (zero-width space, soft hyphen) removed, since they split no word;
/// an unclosed quote or unbalanced parentheses dropped; `AND` / `OR` with nothing on one
/// side, `NOT` with nothing after it and a lone `-` or `+` read as no operator (a query that
/// is only `OR` searches the word).
pub(crate) fn repair(q: &str) -> String {
    let mut s: String = q
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            )
        })
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    if s.matches('"').count() % 2 == 1 {
        if let Some(i) = s.rfind('"') {
            s.replace_range(i..i + 1, " ");
        }
    }
    if s.matches('(').count() != s.matches(')').count() {
        s = s.replace(['(', ')'], " ");
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let is_op = |w: &str| matches!(w, "AND" | "OR" | "NOT" | "-" | "+");
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut quoted = false;
    for (i, w) in words.iter().enumerate() {
        if quoted {
            out.push(w.to_string());
        } else {
            let next = words.get(i + 1).copied();
            let joins_next = next.is_some_and(|n| !matches!(n, "AND" | "OR" | "-" | "+"));
            let after_word = out.last().is_some_and(|p| !is_op(p));
            match *w {
                "-" | "+" => {}
                "AND" | "OR" if after_word && joins_next => out.push(w.to_string()),
                "NOT" if joins_next => out.push(w.to_string()),
                "AND" | "OR" | "NOT" if words.len() == 1 => out.push(w.to_lowercase()),
                "AND" | "OR" | "NOT" => {}
                _ => out.push(w.to_string()),
            }
        }
        if w.matches('"').count() % 2 == 1 {
            quoted = !quoted;
        }
    }
    out.join(" ")
}

/// A query with the field syntax taken out: `field:word` would reach the index's internal
/// fields (`folded:…`, `key:…`), so a word with a colon becomes the phrase of its parts
/// (`8:30` → `"8 30"`, as the text is split into words) and a colon inside quotes a space.
fn only_text(q: &str) -> String {
    if !q.contains(':') {
        return q.to_string();
    }
    let mut out = String::with_capacity(q.len() + 4);
    let mut in_quotes = false;
    for (i, part) in q.split('"').enumerate() {
        if i > 0 {
            out.push('"');
            in_quotes = !in_quotes;
        }
        if in_quotes {
            out.push_str(&part.replace(':', " "));
            continue;
        }
        let words: Vec<String> = part
            .split(' ')
            .map(|w| {
                if !w.contains(':') {
                    return w.to_string();
                }
                let sign = if w.starts_with(['-', '+']) {
                    &w[..1]
                } else {
                    ""
                };
                let inner = w[sign.len()..].replace(':', " ");
                format!("{sign}\"{}\"", inner.trim())
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_in_a_query_are_repaired_not_refused() {
        assert_eq!(repair("\"chuyen doi"), "chuyen doi");
        assert_eq!(repair("\"chuyen doi\" so"), "\"chuyen doi\" so");
        assert_eq!(repair("OR"), "or");
        assert_eq!(repair("chuyen OR"), "chuyen");
        assert_eq!(repair("chuyen OR OR doi"), "chuyen OR doi");
        assert_eq!(repair("chuyen -"), "chuyen");
        assert_eq!(repair("-"), "");
        assert_eq!(repair("(chuyen doi"), "chuyen doi");
        assert_eq!(repair("chuyen OR -doi"), "chuyen OR -doi");
        assert_eq!(repair("\"a OR b\""), "\"a OR b\"");
        // Full-width letters, zero-width and soft-hyphen characters.
        assert_eq!(repair("ｃｈｕｙｅｎ　doi"), "chuyen doi");
        assert_eq!(repair("chuy\u{200B}ển đ\u{AD}ổi"), "chuyển đổi");
        // What was well formed stays as it was.
        assert_eq!(repair("chuyen OR doi -so"), "chuyen OR doi -so");
    }

    #[test]
    fn field_syntax_becomes_text() {
        assert_eq!(only_text("folded:chuyen"), "\"folded chuyen\"");
        assert_eq!(only_text("-key:x doi so"), "-\"key x\" doi so");
        assert_eq!(only_text("\"luc 8:30\" hop"), "\"luc 8 30\" hop");
        assert_eq!(only_text("chuyen doi so"), "chuyen doi so");
    }
}
