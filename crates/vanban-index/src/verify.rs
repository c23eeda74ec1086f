//! Telling whether an index is whole (`vanban index verify`) and making a whole one again
//! (`vanban index rebuild`).
//!
//! Every file of a committed segment ends with a checksum of its content, written by tantivy.
//! [`verify`] recomputes them all, and also checks that `meta.json` (the list of segments) can
//! be read and that every file it names is there. Ingest runs the same check before it
//! writes, so damage is reported instead of built upon.
//!
//! [`rebuild`] makes a new index beside the old one and swaps it in only when it is complete:
//! from the source folders (those given, or those the index records), or, with
//! `from_stored`, from the stored text and extract of every document that can still be read.
//! The old index is left as it was if anything fails.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tantivy::directory::error::OpenReadError;
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{Index, SegmentReader, TantivyDocument};

use super::ingest::{ingest_watched, IngestOptions, Progress, Summary};
use super::reader::{load_extract, text_of};
use super::write::Writer;
use super::{guard, keys, open_read, IndexError, IndexInfo};
use vanban_core::extract::Extractor;

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

/// Where a rebuild reads its documents from.
#[derive(Debug, Clone)]
pub enum RebuildFrom {
    /// These source folders; empty: the folders the index records.
    Folders(Vec<PathBuf>),
    /// The text and extract stored in the index, for every document that can still be read.
    Stored,
}

/// What [`rebuild`] did.
#[derive(Debug, Clone, Serialize)]
pub struct RebuildSummary {
    /// The index folder.
    pub path: String,
    /// `folders` or `stored`.
    pub from: &'static str,
    /// The folders read (when rebuilt from folders).
    pub folders: Vec<String>,
    /// Documents in the new index.
    pub documents: u64,
    /// Stored documents that could not be read (when rebuilt from stored documents).
    pub lost: u64,
    /// The ingest of the folders (when rebuilt from folders).
    pub ingest: Option<Summary>,
}

