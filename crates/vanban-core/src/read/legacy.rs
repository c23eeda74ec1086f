//! The legacy single-byte Vietnamese font encodings: TCVN3 (ABC) and VNI-Windows.
//!
//! Neither is in the WHATWG encoding list, so `encoding_rs` cannot decode them; the tables
//! below follow the published byte assignments. Bytes that a table does not assign are read as
//! Windows-1252, which is what the fonts fall back to for punctuation such as `–` (0x96) and
//! curly quotes (0x93/0x94).
//!
//! Both decoders return text that may hold combining marks; callers compose it with NFC.

/// TCVN 5712:1993 VN3 ("ABC", fonts such as `.VnTime`): one byte per letter.
///
/// Upper-case letters with tone marks are drawn with the same bytes in a separate
/// upper-case font (`.VnTimeH`), so this encoding cannot tell `Á` from `á`; decoding
/// gives the lower-case letter.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// VNI-Windows: a base letter followed by one byte that carries its marks, plus single bytes
/// for `đ`, `ư`, `ơ`, the toned `i` forms and `ỵ`. Mark bytes come in a lower-case and an
/// upper-case set.
const VNI: &[(u8, &str)] = &[
    // lower-case mark bytes (after a base letter)
    (0xF9, "\u{301}"),
    (0xF8, "\u{300}"),
    (0xFB, "\u{309}"),
    (0xF5, "\u{303}"),
    (0xEF, "\u{323}"),
    (0xE2, "\u{302}"),
    (0xE1, "\u{302}\u{301}"),
    (0xE0, "\u{302}\u{300}"),
    (0xE5, "\u{302}\u{309}"),
    (0xE3, "\u{302}\u{303}"),
    (0xE4, "\u{302}\u{323}"),
    (0xEA, "\u{306}"),
    (0xE9, "\u{306}\u{301}"),
    (0xE8, "\u{306}\u{300}"),
    (0xFA, "\u{306}\u{309}"),
    (0xFC, "\u{306}\u{303}"),
    (0xEB, "\u{306}\u{323}"),
    // lower-case single letters
    (0xF6, "ư"),
    (0xF4, "ơ"),
    (0xF1, "đ"),
    (0xED, "í"),
    (0xEC, "ì"),
    (0xE6, "ỉ"),
    (0xF3, "ĩ"),
    (0xF2, "ị"),
    (0xEE, "ỵ"),
    // upper-case mark bytes
    (0xD9, "\u{301}"),
    (0xD8, "\u{300}"),
    (0xDB, "\u{309}"),
    (0xD5, "\u{303}"),
    (0xCF, "\u{323}"),
    (0xC2, "\u{302}"),
    (0xC1, "\u{302}\u{301}"),
    (0xC0, "\u{302}\u{300}"),
    (0xC5, "\u{302}\u{309}"),
    (0xC3, "\u{302}\u{303}"),
    (0xC4, "\u{302}\u{323}"),
    (0xCA, "\u{306}"),
    (0xC9, "\u{306}\u{301}"),
    (0xC8, "\u{306}\u{300}"),
    (0xDA, "\u{306}\u{309}"),
    (0xDC, "\u{306}\u{303}"),
    (0xCB, "\u{306}\u{323}"),
    // upper-case single letters
    (0xD6, "Ư"),
    (0xD4, "Ơ"),
    (0xD1, "Đ"),
    (0xCD, "Í"),
    (0xCC, "Ì"),
    (0xC6, "Ỉ"),
    (0xD3, "Ĩ"),
    (0xD2, "Ị"),
    (0xCE, "Ỵ"),
];

/// A legacy font encoding handled here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC).
    Tcvn3,
    /// VNI-Windows.
    Vni,
}

fn cp1252(byte: u8) -> char {
    let one = [byte];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&one);
    text.chars().next().unwrap_or('\u{FFFD}')
}

/// What each high byte (0x80–0xFF) decodes to, per encoding, built once from the tables.
fn high_table(which: Legacy) -> &'static [String; 128] {
    use std::sync::OnceLock;
    static TCVN: OnceLock<[String; 128]> = OnceLock::new();
    static VNI_T: OnceLock<[String; 128]> = OnceLock::new();
    let build = |which: Legacy| -> [String; 128] {
        std::array::from_fn(|i| {
            let b = 0x80 + i as u8;
            let mapped = match which {
                Legacy::Tcvn3 => TCVN3
                    .iter()
                    .find(|(k, _)| *k == b)
                    .map(|(_, c)| c.to_string()),
                Legacy::Vni => VNI
                    .iter()
                    .find(|(k, _)| *k == b)
                    .map(|(_, s)| s.to_string()),
            };
            mapped.unwrap_or_else(|| cp1252(b).to_string())
        })
    };
    match which {
        Legacy::Tcvn3 => TCVN.get_or_init(|| build(Legacy::Tcvn3)),
        Legacy::Vni => VNI_T.get_or_init(|| build(Legacy::Vni)),
    }
}

