//! Writing to the index: the one place that holds tantivy's writer, commits with what vanban
//! records ([`IndexInfo`]), names the real cause of a failed write, and leaves the disk as it
//! was when a run fails.
//!
//! When a write fails (a full disk, a read-only file system, a permission) the writer is
//! rolled back and every file this run created that the last commit does not use is deleted,
//! so the next run starts from the last commit with the disk space it had before.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::dir::WriteWatch;
use super::{open_with, Fields, IndexError, IndexInfo};

/// The index writer of one run.
pub(crate) struct Writer {
    path: PathBuf,
    index: Index,
    writer: Option<IndexWriter<TantivyDocument>>,
    watch: Arc<WriteWatch>,
    /// Files in the folder before the run (none when the folder was created by it).
    before: HashSet<OsString>,
    /// Whether the folder itself was created by this run.
    created_folder: bool,
    /// Whether this run committed.
    committed: bool,
}

impl Writer {
    /// Opens (or creates) the index at `path` and takes its writer lock.
    pub(crate) fn open(
        path: &Path,
        memory_budget: usize,
        watch: Arc<WriteWatch>,
    ) -> Result<(Writer, Fields), IndexError> {
        let created_folder = !path.exists();
        let before = files_in(path);
        let (index, fields) = match open_with(path, true, watch.clone()) {
            Ok(x) => x,
            Err(e) => {
                tidy(path, &before, &HashSet::new());
                if created_folder {
                    let _ = std::fs::remove_dir_all(path);
                }
                return Err(cause_of(path, &watch).unwrap_or(e));
            }
        };
        let mut w = Writer {
            path: path.to_path_buf(),
            index,
            writer: None,
            watch,
            before,
            created_folder,
            committed: false,
        };
        // A lock held a moment longer than its run: a process forked by this one (a test
        // harness, a server spawning a reader) keeps a copy of the lock file's descriptor until
        // it runs its program. Ask a few times over a fifth of a second before calling it busy.
        let mut tries = 0;
        let opened = loop {
            match w.index.writer(memory_budget.max(15_000_000)) {
                Err(tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                )) if tries < 10 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other,
            }
        };
        match opened {
            Ok(writer) => w.writer = Some(writer),
            Err(e) => {
                let e = w.error(e);
                w.abort();
                return Err(e);
            }
        }
        Ok((w, fields))
    }

    /// The index being written.
    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// The error to report for a failure of the index library: the cause the file writes met
    /// when there is one (a full disk says so), else the library's error translated.
    pub(crate) fn error(&self, e: tantivy::TantivyError) -> IndexError {
        cause_of(&self.path, &self.watch).unwrap_or_else(|| IndexError::from_tantivy(&self.path, e))
    }

    fn writer(&mut self) -> &mut IndexWriter<TantivyDocument> {
        self.writer
            .as_mut()
            .expect("the writer lives until finish or abort")
    }

    /// Adds a document.
    pub(crate) fn add(&mut self, doc: TantivyDocument) -> Result<(), IndexError> {
        match self.writer().add_document(doc) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Deletes the document with this key.
    pub(crate) fn delete_key(&mut self, fields: &Fields, key: &str) {
        let term = Term::from_field_text(fields.key, key);
        self.writer().delete_term(term);
    }

    /// Commits what was added and deleted, recording `info`.
    pub(crate) fn commit(&mut self, info: &IndexInfo) -> Result<(), IndexError> {
        let payload = serde_json::to_string(info).unwrap_or_default();
        let result = self.writer().prepare_commit().and_then(|mut prepared| {
            prepared.set_payload(&payload);
            prepared.commit()
        });
        match result {
            Ok(_) => {
                self.committed = true;
                Ok(())
            }
            Err(e) => Err(self.error(e)),
        }
    }

    /// Ends the run after its last commit: waits for merges, removes what a failed merge may
    /// have left, and records the files of the commit as checked (all of them when the run
    /// checked the index before writing, `checked_before`; else only those it wrote).
    pub(crate) fn finish(mut self, checked_before: bool) -> Result<(), IndexError> {
        let merged = match self.writer.take() {
            Some(w) => w.wait_merging_threads(),
            None => Ok(()),
        };
        // The commit is on disk; a merge that failed only leaves files nobody uses.
        self.remove_orphans(true);
        let before: Vec<String> = self
            .before
            .iter()
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        let only_new = (!checked_before).then_some(before.as_slice());
        super::checked::record(&self.path, &self.index, only_new);
        match merged {
            Err(_) if self.watch.first_error().is_some() => Err(self.error_after_commit()),
            _ => Ok(()),
        }
    }

    /// The error after a commit succeeded but a merge then failed (the data is safe).
    fn error_after_commit(&self) -> IndexError {
        match cause_of(&self.path, &self.watch) {
            Some(IndexError::DiskFull { path }) => IndexError::Io {
                path,
                source: std::io::Error::other(
                    "the documents were committed, but the disk filled up while merging index segments afterwards; the unfinished merge was removed; free some space so later runs can merge",
                ),
            },
            Some(e) => e,
            None => IndexError::Internal {
                path: self.path.clone(),
                detail: "merging segments failed after the commit".into(),
            },
        }
    }

    /// Abandons the run: drops what was not committed and deletes every file the run created
    /// that the last commit does not use.
    pub(crate) fn abort(mut self) {
        if let Some(mut w) = self.writer.take() {
            let _ = w.rollback();
            let _ = w.wait_merging_threads();
        }
        // An index this run created and never committed to is not kept.
        let keep = self.committed || !self.created_index();
        self.remove_orphans(keep);
    }

    /// Deletes the files this run created that the committed index does not use, while
    /// holding the writer lock (so no other ingest's new files are touched).
    fn remove_orphans(&mut self, keep_index: bool) {
        let Ok(mmap) = MmapDirectory::open(&self.path) else {
            return;
        };
        let Ok(_lock) = mmap.acquire_lock(&INDEX_WRITER_LOCK) else {
            return;
        };
        let living: HashSet<OsString> = match self.index.load_metas() {
            Ok(metas) if keep_index => metas
                .list_segment_files()
                .into_iter()
                .map(PathBuf::into_os_string)
                .chain(["meta.json", ".managed.json", super::checked::RECORD].map(OsString::from))
                .collect(),
            // Unreadable metas: keep everything that was there before.
            Err(_) if keep_index => return,
            _ => HashSet::new(),
        };
        tidy(&self.path, &self.before, &living);
        drop(_lock);
        if self.created_folder && living.is_empty() {
            // Nothing was ever committed to the folder this run made: only lock files are left.
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }

    fn created_index(&self) -> bool {
        !self.before.contains(&OsString::from("meta.json"))
    }
}

/// The error the watched writes point to, if any failed.
fn cause_of(path: &Path, watch: &WriteWatch) -> Option<IndexError> {
    let e = watch.first_error()?;
    Some(IndexError::io(path, "writing the index", &e))
}

/// Names of the files in a folder.
fn files_in(path: &Path) -> HashSet<OsString> {
    std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default()
}

/// Deletes the files of `path` that were not there `before` and are not `living`. Lock files
/// are left to their owners.
fn tidy(path: &Path, before: &HashSet<OsString>, living: &HashSet<OsString>) {
    for name in files_in(path) {
        let lock = name.to_string_lossy().starts_with(".tantivy-");
        if lock || before.contains(&name) || living.contains(&name) {
            continue;
        }
        let _ = std::fs::remove_file(path.join(&name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(fields: &Fields, key: &str, text: &str) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(fields.key, key);
        d.add_text(fields.body, text);
        d.add_text(fields.folded, text);
        d
    }

    #[test]
    fn a_full_disk_is_named_and_leaves_the_folder_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("index");
        let text = "chuyển đổi số ".repeat(2000);
        let (mut w, f) = Writer::open(&path, 0, Arc::default()).unwrap();
        w.add(doc(&f, "/a", &text)).unwrap();
        w.commit(&IndexInfo::default()).unwrap();
        w.finish(true).unwrap();
        let before = files_in(&path);

        // The next run may write 20 KB more: the disk fills up in the middle of it.
        let (mut w, f) = Writer::open(&path, 0, Arc::new(WriteWatch::with_budget(20_000))).unwrap();
        let mut result = Ok(());
        for i in 0..200 {
            result = w.add(doc(&f, &format!("/b{i}"), &format!("{text} {i}")));
            if result.is_err() {
                break;
            }
        }
        let result = result.and_then(|_| w.commit(&IndexInfo::default()));
        let err = result.unwrap_err();
        assert!(matches!(err, IndexError::DiskFull { .. }), "{err}");
        assert!(err.to_string().contains("disk holding the index is full"));
        w.abort();
        let mut after = files_in(&path);
        after.remove(&OsString::from(".tantivy-meta.lock"));
        let mut expected = before.clone();
        expected.remove(&OsString::from(".tantivy-meta.lock"));
        assert_eq!(after, expected);
        let (index, _) = super::super::open_read(&path).unwrap();
        assert_eq!(index.reader().unwrap().searcher().num_docs(), 1);
    }

    #[test]
    fn a_failed_first_run_removes_the_folder_it_created() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("index");
        let (mut w, f) = Writer::open(&path, 0, Arc::new(WriteWatch::with_budget(5_000))).unwrap();
        let text = "kế hoạch ".repeat(5000);
        let err = w
            .add(doc(&f, "/a", &text))
            .and_then(|_| w.commit(&IndexInfo::default()))
            .unwrap_err();
        assert!(matches!(err, IndexError::DiskFull { .. }), "{err}");
        w.abort();
        assert!(!path.exists(), "{:?}", files_in(&path));
    }
}
