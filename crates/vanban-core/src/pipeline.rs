//! Paths in, documents with their facts out: the one loop of the commands that work on many
//! files (`vanban extract`, `vanban check`).
//!
//! [`Pipeline::collect`] walks the paths given and keeps each file once, however often it is
//! named (`a.txt` and `./a.txt`, a folder and a file inside it). [`Pipeline::run`] then reads,
//! normalises, extracts and checks the files in batches on rayon's pool, each within the time
//! budget of the load options, and hands the documents over in the order of the files: memory
//! holds one batch, not the whole run, and a file that cannot be read is its own `Err` while
//! the run goes on.
//!
//! ```
//! use vanban_core::extract::Extractor;
//! use vanban_core::pipeline::Pipeline;
//!
//! let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
//! let files = Pipeline::collect(&[corpus.clone(), corpus.join("quyet-dinh-quy-che-ban-chi-dao.txt")]);
//! let named = files.documents.iter().filter(|p| p.ends_with("quyet-dinh-quy-che-ban-chi-dao.txt"));
//! assert_eq!(named.count(), 1);
//!
//! let pipeline = Pipeline::new(Extractor::built_in_shared(), Default::default());
//! let numbers: Vec<Option<String>> = pipeline
//!     .run(&files.documents, |_path, read| read.ok().and_then(|(_, facts)| facts.meta.number))
//!     .collect();
//! assert_eq!(numbers.len(), files.documents.len());
//! assert!(numbers.iter().any(|n| n.as_deref() == Some("1520/QĐ-UBND")));
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::extract::Extractor;
use crate::model::Extract;
use crate::walk::{self, Collected};
use crate::{Document, LoadOptions, ReadError};

/// Reads and extracts many files in parallel batches, in file order. See the [module
/// documentation](self).
#[derive(Debug, Clone)]
pub struct Pipeline {
    extractor: Arc<Extractor>,
    load: LoadOptions,
    batch: usize,
}

/// What [`Pipeline::run`] gives for one file: the document and its checked facts, or why the
/// file could not be read (the error names the file).
pub type Processed = Result<(Document, Extract), ReadError>;

impl Pipeline {
    /// Files worked on together: enough to keep every core busy, few enough that a run over a
    /// country's reports holds only this many documents at a time.
    pub const DEFAULT_BATCH: usize = 256;

    /// A pipeline extracting with `extractor` and reading with `load` (limits, time budget,
    /// OCR, normalisation).
    pub fn new(extractor: Arc<Extractor>, load: LoadOptions) -> Pipeline {
        Pipeline {
            extractor,
            load,
            batch: Self::DEFAULT_BATCH,
        }
    }

    /// The same pipeline working on `n` files at a time (at least one).
    pub fn with_batch(mut self, n: usize) -> Pipeline {
        self.batch = n.max(1);
        self
    }

    /// The extractor in use (its rules, for the checks a caller adds).
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Walks `paths` (files and folders) as [`walk::collect`] does and keeps each document
    /// once: a file reached twice (named and inside a folder named, or by two spellings of
    /// its path) is worked on, and reported, once.
    pub fn collect(paths: &[PathBuf]) -> Collected {
        let mut found = walk::collect(paths);
        let mut seen = HashSet::new();
        found
            .documents
            .retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
        found
    }

    /// Reads, normalises, extracts and checks one file (a document over
    /// [`crate::BUDGETED_SIZE`] on its own thread within the time budget).
    pub fn process(&self, path: &Path) -> Processed {
        crate::load_and_extract(path, &self.load, &self.extractor, || self.extractor.clone())
    }

    /// Works on `files` one batch at a time, each batch in parallel, and yields what `each`
    /// makes of every file, in the order of `files`. `each` runs on the pool's threads too, so
    /// that per-document work (serialising, further checks) is parallel as well.
    pub fn run<'a, T, F>(&'a self, files: &'a [PathBuf], each: F) -> impl Iterator<Item = T> + 'a
    where
        T: Send + 'a,
        F: Fn(&Path, Processed) -> T + Sync + 'a,
    {
        files.chunks(self.batch).flat_map(move |batch| {
            batch
                .par_iter()
                .map(|path| each(path, self.process(path)))
                .collect::<Vec<T>>()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
    }

    #[test]
    fn a_file_named_twice_is_kept_once() {
        let one = corpus().join("quyet-dinh-quy-che-ban-chi-dao.txt");
        let again = corpus()
            .join(".")
            .join("quyet-dinh-quy-che-ban-chi-dao.txt");
        let found = Pipeline::collect(&[one.clone(), again, corpus()]);
        let count = found
            .documents
            .iter()
            .filter(|p| p.ends_with("quyet-dinh-quy-che-ban-chi-dao.txt"))
            .count();
        assert_eq!(count, 1);
        assert_eq!(found.documents[0], one);
    }

    #[test]
    fn results_come_in_file_order_across_batches_and_a_bad_file_is_its_own_error() {
        let mut files = Pipeline::collect(&[corpus()]).documents;
        files.truncate(7);
        files.insert(3, corpus().join("no-such-file.txt"));
        let pipeline =
            Pipeline::new(Extractor::built_in_shared(), Default::default()).with_batch(3);
        let got: Vec<(PathBuf, bool)> = pipeline
            .run(&files, |path, r| {
                if let Ok((doc, _)) = &r {
                    assert_eq!(doc.raw.path, path);
                }
                (path.to_path_buf(), r.is_ok())
            })
            .collect();
        let paths: Vec<PathBuf> = got.iter().map(|g| g.0.clone()).collect();
        assert_eq!(paths, files);
        assert_eq!(got.iter().filter(|g| !g.1).count(), 1);
        assert!(!got[3].1);
    }
}
