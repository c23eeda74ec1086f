//! Query latency on an index: runs the fixed query set of `benches/queries.tsv` and prints
//! p50 and p99 per category, as a user of `vanban search` and `vanban cites` sees them (each
//! call opens the index, searches, and builds the top-10 hits with snippets). `all` covers the
//! searches; `cites_list` (every citation of an id, with its sentence) is reported apart.
//!
//! Run: `cargo run --release --example query_latency -- INDEX [QUERIES] [RUNS]`
//! (default queries `benches/queries.tsv`, 30 runs of each query after one warm-up run).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use vanban::extract::Extractor;
use vanban::index::query::{cites, search, SearchOptions};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let index = PathBuf::from(
        args.next()
            .ok_or_else(|| anyhow::anyhow!("usage: query_latency INDEX [QUERIES] [RUNS]"))?,
    );
    let queries = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/benches/queries.tsv").into());
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(30);
    let ex = Extractor::built_in();
    let mut by_cat: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut hits: BTreeMap<String, usize> = BTreeMap::new();
    for line in std::fs::read_to_string(&queries)?.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (cat, q) = line
            .split_once('\t')
            .ok_or_else(|| anyhow::anyhow!("{queries}: no tab in {line:?}"))?;
        // `cites`: the documents citing the id, counted, the 10 best with snippets
        // (`vanban search --cites ID`), the same work as the other categories.
        // `cites_list`: every citation with its sentence (`vanban cites ID`).
        let search_one = || -> anyhow::Result<usize> {
            let opts = if cat == "cites" {
                SearchOptions {
                    cites: Some(q.to_string()),
                    limit: 10,
                    ..Default::default()
                }
            } else {
                SearchOptions {
                    query: q.to_string(),
                    limit: 10,
                    ..Default::default()
                }
            };
            Ok(search(&index, &opts, ex)?.total)
        };
        let list_one = || -> anyhow::Result<usize> { Ok(cites(&index, q, ex)?.documents) };
        let mut timed =
            |name: &str, run: &dyn Fn() -> anyhow::Result<usize>| -> anyhow::Result<()> {
                hits.insert(format!("{name}\t{q}"), run()?);
                for _ in 0..runs {
                    let t = Instant::now();
                    std::hint::black_box(run()?);
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    by_cat.entry(name.to_string()).or_default().push(ms);
                    if name != "cites_list" {
                        by_cat.entry("all".to_string()).or_default().push(ms);
                    }
                }
                Ok(())
            };
        timed(cat, &search_one)?;
        if cat == "cites" {
            timed("cites_list", &list_one)?;
        }
    }
    let mut out = serde_json::Map::new();
    for (cat, mut v) in by_cat {
        v.sort_by(f64::total_cmp);
        out.insert(
            cat,
            serde_json::json!({"n": v.len(), "p50_ms": percentile(&v, 0.5), "p99_ms": percentile(&v, 0.99)}),
        );
    }
    out.insert("matches".into(), serde_json::to_value(hits)?);
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
