//! The page of a cited id (`/id/2198/KH-UBND`, any spelling): the indexed documents with that
//! number, and every citation with its sentence, grouped when the citations seem to name
//! different documents.

use axum::extract::{Path as UrlPath, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::error::AppError;
use super::layout::{self, doc_url, id_url, with_query, Section};
use super::{labels, Shared};
use vanban_index::query::CitesResult;

/// `GET /id/{id}`: redirects to the canonical spelling, then lists the citations.
pub(crate) async fn page(State(state): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    let Some(canon) = state.extractor.canonical_id(&id) else {
        return AppError::BadRequest(format!(
            "«{}» không phải là một số hiệu văn bản (ví dụ đúng: 2198/KH-UBND, 45/2016/QĐ-TTg, 71-KH/HU).",
            id.chars().take(80).collect::<String>()
        ))
        .into_response();
    };
    if canon != id {
        return Redirect::permanent(&id_url(&canon)).into_response();
    }
    let c = canon.clone();
    let result = state
        .run(move |view, ex| {
            let cites = view.snapshot.cites(&c, ex)?;
            let own = view.snapshot.keys_numbered(&c)?;
            Ok((cites, own))
        })
        .await;
    match result {
        Ok((cites, own)) => render(&cites, &own).into_response(),
        Err(e) => e.into_response(),
    }
}

fn render(c: &CitesResult, own: &[String]) -> maud::Markup {
    let n: usize = c.groups.iter().map(|g| g.citations.len()).sum();
    let body = html! {
        p.crumbs { a href="/" { "Tìm kiếm" } " › Số hiệu" }
        h1 { "Số hiệu " (c.id) }
        section {
            @match own.len() {
                0 => p.muted { "Văn bản mang số này chưa có trong kho." },
                _ => {
                    p { "Trong kho có " (own.len()) " văn bản mang số này:" }
                    ul { @for k in own { li { a href=(doc_url(k)) { (k) } } } }
                }
            }
        }
        section {
            h2 { "Được dẫn chiếu " (n) " lần trong " (c.documents) " văn bản" }
            @if n > 0 {
                p { a href=(with_query("/", &[("cites", c.id.clone())])) { "Tìm trong các văn bản này" } }
            }
            @if c.ambiguous {
                p.warn role="note" {
                    "Các trích dẫn ghi " (c.groups.len()) " năm hoặc cơ quan ban hành khác nhau: "
                    "số này có thể chỉ nhiều văn bản khác nhau. Trích dẫn được xếp theo nhóm dưới đây."
                }
            }
            @for g in &c.groups {
                section.group {
                    @if c.groups.len() > 1 {
                        h3 {
                            "Năm " (g.year.map(|y| y.to_string()).unwrap_or_else(|| "không ghi".into()))
                            " · " (g.issuer.as_deref().unwrap_or("không ghi cơ quan"))
                            " (" (g.citations.len()) ")"
                        }
                    }
                    ul.citations {
                        @for cit in &g.citations {
                            li {
                                a href={ (doc_url(&cit.key)) "#L" (cit.line) } {
                                    (cit.number.as_deref().unwrap_or(&cit.key))
                                }
                                " · dòng " (cit.line) " · "
                                span.role { (labels::role(cit.role)) }
                                @if let Some(d) = &cit.date { " · ngày " (labels::date(d)) }
                                @if let Some(t) = &cit.title { div.muted { (t) } }
                                blockquote { (cit.sentence) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout::page(&format!("Số hiệu {}", c.id), Section::Other, body)
}
