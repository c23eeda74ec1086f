//! The JSON API: the same objects the command line prints with `--json`.
//!
//! | route | CLI |
//! |---|---|
//! | `/api/search?q=&kind=&year=&place=&issuer=&cites=&limit=&offset=` | `vanban search --json` |
//! | `/api/cites/{id}` | `vanban cites ID --json` |
//! | `/api/refs/{key}` | `vanban refs DOC --json` |
//! | `/api/indicators?q=&place=` | `vanban indicators --json`, filtered as on the indicators page |
//! | `/api/documents/{key}` | the stored extract (`vanban extract FILE`) |
//! | `/api/findings?kind=&severity=&place=&year=` | every finding in the index |
//!
//! Errors are `{"error": "…", "status": N}` with the HTTP status.

use std::time::{Duration, Instant};

use axum::extract::{Path as UrlPath, State};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::error::AppError;
use super::params::Params;
use super::search::Ask;
use super::{Shared, MAX_API_LIMIT, MAX_DEPTH};
use vanban_index::query::{search_with, IndicatorTimeline};

fn json<T: serde::Serialize>(r: Result<T, AppError>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => e.into_json(),
    }
}

/// `GET /api/search`
pub(crate) async fn search(State(state): State<Shared>, p: Params) -> Response {
    let opts = (|| {
        let ask = Ask::from(&p, MAX_API_LIMIT)?;
        let mut opts = ask.options(MAX_API_LIMIT);
        opts.limit = p
            .number("limit", "limit", 1, MAX_API_LIMIT as u64)?
            .unwrap_or(10) as usize;
        opts.offset = p
            .number("offset", "offset", 0, MAX_DEPTH as u64)?
            .unwrap_or(0) as usize;
        Ok::<_, AppError>((opts, ask.standing))
    })();
    let (mut opts, standing) = match opts {
        Ok(o) => o,
        Err(e) => return e.into_json(),
    };
    json(
        state
            .run(move |view, ex| {
                super::search::keep_standing(&mut opts, standing, view);
                Ok(search_with(&view.snapshot, &opts, ex, tantivy::collector::Count)?.0)
            })
            .await,
    )
}

/// `GET /api/cites/{id}`
pub(crate) async fn cites(State(state): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    json(
        state
            .run(move |view, ex| Ok(view.snapshot.cites(&id, ex)?))
            .await,
    )
}

/// `GET /api/refs/{key}`
pub(crate) async fn refs(State(state): State<Shared>, UrlPath(key): UrlPath<String>) -> Response {
    json(
        state
            .run(move |view, ex| {
                let (document, references) = view.snapshot.refs(&key, ex).map_err(|e| match e {
                    vanban_index::IndexError::Query { .. } => AppError::NotFound(format!(
                        "Kho không có văn bản nào có đường dẫn, khóa hoặc số hiệu «{key}»."
                    )),
                    other => other.into(),
                })?;
                Ok(serde_json::json!({"document": document, "references": references}))
            })
            .await,
    )
}

/// `GET /api/documents/{key}`: the stored extract of a document.
pub(crate) async fn extract(
    State(state): State<Shared>,
    UrlPath(key): UrlPath<String>,
) -> Response {
    json(
        state
            .run(move |view, _| match view.snapshot.document(&key)? {
                Some(d) => d.extract.ok_or(AppError::Internal),
                None => Err(AppError::NotFound(format!("Kho không có văn bản «{key}»."))),
            })
            .await,
    )
}

/// `GET /api/findings`
pub(crate) async fn findings(State(state): State<Shared>, p: Params) -> Response {
    let f = match super::findings::filter(&p) {
        Ok(f) => f,
        Err(e) => return e.into_json(),
    };
    json(
        state
            .run(move |view, _| Ok(view.catalog.findings(view.snapshot.searcher(), &f).rows))
            .await,
    )
}

/// `GET /api/indicators?q=…&place=…`: waits (within the request time limit) for the timelines
/// of the current commit; `q` and `place` filter them as on the indicators page.
pub(crate) async fn indicators(State(state): State<Shared>, params: Params) -> Response {
    let filter = match super::indicators::IndicatorFilter::from(&params) {
        Ok(f) => f,
        Err(e) => return e.into_json(),
    };
    let until = Instant::now() + state.timeout;
    loop {
        let now = state.indicators();
        match (now.list, now.stale, now.failed) {
            (Some(list), false, _) => {
                let kept: Vec<&IndicatorTimeline> =
                    list.iter().filter(|t| filter.keeps(t)).collect();
                return Json(kept).into_response();
            }
            (_, _, Some(e)) => {
                eprintln!("vanban serve: indicators: {e}");
                return AppError::Internal.into_json();
            }
            _ if Instant::now() >= until => return AppError::Busy.into_json(),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// `GET /api/status`: the index, its size and the reload it serves.
pub(crate) async fn status(State(state): State<Shared>) -> Response {
    let view = state.library.view();
    Json(serde_json::json!({
        "index": view.snapshot.path().display().to_string(),
        "documents": view.snapshot.num_docs(),
        "generation": view.snapshot.generation(),
        "version": env!("CARGO_PKG_VERSION"),
    }))
    .into_response()
}
