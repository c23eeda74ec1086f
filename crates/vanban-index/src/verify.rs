//! Telling whether an index is whole (`vanban index verify`); making a whole one again is
//! [`super::rebuild`]'s.
//!
//! Every file of a committed segment ends with a checksum of its content, written by tantivy.
//! [`verify`] recomputes them all, and also checks that `meta.json` (the list of segments) can
//! be read and that every file it names is there. Ingest runs the same check before it
//! writes, so damage is reported instead of built upon.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::directory::error::OpenReadError;
use tantivy::directory::Directory;
use tantivy::{Index, SegmentReader};

use super::{guard, open_read, IndexError, IndexInfo};

/// One damaged file of an index.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DamagedFile {
    /// The file, relative to the index folder.
    pub file: String,
    /// What is wrong with it.
    pub reason: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// The index folder.
    pub path: String,
    /// Documents the last commit holds.
    pub documents: u64,
    /// Segments of the last commit.
    pub segments: usize,
    /// Files checked.
    pub files: usize,
    /// Damaged files (empty when the index is whole).
    pub damaged: Vec<DamagedFile>,
    /// The key scheme of the documents (`None`: an index from before schemes were recorded).
    pub key_scheme: Option<u32>,
    /// The folders ingested into the index, as recorded.
    pub roots: Vec<String>,
}

impl VerifyReport {
    /// Whether no damage was found.
    pub fn is_whole(&self) -> bool {
        self.damaged.is_empty()
    }

    /// One line saying what is damaged.
    pub fn summary(&self) -> String {
        let list: Vec<String> = self
            .damaged
            .iter()
            .take(5)
            .map(|d| format!("{} ({})", d.file, d.reason))
            .collect();
        let more = self.damaged.len().saturating_sub(5);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!(
            "{} damaged file(s): {}{more}",
            self.damaged.len(),
            list.join(", ")
        )
    }

    fn new(path: &Path) -> VerifyReport {
        VerifyReport {
            path: path.display().to_string(),
            documents: 0,
            segments: 0,
            files: 0,
            damaged: Vec::new(),
            key_scheme: None,
            roots: Vec::new(),
        }
    }
}

/// Checks every file of the index at `path` (read-only). Damage is in the report; an error
/// means the index could not be looked at at all (missing, no permission).
pub fn verify(path: &Path) -> Result<VerifyReport, IndexError> {
    match open_read(path) {
        Ok((index, _)) => Ok(verify_index(path, &index)),
        Err(IndexError::Damaged { detail, .. }) => {
            let mut report = VerifyReport::new(path);
            report.files = 1;
            report.damaged.push(DamagedFile {
                file: "meta.json / .managed.json".into(),
                reason: detail,
            });
            Ok(report)
        }
        Err(e) => Err(e),
    }
}

