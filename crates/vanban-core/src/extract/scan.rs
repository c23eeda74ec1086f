//! Small, allocation-free helpers for looking around a position in the text: the character
//! before or after, a bounded window, and whole-word comparison without regard to case or
//! accents.
//!
//! Every extractor looks at a bounded neighbourhood of the mention it builds, so extraction
//! stays linear in the size of the document. Nothing here lower-cases or folds a copy of the
//! text: characters are compared one by one, so byte offsets always refer to the original text
//! (lower-casing can change the length of a character: `İ` is one character, `i̇` two).

use crate::normalize::fold_char;

/// Whether `c` is a letter or digit (as [`is_word_char`]), answered from the code
/// point for ASCII and the Latin blocks Vietnamese is written in, without the Unicode tables.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether `c` is a letter (as `char::is_alphabetic`), answered from the code point for ASCII
/// and the Latin blocks Vietnamese is written in, without the Unicode tables.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Spaces inside a line: space, tab, no-break and thin spaces.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{A0}' | '\u{2009}' | '\u{202F}')
}

/// The character right before byte `at`.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// Every place a lower-case word stands in `text` as a whole word, written as given or with a
/// capital first letter (`trong đó`, `Trong đó`), in order: start and end bytes.
pub fn word_hits(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut cap = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        cap.extend(c.to_uppercase());
        cap.push_str(chars.as_str());
    }
    let forms: &[&str] = if cap == word || word.is_empty() {
        &[word]
    } else {
        &[word, cap.as_str()]
    };
    let mut out = Vec::new();
    for form in forms.iter().filter(|f| !f.is_empty()) {
        for at in memchr::memmem::find_iter(text.as_bytes(), form.as_bytes()) {
            let end = at + form.len();
            if char_before(text, at).is_some_and(char::is_alphanumeric)
                || text[end..].starts_with(char::is_alphanumeric)
            {
                continue;
            }
            out.push((at, end));
        }
    }
    out.sort_unstable();
    out
}

/// How many brackets are still open at the end of `s` (a `)` with no `(` before it, as in a
/// list mark `b)`, closes nothing).
pub fn open_brackets(s: &str) -> usize {
    s.chars().fold(0usize, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth.saturating_sub(1),
        _ => depth,
    })
}

