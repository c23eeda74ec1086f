//! Stage 2, normalising: NFC, hard-wrap repair, footnote marks, and the search keys (tone
//! placement, accent folding).
//!
//! The text this stage prints (`vanban text FILE`) is the text every later `line` field
//! refers to.

mod fold;
mod tone;
mod unwrap;

pub use fold::{fold, fold_char, same_place, search_key};
pub use tone::{canonical_tones, is_tone_mark};
pub use unwrap::unwrap_lines;

use unicode_normalization::UnicodeNormalization;

/// The superscript digits `⁰`…`⁹`, as footnote marks are written.
pub const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The value of a superscript digit (`⁴` → 4).
///
/// ```
/// assert_eq!(vanban_core::normalize::superscript_value('⁴'), Some(4));
/// assert_eq!(vanban_core::normalize::superscript_value('4'), None);
/// ```
pub fn superscript_value(c: char) -> Option<u32> {
    SUPERSCRIPT.iter().position(|&s| s == c).map(|i| i as u32)
}

/// Whether `c` is a superscript digit.
pub fn is_superscript_digit(c: char) -> bool {
    superscript_value(c).is_some()
}

/// How to normalise.
#[derive(Debug, Clone, Copy, Default)]
pub struct NormalizeOptions {
    /// Rewrite old-style tone placement (`hoà`) to the canonical new style (`hòa`).
    pub canonical_tones: bool,
}

/// Normalises decoded text: NFC, trailing spaces and stray control characters removed, hard-wrapped paragraphs joined,
/// glued footnote numbers marked, and (when asked) tones placed canonically.
///
/// ```
/// use vanban_core::normalize::{normalize, NormalizeOptions};
/// let nfd = "Quye\u{302}\u{301}t \u{111}i\u{323}nh";
/// assert_eq!(normalize(nfd, NormalizeOptions::default()), "Quyết định\n");
/// ```
pub fn normalize(text: &str, opts: NormalizeOptions) -> String {
    let nfc = to_nfc(text);
    let mut trimmed = String::with_capacity(nfc.len());
    for line in nfc.lines() {
        let line = line.trim_end_matches([' ', '\u{A0}', '\r']);
        // Stray control characters (PDF glyph artefacts, old editors) are dropped; tabs and
        // form feeds carry meaning and stay.
        if line
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\u{C}')
        {
            trimmed.extend(
                line.chars()
                    .filter(|&c| !c.is_control() || c == '\t' || c == '\u{C}'),
            );
        } else {
            trimmed.push_str(line);
        }
        trimmed.push('\n');
    }
    let unwrapped = unwrap_lines(&trimmed);
    if opts.canonical_tones {
        canonical_tones(&unwrapped)
    } else {
        unwrapped
    }
}

/// The text in Unicode NFC, borrowed when it already is (the quick check answers for almost
/// all precomposed Vietnamese text without decomposing it).
///
/// ```
/// use vanban_core::normalize::to_nfc;
/// assert!(matches!(to_nfc("Quyết định"), std::borrow::Cow::Borrowed(_)));
/// assert_eq!(to_nfc("Quye\u{302}\u{301}t"), "Quyết");
/// ```
pub fn to_nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    // Below U+0300 and in Latin Extended Additional (U+1E00-U+1EFF, the precomposed
    // Vietnamese letters) every character is NFC whatever surrounds it: no need to ask.
    // On bytes: below U+0300 the lead byte is under 0xCC; U+1E00-U+1EFF is E1 B8..BB xx.
    let b = text.as_bytes();
    let mut i = 0;
    let mut simple = true;
    while i < b.len() {
        if b[i] < 0xCC {
            i += 1;
        } else if b[i] == 0xE1 && b.get(i + 1).is_some_and(|n| (0xB8..=0xBB).contains(n)) {
            i += 3;
        } else {
            simple = false;
            break;
        }
    }
    if simple {
        return std::borrow::Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// Like [`to_nfc`] for an owned string: returned as is when already NFC.
pub fn into_nfc(text: String) -> String {
    match to_nfc(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(n) => n,
    }
}
