//! Throughput of each pipeline stage on one core, in MB/s (criterion's `thrpt`):
//!
//! - `50kb`: normalise, extract and legacy decoding of a ~50 KB document made from `corpus/`;
//! - `stages`: read+normalise, extract, and index write (build the index documents, add them,
//!   commit) of 64 documents from `vanban-gen` (seed 1, about 1.8 MB);
//! - `query`: search and cites lookups on an index of 2000 generated documents;
//! - `one_line`: extract and check a report whose lines were all joined into one, at 1, 2, 4
//!   and 8 MB: the throughput must stay level (time linear in the size).
//!
//! Run: `cargo bench --bench pipeline`. Whole-corpus figures at 10k and 100k documents, and
//! the comparison with ripgrep and SQLite FTS5, come from `benches/compare.sh`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vanban::extract::Extractor;
use vanban::index::query::{search, SearchOptions};
use vanban::index::{build_doc, ingest, IngestOptions};
use vanban::normalize::{normalize, NormalizeOptions};
use vanban::LoadOptions;

fn fifty_kb() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut parts = Vec::new();
    for e in std::fs::read_dir(&root).unwrap() {
        let p = e.unwrap().path();
        if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            parts.push(std::fs::read_to_string(&p).unwrap());
        }
    }
    parts.sort();
    let mut doc = String::new();
    while doc.len() < 50 * 1024 {
        for p in &parts {
            doc.push_str(p);
            doc.push('\n');
        }
    }
    doc
}

fn bench(c: &mut Criterion) {
    let doc = fifty_kb();
    let ex = Extractor::built_in();
    let normalised = normalize(&doc, NormalizeOptions::default());
    let mut g = c.benchmark_group("50kb");
    g.throughput(Throughput::Bytes(doc.len() as u64));
    g.bench_function("normalise", |b| {
        b.iter(|| normalize(black_box(&doc), NormalizeOptions::default()))
    });
    g.bench_function("extract", |b| {
        b.iter(|| ex.extract_text(black_box(&normalised)))
    });
    let bytes = vanban::read::encode(&doc, vanban::Encoding::VniWindows);
    g.bench_function("decode_legacy_vni", |b| {
        b.iter(|| vanban::read::decode(black_box(&bytes)))
    });
    g.finish();
}

fn stages(c: &mut Criterion) {
    let files: Vec<(String, Vec<u8>)> = (0..64)
        .map(|i| {
            let d = vanban_gen::document(1, i);
            (d.entry.path, d.text.into_bytes())
        })
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let opts = LoadOptions::default();
    let load_all = || {
        files
            .iter()
            .map(|(p, b)| vanban::load_bytes(Path::new(p), b, &opts).unwrap())
            .collect::<Vec<_>>()
    };
    let docs = load_all();
    let ex = Extractor::built_in();
    let extracts: Vec<_> = docs.iter().map(|d| ex.extract(d)).collect();
    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("read_normalise", |b| b.iter(load_all));
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ex.extract(black_box(d)))
                .collect::<Vec<_>>()
        })
    });
    g.bench_function("index_write", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let (index, f) = vanban::index::open(dir.path(), true).unwrap();
                let mut w: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
                for (d, e) in docs.iter().zip(&extracts) {
                    w.add_document(build_doc(&d.raw.path.to_string_lossy(), d, e, &f))
                        .unwrap();
                }
                w.commit().unwrap();
                dir
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn query(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("gen");
    let gen = vanban_gen::GenOptions {
        docs: 2000,
        seed: 1,
        force: false,
    };
    vanban_gen::generate(&gen, &corpus, &|_| {}).unwrap();
    let index = tmp.path().join("index");
    let ex = Extractor::built_in();
    ingest(&[corpus], &IngestOptions::new(index.clone()), ex, &|_| {}).unwrap();
    let mut g = c.benchmark_group("query_2000_docs");
    for (name, q, cites) in [
        ("word", "hồ sơ trực tuyến", None),
        ("phrase", "\"dịch vụ công trực tuyến\"", None),
        ("accentless", "chuyen doi so", None),
        ("cites", "", Some("749/QĐ-TTg")),
    ] {
        let opts = SearchOptions {
            query: q.to_string(),
            cites: cites.map(str::to_string),
            limit: 10,
            ..Default::default()
        };
        g.bench_function(name, |b| {
            b.iter(|| search(&index, black_box(&opts), ex).unwrap())
        });
    }
    g.finish();
}

/// A report of `mb` megabytes on one line: the corpus's text with every line break made a
/// space, as an unwrapper does to a long unpunctuated run.
fn one_line(mb: usize) -> String {
    let doc = fifty_kb().replace('\n', " ");
    let mut out = String::with_capacity(mb << 20);
    while out.len() < mb << 20 {
        out.push_str(&doc);
    }
    out
}

fn long_lines(c: &mut Criterion) {
    let ex = Extractor::built_in();
    let mut g = c.benchmark_group("one_line");
    g.sample_size(10);
    for mb in [1, 2, 4, 8] {
        let text = one_line(mb);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{mb}MB"), |b| {
            b.iter(|| vanban::analyze_text(black_box(&text), ex))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, stages, query, long_lines);
criterion_main!(benches);
