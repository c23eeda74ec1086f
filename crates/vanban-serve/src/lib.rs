//! `vanban serve`: a read-only web app over the index, for analysts used to legal-document
//! portals: search with filters, a page per document (text with line numbers, links from every
//! cited number, figures with their arithmetic, a diagram of related documents), a page per
//! cited id, every finding, every indicator, and a JSON API under `/api/` that returns what the
//! command line's `--json` prints.
//!
//! Pages are rendered on the server with [`maud`] (templates checked by the compiler, every
//! interpolated value escaped) and work without JavaScript; the one stylesheet is served by
//! vanban itself. All UI text is Vietnamese.
//!
//! The index is read through a [`Library`]: it reloads a moment after each commit of a running
//! `ingest`, and each request answers from one snapshot, so it never sees half an ingest.
//!
//! Safe by default: binds 127.0.0.1; document text is untrusted and always escaped; only files
//! the index holds (same path, same SHA-256) are served as originals; URLs, pages and the work
//! in flight are bounded; a malformed query gets a 400 with a Vietnamese message, and an
//! internal failure a 500 without a trace.
//!
//! ```no_run
//! let opts = vanban_serve::ServeOptions::new("vanban-index".into());
//! vanban_serve::serve(&opts)?;
//! # Ok::<(), vanban_serve::ServeError>(())
//! ```

#![deny(missing_docs)]

mod api;
mod document;
mod error;
mod findings;
mod ids;
mod indicators;
mod labels;
mod layout;
mod params;
mod search;
mod svg;
mod text;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub use error::{AppError, ServeError};

use vanban_core::extract::Extractor;
use vanban_index::query::IndicatorTimeline;
use vanban_index::{Library, View};

/// The address `vanban serve` listens on unless told otherwise: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Longest request target (path and query) accepted, in bytes.
pub const MAX_URI_BYTES: usize = 4096;

/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 512;

/// Results per page of the search and findings pages.
pub const PAGE_SIZE: usize = 20;

/// Most results one API call returns.
pub const MAX_API_LIMIT: usize = 200;

/// Deepest result reachable by paging (further pages ask for a narrower query).
pub const MAX_DEPTH: usize = 10_000;

/// How `vanban serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index folder.
    pub index: PathBuf,
    /// Address and port to listen on.
    pub addr: SocketAddr,
    /// Most requests working on the index at once (others wait their turn).
    pub max_in_flight: usize,
    /// Longest time one request may take before it is answered "busy".
    pub timeout: Duration,
}

impl ServeOptions {
    /// Defaults for an index folder: 127.0.0.1:8080, work bounded by the machine's cores.
    pub fn new(index: PathBuf) -> ServeOptions {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        ServeOptions {
            index,
            addr: DEFAULT_ADDR.parse().expect("a valid default address"),
            max_in_flight: (cores * 4).max(4),
            timeout: Duration::from_secs(20),
        }
    }
}

/// Everything a request handler shares.
pub(crate) struct AppState {
    library: Library,
    extractor: &'static Extractor,
    permits: tokio::sync::Semaphore,
    timeout: Duration,
    indicators: Mutex<IndicatorCache>,
}

/// Indicator timelines are computed from every document: once per reload, on a thread of
/// their own, and served from here.
#[derive(Default)]
struct IndicatorCache {
    /// The generation they were computed for, and the result.
    ready: Option<(u64, Arc<Vec<IndicatorTimeline>>)>,
    /// The generation being computed now.
    computing: Option<u64>,
    /// Why the last computation failed.
    failed: Option<String>,
}

pub(crate) type Shared = Arc<AppState>;

