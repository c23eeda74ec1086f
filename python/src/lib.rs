//! `vanban._native`: the Rust side of the Python package `vanban`.
//!
//! Every function here hands JSON text to the Python side (`vanban/__init__.py`), which turns
//! it into dicts and lists: the objects a Python user gets are, byte for byte, what the command
//! line prints (`vanban extract`, `vanban search --json`, …), because both serialise the same
//! library types with the same serde code. Reading, extracting, searching and waiting for a
//! worker all run with the interpreter released (`Python::detach`), so Python threads run
//! beside them and `extract_many` keeps every core busy.
//!
//! Errors become the exceptions of `vanban.errors` (`ReadError` with `.path` and `.reason`,
//! `RulesError`, `IndexError`); nothing here panics into the interpreter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};

use vanban_core::error::{Limit, Remedy};
use vanban_core::extract::Extractor;
use vanban_core::model::{Extract, Severity};
use vanban_core::pipeline::Pipeline;
use vanban_core::{Document, LoadOptions, OcrMode, ReadError, ReadOptions};
use vanban_index::query::{IndexView, SearchOptions};
use vanban_index::IndexError;

/// The name a document given as bytes has in errors and in its extract, when the caller gives
/// none.
const BYTES_NAME: &str = "<bytes>";

/// Raises the exception `name` of `vanban.errors` with `args`.
fn raise<'py, A: pyo3::call::PyCallArgs<'py>>(py: Python<'py>, name: &str, args: A) -> PyErr {
    let made = py
        .import("vanban.errors")
        .and_then(|m| m.getattr(name))
        .and_then(|cls| cls.call1(args));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// What a Python caller can do about a file that could not be read: the keyword argument (or
/// the package) that changes what the library ran into.
fn advice(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::Raise(Limit::FileSize) => "pass a larger max_file_size= to read it",
        Remedy::Raise(Limit::Decompressed) => "pass a larger max_decompressed= to read it",
        Remedy::Raise(Limit::Pages) => "pass a larger max_pages= to read it",
        Remedy::Raise(Limit::TimeBudget) => "pass a larger time_budget= (or None) to allow more",
        Remedy::UseOcr => "read it with ocr=\"auto\" (needs tesseract-ocr-vie)",
        Remedy::InstallOcrOrSkipIt => {
            "install tesseract-ocr-vie, or pass ocr=\"never\" to read the text pages only"
        }
        Remedy::SkipOcr => "pass ocr=\"never\" to read the text pages only",
    }
}

/// A read error as the Python side raises it: (message, path, reason).
fn read_error_parts(e: &ReadError) -> (String, String, String) {
    let path = e.path().display().to_string();
    let full = e.to_string();
    let mut reason = full
        .strip_prefix(&format!("{path}: "))
        .unwrap_or(&full)
        .to_string();
    if let Some(r) = e.remedy() {
        reason = format!("{reason}; {}", advice(r));
    }
    (format!("{path}: {reason}"), path, reason)
}

fn read_error(py: Python<'_>, e: &ReadError) -> PyErr {
    raise(py, "ReadError", read_error_parts(e))
}

fn index_error(py: Python<'_>, e: &IndexError) -> PyErr {
    let path = match e {
        IndexError::Busy { path }
        | IndexError::Missing { path }
        | IndexError::OtherSchema { path }
        | IndexError::OldKeys { path }
        | IndexError::Damaged { path, .. } => Some(path.display().to_string()),
        _ => None,
    };
    let mut message = e.to_string();
    if let IndexError::Missing { path } = e {
        message.push_str(&format!(
            "; build it with `vanban ingest DIR --index {}`",
            path.display()
        ));
    }
    raise(py, "IndexError", (message, path))
}

fn json_error(e: serde_json::Error) -> PyErr {
    PyRuntimeError::new_err(format!("cannot write JSON: {e}"))
}

/// The reading options of a call, from its keyword arguments.
#[pyclass(frozen, module = "vanban._native")]
#[derive(Clone)]
struct Options {
    load: LoadOptions,
    extractor: Arc<Extractor>,
}

/// Extractors built from a rules folder, by folder: a notebook calling `extract(…,
/// rules="my-rules")` in a loop compiles the rules once.
fn loaded_rules() -> &'static Mutex<HashMap<PathBuf, Arc<Extractor>>> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Arc<Extractor>>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

