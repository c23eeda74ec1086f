//! The web app in a real browser: headless Chromium driven through WebDriver (chromedriver),
//! the way an analyst uses it: search without accents, open a document, see a figure's
//! arithmetic and a finding, follow a citation to the cited document, look an id up, filter
//! the findings and download them as CSV, read the indicators.
//!
//! Needs `chromium` and `chromium-driver` (Debian); `.ci/run` installs them. Without
//! chromedriver the test says so and passes. With `VANBAN_SCREENSHOTS=DIR` it saves a
//! screenshot of each page into DIR (the README's pictures come from there).

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use vanban::extract::Extractor;
use vanban::index::Library;
use vanban::index::{ingest, IngestOptions};
use vanban::serve::{router, ServeOptions};

/// A child process killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VANBAN_CHROMEDRIVER") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("PATH")?
        .to_string_lossy()
        .split(':')
        .map(|d| Path::new(d).join("chromedriver"))
        .find(|p| p.is_file())
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    p.to_string_lossy()
                        .split(':')
                        .map(|d| Path::new(d).join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn shot(client: &fantoccini::Client, name: &str) {
    let Some(dir) = std::env::var_os("VANBAN_SCREENSHOTS") else {
        return;
    };
    let png = client.screenshot().await.unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
}

async fn wait_for(client: &fantoccini::Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css} on the page: {e}"))
}

/// Waits (at most 20 s) until the page's query holds `part`, and returns the query: a click on
/// a link or a form's button loads the next page later than the click returns, and the page
/// before may hold the same elements.
async fn wait_for_query(client: &fantoccini::Client, part: &str) -> Option<String> {
    let start = std::time::Instant::now();
    loop {
        let url = client.current_url().await.unwrap();
        let query = url.query().map(str::to_string);
        if query.as_deref().is_some_and(|q| q.contains(part))
            || start.elapsed() > Duration::from_secs(20)
        {
            return query;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_session_in_chromium() {
    let (Some(driver), Some(browser)) = (chromedriver(), chromium()) else {
        crate::tool_present(Some(
            "chromedriver or chromium is not installed (Debian: apt-get install chromium \
             chromium-driver); .ci/run installs them"
                .to_string(),
        ));
        return;
    };

    // The index of the test documents and the app on a free port of this machine.
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("serve");
    std::fs::create_dir(&docs).unwrap();
    for e in std::fs::read_dir("tests/data/serve").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), docs.join(e.file_name())).unwrap();
    }
    let index = dir.path().join("index");
    // Keys are the documents' absolute paths; pages are addressed by key.
    let prefix = docs.canonicalize().unwrap().to_string_lossy().into_owned();
    let summary = ingest(
        std::slice::from_ref(&docs),
        &IngestOptions::new(index.clone()),
        Extractor::built_in(),
        &|_| {},
    )
    .unwrap();
    assert_eq!(summary.added, 3);
    let app = router(
        Library::open(&index).unwrap(),
        &ServeOptions::new(index.clone()),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    // chromedriver, then a headless Chromium with a fresh profile and no network but ours.
    let port = free_port();
    let _driver = Killed(
        Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = dir.path().join("profile");
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": browser,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let client = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a Chromium session through chromedriver: {e}"),
        }
    };

    // The session runs as a task of its own so that, pass or fail, the browser is closed
    // (killing chromedriver alone would leave Chromium running).
    let outcome = tokio::spawn(session(client.clone(), base, downloads, prefix)).await;
    let _ = client.close().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the browser session was cancelled: {e}"),
        }
    }
}

