//! The PDF and DOCX readers on documents in `corpus/`, and hard-wrap repair on the
//! PDF-style wrapped report.

use std::path::PathBuf;

use vanban::{load, Format, LoadOptions};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn text_of(name: &str) -> String {
    load(&corpus(name), &LoadOptions::default()).unwrap().text
}

fn raw_of(name: &str) -> String {
    load(&corpus(name), &LoadOptions::default())
        .unwrap()
        .raw
        .text
}

/// Words of `s` in order, for comparisons that ignore line breaks and spacing.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

#[test]
fn libreoffice_pdf_gives_every_word_of_its_source_in_order() {
    let doc = load(
        &corpus("ke-hoach-cds-2024-xa-my-hoa.lo.pdf"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(doc.raw.format, Format::Pdf);
    assert_eq!(doc.raw.pages, Some(2));
    let source = std::fs::read_to_string(corpus("ke-hoach-cds-2024-xa-my-hoa.txt")).unwrap();
    assert_eq!(words(&doc.raw.text), words(&source));
}

#[test]
fn pdf_pages_end_with_a_form_feed_line() {
    let raw = raw_of("ke-hoach-cds-2024-xa-my-hoa.lo.pdf");
    let breaks = raw.lines().filter(|l| *l == "\u{C}").count();
    assert_eq!(breaks, 2);
    // Form feeds survive normalisation, on lines of their own.
    let text = text_of("ke-hoach-cds-2024-xa-my-hoa.lo.pdf");
    assert_eq!(text.lines().filter(|l| *l == "\u{C}").count(), 2);
}

#[test]
fn pdf_paragraphs_are_rejoined_like_the_source() {
    let text = text_of("ke-hoach-cds-2024-xa-my-hoa.lo.pdf");
    let source = std::fs::read_to_string(corpus("ke-hoach-cds-2024-xa-my-hoa.txt")).unwrap();
    // Every long source paragraph comes out as one line.
    let ours: Vec<&str> = text.lines().collect();
    let mut whole = 0;
    let long: Vec<&str> = source.lines().filter(|l| l.chars().count() > 100).collect();
    for para in &long {
        if ours.contains(para) {
            whole += 1;
        }
    }
    assert!(long.len() >= 5);
    assert_eq!(whole, long.len(), "every long paragraph rejoined");
}

#[test]
fn identity_h_pdf_is_decoded_through_its_tounicode_map() {
    let doc = load(
        &corpus("cong-van-1334-ubnd-vx.pdf"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(doc.raw.pages, Some(2));
    assert!(doc
        .raw
        .text
        .starts_with("ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 1334/UBND-VX\n"));
    assert!(!doc.raw.text.contains('\u{FFFD}'));
    assert!(doc.raw.text.contains("Niêm yết mã QR tại 100% bộ phận"));
}

#[test]
fn an_id_cut_after_its_dash_is_joined_whole() {
    let raw = raw_of("cong-van-1334-ubnd-vx.pdf");
    assert!(raw.contains("1219/KH-\nUBND"), "the PDF really cuts the id");
    let text = text_of("cong-van-1334-ubnd-vx.pdf");
    assert!(text.contains("Kế hoạch số 1219/KH-UBND ngày 14/3/2024"));
    assert!(!text.contains("KHUBND"));
}

#[test]
fn docx_paragraphs_tables_and_footnotes() {
    let doc = load(
        &corpus("bao-cao-9-thang-2024-so-tttt.docx"),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(doc.raw.format, Format::Docx);
    let lines: Vec<&str> = doc.text.lines().collect();
    assert_eq!(lines[2], "Số: 1875/BC-STTTT");
    // Table rows are tab-separated, one line per row.
    assert!(lines.contains(&"STT\tChỉ tiêu\tKế hoạch năm 2024\tThực hiện 9 tháng\tTỷ lệ"));
    assert!(lines.contains(&"1\tHồ sơ trực tuyến\t70%\t412.508/598.120 hồ sơ\t68,97%"));
    // The footnote reference is marked where it stands and the notes come at the end.
    assert!(doc.text.contains("thành phố¹ và thể hiện"));
    let last = lines.last().unwrap();
    assert!(
        last.starts_with("² Theo Quyết định số 2011/QĐ-UBND-HC"),
        "{last}"
    );
    assert!(last.contains(" & số liệu"), "XML entities unescaped");
}

#[test]
fn docx_rendered_to_pdf_keeps_the_words() {
    let pdf = load(
        &corpus("bao-cao-9-thang-2024-so-tttt.lo.pdf"),
        &LoadOptions::default(),
    )
    .unwrap();
    for needle in [
        "Số: 1875/BC-STTTT",
        "317/STTTT-CNTT-BCVT",
        "12.450.000.000 đồng",
        "Võ Thị Hoà",
    ] {
        assert!(pdf.raw.text.contains(needle), "{needle}");
    }
}

#[test]
fn wrapped_report_unwraps_to_the_checked_text() {
    let text = text_of("bao-cao-6-thang-2024-tinh-an-giang.pdf.txt");
    let expected = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/bao-cao-6-thang-2024.unwrapped.txt"),
    )
    .unwrap();
    assert_eq!(text, expected);
}

#[test]
fn wrapped_report_keeps_its_blocks_apart_and_joins_the_rest() {
    let text = text_of("bao-cao-6-thang-2024-tinh-an-giang.pdf.txt");
    let raw = raw_of("bao-cao-6-thang-2024-tinh-an-giang.pdf.txt");
    assert!(text.lines().count() < raw.lines().count() - 10);
    // A reference broken after "số" comes out whole.
    assert!(raw.contains("Kế hoạch số\n2198/KH-UBND"));
    assert!(text.contains("Kế hoạch số 2198/KH-UBND ngày 28/4/2022"));
    // Headings and list items stay on lines of their own.
    for start in [
        "I. KẾT QUẢ TRIỂN KHAI",
        "1. Chính quyền số",
        "2. Kinh tế số",
        "3. Xã hội số",
        "- Nền tảng",
    ] {
        assert!(text.lines().any(|l| l.starts_with(start)), "{start}");
    }
    // A paragraph running over a page break is joined; the break follows it.
    assert!(text.contains("đến cuối năm 2024 tỷ lệ hồ sơ"));
    let after = text.split("thủ tục hành chính đạt 100%.\n").nth(1).unwrap();
    assert!(after.starts_with('\u{C}'));
    // The glued footnote number is marked.
    assert!(text.contains("toàn trình¹. Trong 6 tháng"));
}

#[test]
fn markdown_report_is_left_as_written() {
    let path = corpus("bao-cao-cds-2023-huyen-an-phu.md");
    let doc = load(&path, &LoadOptions::default()).unwrap();
    assert_eq!(doc.raw.format, Format::Md);
    let source = std::fs::read_to_string(&path).unwrap();
    // Not hard-wrapped: same lines, same numbering.
    assert_eq!(doc.text.lines().count(), source.lines().count());
    assert_eq!(doc.text.lines().nth(3), Some("Số: 418/BC-UBND"));
}

#[test]
fn owner_password_only_pdf_is_read() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/owner-password-only.pdf");
    let doc = load(&path, &LoadOptions::default()).unwrap();
    assert!(doc.text.contains("Số: 27/KH-UBND"));
}

#[test]
fn a_pdf_named_txt_is_still_read_as_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("misnamed.txt");
    std::fs::copy(corpus("cong-van-1334-ubnd-vx.pdf"), &p).unwrap();
    let doc = load(&p, &LoadOptions::default()).unwrap();
    assert_eq!(doc.raw.format, Format::Pdf);
}
