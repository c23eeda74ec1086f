//! The web app end to end, without a browser: an index built from `tests/data/serve` (a plan,
//! a report that cites it with a wrong percentage, and a notice full of markup), requests sent
//! to the router, answers checked for what an analyst sees and for what must never happen.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;
use vanban::extract::Extractor;
use vanban::index::Library;
use vanban::index::{ingest, IngestOptions};
use vanban::serve::{router, ServeOptions};

struct App {
    _dir: tempfile::TempDir,
    docs: PathBuf,
    /// The documents' folder as their keys begin (its absolute path).
    prefix: String,
    index: PathBuf,
    app: Router,
}

/// Copies the test documents into a fresh folder named `serve`, ingests it, opens the app.
fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("serve");
    std::fs::create_dir(&docs).unwrap();
    for e in std::fs::read_dir("tests/data/serve").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), docs.join(e.file_name())).unwrap();
    }
    let index = dir.path().join("index");
    ingest_into(&docs, &index);
    let opts = ServeOptions::new(index.clone());
    let app = router(Library::open(&index).unwrap(), &opts);
    let prefix = docs.canonicalize().unwrap().to_string_lossy().into_owned();
    App {
        _dir: dir,
        docs,
        prefix,
        index,
        app,
    }
}

impl App {
    /// The key of a test document.
    fn key(&self, name: &str) -> String {
        format!("{}/{name}", self.prefix)
    }

    /// The address of a test document's page under `route` (`/doc/`, `/file/`, …), as the app
    /// writes it: the route, then the key.
    fn url(&self, route: &str, name: &str) -> String {
        format!("{route}{}", self.key(name))
    }
}

fn ingest_into(docs: &Path, index: &Path) {
    let opts = IngestOptions::new(index.to_path_buf());
    let summary = ingest(&[docs.to_path_buf()], &opts, Extractor::built_in(), &|_| {}).unwrap();
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[tokio::test]
async fn accentless_search_finds_accented_text_with_facets_and_marks() {
    let a = app();
    let r = get(&a.app, "/?q=chuyen+doi+so").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<mark>chuyển</mark>"), "{}", r.body);
    assert!(
        r.body.contains("Tìm thấy <strong>2</strong> văn bản"),
        "{}",
        r.body
    );
    // Facets count what the query matches, and each links to the filtered search.
    assert!(r.body.contains("href=\"/?q=chuyen+doi+so&amp;kind=plan\""));
    assert!(r.body.contains("Lâm Hà"));
    let plans = get(&a.app, "/?q=chuyen+doi+so&kind=plan").await;
    assert!(plans.body.contains("Tìm thấy <strong>1</strong> văn bản"));
    assert!(plans.body.contains("45/KH-UBND"));
    assert!(!plans.body.contains("112/BC-UBND"));
    // The query is in the URL of every page link and in the box.
    assert!(r.body.contains("value=\"chuyen doi so\""));
}

#[tokio::test]
async fn phrases_and_exclusions_work_from_the_box() {
    let a = app();
    let r = get(&a.app, "/?q=%22ket+noi+internet%22+-bao").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("45/KH-UBND"), "{}", r.body);
    assert!(!r.body.contains("112/BC-UBND"));
}