/// Rebuilds the index of `opts.index` (see the module documentation). `opts` gives the reading
/// options and the writer's memory; the ingest of the folders uses them.
pub fn rebuild(
    from: &RebuildFrom,
    opts: &IngestOptions,
    extractor: &Extractor,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<RebuildSummary, IndexError> {
    let path = opts.index.as_path();
    let exists = path.join("meta.json").exists();
    // Keep ingests away while rebuilding; on a missing index there is nothing to keep.
    let lock = if exists {
        let dir =
            MmapDirectory::open(path).map_err(|e| IndexError::from_tantivy(path, e.into()))?;
        Some(dir.acquire_lock(&INDEX_WRITER_LOCK).map_err(|e| {
            IndexError::from_tantivy(path, tantivy::TantivyError::LockFailure(e, None))
        })?)
    } else {
        None
    };
    let recorded = open_read(path)
        .ok()
        .and_then(|(index, _)| IndexInfo::of(&index));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    let fresh = path.with_file_name(format!(".{name}.rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    let mut new_opts = opts.clone();
    new_opts.index = fresh.clone();
    new_opts.verify = false;
    new_opts.keep_missing = false;
    let built = match from {
        RebuildFrom::Folders(given) => {
            let folders: Vec<PathBuf> = if given.is_empty() {
                recorded
                    .as_ref()
                    .map(|i| i.roots.iter().map(|r| keys::to_path(r)).collect())
                    .unwrap_or_default()
            } else {
                given.clone()
            };
            if folders.is_empty() {
                return Err(if exists {
                    IndexError::NoSources {
                        path: path.to_path_buf(),
                    }
                } else {
                    IndexError::Missing {
                        path: path.to_path_buf(),
                    }
                });
            }
            ingest_watched(&folders, &new_opts, extractor, progress, Arc::default()).map(|s| {
                RebuildSummary {
                    path: path.display().to_string(),
                    from: "folders",
                    folders: folders.iter().map(|f| f.display().to_string()).collect(),
                    documents: s.total,
                    lost: 0,
                    ingest: Some(s),
                }
            })
        }
        RebuildFrom::Stored => {
            from_stored(path, &new_opts).map(|(documents, lost)| RebuildSummary {
                path: path.display().to_string(),
                from: "stored",
                folders: Vec::new(),
                documents,
                lost,
                ingest: None,
            })
        }
    };
    let summary = match built {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&fresh);
            return Err(e);
        }
    };
    drop(lock);
    swap_in(path, &fresh)?;
    Ok(summary)
}

/// Puts the folder `fresh` in the place of `path`, removing the old index.
fn swap_in(path: &Path, fresh: &Path) -> Result<(), IndexError> {
    let io = |what: &str, e: std::io::Error| IndexError::io(path, what, &e);
    if path.exists() {
        let old = fresh.with_extension("old");
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(path, &old).map_err(|e| io("moving the old index aside", e))?;
        if let Err(e) = std::fs::rename(fresh, path) {
            let _ = std::fs::rename(&old, path);
            let _ = std::fs::remove_dir_all(fresh);
            return Err(io("putting the rebuilt index in place", e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(fresh, path).map_err(|e| io("putting the rebuilt index in place", e))?;
    }
    Ok(())
}

/// Copies every stored document that can still be read into a new index at `opts.index`;
/// returns (documents copied, documents lost).
fn from_stored(old: &Path, opts: &IngestOptions) -> Result<(u64, u64), IndexError> {
    let (index, f) = open_read(old)?;
    let info = IndexInfo::of(&index).unwrap_or_default();
    let metas = guard::guarded(old, || {
        index
            .searchable_segment_metas()
            .map_err(|e| IndexError::from_tantivy(old, e))
    })?;
    let (mut writer, nf) = Writer::open(&opts.index, opts.memory_budget, Arc::default())?;
    let mut kept = 0u64;
    let mut lost = 0u64;
    let result = (|| {
        for meta in metas {
            let expected = meta.num_docs() as u64;
            if check_store(&index, &meta).is_err() {
                lost += expected;
                continue;
            }
            let segment = index.segment(meta);
            let docs: Vec<Option<TantivyDocument>> = match guard::catch(|| {
                let reader = SegmentReader::open(&segment).ok()?;
                let store = reader.get_store_reader(1).ok()?;
                let ids: Vec<u32> = reader.doc_ids_alive().collect();
                Some(
                    ids.into_iter()
                        .map(|id| {
                            guard::catch(|| store.get::<TantivyDocument>(id).ok())
                                .ok()
                                .flatten()
                        })
                        .collect::<Vec<_>>(),
                )
            }) {
                Ok(Some(docs)) => docs,
                _ => {
                    lost += expected;
                    continue;
                }
            };
            for doc in docs {
                let rebuilt = doc.and_then(|d| {
                    let extract = load_extract(&d, &f)?;
                    let key = text_of(&d, f.key)?;
                    let stored = super::ingest::Stored {
                        path: text_of(&d, f.path).unwrap_or_default(),
                        sha256: text_of(&d, f.sha256).unwrap_or_default(),
                        format: text_of(&d, f.format).unwrap_or_default(),
                        encoding: text_of(&d, f.encoding).unwrap_or_default(),
                        text: text_of(&d, f.body).unwrap_or_default(),
                    };
                    Some(super::ingest::build_stored(&key, &stored, &extract, &nf))
                });
                match rebuilt {
                    Some(d) => {
                        writer.add(d)?;
                        kept += 1;
                    }
                    None => lost += 1,
                }
            }
        }
        writer.commit(&info)
    })();
    match result {
        Ok(()) => {
            writer.finish(false)?;
            Ok((kept, lost))
        }
        Err(e) => {
            writer.abort();
            Err(e)
        }
    }
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
fn check_store(index: &Index, meta: &tantivy::index::SegmentMeta) -> Result<(), String> {
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
