//! Load generator for `vanban serve`: N concurrent clients with keep-alive connections send
//! the queries of `benches/queries.tsv` round-robin to one route for a fixed time, and the
//! latency of every answer is recorded. Prints requests/s and p50/p90/p99/max per route.
//!
//!     cargo bench --bench serve_load -- URL [CLIENTS] [SECONDS]
//!
//! Only loopback URLs are accepted (this is a load test). `benches/serve.sh` starts the server
//! on a generated index, runs this on the search page and on the API, and measures the
//! server's memory. Without a URL it prints how to run it and exits.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

fn queries() -> Vec<(String, String)> {
    let text = include_str!("queries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(cat, q)| (cat.to_string(), q.to_string()))
        .collect()
}

/// The query string of one benchmark query: `cites` queries filter by the cited id.
fn query_string(cat: &str, q: &str) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    if cat == "cites" {
        ser.append_pair("cites", q);
    } else {
        ser.append_pair("q", q);
    }
    ser.finish()
}

struct Run {
    latencies_us: Vec<u64>,
    failed: usize,
    seconds: f64,
}

async fn run(base: &str, route: &str, clients: usize, seconds: u64) -> Run {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build_http();
    let urls: Arc<Vec<String>> = Arc::new(
        queries()
            .iter()
            .map(|(c, q)| format!("{base}{route}?{}", query_string(c, q)))
            .collect(),
    );
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut failed = 0;
            while Instant::now() < until {
                let url = &urls[next.fetch_add(1, Ordering::Relaxed) % urls.len()];
                let t = Instant::now();
                let ok = match client.get(url.parse().expect("a valid URL")).await {
                    Ok(resp) => {
                        let status = resp.status();
                        resp.into_body().collect().await.is_ok() && status.is_success()
                    }
                    Err(_) => false,
                };
                lat.push(t.elapsed().as_micros() as u64);
                if !ok {
                    failed += 1;
                }
            }
            (lat, failed)
        }));
    }
    let mut all = Vec::new();
    let mut failed = 0;
    for t in tasks {
        let (lat, f) = t.await.expect("a client task");
        all.extend(lat);
        failed += f;
    }
    all.sort_unstable();
    Run {
        latencies_us: all,
        failed,
        seconds: started.elapsed().as_secs_f64(),
    }
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(base) = args.first() else {
        println!("serve_load: no URL given; run benches/serve.sh, or: cargo bench --bench serve_load -- http://127.0.0.1:8080 [CLIENTS] [SECONDS]");
        return;
    };
    let base = base.trim_end_matches('/').to_string();
    let host = base
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    assert!(
        host == "localhost" || host.starts_with("127.") || host == "[::1]",
        "serve_load only loads a server on this machine (got {base})"
    );
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let seconds: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(30);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    println!("| route | clients | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | failed |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for route in ["/", "/api/search"] {
        let r = rt.block_on(run(&base, route, clients, seconds));
        let l = &r.latencies_us;
        println!(
            "| `{route}` | {clients} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            l.len(),
            l.len() as f64 / r.seconds,
            pct(l, 0.50),
            pct(l, 0.90),
            pct(l, 0.99),
            pct(l, 1.0),
            r.failed
        );
    }
}