#[tokio::test]
async fn a_slip_in_a_query_is_searched_not_refused() {
    let a = app();
    // An unclosed quote searches its words, on the page and in the API.
    let closed = get(&a.app, "/api/search?q=ket+noi+internet").await;
    let open = get(&a.app, "/api/search?q=%22ket+noi+internet").await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.body);
    let total =
        |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["total"].clone();
    assert_eq!(total(&open.body), total(&closed.body));
    assert!(total(&open.body).as_u64().unwrap() > 0);
    // A bare operator, a lone minus, a stray bracket or caret: a search, never a 400.
    for q in [
        "OR",
        "-",
        "internet+OR",
        "internet+-",
        "%28internet",
        "internet%5E",
        "%5Ba+TO",
    ] {
        let r = get(&a.app, &format!("/?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "{q}");
        assert!(
            !r.body.contains("panicked") && !r.body.contains("src/"),
            "{q}"
        );
    }
    // Full-width letters and a zero-width space inside a word find what the plain word finds.
    let wide = get(
        &a.app,
        "/api/search?q=%EF%BD%89%EF%BD%8E%EF%BD%94%EF%BD%85%EF%BD%92%EF%BD%8E%EF%BD%85%EF%BD%94",
    )
    .await;
    let zw = get(&a.app, "/api/search?q=inter%E2%80%8Bnet").await;
    let plain = get(&a.app, "/api/search?q=internet").await;
    assert_eq!(total(&wide.body), total(&plain.body));
    assert_eq!(total(&zw.body), total(&plain.body));
}

#[tokio::test]
async fn requests_are_bounded() {
    let a = app();
    for (uri, status) in [
        ("/?page=0", StatusCode::BAD_REQUEST),
        ("/?page=99999999", StatusCode::BAD_REQUEST),
        ("/?year=abc", StatusCode::BAD_REQUEST),
        ("/api/search?limit=100000", StatusCode::BAD_REQUEST),
        ("/api/search?offset=999999999", StatusCode::BAD_REQUEST),
        ("/findings?year=-1", StatusCode::BAD_REQUEST),
        ("/nothing-here", StatusCode::NOT_FOUND),
    ] {
        let r = get(&a.app, uri).await;
        assert_eq!(r.status, status, "{uri}");
    }
    // An unknown API answers in JSON, an unknown page in HTML.
    let api = get(&a.app, "/api/nope").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    let v: serde_json::Value = serde_json::from_str(&api.body).expect("JSON");
    assert_eq!(v["status"], 404);
    assert!(v["error"].as_str().unwrap().contains("/api/search"));
    let page = get(&a.app, "/nothing-here").await;
    assert!(
        page.body.contains("<html") || page.body.contains("<!DOCTYPE"),
        "{}",
        page.body
    );
    let long = format!("/?q={}", "a".repeat(600));
    assert_eq!(get(&a.app, &long).await.status, StatusCode::BAD_REQUEST);
    let huge = format!("/?q={}", "a".repeat(5000));
    let r = get(&a.app, &huge).await;
    assert_eq!(r.status, StatusCode::URI_TOO_LONG);
    assert!(r.body.contains("quá dài"));
    let post = Request::post("/").body(Body::from("x=1")).unwrap();
    assert_eq!(
        send(&a.app, post).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn untrusted_text_is_always_shown_as_text() {
    let a = app();
    let r = get(&a.app, &a.url("/doc/", "thong-bao-19-ky-tu-la.txt")).await;
    assert_eq!(r.status, StatusCode::OK);
    // A notice is called what it calls itself, and its date is written the Vietnamese way.
    assert!(r.body.contains("<h1>Thông báo 19/TB-UBND"), "{}", r.body);
    assert!(r.body.contains("03/04/2024") && !r.body.contains("2024-04-03"));
    assert!(!r.body.to_lowercase().contains("<script"), "{}", r.body);
    assert!(!r.body.contains("<img"));
    assert!(!r.body.contains("href=\"javascript:"));
    assert!(r
        .body
        .contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"));
    assert!(r.body.contains("javascript:alert(document.cookie)"));
    assert!(r
        .body
        .contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;"));
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    // The search page shows its title escaped too.
    let s = get(&a.app, "/?q=cong+thong+tin").await;
    assert!(!s.body.to_lowercase().contains("<script"));
    assert!(s.body.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn document_page_links_references_marks_figures_and_draws_relations() {
    let a = app();
    let r = get(&a.app, &a.url("/doc/", "bao-cao-112-cds-lam-ha.txt")).await;
    assert_eq!(r.status, StatusCode::OK);
    // The plan it implements is indexed: the reference leads to it.
    assert!(r.body.contains(&format!(
        "href=\"{}\"",
        a.url("/doc/", "ke-hoach-45-cds-lam-ha.txt")
    )));
    // The decree is not: the reference leads to the page of its id.
    assert!(
        r.body.contains("href=\"/id/42/2022/N%C4%90-CP\""),
        "{}",
        r.body
    );
    // The wrong percentage carries the arithmetic, and the finding sits on its line.
    assert!(
        r.body.contains("3.127 / 5.210 × 100 = 60,02%"),
        "{}",
        r.body
    );
    assert!(r.body.contains("văn bản ghi 61,25%"));
    assert!(r.body.contains("tabindex=\"0\""));
    assert!(r.body.contains("id=\"L13\""));
    assert!(r.body.contains("Tỷ lệ không khớp với phép chia"));
    assert!(r.body.contains("<svg class=\"relations\""));
    assert!(r.body.contains(&format!(
        "href=\"{}\"",
        a.url("/file/", "bao-cao-112-cds-lam-ha.txt")
    )));
    assert!(r.body.contains(&format!(
        "href=\"{}\"",
        a.url("/api/documents/", "bao-cao-112-cds-lam-ha.txt")
    )));
    // The plan's page lists who cites it, with the role.
    let plan = get(&a.app, &a.url("/doc/", "ke-hoach-45-cds-lam-ha.txt")).await;
    assert!(
        plan.body.contains("Được dẫn chiếu bởi (2)"),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("Được thực hiện bởi"));
}

#[tokio::test]
async fn id_page_takes_any_spelling_and_lists_citations() {
    let a = app();
    let r = get(&a.app, "/id/45/kh%20-%20ubnd").await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers["location"], "/id/45/KH-UBND");
    let r = get(&a.app, "/id/45/KH-UBND").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Được dẫn chiếu 2 lần trong 2 văn bản"),
        "{}",
        r.body
    );
    assert!(r
        .body
        .contains("Thực hiện Kế hoạch số 45/KH-UBND ngày 10/02/2023"));
    assert!(r.body.contains(&format!(
        "href=\"{}\"",
        a.url("/doc/", "ke-hoach-45-cds-lam-ha.txt")
    )));
    let bad = get(&a.app, "/id/not-an-id").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("không phải là một số hiệu"));
}

#[tokio::test]
async fn findings_filter_and_download_as_csv() {
    let a = app();
    let r = get(&a.app, "/findings").await;
    assert!(
        r.body.contains("<strong>1</strong> phát hiện"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Tỷ lệ không khớp với phép chia"));
    let none = get(&a.app, "/findings?severity=info").await;
    assert!(none.body.contains("<strong>0</strong> phát hiện"));
    let csv = get(&a.app, "/findings.csv?place=lam+ha").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut lines = csv.body.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{FEFF}key,number,place,date,line,severity,kind,message"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!("{},", a.key("bao-cao-112-cds-lam-ha.txt")))
            && row.contains(",112/BC-UBND,Lâm Hà,15/12/2023,13,error,percent_mismatch,"),
        "{row}"
    );
    assert!(lines.next().is_none());
    // Said in Vietnamese by default; in English on request, by parameter or by header.
    assert!(row.contains("nhưng văn bản ghi"), "{row}");
    let en = get(&a.app, "/findings.csv?place=lam+ha&lang=en").await;
    assert!(en.body.contains("but the text states"), "{}", en.body);
    let asked = send(
        &a.app,
        Request::get("/findings?place=lam+ha")
            .header("accept-language", "en-GB,en;q=0.9,vi;q=0.5")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(asked.body.contains("but the text states"));
    let doc = get(
        &a.app,
        &format!("/doc/{}", a.key("bao-cao-112-cds-lam-ha.txt")),
    )
    .await;
    assert!(doc.body.contains("nhưng văn bản ghi"));
    let elsewhere = get(&a.app, "/findings.csv?place=da+don").await;
    assert_eq!(elsewhere.body.lines().count(), 1);
}

#[tokio::test]
async fn indicators_show_targets_results_and_verdicts() {
    let a = app();
    // The API waits for the first computation; the page then has it.
    let api = get(&a.app, "/api/indicators").await;
    assert_eq!(api.status, StatusCode::OK);
    let cli = vanban::index::query::indicators(&a.index, Extractor::built_in().rules()).unwrap();
    assert_eq!(api.body, serde_json::to_string(&cli).unwrap());
    let r = get(&a.app, "/indicators?q=ho+so").await;
    assert!(r.body.contains("<strong>1</strong> chỉ số"), "{}", r.body);
    // The API filters as the page does.
    let some = get(&a.app, "/api/indicators?q=ho+so").await;
    let v: serde_json::Value = serde_json::from_str(&some.body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{}", some.body);
    assert!(cli.len() > 1);
    let nowhere = get(&a.app, "/api/indicators?place=khong+co+noi+nay").await;
    assert_eq!(nowhere.body, "[]");
    // A place in any case and with or without accents is the same place; part of a name is
    // not (one place matcher for findings and indicators).
    let here = get(&a.app, "/api/indicators?place=LAM+HA").await;
    let v: serde_json::Value = serde_json::from_str(&here.body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), cli.len(), "{}", here.body);
    assert_eq!(get(&a.app, "/api/indicators?place=lam").await.body, "[]");
    assert!(r.body.contains("✗ Chưa đạt"));
    assert!(r.body.contains("<svg class=\"chart\""));
    let all = get(&a.app, "/indicators").await;
    assert!(all.body.contains("✓ Đạt"));
}

#[tokio::test]
async fn the_api_returns_what_the_command_line_prints() {
    let a = app();
    let api = get(&a.app, "/api/search?q=chuyen+doi+so&limit=10").await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["search", "chuyen doi so", "--json", "--index"])
        .arg(&a.index)
        .output()
        .unwrap();
    assert!(out.status.success());
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let web: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(web, cli);
    let cites = get(&a.app, "/api/cites/45/kh-ubnd").await;
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["cites", "45/kh-ubnd", "--json", "--index"])
        .arg(&a.index)
        .output()
        .unwrap();
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&cites.body).unwrap(),
        cli
    );
    let missing = get(&a.app, &a.url("/api/refs/", "none.txt")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_original_file_is_served_only_as_indexed() {
    let a = app();
    let key = a.key("bao-cao-112-cds-lam-ha.txt");
    let r = get(&a.app, &format!("/file/{key}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let on_disk = std::fs::read_to_string(a.docs.join("bao-cao-112-cds-lam-ha.txt")).unwrap();
    assert_eq!(r.body, on_disk);
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    // Paths are looked up as keys, never opened: nothing outside the index can be named.
    for probe in [
        "/file/serve/../../../../etc/passwd",
        "/file/%2e%2e/%2e%2e/etc/passwd",
        "/file//etc/passwd",
        "/file/serve/..%2f..%2fCargo.toml",
    ] {
        let r = get(&a.app, probe).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{probe}");
        assert!(!r.body.contains("root:"));
    }
    // A file changed since it was indexed is not served.
    std::fs::write(a.docs.join("bao-cao-112-cds-lam-ha.txt"), "đã sửa").unwrap();
    let r = get(&a.app, &format!("/file/{key}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("đã thay đổi"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_commit_is_picked_up_without_a_restart() {
    let a = app();
    let before = get(&a.app, "/?q=truong+hoc+so").await;
    assert!(before.body.contains("Không có văn bản nào khớp"));
    std::fs::write(
        a.docs.join("bao-cao-07-truong-hoc-so.txt"),
        "ỦY BAN NHÂN DÂN\nXÃ PHÚ SƠN\nSố: 07/BC-UBND\nPhú Sơn, ngày 02 tháng 3 năm 2024\n\nBÁO CÁO\nKết quả xây dựng trường học số\n\nSố trường học số là 9/12 trường (đạt 80%).\n",
    )
    .unwrap();
    let (docs, index) = (a.docs.clone(), a.index.clone());
    tokio::task::spawn_blocking(move || ingest_into(&docs, &index))
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status: serde_json::Value =
            serde_json::from_str(&get(&a.app, "/api/status").await.body).unwrap();
        if status["documents"] == 4 {
            break;
        }
        assert!(Instant::now() < deadline, "the commit was not picked up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after = get(&a.app, "/?q=truong+hoc+so").await;
    assert!(after.body.contains("07/BC-UBND"), "{}", after.body);
    // The catalog was warmed for the new segment: its finding is listed.
    let f = get(&a.app, "/findings?place=phu+son").await;
    assert!(f.body.contains("07/BC-UBND"), "{}", f.body);
}

#[test]
fn serve_binds_to_this_machine_unless_told_otherwise() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
    assert_eq!(vanban::serve::DEFAULT_ADDR, "127.0.0.1:8080");
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--index", "/nonexistent/vanban-index"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("no index here"), "{err}");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn param() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 \"+\\-*():~^\\[\\]{}!/\\\\]{0,40}",
            any::<String>(),
            "[0-9]{0,25}",
            Just("-".to_string()),
            Just("\"".to_string()),
            Just("AND OR NOT".to_string()),
            Just("%FF%FE%00".to_string()),
        ]
    }

    fn path() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("/"),
            Just("/api/search"),
            Just("/findings"),
            Just("/findings.csv"),
            Just("/indicators"),
            Just("/api/findings"),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
        /// Whatever the parameters, the answer is a page or a clear refusal, never a 5xx.
        #[test]
        fn no_parameter_makes_the_server_fail(
            p in path(),
            q in param(), kind in param(), year in param(), page in param(),
            place in param(), tail in "[^?#]{0,30}",
        ) {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let a = APP.with(|a| a.app.clone());
            rt.block_on(async move {
                let mut ser = form_urlencoded::Serializer::new(String::new());
                ser.append_pair("q", &q).append_pair("kind", &kind).append_pair("year", &year)
                    .append_pair("page", &page).append_pair("place", &place)
                    .append_pair("severity", &kind).append_pair("limit", &year).append_pair("offset", &page);
                let uri = format!("{p}?{}", ser.finish());
                let r = get(&a, &uri).await;
                prop_assert!(r.status.is_success() || r.status.is_client_error(), "{uri}: {}", r.status);
                prop_assert!(!r.body.to_lowercase().contains("<script"));
                let enc: String = form_urlencoded::byte_serialize(tail.as_bytes()).collect();
                for prefix in ["/doc/", "/id/", "/file/", "/api/cites/", "/api/refs/", "/api/documents/"] {
                    let uri = format!("{prefix}{enc}");
                    let r = get(&a, &uri).await;
                    prop_assert!(r.status.is_success() || r.status.is_client_error() || r.status.is_redirection(),
                        "{uri}: {}", r.status);
                }
                Ok::<(), TestCaseError>(())
            })?;
        }
    }

    thread_local! {
        static APP: App = app();
    }
}

/// Writes the documents into a fresh folder, ingests them and opens the app.
fn app_of(docs: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, Router) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    for (name, text) in docs {
        std::fs::write(folder.join(name), text).unwrap();
    }
    let index = dir.path().join("index");
    ingest_into(&folder, &index);
    let app = router(
        Library::open(&index).unwrap(),
        &ServeOptions::new(index.clone()),
    );
    let folder = folder.canonicalize().unwrap();
    (dir, folder, app)
}

#[tokio::test]
async fn a_document_replaced_or_amended_by_another_says_so_and_search_can_leave_it_out() {
    let old = "ỦY BAN NHÂN DÂN\nHUYỆN TÂN HỒNG\nSố: 12/QĐ-UBND\nTân Hồng, ngày 05 tháng 3 năm 2020\n\nQUYẾT ĐỊNH\nBan hành Quy chế tiếp nhận hồ sơ một cửa\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận hồ sơ một cửa.\n";
    let new = "ỦY BAN NHÂN DÂN\nHUYỆN TÂN HỒNG\nSố: 30/QĐ-UBND\nTân Hồng, ngày 10 tháng 6 năm 2024\n\nQUYẾT ĐỊNH\nBan hành Quy chế tiếp nhận hồ sơ một cửa\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/QĐ-UBND ngày 05/3/2020 của Ủy ban nhân dân huyện.\n";
    let amending = "ỦY BAN NHÂN DÂN\nHUYỆN TÂN HỒNG\nSố: 41/QĐ-UBND\nTân Hồng, ngày 02 tháng 8 năm 2024\n\nQUYẾT ĐỊNH\nSửa đổi Quy chế tiếp nhận hồ sơ một cửa\n\nĐiều 1. Sửa đổi, bổ sung Điều 3 của Quyết định số 30/QĐ-UBND ngày 10/6/2024 của Ủy ban nhân dân huyện về tiếp nhận hồ sơ một cửa.\n";
    // An older document naming the same number for another date replaces nothing of it.
    let other = "ỦY BAN NHÂN DÂN\nHUYỆN TÂN HỒNG\nSố: 7/QĐ-UBND\nTân Hồng, ngày 01 tháng 2 năm 2019\n\nQUYẾT ĐỊNH\nVề tiếp nhận hồ sơ\n\nĐiều 1. Quyết định này thay thế Quyết định số 30/QĐ-UBND ngày 02/01/2018 của Ủy ban nhân dân huyện.\n";
    let (_dir, folder, app) = app_of(&[
        ("qd-12.txt", old),
        ("qd-30.txt", new),
        ("qd-41.txt", amending),
        ("qd-7.txt", other),
    ]);
    let key = |n: &str| format!("{}/{n}", folder.to_string_lossy());
    let page = get(&app, &format!("/doc/{}", key("qd-12.txt"))).await;
    assert!(
        page.body.contains("văn bản đã bị thay thế hoặc bãi bỏ"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Bị thay thế bởi"));
    assert!(page.body.contains(&format!("/doc/{}#L", key("qd-30.txt"))));
    let page = get(&app, &format!("/doc/{}", key("qd-30.txt"))).await;
    let box_of = |body: &str| {
        let at = body.find("class=\"standing\"").unwrap();
        body[at..at + body[at..].find("</section>").unwrap()].to_string()
    };
    let standing = box_of(&page.body);
    assert!(
        standing.contains("còn hiệu lực, đã được sửa đổi, bổ sung"),
        "{standing}"
    );
    assert!(standing.contains("Được sửa đổi, bổ sung bởi"));
    assert!(standing.contains(&key("qd-41.txt")));
    // qd-7 names 30/QĐ-UBND of another date: not this one.
    assert!(!standing.contains("Bị thay thế bởi"), "{standing}");
    let page = get(&app, &format!("/doc/{}", key("qd-41.txt"))).await;
    assert!(page.body.contains("chưa có văn bản nào trong kho thay thế"));
    // The search filter, on the page and in the API.
    let standing = get(&app, "/api/search?q=&hieu_luc=con&limit=50").await;
    let v: serde_json::Value = serde_json::from_str(&standing.body).unwrap();
    let keys: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert!(!keys.contains(&key("qd-12.txt").as_str()));
    let ended = get(&app, "/api/search?q=&hieu_luc=het").await;
    let v: serde_json::Value = serde_json::from_str(&ended.body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["key"], key("qd-12.txt"));
    let page = get(&app, "/?q=hồ+sơ&hieu_luc=het").await;
    assert!(page.body.contains("Đã bị thay thế, bãi bỏ"));
    let bad = get(&app, "/?q=&hieu_luc=maybe").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // Issued from / to a day, as a date field sends it or as documents write it.
    let total =
        |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap()["total"].clone();
    let recent = get(&app, "/api/search?q=&tu=2024-01-01").await;
    assert_eq!(total(&recent.body), 2, "{}", recent.body);
    let older = get(&app, "/api/search?q=&den=31/12/2020").await;
    assert_eq!(total(&older.body), 2, "{}", older.body);
    let one = get(&app, "/api/search?q=&tu=01/06/2024&den=2024-06-30").await;
    assert_eq!(total(&one.body), 1);
    let page = get(&app, "/?q=&tu=2024-01-01").await;
    assert!(page.body.contains("value=\"2024-01-01\""));
    let bad = get(&app, "/?q=&tu=31/02/2024").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
