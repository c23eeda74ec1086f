//! `vanban ingest`: walk folders, read and extract what changed (in parallel), and write it
//! to the index, incrementally and idempotently.
//!
//! - Each document is known by its key, its absolute path ([`super::keys`]): folders of the same
//!   name in different places never overwrite each other.
//! - A file whose sha256 is unchanged is skipped; a changed one replaces its old version; a file
//!   gone from an ingested folder is removed (unless `keep_missing`).
//! - A file that cannot be read is reported and left out; if an older version of it was
//!   indexed, that version is kept, so nothing already indexed is lost. The same holds for a
//!   folder that cannot be opened, and for a folder given to ingest that is missing (an
//!   unmounted share): their documents stay.
//! - Before writing, the index's files are checked against their checksums ([`super::verify`]);
//!   a damaged index is refused, so damage is never built upon.
//! - Work is done in batches, so memory stays flat whatever the number of files. Changes are
//!   committed once at the end (or every `commit_every` documents): a run killed at any moment
//!   leaves the last committed index intact and the next run completes the work. A run that
//!   fails (a full disk) removes the files it started and leaves the last commit.
//! - The index's writer lock makes a second ingest on the same index fail at once with
//!   [`IndexError::Busy`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::dir::WriteWatch;
use super::write::Writer;
use super::{keys, Fields, IndexError, IndexInfo};
use vanban_core::error::Remedy;
use vanban_core::extract::Extractor;
use vanban_core::model::{id_key, iso_year};
use vanban_core::normalize::{fold, search_key};
use vanban_core::walk::{walk, Found};
use vanban_core::LoadOptions;

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The index folder.
    pub index: PathBuf,
    /// Keep documents whose file disappeared.
    pub keep_missing: bool,
    /// Commit after this many added or updated documents (and at the end). `None` or
    /// `Some(0)`: once, at the end.
    pub commit_every: Option<usize>,
    /// The index writer's memory budget in bytes.
    pub memory_budget: usize,
    /// Check the index's files against their checksums before writing (see
    /// [`super::verify`]); on by default.
    pub verify: bool,
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
            verify: true,
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
    /// What would let it be read, when a setting of the read options or a tool would.
    #[serde(skip)]
    pub remedy: Option<Remedy>,
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
    /// Why, and what would let it be read.
    Failed(String, Option<Remedy>),
}

impl Outcome {
    fn failed(e: vanban_core::ReadError) -> Outcome {
        Outcome::Failed(e.to_string(), e.remedy())
    }
}

/// What the walk of the roots gave: the files to look at with their keys, and the keys whose
/// documents must stay because their file or folder could not be looked at.
#[derive(Default)]
struct Plan {
    /// Each file to look at and its key, without repeats.
    files: Vec<(PathBuf, String)>,
    /// The key of every root that exists.
    roots: Vec<String>,
    /// Keys (of files or folders) whose indexed documents are kept whatever the walk saw.
    protected: Vec<String>,
    failed: Vec<Failure>,
    skipped: usize,
}

fn plan(roots: &[PathBuf]) -> Plan {
    let mut plan = Plan::default();
    let mut seen = HashSet::new();
    for root in roots {
        let root_key = match keys::of_root(root) {
            Ok(k) => k,
            Err(_) => {
                // Missing or unreachable: the walk says why; nothing under it can be keyed.
                for item in walk(std::slice::from_ref(root)) {
                    if let Found::Error(p, reason) = item {
                        plan.failed.push(failure(&p, &reason));
                    }
                }
                // Documents of a folder given by the same path before stay (an unmounted
                // share must not empty the index).
                if let Some(abs) = absolute(root) {
                    plan.protected.push(keys::of_path(&abs));
                }
                continue;
            }
        };
        if !plan.roots.contains(&root_key) {
            plan.roots.push(root_key.clone());
        }
        for item in walk(std::slice::from_ref(root)) {
            match item {
                Found::Document(p) => {
                    let key = keys::of_file(&root_key, root, &p);
                    if seen.insert(key.clone()) {
                        plan.files.push((p, key));
                    }
                }
                Found::Skipped(_) => plan.skipped += 1,
                Found::Error(p, reason) => {
                    plan.protected.push(keys::of_file(&root_key, root, &p));
                    plan.failed.push(failure(&p, &reason));
                }
            }
        }
    }
    plan
}

