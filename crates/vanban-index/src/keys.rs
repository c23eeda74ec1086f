//! The key of an indexed document: what tells two documents apart, run after run.
//!
//! A document's key is the absolute path at which ingest found it: the ingested folder with
//! symbolic links and `..` resolved, then the path inside that folder as it was walked. So
//! `/a/reports/x.txt` and `/b/reports/x.txt` are two documents, and ingesting `reports/` from
//! `/a` or `/a/reports` by its absolute path gives the same keys. A file given by itself is
//! keyed by its own resolved path.
//!
//! Keys are text. Path bytes that are not UTF-8 (names written under an old code page) are
//! written as `%XX`, and a `%` itself as `%25`, so every file has its own key and a key can be
//! turned back into the path it came from ([`to_path`]).
//!
//! ```
//! use std::path::Path;
//! assert_eq!(vanban_index::key_path("/srv/bao cáo/50%25.txt"), Path::new("/srv/bao cáo/50%.txt"));
//! ```

use std::path::{Path, PathBuf};

/// The version of the key rule above, recorded in every index vanban writes. Indexes written
/// before it (no version recorded) keyed documents by the ingested folder's name alone.
pub const SCHEME: u32 = 2;

/// The key text of a path (see the module documentation).
pub fn of_path(path: &Path) -> String {
    let mut out = String::new();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('%', "%25"));
            for b in chunk.invalid() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    #[cfg(not(unix))]
    out.push_str(&path.to_string_lossy().replace('%', "%25"));
    out
}

/// The path a key was made from.
pub fn to_path(key: &str) -> PathBuf {
    let bytes = key.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(out))
    }
    #[cfg(not(unix))]
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

/// The key of the folder (or file) given to ingest: its resolved absolute path.
pub fn of_root(root: &Path) -> std::io::Result<String> {
    Ok(of_path(&root.canonicalize()?))
}

/// The key of a file found under `root` (the root's key from [`of_root`]) at `file` (a path
/// that starts with `root_path`, the root as it was given).
pub fn of_file(root_key: &str, root_path: &Path, file: &Path) -> String {
    match file.strip_prefix(root_path) {
        Ok(rel) if rel.as_os_str().is_empty() => root_key.to_string(),
        Ok(rel) => {
            let mut key = root_key.trim_end_matches('/').to_string();
            for part in rel.components() {
                key.push('/');
                key.push_str(&of_path(Path::new(part.as_os_str())));
            }
            key
        }
        Err(_) => of_path(file),
    }
}

/// Whether `key` is `prefix` itself or lies inside the folder `prefix`.
pub fn is_under(key: &str, prefix: &str) -> bool {
    let folder = prefix.trim_end_matches('/');
    key == prefix || (key.starts_with(folder) && key[folder.len()..].starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(std::ffi::OsStr::from_bytes(b"/r/b\xe1o-c\xe1o.txt"));
        let b = Path::new(std::ffi::OsStr::from_bytes(b"/r/b\xe0o-c\xe0o.txt"));
        assert_eq!(of_path(a), "/r/b%E1o-c%E1o.txt");
        assert_ne!(of_path(a), of_path(b));
        assert_eq!(to_path(&of_path(a)), a);
        // A UTF-8 name that looks like an escape stays apart from the byte it spells.
        let c = Path::new("/r/b%E1o-c%E1o.txt");
        assert_ne!(of_path(c), of_path(a));
        assert_eq!(to_path(&of_path(c)), c);
    }

    #[test]
    fn file_keys_join_the_root_key_and_the_walked_path() {
        let root = Path::new("reports");
        assert_eq!(
            of_file("/a/reports", root, Path::new("reports/2024/x.txt")),
            "/a/reports/2024/x.txt"
        );
        assert_eq!(
            of_file("/a/x.txt", Path::new("x.txt"), Path::new("x.txt")),
            "/a/x.txt"
        );
        assert_eq!(of_file("/", Path::new("/"), Path::new("/x.txt")), "/x.txt");
    }

    #[test]
    fn under_is_anchored_at_a_folder_boundary() {
        assert!(is_under("/a/reports", "/a/reports"));
        assert!(is_under("/a/reports/x", "/a/reports/"));
        assert!(is_under("/x", "/"));
        assert!(!is_under("/a/reports2/x", "/a/reports"));
        assert!(!is_under("/a/report", "/a/reports"));
    }

    #[test]
    fn a_lone_percent_is_kept() {
        assert_eq!(to_path("/a/%"), Path::new("/a/%"));
        assert_eq!(to_path("/a/%4"), Path::new("/a/%4"));
        assert_eq!(to_path("/a/%zz"), Path::new("/a/%zz"));
    }

    #[test]
    fn keys_as_documented() {
        assert_eq!(
            of_path(Path::new("/srv/bao cáo/50%.txt")),
            "/srv/bao cáo/50%25.txt"
        );
        assert_eq!(
            to_path("/srv/bao cáo/50%25.txt"),
            Path::new("/srv/bao cáo/50%.txt")
        );
        assert!(is_under("/srv/reports/x.txt", "/srv/reports"));
        assert!(!is_under("/srv/reports-old/x.txt", "/srv/reports"));
    }
}
