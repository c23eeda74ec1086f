//! The document page (meta card, related documents, text) and the original file.

use std::path::{Component, Path};

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::error::AppError;
use super::layout::{self, doc_url, extract_url, file_url, id_url, with_query, Section};
use super::params::AskedLang;
use super::svg::{self, Node};
use super::text::{self, ref_href};
use super::{labels, Shared};
use vanban_core::model::{Extract, Role};
use vanban_index::query::{Citation, CitesResult, ResolvedRef};
use vanban_index::StoredDocument;

/// Everything the page shows, read from one snapshot.
struct DocPage {
    doc: StoredDocument,
    extract: Extract,
    refs: Vec<ResolvedRef>,
    cited_by: Option<CitesResult>,
    /// The indexed documents that replace, repeal or amend it.
    changed: Vec<vanban_index::ChangedBy>,
}

fn not_found(key: &str) -> AppError {
    AppError::NotFound(format!(
        "Kho không có văn bản «{key}». Có thể văn bản đã được gỡ khỏi kho ở lần nạp gần nhất."
    ))
}

/// `GET /doc/{key}`
pub(crate) async fn page(
    State(state): State<Shared>,
    UrlPath(key): UrlPath<String>,
    AskedLang(lang): AskedLang,
) -> Response {
    let k = key.clone();
    let result = state
        .run(move |view, ex| {
            let snap = &view.snapshot;
            let Some(doc) = snap.document(&k)? else {
                return Err(not_found(&k));
            };
            let mut extract = doc.extract.clone().unwrap_or_else(|| ex.extract_text(""));
            extract.findings.iter_mut().for_each(|f| f.say_in(lang));
            let (_, refs) = snap.refs(&doc.key, ex)?;
            let cited_by = match &extract.meta.number {
                Some(n) => Some(snap.cites(n, ex)?),
                None => None,
            };
            let changed = view
                .catalog
                .cards(snap.searcher())
                .find(|c| *c.key == *doc.key)
                .map(|own| vanban_index::changed_by(&view.catalog, snap.searcher(), &own))
                .unwrap_or_default();
            Ok(DocPage {
                doc,
                extract,
                refs,
                cited_by,
                changed,
            })
        })
        .await;
    match result {
        Ok(p) => render(&p).into_response(),
        Err(e) => e.into_response(),
    }
}

/// Citations of this document by others (its own lines excluded).
fn citations_of_others(p: &DocPage) -> Vec<&Citation> {
    p.cited_by
        .iter()
        .flat_map(|c| c.groups.iter())
        .flat_map(|g| g.citations.iter())
        .filter(|c| c.key != p.doc.key)
        .collect()
}

fn diagram(p: &DocPage, center: &str) -> Markup {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &p.refs {
        let group = match r.reference.role.as_str() {
            "legal_basis" => "Căn cứ",
            "implements" => "Thực hiện",
            "replaces" | "amends" | "repeals" => "Thay thế, sửa đổi, bãi bỏ",
            _ => continue,
        };
        if !seen.insert((group, r.reference.id.clone())) {
            continue;
        }
        out.push(Node {
            group: group.into(),
            label: match &r.reference.doc_type {
                Some(t) => format!("{t} {}", r.reference.id),
                None => r.reference.id.clone(),
            },
            href: ref_href(r),
            indexed: !r.resolved.is_empty(),
            title: format!(
                "{} {}{}",
                labels::role(r.reference.role),
                r.reference.id,
                r.reference
                    .title
                    .as_deref()
                    .map(|t| format!(" — {t}"))
                    .unwrap_or_default()
            ),
        });
    }
    let mut inc = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in citations_of_others(p) {
        if c.role == Role::Mention || !seen.insert((c.role, c.key.clone())) {
            continue;
        }
        inc.push(Node {
            group: labels::role_inverse(c.role).into(),
            label: c.number.clone().unwrap_or_else(|| c.key.clone()),
            href: format!("{}#L{}", doc_url(&c.key), c.line),
            indexed: true,
            title: c.title.clone().unwrap_or_else(|| c.key.clone()),
        });
    }
    svg::relations(center, &out, &inc)
}