/// A path made absolute without touching the file system beyond the current folder.
fn absolute(p: &Path) -> Option<PathBuf> {
    std::path::absolute(p).ok()
}

fn failure(p: &Path, reason: &str) -> Failure {
    Failure {
        path: p.display().to_string(),
        // Reasons from reading name their file; name it here too.
        reason: format!("{}: {reason}", p.display()),
        remedy: None,
    }
}

/// Runs an ingest of `roots` into the index of `opts`.
pub fn ingest(
    roots: &[PathBuf],
    opts: &IngestOptions,
    extractor: &Extractor,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Summary, IndexError> {
    ingest_watched(roots, opts, extractor, progress, Arc::default())
}

/// [`ingest`] with the watch that records what the index's writes meet (tests give it a byte
/// budget to play a full disk).
pub(crate) fn ingest_watched(
    roots: &[PathBuf],
    opts: &IngestOptions,
    extractor: &Extractor,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    watch: Arc<WriteWatch>,
) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let plan = plan(roots);
    if plan.files.is_empty() && !plan.failed.is_empty() {
        // Nothing given can be read (missing, unreadable): do not create or touch an index.
        let detail = plan
            .failed
            .iter()
            .map(|f| f.reason.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(IndexError::NothingToIngest { detail });
    }
    let (mut writer, f) = Writer::open(&opts.index, opts.memory_budget, watch)?;
    match write_run(&mut writer, &f, plan, opts, extractor, progress) {
        Ok(mut summary) => {
            writer.finish(opts.verify)?;
            summary.seconds = started.elapsed().as_secs_f64();
            summary.docs_per_second = if summary.seconds > 0.0 {
                summary.seen as f64 / summary.seconds
            } else {
                0.0
            };
            Ok(summary)
        }
        Err(e) => {
            writer.abort();
            Err(e)
        }
    }
}

/// What ingest checks and reads before it writes: the index's files (all of them with
/// `--verify`, the stores always), the stored keys with their hashes, and the commit record
/// with `roots` added. Refuses a damaged index, and one keyed the old way that holds documents.
fn before_writing(
    writer: &mut Writer,
    f: &Fields,
    roots: &[String],
    opts: &IngestOptions,
) -> Result<(HashMap<String, String>, IndexInfo), IndexError> {
    let path = opts.index.as_path();
    let index = writer.index().clone();
    if opts.verify {
        let report = super::verify::verify_index(path, &index);
        if !report.damaged.is_empty() {
            return Err(IndexError::Damaged {
                path: path.to_path_buf(),
                detail: format!("{}; nothing was written", report.summary()),
            });
        }
    }
    let metas = index.load_metas().map_err(|e| writer.error(e))?;
    super::verify::check_stores(&index, &metas).map_err(|detail| IndexError::Damaged {
        path: path.to_path_buf(),
        detail: format!("{detail}; nothing was written"),
    })?;
    let existing =
        super::guard::guarded(path, || stored_keys(&index, f).map_err(|e| writer.error(e)))?;
    let mut info = IndexInfo::of_metas(&metas).unwrap_or_default();
    if info.keys != keys::SCHEME {
        if !existing.is_empty() {
            return Err(IndexError::OldKeys {
                path: path.to_path_buf(),
            });
        }
        info.keys = keys::SCHEME;
    }
    for r in roots {
        if !info.roots.contains(r) {
            info.roots.push(r.clone());
        }
    }
    Ok((existing, info))
}

/// Deletes the indexed documents under the walked `roots` that the walk no longer found (and
/// that no `protected` key covers); gives how many.
fn remove_missing(
    writer: &mut Writer,
    f: &Fields,
    existing: &HashMap<String, String>,
    (roots, protected): (&[String], &[String]),
    seen_keys: &HashSet<&str>,
) -> usize {
    let mut gone: Vec<&String> = existing
        .keys()
        .filter(|key| {
            roots.iter().any(|r| keys::is_under(key, r))
                && !seen_keys.contains(String::as_str(key))
                && !protected.iter().any(|p| keys::is_under(key, p))
        })
        .collect();
    gone.sort();
    for key in &gone {
        writer.delete_key(f, key);
    }
    gone.len()
}

fn write_run(
    writer: &mut Writer,
    f: &Fields,
    plan: Plan,
    opts: &IngestOptions,
    extractor: &Extractor,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Summary, IndexError> {
    let path = opts.index.as_path();
    let index = writer.index().clone();
    let (existing, info) = before_writing(writer, f, &plan.roots, opts)?;

    let mut summary = Summary {
        failed: plan.failed,
        skipped: plan.skipped,
        seen: plan.files.len(),
        ..Summary::default()
    };
    progress(Progress::Start(plan.files.len()));
    let commit_every = opts.commit_every.filter(|n| *n > 0);
    let mut seen_keys: HashSet<&str> = HashSet::new();
    let mut since_commit = 0usize;
    let clocks = Clocks::default();
    let shared = OnceLock::new();
    let mut write_time = Duration::ZERO;
    for batch in plan.files.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(path, key)| {
                let out = super::guard::catch(|| {
                    let ex = Extractors {
                        here: extractor,
                        shared: &shared,
                    };
                    one_file(path, key, existing.get(key), opts, &ex, f, &clocks)
                })
                .unwrap_or_else(|_| {
                    Outcome::Failed(
                        format!(
                            "{}: internal error while reading; please report this file",
                            path.display()
                        ),
                        None,
                    )
                });
                progress(Progress::File(path));
                out
            })
            .collect();
        let writing = Instant::now();
        for ((path, key), outcome) in batch.iter().zip(outcomes) {
            seen_keys.insert(key);
            match outcome {
                Outcome::Unchanged => summary.unchanged += 1,
                Outcome::Failed(reason, remedy) => summary.failed.push(Failure {
                    path: path.display().to_string(),
                    reason,
                    remedy,
                }),
                Outcome::Doc(doc) => {
                    if existing.contains_key(key) {
                        writer.delete_key(f, key);
                        summary.updated += 1;
                    } else {
                        summary.added += 1;
                    }
                    writer.add(*doc)?;
                    since_commit += 1;
                    if commit_every.is_some_and(|n| since_commit >= n) {
                        writer.commit(&info)?;
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
        summary.removed += remove_missing(
            writer,
            f,
            &existing,
            (&plan.roots, &plan.protected),
            &seen_keys,
        );
    }
    let writing = Instant::now();
    writer.commit(&info)?;
    summary.commits += 1;
    write_time += writing.elapsed();
    let secs = |c: &AtomicU64| c.load(Ordering::Relaxed) as f64 / 1e9;
    summary.stages = StageTimes {
        bytes: clocks.bytes.load(Ordering::Relaxed),
        read_seconds: secs(&clocks.read),
        extract_seconds: secs(&clocks.extract),
        build_seconds: secs(&clocks.build),
        write_seconds: write_time.as_secs_f64(),
    };
    summary.total = super::guard::guarded(path, || {
        let reader = index.reader().map_err(|e| writer.error(e))?;
        Ok(reader.searcher().num_docs())
    })?;
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

/// The extractor of a run, and one that a large document's own thread can own (the built-in
/// one itself, or a copy of other rules made the first time one is met).
struct Extractors<'a> {
    here: &'a Extractor,
    shared: &'a OnceLock<Arc<Extractor>>,
}

impl Extractors<'_> {
    fn shared(&self) -> &Arc<Extractor> {
        self.shared.get_or_init(|| {
            // The built-in extractor is shared as it is; other rules are compiled again.
            if std::ptr::eq(self.here, Extractor::built_in()) {
                Extractor::built_in_shared()
            } else {
                Arc::new(Extractor::new(self.here.rules().clone()))
            }
        })
    }
}

fn one_file(
    path: &Path,
    key: &str,
    old_sha: Option<&String>,
    opts: &IngestOptions,
    extractor: &Extractors<'_>,
    f: &Fields,
    clocks: &Clocks,
) -> Outcome {
    let reading = Instant::now();
    // Hash first: an unchanged file costs one read and no extraction.
    let bytes = match vanban_core::read::file_bytes(path, &opts.load.read) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::failed(e),
    };
    if old_sha.is_some_and(|old| *old == vanban_core::sha256_hex(&bytes)) {
        return Outcome::Unchanged;
    }
    clocks
        .bytes
        .fetch_add(bytes.len() as u64, Ordering::Relaxed);
    let fetched = reading.elapsed();
    // The one entry point decides whether the document is worked on a thread of its own
    // under the time budget (a long document cannot hang the run) or here.
    let (doc, ex) =
        match vanban_core::load_and_extract_timed(path, bytes, &opts.load, extractor.here, || {
            extractor.shared().clone()
        }) {
            Ok((doc, ex, read)) => {
                let read = fetched + read;
                let total = reading.elapsed();
                clocks
                    .read
                    .fetch_add(read.as_nanos() as u64, Ordering::Relaxed);
                clocks.extract.fetch_add(
                    total.saturating_sub(read).as_nanos() as u64,
                    Ordering::Relaxed,
                );
                (doc, ex)
            }
            Err(e) => return Outcome::failed(e),
        };
    let building = Instant::now();
    let d = build_doc(key, &doc, &ex, f);
    Clocks::add(&clocks.build, building);
    Outcome::Doc(Box::new(d))
}

/// What the index stores of a document besides its extract.
pub(crate) struct Stored {
    pub(crate) path: String,
    pub(crate) sha256: String,
    pub(crate) format: String,
    pub(crate) encoding: String,
    pub(crate) text: String,
}

/// The index document of an extracted document.
pub fn build_doc(
    key: &str,
    doc: &vanban_core::Document,
    ex: &vanban_core::model::Extract,
    f: &Fields,
) -> TantivyDocument {
    build_stored(key, &Stored::of(doc), ex, f)
}

impl Stored {
    /// What is stored of a document just read.
    pub(crate) fn of(doc: &vanban_core::Document) -> Stored {
        Stored {
            path: doc.raw.path.display().to_string(),
            sha256: doc.sha256.clone(),
            format: doc.raw.format.name().to_string(),
            encoding: doc.raw.encoding.name().to_string(),
            text: doc.text.clone(),
        }
    }
}

/// The ids a document cites, as keys ([`id_key`]), sorted, each once: the `cites` field of
/// the index and of an export.
pub(crate) fn cited_keys(ex: &vanban_core::model::Extract) -> Vec<String> {
    let mut cited: Vec<String> = ex.references.iter().map(|r| id_key(&r.id)).collect();
    cited.sort();
    cited.dedup();
    cited
}

/// The index document of what is stored of a document (from a file just read, or from an
/// index being rebuilt).
pub(crate) fn build_stored(
    key: &str,
    doc: &Stored,
    ex: &vanban_core::model::Extract,
    f: &Fields,
) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, key);
    d.add_text(f.path, &doc.path);
    d.add_text(f.sha256, &doc.sha256);
    d.add_text(f.format, &doc.format);
    d.add_text(f.encoding, &doc.encoding);
    if let Some(n) = &ex.meta.number {
        d.add_text(f.number, n);
        d.add_text(f.number_key, id_key(n));
    }
    d.add_text(f.kind, ex.meta.kind.as_str());
    if let Some(t) = &ex.meta.title {
        d.add_text(f.title, t);
    }
    if let Some(dt) = &ex.meta.date {
        d.add_text(f.date, dt);
    }
    let mut years: HashSet<u64> = HashSet::new();
    let year_of = |s: &str| iso_year(s).and_then(|y| u64::try_from(y).ok());
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
    let card = super::cites::CiteCard::new(key, &doc.path, &doc.text, ex);
    d.add_bytes(
        f.cite_card,
        &serde_json::to_vec(&card).expect("a cite card always serialises"),
    );
    d.add_text(f.body, &doc.text);
    for c in cited_keys(ex) {
        d.add_text(f.cites, c);
    }
    d.add_text(f.extract, serde_json::to_string(ex).unwrap_or_default());
    d
}
