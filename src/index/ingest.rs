//! `vanban ingest`: walk folders, read and extract what changed (in parallel), and write it
//! to the index, incrementally and idempotently.
//!
//! - A file whose sha256 is unchanged is skipped; a changed one replaces its old version; a file
//!   gone from an ingested folder is removed (unless `keep_missing`).
//! - A file that cannot be read is reported and left out; if an older version of it was
//!   indexed, that version is kept, so nothing already indexed is lost.
//! - Work is done in batches, so memory stays flat whatever the number of files. Changes are
//!   committed once at the end (or every `commit_every` documents): a run killed at any moment
//!   leaves the last committed index intact and the next run completes the work.
//! - The index's writer lock makes a second ingest on the same index fail at once with
//!   [`IndexError::Busy`].

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::{open, Fields, IndexError};
use crate::extract::Extractor;
use crate::normalize::{fold, search_key};
use crate::walk::{walk, Found};
use crate::LoadOptions;

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The index folder.
    pub index: PathBuf,
    /// Keep documents whose file disappeared.
    pub keep_missing: bool,
    /// Commit after this many added or updated documents (and at the end).
    pub commit_every: Option<usize>,
    /// The index writer's memory budget in bytes.
    pub memory_budget: usize,
    /// Reading options.
    pub load: LoadOptions,
}

impl IngestOptions {
    /// Defaults for an index folder.
    pub fn new(index: PathBuf) -> IngestOptions {
        IngestOptions {
            index,
            keep_missing: false,
            commit_every: None,
            memory_budget: 200 * 1024 * 1024,
            load: LoadOptions::default(),
        }
    }
}

/// A file that could not be ingested.
#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// The file.
    pub path: String,
    /// Why, in plain words.
    pub reason: String,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Document files found.
    pub seen: usize,
    /// New documents indexed.
    pub added: usize,
    /// Changed documents re-indexed.
    pub updated: usize,
    /// Documents skipped because their sha256 is unchanged.
    pub unchanged: usize,
    /// Documents removed because their file is gone.
    pub removed: usize,
    /// Files that could not be read, each with its reason.
    pub failed: Vec<Failure>,
    /// Files skipped because they are not a document type.
    pub skipped: usize,
    /// Documents in the index after the run.
    pub total: u64,
    /// Commits made.
    pub commits: usize,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Files processed per second.
    pub docs_per_second: f64,
    /// Where the time went, stage by stage.
    pub stages: StageTimes,
}

/// Time spent per stage of an ingest. Read and extract run on every core, so their seconds are
/// summed over threads (CPU seconds); divide `bytes` by them for a one-core throughput.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StageTimes {
    /// Bytes of the files read (changed and new files only).
    pub bytes: u64,
    /// Reading, decoding and normalising, summed over threads.
    pub read_seconds: f64,
    /// Extracting facts and checking them, summed over threads.
    pub extract_seconds: f64,
    /// Building index documents (search keys, folded text), summed over threads.
    pub build_seconds: f64,
    /// Handing documents to the index writer and committing, wall time.
    pub write_seconds: f64,
}

/// Nanosecond counters behind [`StageTimes`], shared by the worker threads.
#[derive(Default)]
struct Clocks {
    bytes: AtomicU64,
    read: AtomicU64,
    extract: AtomicU64,
    build: AtomicU64,
}

