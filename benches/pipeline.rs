//! Throughput of the reading and extraction stages on a realistic ~50 KB document made from
//! the corpus (every text document of `corpus/` joined until 50 KB).
//!
//! Run: `cargo bench --bench pipeline`. The figure to watch is extraction time per KB
//! (goal: well under 1 ms per KB on one core).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vanban::extract::Extractor;
use vanban::normalize::{normalize, NormalizeOptions};

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
    let bytes = vanban::read::text::encode(&doc, vanban::Encoding::VniWindows);
    g.bench_function("decode_legacy_vni", |b| {
        b.iter(|| vanban::read::text::decode(black_box(&bytes)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
