//! Plain-text decoding: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1258, TCVN3 and
//! VNI-Windows, detected from the bytes.
//!
//! Detection order: a byte-order mark decides outright; then a UTF-16 shape without BOM (every
//! other byte zero); then bytes that are valid UTF-8. Anything else is decoded with each legacy
//! Vietnamese encoding and the one whose words are most often common Vietnamese syllables wins.
//! Binary data (NUL bytes, many control bytes) is refused rather than guessed at.

use unicode_normalization::char::{compose, decompose_canonical};
use unicode_normalization::UnicodeNormalization;

use super::legacy::{self, Legacy};
use crate::normalize::is_tone_mark;

/// A text encoding vanban can detect and decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian.
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese ANSI code page; tones as separate combining bytes).
    Windows1258,
    /// TCVN3 / ABC (`.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows (`VNI-Times` fonts).
    VniWindows,
}

impl Encoding {
    /// The name used in reports and in the extract JSON (`source.encoding`).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::VniWindows => "vni-windows",
        }
    }

    /// Every encoding, in a fixed order.
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::VniWindows,
    ];
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Text decoded from bytes, with how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, NFC, with every line ending turned into `\n` and no byte-order mark.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: Encoding,
    /// Whether the bytes began with a byte-order mark.
    pub bom: bool,
    /// Whether the bytes had CRLF or CR line endings (now `\n`).
    pub crlf: bool,
}

/// Why bytes were refused as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText(pub String);

/// Decodes a text file's bytes, detecting the encoding.
///
/// ```
/// let d = vanban_core::read::decode(b"S\xe8: 12/KH-UBND").unwrap();
/// assert_eq!(d.encoding.name(), "tcvn3");
/// assert_eq!(d.text, "Số: 12/KH-UBND");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    let (raw, encoding, bom) = decode_raw(bytes)?;
    let crlf = raw.contains('\r');
    let unified = if crlf {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw
    };
    check_controls(&unified)?;
    Ok(Decoded {
        text: crate::normalize::into_nfc(unified),
        encoding,
        bom,
        crlf,
    })
}

fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding, bool), NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_owned(), Encoding::Utf8, true)),
            Err(e) => Err(NotText(format!(
                "starts with a UTF-8 byte-order mark but byte {} is not valid UTF-8",
                e.valid_up_to() + 3
            ))),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be, true);
    }
    if let Some(enc) = utf16_shape(bytes) {
        return utf16(bytes, enc, false);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText(format!("a NUL byte at offset {pos}")));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), Encoding::Utf8, false));
    }
    // Legacy single-byte encodings: pick the decoding that reads most like Vietnamese, judged
    // on the first 16 KB (plenty of words to tell them apart), then decode the whole.
    let sample = &bytes[..bytes.len().min(16 * 1024)];
    let candidates = [Encoding::Windows1258, Encoding::Tcvn3, Encoding::VniWindows];
    let mut best: Option<(i64, Encoding)> = None;
    for enc in candidates {
        let score = vietnamese_score(&decode_single_byte(sample, enc));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, enc));
        }
    }
    let (_, enc) = best.expect("three candidates");
    Ok((decode_single_byte(bytes, enc), enc, false))
}

fn utf16(bytes: &[u8], enc: Encoding, bom: bool) -> Result<(String, Encoding, bool), NotText> {
    let codec = if enc == Encoding::Utf16Le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    match codec.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), enc, bom)),
        None => Err(NotText(format!(
            "looks like {} but holds invalid sequences",
            enc.name()
        ))),
    }
}

/// UTF-16 without BOM: most high bytes (or low bytes) of ASCII-range characters are zero.
fn utf16_shape(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    // The first 64 KB tell as well as the whole file.
    let bytes = &bytes[..bytes.len().min(64 * 1024)];
    let n = bytes.len() / 2;
    let even_zero = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= n * 4 && even_zero * 20 < n {
        Some(Encoding::Utf16Le)
    } else if even_zero * 10 >= n * 4 && odd_zero * 20 < n {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_single_byte(bytes: &[u8], enc: Encoding) -> String {
    match enc {
        Encoding::Windows1258 => encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
        Encoding::Tcvn3 => legacy::decode(bytes, Legacy::Tcvn3),
        Encoding::VniWindows => legacy::decode(bytes, Legacy::Vni),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Refuses text whose share of control characters says it is binary.
fn check_controls(text: &str) -> Result<(), NotText> {
    // Counted on bytes: characters are the bytes that do not continue a UTF-8 sequence;
    // control characters are C0 (one byte), DEL, and C1 (U+0080-U+009F, `C2 80`-`C2 9F`).
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let mut controls = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            total += 1;
        }
        let c0 = (b < 0x20 && !matches!(b, b'\n' | b'\t' | 0x0C)) || b == 0x7F;
        let c1 = b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n));
        if c0 || c1 {
            controls += 1;
        }
    }
    if total > 0 && controls * 100 > total {
        return Err(NotText(format!(
            "{controls} of {total} characters are control characters"
        )));
    }
    Ok(())
}