fn extractor(py: Python<'_>, rules: Option<PathBuf>) -> PyResult<Arc<Extractor>> {
    let Some(dir) = rules else {
        return Ok(Extractor::built_in_shared());
    };
    let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    if let Some(e) = loaded_rules()
        .lock()
        .ok()
        .and_then(|m| m.get(&key).cloned())
    {
        return Ok(e);
    }
    let built = py.detach(|| {
        let rules = vanban_core::rules::Rules::load(&dir).map_err(|e| e.to_string())?;
        Extractor::try_new(rules).map_err(|e| e.to_string())
    });
    match built {
        Ok(e) => {
            let e = Arc::new(e);
            if let Ok(mut m) = loaded_rules().lock() {
                m.insert(key, e.clone());
            }
            Ok(e)
        }
        Err(reason) => Err(raise(
            py,
            "RulesError",
            (
                format!("{}: {reason}", dir.display()),
                dir.display().to_string(),
            ),
        )),
    }
}

/// Builds the options of a call: the rules folder (None: built in), when to OCR, the limits.
#[pyfunction]
#[pyo3(signature = (rules=None, ocr="auto", time_budget=Some(60.0), max_file_size=None, max_pages=None, max_decompressed=None))]
fn options(
    py: Python<'_>,
    rules: Option<PathBuf>,
    ocr: &str,
    time_budget: Option<f64>,
    max_file_size: Option<u64>,
    max_pages: Option<usize>,
    max_decompressed: Option<u64>,
) -> PyResult<Options> {
    let ocr: OcrMode = ocr.parse().map_err(|e: String| {
        PyValueError::new_err(format!(
            "ocr={ocr:?}: {e}; use \"auto\", \"never\" or \"always\""
        ))
    })?;
    let time_budget = match time_budget {
        None => None,
        Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
        Some(s) => {
            return Err(PyValueError::new_err(format!(
                "time_budget={s}: give a number of seconds above 0, or None for no limit"
            )))
        }
    };
    let d = ReadOptions::default();
    let read = ReadOptions {
        max_file_size: max_file_size.unwrap_or(d.max_file_size),
        max_pages: max_pages.unwrap_or(d.max_pages),
        max_decompressed: max_decompressed.unwrap_or(d.max_decompressed),
        time_budget,
        ocr,
    };
    Ok(Options {
        load: LoadOptions {
            read,
            ..Default::default()
        },
        extractor: extractor(py, rules)?,
    })
}

/// A document to read: a path, or bytes with the name they go by.
enum Source {
    Path(PathBuf),
    Bytes(PathBuf, Vec<u8>),
}

impl Source {
    fn of(obj: &Bound<'_, PyAny>, name: Option<PathBuf>) -> PyResult<Source> {
        let named = || name.clone().unwrap_or_else(|| PathBuf::from(BYTES_NAME));
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Source::Bytes(named(), b.as_bytes().to_vec()));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            return Ok(Source::Bytes(named(), b.to_vec()));
        }
        obj.extract::<PathBuf>().map(Source::Path).map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "expected a path (str or os.PathLike) or bytes, not {}",
                obj.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })
    }

    fn load(&self, opts: &LoadOptions) -> Result<Document, ReadError> {
        match self {
            Source::Path(p) => vanban_core::load(p, opts),
            Source::Bytes(name, bytes) => vanban_core::load_bytes(name, bytes, opts),
        }
    }
}

/// Reads and normalises one document, with the interpreter released.
fn load(py: Python<'_>, source: &Source, opts: &Options) -> PyResult<Document> {
    py.detach(|| source.load(&opts.load))
        .map_err(|e| read_error(py, &e))
}

/// The schema-2 extract of one document as JSON (UTF-8 bytes), as `vanban extract` prints it.
#[pyfunction]
#[pyo3(signature = (source, opts, name=None))]
fn extract(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    opts: &Options,
    name: Option<PathBuf>,
) -> PyResult<Py<PyBytes>> {
    let source = Source::of(source, name)?;
    let ex = opts.extractor.clone();
    let doc = load(py, &source, opts)?;
    let json = py
        .detach(|| serde_json::to_vec(&vanban_core::analyze(&doc, &ex)))
        .map_err(json_error)?;
    Ok(PyBytes::new(py, &json).unbind())
}