/// Checks every file of an opened index (`path` names it in the report).
pub fn verify_index(path: &Path, index: &Index) -> VerifyReport {
    let mut report = VerifyReport::new(path);
    let metas = match guard::catch(|| index.load_metas()) {
        Ok(Ok(m)) => m,
        _ => {
            report.damaged.push(DamagedFile {
                file: "meta.json".into(),
                reason: "cannot be read as the list of segments".into(),
            });
            return report;
        }
    };
    if let Some(info) = IndexInfo::of_metas(&metas) {
        report.key_scheme = Some(info.keys);
        report.roots = info.roots;
    }
    report.segments = metas.segments.len();
    report.documents = metas.segments.iter().map(|s| s.num_docs() as u64).sum();
    // The list names a delete file for every segment; only segments with deletes have one.
    let deletes: Vec<String> = metas
        .segments
        .iter()
        .filter_map(|s| {
            let opstamp = s.delete_opstamp()?;
            Some(format!("{}.{opstamp}.del", s.id().uuid_string()))
        })
        .collect();
    let mut files: Vec<PathBuf> = metas
        .list_segment_files()
        .into_iter()
        .filter(|f| {
            let name = f.to_string_lossy();
            !name.ends_with(".del") || deletes.iter().any(|d| *d == name)
        })
        .collect();
    files.sort();
    for file in files {
        report.files += 1;
        let checked = guard::catch(|| index.directory().validate_checksum(&file));
        let reason = match checked {
            Ok(Ok(true)) => continue,
            Ok(Ok(false)) => "its content does not match its checksum".to_string(),
            Ok(Err(OpenReadError::FileDoesNotExist(_))) => "missing".to_string(),
            Ok(Err(OpenReadError::IoError { io_error, .. })) => {
                format!("cannot be read: {io_error}")
            }
            Ok(Err(_)) | Err(_) => "its end (where the checksum is) is damaged".to_string(),
        };
        report.damaged.push(DamagedFile {
            file: file.display().to_string(),
            reason,
        });
    }
    if report.damaged.is_empty() {
        // Whole files that still do not open (written by something else) are damage too.
        for segment in index.searchable_segments().unwrap_or_default() {
            let id = segment.id().uuid_string();
            let opened = guard::catch(|| SegmentReader::open(&segment));
            if !matches!(opened, Ok(Ok(_))) {
                report.damaged.push(DamagedFile {
                    file: format!("{id}.*"),
                    reason: "the segment cannot be opened".into(),
                });
            }
        }
    }
    report
}

/// Size of the footer tantivy ends a document store with (version, offset of the skip
/// index, compressor, reserved bytes).
const STORE_FOOTER: usize = 28;

/// Checks, before the index library opens them, the one structure of a segment that a damaged
/// byte can turn into a request for petabytes of memory: the first number of a document
/// store's skip index, which the library allocates before checking it against the bytes that
/// follow. An allocation that fails ends the process (it is not a panic that the guard could
/// catch), so a store whose number cannot be right is reported as damaged instead. Reads a few
/// bytes at the end of each store.
pub(crate) fn check_stores(index: &Index, metas: &tantivy::index::IndexMeta) -> Result<(), String> {
    metas
        .segments
        .iter()
        .try_for_each(|meta| check_store(index, meta))
}

/// [`check_stores`] for one segment.
pub(crate) fn check_store(index: &Index, meta: &tantivy::index::SegmentMeta) -> Result<(), String> {
    {
        let path = meta.relative_path(tantivy::index::SegmentComponent::Store);
        let name = path.display().to_string();
        let body = index
            .directory()
            .open_read(&path)
            .map_err(|_| format!("{name} cannot be read"))?;
        let len = body.num_bytes().get_bytes() as usize;
        let bad = |what: &str| format!("{name}: {what}");
        if len < STORE_FOOTER {
            return Err(bad("too short"));
        }
        let footer = body
            .slice_from(len - STORE_FOOTER)
            .read_bytes()
            .map_err(|_| bad("its end cannot be read"))?;
        let mut offset = [0u8; 8];
        offset.copy_from_slice(&footer.as_slice()[4..12]);
        let offset = u64::from_le_bytes(offset);
        let end = (len - STORE_FOOTER) as u64;
        if offset > end {
            return Err(bad("its skip index lies outside the file"));
        }
        let skip = body
            .read_bytes_slice(offset as usize..end as usize)
            .map_err(|_| bad("its skip index cannot be read"))?;
        let skip = skip.as_slice();
        // The number of layers, as a variable-length integer: 7 bits a byte, the last byte
        // marked by its high bit.
        let mut layers: u128 = 0;
        let mut complete = false;
        for (i, b) in skip.iter().take(10).enumerate() {
            layers |= u128::from(b & 0x7f) << (7 * i);
            if *b >= 0x80 {
                complete = true;
                break;
            }
        }
        // Each layer's end offset takes at least one byte after the count.
        if !complete || layers > skip.len() as u128 {
            return Err(bad("its skip index is damaged"));
        }
    }
    Ok(())
}
