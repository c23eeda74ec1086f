//! One tone-mark placement.
//!
//! Vietnamese has two spellings for syllables ending in the vowel pairs `oa`, `oe` and `uy`:
//! the old style puts the tone on the second vowel (`hoà`, `khoẻ`, `thuý`), the new style on
//! the first (`hòa`, `khỏe`, `thúy`). vanban's canonical form is the **new style**, the one
//! most current official documents use. Only those open syllables move: where a final
//! consonant follows (`hoàn`, `khuyến`) both styles already agree, and in `qu` + `y` (`quý`)
//! the `u` belongs to the consonant, so nothing moves.
//!
//! The printed text keeps the author's letters; [`canonical_tones`] is applied to search keys
//! and, on request (`vanban text --canonical`), to the text.

use unicode_normalization::UnicodeNormalization;

/// Rewrites every old-style syllable in `text` to the new style, leaving all else untouched.
///
/// ```
/// use vanban_core::normalize::canonical_tones;
/// assert_eq!(canonical_tones("Hoà Bình, thuý, khoẻ"), "Hòa Bình, thúy, khỏe");
/// assert_eq!(canonical_tones("hoàn thành, quý"), "hoàn thành, quý");
/// assert_eq!(canonical_tones("HOÀ, hoa\u{300}"), "HÒA, hòa");
/// ```
pub fn canonical_tones(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    // Text is copied through in runs; only a word that may be old-style is looked at closely.
    let mut copied = 0;
    let mut word_start: Option<usize> = None;
    let fix = |start: usize, end: usize, out: &mut String, copied: &mut usize| {
        let word = &text[start..end];
        if may_be_old_style(word) {
            let fixed = fix_word(word);
            if fixed != word {
                out.push_str(&text[*copied..start]);
                out.push_str(&fixed);
                *copied = end;
            }
        }
    };
    for (i, c) in text.char_indices() {
        let letter = c.is_ascii_alphabetic()
            || (!c.is_ascii()
                // Vietnamese letters first (Latin-1, Latin Extended, Latin Extended
                // Additional), without the general Unicode table lookup.
                && (matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
                    && c != '\u{D7}'
                    && c != '\u{F7}'
                    || c.is_alphabetic()
                    || ('\u{300}'..='\u{36F}').contains(&c)));
        match (letter, word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(s)) => {
                fix(s, i, &mut out, &mut copied);
                word_start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = word_start {
        fix(s, text.len(), &mut out, &mut copied);
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether `word` can be an old-style syllable: it ends in `a`, `e` or `y` carrying a tone
/// (precomposed), or it holds combining marks (decomposed text). Every other word is left
/// as it is without decomposing it.
fn may_be_old_style(word: &str) -> bool {
    const TONED: &str = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ";
    word.chars().next_back().is_some_and(|c| TONED.contains(c))
        || word.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c))
}

fn fix_word(word: &str) -> String {
    // Decompose, find the (single) tone mark, and see where it sits.
    let nfd: Vec<char> = word.nfd().collect();
    let tones: Vec<usize> = (0..nfd.len()).filter(|&i| is_tone_mark(nfd[i])).collect();
    if tones.len() != 1 || nfd.len() < 3 {
        return word.to_string();
    }
    let tone_at = tones[0];
    let tone = nfd[tone_at];
    // Base letters (lower-case, no marks) with their positions in `nfd`.
    let bases: Vec<(usize, char)> = nfd
        .iter()
        .enumerate()
        .filter(|(_, c)| !('\u{300}'..='\u{36F}').contains(*c))
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(*c)))
        .collect();
    let n = bases.len();
    if n < 2 {
        return word.to_string();
    }
    let (i1, v1) = bases[n - 2];
    let (i2, v2) = bases[n - 1];
    let pair_ok = matches!((v1, v2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !pair_ok {
        return word.to_string();
    }
    // `qu` + `y`: the `u` is part of the consonant.
    if v1 == 'u' && n >= 3 && bases[n - 3].1 == 'q' {
        return word.to_string();
    }
    // The first vowel must be bare (no circumflex/horn/breve) and the tone must be on the second.
    let marks_on_first: Vec<char> = nfd[i1 + 1..i2].to_vec();
    if !marks_on_first.is_empty() || tone_at <= i2 {
        return word.to_string();
    }
    let mut rebuilt: Vec<char> = Vec::with_capacity(nfd.len());
    for (i, &c) in nfd.iter().enumerate() {
        if i == tone_at {
            continue;
        }
        rebuilt.push(c);
        if i == i1 {
            rebuilt.push(tone);
        }
    }
    rebuilt.into_iter().nfc().collect()
}

/// Whether `c` is one of the five combining Vietnamese tone marks.
pub fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word through `fix_word`, the slow way the fast path must agree with.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c) {
                word.push(c);
            } else {
                out.push_str(&fix_word(&word));
                word.clear();
                out.push(c);
            }
        }
        out.push_str(&fix_word(&word));
        out
    }

    #[test]
    fn fast_path_agrees_with_every_word_decomposed() {
        let text = "Hoà Bình, thuý, khoẻ; HOÀ THUẬN, Khoẻ mạnh. hoa\u{300} hoàn quý Thuỳ \
                    Ngô Đức Thuỵ 52,04% toà án, loè loẹt, xoà, ThuÝ, ωà, ε\u{301}";
        assert_eq!(canonical_tones(text), reference(text));
        assert_ne!(canonical_tones(text), text);
    }
}
