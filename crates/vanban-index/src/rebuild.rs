//! Making a whole index again (`vanban index rebuild`): a new index beside the old one,
//! swapped in only when it is complete, from the source folders (those given, or those the
//! index records), or, with `from_stored`, from the stored text and extract of every
//! document that can still be read. The old index is left as it was if anything fails.
//! Whether an index is whole is [`super::verify`]'s to tell.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{SegmentReader, TantivyDocument};

use super::ingest::{ingest_watched, IngestOptions, Progress, Summary};
use super::reader::{load_extract, text_of};
use super::write::Writer;
use super::{guard, keys, open_read, IndexError, IndexInfo};
use vanban_core::extract::Extractor;

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
            if super::verify::check_store(&index, &meta).is_err() {
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
