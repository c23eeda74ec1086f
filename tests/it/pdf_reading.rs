//! PDFs as offices publish them: signed with a number and a day stamped into the letterhead,
//! and scanned pages read by OCR. The fixtures and the scripts that made them are in
//! `tests/data/` (`fixtures/make_signed_pdf.py`, `fixtures/make_scan_pdf.py`).

use std::path::PathBuf;
use std::process::Command;

use unicode_normalization::UnicodeNormalization;
use vanban::extract::Extractor;
use vanban::{LoadOptions, OcrMode, ReadOptions};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// `vanban ARGS…`: (exit code, stdout, stderr).
fn vanban(args: &[&str], path_env: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args);
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn with_ocr(mode: OcrMode) -> LoadOptions {
    LoadOptions {
        read: ReadOptions {
            ocr: mode,
            ..ReadOptions::default()
        },
        ..LoadOptions::default()
    }
}

const SIGNED: &str = "bao-cao-ky-so-xa-phu-huu.pdf";

#[test]
fn numbers_and_days_stamped_at_signing_are_read_in_place() {
    let (code, text, err) = vanban(&["text", data(SIGNED).to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = text.lines().collect();
    let at = |line: &str| {
        lines
            .iter()
            .position(|l| *l == line)
            .unwrap_or_else(|| panic!("no line {line:?} in:\n{text}"))
    };
    // The page leaves blanks; the signature fields draw `15` and `07` into them.
    let number = at("Số: 15/BC-UBND");
    let date = at("Phú Hữu, ngày 07 tháng 10 năm 2025");
    // The letterhead reads left block, then right block.
    let issuer = at("ỦY BAN NHÂN DÂN");
    let motto = at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(issuer < number && number < motto && motto < date, "{text}");
    // So does the signature block: recipients, then the signer.
    let recipients = at("Nơi nhận:");
    let last_recipient = at("- Lưu: VT.");
    let signer = at("TM. ỦY BAN NHÂN DÂN");
    assert!(date < recipients && recipients < last_recipient && last_recipient < signer);
    assert!(at("Trần Thị Mai") > signer);
}

#[test]
fn a_signed_report_gives_its_number_date_and_signer() {
    let (code, json, err) = vanban(&["extract", data(SIGNED).to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    let meta = &found["meta"];
    assert_eq!(meta["number"], "15/BC-UBND");
    assert_eq!(meta["date"], "2025-10-07");
    assert_eq!(meta["place"], "Phú Hữu");
    // The earliest signature is the vice-chair's; her name is only in her certificate.
    assert_eq!(meta["signed_by"], "Trần Thị Mai");
    assert_eq!(meta["signed_at"], "2025-10-07T08:30:00+07:00");
}

#[test]
fn every_signature_is_listed_earliest_first() {
    let doc = vanban::load(&data(SIGNED), &LoadOptions::default()).unwrap();
    let who: Vec<(Option<&str>, Option<&str>)> = doc
        .raw
        .signatures
        .iter()
        .map(|s| (s.signed_by.as_deref(), s.signed_at.as_deref()))
        .collect();
    let office = (
        Some("ỦY BAN NHÂN DÂN XÃ PHÚ HỮU"),
        Some("2025-10-07T09:15:00+07:00"),
    );
    assert_eq!(
        who,
        [
            (Some("Trần Thị Mai"), Some("2025-10-07T08:30:00+07:00")),
            office,
            office
        ]
    );
    // A PDF without signatures has none, and its extract says null.
    let plain = vanban::load(
        &corpus("ke-hoach-cds-2024-xa-my-hoa.lo.pdf"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert!(plain.raw.signatures.is_empty());
    let meta = serde_json::to_value(Extractor::built_in().extract(&plain).meta).unwrap();
    assert!(meta["signed_by"].is_null() && meta["signed_at"].is_null());
}

/// Whether pdftoppm and tesseract with the Vietnamese model can run; says why not.
fn ocr_tools() -> bool {
    crate::tool_present(
        vanban::read::ocr_available().err().map(|missing| {
            format!("{missing}; .ci/run installs poppler-utils and tesseract-ocr-vie")
        }),
    )
}

/// Character accuracy of `got` against `want`: 1 − edit distance / length of `want`, both
/// NFC with every run of whitespace made one space (OCR and the text layer break lines
/// differently).
fn char_accuracy(want: &str, got: &str) -> f64 {
    let fold = |s: &str| -> Vec<char> {
        let s: String = s.replace('\u{C}', " ").nfc().collect();
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect()
    };
    let (a, b) = (fold(want), fold(got));
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j + 1] + 1)
                .min(cur[j] + 1)
                .min(prev[j] + usize::from(ca != cb));
        }
        prev = cur;
    }
    1.0 - prev[b.len()] as f64 / a.len().max(1) as f64
}

#[test]
fn character_accuracy_counts_edits() {
    assert_eq!(char_accuracy("Số: 15/BC", "Số:  15/BC\n"), 1.0);
    assert!((char_accuracy("ngày 07", "ngày 01") - (1.0 - 1.0 / 7.0)).abs() < 1e-9);
}

#[test]
fn scanned_pages_are_read_by_ocr() {
    if !ocr_tools() {
        return;
    }
    let source = corpus("ke-hoach-cds-2024-xa-my-hoa.lo.pdf");
    let want = vanban::load(&source, &LoadOptions::default()).unwrap().text;
    let scan = vanban::load(&data("scan-ke-hoach-cds-2024.pdf"), &LoadOptions::default()).unwrap();
    assert_eq!(scan.raw.ocr_pages, [1, 2]);
    let accuracy = char_accuracy(&want, &scan.text);
    assert!(
        accuracy >= 0.97,
        "character accuracy {accuracy:.4}:\n{}",
        scan.text
    );
    // The scanned letterhead reads like the digital one, so the number is found.
    let meta = Extractor::built_in().extract(&scan).meta;
    assert_eq!(meta.number.as_deref(), Some("27/KH-UBND"));
}

#[test]
fn only_the_page_without_text_is_ocrd() {
    if !ocr_tools() {
        return;
    }
    let path = data("ke-hoach-cds-2024-trang-2-scan.pdf");
    let (code, json, err) = vanban(&["extract", path.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(found["source"]["ocr_pages"], serde_json::json!([2]));
    assert_eq!(found["source"]["pages_without_text"], serde_json::json!([]));
    let doc = vanban::load(&path, &LoadOptions::default()).unwrap();
    assert!(doc.text.contains("Trần Thị Thúy"), "{}", doc.text);
}

#[test]
fn with_ocr_off_the_text_pages_are_read_and_the_scan_is_listed() {
    let path = data("ke-hoach-cds-2024-trang-2-scan.pdf");
    let doc = vanban::load(&path, &with_ocr(OcrMode::Never)).unwrap();
    assert_eq!(doc.raw.ocr_pages, Vec::<usize>::new());
    assert_eq!(doc.raw.pages_without_text, [2]);
    assert!(doc.text.contains("Số: 27/KH-UBND"));
    assert!(!doc.text.contains("Nơi nhận"));
    // A file that is all scan has nothing to give without OCR.
    let err = vanban::load(
        &data("scan-ke-hoach-cds-2024.pdf"),
        &with_ocr(OcrMode::Never),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "no_text", "{err}");
}

#[test]
fn without_the_ocr_tools_a_scan_is_an_error_that_says_what_to_do() {
    // No program can be found on an empty PATH.
    let empty = tempfile::tempdir().unwrap();
    let path = data("ke-hoach-cds-2024-trang-2-scan.pdf");
    let (code, _, err) = vanban(
        &["text", path.to_str().unwrap()],
        Some(empty.path().to_str().unwrap()),
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("scanned, no text layer")
            && err.contains("install tesseract-ocr-vie, or pass --ocr never")
            && err.contains(&*path.to_string_lossy()),
        "{err}"
    );
    // `--ocr never` reads the text page.
    let (code, text, err) = vanban(
        &["text", "--ocr", "never", path.to_str().unwrap()],
        Some(empty.path().to_str().unwrap()),
    );
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("Số: 27/KH-UBND"));
}

#[test]
fn every_command_that_reads_documents_takes_ocr() {
    for cmd in ["text", "extract", "scan", "check", "ingest"] {
        let (code, out, err) = vanban(&[cmd, "--help"], None);
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(out.contains("--ocr <WHEN>"), "{cmd} --help:\n{out}");
    }
    let (code, _, err) = vanban(&["text", "--ocr", "sometimes", "x.pdf"], None);
    assert_ne!(code, 0);
    assert!(err.contains("auto, never or always"), "{err}");
}

/// A one-page PDF whose content stream runs `ops` operators before it shows a word.
fn long_page(ops: usize) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut content = b"q Q ".repeat(ops);
    content.extend_from_slice(b"BT /F1 12 Tf 72 700 Td (Xong) Tj ET");
    let contents = doc.add_object(Stream::new(dictionary! {}, content));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn the_pdf_reader_stops_itself_when_the_time_budget_is_spent() {
    let bytes = long_page(200_000);
    let path = std::path::Path::new("lent.pdf");
    // Read on this thread (no reader thread to abandon): the interpreter itself must stop.
    let read = |budget: Option<std::time::Duration>| {
        let opts = ReadOptions {
            time_budget: budget,
            ..ReadOptions::default()
        };
        vanban::read::read_bytes_with(path, &bytes, &opts)
    };
    let whole = read(None).unwrap();
    assert!(whole.text.contains("Xong"));
    let err = read(Some(std::time::Duration::from_millis(1))).unwrap_err();
    assert_eq!(err.kind(), "timed_out", "{err}");
}