/// Common syllables of Vietnamese administrative writing, used only to tell the legacy
/// encodings apart: a right decoding turns many words into these, a wrong one almost none.
const COMMON_SYLLABLES: &[&str] = &[
    "của", "và", "các", "năm", "số", "ngày", "tháng", "thực", "hiện", "chuyển", "đổi", "huyện",
    "tỉnh", "xã", "được", "trên", "người", "dân", "công", "nghệ", "thông", "tin", "kế", "hoạch",
    "quyết", "định", "báo", "cáo", "với", "những", "này", "để", "đã", "theo", "về", "trong", "cho",
    "có", "không", "đến", "từ", "tại", "hành", "chính", "điện", "tử", "dịch", "vụ", "trực",
    "tuyến", "hồ", "sơ", "đạt", "tiêu", "chỉ", "ủy", "ban", "nhân", "phát", "triển", "kinh", "tế",
    "hội", "quản", "lý", "đơn", "vị", "cơ", "quan", "nhà", "nước", "đề", "án", "giai", "đoạn",
    "kết", "quả", "nhiệm", "triển", "khai", "địa", "bàn", "sử", "dụng", "phần", "mềm", "mạng",
    "hệ", "thống", "dữ", "liệu", "cấp", "tổ", "chức", "cán", "bộ", "viên", "lĩnh", "vực", "tiếp",
    "tục", "đảm", "bảo", "an", "toàn", "phương", "hướng", "đẩy", "mạnh", "ứng", "việc", "một",
    "các", "nông", "nghiệp", "doanh", "thủ", "tục", "xây", "dựng", "số", "mục", "như", "sau",
];

/// Of the legacy font encodings in `candidates`, the one that reads `bytes` most like
/// Vietnamese, if it reads them better than Windows-1252 does.
///
/// Word documents store text typed in a TCVN3 (`.VnTime`) or VNI font as the Windows-1252
/// characters of its bytes; this tells such text from text that really is Windows-1252.
pub fn legacy_font_reading(bytes: &[u8], candidates: &[Legacy]) -> Option<Legacy> {
    let mut best = (as_is_score(bytes), None);
    for &which in candidates {
        let score = vietnamese_score(&legacy::decode(bytes, which));
        if score > best.0 {
            best = (score, Some(which));
        }
    }
    best.1
}

/// Whether `bytes` read more like Vietnamese as Windows-1252 than in the legacy font
/// encoding `which`.
pub fn reads_better_as_is(bytes: &[u8], which: Legacy) -> bool {
    as_is_score(bytes) > vietnamese_score(&legacy::decode(bytes, which))
}

fn as_is_score(bytes: &[u8]) -> i64 {
    vietnamese_score(
        &encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0,
    )
}

fn vietnamese_score(text: &str) -> i64 {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| COMMON_SYLLABLES.iter().copied().collect());
    let nfc: String = text.nfc().collect::<String>().to_lowercase();
    let mut score = 0i64;
    for word in nfc.split(|c: char| !c.is_alphabetic()) {
        if !word.is_empty() && set.contains(word) {
            score += 4;
        }
    }
    for c in nfc.chars() {
        // Symbols a wrong legacy decoding scatters through words.
        if ('\u{A1}'..='\u{BF}').contains(&c) || ('\u{300}'..='\u{36F}').contains(&c) {
            score -= 1;
        }
    }
    score
}

/// Splits a letter into its base (keeping the horn of `ư`/`ơ`) and its other marks, the
/// shape marks (circumflex, breve) first and the tone mark last.
pub(crate) fn split_marks(c: char) -> (char, Vec<char>) {
    let mut parts = Vec::with_capacity(4);
    decompose_canonical(c, |d| parts.push(d));
    let mut base = parts[0];
    let mut shape = Vec::new();
    let mut tone = Vec::new();
    for &m in &parts[1..] {
        if m == '\u{31B}' {
            base = compose(base, m).unwrap_or(base);
        } else if is_tone_mark(m) {
            tone.push(m);
        } else {
            shape.push(m);
        }
    }
    shape.extend(tone);
    (base, shape)
}