/// The normalised text of one document.
#[pyfunction]
#[pyo3(signature = (source, opts, name=None, raw=false))]
fn text(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    opts: &Options,
    name: Option<PathBuf>,
    raw: bool,
) -> PyResult<String> {
    let source = Source::of(source, name)?;
    let doc = load(py, &source, opts)?;
    Ok(if raw { doc.raw.text } else { doc.text })
}

/// What was read from one document, as JSON: format, encoding, pages, signatures, OCR pages,
/// size, sha256, and the text before and after normalisation.
#[pyfunction]
#[pyo3(signature = (source, opts, name=None))]
fn read(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    opts: &Options,
    name: Option<PathBuf>,
) -> PyResult<String> {
    let source = Source::of(source, name)?;
    let doc = load(py, &source, opts)?;
    let raw = &doc.raw;
    let value = ReadInfo {
        path: raw.path.display().to_string(),
        format: raw.format.name(),
        encoding: raw.encoding.name(),
        bom: raw.bom,
        crlf: raw.crlf,
        pages: raw.pages,
        bytes: raw.bytes,
        sha256: &doc.sha256,
        signatures: raw
            .signatures
            .iter()
            .map(|s| SignatureInfo {
                signed_by: s.signed_by.as_deref(),
                signed_at: s.signed_at.as_deref(),
            })
            .collect(),
        ocr_pages: &raw.ocr_pages,
        pages_without_text: &raw.pages_without_text,
        text: &doc.text,
        raw_text: &raw.text,
    };
    serde_json::to_string(&value).map_err(json_error)
}

/// The documents under `paths` (files and folders, each file once), in the order
/// `vanban extract` works on them, and the paths that could not be walked with why.
#[pyfunction]
fn collect(py: Python<'_>, paths: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let found = py.detach(|| Pipeline::collect(&paths));
    (found.documents, found.failures)
}

/// What one document of `extract_many` gives: its path, and the JSON of its extract with its
/// export lines when asked for, or why it could not be read.
type Item = (PathBuf, Result<(String, Option<String>), ReadError>);

/// The documents of [`extract_many`], handed over in file order as workers finish them.
#[pyclass(module = "vanban._native")]
struct ExtractIter {
    rx: Arc<Mutex<Option<Receiver<Item>>>>,
}

#[pymethods]
impl ExtractIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// (path, JSON or None, export lines or None, (message, path, reason) or None);
    /// StopIteration at the end.
    #[allow(clippy::type_complexity)]
    fn __next__(
        &self,
        py: Python<'_>,
    ) -> PyResult<
        Option<(
            String,
            Option<Py<PyBytes>>,
            Option<String>,
            Option<(String, String, String)>,
        )>,
    > {
        let rx = self.rx.clone();
        // Waiting for the workers must not hold the interpreter; the lock is taken with it
        // released too, so two Python threads sharing one iterator cannot deadlock.
        let item = py.detach(move || {
            let mut guard = rx.lock().unwrap_or_else(|p| p.into_inner());
            let got = guard.as_ref().map(|r| r.recv());
            match got {
                Some(Ok(item)) => Some(item),
                Some(Err(_)) => {
                    *guard = None;
                    None
                }
                None => None,
            }
        });
        Ok(item.map(|(path, r)| match r {
            // Bytes, not str: the JSON parser takes UTF-8 as it is, without a str made first.
            Ok((json, lines)) => (
                path.display().to_string(),
                Some(PyBytes::new(py, json.as_bytes()).unbind()),
                lines,
                None,
            ),
            Err(e) => (
                path.display().to_string(),
                None,
                None,
                Some(read_error_parts(&e)),
            ),
        }))
    }

    /// Stops the workers (they finish the document they are on).
    fn close(&self, py: Python<'_>) {
        let rx = self.rx.clone();
        py.detach(move || *rx.lock().unwrap_or_else(|p| p.into_inner()) = None);
    }
}

