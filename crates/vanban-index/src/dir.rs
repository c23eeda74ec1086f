//! The index folder as tantivy sees it: a wrapper around tantivy's directory that lets readers
//! work on a folder they cannot write to, and lets writers tell why a write failed.
//!
//! - **Readers** write nothing, not even the lock file tantivy takes while it opens segments
//!   (so that a concurrent ingest's clean-up cannot delete a file under it): on a read-only
//!   file system, an analyst's copy or a folder owned by someone else it cannot be created.
//!   A reader that finds a segment file gone opens the index again instead.
//! - **Writers** remember the first input/output error any file write met, so that a failed
//!   ingest can say "the disk is full" or "the file system is read-only" instead of tantivy's
//!   "an index writer was killed". Tests can also give a writer a byte budget, past which
//!   every write fails as on a full disk.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, TerminatingWrite, WatchCallback,
    WatchHandle, WritePtr,
};

/// Why a file-system operation failed, in the terms a user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No space left on the device (or the user's quota is used up).
    DiskFull,
    /// The file system is mounted read-only.
    ReadOnly,
    /// The user may not write (or read) there.
    Permission,
    /// Something else.
    Other,
}

impl Cause {
    /// The cause of an input/output error.
    pub fn of(e: &io::Error) -> Cause {
        #[cfg(unix)]
        if let Some(code) = e.raw_os_error() {
            match code {
                libc::ENOSPC | libc::EDQUOT => return Cause::DiskFull,
                libc::EROFS => return Cause::ReadOnly,
                libc::EACCES | libc::EPERM => return Cause::Permission,
                _ => {}
            }
        }
        match e.kind() {
            io::ErrorKind::StorageFull => Cause::DiskFull,
            io::ErrorKind::ReadOnlyFilesystem => Cause::ReadOnly,
            io::ErrorKind::PermissionDenied => Cause::Permission,
            _ => Cause::Other,
        }
    }
}

/// What the writes through one [`IndexDir`] met.
#[derive(Debug, Default)]
pub(crate) struct WriteWatch {
    /// The first failed write's error: its system code, kind and text.
    first_error: Mutex<Option<(Option<i32>, io::ErrorKind, String)>>,
    /// Bytes that may still be written, when a test set a budget.
    budget: Option<AtomicU64>,
}

impl WriteWatch {
    /// A watch whose writes fail as on a full disk once `bytes` have been written.
    #[cfg(test)]
    pub(crate) fn with_budget(bytes: u64) -> WriteWatch {
        WriteWatch {
            first_error: Mutex::new(None),
            budget: Some(AtomicU64::new(bytes)),
        }
    }

    /// The first failed write's error, if any (made again: an error cannot be copied).
    pub(crate) fn first_error(&self) -> Option<io::Error> {
        let first = self.first_error.lock().unwrap_or_else(|e| e.into_inner());
        first.as_ref().map(|(code, kind, text)| match code {
            Some(code) => io::Error::from_raw_os_error(*code),
            None => io::Error::new(*kind, text.clone()),
        })
    }

    fn record(&self, e: &io::Error) {
        let mut first = self.first_error.lock().unwrap_or_else(|e| e.into_inner());
        if first.is_none() {
            *first = Some((e.raw_os_error(), e.kind(), e.to_string()));
        }
    }

    /// Takes `n` bytes from the budget, failing as a full disk does when it is spent.
    fn spend(&self, n: usize) -> io::Result<()> {
        let Some(budget) = &self.budget else {
            return Ok(());
        };
        let n = n as u64;
        let ok = budget
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(n)
            })
            .is_ok();
        if ok {
            Ok(())
        } else {
            let e = io::Error::from(io::ErrorKind::StorageFull);
            self.record(&e);
            Err(e)
        }
    }

    fn check<T>(&self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r {
            self.record(e);
        }
        r
    }
}

/// A tantivy directory over an index folder (or, in tests, over memory).
#[derive(Debug, Clone)]
pub(crate) struct IndexDir {
    inner: Box<dyn Directory>,
    /// Opened for reading only: no lock is taken, nothing is written.
    read_only: bool,
    watch: Arc<WriteWatch>,
}

impl IndexDir {
    /// Wraps a directory; `read_only` for readers.
    pub(crate) fn new(inner: Box<dyn Directory>, read_only: bool, watch: Arc<WriteWatch>) -> Self {
        IndexDir {
            inner,
            read_only,
            watch,
        }
    }
}

/// A file being written, whose errors are recorded.
struct WatchedWrite {
    inner: WritePtr,
    watch: Arc<WriteWatch>,
}

impl Write for WatchedWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.watch.spend(buf.len())?;
        let r = self.inner.write(buf);
        self.watch.check(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.watch.check(r)
    }
}

impl TerminatingWrite for WatchedWrite {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let r = self.inner.terminate_ref(token);
        self.watch.check(r)
    }
}

impl Directory for IndexDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let inner = self.inner.open_write(path).inspect_err(|e| {
            if let OpenWriteError::IoError { io_error, .. } = e {
                self.watch.record(io_error);
            }
        })?;
        Ok(io::BufWriter::new(Box::new(WatchedWrite {
            inner,
            watch: self.watch.clone(),
        })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.watch.spend(data.len())?;
        let r = self.inner.atomic_write(path, data);
        self.watch.check(r)
    }

    fn sync_directory(&self) -> io::Result<()> {
        let r = self.inner.sync_directory();
        self.watch.check(r)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if self.read_only {
            // A reader takes the meta lock only to keep a writer's clean-up from deleting a
            // segment file between reading meta.json and opening the file. Taking it means
            // creating a lock file, which a read-only index does not allow; instead the reader
            // opens again when a file it was told of is gone (see `reader.rs`).
            return Ok(DirectoryLock::from(Box::new(())));
        }
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) => {
                self.watch.record(&e);
                Err(LockError::IoError(e))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::directory::RamDirectory;

    #[test]
    fn a_spent_budget_fails_like_a_full_disk_and_is_remembered() {
        let watch = Arc::new(WriteWatch::with_budget(10));
        let dir = IndexDir::new(Box::new(RamDirectory::create()), false, watch.clone());
        let mut w = dir.open_write(Path::new("a")).unwrap();
        w.write_all(&[0; 8]).unwrap();
        w.flush().unwrap();
        assert!(watch.first_error().is_none());
        w.write_all(&[0; 8]).unwrap();
        let e = w.flush().unwrap_err();
        assert_eq!(Cause::of(&e), Cause::DiskFull);
        assert_eq!(
            watch.first_error().map(|e| Cause::of(&e)),
            Some(Cause::DiskFull)
        );
    }

    #[test]
    fn causes_are_told_apart() {
        assert_eq!(
            Cause::of(&io::Error::from(io::ErrorKind::StorageFull)),
            Cause::DiskFull
        );
        assert_eq!(
            Cause::of(&io::Error::from(io::ErrorKind::PermissionDenied)),
            Cause::Permission
        );
        #[cfg(unix)]
        assert_eq!(
            Cause::of(&io::Error::from_raw_os_error(libc::EROFS)),
            Cause::ReadOnly
        );
        assert_eq!(Cause::of(&io::Error::other("x")), Cause::Other);
    }
}