/// The character at byte `at`.
pub fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// At most `max` bytes of `text` before `at`, cut at a character boundary.
pub fn tail(text: &str, at: usize, max: usize) -> &str {
    let at = at.min(text.len());
    let mut start = at.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// At most `max` bytes of `text` from `at`, cut at a character boundary.
pub fn head(text: &str, at: usize, max: usize) -> &str {
    let at = at.min(text.len());
    let mut end = (at + max).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[at..end]
}

/// `s` without leading spaces (see [`is_space`]).
pub fn trim_spaces_start(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

/// `s` without trailing spaces (see [`is_space`]).
pub fn trim_spaces_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// The byte length of the prefix of `hay` whose characters match `word`'s one by one under
/// `same(hay_char, word_char)`.
#[inline]
fn prefix_by(hay: &str, word: &str, same: impl Fn(char, char) -> bool) -> Option<usize> {
    let mut h = hay.char_indices();
    for w in word.chars() {
        let (_, c) = h.next()?;
        if !same(c, w) {
            return None;
        }
    }
    Some(h.next().map(|(i, _)| i).unwrap_or(hay.len()))
}

/// Where the suffix of `hay` whose characters match `word`'s under `same` starts.
#[inline]
fn suffix_start_by(hay: &str, word: &str, same: impl Fn(char, char) -> bool) -> Option<usize> {
    let mut h = hay.char_indices().rev();
    let mut start = hay.len();
    for w in word.chars().rev() {
        let (i, c) = h.next()?;
        if !same(c, w) {
            return None;
        }
        start = i;
    }
    Some(start)
}

/// Whether a match of `word` ending at byte `end` of `hay` ends a word: the next character is
/// no letter or digit, or `word` itself ends in a symbol.
#[inline]
fn ends_word(hay: &str, end: usize, word: &str) -> bool {
    !(hay[end..].chars().next().is_some_and(is_word_char)
        && word.chars().next_back().is_some_and(is_word_char))
}

/// Whether a match of `word` starting at byte `start` of `hay` starts a word.
#[inline]
fn starts_word(hay: &str, start: usize, word: &str) -> bool {
    !(hay[..start].chars().next_back().is_some_and(is_word_char)
        && word.chars().next().is_some_and(is_word_char))
}

fn lower_is(c: char, w: char) -> bool {
    if c == w {
        return true;
    }
    let mut l = c.to_lowercase();
    l.next() == Some(w) && l.next().is_none()
}

/// The length in bytes of the prefix of `hay` that equals `word` (given in lower case) without
/// regard to case, or `None`.
pub fn prefix_len(hay: &str, word: &str) -> Option<usize> {
    prefix_by(hay, word, lower_is)
}

/// Like [`prefix_len`], but the match must also end at a word boundary (the next character is
/// not a letter or digit).
pub fn word_prefix_len(hay: &str, word: &str) -> Option<usize> {
    prefix_by(hay, word, lower_is).filter(|&n| ends_word(hay, n, word))
}

/// The byte length of the suffix of `hay` equal to `word` (lower case) without regard to case,
/// starting at a word boundary, or `None`.
pub fn word_suffix_len(hay: &str, word: &str) -> Option<usize> {
    suffix_start_by(hay, word, lower_is)
        .filter(|&start| starts_word(hay, start, word))
        .map(|start| hay.len() - start)
}

/// Whether `hay` holds `word` (lower case) as a whole word, without regard to case; the byte
/// offset of the first such place.
pub fn find_word(hay: &str, word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    let mut prev_alnum = false;
    for (i, c) in hay.char_indices() {
        if !prev_alnum && lower_is(c, first) && word_prefix_len(&hay[i..], word).is_some() {
            return Some(i);
        }
        prev_alnum = is_word_char(c);
    }
    None
}

/// The folded form of one character (accents dropped, `đ` to `d`, lower case).
pub fn folded(c: char) -> char {
    fold_char(c)
}

/// The byte length of the prefix of `hay` whose fold is `word` (given folded: `ket qua`),
/// ending at a word boundary, or `None`.
pub fn folded_prefix_len(hay: &str, word: &str) -> Option<usize> {
    prefix_by(hay, word, |c, w| fold_char(c) == w).filter(|&n| ends_word(hay, n, word))
}

/// The byte length of the suffix of `hay` whose fold is `word` (given folded), starting at a
/// word boundary, or `None`.
pub fn folded_suffix_len(hay: &str, word: &str) -> Option<usize> {
    suffix_start_by(hay, word, |c, w| fold_char(c) == w)
        .filter(|&start| starts_word(hay, start, word))
        .map(|start| hay.len() - start)
}

/// Whether `hay` holds a whole word whose fold is `word` (given folded).
pub fn contains_folded(hay: &str, word: &str) -> bool {
    find_folded(hay, word).is_some()
}

/// The byte offset of the first whole word of `hay` whose fold is `word` (given folded).
pub fn find_folded(hay: &str, word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    let mut prev_alnum = false;
    for (i, c) in hay.char_indices() {
        if !prev_alnum && fold_char(c) == first && folded_prefix_len(&hay[i..], word).is_some() {
            return Some(i);
        }
        prev_alnum = is_word_char(c);
    }
    None
}

/// Whether the alphabetic characters of `s` are all capitals (and there is at least one).
pub fn is_upper_text(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        if is_letter(c) {
            if !c.is_uppercase() {
                return false;
            }
            any = true;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cut_at_character_boundaries() {
        let s = "Kế hoạch";
        for at in 0..=s.len() {
            if s.is_char_boundary(at) {
                for max in 0..12 {
                    let t = tail(s, at, max);
                    assert!(t.len() <= max && s[..at].ends_with(t));
                    let h = head(s, at, max);
                    assert!(h.len() <= max && s[at..].starts_with(h));
                }
            }
        }
    }

    #[test]
    fn case_changes_that_grow_a_character_never_match_or_panic() {
        // `İ` lower-cases to two characters: no match, and no slicing inside it.
        assert_eq!(prefix_len("İİ trở lên", "i"), None);
        assert_eq!(word_suffix_len("95% İİ", "i"), None);
        let s = "Tỷ lệ 95% trở lên İİ";
        assert_eq!(find_word(s, "trở lên"), s.find("trở"));
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(word_suffix_len("khoảng", "ng"), None);
        assert_eq!(
            word_suffix_len("vượt  khoảng", "khoảng"),
            Some("khoảng".len())
        );
        assert!(word_prefix_len("đ.", "đ").is_some());
        assert!(is_upper_text("ỦY BAN NHÂN DÂN 12"));
        assert!(!is_upper_text("Ủy ban"));
        assert!(!is_upper_text("123"));
    }
}

#[cfg(test)]
mod documented {
    //! The examples of the functions' documentation, as unit tests (the module is
    //! private, so they cannot be doc-tests).

    #[test]
    fn contains_folded_as_documented() {
        use crate::extract::scan::contains_folded;
        assert!(contains_folded("Mục tiêu đến năm 2025", "muc tieu"));
        assert!(!contains_folded("Mục tiêuxx", "muc tieu"));
    }

    #[test]
    fn find_word_as_documented() {
        use crate::extract::scan::find_word;
        let s = "Tổng số 32 văn bản, Trong đó 28";
        assert_eq!(find_word(s, "trong đó"), s.find("Trong"));
        assert_eq!(find_word("trong đóng góp", "trong đó"), None);
    }

    #[test]
    fn folded_prefix_len_as_documented() {
        use crate::extract::scan::folded_prefix_len;
        assert_eq!(
            folded_prefix_len("Kết Quả thực hiện", "ket qua"),
            Some("Kết Quả".len())
        );
        assert_eq!(folded_prefix_len("Kết quảx", "ket qua"), None);
    }

    #[test]
    fn folded_suffix_len_as_documented() {
        use crate::extract::scan::folded_suffix_len;
        assert_eq!(folded_suffix_len("tỷ lệ hộ ĐẠT", "dat"), Some("ĐẠT".len()));
        assert_eq!(folded_suffix_len("tỷ lệ hộ đạtx", "dat"), None);
    }

    #[test]
    fn is_letter_as_documented() {
        use crate::extract::scan::is_letter;
        assert!(is_letter('ự') && is_letter('Đ') && is_letter('a') && is_letter('Ω'));
        assert!(!is_letter('7') && !is_letter('×') && !is_letter(' '));
    }

    #[test]
    fn open_brackets_as_documented() {
        assert_eq!(
            crate::extract::scan::open_brackets("b) đạt 80% (trường hợp"),
            1
        );
        assert_eq!(crate::extract::scan::open_brackets("(a) b"), 0);
    }

    #[test]
    fn prefix_len_as_documented() {
        use crate::extract::scan::prefix_len;
        assert_eq!(prefix_len("KẾT QUẢ: đạt", "kết quả"), Some("KẾT QUẢ".len()));
        assert_eq!(prefix_len("Kết", "kết quả"), None);
    }

    #[test]
    fn tail_as_documented() {
        let s = "Quyết định số";
        assert_eq!(crate::extract::scan::tail(s, s.len(), 5), " số");
    }

    #[test]
    fn word_hits_as_documented() {
        let hits =
            crate::extract::scan::word_hits("Trong đó 3 xã; trong đó, không trongđó", "trong đó");
        assert_eq!(hits.len(), 2);
    }

    #[test]
    fn word_prefix_len_as_documented() {
        use crate::extract::scan::word_prefix_len;
        assert_eq!(word_prefix_len("đồng chí", "đồng"), Some("đồng".len()));
        assert_eq!(word_prefix_len("đồngbộ", "đồng"), None);
    }

    #[test]
    fn word_suffix_len_as_documented() {
        use crate::extract::scan::word_suffix_len;
        assert_eq!(
            word_suffix_len("đạt Ít nhất", "ít nhất"),
            Some("Ít nhất".len())
        );
        assert_eq!(word_suffix_len("bít nhất", "ít nhất"), None);
    }
}
