//! The page shell (header, navigation, footer) and the links every page builds.

use axum::http::StatusCode;
use maud::{html, Markup, DOCTYPE};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Which section of the navigation a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Search,
    Findings,
    Indicators,
    Other,
}

/// Characters escaped in one path segment (everything but unreserved characters).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\'')
    .add(b';')
    .add(b'&')
    .add(b'+')
    .add(b'=');

/// A path of `/`-separated parts, each part escaped.
fn path_of(prefix: &str, value: &str) -> String {
    let mut out = String::from(prefix);
    for (i, part) in value.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(part, SEGMENT));
    }
    out
}

/// The page of an indexed document.
pub fn doc_url(key: &str) -> String {
    path_of("/doc/", key)
}

/// The page of a cited id.
pub fn id_url(id: &str) -> String {
    path_of("/id/", id)
}

/// The original file of a document.
pub fn file_url(key: &str) -> String {
    path_of("/file/", key)
}

/// The extract JSON of a document.
pub fn extract_url(key: &str) -> String {
    path_of("/api/documents/", key)
}

/// `path?k=v&…` with the values escaped, skipping empty ones.
pub fn with_query(path: &str, pairs: &[(&str, String)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in pairs {
        if !v.is_empty() {
            ser.append_pair(k, v);
            any = true;
        }
    }
    if any {
        format!("{path}?{}", ser.finish())
    } else {
        path.to_string()
    }
}

/// A whole page.
pub fn page(title: &str, section: Section, body: Markup) -> Markup {
    let nav = [
        (Section::Search, "/", "Tìm kiếm"),
        (Section::Findings, "/findings", "Phát hiện"),
        (Section::Indicators, "/indicators", "Chỉ tiêu"),
    ];
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — vanban" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "vanban" }
                    span.tagline { "Tra cứu và kiểm tra văn bản" }
                    nav {
                        @for (s, href, label) in nav {
                            @if s == section {
                                a.active href=(href) aria-current="page" { (label) }
                            } @else {
                                a href=(href) { (label) }
                            }
                        }
                    }
                }
                main { (body) }
                footer {
                    "Chỉ đọc. Số liệu và phát hiện được trích tự động từ văn bản; hãy đối chiếu với bản gốc. "
                    a href="/api/status" { "Trạng thái (JSON)" }
                }
            }
        }
    }
}

/// The page of an error.
pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let heading = match status.as_u16() {
        400 => "Yêu cầu không hợp lệ",
        404 => "Không tìm thấy",
        405 => "Không được phép",
        414 => "Địa chỉ quá dài",
        503 => "Máy chủ đang bận",
        _ => "Lỗi",
    };
    page(
        heading,
        Section::Other,
        html! {
            section.error role="alert" {
                h1 { (heading) }
                p { (message) }
                p { a href="/" { "Về trang tìm kiếm" } }
            }
        },
    )
}

/// Page links: previous, numbered neighbours, next.
pub fn pager(total: usize, page: usize, per_page: usize, link: impl Fn(usize) -> String) -> Markup {
    let reachable = total.min(super::MAX_DEPTH);
    let pages = reachable.div_ceil(per_page).max(1);
    if pages <= 1 {
        return html! {};
    }
    let first = page.saturating_sub(3).max(1);
    let last = (page + 3).min(pages);
    html! {
        nav.pager aria-label="Trang" {
            @if page > 1 { a rel="prev" href=(link(page - 1)) { "‹ Trước" } }
            @for p in first..=last {
                @if p == page { span.current aria-current="page" { (p) } }
                @else { a href=(link(p)) { (p) } }
            }
            @if page < pages { a rel="next" href=(link(page + 1)) { "Sau ›" } }
            @if total > reachable {
                span.note { "Chỉ xem được " (reachable) " kết quả đầu; hãy thu hẹp truy vấn." }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_ids_become_safe_paths() {
        assert_eq!(doc_url("corpus/bao cao.txt"), "/doc/corpus/bao%20cao.txt");
        assert_eq!(id_url("2198/KH-UBND"), "/id/2198/KH-UBND");
        assert_eq!(id_url("45/2016/QĐ-TTg"), "/id/45/2016/Q%C4%90-TTg");
        assert_eq!(doc_url("a/#?x"), "/doc/a/%23%3Fx");
    }

    #[test]
    fn queries_are_escaped_and_empty_values_dropped() {
        let u = with_query("/", &[("q", "a&b c".into()), ("kind", String::new())]);
        assert_eq!(u, "/?q=a%26b+c");
        assert_eq!(with_query("/findings", &[]), "/findings");
    }
}
