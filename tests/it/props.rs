//! Property tests: the readers and normalisation never panic on arbitrary input, and hard-wrap
//! repair never loses or reorders text.

use std::path::Path;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::normalize::{fold, normalize, NormalizeOptions};
use vanban::read::read_bytes;

const EXTS: [&str; 5] = ["txt", "md", "pdf", "docx", "bin"];

fn corpus_bytes(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in 0usize..5) {
        let path = format!("x.{}", EXTS[ext]);
        let _ = read_bytes(Path::new(&path), &bytes);
    }

    #[test]
    fn arbitrary_bytes_behind_a_pdf_or_zip_header_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        zip in any::<bool>(),
    ) {
        let mut data = if zip { b"PK\x03\x04".to_vec() } else { b"%PDF-1.5\n".to_vec() };
        data.extend(bytes);
        let _ = read_bytes(Path::new("x.pdf"), &data);
    }

    #[test]
    fn arbitrary_strings_normalise_and_fold_without_panic(s in "\\PC{0,400}") {
        let _ = normalize(&s, NormalizeOptions { canonical_tones: true });
        let folded = fold(&s);
        let marked = folded.nfd().any(|c| ('\u{300}'..='\u{36F}').contains(&c));
        prop_assert!(!marked, "folded text keeps a mark");
    }

    #[test]
    fn unwrapping_keeps_every_letter_in_order(
        s in "([a-zàáảãạăâđêôơưỳýỷỹỵ]{1,8}[ ,.;:]{0,2}|\n|\n\n|- |1\\. |\t){0,300}"
    ) {
        let out = normalize(&s, NormalizeOptions::default());
        // Footnote marking turns glued digits into superscripts: count them as digits.
        let letters = |t: &str| {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| match "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c) {
                    Some(d) => char::from(b'0' + d as u8),
                    None => c,
                })
                .collect::<String>()
        };
        prop_assert_eq!(letters(&out), letters(&s.nfc().collect::<String>()));
        prop_assert!(out.lines().count() <= s.lines().count().max(1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn damaged_real_pdfs_never_panic(cut in 0.0f64..1.0, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..20)) {
        let mut pdf = corpus_bytes("ke-hoach-cds-2024-xa-my-hoa.lo.pdf");
        for (at, byte) in flips {
            let i = ((pdf.len() - 1) as f64 * at) as usize;
            pdf[i] = byte;
        }
        pdf.truncate(((pdf.len() as f64) * cut) as usize + 1);
        let _ = read_bytes(Path::new("x.pdf"), &pdf);
    }

    #[test]
    fn damaged_real_docx_never_panics(cut in 0.0f64..1.0, flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..20)) {
        let mut docx = corpus_bytes("bao-cao-9-thang-2024-so-tttt.docx");
        for (at, byte) in flips {
            let i = ((docx.len() - 1) as f64 * at) as usize;
            docx[i] = byte;
        }
        docx.truncate(((docx.len() as f64) * cut) as usize + 1);
        let _ = read_bytes(Path::new("x.docx"), &docx);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn extraction_never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let _ = vanban::extract::Extractor::built_in().extract_text(&s);
    }

    #[test]
    fn extraction_never_panics_on_document_like_text(
        s in "((Số: |Kế hoạch số |ngày |tháng |năm |trong đó |tổng số |Đánh giá: |a\\) Yêu cầu tiêu chí: |b\\) Kết quả: |Chỉ tiêu đạt: |đạt |ít nhất |trên |khoảng |tỷ lệ |đồng|tỷ |%|/|-|\\.|,|;|:|\\(|\\)|\n|<sup>1</sup>|¹|[0-9]{1,5}|[a-zđêôơưăâ]{1,6}|[ỦĐQKH]{1,3}| ){0,120})"
    ) {
        let f = vanban::extract::Extractor::built_in().extract_text(&s);
        for r in &f.references {
            prop_assert!(r.line >= 1);
        }
    }
}

/// Letters whose case mapping changes their length in bytes (`İ` lowers to two chars, `ẞ`,
/// `ﬁ`), marks, and the words the extractors look for, so shifted offsets would be found.
const TRICKY: &str = "(İ|ı|ẞ|ﬁ|Ω|K|\u{301}|\u{300}|\u{0323}|\u{200B}|\u{FEFF}|\t|≥|≤|…|–|Tỷ lệ |trở lên |đạt |Đạt|Chưa đạt|Tiêu chí số |Chỉ tiêu |trong đó |tổng số |gồm |năm 20|[0-9]{1,4}|[,./%]| |\n|[a-zà-ỹ]{1,5}|[A-ZÀ-Ỹ]{1,3}|\\PC)";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Extraction and the checks on its facts, the way `extract` and `check` run them, on
    /// arbitrary Unicode: no panic, and every line named exists in the text.
    #[test]
    fn extract_and_check_never_panic_on_arbitrary_unicode(s in "\\PC{0,300}") {
        let text = vanban::normalize::normalize(&s, Default::default());
        let e = vanban::analyze_text(&text, vanban::extract::Extractor::built_in());
        let lines = text.lines().count().max(1);
        for f in &e.findings {
            prop_assert!(f.line >= 1 && f.line <= lines, "finding line {} of {}", f.line, lines);
        }
    }

    #[test]
    fn extract_and_check_never_panic_on_length_changing_case(
        parts in proptest::collection::vec(TRICKY, 0..120)
    ) {
        let s: String = parts.concat();
        let e = vanban::analyze_text(&s, vanban::extract::Extractor::built_in());
        let lines = s.lines().count().max(1);
        for r in &e.results {
            prop_assert!(r.line >= 1 && r.line <= lines, "result line {} of {}", r.line, lines);
        }
    }
}

#[test]
fn a_requirement_beside_letters_that_grow_when_lowered() {
    let e = vanban::analyze_text(
        "Tỷ lệ 95% trở lên İİ\nKết quả: đạt 96% İ\n",
        vanban::extract::Extractor::built_in(),
    );
    assert!(
        e.percentages.iter().any(|p| (p.value - 95.0).abs() < 1e-9),
        "{:?}",
        e.percentages
    );
}