fn meta_card(p: &DocPage) -> Markup {
    let m = &p.extract.meta;
    let d = &p.doc;
    html! {
        dl.meta-card {
            dt { "Số hiệu" } dd { (m.number.as_deref().unwrap_or("(chưa có số)")) }
            dt { "Loại" } dd { (labels::doc_type(m)) }
            @if let Some(t) = &m.date { dt { "Ngày ban hành" } dd { (labels::date(t)) } }
            @if let Some(t) = &m.place { dt { "Địa danh" } dd { (t) } }
            @if let Some(t) = &m.issuer { dt { "Cơ quan ban hành" } dd { (t) } }
            @if let Some(t) = &m.signer { dt { "Người ký" } dd { (t) } }
            dt { "Tệp" } dd { span.path { (d.key) } " · " (d.format) " · " (d.encoding) }
            dt { "SHA-256" } dd { code title=(d.sha256) { (d.sha256.get(..16).unwrap_or(&d.sha256)) "…" } }
        }
        p.actions {
            a.button href=(file_url(&d.key)) { "Tải tệp gốc" }
            a.button href=(extract_url(&d.key)) { "Dữ liệu trích xuất (JSON)" }
            @if let Some(n) = &m.number {
                a.button href=(id_url(n)) { "Các văn bản dẫn chiếu số " (n) }
            }
        }
    }
}

fn refs_list(p: &DocPage) -> Markup {
    let others = citations_of_others(p);
    html! {
        div.two-lists #lien-quan {
            section {
                h2 { "Văn bản này dẫn chiếu (" (p.refs.len()) ")" }
                @if p.refs.is_empty() { p.muted { "Không có." } }
                ul.refs {
                    @for r in &p.refs {
                        li {
                            span.role { (labels::role(r.reference.role)) }
                            " "
                            a href=(ref_href(r)) { (r.reference.doc_type.as_deref().unwrap_or("")) " " (r.reference.id) }
                            @if let Some(d) = &r.reference.date { " ngày " (labels::date(d)) }
                            @if r.resolved.is_empty() { " " span.muted { "(chưa có trong kho)" } }
                            " · " a.line-link href={ "#L" (r.reference.line) } { "dòng " (r.reference.line) }
                            @if let Some(t) = &r.reference.title { div.ref-title { (t) } }
                        }
                    }
                }
            }
            section {
                h2 { "Được dẫn chiếu bởi (" (others.len()) ")" }
                @if p.extract.meta.number.is_none() {
                    p.muted { "Văn bản chưa có số hiệu nên không tra được văn bản dẫn chiếu." }
                } @else if others.is_empty() {
                    p.muted { "Chưa có văn bản nào trong kho dẫn chiếu văn bản này." }
                }
                @if p.cited_by.as_ref().is_some_and(|c| c.ambiguous) {
                    p.warn { "Lưu ý: các trích dẫn ghi năm hoặc cơ quan khác nhau; số này có thể chỉ nhiều văn bản. "
                        a href=(id_url(p.extract.meta.number.as_deref().unwrap_or(""))) { "Xem theo nhóm" } }
                }
                ul.refs {
                    @for c in &others {
                        li {
                            span.role { (labels::role(c.role)) }
                            " "
                            a href={ (doc_url(&c.key)) "#L" (c.line) } { (c.number.as_deref().unwrap_or(&c.key)) }
                            div.sentence { (c.sentence) }
                        }
                    }
                }
            }
        }
    }
}

fn findings_summary(p: &DocPage) -> Markup {
    let fs = &p.extract.findings;
    html! {
        @if !fs.is_empty() {
            section.findings-summary {
                h2 { "Phát hiện khi kiểm tra số liệu (" (fs.len()) ")" }
                ul {
                    @for f in fs {
                        li class={ "sev-" (f.severity) } {
                            a href={ "#L" (f.line) } { "Dòng " (f.line) }
                            ": " strong { (labels::finding(f.kind)) } " — " (f.message)
                        }
                    }
                }
            }
        }
    }
}

