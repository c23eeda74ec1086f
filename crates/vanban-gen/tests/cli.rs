//! The `vanban-gen` binary: a bounded number of documents, and a corpus vanban reads.

use std::process::Command;

fn gen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vanban-gen"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_number_of_documents_is_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    for n in ["18446744073709551615", "1000001", "0"] {
        let o = gen(&["--docs", n, out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{n}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("from 1 to 1000000"), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn writes_the_documents_and_the_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let o = gen(&["--docs", "12", "--seed", "3", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let manifest = std::fs::read_to_string(out.join("manifest.jsonl")).unwrap();
    assert_eq!(manifest.lines().count(), 12);
    let found = vanban_core::walk::collect(std::slice::from_ref(&out));
    assert_eq!(found.documents.len(), 12);
    // Into a folder that holds files: refused unless --force.
    let o = gen(&["--docs", "2", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
}
