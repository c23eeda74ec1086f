//! Finding documents in folders.
//!
//! Walks each given path recursively (following symbolic links, with loop detection), yields
//! every file with a document extension in a stable (sorted) order, and reports what could not
//! be walked instead of stopping.

use std::path::{Path, PathBuf};

/// One thing found while walking.
#[derive(Debug)]
pub enum Found {
    /// A file to read.
    Document(PathBuf),
    /// A file skipped because its extension is not a document type.
    Skipped(PathBuf),
    /// A path that could not be walked (unreadable folder, symlink loop, missing path).
    Error(PathBuf, String),
}

/// Walks `roots` and lists what was found, sorted by path within each root.
///
/// A root that is a file is listed as a document whatever its extension, so that
/// `vanban text odd.bin` reports why it cannot be read rather than skipping it.
pub fn walk(roots: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for root in roots {
        if root.is_file() {
            out.push(Found::Document(root.clone()));
            continue;
        }
        if !root.exists() {
            out.push(Found::Error(root.clone(), "no such file or folder".into()));
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
                Ok(_) => {}
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
