//! The `vanban` binary end to end on `corpus/` and `tests/data/bad/`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run vanban")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_prints_the_normalised_text_the_library_gives() {
    let file = "corpus/bao-cao-6-thang-2024-tinh-an-giang.pdf.txt";
    let o = vanban(&["text", file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = vanban::load(&root().join(file), &Default::default()).unwrap();
    assert_eq!(stdout(&o), doc.text);
    let raw = vanban(&["text", "--raw", file]);
    assert_eq!(stdout(&raw), doc.raw.text);
    assert!(stdout(&raw).lines().count() > stdout(&o).lines().count());
}

#[test]
fn line_numbers_match_the_text() {
    let o = vanban(&["text", "-n", "corpus/quyet-dinh-quy-che-ban-chi-dao.txt"]);
    let out = stdout(&o);
    let third = out.lines().nth(2).unwrap();
    assert_eq!(third, "    3\tSố: 1520/QĐ-UBND");
}

#[test]
fn info_reports_the_detected_encoding() {
    let o = vanban(&[
        "text",
        "--info",
        "corpus/encodings/thong-bao-ket-luan.tcvn3.txt",
    ]);
    assert!(stdout(&o).contains("encoding: tcvn3"), "{}", stdout(&o));
    let o = vanban(&[
        "text",
        "--info",
        "corpus/encodings/thong-bao-ket-luan.crlf-bom.txt",
    ]);
    assert!(stdout(&o).contains("encoding: utf-8 (with BOM) (CRLF line endings)"));
    let o = vanban(&["text", "--info", "corpus/cong-van-1334-ubnd-vx.pdf"]);
    assert!(stdout(&o).contains("format:   pdf") && stdout(&o).contains("pages:    2"));
}

#[test]
fn canonical_rewrites_old_style_tones() {
    let f = "corpus/encodings/thong-bao-ket-luan.vni.txt";
    let plain = stdout(&vanban(&["text", f]));
    let canon = stdout(&vanban(&["text", "--canonical", f]));
    assert!(plain.contains("Đoàn Thị Thuý Hằng"));
    assert!(canon.contains("Đoàn Thị Thúy Hằng"));
    assert_eq!(plain.lines().count(), canon.lines().count());
}

#[test]
fn a_bad_file_fails_with_its_name_and_reason() {
    let o = vanban(&["text", "tests/data/bad/scan-is-png.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("scan-is-png.pdf: the file is named .pdf but holds a PNG image"));
    // With a good file beside it: the good one is printed and the exit code says "partial".
    let o = vanban(&[
        "text",
        "tests/data/bad/empty.txt",
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stdout(&o).contains("Số: 1520/QĐ-UBND"));
    assert!(stderr(&o).contains("empty.txt: the file is empty"));
}

#[test]
fn scan_reads_the_whole_corpus() {
    let o = vanban(&["scan", "corpus"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let ok = out.lines().filter(|l| l.starts_with("ok ")).count();
    assert!(ok >= 16, "{out}");
    assert!(!out.contains("FAIL"));
    assert!(stderr(&o).contains(&format!("{ok} read, 0 failed")));
}

#[test]
fn scan_reports_each_bad_file_once_and_goes_on() {
    let o = vanban(&[
        "scan",
        "tests/data/bad",
        "corpus/ke-hoach-cds-2024-xa-my-hoa.lo.pdf",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stdout(&o));
    // Documents read on stdout, failures on stderr.
    let out = stderr(&o);
    let bad_files = std::fs::read_dir(root().join("tests/data/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".txt") || n.ends_with(".docx"))
        .collect::<Vec<_>>();
    for name in &bad_files {
        let hits = out
            .lines()
            .filter(|l| l.starts_with("FAIL") && l.contains(name.as_str()))
            .count();
        assert_eq!(hits, 1, "{name} reported once:\n{out}");
    }
    assert!(stdout(&o)
        .lines()
        .any(|l| l.starts_with("ok ") && l.contains("ke-hoach-cds-2024-xa-my-hoa.lo.pdf")));
    assert!(!stdout(&o).contains("FAIL"));
}

#[test]
fn help_teaches_with_examples() {
    let o = vanban(&["--help"]);
    let out = stdout(&o);
    assert!(out.contains("Examples:") && out.contains("vanban text --info"));
    let o = vanban(&["text", "--help"]);
    assert!(stdout(&o).contains("--raw") && stdout(&o).contains("--canonical"));
}

#[test]
fn extract_one_file_prints_one_schema_2_object() {
    let o = vanban(&[
        "extract",
        "corpus/encodings/thong-bao-ket-luan.windows-1258.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(v["source"]["encoding"], "windows-1258");
    assert_eq!(v["source"]["format"], "txt");
    assert_eq!(v["source"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["meta"]["number"], "88/TB-UBND");
    assert_eq!(v["references"][1]["id"], "45/2016/QĐ-TTg");
    for field in [
        "references",
        "dates",
        "periods",
        "fractions",
        "percentages",
        "money",
        "results",
        "targets",
        "findings",
    ] {
        assert!(v[field].is_array(), "{field}");
    }
}

#[test]
fn extract_a_folder_prints_json_lines_in_path_order() {
    let o = vanban(&["extract", "corpus/encodings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let paths: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(paths.len(), 8);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn extract_out_writes_one_file_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let o = vanban(&[
        "extract",
        "--out",
        dir.path().to_str().unwrap(),
        "corpus/cong-van-1334-ubnd-vx.pdf",
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("cong-van-1334-ubnd-vx.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(v["meta"]["kind"], "letter");
    assert!(dir
        .path()
        .join("quyet-dinh-quy-che-ban-chi-dao.json")
        .exists());
}

#[test]
fn extract_reports_an_unreadable_file_and_goes_on() {
    let o = vanban(&["extract", "tests/data/bad/truncated-60.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("truncated-60.pdf") && err.contains("damaged"),
        "{err}"
    );
    let o = vanban(&[
        "extract",
        "tests/data/bad/empty.txt",
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn extract_with_a_missing_rules_folder_says_which_file() {
    let o = vanban(&[
        "extract",
        "--rules",
        "no-such-rules",
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no-such-rules/doc_types.toml"),
        "{}",
        stderr(&o)
    );
}

/// `vanban extract corpus/ | head -c 10`: the reader leaves early; vanban must end quietly
/// (killed by SIGPIPE like other tools), not panic on the next write.
#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["extract", "corpus"])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the pipe is closed while vanban still has output to write.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(first.starts_with(b"{"));
}

/// An index of the corpus in a temporary folder, made by the binary.
fn corpus_index() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index").to_string_lossy().into_owned();
    let o = vanban(&["ingest", "corpus", "--index", &index]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, index)
}

fn no_panic(o: &Output) {
    assert_ne!(o.status.code(), Some(101), "{}", stderr(o));
    assert_ne!(o.status.code(), Some(134), "{}", stderr(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

fn total(o: &Output) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("search JSON");
    v["total"].as_u64().unwrap()
}

#[test]
fn a_huge_limit_is_read_as_the_largest_and_does_not_panic() {
    let (_tmp, index) = corpus_index();
    for limit in ["18446744073709551615", "4294967296", "10001"] {
        let o = vanban(&["search", "", "--index", &index, "--limit", limit, "--json"]);
        no_panic(&o);
        assert!(o.status.success(), "{limit}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(
            v["hits"].as_array().unwrap().len() as u64,
            v["total"].as_u64().unwrap()
        );
    }
    let o = vanban(&[
        "search",
        "",
        "--index",
        &index,
        "--offset",
        "18446744073709551615",
        "--json",
    ]);
    no_panic(&o);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_query_may_start_with_a_dash() {
    let (_tmp, index) = corpus_index();
    let all = total(&vanban(&["search", "", "--index", &index, "--json"]));
    let ocop = total(&vanban(&["search", "OCOP", "--index", &index, "--json"]));
    assert!(ocop > 0 && ocop < all);
    for args in [
        vec!["search", "--index", &index, "--json", "--", "-OCOP"],
        vec!["search", "-OCOP", "--index", &index, "--json"],
    ] {
        let o = vanban(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(total(&o), all - ocop, "{args:?}");
    }
}

#[test]
fn internal_field_names_cannot_be_queried() {
    let (_tmp, index) = corpus_index();
    let word = total(&vanban(&["search", "chuyen", "--index", &index, "--json"]));
    assert!(word > 0);
    for q in [
        "folded:chuyen",
        "text:chuyen",
        "key:corpus",
        "cites:2198/kh-ubnd",
    ] {
        let o = vanban(&["search", q, "--index", &index, "--json"]);
        assert!(o.status.success(), "{q}: {}", stderr(&o));
        assert_eq!(total(&o), 0, "{q} is searched as text, not as a field");
    }
}

#[test]
fn refs_needs_a_document_and_matches_whole_file_names() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(
        root().join("corpus/ke-hoach-cds-2024-xa-my-hoa.txt"),
        docs.join("old-plan.txt"),
    )
    .unwrap();
    let index = tmp.path().join("index");
    let index = index.to_str().unwrap();
    let o = vanban(&["ingest", docs.to_str().unwrap(), "--index", index]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = vanban(&["refs", "", "--index", index]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("give a document"), "{}", stderr(&o));
    let o = vanban(&["refs", "plan.txt", "--index", index]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("no indexed document"), "{}", stderr(&o));
    let o = vanban(&["refs", "old-plan.txt", "--index", index]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("old-plan.txt cites"), "{}", stdout(&o));
}

#[test]
fn extract_out_gives_every_document_its_own_file() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    for (from, to) in [
        ("corpus/quyet-dinh-quy-che-ban-chi-dao.txt", "a/x.txt"),
        ("corpus/bao-cao-cds-2023-huyen-an-phu.md", "b/x.txt"),
        ("corpus/ke-hoach-cds-2024-xa-my-hoa.txt", "a/y.txt"),
        ("corpus/bao-cao-tieu-chi-xa-tan-my.txt", "a/y.md"),
    ] {
        std::fs::create_dir_all(src.join(to).parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), src.join(to)).unwrap();
    }
    let out = tmp.path().join("out");
    let o = vanban(&[
        "extract",
        "--out",
        out.to_str().unwrap(),
        src.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a__x.txt.json", "b__x.txt.json", "y.md.json", "y.txt.json"]
    );
    let number = |name: &str| {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap();
        v["meta"]["number"].as_str().map(str::to_string)
    };
    assert_eq!(number("a__x.txt.json").as_deref(), Some("1520/QĐ-UBND"));
    assert_ne!(number("a__x.txt.json"), number("b__x.txt.json"));
}

#[test]
fn ingest_reports_failures_on_stderr_and_the_summary_on_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(
        root().join("corpus/quyet-dinh-quy-che-ban-chi-dao.txt"),
        docs.join("qd.txt"),
    )
    .unwrap();
    std::fs::write(docs.join("empty.txt"), b"").unwrap();
    let index = tmp.path().join("index");
    let o = vanban(&[
        "ingest",
        docs.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(
        stderr(&o).contains("empty.txt: the file is empty"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("empty.txt"), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 added"), "{}", stdout(&o));
}

#[test]
fn an_error_is_said_once_in_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let o = vanban(&["ingest", "corpus", "--index", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("vanban: error"))
            .count(),
        1,
        "{err}"
    );
    let os_error = err.find("(os error").expect("the system's reason");
    assert_eq!(
        err.matches(&err[os_error..os_error + 12]).count(),
        1,
        "{err}"
    );
    // A damaged index: what to do, and nothing of the index library's own wording.
    let index = tmp.path().join("index");
    std::fs::create_dir_all(&index).unwrap();
    std::fs::write(index.join("meta.json"), b"{\"segments\": [").unwrap();
    let o = vanban(&["search", "x", "--index", index.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("the index is damaged"), "{err}");
    assert!(err.contains("vanban index rebuild"), "{err}");
    for raw in [
        "Os {",
        "IoError",
        "DataCorruption",
        "TantivyError",
        "Lockfile",
    ] {
        assert!(!err.contains(raw), "{raw} in {err}");
    }
}

#[test]
fn bad_numbers_are_refused_with_the_range() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let o = vanban(&[
        "ingest",
        "corpus",
        "--index",
        index.to_str().unwrap(),
        "--commit-every",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("must be 1 or more"), "{}", stderr(&o));
    assert!(!index.exists());
    // A usage mistake is exit code 1, help is 0. (`search --no-such-flag` would be a query:
    // a query may start with `-`.)
    assert_eq!(vanban(&["ingest", "--no-such-flag"]).status.code(), Some(1));
    assert_eq!(
        vanban(&["search", "x", "--limit", "many"]).status.code(),
        Some(1)
    );
    assert_eq!(vanban(&["search", "--help"]).status.code(), Some(0));
}

#[test]
fn check_exit_codes_follow_one_policy() {
    // Findings alone do not change the exit code.
    let o = vanban(&["check", "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(" lỗi "),
        "the corpus has findings: {}",
        stdout(&o)
    );
    // Unreadable files: 3, as every command.
    let o = vanban(&["check", "corpus", "tests/data/bad/empty.txt"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    // --fail-on gates a batch.
    let o = vanban(&["check", "--fail-on", "error", "corpus"]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    let o = vanban(&["check", "--fail-on", "error", "corpus/encodings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn every_command_that_uses_rules_honours_rules() {
    let (_tmp, index) = corpus_index();
    for args in [
        vec!["check", "corpus/quyet-dinh-quy-che-ban-chi-dao.txt"],
        vec!["search", "x", "--index", &index],
        vec!["cites", "2198/KH-UBND", "--index", &index],
        vec!["refs", "1520/QĐ-UBND", "--index", &index],
        vec!["indicators", "--index", &index],
        vec!["ingest", "corpus", "--index", &index],
        vec!["extract", "corpus/quyet-dinh-quy-che-ban-chi-dao.txt"],
    ] {
        let mut a = args.clone();
        a.extend(["--rules", "no-such-rules"]);
        let o = vanban(&a);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("no-such-rules/doc_types.toml"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_file_past_a_limit_is_reported_with_the_flag_that_raises_it() {
    let file = "corpus/quyet-dinh-quy-che-ban-chi-dao.txt";
    for cmd in ["text", "extract", "check"] {
        let o = vanban(&[cmd, "--max-file-size", "100", file]);
        let err = stderr(&o);
        assert_ne!(o.status.code(), Some(0), "{cmd}");
        assert!(
            err.contains(file)
                && err.contains("over the limit of 100 bytes")
                && err.contains("raise --max-file-size to read it"),
            "{cmd}: {err}"
        );
    }
    // The library's own message names no flag: a program using it words its own advice.
    let e = vanban::load(
        &root().join(file),
        &vanban::LoadOptions {
            read: vanban::ReadOptions {
                max_file_size: 100,
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(!e.to_string().contains("--max-file-size"), "{e}");
}
