//! Accent folding for search keys.

use unicode_normalization::UnicodeNormalization;

/// Folds text to a plain ASCII-letter search key: every tone and vowel mark removed, `đ`/`Đ`
/// to `d`, lower case. `Chuyển Đổi Số` and `CHUYEN DOI SO` fold to the same key.
///
/// ```
/// assert_eq!(vanban::normalize::fold("Chuyển Đổi Số"), "chuyen doi so");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            '\u{300}'..='\u{36F}' => {}
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The accent-keeping search key: NFC, canonical tone placement, lower case.
///
/// ```
/// assert_eq!(vanban::normalize::search_key("Hoà Bình"), vanban::normalize::search_key("hòa bình"));
/// ```
pub fn search_key(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    super::canonical_tones(&nfc).to_lowercase()
}
