//! Finding documents in folders: the one walk every command uses.
//!
//! Walks each given path recursively (following symbolic links, with loop detection), yields
//! every regular file with a document extension in a stable (sorted) order, and reports what
//! could not be walked instead of stopping: a folder that cannot be opened, a symbolic link
//! loop or a broken link, a missing path. Only regular files are documents: a device, a named
//! pipe (FIFO) or a socket, or a symbolic link to one, is reported with what it is and never
//! opened (reading `/dev/zero` never ends, and opening a FIFO waits for a writer).
//!
//! ```
//! # let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
//! let found = vanban_core::walk::collect(&[corpus]);
//! assert!(found.documents.iter().any(|d| d.ends_with("quyet-dinh-quy-che-ban-chi-dao.txt")));
//! assert!(found.failures.is_empty());
//! ```

use std::path::{Path, PathBuf};

/// One thing found while walking.
#[derive(Debug)]
pub enum Found {
    /// A file to read.
    Document(PathBuf),
    /// A file skipped because its extension is not a document type.
    Skipped(PathBuf),
    /// A path that could not be walked or is not a regular file (unreadable folder, symlink
    /// loop, missing path, device, FIFO, socket), with the reason.
    Error(PathBuf, String),
}

/// What [`collect`] found, sorted by kind.
#[derive(Debug, Default)]
pub struct Collected {
    /// Files to read, in walk order.
    pub documents: Vec<PathBuf>,
    /// Files skipped because their extension is not a document type.
    pub skipped: Vec<PathBuf>,
    /// Paths that could not be walked or read, each with its reason.
    pub failures: Vec<(PathBuf, String)>,
}

/// Walks `roots` and sorts what was found into documents, skipped files and failures.
pub fn collect(roots: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for item in walk(roots) {
        match item {
            Found::Document(p) => out.documents.push(p),
            Found::Skipped(p) => out.skipped.push(p),
            Found::Error(p, reason) => out.failures.push((p, reason)),
        }
    }
    out
}

/// The reason a special file is not read.
fn not_read(kind: &str, via_link: bool) -> String {
    let link = if via_link {
        " (through a symbolic link)"
    } else {
        ""
    };
    format!("{kind}{link}, not a regular file; only regular files are read")
}

/// Walks `roots` and lists what was found, sorted by path within each root.
///
/// A root that is a regular file is listed as a document whatever its extension, so that
/// `vanban text odd.bin` reports why it cannot be read rather than skipping it.
pub fn walk(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let reason = if root.symlink_metadata().is_ok() {
                    "a symbolic link to nothing (broken link)"
                } else {
                    "no such file or folder"
                };
                out.push(Found::Error(root.clone(), reason.into()));
                continue;
            }
            Err(e) => {
                out.push(Found::Error(root.clone(), e.to_string()));
                continue;
            }
        };
        if meta.is_file() {
            out.push(Found::Document(root.clone()));
            continue;
        }
        if let Some(kind) = crate::read::special_kind(&meta.file_type()) {
            let via_link = root.symlink_metadata().is_ok_and(|m| m.is_symlink());
            out.push(Found::Error(root.clone(), not_read(kind, via_link)));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if crate::read::is_document_path(e.path()) {
                        out.push(Found::Document(e.into_path()));
                    } else {
                        out.push(Found::Skipped(e.into_path()));
                    }
                }
                Ok(e) => {
                    if let Some(kind) = crate::read::special_kind(&e.file_type()) {
                        let reason = not_read(kind, e.path_is_symlink());
                        out.push(Found::Error(e.into_path(), reason));
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let reason = if let Some(ancestor) = err.loop_ancestor() {
                        format!(
                            "a symbolic link loop back to {}; skipped",
                            ancestor.display()
                        )
                    } else if err
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                        && path.symlink_metadata().is_ok_and(|m| m.is_symlink())
                    {
                        "a symbolic link to nothing (broken link)".to_string()
                    } else {
                        err.io_error()
                            .map(|e| e.to_string())
                            .unwrap_or_else(|| err.to_string())
                    };
                    out.push(Found::Error(path, reason));
                }
            }
        }
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_reported_not_listed_as_documents() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("a.txt"), "Báo cáo\n").unwrap();
        let fifo = dir.join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
        let _sock = std::os::unix::net::UnixListener::bind(dir.join("s.md")).unwrap();
        let found = collect(&[dir.to_path_buf()]);
        assert_eq!(found.documents, vec![dir.join("a.txt")]);
        let mut reasons: Vec<String> = found
            .failures
            .iter()
            .map(|(p, r)| format!("{}: {r}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        reasons.sort();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(
            reasons[0].starts_with("pipe.txt: a named pipe (FIFO),"),
            "{reasons:?}"
        );
        assert!(reasons[1].starts_with("s.md: a socket,"), "{reasons:?}");
        assert!(
            reasons[2].starts_with(
                "zero.txt: a character device (through a symbolic link), not a regular file"
            ),
            "{reasons:?}"
        );
        // Given directly, the same.
        let direct = collect(&[fifo.clone(), PathBuf::from("/dev/null")]);
        assert!(direct.documents.is_empty());
        assert_eq!(direct.failures.len(), 2);
        assert!(direct.failures[1].1.contains("character device"));
    }

    #[test]
    fn a_missing_root_and_a_broken_link_are_told_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let link = tmp.path().join("gone.txt");
        std::os::unix::fs::symlink(tmp.path().join("nothing"), &link).unwrap();
        let found = collect(&[tmp.path().join("missing"), link]);
        assert_eq!(found.failures[0].1, "no such file or folder");
        assert!(found.failures[1].1.contains("broken link"));
    }
}