/// Encodes NFC text in `enc`; used to build test inputs in every encoding.
///
/// Characters the encoding cannot hold become `?`. For Windows-1258 the tone marks are written
/// as separate combining bytes, the way Windows and iconv write them.
pub fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
        Encoding::Tcvn3 => legacy::encode(text, Legacy::Tcvn3),
        Encoding::VniWindows => legacy::encode(text, Legacy::Vni),
        Encoding::Windows1258 => {
            let mut split = String::with_capacity(text.len() + 16);
            for c in text.chars() {
                let (base, marks) = split_marks(c);
                let mut letter = base;
                let mut tone = None;
                for m in marks {
                    if is_tone_mark(m) {
                        tone = Some(m);
                    } else {
                        letter = compose(letter, m).unwrap_or(letter);
                    }
                }
                split.push(letter);
                if let Some(t) = tone {
                    split.push(t);
                }
            }
            let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&split);
            // encoding_rs writes unmappable characters as numeric references; keep them.
            bytes.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_shape_needs_zero_bytes_on_one_side_only() {
        let le: Vec<u8> = "Kế hoạch 2024"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Kế hoạch 2024"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_shape(&le), Some(Encoding::Utf16Le));
        assert_eq!(utf16_shape(&be), Some(Encoding::Utf16Be));
        assert_eq!(utf16_shape(b"plain ascii text"), None);
        assert_eq!(utf16_shape(&le[..le.len() - 1]), None, "odd length");
    }

    #[test]
    fn control_characters_past_one_percent_mean_binary() {
        let mut text = "a".repeat(99);
        text.push('\u{1}');
        assert!(
            check_controls(&text).is_ok(),
            "one in a hundred is tolerated"
        );
        text.push('\u{2}');
        assert!(check_controls(&text).is_err());
        // Tabs, line feeds and form feeds are text; C1 controls are not.
        assert!(check_controls("a\tb\nc\u{C}").is_ok());
        assert!(check_controls("\u{85}\u{86}").is_err());
    }

    #[test]
    fn split_marks_keeps_the_horn_and_puts_the_tone_last() {
        assert_eq!(split_marks('ờ'), ('ơ', vec!['\u{300}']));
        assert_eq!(split_marks('ậ'), ('a', vec!['\u{302}', '\u{323}']));
        assert_eq!(split_marks('k'), ('k', vec![]));
    }

    #[test]
    fn common_syllables_raise_the_score_and_stray_symbols_lower_it() {
        assert_eq!(vietnamese_score("Kế hoạch của huyện"), 16);
        assert_eq!(vietnamese_score("K\u{d5} ho\u{b9}ch"), -1);
    }

    #[test]
    fn a_legacy_reading_must_beat_windows_1252() {
        let both = [Legacy::Tcvn3, Legacy::Vni];
        // TCVN3 "Hà Nội": µ (0xB5) is a stray symbol in Windows-1252.
        assert_eq!(
            legacy_font_reading(b"H\xb5 N\xe9i", &both),
            Some(Legacy::Tcvn3)
        );
        // Only the encodings offered are tried.
        assert_eq!(legacy_font_reading(b"H\xb5 N\xe9i", &[Legacy::Vni]), None);
        assert!(reads_better_as_is(b"Caf\xe9 cr\xe8me", Legacy::Vni));
        assert!(!reads_better_as_is(b"S\xe8 12", Legacy::Tcvn3));
    }

    #[test]
    fn windows_1258_is_told_from_tcvn3_and_vni() {
        let text = "Báo cáo kết quả thực hiện kế hoạch của huyện";
        for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::VniWindows] {
            let d = decode(&encode(text, enc)).unwrap();
            assert_eq!(d.encoding, enc);
        }
    }
}

#[cfg(test)]
mod documented {
    //! The examples of the functions' documentation, as unit tests (the module is
    //! private, so they cannot be doc-tests).

    #[test]
    fn legacy_font_reading_as_documented() {
        use crate::read::{legacy::Legacy, text::legacy_font_reading};
        let both = [Legacy::Tcvn3, Legacy::Vni];
        assert_eq!(
            legacy_font_reading(b"K\xd5 ho\xb9ch s\xe8 12", &both),
            Some(Legacy::Tcvn3)
        );
        assert_eq!(
            legacy_font_reading(b"Ke\xe1 hoa\xefch so\xe1 12", &both),
            Some(Legacy::Vni)
        );
        assert_eq!(legacy_font_reading(b"Caf\xe9 cr\xe8me", &both), None);
    }
}
