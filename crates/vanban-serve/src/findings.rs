//! Every finding in the index, filtered by kind, severity, place and year, as a page and as
//! CSV (UTF-8 with BOM, so spreadsheet programs keep the Vietnamese).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::error::AppError;
use super::layout::{self, doc_url, with_query, Section};
use super::params::{AskedLang, Params};
use super::{labels, Shared, PAGE_SIZE};
use vanban_core::model::{FindingKind, Severity};
use vanban_index::{FindingFilter, FindingList};

/// Reads the filters of the findings page.
pub(crate) fn filter(p: &Params) -> Result<FindingFilter, AppError> {
    Ok(FindingFilter {
        kind: p.text("kind", "Loại phát hiện", 64)?,
        severity: p.text("severity", "Mức độ", 16)?,
        place: p.text("place", "Địa bàn", 128)?,
        year: p.number("year", "Năm", 1000, 9999)?.map(|y| y as u16),
    })
}

fn pairs(f: &FindingFilter) -> Vec<(&'static str, String)> {
    vec![
        ("kind", f.kind.clone().unwrap_or_default()),
        ("severity", f.severity.clone().unwrap_or_default()),
        ("place", f.place.clone().unwrap_or_default()),
        ("year", f.year.map(|y| y.to_string()).unwrap_or_default()),
    ]
}

fn url_with(path: &str, f: &FindingFilter, key: &str, value: Option<String>) -> String {
    let mut p = pairs(f);
    for (k, v) in p.iter_mut() {
        if *k == key {
            *v = value.clone().unwrap_or_default();
        }
    }
    with_query(path, &p)
}

/// `GET /findings?kind=…&severity=…&place=…&year=…&page=…`
pub(crate) async fn page(
    State(state): State<Shared>,
    params: Params,
    AskedLang(lang): AskedLang,
) -> Response {
    let (f, page) = match filter(&params).and_then(|f| Ok((f, params.page(PAGE_SIZE)?))) {
        Ok(x) => x,
        Err(e) => return e.into_response(),
    };
    let f2 = f.clone();
    let result = state
        .run(move |view, _| Ok(view.catalog.findings(view.snapshot.searcher(), &f2)))
        .await;
    match result {
        Ok(mut list) => {
            list.rows.iter_mut().for_each(|r| r.finding.say_in(lang));
            render(&f, page, &list).into_response()
        }
        Err(e) => e.into_response(),
    }
}

fn facet<T: ToString + Clone>(
    f: &FindingFilter,
    title: &str,
    key: &str,
    selected: Option<String>,
    values: Vec<(T, usize)>,
    label: impl Fn(&str) -> String,
) -> Markup {
    html! {
        section.facet {
            h3 { (title) }
            @if let Some(sel) = selected {
                p.selected { strong { (label(&sel)) } " " a href=(url_with("/findings", f, key, None)) { "× bỏ lọc" } }
            } @else {
                ul {
                    @for (v, n) in values.iter().take(15) {
                        @let v = v.to_string();
                        li { a href=(url_with("/findings", f, key, Some(v.clone()))) { (label(&v)) } " " span.count { (n) } }
                    }
                }
            }
        }
    }
}

fn render(f: &FindingFilter, page: usize, list: &FindingList) -> Markup {
    let start = (page - 1) * PAGE_SIZE;
    let rows = list.rows.iter().skip(start).take(PAGE_SIZE);
    let mut places: Vec<(String, usize)> = list.facets.place.clone().into_iter().collect();
    places.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut years: Vec<(u16, usize)> = list.facets.year.clone().into_iter().collect();
    years.reverse();
    let csv = with_query("/findings.csv", &pairs(f));
    let body = html! {
        h1 { "Phát hiện khi kiểm tra số liệu" }
        p.muted { "Những chỗ số liệu trong văn bản không khớp với phép tính, vượt 100%, cộng không ra tổng, hoặc đánh giá trái với số liệu." }
        div.results-layout {
            aside.facets aria-label="Bộ lọc" {
                (facet(f, "Mức độ", "severity", f.severity.clone(), list.facets.severity.clone().into_iter().collect(), |s| labels::parsed(s, Severity::parse, labels::severity)))
                (facet(f, "Loại phát hiện", "kind", f.kind.clone(), list.facets.kind.clone().into_iter().collect(), |k| labels::parsed(k, FindingKind::parse, labels::finding)))
                (facet(f, "Địa bàn", "place", f.place.clone(), places, str::to_string))
                (facet(f, "Năm", "year", f.year.map(|y| y.to_string()), years, str::to_string))
            }
            section.results {
                p.summary {
                    strong { (list.rows.len()) } " phát hiện"
                    " · " a.button #csv href=(csv) download="vanban-phat-hien.csv" { "Tải CSV" }
                }
                table.findings {
                    thead { tr { th { "Mức độ" } th { "Loại" } th { "Văn bản" } th { "Địa bàn" } th { "Ngày" } th { "Chi tiết" } } }
                    tbody {
                        @for r in rows {
                            tr class={ "sev-" (r.finding.severity) } {
                                td { (labels::severity(r.finding.severity)) }
                                td { (labels::finding(r.finding.kind)) }
                                td { a href={ (doc_url(&r.key)) "#L" (r.finding.line) } {
                                    (r.number.as_deref().unwrap_or(&r.key)) } " · dòng " (r.finding.line) }
                                td { (r.place.as_deref().unwrap_or("")) }
                                td.nowrap { (r.date.as_deref().map(labels::date).unwrap_or_default()) }
                                td.calc { (r.finding.message) }
                            }
                        }
                    }
                }
                (layout::pager(list.rows.len(), page, PAGE_SIZE, |p| {
                    let mut pp = pairs(f);
                    pp.push(("page", p.to_string()));
                    with_query("/findings", &pp)
                }))
            }
        }
    };
    layout::page("Phát hiện", Section::Findings, body)
}

/// A CSV field: quoted when needed, and kept from being read as a formula by a spreadsheet
/// (document text is untrusted).
pub(crate) fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `GET /findings.csv?…`: the same filters, every row.
pub(crate) async fn csv(
    State(state): State<Shared>,
    params: Params,
    AskedLang(lang): AskedLang,
) -> Response {
    let f = match filter(&params) {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let result = state
        .run(move |view, _| Ok(view.catalog.findings(view.snapshot.searcher(), &f)))
        .await;
    let list = match result {
        Ok(l) => l,
        Err(e) => return e.into_response(),
    };
    let mut out = String::from("\u{FEFF}key,number,place,date,line,severity,kind,message\r\n");
    for r in &list.rows {
        let fields = [
            csv_field(&r.key),
            csv_field(r.number.as_deref().unwrap_or("")),
            csv_field(r.place.as_deref().unwrap_or("")),
            csv_field(&r.date.as_deref().map(labels::date).unwrap_or_default()),
            r.finding.line.to_string(),
            csv_field(r.finding.severity.as_str()),
            csv_field(r.finding.kind.as_str()),
            csv_field(&r.finding.message_in(lang)),
        ];
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"vanban-phat-hien.csv\"",
            ),
        ],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("Tháp Mười"), "Tháp Mười");
    }
}