/// Reads and extracts `files` on `workers` threads (None: one per core), in batches, each
/// file within the time budget; the documents come out in the order of `files`. With
/// `export` (`"es-bulk"` or `"ndjson"`, and the index name of the action lines), each also
/// comes with the lines `vanban export` writes for it.
#[pyfunction]
#[pyo3(signature = (files, opts, workers=None, export=None))]
fn extract_many(
    files: Vec<PathBuf>,
    opts: &Options,
    workers: Option<usize>,
    export: Option<(String, String)>,
) -> PyResult<ExtractIter> {
    let export = match export {
        None => None,
        Some((format, name)) => Some((export_format(&format)?, name)),
    };
    let mut pool = rayon::ThreadPoolBuilder::new().thread_name(|i| format!("vanban-{i}"));
    if let Some(n) = workers {
        if n == 0 {
            return Err(PyValueError::new_err(
                "workers=0: give at least one worker, or None for one per core",
            ));
        }
        pool = pool.num_threads(n);
    }
    let pool = pool
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start workers: {e}")))?;
    let (tx, rx) = sync_channel::<Item>(64);
    let pipeline = Pipeline::new(opts.extractor.clone(), opts.load.clone());
    std::thread::Builder::new()
        .name("vanban-extract-many".into())
        .spawn(move || {
            pool.install(|| {
                let to_json = |path: &Path, read: vanban_core::pipeline::Processed| {
                    let json = read.and_then(|(doc, ex)| {
                        let lines = export.as_ref().map(|(format, name)| {
                            vanban_index::query::bulk_lines(*format, name, &doc, &ex)
                        });
                        let json = serde_json::to_string(&ex).map_err(|e| ReadError::Panic {
                            path: path.to_path_buf(),
                            stage: "JSON",
                            message: e.to_string(),
                        })?;
                        Ok((json, lines))
                    });
                    (path.to_path_buf(), json)
                };
                for item in pipeline.run(&files, to_json) {
                    if tx.send(item).is_err() {
                        break; // the iterator was dropped or closed
                    }
                }
            })
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start workers: {e}")))?;
    Ok(ExtractIter {
        rx: Arc::new(Mutex::new(Some(rx))),
    })
}

/// One finding with the file it is in: the row of `vanban check --json`, fields in its order.
#[derive(serde::Serialize)]
struct FindingRow {
    path: String,
    line: usize,
    severity: Severity,
    kind: vanban_core::model::FindingKind,
    message: String,
}

/// What [`read`] gives, fields in the order a reader wants them.
#[derive(serde::Serialize)]
struct ReadInfo<'a> {
    path: String,
    format: &'static str,
    encoding: &'static str,
    bom: bool,
    crlf: bool,
    pages: Option<usize>,
    bytes: u64,
    sha256: &'a str,
    signatures: Vec<SignatureInfo<'a>>,
    ocr_pages: &'a [usize],
    pages_without_text: &'a [usize],
    text: &'a str,
    raw_text: &'a str,
}

#[derive(serde::Serialize)]
struct SignatureInfo<'a> {
    signed_by: Option<&'a str>,
    signed_at: Option<&'a str>,
}

fn export_format(name: &str) -> PyResult<vanban_index::query::ExportFormat> {
    use vanban_index::query::ExportFormat;
    match name {
        "es-bulk" => Ok(ExportFormat::EsBulk),
        "ndjson" => Ok(ExportFormat::Ndjson),
        other => Err(PyValueError::new_err(format!(
            "format={other:?}: use \"es-bulk\" or \"ndjson\""
        ))),
    }
}