impl Clocks {
    fn add(counter: &AtomicU64, since: Instant) {
        counter.fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// Progress reports, for a bar or log lines.
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    /// The walk is done: this many document files will be looked at.
    Start(usize),
    /// One file was processed.
    File(&'a Path),
    /// Changes were committed.
    Commit(usize),
}

/// How many files are read and extracted in parallel before their documents are written.
const BATCH: usize = 256;

enum Outcome {
    Unchanged,
    Doc(Box<TantivyDocument>),
    Failed(String),
}

/// The stable key of a file under a root: the root folder's name, then the relative path, `/`
/// separated.
pub fn key_of(root: &Path, file: &Path) -> String {
    let name = root
        .canonicalize()
        .ok()
        .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string());
    if root.is_file() {
        return name;
    }
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{name}/{}", rel.join("/"))
}

/// Runs an ingest of `roots` into the index of `opts`.
pub fn ingest(
    roots: &[PathBuf],
    opts: &IngestOptions,
    extractor: &Extractor,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let ipath = opts.index.clone();
    let tv = |source: tantivy::TantivyError| IndexError::Tantivy {
        path: ipath.clone(),
        source,
    };
    let (index, f) = open(&opts.index, true)?;
    let mut writer: IndexWriter<TantivyDocument> =
        match index.writer(opts.memory_budget.max(15_000_000)) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(_, _)) => {
                return Err(IndexError::Busy {
                    path: opts.index.clone(),
                })
            }
            Err(e) => return Err(tv(e)),
        };
    let existing = stored_keys(&index, &f).map_err(tv)?;

    let mut summary = Summary::default();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut prefixes: Vec<String> = Vec::new();
    for root in roots {
        // `corpus/` for a folder (every key under it), the file's own key for a file.
        prefixes.push(key_of(root, root));
        for item in walk(std::slice::from_ref(root)) {
            match item {
                Found::Document(p) => {
                    let key = key_of(root, &p);
                    files.push((p, key));
                }
                Found::Skipped(_) => summary.skipped += 1,
                // Reasons from reading name their file; name it here too.
                Found::Error(p, reason) => summary.failed.push(Failure {
                    path: p.display().to_string(),
                    reason: format!("{}: {reason}", p.display()),
                }),
            }
        }
    }
    summary.seen = files.len();
    progress(Progress::Start(files.len()));

    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut since_commit = 0usize;
    let clocks = Clocks::default();
    let mut write_time = Duration::ZERO;
    for batch in files.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(path, key)| {
                let out = catch_unwind(AssertUnwindSafe(|| {
                    one_file(path, key, existing.get(key), opts, extractor, &f, &clocks)
                }))
                .unwrap_or_else(|_| {
                    Outcome::Failed(format!(
                        "{}: internal error while reading; please report this file",
                        path.display()
                    ))
                });
                progress(Progress::File(path));
                out
            })
            .collect();
        let writing = Instant::now();
        for ((path, key), outcome) in batch.iter().zip(outcomes) {
            seen_keys.insert(key.clone());
            match outcome {
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Failed(reason) => summary.failed.push(Failure {
                    path: path.display().to_string(),
                    reason,
                }),
                Outcome::Doc(doc) => {
                    if existing.contains_key(key) {
                        writer.delete_term(Term::from_field_text(f.key, key));
                        summary.updated += 1;
                    } else {
                        summary.added += 1;
                    }
                    writer.add_document(*doc).map_err(tv)?;
                    since_commit += 1;
                    if opts.commit_every.is_some_and(|n| since_commit >= n) {
                        writer.commit().map_err(tv)?;
                        summary.commits += 1;
                        progress(Progress::Commit(summary.added + summary.updated));
                        since_commit = 0;
                    }
                }
            }
        }
        write_time += writing.elapsed();
    }
    if !opts.keep_missing {
        for key in existing.keys() {
            let under_root = prefixes.iter().any(|p| {
                if p.ends_with('/') {
                    key.starts_with(p.as_str())
                } else {
                    key == p
                }
            });
            if under_root && !seen_keys.contains(key) {
                writer.delete_term(Term::from_field_text(f.key, key));
                summary.removed += 1;
            }
        }
    }
    let writing = Instant::now();
    writer.commit().map_err(tv)?;
    summary.commits += 1;
    writer.wait_merging_threads().map_err(tv)?;
    write_time += writing.elapsed();
    let secs = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64 / 1e9;
    summary.stages = StageTimes {
        bytes: clocks.bytes.load(Ordering::Relaxed),
        read_seconds: secs(&clocks.read),
        extract_seconds: secs(&clocks.extract),
        build_seconds: secs(&clocks.build),
        write_seconds: write_time.as_secs_f64(),
    };
    let reader = index.reader().map_err(|e| IndexError::Tantivy {
        path: opts.index.clone(),
        source: e,
    })?;
    summary.total = reader.searcher().num_docs();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.docs_per_second = if summary.seconds > 0.0 {
        summary.seen as f64 / summary.seconds
    } else {
        0.0
    };
    Ok(summary)
}

