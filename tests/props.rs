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