/// What the analyst does, step by step.
async fn session(client: fantoccini::Client, base: String, downloads: PathBuf, prefix: String) {
    // 1. Search without accents, from the box.
    client.goto(&format!("{base}/")).await.unwrap();
    let q = wait_for(&client, "input#q").await;
    q.send_keys("chuyen doi so").await.unwrap();
    client
        .find(Locator::Css("form.search button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let query = wait_for_query(&client, "q=").await;
    wait_for(&client, "ol.hits").await;
    assert_eq!(
        query.as_deref(),
        Some("q=chuyen+doi+so"),
        "the URL holds the query"
    );
    let results = client
        .find(Locator::Css("section.results"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(results.contains("Tìm thấy 2 văn bản"), "{results}");
    assert!(results.contains("45/KH-UBND") && results.contains("112/BC-UBND"));
    let marked = client
        .find_all(Locator::Css(".snippet mark"))
        .await
        .unwrap();
    assert!(!marked.is_empty(), "matched words are highlighted");
    shot(&client, "search").await;

    // 2. Open the report.
    client
        .find(Locator::XPath(
            "//a[contains(@class,'hit-title')][contains(., '112/BC-UBND')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let h1 = wait_for(&client, "h1").await.text().await.unwrap();
    assert!(h1.contains("112/BC-UBND"), "{h1}");
    // The hit led to its best line; the picture shows the top of the page.
    client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .unwrap();
    shot(&client, "document").await;

    // 3. The wrong percentage: its arithmetic shows on keyboard focus, and the finding
    //    opens under its line.
    let fig = client.find(Locator::Css("mark.fig.flagged")).await.unwrap();
    let title = fig.attr("title").await.unwrap().unwrap_or_default();
    assert!(title.contains("3.127 / 5.210 × 100 = 60,02%"), "{title}");
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();",
            vec![serde_json::to_value(&fig).unwrap()],
        )
        .await
        .unwrap();
    let shown = client
        .execute(
            "return getComputedStyle(document.activeElement, '::after').content;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        shown.as_str().unwrap_or("").contains("văn bản ghi 61,25%"),
        "the arithmetic is drawn next to the focused figure: {shown}"
    );
    let summary_el = client
        .find(Locator::Css("#L13 details.finding summary"))
        .await
        .unwrap();
    summary_el.click().await.unwrap();
    let detail = client
        .find(Locator::Css("#L13 details.finding p.calc"))
        .await
        .unwrap();
    assert!(detail.is_displayed().await.unwrap());
    assert!(detail.text().await.unwrap().contains("61,25%"));
    client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&fig).unwrap()],
        )
        .await
        .unwrap();
    shot(&client, "arithmetic").await;

    // 4. Follow the citation of the plan to the plan itself.
    let link = client.find(Locator::Css("#L9 a.ref")).await.unwrap();
    assert_eq!(
        link.attr("href").await.unwrap().as_deref(),
        Some(format!("/doc/{prefix}/ke-hoach-45-cds-lam-ha.txt").as_str())
    );
    link.click().await.unwrap();
    let h1 = wait_for(&client, "h1").await.text().await.unwrap();
    assert!(h1.contains("45/KH-UBND"), "{h1}");
    let page = client.source().await.unwrap();
    assert!(page.contains("Được dẫn chiếu bởi (2)"));
    let diagram = client
        .find_all(Locator::Css("svg.relations a"))
        .await
        .unwrap();
    assert!(
        diagram.len() >= 3,
        "the diagram links what it rests on and what rests on it"
    );

    // 5. The id page, reached with a careless spelling.
    client
        .goto(&format!("{base}/id/45/kh%20-%20ubnd"))
        .await
        .unwrap();
    wait_for(&client, "ul.citations").await;
    assert!(client
        .current_url()
        .await
        .unwrap()
        .path()
        .ends_with("/id/45/KH-UBND"));
    let cits = client
        .find_all(Locator::Css("ul.citations li"))
        .await
        .unwrap();
    assert_eq!(cits.len(), 2);
    shot(&client, "id").await;

    // 6. Findings: filter by severity, then by place; download the CSV.
    client.goto(&format!("{base}/findings")).await.unwrap();
    wait_for(&client, "table.findings").await;
    client
        .find(Locator::LinkText("Lỗi"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let query = wait_for_query(&client, "severity=error").await;
    wait_for(&client, "table.findings").await;
    assert!(query.unwrap_or_default().contains("severity=error"));
    client
        .find(Locator::LinkText("Lâm Hà"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_query(&client, "place=").await;
    wait_for(&client, "table.findings").await;
    let rows = client
        .find_all(Locator::Css("table.findings tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].text().await.unwrap().contains("112/BC-UBND"));
    shot(&client, "findings").await;
    client
        .find(Locator::Css("a#csv"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let csv_path = downloads.join("vanban-phat-hien.csv");
    let until = Instant::now() + Duration::from_secs(20);
    while !csv_path.is_file() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let csv = std::fs::read_to_string(&csv_path).expect("the CSV was downloaded");
    assert!(csv.starts_with("\u{FEFF}key,number,place,date,line,severity,kind,message"));
    assert!(csv.contains("112/BC-UBND,Lâm Hà,15/12/2023,13,error,percent_mismatch"));
    assert_eq!(csv.lines().count(), 2);

    // 7. Indicators: the target, the values, met and missed, the chart.
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        client.goto(&format!("{base}/indicators")).await.unwrap();
        if !client
            .find_all(Locator::Css("article.indicator"))
            .await
            .unwrap()
            .is_empty()
        {
            break;
        }
        assert!(Instant::now() < until, "indicators never ready");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let text = client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("✗ Chưa đạt") && text.contains("✓ Đạt"),
        "{text}"
    );
    assert_eq!(
        client
            .find_all(Locator::Css("svg.chart"))
            .await
            .unwrap()
            .len(),
        2
    );
    shot(&client, "indicators").await;

    // 8. A document full of markup shows it as text and runs nothing.
    client
        .goto(&format!("{base}/doc/{prefix}/thong-bao-19-ky-tu-la.txt"))
        .await
        .unwrap();
    let line = wait_for(&client, "#L7 .lt").await.text().await.unwrap();
    assert!(line.contains("<script>alert(\"xss\")</script>"), "{line}");
    assert!(
        client.get_alert_text().await.is_err(),
        "no script from the document ran"
    );
    assert!(client
        .find_all(Locator::Css("main img"))
        .await
        .unwrap()
        .is_empty());
}