/// Every (key, sha256) already in the index.
fn stored_keys(index: &tantivy::Index, f: &Fields) -> tantivy::Result<HashMap<String, String>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = HashMap::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let key = doc
            .get_first(f.key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        let sha = doc
            .get_first(f.sha256)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string();
        out.insert(key, sha);
    }
    Ok(out)
}

fn one_file(
    path: &Path,
    key: &str,
    old_sha: Option<&String>,
    opts: &IngestOptions,
    extractor: &Extractor,
    f: &Fields,
    clocks: &Clocks,
) -> Outcome {
    let reading = Instant::now();
    // Hash first: an unchanged file costs one read and no extraction.
    let too_big = std::fs::metadata(path).is_ok_and(|m| m.len() > opts.load.read.max_file_size);
    let loaded = if too_big {
        crate::load(path, &opts.load)
    } else {
        match std::fs::read(path) {
            Ok(bytes) => {
                if old_sha.is_some_and(|old| *old == crate::sha256_hex(&bytes)) {
                    return Outcome::Unchanged;
                }
                clocks
                    .bytes
                    .fetch_add(bytes.len() as u64, Ordering::Relaxed);
                crate::load_bytes(path, &bytes, &opts.load)
            }
            Err(source) => Err(crate::ReadError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    };
    let doc = match loaded {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    Clocks::add(&clocks.read, reading);
    let extracting = Instant::now();
    let ex = crate::analyze(&doc, extractor);
    Clocks::add(&clocks.extract, extracting);
    let building = Instant::now();
    let d = build_doc(key, &doc, &ex, f);
    Clocks::add(&clocks.build, building);
    Outcome::Doc(Box::new(d))
}

/// The index document of an extracted document.
pub fn build_doc(
    key: &str,
    doc: &crate::Document,
    ex: &crate::model::Extract,
    f: &Fields,
) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, key);
    d.add_text(f.path, doc.path.display().to_string());
    d.add_text(f.sha256, &doc.sha256);
    d.add_text(f.format, doc.format.name());
    d.add_text(f.encoding, doc.encoding.name());
    if let Some(n) = &ex.meta.number {
        d.add_text(f.number, n);
        d.add_text(f.number_key, n.to_lowercase());
    }
    d.add_text(f.kind, ex.meta.kind.as_str());
    if let Some(t) = &ex.meta.title {
        d.add_text(f.title, t);
    }
    if let Some(dt) = &ex.meta.date {
        d.add_text(f.date, dt);
    }
    let mut years: HashSet<u64> = HashSet::new();
    let year_of = |s: &str| s.get(..4).and_then(|y| y.parse::<u64>().ok());
    if let Some(y) = ex.meta.date.as_deref().and_then(year_of) {
        years.insert(y);
    }
    for dm in &ex.dates {
        if let Some(y) = year_of(&dm.value) {
            years.insert(y);
        }
    }
    for p in &ex.periods {
        let (Some(from), Some(to)) = (p.from_year(), p.to_year()) else {
            continue;
        };
        let from = from.clamp(1900, 2100);
        let to = to.clamp(from, from + 60);
        for y in from..=to {
            years.insert(y as u64);
        }
    }
    for y in years {
        d.add_u64(f.year, y);
    }
    if let Some(p) = &ex.meta.place {
        d.add_text(f.place, fold(p));
    }
    if let Some(i) = &ex.meta.issuer {
        d.add_text(f.issuer, fold(i));
    }
    d.add_text(f.text, search_key(&doc.text));
    d.add_text(f.folded, fold(&doc.text));
    let card = super::query::CiteCard::new(key, &doc.path.display().to_string(), &doc.text, ex);
    d.add_bytes(
        f.cite_card,
        &serde_json::to_vec(&card).expect("a cite card always serialises"),
    );
    d.add_text(f.body, &doc.text);
    let mut cited: Vec<String> = ex.references.iter().map(|r| r.id.to_lowercase()).collect();
    cited.sort();
    cited.dedup();
    for c in cited {
        d.add_text(f.cites, c);
    }
    d.add_text(f.extract, serde_json::to_string(ex).unwrap_or_default());
    d
}
