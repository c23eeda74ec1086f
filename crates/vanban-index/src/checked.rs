//! Which segment files are known to match their checksums, so that a reader checks each file
//! once instead of trusting damaged bytes.
//!
//! The index library trusts what it reads: a damaged length inside a stored document or a
//! skip index makes it ask for terabytes of memory, and a failed allocation ends the process
//! (it is not a panic that [`super::guard`] could turn into an error). So before a reader lets
//! the library read a segment file, the file must be known to match the checksum tantivy keeps
//! at its end. Reading every file on every query would cost as much as the index is large, so
//! what was checked is remembered by each file's size and modification time:
//!
//! - ingest (and rebuild) record, in `.vanban-checked.json` in the index folder, every file
//!   of the commit it leaves: the files it found were checked before it wrote, the new ones it
//!   wrote itself;
//! - a reader that meets a file whose size or time differs from the record (it was written
//!   since, or copied without keeping times) checks it whole, and remembers that in the
//!   user's cache folder (`$XDG_CACHE_HOME/vanban/checked/`), never in the index folder.
//!
//! Damage written into a file changes its time, so it is checked again. Damage that keeps the
//! time (a failing disk) is what `vanban index verify`, which reads everything, is for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::Directory;
use tantivy::index::IndexMeta;
use tantivy::Index;

use super::guard;

/// The record's file name in the index folder.
pub(crate) const RECORD: &str = ".vanban-checked.json";

/// Size and modification time (nanoseconds since the epoch) of each checked file, by name.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    files: BTreeMap<String, (u64, i128)>,
}

impl Record {
    fn read(path: &Path) -> Record {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the record beside `path` and renames it into place, so a reader never sees half.
    fn write(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, serde_json::to_vec(self).unwrap_or_default())?;
        std::fs::rename(&tmp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    fn matches(&self, name: &str, stamp: Option<(u64, i128)>) -> bool {
        stamp.is_some() && self.files.get(name).copied() == stamp
    }
}

/// The size and modification time of a file.
fn stamp(path: &Path) -> Option<(u64, i128)> {
    let meta = std::fs::metadata(path).ok()?;
    let time = meta.modified().ok()?;
    let nanos = match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    Some((meta.len(), nanos))
}

/// The segment files of a commit that exist, sorted.
fn segment_files(index: &Index, metas: &IndexMeta) -> Vec<String> {
    let mut files: Vec<String> = metas
        .list_segment_files()
        .into_iter()
        .map(|f| f.to_string_lossy().into_owned())
        .filter(|f| index.directory().exists(Path::new(f)).unwrap_or(false))
        .collect();
    files.sort();
    files
}

/// The user's record of files checked in the index at `folder`.
fn user_record_path(folder: &Path) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    let folder = folder.canonicalize().ok()?;
    let name = vanban_core::sha256_hex(super::keys::of_path(&folder).as_bytes());
    Some(
        base.join("vanban")
            .join("checked")
            .join(format!("{name}.json")),
    )
}

/// Makes sure every segment file of the index's last commit matches its checksum before it is
/// read; `folder` is the index folder (for an index in memory, a path that does not exist:
/// every file is then checked). The error names the first damaged file.
pub(crate) fn before_reading(
    folder: &Path,
    index: &Index,
    metas: &IndexMeta,
) -> Result<(), String> {
    let files = segment_files(index, metas);
    let in_folder = Record::read(&folder.join(RECORD));
    let user_path = user_record_path(folder);
    let mut user = user_path.as_deref().map(Record::read).unwrap_or_default();
    let mut learned = false;
    for name in &files {
        let now = stamp(&folder.join(name));
        if in_folder.matches(name, now) || user.matches(name, now) {
            continue;
        }
        let checked = guard::catch(|| index.directory().validate_checksum(Path::new(name)));
        if !matches!(checked, Ok(Ok(true))) {
            return Err(format!("{name} does not match its checksum"));
        }
        if let Some(now) = now {
            user.files.insert(name.clone(), now);
            learned = true;
        }
    }
    if learned {
        if let Some(path) = user_path {
            // Forget files no longer in the index, then remember; a cache that cannot be
            // written only means checking again next time.
            user.files.retain(|name, _| files.contains(name));
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = user.write(&path);
        }
    }
    Ok(())
}

/// Records every segment file of the index's last commit as checked (by a writer, after a
/// commit whose old files were checked and whose new files it wrote). With `only_new`, a file
/// is recorded only if it was not in the folder at `before` or was already recorded with the
/// same size and time (ingest without its check).
pub(crate) fn record(folder: &Path, index: &Index, only_new: Option<&[String]>) {
    let Ok(metas) = index.load_metas() else {
        return;
    };
    let files = segment_files(index, &metas);
    let old = Record::read(&folder.join(RECORD));
    let mut rec = Record::default();
    for name in files {
        let Some(now) = stamp(&folder.join(&name)) else {
            continue;
        };
        let trusted = match only_new {
            None => true,
            Some(before) => !before.contains(&name) || old.matches(&name, Some(now)),
        };
        if trusted {
            rec.files.insert(name, now);
        }
    }
    let _ = rec.write(&folder.join(RECORD));
}
