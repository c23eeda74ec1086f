//! Accent folding for search keys.

use unicode_normalization::UnicodeNormalization;

/// Folds text to a plain ASCII-letter search key: every tone and vowel mark removed, `đ`/`Đ`
/// to `d`, lower case. `Chuyển Đổi Số` and `CHUYEN DOI SO` fold to the same key.
///
/// ```
/// assert_eq!(vanban_core::normalize::fold("Chuyển Đổi Số"), "chuyen doi so");
/// assert_eq!(vanban_core::normalize::fold("Quye\u{302}\u{301}t ĐỊNH"), "quyet dinh");
/// ```
pub fn fold(text: &str) -> String {
    let table = table();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.get(c as usize - 0x80).copied().unwrap_or(SLOW) {
            DROP => {}
            SLOW => fold_slow(c, &mut out),
            b => out.push(char::from(b)),
        }
    }
    out
}

/// Folds one character to one character, so folded and original offsets line up: the
/// character's fold when that is a single character (`ễ` → `e`, `Đ` → `d`), else the
/// character itself (a lone combining mark, a ligature).
///
/// ```
/// use vanban_core::normalize::fold_char;
/// assert_eq!(fold_char('Ễ'), 'e');
/// assert_eq!(fold_char('\u{301}'), '\u{301}');
/// ```
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match table().get(c as usize - 0x80).copied().unwrap_or(SLOW) {
        DROP => c,
        SLOW => {
            let mut s = String::new();
            fold_slow(c, &mut s);
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(b), None) => b,
                _ => c,
            }
        }
        b => char::from(b),
    }
}

/// Table entries: the folded ASCII letter, or one of these.
const SLOW: u8 = 0;
const DROP: u8 = 1;
/// The table covers U+0080 up to here: Latin-1, Latin Extended A and B, IPA, combining marks,
/// and Latin Extended Additional (all precomposed Vietnamese letters).
const TABLE_END: u32 = 0x1F00;

/// The fold of each character below [`TABLE_END`], computed once from its canonical
/// decomposition, so [`fold`] costs one lookup per letter instead of decomposing the text.
fn table() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80..TABLE_END)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else {
                    return SLOW;
                };
                let mut s = String::new();
                fold_slow(c, &mut s);
                match s.as_bytes() {
                    [] => DROP,
                    [b] if b.is_ascii_alphanumeric() => *b,
                    _ => SLOW,
                }
            })
            .collect()
    })
}

/// Folds one character through its canonical decomposition.
fn fold_slow(c: char, out: &mut String) {
    for c in std::iter::once(c).nfd() {
        match c {
            '\u{300}'..='\u{36F}' => {}
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether two place names name the same place, written with or without accents, in any
/// case or tone placement (`Phù Mỹ`, `PHÙ MỸ`, `Phu My`). The one place matcher of the checks
/// (a plan binds a report of its place), the findings filter and the indicators; the index's
/// place filter folds the same way.
///
/// ```
/// use vanban_core::normalize::same_place;
/// assert!(same_place("Hoà Bình", "HÒA BÌNH"));
/// assert!(same_place("Phù Mỹ", "phu my"));
/// assert!(!same_place("Phù Mỹ", "Phù Cát"));
/// ```
pub fn same_place(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

/// The accent-keeping search key: NFC, canonical tone placement, lower case.
///
/// ```
/// assert_eq!(vanban_core::normalize::search_key("Hoà Bình"), vanban_core::normalize::search_key("hòa bình"));
/// ```
pub fn search_key(text: &str) -> String {
    super::canonical_tones(&super::to_nfc(text)).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table gives what decomposing gives, for every character it covers and for text.
    #[test]
    fn table_agrees_with_decomposition() {
        for cp in 0x80..TABLE_END + 0x200 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut slow = String::new();
            fold_slow(c, &mut slow);
            assert_eq!(fold(&c.to_string()), slow, "U+{cp:04X}");
        }
        let text = "Ủy ban nhân dân xã Mỹ Hòa ĐẠT 95,91% — Ωmega ǅ ﬁ";
        let slow: String = text.chars().fold(String::new(), |mut s, c| {
            fold_slow(c, &mut s);
            s
        });
        assert_eq!(fold(text), slow);
    }
}
