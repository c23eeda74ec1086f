//! # vanban-core
//!
//! The part of vanban that turns Vietnamese government reports, plans and decisions (Báo cáo,
//! Kế hoạch, Quyết định…) into text and checked facts, without an index or a server: the
//! `vanban-index` crate builds the search index on it and `vanban-serve` the web app.
//!
//! The pipeline reads top to bottom as the data flows:
//!
//! 1. [`read`]: bytes on disk to decoded text (UTF-8/16, Windows-1258, TCVN3, VNI; PDF; DOCX);
//! 2. [`normalize`]: NFC, hard-wrap repair, footnote marks, search keys;
//! 3. [`extract`]: references, dates, periods, fractions, percentages, money, results,
//!    targets and meta, by [`rules`] kept as data, into the [`model`] types of the extract
//!    contract;
//! 4. [`check`]: what an auditor finds in those facts (recomputed percentages, sums, counts,
//!    evaluations, targets missed);
//! 5. (in `vanban-index`) search, who cites what, indicators across documents.
//!
//! [`load`] runs the first two stages for one file and gives a [`Document`]; [`analyze`] runs
//! the next two and gives the [`model::Extract`] that `vanban extract` prints.
//!
//! ```
//! # let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/quyet-dinh-quy-che-ban-chi-dao.txt");
//! let doc = vanban_core::load(&path, &Default::default())?;
//! for (n, line) in doc.text.lines().enumerate() {
//!     println!("{:>4}  {line}", n + 1);
//! }
//! let facts = vanban_core::analyze(&doc, vanban_core::extract::Extractor::built_in());
//! assert_eq!(facts.meta.number.as_deref(), Some("1520/QĐ-UBND"));
//! # Ok::<(), vanban_core::ReadError>(())
//! ```

#![deny(missing_docs)]

pub mod check;
pub mod extract;
pub mod messages;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod rules;
pub mod walk;

/// The errors of reading a file ([`read::error`], re-exported where they were first named).
pub use read::error;

use std::path::Path;

pub use error::ReadError;
pub use normalize::NormalizeOptions;
pub use read::{Encoding, Format, OcrMode, ReadOptions, Signature};

/// Extracts the facts of a document and checks them: stages 3 and 4.
pub fn analyze(doc: &Document, ex: &extract::Extractor) -> model::Extract {
    check_facts(ex.extract(doc), ex)
}

/// Extracts the facts of a normalised text and checks them (no source file).
pub fn analyze_text(text: &str, ex: &extract::Extractor) -> model::Extract {
    check_facts(ex.extract_text(text), ex)
}

fn check_facts(mut e: model::Extract, ex: &extract::Extractor) -> model::Extract {
    e.findings = check::findings(&e, ex.rules());
    e
}

/// Options for [`load`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Limits for reading.
    pub read: ReadOptions,
    /// How to normalise.
    pub normalize: NormalizeOptions,
}

/// A document read and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// What the reader gave: the file, its format and encoding, pages, signatures, OCR pages,
    /// and the decoded text before normalisation (`vanban text --raw`).
    pub raw: read::RawText,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The normalised text; every `line` number refers to this text.
    pub text: String,
}

/// Reads, decodes and normalises one file, within the time budget of `opts.read` (which
/// applies to the PDF and DOCX parsers; see [`load_bytes`]).
pub fn load(path: &Path, opts: &LoadOptions) -> Result<Document, ReadError> {
    match opts.read.time_budget {
        None => load_now(path, opts),
        Some(_) => {
            let bytes = read::file_bytes(path, &opts.read)?;
            load_bytes(path, &bytes, opts)
        }
    }
}

fn load_now(path: &Path, opts: &LoadOptions) -> Result<Document, ReadError> {
    let (raw, bytes) = read::read_file(path, &opts.read)?;
    Ok(document(raw, &bytes, opts))
}

/// Normalises what was read into a [`Document`].
fn document(raw: read::RawText, bytes: &[u8], opts: &LoadOptions) -> Document {
    let text = normalize::normalize(&raw.text, opts.normalize);
    Document {
        sha256: sha256_hex(bytes),
        text,
        raw,
    }
}

/// Runs `work` on its own thread (with a large stack, so deep recursion in a parser cannot
/// overflow the caller's) and gives up after `budget`: a document that hangs a parser is
/// reported as [`ReadError::TimedOut`] and the run goes on. A panic becomes
/// [`ReadError::Panic`].
///
/// The readers must not use rayon's global pool: ingest calls this from rayon workers, which
/// wait here, so work queued to the pool from the reader thread would never run. (This is why
/// lopdf is built without its `rayon` feature.)
fn with_budget<T: Send + 'static>(
    path: &Path,
    budget: std::time::Duration,
    work: impl FnOnce() -> Result<T, ReadError> + Send + 'static,
) -> Result<T, ReadError> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("vanban-read".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(catch_unwind(AssertUnwindSafe(work)));
        });
    if spawned.is_err() {
        return Err(ReadError::Panic {
            path: path.to_path_buf(),
            stage: "reading",
            message: "could not start a reader thread".into(),
        });
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(result)) => result,
        Ok(Err(_)) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(ReadError::Panic {
                path: path.to_path_buf(),
                stage: "reading",
                message: "internal error".into(),
            })
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(ReadError::TimedOut {
            path: path.to_path_buf(),
            seconds: budget.as_secs(),
        }),
    }
}