impl AppState {
    /// Runs index work off the async threads, a bounded number at a time, within the time
    /// limit, on one snapshot of the index.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&View, &'static Extractor) -> Result<T, AppError> + Send + 'static,
    {
        let permit = tokio::time::timeout(self.timeout, self.permits.acquire())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Busy)?;
        let view = self.library.view();
        let ex = self.extractor;
        let task = tokio::task::spawn_blocking(move || work(&view, ex));
        let out = tokio::time::timeout(self.timeout, task).await;
        drop(permit);
        match out {
            Err(_) => Err(AppError::Busy),
            Ok(Err(_panicked)) => Err(AppError::Internal),
            Ok(Ok(r)) => r,
        }
    }

    /// The indicator timelines of the current snapshot if ready; otherwise starts computing
    /// them and gives the last ones (or `None` before the first is done).
    pub(crate) fn indicators(self: &Arc<Self>) -> IndicatorState {
        let view = self.library.view();
        let generation = view.snapshot.generation();
        let mut cache = self.indicators.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = cache.ready.as_ref().is_some_and(|(g, _)| *g == generation);
        if !fresh && cache.computing.is_none() {
            cache.computing = Some(generation);
            let state = Arc::clone(self);
            std::thread::Builder::new()
                .name("vanban-indicators".into())
                .spawn(move || {
                    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        view.snapshot.indicators(state.extractor.rules())
                    }));
                    let mut cache = state.indicators.lock().unwrap_or_else(|e| e.into_inner());
                    cache.computing = None;
                    match out {
                        Ok(Ok(list)) => {
                            cache.ready = Some((generation, Arc::new(list)));
                            cache.failed = None;
                        }
                        Ok(Err(e)) => cache.failed = Some(e.to_string()),
                        Err(_) => cache.failed = Some("internal error".into()),
                    }
                })
                .ok();
        }
        IndicatorState {
            list: cache.ready.as_ref().map(|(_, l)| l.clone()),
            stale: !fresh,
            failed: cache.failed.clone(),
        }
    }
}

/// What the indicators page can show now.
pub(crate) struct IndicatorState {
    /// The last computed timelines.
    pub list: Option<Arc<Vec<IndicatorTimeline>>>,
    /// Whether a newer commit is being taken into account.
    pub stale: bool,
    /// Why the last computation failed, if it did.
    pub failed: Option<String>,
}

/// Builds the app over an open library.
pub fn router(library: Library, opts: &ServeOptions) -> Router {
    let state: Shared = Arc::new(AppState {
        library,
        extractor: Extractor::built_in(),
        permits: tokio::sync::Semaphore::new(opts.max_in_flight.max(1)),
        timeout: opts.timeout,
        indicators: Mutex::new(IndicatorCache::default()),
    });
    Router::new()
        .route("/", get(search::page))
        .route("/doc/{*key}", get(document::page))
        .route("/file/{*key}", get(document::original))
        .route("/id/{*id}", get(ids::page))
        .route("/findings", get(findings::page))
        .route("/findings.csv", get(findings::csv))
        .route("/indicators", get(indicators::page))
        .route("/static/style.css", get(style))
        .route("/api/search", get(api::search))
        .route("/api/cites/{*id}", get(api::cites))
        .route("/api/refs/{*key}", get(api::refs))
        .route("/api/documents/{*key}", get(api::extract))
        .route("/api/findings", get(api::findings))
        .route("/api/indicators", get(api::indicators))
        .route("/api/status", get(api::status))
        .fallback(not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(guard))
        .layer(axum::extract::DefaultBodyLimit::max(0))
}

/// Opens the index and serves it until Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let opening = std::time::Instant::now();
    let library = Library::open(&opts.index)?;
    let docs = library.view().snapshot.num_docs();
    eprintln!(
        "vanban serve: read {docs} documents for facets and findings in {:.1} s",
        opening.elapsed().as_secs_f64()
    );
    let app = router(library, opts);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("vanban-serve")
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: opts.addr,
                source,
            })?;
        let local = listener.local_addr().map_err(ServeError::Runtime)?;
        eprintln!(
            "vanban serve: {} ({docs} documents) on http://{local}/  (Ctrl-C to stop)",
            opts.index.display()
        );
        if !local.ip().is_loopback() {
            eprintln!(
                "vanban serve: listening on {} — reachable from other machines; the app has no login",
                local.ip()
            );
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(ServeError::Runtime)
    })
}

/// Bounds every request and adds the headers that keep untrusted text inert.
async fn guard(req: Request, next: Next) -> Response {
    let too_long = req
        .uri()
        .path_and_query()
        .is_some_and(|pq| pq.as_str().len() > MAX_URI_BYTES);
    let mut resp = if too_long {
        AppError::UriTooLong.into_response()
    } else if req.method() != axum::http::Method::GET && req.method() != axum::http::Method::HEAD {
        AppError::MethodNotAllowed.into_response()
    } else {
        next.run(req).await
    };
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

/// No route: a page for a browser; JSON under `/api/`, where a program expects it.
async fn not_found(State(_): State<Shared>, uri: axum::http::Uri) -> Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        AppError::NotFound(format!(
            "Không có API {}; các API: /api/search, /api/cites/…, /api/refs/…, \
             /api/documents/…, /api/findings, /api/indicators, /api/status.",
            uri.path()
        ))
        .into_json()
    } else {
        AppError::NotFound("Không có trang này.".into()).into_response()
    }
}

/// The stylesheet, compiled into the binary.
async fn style() -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("static/style.css"),
    )
        .into_response()
}
