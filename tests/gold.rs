//! Extraction measured against the hand-checked gold in `corpus/gold/`: per field, an extracted
//! item matches a gold item when their values agree and their lines differ by at most 1 (the
//! rule of `../shared/eval/score.py`). Fails when any field's F1 drops below 0.98 or a meta
//! field is wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use vanban::extract::Extractor;

const FIELDS: [&str; 6] = [
    "references",
    "dates",
    "periods",
    "fractions",
    "percentages",
    "money",
];

fn key(field: &str, item: &Value) -> String {
    let num = |v: &Value| v.as_f64().map(|f| format!("{:.4}", f)).unwrap_or_default();
    match field {
        "references" => {
            let id = item["id"].as_str().unwrap_or("");
            id.replace(['–', '—'], "-")
                .split_whitespace()
                .collect::<String>()
                .to_lowercase()
        }
        "dates" => item["value"].as_str().unwrap_or("").to_string(),
        "periods" => format!("{}-{}", item["from"], item["to"]),
        "fractions" => format!("{}/{}", num(&item["numerator"]), num(&item["denominator"])),
        "percentages" => num(&item["value"]),
        "money" => num(&item["value_vnd"]),
        _ => unreachable!(),
    }
}

/// Greedy one-to-one matching: (true positives, misses, extras).
fn matches(field: &str, gold: &[Value], got: &[Value]) -> (usize, Vec<String>, Vec<String>) {
    let mut used = vec![false; got.len()];
    let mut tp = 0;
    let mut misses = Vec::new();
    for g in gold {
        let gk = key(field, g);
        let gl = g["line"].as_i64().unwrap_or(0);
        let best = got
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                !used[*i]
                    && key(field, p) == gk
                    && (p["line"].as_i64().unwrap_or(0) - gl).abs() <= 1
            })
            .min_by_key(|(_, p)| (p["line"].as_i64().unwrap_or(0) - gl).abs());
        match best {
            Some((i, _)) => {
                used[i] = true;
                tp += 1;
            }
            None => misses.push(format!("{field} line {gl}: {gk}")),
        }
    }
    let extras = got
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(_, p)| format!("{field} line {}: {}", p["line"], key(field, p)))
        .collect();
    (tp, misses, extras)
}

fn find_doc(root: &Path, stem: &str) -> Option<PathBuf> {
    for dir in [root.to_path_buf(), root.join("encodings")] {
        for e in std::fs::read_dir(&dir).ok()? {
            let p = e.ok()?.path();
            if p.is_file() && p.file_stem().is_some_and(|s| s.to_string_lossy() == stem) {
                return Some(p);
            }
        }
    }
    None
}

#[test]
fn extraction_f1_on_the_corpus_gold_is_at_least_098() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let ex = Extractor::built_in();
    let mut totals: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut report = Vec::new();
    let mut meta_wrong = Vec::new();
    let mut docs = 0;
    let gold_files = std::fs::read_dir(root.join("gold"))
        .unwrap()
        .chain(std::fs::read_dir(root.join("encodings/gold")).unwrap())
        .map(|e| e.unwrap().path());
    for path in gold_files {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let stem = gold["doc"].as_str().unwrap();
        let doc_path =
            find_doc(&root, stem).unwrap_or_else(|| panic!("no document for gold {stem}"));
        let doc = vanban::load(&doc_path, &Default::default()).unwrap();
        let got = serde_json::to_value(ex.extract(&doc)).unwrap();
        docs += 1;
        for field in FIELDS {
            let g = gold[field].as_array().cloned().unwrap_or_default();
            let p = got[field].as_array().cloned().unwrap_or_default();
            let (tp, misses, extras) = matches(field, &g, &p);
            let t = totals.entry(field).or_default();
            t.0 += tp;
            t.1 += g.len();
            t.2 += p.len();
            report.extend(misses.into_iter().map(|m| format!("{stem}: MISSED {m}")));
            report.extend(extras.into_iter().map(|m| format!("{stem}: EXTRA {m}")));
        }
        for k in ["number", "kind", "place", "date"] {
            if gold["own"][k] != got["meta"][k] {
                meta_wrong.push(format!(
                    "{stem}: meta.{k} gold {} got {}",
                    gold["own"][k], got["meta"][k]
                ));
            }
        }
    }
    assert!(docs >= 10, "gold for {docs} documents");
    let mut worst = 1.0f64;
    for field in FIELDS {
        let (tp, ng, np) = totals[field];
        let p = if np == 0 { 1.0 } else { tp as f64 / np as f64 };
        let r = if ng == 0 { 1.0 } else { tp as f64 / ng as f64 };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        eprintln!("{field:<12} P {p:.3} R {r:.3} F1 {f1:.3} (gold {ng}, got {np})");
        worst = worst.min(f1);
    }
    assert!(worst >= 0.98, "worst F1 {worst:.3}:\n{}", report.join("\n"));
    assert!(meta_wrong.is_empty(), "{}", meta_wrong.join("\n"));
}

#[test]
fn every_encoding_of_the_notice_extracts_the_same_facts() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/encodings");
    let ex = Extractor::built_in();
    let reference = ex.extract(
        &vanban::load(
            &dir.join("thong-bao-ket-luan.utf8.txt"),
            &Default::default(),
        )
        .unwrap(),
    );
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let got = ex.extract(&vanban::load(&path, &Default::default()).unwrap());
        assert_eq!(got.references, reference.references, "{path:?}");
        assert_eq!(got.dates, reference.dates, "{path:?}");
        assert_eq!(got.fractions, reference.fractions, "{path:?}");
        assert_eq!(got.percentages, reference.percentages, "{path:?}");
        assert_eq!(got.money, reference.money, "{path:?}");
        assert_eq!(got.meta.number, reference.meta.number, "{path:?}");
        assert_eq!(got.meta.date, reference.meta.date, "{path:?}");
    }
}