/// Decodes `bytes` in the given legacy encoding. The result may hold combining marks.
pub fn decode(bytes: &[u8], which: Legacy) -> String {
    let table = high_table(which);
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    for &b in bytes {
        if b < 0x80 {
            out.push(b as char);
        } else {
            out.push_str(&table[(b - 0x80) as usize]);
        }
    }
    out
}

/// Encodes NFC text in the given legacy encoding; characters it cannot hold become `?`.
///
/// Used to build test inputs and to prove each decoder gives back what was encoded.
pub fn encode(text: &str, which: Legacy) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if (c as u32) < 0x80 {
            out.push(c as u8);
            continue;
        }
        match which {
            Legacy::Tcvn3 => encode_tcvn3(c, &mut out),
            Legacy::Vni => encode_vni(c, &mut out),
        }
    }
    out
}

fn encode_cp1252(c: char, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(s);
    if unmappable || bytes.len() != 1 {
        out.push(b'?');
    } else {
        out.push(bytes[0]);
    }
}

fn encode_tcvn3(c: char, out: &mut Vec<u8>) {
    if let Some((b, _)) = TCVN3.iter().find(|(_, ch)| *ch == c) {
        out.push(*b);
        return;
    }
    // Upper-case toned letters share the lower-case bytes.
    let lower: Vec<char> = c.to_lowercase().collect();
    if lower.len() == 1 && lower[0] != c {
        if let Some((b, _)) = TCVN3.iter().find(|(_, ch)| *ch == lower[0]) {
            out.push(*b);
            return;
        }
    }
    encode_cp1252(c, out);
}

fn encode_vni(c: char, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    let single = c.encode_utf8(&mut buf);
    // Single-byte letters first (đ, ư, ơ, toned i, ỵ).
    if let Some((b, _)) = VNI
        .iter()
        .find(|(_, s)| *s == single && !s.starts_with(|m: char| is_mark(m)))
    {
        out.push(*b);
        return;
    }
    let (base, marks) = super::text::split_marks(c);
    if marks.is_empty() {
        encode_cp1252(c, out);
        return;
    }
    let upper = base.is_uppercase();
    // ư/ơ are single letters in VNI; their tone follows as a mark byte.
    let base_bytes: Option<u8> = match base {
        'ư' => Some(0xF6),
        'ơ' => Some(0xF4),
        'Ư' => Some(0xD6),
        'Ơ' => Some(0xD4),
        _ if base.is_ascii_alphabetic() => Some(base as u8),
        _ => None,
    };
    let rest: String = marks.iter().collect();
    let mark_byte = VNI
        .iter()
        .find(|(b, s)| *s == rest && s.starts_with(|m: char| is_mark(m)) && (upper == (*b < 0xE0)));
    match (base_bytes, mark_byte) {
        (Some(bb), Some((mb, _))) => {
            out.push(bb);
            out.push(*mb);
        }
        _ => encode_cp1252(c, out),
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_bytes_read_as_the_chart_gives_them() {
        // "Số 12, ngày 05/3" with ố = 0xE8, à = 0xB5; ASCII passes through.
        assert_eq!(
            decode(b"S\xe8 12, ng\xb5y 05/3", Legacy::Tcvn3),
            "Số 12, ngày 05/3"
        );
        // Capitals with their own bytes (Đ Ư) and the Windows-1252 fallback (en dash).
        assert_eq!(decode(b"\xa7\xa6 \x96", Legacy::Tcvn3), "ĐƯ –");
    }

    #[test]
    fn tcvn3_writes_toned_capitals_with_the_small_letters_byte() {
        assert_eq!(encode("Ố", Legacy::Tcvn3), encode("ố", Legacy::Tcvn3));
        assert_eq!(encode("Ố", Legacy::Tcvn3), vec![0xE8]);
    }

    #[test]
    fn vni_marks_follow_their_base_letter_in_both_cases() {
        // ế = e + 0xE1 (circumflex and acute); Ế takes the capital mark byte 0xC1.
        assert_eq!(encode("ế", Legacy::Vni), b"e\xe1");
        assert_eq!(encode("Ế", Legacy::Vni), b"E\xc1");
        // ư and ơ are letters of their own, toned by the byte after them.
        assert_eq!(encode("ườ", Legacy::Vni), b"\xf6\xf4\xf8");
        let nfc = |s: String| -> String {
            use unicode_normalization::UnicodeNormalization;
            s.nfc().collect()
        };
        assert_eq!(nfc(decode(b"E\xc1 \xf6\xf4\xf8", Legacy::Vni)), "Ế ườ");
    }

    #[test]
    fn characters_neither_encoding_holds_become_question_marks() {
        assert_eq!(encode("€→", Legacy::Tcvn3), b"\x80?");
        assert_eq!(encode("→", Legacy::Vni), b"?");
    }
}
