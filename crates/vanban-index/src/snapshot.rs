//! One consistent view of the index, and a long-lived handle that keeps up with new commits.
//!
//! A [`Snapshot`] is one tantivy searcher: every question answered from it sees the same
//! commit, whatever an ingest running beside it does. The command line opens one per command
//! ([`Snapshot::open`]); a server keeps a [`Library`], which reloads by itself a moment after
//! each commit and hands out a fresh snapshot per request, so a request never sees half an
//! ingest and a new commit is picked up without a restart.
//!
//! ```no_run
//! # fn main() -> Result<(), vanban_index::IndexError> {
//! let library = vanban_index::Library::open(std::path::Path::new("vanban-index"))?;
//! let view = library.view();
//! println!("{} documents", view.snapshot.num_docs());
//! # Ok(())
//! # }
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::catalog::Catalog;
/// One searcher on the index, with its fields: every answer from it sees one commit.
pub use super::reader::IndexView as Snapshot;
use super::{Fields, IndexError};
use vanban_core::model::{id_key, Extract};

impl Snapshot {
    /// The searcher.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The schema's fields.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// The index folder (for error messages).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Which reload of the index this is (grows with every commit picked up).
    pub fn generation(&self) -> u64 {
        self.searcher.generation().generation_id()
    }

    /// Turns a tantivy error into an [`IndexError`] naming this index.
    pub(crate) fn err(&self, source: tantivy::TantivyError) -> IndexError {
        IndexError::from_tantivy(&self.path, source)
    }

    /// The indexed document with this key, with its text and extract.
    pub fn document(&self, key: &str) -> Result<Option<StoredDocument>, IndexError> {
        self.run(|v| v.document_in(key))
    }

    fn document_in(&self, key: &str) -> Result<Option<StoredDocument>, IndexError> {
        let f = self.fields;
        let query = TermQuery::new(Term::from_field_text(f.key, key), IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let Some(addr) = found.into_iter().min() else {
            return Ok(None);
        };
        let doc: TantivyDocument = self.searcher.doc(addr).map_err(|e| self.err(e))?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let extract = serde_json::from_str(&text(f.extract)).ok();
        Ok(Some(StoredDocument {
            key: text(f.key),
            path: text(f.path),
            sha256: text(f.sha256),
            format: text(f.format),
            encoding: text(f.encoding),
            text: text(f.body),
            extract,
        }))
    }

    /// Keys of the indexed documents whose own number is `id` (canonical, any case), in key
    /// order.
    pub fn keys_numbered(&self, id: &str) -> Result<Vec<String>, IndexError> {
        self.run(|v| {
            let f = v.fields;
            let query = TermQuery::new(
                Term::from_field_text(f.number_key, &id_key(id)),
                IndexRecordOption::Basic,
            );
            let found = v
                .searcher
                .search(&query, &DocSetCollector)
                .map_err(|e| v.err(e))?;
            let mut keys = Vec::new();
            for addr in found {
                let doc: TantivyDocument = v.searcher.doc(addr).map_err(|e| v.err(e))?;
                if let Some(k) = doc.get_first(f.key).and_then(|v| v.as_str()) {
                    keys.push(k.to_string());
                }
            }
            keys.sort();
            Ok(keys)
        })
    }
}

/// An indexed document as stored.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    /// Stable key (folder name + relative path).
    pub key: String,
    /// The path given to ingest.
    pub path: String,
    /// SHA-256 of the file when it was ingested.
    pub sha256: String,
    /// Format (`txt`, `pdf`, …).
    pub format: String,
    /// Encoding detected.
    pub encoding: String,
    /// The normalised text every `line` refers to.
    pub text: String,
    /// The extract (`None` only if the stored JSON cannot be read by this version).
    pub extract: Option<Extract>,
}

fn tv(path: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| IndexError::from_tantivy(path, source)
}

/// A long-lived reader of the index for a server: it reloads a moment after every commit
/// (tantivy's `OnCommitWithDelay`) and keeps a catalog of per-document facts (facets,
/// findings) warmed for each new set of segments before that set is searched.
pub struct Library {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    path: Arc<PathBuf>,
    catalog: Arc<Catalog>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}

/// What one request reads: a snapshot and the catalog warmed for its segments.
#[derive(Clone, Debug)]
pub struct View {
    /// The searcher.
    pub snapshot: Snapshot,
    /// Per-document facts of the snapshot's segments.
    pub catalog: Arc<Catalog>,
}

impl Library {
    /// Opens the index at `path`; reads every document once to warm the catalog.
    pub fn open(path: &Path) -> Result<Library, IndexError> {
        // Opening a view first checks the segment files before the index library reads them.
        let first = Snapshot::open(path)?;
        let (index, fields) = (first.index, first.fields);
        let catalog = Arc::new(Catalog::new(fields));
        let warmer: Arc<dyn tantivy::Warmer> = catalog.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()
            .map_err(tv(path))?;
        // The reader keeps only a weak handle on its warmer; the catalog lives as long as
        // the library, which holds it.
        drop(warmer);
        Ok(Library {
            index,
            reader,
            fields,
            path: Arc::new(path.to_path_buf()),
            catalog,
        })
    }

    /// Reloads now instead of waiting for the watcher (tests, or an operator's signal).
    pub fn reload(&self) -> Result<(), IndexError> {
        self.reader.reload().map_err(tv(&self.path))
    }

    /// The latest snapshot and the catalog.
    pub fn view(&self) -> View {
        View {
            snapshot: Snapshot {
                path: self.path.to_path_buf(),
                index: self.index.clone(),
                fields: self.fields,
                searcher: self.reader.searcher(),
            },
            catalog: self.catalog.clone(),
        }
    }
}