/// The findings of documents as JSON rows (path, line, severity, kind, message), as `vanban
/// check --format json` prints them; with `index`, results are also judged against the targets
/// of the plans in that index. Unreadable files are (message, path, reason) in the second list.
#[pyfunction]
#[pyo3(signature = (files, opts, index=None, all=false))]
#[allow(clippy::type_complexity)]
fn check(
    py: Python<'_>,
    files: Vec<PathBuf>,
    opts: &Options,
    index: Option<PathBuf>,
    all: bool,
) -> PyResult<(String, Vec<(String, String, String)>)> {
    let plans = match &index {
        Some(idx) => py
            .detach(|| vanban_index::query::plans(idx))
            .map_err(|e| index_error(py, &e))?,
        None => Vec::new(),
    };
    let ex = opts.extractor.clone();
    let pipeline = Pipeline::new(ex.clone(), opts.load.clone());
    let (rows, failed) = py.detach(|| {
        let plan_refs: Vec<(String, &Extract)> =
            plans.iter().map(|(l, p)| (l.clone(), p)).collect();
        let judged = |path: &Path, read: vanban_core::pipeline::Processed| {
            let facts = read.map(|(_, mut e)| {
                if index.is_some() {
                    vanban_core::check::add_missed(&mut e, &plan_refs, ex.rules());
                }
                e
            });
            (path.to_path_buf(), facts)
        };
        let mut rows = Vec::new();
        let mut failed = Vec::new();
        for (path, r) in pipeline.run(&files, judged) {
            match r {
                Ok(e) => {
                    for f in e.findings {
                        if f.severity == Severity::Info && !all {
                            continue;
                        }
                        rows.push(FindingRow {
                            path: path.display().to_string(),
                            line: f.line,
                            severity: f.severity,
                            kind: f.kind,
                            message: f.message,
                        });
                    }
                }
                Err(e) => failed.push(read_error_parts(&e)),
            }
        }
        (rows, failed)
    });
    Ok((serde_json::to_string(&rows).map_err(json_error)?, failed))
}

/// A vanban index opened for reading (`vanban ingest` builds it).
#[pyclass(frozen, module = "vanban._native")]
struct Index {
    view: IndexView,
    extractor: Arc<Extractor>,
}

#[pymethods]
impl Index {
    #[new]
    #[pyo3(signature = (path, opts))]
    fn new(py: Python<'_>, path: PathBuf, opts: &Options) -> PyResult<Index> {
        let view = py
            .detach(|| IndexView::open(&path))
            .map_err(|e| index_error(py, &e))?;
        Ok(Index {
            view,
            extractor: opts.extractor.clone(),
        })
    }

    fn __len__(&self) -> usize {
        self.view.num_docs() as usize
    }

    /// The hits of a query as JSON, as `vanban search --json` prints them.
    #[pyo3(signature = (query, kind=None, year=None, place=None, issuer=None, cites=None, limit=10, offset=0))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        kind: Option<String>,
        year: Option<u64>,
        place: Option<String>,
        issuer: Option<String>,
        cites: Option<String>,
        limit: usize,
        offset: usize,
    ) -> PyResult<String> {
        let opts = SearchOptions {
            query,
            kind,
            year,
            issuer,
            place,
            cites,
            keys: None,
            date_from: None,
            date_to: None,
            limit,
            offset,
        };
        let res = py
            .detach(|| self.view.search(&opts, &self.extractor))
            .map_err(|e| index_error(py, &e))?;
        serde_json::to_string(&res).map_err(json_error)
    }

    /// Every document citing `id` (any spelling) as JSON, as `vanban cites --json` prints it.
    fn cites(&self, py: Python<'_>, id: String) -> PyResult<String> {
        let res = py
            .detach(|| self.view.cites(&id, &self.extractor))
            .map_err(|e| index_error(py, &e))?;
        serde_json::to_string(&res).map_err(json_error)
    }

    /// What a document (path, key or own number) cites, as `vanban refs --json` prints it.
    fn refs(&self, py: Python<'_>, doc: String) -> PyResult<String> {
        let (key, list) = py
            .detach(|| self.view.refs(&doc, &self.extractor))
            .map_err(|e| index_error(py, &e))?;
        serde_json::to_string(&serde_json::json!({"document": key, "references": list}))
            .map_err(json_error)
    }

    /// Targets and results of every indexed document by indicator and place, as JSON.
    fn indicators(&self, py: Python<'_>) -> PyResult<String> {
        let res = py
            .detach(|| self.view.indicators(self.extractor.rules()))
            .map_err(|e| index_error(py, &e))?;
        serde_json::to_string(&res).map_err(json_error)
    }
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", vanban_core::model::SCHEMA_VERSION)?;
    m.add_class::<Options>()?;
    m.add_class::<ExtractIter>()?;
    m.add_class::<Index>()?;
    m.add_function(wrap_pyfunction!(options, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(text, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(collect, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    Ok(())
}