/// Hiệu lực: whether an indexed document replaces, repeals or amends this one, with links.
fn standing(p: &DocPage) -> Markup {
    use vanban_index::Change;
    let ended = p.changed.iter().any(|c| c.change.ends());
    html! {
        section.standing aria-label="Hiệu lực" {
            @if p.extract.meta.number.is_none() {
                p.muted { "Hiệu lực: văn bản chưa có số hiệu nên không tra được văn bản thay thế hoặc bãi bỏ." }
            } @else if p.changed.is_empty() {
                p { strong { "Hiệu lực: " } "chưa có văn bản nào trong kho thay thế, bãi bỏ hoặc sửa đổi văn bản này." }
            } @else {
                p class=(if ended { "warn" } else { "notice" }) {
                    strong { "Hiệu lực: " }
                    (if ended { "văn bản đã bị thay thế hoặc bãi bỏ." } else { "văn bản còn hiệu lực, đã được sửa đổi, bổ sung." })
                }
                ul.refs {
                    @for c in &p.changed {
                        li {
                            span.role { (match c.change {
                                Change::Replaced => "Bị thay thế bởi",
                                Change::Repealed => "Bị bãi bỏ bởi",
                                Change::Amended => "Được sửa đổi, bổ sung bởi",
                            }) }
                            " "
                            a href={ (doc_url(&c.key)) "#L" (c.line) } { (c.number.as_deref().unwrap_or(&c.key)) }
                            @if let Some(d) = &c.date { " (" (labels::date(d)) ")" }
                        }
                    }
                }
            }
        }
    }
}

fn render(p: &DocPage) -> Markup {
    let m = &p.extract.meta;
    let heading = match (&m.number, &m.title) {
        (Some(n), Some(t)) => format!("{} {n} — {t}", labels::doc_type(m)),
        (Some(n), None) => format!("{} {n}", labels::doc_type(m)),
        (None, Some(t)) => t.clone(),
        (None, None) => p.doc.key.clone(),
    };
    let center = m.number.clone().unwrap_or_else(|| p.doc.key.clone());
    let body = html! {
        p.crumbs { a href="/" { "Tìm kiếm" } " › " (labels::kind(m.kind)) }
        h1 { (heading) }
        (standing(p))
        (meta_card(p))
        (findings_summary(p))
        section.diagram {
            h2 { "Sơ đồ quan hệ" }
            p.muted { "Bên trái: văn bản làm căn cứ, được thực hiện, bị thay thế hoặc sửa đổi. Bên phải: văn bản dựa trên văn bản này. Khung nét đứt: chưa có trong kho." }
            div.scroll { (diagram(p, &center)) }
        }
        (refs_list(p))
        section {
            h2 { "Toàn văn" }
            p.muted { "Số liệu được đánh dấu: di chuột hoặc dùng phím Tab để xem phép tính. Số hiệu văn bản là liên kết." }
            (text::render(&p.doc.text, &p.extract, &p.refs))
        }
        p { a href=(with_query("/", &[("cites", center.clone())])) { "Tìm các văn bản dẫn chiếu " (center) } }
    };
    layout::page(&heading, Section::Other, body)
}

/// Whether a stored path may be served: no `..`, no root escapes, a regular file.
fn servable(path: &Path) -> bool {
    !path
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
        && path.is_file()
}

/// `GET /file/{key}`: the file as it was indexed. The path comes from the index, never from
/// the request; it is served only when it has no `..`, is a regular file and still has the
/// SHA-256 the index recorded, so nothing but what was indexed can be read.
pub(crate) async fn original(
    State(state): State<Shared>,
    UrlPath(key): UrlPath<String>,
) -> Response {
    let k = key.clone();
    let result = state
        .run(move |view, _| {
            let Some(doc) = view.snapshot.document(&k)? else {
                return Err(not_found(&k));
            };
            let path = Path::new(&doc.path);
            let gone = || {
                AppError::NotFound(format!(
                    "Tệp gốc của «{}» không còn ở chỗ cũ hoặc đã thay đổi từ lần nạp gần nhất; chỉ tệp đúng như lúc nạp mới được tải.",
                    doc.key
                ))
            };
            if !servable(path) {
                return Err(gone());
            }
            let bytes = std::fs::read(path).map_err(|_| gone())?;
            if vanban_core::sha256_hex(&bytes) != doc.sha256 {
                return Err(gone());
            }
            Ok((doc, bytes))
        })
        .await;
    let (doc, bytes) = match result {
        Ok(x) => x,
        Err(e) => return e.into_response(),
    };
    let mime = match doc.format.as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "txt" | "md" => "text/plain",
        _ => "application/octet-stream",
    };
    let name = doc.key.rsplit('/').next().unwrap_or("van-ban").to_string();
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String =
        percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    let mut resp = (StatusCode::OK, bytes).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_parent_components_are_never_served() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "x").unwrap();
        assert!(servable(&f));
        assert!(!servable(&dir.path().join("sub/../a.txt")));
        assert!(!servable(dir.path()));
        assert!(!servable(Path::new("/nonexistent/file.txt")));
    }
}
