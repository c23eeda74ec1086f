//! Normalisation: NFC, tone placement, accent folding over the whole alphabet.

use unicode_normalization::UnicodeNormalization;
use vanban::normalize::{canonical_tones, fold, normalize, search_key, NormalizeOptions};

/// The 67 lower-case Vietnamese letters with marks, grouped by the plain letter they fold to.
const LETTERS: &[(char, &str)] = &[
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('d', "đ"),
];

#[test]
fn folding_covers_all_134_precomposed_letters() {
    let mut count = 0;
    for (plain, letters) in LETTERS {
        for c in letters.chars() {
            let upper: String = c.to_uppercase().collect();
            assert_eq!(upper.chars().count(), 1, "{c} has a one-letter capital");
            for form in [c.to_string(), upper] {
                assert_eq!(form.nfc().count(), 1, "{form} is precomposed");
                assert_eq!(fold(&form), plain.to_string(), "{form}");
                // Decomposed input folds the same.
                let nfd: String = form.nfd().collect();
                assert_eq!(fold(&nfd), plain.to_string(), "NFD {form}");
                count += 1;
            }
        }
    }
    assert_eq!(count, 134);
}

#[test]
fn folding_examples() {
    assert_eq!(fold("Chuyển Đổi Số"), "chuyen doi so");
    assert_eq!(fold("CHUYỂN ĐỔI SỐ"), "chuyen doi so");
    assert_eq!(
        fold("Quyết định số 45/2016/QĐ-TTg"),
        "quyet dinh so 45/2016/qd-ttg"
    );
}

#[test]
fn nfd_and_mixed_input_end_identical() {
    let nfc = "Ủy ban nhân dân huyện Tháp Mười, Quyết định số 3241/QĐ-UBND";
    let nfd: String = nfc.nfd().collect();
    // Every other word decomposed.
    let half: String = nfc
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i % 2 == 0 {
                w.nfd().collect::<String>()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert_ne!(half, nfc);
    let opts = NormalizeOptions::default();
    assert_eq!(normalize(&nfd, opts), format!("{nfc}\n"));
    assert_eq!(normalize(nfc, opts), format!("{nfc}\n"));
    assert_eq!(normalize(&half, opts), normalize(nfc, opts));
}

#[test]
fn old_and_new_tone_styles_meet_in_the_search_key() {
    for (old, new) in [
        ("hoà", "hòa"),
        ("Thuý", "Thúy"),
        ("khoẻ", "khỏe"),
        ("Uỷ ban", "Ủy ban"),
        ("hoá", "hóa"),
        ("thuỷ lợi", "thủy lợi"),
        ("xoạ", "xọa"),
    ] {
        assert_eq!(canonical_tones(old), new);
        assert_eq!(canonical_tones(new), new, "new style stays");
        assert_eq!(search_key(old), search_key(new));
    }
    // Syllables where both styles agree are untouched.
    for same in [
        "hoàn thành",
        "quý",
        "khuyến",
        "thuở",
        "Nguyễn",
        "quỹ",
        "hoạch",
        "người",
    ] {
        assert_eq!(canonical_tones(same), same);
    }
}

#[test]
fn printed_text_keeps_the_authors_letters_unless_canonical_is_asked() {
    let text = "Đoàn Thị Thuý Hằng, sức khoẻ, hoà mạng";
    assert_eq!(
        normalize(text, NormalizeOptions::default()),
        format!("{text}\n")
    );
    let canon = normalize(
        text,
        NormalizeOptions {
            canonical_tones: true,
        },
    );
    assert_eq!(canon, "Đoàn Thị Thúy Hằng, sức khỏe, hòa mạng\n");
}

#[test]
fn glued_footnote_numbers_become_superscript_but_codes_do_not() {
    let t = normalize(
        "trực tuyến toàn trình1. Mạng 4G/5G, mức độ 3, 4 và H2O.\n",
        NormalizeOptions::default(),
    );
    assert_eq!(
        t,
        "trực tuyến toàn trình¹. Mạng 4G/5G, mức độ 3, 4 và H2O.\n"
    );
}

#[test]
fn short_documents_and_tables_are_not_joined() {
    let table = "STT\tSố hiệu\tNgày\n1\t62/KH-UBND\t10/04/2024\n2\t71-KH/HU\t14/4/2024\n3\t04-NQ/TU\t25/6/2024\n";
    assert_eq!(normalize(table, NormalizeOptions::default()), table);
}
