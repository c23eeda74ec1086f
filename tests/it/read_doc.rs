//! The Word 97–2003 (.doc) reader on documents converted by LibreOffice from descriptions in
//! `tests/data/fixtures/make_doc.py`, compared with the text that script wrote beside each
//! (a paragraph per line, a table row per line with tab-separated cells, footnotes last); and
//! on damaged, encrypted, too old and mislabelled files.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use vanban::read::{read_bytes, read_bytes_with, ReadOptions};
use vanban::{load, Encoding, Format, LoadOptions, ReadError};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const PLAN: &str = "corpus/ke-hoach-ung-dung-cntt-2011-huyen-tan-phuoc.doc";
const PLAN_SOURCE: &str = "tests/data/doc/ke-hoach-ung-dung-cntt-2011-huyen-tan-phuoc.txt";

fn read(rel: &str) -> vanban::Document {
    load(&root().join(rel), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn source(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// The lines that hold text (word processors may add empty paragraphs, e.g. before a table
/// that opens the document).
fn text_lines(s: &str) -> Vec<&str> {
    s.lines().filter(|l| !l.trim().is_empty()).collect()
}

#[test]
fn a_plan_reads_line_for_line_like_its_source() {
    let doc = read(PLAN);
    assert_eq!(doc.raw.format, Format::Doc);
    assert_eq!(text_lines(&doc.raw.text), text_lines(&source(PLAN_SOURCE)));
}

#[test]
fn tables_fields_footnotes_and_special_characters_of_the_plan() {
    let raw = read(PLAN).raw.text;
    let lines = text_lines(&raw);
    // The letterhead: one row, each cell's paragraphs joined with spaces.
    assert_eq!(
        lines[0],
        "ỦY BAN NHÂN DÂN HUYỆN TÂN PHƯỚC Số: 37/KH-UBND\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \
         Độc lập - Tự do - Hạnh phúc Tân Phước, ngày 15 tháng 3 năm 2011"
    );
    // An empty cell keeps its place in the row.
    assert!(lines.contains(&"3\tThủ tục hành chính trực tuyến mức độ 2\t\t100%"));
    // The hyperlink's code is dropped and its result kept.
    assert!(raw.contains("tại địa chỉ tanphuoc.tiengiang.gov.vn cung cấp"));
    assert!(!raw.contains("HYPERLINK"));
    // Non-breaking hyphen, optional hyphen, line break.
    assert!(raw.contains("43/2011/NĐ-CP."));
    assert!(raw.contains("(cápquang hóa)"));
    assert!(raw.contains("máy tính\ncho cán bộ cấp xã"));
    // Footnote reference where it stands, the note after the body.
    assert!(raw.contains("công vụ¹."));
    assert!(lines
        .last()
        .unwrap()
        .starts_with("¹ Hộp thư điện tử công vụ của tỉnh"));
}

#[test]
fn the_docx_it_was_converted_from_reads_the_same_but_for_the_legacy_font_paragraph() {
    let docx = read("tests/data/doc/ke-hoach-ung-dung-cntt-2011-huyen-tan-phuoc.docx");
    let doc = read(PLAN);
    let (a, b) = (text_lines(&docx.raw.text), text_lines(&doc.raw.text));
    assert_eq!(a.len(), b.len());
    let differ: Vec<(&str, &str)> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    // The DOCX reader leaves text in a .VnTime font as its Windows-1252 letters; all else
    // (tables, fields, hyphens, line breaks, footnotes) reads alike.
    assert_eq!(differ.len(), 1, "{differ:?}");
    assert!(
        differ[0].1.starts_with("2. Tiếp tục triển khai"),
        "{differ:?}"
    );
}

#[test]
fn a_paragraph_in_a_tcvn3_font_is_decoded_and_the_rest_left_alone() {
    let doc = read(PLAN);
    assert!(doc
        .raw
        .text
        .contains("2. Tiếp tục triển khai phần mềm quản lý văn bản và điều hành;"));
    assert_eq!(doc.raw.encoding, Encoding::Tcvn3);
}

#[test]
fn a_notice_typed_in_vni_times_reads_like_its_source() {
    let doc = read("tests/data/doc/thong-bao-lich-tiep-dan-2009.vni.doc");
    assert_eq!(doc.raw.encoding, Encoding::VniWindows);
    assert_eq!(
        text_lines(&doc.raw.text),
        text_lines(&source(
            "tests/data/doc/thong-bao-lich-tiep-dan-2009.vni.txt"
        ))
    );
}

#[test]
fn a_report_typed_in_vntime_reads_like_its_source_but_for_case() {
    let doc = read("tests/data/doc/bao-cao-so-ket-2008.vntime.doc");
    assert_eq!(doc.raw.encoding, Encoding::Tcvn3);
    let src = source("tests/data/doc/bao-cao-so-ket-2008.vntime.txt").to_lowercase();
    assert_eq!(
        text_lines(&doc.raw.text.to_lowercase()),
        text_lines(&src),
        "TCVN3 cannot tell toned capitals from small letters; all else must match"
    );
    // `ư` is the byte 0xAD, which LibreOffice stores as an optional hyphen: it must survive.
    assert!(doc.raw.text.contains("Thủ tướng Chính phủ"));
}

#[test]
fn the_plan_goes_through_the_whole_pipeline() {
    let doc = read(PLAN);
    let extracted = vanban::extract::Extractor::built_in().extract(&doc);
    let json = serde_json::to_value(&extracted).unwrap();
    assert_eq!(json["source"]["format"], "doc");
    // The letterhead gives the plan its own number, place and date.
    assert_eq!(json["meta"]["number"], "37/KH-UBND");
    assert_eq!(json["meta"]["place"], "Tân Phước");
    assert_eq!(json["meta"]["date"], "2011-03-15");
    let ids: Vec<&str> = json["references"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"1605/QĐ-TTg"), "{ids:?}");
}

fn err_of(path: &str, bytes: &[u8]) -> ReadError {
    match read_bytes(Path::new(path), bytes) {
        Ok(raw) => panic!(
            "{path} was read: {:?}",
            &raw.text[..raw.text.len().min(200)]
        ),
        Err(e) => e,
    }
}

#[test]
fn rtf_and_web_pages_named_doc_say_what_they_are() {
    for (name, what) in [
        ("ke-hoach-ung-dung-cntt-2011-huyen-tan-phuoc.rtf.doc", "RTF"),
        (
            "ke-hoach-ung-dung-cntt-2011-huyen-tan-phuoc.html.doc",
            "HTML",
        ),
    ] {
        let path = root().join("tests/data/doc").join(name);
        let e = load(&path, &LoadOptions::default()).unwrap_err();
        assert!(matches!(e, ReadError::WrongContent { .. }), "{e}");
        assert!(e.to_string().contains(what), "{e}");
        assert!(e.to_string().contains("save it as .docx"), "{e}");
    }
}

/// Where the WordDocument stream (and so the FIB) starts in a small LibreOffice `.doc`: the
/// first sector that opens with the Word signature.
fn fib_offset(bytes: &[u8]) -> usize {
    (512..bytes.len())
        .step_by(512)
        .find(|&i| bytes[i..].starts_with(&[0xEC, 0xA5]))
        .expect("a FIB")
}

fn plan_bytes() -> Vec<u8> {
    std::fs::read(root().join(PLAN)).unwrap()
}

#[test]
fn a_password_protected_doc_is_named_as_such() {
    let mut bytes = plan_bytes();
    let fib = fib_offset(&bytes);
    bytes[fib + 0x0B] |= 0x01; // fEncrypted
    let e = err_of("x.doc", &bytes);
    assert!(
        matches!(
            e,
            ReadError::Encrypted {
                format: Format::Doc,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains(".doc is password-protected"), "{e}");
}

#[test]
fn word_95_documents_are_refused_as_too_old() {
    let mut bytes = plan_bytes();
    let fib = fib_offset(&bytes);
    bytes[fib + 2..fib + 4].copy_from_slice(&104u16.to_le_bytes()); // nFib of Word 95
    let e = err_of("x.doc", &bytes);
    assert!(matches!(e, ReadError::TooOld { .. }), "{e}");
    assert!(e.to_string().contains("Word 6.0/95"), "{e}");
}

#[test]
fn a_truncated_doc_is_damaged() {
    let bytes = plan_bytes();
    for keep in [600, bytes.len() / 2, bytes.len() - 700] {
        let e = err_of("x.doc", &bytes[..keep]);
        assert!(matches!(e, ReadError::Doc { .. }), "{keep}: {e}");
        assert!(e.to_string().contains("damaged or unreadable DOC"), "{e}");
    }
}

#[test]
fn streams_past_the_decompression_limit_are_refused() {
    let opts = ReadOptions {
        max_decompressed: 1000,
        ..ReadOptions::default()
    };
    let e = read_bytes_with(Path::new("x.doc"), &plan_bytes(), &opts).unwrap_err();
    // The library says what and which limit; the command line names its flag.
    assert!(
        e.to_string().contains("x.doc") && e.to_string().contains("past a limit"),
        "{e}"
    );
    assert!(!e.to_string().contains("--"), "{e}");
    assert_eq!(
        e.remedy(),
        Some(vanban::error::Remedy::Raise(
            vanban::error::Limit::Decompressed
        ))
    );
}

#[test]
fn content_decides_over_the_extension() {
    // A .doc saved under a .txt name is still read as a .doc.
    let raw = read_bytes(Path::new("ke-hoach.txt"), &plan_bytes()).unwrap();
    assert_eq!(raw.format, Format::Doc);
    // Bytes that are no compound file, named .doc.
    let e = err_of("x.doc", b"Plain words, not a Word file.");
    assert!(matches!(e, ReadError::Doc { .. }), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Mutated and truncated copies of a real .doc never panic: each reads or gives an error
    /// that is not a contained panic.
    #[test]
    fn mutated_docs_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = plan_bytes();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            let keep = cut.index(bytes.len()).max(8);
            bytes.truncate(keep);
        }
        match read_bytes(Path::new("x.doc"), &bytes) {
            Ok(_) => {}
            Err(ReadError::Panic { message, .. }) => prop_assert!(false, "panic: {}", message),
            Err(_) => {}
        }
    }
}

/// Every `.doc` among the real documents beside the project (`../shared/corpus/real`) reads
/// into text that is mostly Vietnamese words.
#[test]
fn real_doc_files_beside_the_project_read() {
    let dir = root().join("../shared/corpus/real");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("doc") {
            continue;
        }
        let doc = load(&path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let words: Vec<&str> = doc.text.split_whitespace().collect();
        let accented = words.iter().filter(|w| !w.is_ascii()).count();
        assert!(
            words.len() > 100,
            "{}: {} words",
            path.display(),
            words.len()
        );
        assert!(
            accented * 3 > words.len(),
            "{}: only {accented} of {} words have Vietnamese letters",
            path.display(),
            words.len()
        );
        n += 1;
    }
    eprintln!("{n} .doc files read from {}", dir.display());
}