/// Decodes and normalises a file's bytes already in memory (`path` names it in errors and
/// gives its extension). PDF and DOCX are parsed on a reader thread within the time budget
/// of `opts.read`; text of every encoding is decoded in linear passes on the caller's thread.
pub fn load_bytes(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Result<Document, ReadError> {
    match opts.read.time_budget {
        // Text is decoded here, on the caller's thread: handing every document to a reader
        // thread and back cost about 0.3 ms each, a sixth of the whole work on a 25 KB report.
        None => load_bytes_now(path, bytes, opts),
        Some(_) if !read::needs_parser(bytes) => load_bytes_now(path, bytes, opts),
        Some(budget) => {
            let (p, b, o) = (path.to_path_buf(), bytes.to_vec(), opts.clone());
            with_budget(path, budget, move || load_bytes_now(&p, &b, &o))
        }
    }
}

/// Documents larger than this many bytes are read and extracted on a thread of their own,
/// under the time budget as a whole (see [`load_and_extract_bytes`]); smaller ones are worked
/// on the caller's thread, where a hand-over would cost more than the work.
pub const BUDGETED_SIZE: usize = 256 * 1024;

/// Decodes, normalises and extracts a file's bytes. A document over [`BUDGETED_SIZE`] is
/// worked on its own thread within the time budget of `opts.read` as a whole (reading,
/// normalising and extracting, text documents included), so that no document can hang a
/// run: past the budget it is reported as [`ReadError::TimedOut`] and the run goes on. The
/// abandoned thread cannot be stopped from outside; it ends with its work or the process.
///
/// `owned` gives the extractor as a value the document's thread can own; it is called only
/// for a document over [`BUDGETED_SIZE`].
pub fn load_and_extract_bytes(
    path: &Path,
    bytes: Vec<u8>,
    opts: &LoadOptions,
    extractor: &extract::Extractor,
    owned: impl FnOnce() -> std::sync::Arc<extract::Extractor>,
) -> Result<(Document, model::Extract), ReadError> {
    load_and_extract_timed(path, bytes, opts, extractor, owned).map(|(doc, facts, _)| (doc, facts))
}

/// [`load_and_extract_bytes`], also giving how long reading and normalising took (the rest
/// was extraction), so that a run can report its stages.
pub fn load_and_extract_timed(
    path: &Path,
    bytes: Vec<u8>,
    opts: &LoadOptions,
    extractor: &extract::Extractor,
    owned: impl FnOnce() -> std::sync::Arc<extract::Extractor>,
) -> Result<(Document, model::Extract, std::time::Duration), ReadError> {
    match opts.read.time_budget {
        Some(budget) if bytes.len() > BUDGETED_SIZE => {
            let (p, o, ex) = (path.to_path_buf(), opts.clone(), owned());
            with_budget(path, budget, move || {
                let reading = std::time::Instant::now();
                let doc = load_bytes_now(&p, &bytes, &o)?;
                let read = reading.elapsed();
                let facts = analyze(&doc, &ex);
                Ok((doc, facts, read))
            })
        }
        _ => {
            let reading = std::time::Instant::now();
            let doc = load_bytes(path, &bytes, opts)?;
            let read = reading.elapsed();
            // One document must never end a whole run: a panic in extraction or the checks
            // becomes this document's error, as a reader's panic does.
            let facts =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(&doc, extractor)))
                    .map_err(|_| ReadError::Panic {
                        path: path.to_path_buf(),
                        stage: "extracting",
                        message: "internal error".into(),
                    })?;
            Ok((doc, facts, read))
        }
    }
}

/// [`load_and_extract_bytes`] of a file on disk (only a regular file is read; see
/// [`read::file_bytes`]).
pub fn load_and_extract(
    path: &Path,
    opts: &LoadOptions,
    extractor: &extract::Extractor,
    owned: impl FnOnce() -> std::sync::Arc<extract::Extractor>,
) -> Result<(Document, model::Extract), ReadError> {
    let bytes = read::file_bytes(path, &opts.read)?;
    load_and_extract_bytes(path, bytes, opts, extractor, owned)
}

fn load_bytes_now(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Result<Document, ReadError> {
    if bytes.len() as u64 > opts.read.max_file_size {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: opts.read.max_file_size,
        });
    }
    let raw = read::read_bytes_with(path, bytes, &opts.read)?;
    Ok(document(raw, bytes, opts))
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
