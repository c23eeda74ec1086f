//! The search page: one box, filters with counts, highlighted snippets, pages; the URL holds
//! the whole query so it can be shared.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::error::AppError;
use super::layout::{self, doc_url, with_query, Section};
use super::params::Params;
use super::{labels, Shared, MAX_QUERY_CHARS, PAGE_SIZE};
use vanban_core::model::{IsoDate, Kind};
use vanban_index::query::{search_with, KeyFilter, SearchOptions, SearchResult};
use vanban_index::{FacetCollector, Facets, View};

/// A search as the URL states it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ask {
    pub q: String,
    pub kind: Option<String>,
    pub year: Option<u64>,
    pub place: Option<String>,
    pub issuer: Option<String>,
    pub cites: Option<String>,
    /// `hieu_luc=con`: only documents no indexed document replaces or repeals; `het`: only
    /// those one does.
    pub standing: Option<bool>,
    /// Issued on or after (`tu`), on or before (`den`).
    pub from: Option<IsoDate>,
    pub to: Option<IsoDate>,
    pub page: usize,
}

impl Ask {
    /// Reads and checks the parameters.
    pub fn from(p: &Params, per_page: usize) -> Result<Ask, AppError> {
        Ok(Ask {
            q: p.text("q", "Câu truy vấn", MAX_QUERY_CHARS)?
                .unwrap_or_default(),
            kind: p.text("kind", "Loại văn bản", 64)?,
            year: p.number("year", "Năm", 1000, 9999)?,
            place: p.text("place", "Địa bàn", 128)?,
            issuer: p.text("issuer", "Cơ quan ban hành", 200)?,
            cites: p.text("cites", "Số hiệu văn bản được dẫn", 128)?,
            standing: match p.text("hieu_luc", "Hiệu lực", 8)?.as_deref() {
                None => None,
                Some("con") => Some(true),
                Some("het") => Some(false),
                Some(other) => {
                    return Err(AppError::BadRequest(format!(
                        "Hiệu lực «{other}» không có; dùng hieu_luc=con (còn hiệu lực) hoặc hieu_luc=het (đã bị thay thế, bãi bỏ)."
                    )))
                }
            },
            from: day(p, "tu", "Từ ngày")?,
            to: day(p, "den", "Đến ngày")?,
            page: p.page(per_page)?,
        })
    }

