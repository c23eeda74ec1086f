//! A hostile folder: good documents in every encoding mixed with broken, encrypted, mislabelled,
//! bomb, empty, random, looping and unreadable files. Ingest indexes every good document,
//! reports every bad one once with its reason, exits "partial", and a rerun reports the same
//! without re-reading unchanged good files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy(from: &str, to: &Path) {
    std::fs::copy(root().join(from), to).unwrap();
}

/// A DOCX whose document.xml expands to `size` bytes of spaces.
fn zip_bomb(path: &Path, size: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..size / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
}

fn random_bytes(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn ingest(dir: &Path, index: &Path) -> (Option<i32>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "ingest",
            dir.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
            "--json",
            "--max-decompressed",
            "20000000",
        ])
        .output()
        .unwrap();
    let summary = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), summary)
}

#[test]
fn a_hostile_folder_cannot_knock_over_the_nightly_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("inbox");
    std::fs::create_dir_all(dir.join("loop")).unwrap();
    // Good documents, in every encoding and format.
    let good = [
        ("corpus/bao-cao-cds-2023-huyen-an-phu.md", "bao-cao.md"),
        ("corpus/cong-van-1334-ubnd-vx.pdf", "cong-van.pdf"),
        (
            "corpus/bao-cao-9-thang-2024-so-tttt.docx",
            "bao-cao-9-thang.docx",
        ),
        ("corpus/encodings/thong-bao-ket-luan.nfd.txt", "nfd.txt"),
        (
            "corpus/encodings/thong-bao-ket-luan.windows-1258.txt",
            "cp1258.txt",
        ),
        (
            "corpus/encodings/thong-bao-ket-luan.utf16le-bom.txt",
            "utf16.txt",
        ),
        (
            "corpus/encodings/thong-bao-ket-luan.crlf-bom.txt",
            "crlf-bom.txt",
        ),
    ];
    for (from, to) in good {
        copy(from, &dir.join(to));
    }
    // Bad ones.
    copy("tests/data/bad/truncated-60.pdf", &dir.join("cut.pdf"));
    copy("tests/data/bad/encrypted.pdf", &dir.join("locked.pdf"));
    copy("tests/data/bad/scan-is-png.pdf", &dir.join("scan.pdf"));
    zip_bomb(&dir.join("bomb.docx"), 40 << 20);
    std::fs::write(dir.join("zero.txt"), b"").unwrap();
    std::fs::write(dir.join("noise.txt"), random_bytes(1 << 20)).unwrap();
    std::os::unix::fs::symlink("..", dir.join("loop/up")).unwrap();
    // An unreadable file (root can read it anyway; then it is a good document).
    let locked = dir.join("locked-out.txt");
    copy("corpus/quyet-dinh-quy-che-ban-chi-dao.txt", &locked);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::File::open(&locked).is_ok();

    let index = tmp.path().join("index");
    let (code, s) = ingest(&dir, &index);
    assert_eq!(code, Some(3), "exit code says 'partial': {s}");
    let failed: Vec<String> = s["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .collect();
    let mut expect = vec![
        ("cut.pdf", "damaged or unreadable PDF"),
        ("locked.pdf", "encrypted"),
        ("scan.pdf", "PNG image"),
        ("bomb.docx", "zip bomb"),
        ("zero.txt", "empty"),
        ("noise.txt", "binary data"),
        ("loop/up", "symbolic link loop"),
    ];
    if !readable {
        expect.push(("locked-out.txt", "ermission denied"));
    }
    for (name, why) in &expect {
        let hits: Vec<&String> = failed.iter().filter(|r| r.contains(name)).collect();
        assert_eq!(hits.len(), 1, "{name} reported once: {failed:?}");
        assert!(hits[0].contains(why), "{name}: {}", hits[0]);
    }
    assert_eq!(failed.len(), expect.len(), "{failed:?}");
    let good_count = good.len() + usize::from(readable);
    assert_eq!(s["total"].as_u64().unwrap() as usize, good_count);

    // Every good document is searchable, whatever its encoding.
    let opts = vanban::index::query::SearchOptions {
        query: "\"hoà mạng truyền số liệu\"".into(),
        limit: 20,
        ..Default::default()
    };
    let hits = vanban::index::query::search(&index, &opts, vanban::extract::Extractor::built_in())
        .unwrap();
    assert_eq!(
        hits.total, 4,
        "the notice in NFD, Windows-1258, UTF-16 and CRLF+BOM"
    );

    // A rerun reports the same and re-reads no unchanged good file.
    let (code, again) = ingest(&dir, &index);
    assert_eq!(code, Some(3));
    assert_eq!(again["failed"].as_array().unwrap().len(), expect.len());
    assert_eq!(again["unchanged"].as_u64().unwrap() as usize, good_count);
    assert_eq!(
        (again["added"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(0))
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn absurd_inputs_do_not_panic() {
    let ex = vanban::extract::Extractor::built_in();
    let huge_number = format!(
        "Đạt {}/{} hồ sơ ({}%) và {} đồng.\n",
        "9".repeat(400),
        "1".repeat(300),
        "7".repeat(500),
        "8".repeat(350)
    );
    let f = ex.extract_text(&huge_number);
    assert!(f.findings.iter().all(|x| !x.message.is_empty()));
    let long_line =
        "chuyển đổi số 2.400/4.611 hồ sơ (52,04%) trong đó 12 hồ sơ, 13 hồ sơ; ".repeat(1500);
    assert!(long_line.len() > 100_000);
    let _ = ex.extract_text(&long_line);
    let many_lines = "- Tỷ lệ 1/2 hồ sơ đạt 50%.\n".repeat(200_000);
    let f = ex.extract_text(&many_lines);
    assert_eq!(f.fractions.len(), 200_000);
    let table = "STT\tSố hiệu\tNgày\n".to_string() + &"1\t62/KH-UBND\t10/04/2024\n".repeat(50_000);
    assert_eq!(ex.extract_text(&table).references.len(), 50_000);
    let _ = vanban::normalize::normalize(&long_line, Default::default());
}

#[test]
fn a_path_with_odd_bytes_is_read_and_reported_by_name() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"b\xe1o-c\xe1o-\xff.txt");
    let path = tmp.path().join(name);
    copy("corpus/quyet-dinh-quy-che-ban-chi-dao.txt", &path);
    let doc = vanban::load(&path, &Default::default()).unwrap();
    assert!(doc.text.contains("1520/QĐ-UBND"));
    std::fs::write(&path, b"").unwrap();
    let err = vanban::load(&path, &Default::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("is empty"), "{err}");
}

/// The time budget covers a large text document's reading and extraction as a whole, so a
/// document the extractors are slow on cannot hang the nightly run; small documents are worked
/// inline. (A budget of a microsecond makes the timeout certain whatever the machine's speed.)
#[test]
fn a_large_text_document_is_worked_under_the_time_budget() {
    let ex = std::sync::Arc::new(vanban::extract::Extractor::new(
        vanban::extract::Extractor::built_in().rules().clone(),
    ));
    let line = "Tỷ lệ hồ sơ trực tuyến đạt 2.400/4.611 hồ sơ (52,04%) ";
    let large = line.repeat(vanban::BUDGETED_SIZE / line.len() + 100);
    let mut opts = vanban::LoadOptions::default();
    opts.read.time_budget = Some(std::time::Duration::from_micros(1));
    let err = vanban::load_and_extract_bytes(
        Path::new("long.txt"),
        large.into_bytes(),
        &opts,
        &ex,
        || ex.clone(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "timed_out", "{err}");
    assert!(
        err.to_string()
            .contains("long.txt: working on it took longer"),
        "{err}"
    );
    let small = line.repeat(100);
    let (doc, facts) = vanban::load_and_extract_bytes(
        Path::new("short.txt"),
        small.into_bytes(),
        &opts,
        &ex,
        || unreachable!("a small document is worked inline"),
    )
    .unwrap();
    assert!(doc.text.starts_with("Tỷ lệ"));
    assert_eq!(facts.fractions.len(), 100);
}
