//! The corpus generator: deterministic output, and documents the pipeline reads as intended
//! (own number found, citations found, every deliberate inconsistency flagged and no other).

use std::collections::BTreeMap;
use std::path::Path;

use vanban::extract::Extractor;
use vanban::LoadOptions;
use vanban_gen::{generate, GenOptions};

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn gen(dir: &Path, docs: usize, seed: u64) -> vanban_gen::GenSummary {
    let opts = GenOptions {
        docs,
        seed,
        force: false,
    };
    generate(&opts, dir, &|_| {}).expect("generation succeeds")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    let sa = gen(&a, 80, 11);
    gen(&b, 80, 11);
    gen(&c, 80, 12);
    let (fa, fb, fc) = (files_of(&a), files_of(&b), files_of(&c));
    assert_eq!(fa.len(), 81, "80 documents and the manifest");
    assert_eq!(fa, fb);
    assert_ne!(fa, fc);
    let bytes: usize = fa
        .iter()
        .filter(|(k, _)| k.ends_with(".txt"))
        .map(|(_, v)| v.len())
        .sum();
    assert_eq!(sa.bytes as usize, bytes);
    // Documents average 15-45 KB, so 100k documents make 1.5-4.5 GB.
    let avg = bytes / 80;
    assert!((15_000..45_000).contains(&avg), "average size {avg}");
    // A smaller run is a prefix of a larger one: document i does not depend on N.
    let d = tmp.path().join("d");
    gen(&d, 30, 11);
    let manifest_a = String::from_utf8(fa["manifest.jsonl"].clone()).unwrap();
    let manifest_d = std::fs::read_to_string(d.join("manifest.jsonl")).unwrap();
    assert!(manifest_a.starts_with(&manifest_d));
}

#[test]
fn refuses_a_non_empty_folder_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "x").unwrap();
    let mut opts = GenOptions {
        docs: 3,
        seed: 1,
        force: false,
    };
    let err = generate(&opts, tmp.path(), &|_| {}).unwrap_err();
    assert!(err.to_string().contains("--force"), "{err}");
    opts.force = true;
    assert_eq!(generate(&opts, tmp.path(), &|_| {}).unwrap().docs, 3);
    assert!(tmp.path().join("keep.txt").exists());
}

#[test]
fn every_injected_inconsistency_is_found_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = gen(tmp.path(), 400, 5);
    assert!(summary.with_inconsistency >= 15, "{summary:?}");
    assert!(summary.wrapped >= 40, "{summary:?}");
    let manifest = std::fs::read_to_string(tmp.path().join("manifest.jsonl")).unwrap();
    let ex = Extractor::built_in();
    let (mut injected, mut cites_found, mut cites) = (0, 0, 0);
    let mut variants = BTreeMap::new();
    for line in manifest.lines() {
        let entry: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = tmp.path().join(entry["path"].as_str().unwrap());
        let doc = vanban::load(&path, &LoadOptions::default()).unwrap();
        let facts = vanban::analyze(&doc, ex);
        *variants
            .entry(entry["variant"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
        assert_eq!(
            facts.meta.number.as_deref(),
            entry["number"].as_str(),
            "{}",
            path.display()
        );
        assert_eq!(
            facts.meta.kind.as_str(),
            if entry["kind"] == "criteria_report" {
                "report"
            } else {
                entry["kind"].as_str().unwrap()
            }
        );
        for id in entry["cites"].as_array().unwrap() {
            cites += 1;
            let id = id.as_str().unwrap();
            cites_found += usize::from(facts.references.iter().any(|r| r.id == id));
        }
        let want: Vec<&str> = entry["injected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        injected += want.len();
        let errors: Vec<&str> = facts
            .findings
            .iter()
            // Errors and warnings alike: a deadline already past is a warning, and a
            // generated document has none but those put in.
            .filter(|f| f.severity != vanban::model::Severity::Info)
            .map(|f| f.kind.as_str())
            .collect();
        for w in &want {
            assert!(
                errors.contains(w),
                "{}: {w} not found in {errors:?}",
                path.display()
            );
        }
        for e in &errors {
            assert!(want.contains(e), "{}: unexpected {e}", path.display());
        }
    }
    assert!(injected >= 15);
    assert_eq!(cites_found, cites, "every citation put in is extracted");
    for v in ["plain", "wrapped", "nfd", "crlf_bom"] {
        assert!(
            variants.get(v).copied().unwrap_or(0) > 0,
            "{v} missing: {variants:?}"
        );
    }
}