    /// The query options for one page.
    pub fn options(&self, per_page: usize) -> SearchOptions {
        SearchOptions {
            query: self.q.clone(),
            kind: self.kind.clone(),
            year: self.year,
            issuer: self.issuer.clone(),
            place: self.place.clone(),
            cites: self.cites.clone(),
            keys: None,
            date_from: self.from.clone(),
            date_to: self.to.clone(),
            limit: per_page,
            offset: (self.page - 1) * per_page,
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("kind", self.kind.clone().unwrap_or_default()),
            ("year", self.year.map(|y| y.to_string()).unwrap_or_default()),
            ("place", self.place.clone().unwrap_or_default()),
            ("issuer", self.issuer.clone().unwrap_or_default()),
            ("cites", self.cites.clone().unwrap_or_default()),
            ("hieu_luc", standing_code(self.standing).to_string()),
            (
                "tu",
                self.from
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            (
                "den",
                self.to.as_ref().map(|d| d.to_string()).unwrap_or_default(),
            ),
        ]
    }

    /// The URL of this search with one parameter changed (and back to page 1).
    fn with(&self, key: &str, value: Option<String>) -> String {
        let mut pairs = self.pairs();
        for (k, v) in pairs.iter_mut() {
            if *k == key {
                *v = value.clone().unwrap_or_default();
            }
        }
        with_query("/", &pairs)
    }

    /// The URL of this search without the date filter.
    fn with_dates_cleared(&self) -> String {
        let pairs: Vec<(&'static str, String)> = self
            .pairs()
            .into_iter()
            .filter(|(k, _)| *k != "tu" && *k != "den")
            .collect();
        with_query("/", &pairs)
    }

    fn page_url(&self, page: usize) -> String {
        let mut pairs = self.pairs();
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        with_query("/", &pairs)
    }
}

/// A day typed in a parameter (`2024-06-01` from a date field, or `01/06/2024`).
fn day(p: &Params, key: &str, name: &str) -> Result<Option<IsoDate>, AppError> {
    match p.text(key, name, 16)? {
        None => Ok(None),
        Some(t) => IsoDate::from_typed(&t).map(Some).ok_or_else(|| {
            AppError::BadRequest(format!(
                "{name} «{t}» không phải là một ngày; ghi theo dạng 28/11/2025 hoặc 2025-11-28."
            ))
        }),
    }
}

/// The code of a standing filter in the URL.
fn standing_code(s: Option<bool>) -> &'static str {
    match s {
        Some(true) => "con",
        Some(false) => "het",
        None => "",
    }
}

/// Keeps a search to the documents that still stand (`Some(true)`) or to those that no
/// longer do (`Some(false)`), by the index's citations.
pub(crate) fn keep_standing(opts: &mut SearchOptions, standing: Option<bool>, view: &View) {
    if let Some(stands) = standing {
        let ended = vanban_index::ended_keys(&view.catalog, view.snapshot.searcher());
        opts.keys = Some(KeyFilter {
            keys: ended.into_iter().collect(),
            only: !stands,
        });
    }
}

/// `GET /?q=…&kind=…&year=…&place=…&issuer=…&cites=…&page=…`
pub(crate) async fn page(State(state): State<Shared>, params: Params) -> Response {
    let ask = match Ask::from(&params, PAGE_SIZE) {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let mut opts = ask.options(PAGE_SIZE);
    let standing = ask.standing;
    let result = state
        .run(move |view, ex| {
            keep_standing(&mut opts, standing, view);
            let facets = FacetCollector::new(view.catalog.clone());
            let (res, counts) = search_with(&view.snapshot, &opts, ex, facets)?;
            Ok((
                res,
                counts.into_facets(&view.catalog),
                view.snapshot.num_docs(),
            ))
        })
        .await;
    match result {
        Ok((res, facets, docs)) => render(&ask, &res, &facets, docs).into_response(),
        Err(AppError::BadRequest(msg)) => render_error(&ask, &msg).into_response(),
        Err(e) => e.into_response(),
    }
}

fn search_form(ask: &Ask) -> Markup {
    html! {
        form.search role="search" method="get" action="/" {
            label for="q" { "Tìm trong văn bản" }
            div.box {
                input #q type="search" name="q" value=(ask.q) maxlength=(MAX_QUERY_CHARS)
                    placeholder="Ví dụ: chuyen doi so, \"dịch vụ công trực tuyến\" -huyện" autofocus;
                @for (k, v) in ask.pairs().into_iter().skip(1) {
                    @if !v.is_empty() { input type="hidden" name=(k) value=(v); }
                }
                button type="submit" { "Tìm" }
            }
            p.hint {
                "Gõ có dấu hoặc không dấu đều được. Đặt cụm từ trong ngoặc kép để tìm đúng cụm; "
                code { "-từ" } " để loại trừ; " code { "OR" } " để lấy một trong hai."
            }
        }
    }
}

/// The issue-date filter: its own small form, so the search box's URL stays as typed.
fn date_filter(ask: &Ask) -> Markup {
    let shown = |d: &Option<IsoDate>| d.as_ref().map(|d| d.to_string()).unwrap_or_default();
    html! {
        section.facet {
            h3 { "Ngày ban hành" }
            form.dates method="get" action="/" {
                @for (k, v) in ask.pairs() {
                    @if !v.is_empty() && k != "tu" && k != "den" { input type="hidden" name=(k) value=(v); }
                }
                label for="tu" { "Từ ngày" }
                input #tu type="date" name="tu" value=(shown(&ask.from));
                label for="den" { "Đến ngày" }
                input #den type="date" name="den" value=(shown(&ask.to));
                button type="submit" { "Lọc" }
            }
            @if ask.from.is_some() || ask.to.is_some() {
                p { a href=(ask.with_dates_cleared()) { "× bỏ lọc ngày" } }
            }
        }
    }
}

fn render_error(ask: &Ask, msg: &str) -> Response {
    let body = html! {
        (search_form(ask))
        section.error role="alert" {
            h2 { "Không hiểu câu truy vấn" }
            p { (msg) }
        }
    };
    (
        axum::http::StatusCode::BAD_REQUEST,
        layout::page("Tìm kiếm", Section::Search, body),
    )
        .into_response()
}

/// The snippet with the matched words marked.
pub(crate) fn snippet(text: &str, ranges: &[(usize, usize)]) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at {
            continue;
        }
        let (Some(before), Some(hit)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        parts.push((false, before));
        parts.push((true, hit));
        at = e;
    }
    parts.push((false, text.get(at..).unwrap_or("")));
    html! {
        @for (hit, part) in parts {
            @if hit { mark { (part) } } @else { (part) }
        }
    }
}

fn facet_block<T: ToString>(
    ask: &Ask,
    title: &str,
    key: &str,
    selected: Option<String>,
    values: &[(T, usize)],
    label: impl Fn(&str) -> String,
) -> Markup {
    const SHOWN: usize = 12;
    html! {
        section.facet {
            h3 { (title) }
            @if let Some(sel) = &selected {
                p.selected {
                    strong { (label(sel)) }
                    " "
                    a href=(ask.with(key, None)) title="Bỏ bộ lọc này" { "× bỏ lọc" }
                }
            } @else if values.is_empty() {
                p.muted { "—" }
            } @else {
                ul {
                    @for (v, n) in values.iter().take(SHOWN) {
                        @let v = v.to_string();
                        li {
                            a href=(ask.with(key, Some(v.clone()))) { (label(&v)) }
                            " " span.count { (n) }
                        }
                    }
                }
                @if values.len() > SHOWN {
                    p.muted { "và " (values.len() - SHOWN) " giá trị khác" }
                }
            }
        }
    }
}

fn render(ask: &Ask, res: &SearchResult, facets: &Facets, docs: u64) -> Markup {
    let title = if ask.q.is_empty() {
        "Tìm kiếm".to_string()
    } else {
        format!("{} — tìm kiếm", ask.q)
    };
    let body = html! {
        (search_form(ask))
        div.results-layout {
            aside.facets aria-label="Bộ lọc" {
                (facet_block(ask, "Loại văn bản", "kind", ask.kind.clone(), &facets.kind, |k| labels::parsed(k, Kind::parse, labels::kind)))
                (facet_block(ask, "Năm", "year", ask.year.map(|y| y.to_string()), &facets.year, str::to_string))
                (facet_block(ask, "Địa bàn", "place", ask.place.clone(), &facets.place, str::to_string))
                (facet_block(ask, "Cơ quan ban hành", "issuer", ask.issuer.clone(), &facets.issuer, str::to_string))
                (date_filter(ask))
                section.facet {
                    h3 { "Hiệu lực" }
                    @match ask.standing {
                        Some(s) => p.selected {
                            strong { (if s { "Còn hiệu lực" } else { "Đã bị thay thế, bãi bỏ" }) }
                            " " a href=(ask.with("hieu_luc", None)) title="Bỏ bộ lọc này" { "× bỏ lọc" }
                        },
                        None => ul {
                            li { a href=(ask.with("hieu_luc", Some("con".into()))) { "Còn hiệu lực" } }
                            li { a href=(ask.with("hieu_luc", Some("het".into()))) { "Đã bị thay thế, bãi bỏ" } }
                        },
                    }
                }
                @if let Some(c) = &ask.cites {
                    section.facet {
                        h3 { "Dẫn chiếu văn bản" }
                        p.selected { strong { (c) } " " a href=(ask.with("cites", None)) { "× bỏ lọc" } }
                    }
                }
            }
            section.results aria-live="polite" {
                p.summary {
                    @if res.total == 0 {
                        "Không có văn bản nào khớp"
                    } @else {
                        "Tìm thấy " strong { (res.total) } " văn bản"
                        @if res.hits.len() < res.total {
                            " — trang " (ask.page)
                        }
                    }
                    span.muted { " (trong " (docs) " văn bản của kho)" }
                }
                ol.hits start=(res.hits.first().map(|h| h.rank).unwrap_or(1)) {
                    @for h in &res.hits {
                        @let href = match h.line {
                            Some(l) => format!("{}#L{l}", doc_url(&h.key)),
                            None => doc_url(&h.key),
                        };
                        li.hit {
                            div.hit-head {
                                span.badge { (labels::kind(h.kind)) }
                                a.hit-title href=(href) {
                                    (h.number.as_deref().unwrap_or("(chưa có số)"))
                                    @if let Some(t) = &h.title { " — " (t) }
                                }
                            }
                            p.snippet {
                                @if let Some(l) = h.line { span.line-no { "dòng " (l) ": " } }
                                (snippet(&h.snippet, &h.highlights))
                            }
                            p.meta {
                                @if let Some(d) = &h.date { "Ngày " (labels::date(d)) " · " }
                                span.path { (h.key) }
                            }
                        }
                    }
                }
                (layout::pager(res.total, ask.page, PAGE_SIZE, |p| ask.page_url(p)))
            }
        }
    };
    layout::page(&title, Section::Search, body)
}
