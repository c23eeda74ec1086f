//! An index opened for reading, shared by search, cites, refs, graph, export and indicators.
//!
//! Opening never writes to the index folder (see [`super::open_read`]), and every piece of
//! work on the opened index runs behind [`super::guard`], so a damaged index gives
//! [`IndexError::Damaged`] instead of a panic.

use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, ReloadPolicy, Searcher, TantivyDocument};

use super::{guard, open_read, Fields, IndexError};
use vanban_core::model::Extract;

/// An index opened for reading, with a searcher on its last commit.
#[derive(Clone)]
pub struct IndexView {
    /// The index folder (or the label of an index in memory).
    pub(crate) path: PathBuf,
    /// The index.
    pub(crate) index: Index,
    /// Its fields.
    pub(crate) fields: Fields,
    /// A searcher on the last commit.
    pub(crate) searcher: Searcher,
}

impl std::fmt::Debug for IndexView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexView")
            .field("path", &self.path)
            .field("generation", &self.searcher.generation().generation_id())
            .finish()
    }
}

impl IndexView {
    /// Opens the index at `path` for reading.
    pub fn open(path: &Path) -> Result<IndexView, IndexError> {
        let (index, fields) = open_read(path)?;
        IndexView::new(path, index, fields)
    }

    /// A view of an index already opened (for example by [`super::open_dir`]); `label` names
    /// it in errors.
    pub fn new(label: &Path, index: Index, fields: Fields) -> Result<IndexView, IndexError> {
        guard::guarded(label, || {
            let damaged = |detail| IndexError::Damaged {
                path: label.to_path_buf(),
                detail,
            };
            let metas = index
                .load_metas()
                .map_err(|e| IndexError::from_tantivy(label, e))?;
            super::checked::before_reading(label, &index, &metas).map_err(damaged)?;
            super::verify::check_stores(&index, &metas).map_err(damaged)?;
            // Without the meta lock (readers write nothing), an ingest's clean-up may delete a
            // segment file between reading meta.json and opening the file; the next commit is
            // then on disk, so opening again finds it.
            let mut attempts = 0;
            let reader = loop {
                let opened = index
                    .reader_builder()
                    .reload_policy(ReloadPolicy::Manual)
                    .try_into();
                match opened {
                    Err(tantivy::TantivyError::OpenReadError(
                        tantivy::directory::error::OpenReadError::FileDoesNotExist(_),
                    )) if attempts < 3 => {
                        attempts += 1;
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    other => break other.map_err(|e| IndexError::from_tantivy(label, e))?,
                }
            };
            Ok(IndexView {
                path: label.to_path_buf(),
                searcher: reader.searcher(),
                index,
                fields,
            })
        })
    }

    /// Number of documents.
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Runs `work` on this view; a panic inside the index library becomes
    /// [`IndexError::Damaged`].
    pub(crate) fn run<T>(
        &self,
        work: impl FnOnce(&IndexView) -> Result<T, IndexError>,
    ) -> Result<T, IndexError> {
        guard::guarded(&self.path, || work(self))
    }

    /// Turns an error of the index library into an [`IndexError`] about this index.
    pub(crate) fn tv(&self) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
        move |e| IndexError::from_tantivy(&self.path, e)
    }

    /// Every indexed document, in key order: (key, stored doc).
    pub(crate) fn all_docs(&self) -> Result<Vec<(String, TantivyDocument)>, IndexError> {
        all_docs(&self.searcher, &self.fields).map_err(self.tv())
    }
}

/// The first text value of a field of a stored document.
pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The extract stored with a document.
pub(crate) fn load_extract(doc: &TantivyDocument, f: &Fields) -> Option<Extract> {
    serde_json::from_str(&text_of(doc, f.extract)?).ok()
}

/// Every indexed document, in key order: (key, stored doc).
pub(crate) fn all_docs(
    searcher: &Searcher,
    f: &Fields,
) -> tantivy::Result<Vec<(String, TantivyDocument)>> {
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
pub(crate) fn doc_keys(
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
