//! Each indicator's targets and reported values per place and period, met or missed, with a
//! chart. The timelines come from [`vanban_index::query::IndexView::indicators`], which also judges
//! met or missed; this page only shows them.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

use super::error::AppError;
use super::layout::{self, doc_url, id_url, with_query, Section};
use super::params::Params;
use super::svg::{self, Point};
use super::{labels, Shared};
use vanban_core::normalize::fold;
use vanban_index::query::IndicatorTimeline;

/// Indicators per page.
const PER_PAGE: usize = 10;

/// The filters of the page.
#[derive(Debug, Clone, Default)]
pub(crate) struct IndicatorFilter {
    /// Words the indicator must contain (accents optional).
    pub q: Option<String>,
    /// The place (accents optional).
    pub place: Option<String>,
}

impl IndicatorFilter {
    pub fn from(p: &Params) -> Result<IndicatorFilter, AppError> {
        Ok(IndicatorFilter {
            q: p.text("q", "Từ khóa chỉ tiêu", 200)?,
            place: p.text("place", "Địa bàn", 128)?,
        })
    }

    pub fn keeps(&self, t: &IndicatorTimeline) -> bool {
        let words_ok = self.q.as_deref().is_none_or(|q| {
            let hay = fold(&t.indicator);
            fold(q).split_whitespace().all(|w| hay.contains(w))
        });
        // The one place matcher, as the findings filter uses it.
        let place_ok = self.place.as_deref().is_none_or(|p| {
            t.place
                .as_deref()
                .is_some_and(|tp| vanban_core::normalize::same_place(tp, p))
        });
        words_ok && place_ok
    }
}

/// A link to the document a timeline row names (its number, else its key).
fn doc_link(label: &str, ex: &vanban_core::extract::Extractor) -> String {
    match ex.canonical_id(label) {
        Some(id) => id_url(&id),
        None => doc_url(label),
    }
}

fn points(t: &IndicatorTimeline) -> Vec<Point> {
    let mut out = Vec::new();
    for g in &t.targets {
        if let Some(year) = g.horizon {
            out.push(Point {
                year,
                value: g.value,
                value_max: g.value_max,
                class: "target",
                title: format!(
                    "Chỉ tiêu {} {}%{} đến năm {year} ({})",
                    labels::comparator(g.comparator),
                    labels::num(g.value),
                    g.value_max
                        .map(|m| format!(" – {}%", labels::num(m)))
                        .unwrap_or_default(),
                    g.plan
                ),
            });
        }
    }
    for r in &t.results {
        let Some(year) = r.date.as_deref().and_then(vanban_core::model::iso_year) else {
            continue;
        };
        let (class, word) = match r.met {
            Some(true) => ("met", "đạt"),
            Some(false) => ("missed", "chưa đạt"),
            None => ("plain", "chưa có chỉ tiêu đến hạn"),
        };
        out.push(Point {
            year,
            value: r.value,
            value_max: None,
            class,
            title: format!(
                "{}%: {} ({}, {})",
                labels::num(r.value),
                word,
                r.report,
                r.date.as_deref().map(labels::date).unwrap_or_default()
            ),
        });
    }
    out
}

fn timeline(t: &IndicatorTimeline, ex: &vanban_core::extract::Extractor) -> Markup {
    html! {
        article.indicator {
            h2 { (t.indicator) }
            p.muted { "Địa bàn: " (t.place.as_deref().unwrap_or("không ghi")) }
            div.indicator-body {
                (svg::chart(&points(t)))
                table.timeline {
                    thead { tr { th { "" } th { "Văn bản" } th { "Giá trị" } th { "Năm / ngày" } th { "Kết quả" } } }
                    tbody {
                        @for g in &t.targets {
                            tr.target {
                                td { "Chỉ tiêu" }
                                td { a href=(doc_link(&g.plan, ex)) { (g.plan) } " · dòng " (g.line) }
                                td { (labels::comparator(g.comparator)) " " (labels::num(g.value)) "%"
                                    @if let Some(m) = g.value_max { " – " (labels::num(m)) "%" } }
                                td { (g.horizon.map(|h| h.to_string()).unwrap_or_else(|| "?".into())) }
                                td {}
                            }
                        }
                        @for r in &t.results {
                            tr.result {
                                td { "Kết quả" }
                                td { a href=(doc_link(&r.report, ex)) { (r.report) } " · dòng " (r.line) }
                                td { (labels::num(r.value)) "%" }
                                td { (r.date.as_deref().map(labels::date).unwrap_or_default()) }
                                td {
                                    @match r.met {
                                        Some(true) => span.met { "✓ Đạt" },
                                        Some(false) => span.missed { "✗ Chưa đạt" },
                                        None => span.muted { "—" },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /indicators?q=…&place=…&page=…`
pub(crate) async fn page(State(state): State<Shared>, params: Params) -> Response {
    let (f, page) =
        match IndicatorFilter::from(&params).and_then(|f| Ok((f, params.page(PER_PAGE)?))) {
            Ok(x) => x,
            Err(e) => return e.into_response(),
        };
    let now = state.indicators();
    let form = html! {
        form.filters method="get" action="/indicators" {
            label { "Chỉ tiêu có từ " input type="search" name="q" value=(f.q.clone().unwrap_or_default()); }
            label { "Địa bàn " input type="search" name="place" value=(f.place.clone().unwrap_or_default()); }
            button type="submit" { "Lọc" }
        }
    };
    let body = match &now.list {
        None => html! {
            h1 { "Chỉ tiêu và kết quả" }
            @if let Some(e) = &now.failed {
                p.error role="alert" { "Không tính được các chỉ tiêu: " (e) }
            } @else {
                p.notice role="status" { "Đang tổng hợp chỉ tiêu từ toàn bộ kho văn bản… " a href=(with_query("/indicators", &[("q", f.q.clone().unwrap_or_default()), ("place", f.place.clone().unwrap_or_default())])) { "Tải lại trang" } " sau ít giây." }
            }
        },
        Some(list) => {
            let kept: Vec<&IndicatorTimeline> = list.iter().filter(|t| f.keeps(t)).collect();
            let missed = kept
                .iter()
                .filter(|t| t.results.iter().any(|r| r.met == Some(false)))
                .count();
            html! {
                h1 { "Chỉ tiêu và kết quả" }
                p.muted { "Chỉ tiêu của các kế hoạch và số liệu các báo cáo, nhóm theo chỉ số (không phân biệt dấu) và địa bàn. "
                    "Hình thoi: chỉ tiêu; chấm xanh: đạt; chấm đỏ: chưa đạt; chấm xám: chưa có chỉ tiêu đến hạn." }
                @if now.stale { p.notice role="status" { "Kho vừa được cập nhật; số liệu dưới đây sẽ được làm mới sau ít phút." } }
                (form)
                p.summary { strong { (kept.len()) } " chỉ số · " (missed) " chỉ số có kết quả chưa đạt" }
                @for t in kept.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE) {
                    (timeline(t, state.extractor))
                }
                (layout::pager(kept.len(), page, PER_PAGE, |p| with_query("/indicators", &[
                    ("q", f.q.clone().unwrap_or_default()),
                    ("place", f.place.clone().unwrap_or_default()),
                    ("page", p.to_string()),
                ])))
            }
        }
    };
    layout::page("Chỉ tiêu", Section::Indicators, body).into_response()
}
