//! Fonts: how a font turns the bytes of a shown string into codes, text and glyph widths.
//!
//! Type0 (composite) fonts read two-byte codes, their widths from `W`/`DW` and their text from
//! the `ToUnicode` CMap ([`super::cmap`]). Simple fonts (Type1, TrueType) read one-byte codes,
//! their widths from `Widths`/`FirstChar`, and their text from `ToUnicode` or, without one,
//! from the base encoding (WinAnsi or MacRoman) patched by `Differences` glyph names. It does
//! not read embedded font programs, so a font without `ToUnicode` whose glyph names say
//! nothing gives no text.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::cmap::parse_cmap;
use super::objects::{deref, entry, name_of, num};

/// How one font turns codes into text and widths.
#[derive(Debug, Default)]
pub(super) struct Font {
    /// Byte length of codes, by first byte (from the CMap's code space); empty means 1.
    pub(super) two_byte: bool,
    to_unicode: HashMap<u32, String>,
    /// Fallback for simple fonts without a `ToUnicode` map.
    simple: Option<[char; 256]>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    pub(super) fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(dict.get(b"Subtype").ok());
        let mut font = Font {
            default_width: 500.0,
            ..Font::default()
        };
        if subtype.as_deref() == Some("Type0") {
            font.two_byte = true;
            font.default_width = 1000.0;
            if let Some(desc) = entry(doc, dict, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok())
            {
                if let Some(dw) = desc.get(b"DW").ok().and_then(num) {
                    font.default_width = dw;
                }
                if let Ok(w) = desc.get(b"W").map(|o| deref(doc, o)) {
                    if let Ok(arr) = w.as_array() {
                        font.widths = cid_widths(doc, arr);
                    }
                }
            }
        } else {
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Ok(arr) = dict.get(b"Widths").map(|o| deref(doc, o)) {
                if let Ok(arr) = arr.as_array() {
                    for (i, w) in arr.iter().enumerate() {
                        if let Some(w) = num(deref(doc, w)) {
                            font.widths.insert(first + i as u32, w);
                        }
                    }
                }
            }
            font.simple = Some(simple_encoding(doc, dict));
        }
        if let Some(stream) = entry(doc, dict, b"ToUnicode").and_then(|o| o.as_stream().ok()) {
            if let Ok(data) = stream.decompressed_content_with_limit(16 * 1024 * 1024) {
                let (map, two) = parse_cmap(&data);
                font.to_unicode = map;
                if subtype.as_deref() != Some("Type0") {
                    font.two_byte = two;
                }
            }
        }
        font
    }

    /// Splits `bytes` into codes and gives each code's text and width (1/1000 em).
    pub(super) fn decode(&self, bytes: &[u8], mut each: impl FnMut(u32, &str, f64)) {
        let step = if self.two_byte { 2 } else { 1 };
        let mut i = 0;
        let mut buf = [0u8; 4];
        while i < bytes.len() {
            let code = if step == 2 && i + 1 < bytes.len() {
                ((bytes[i] as u32) << 8) | bytes[i + 1] as u32
            } else {
                bytes[i] as u32
            };
            i += step;
            let width = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            if let Some(s) = self.to_unicode.get(&code) {
                // Some producers map layout glyphs to control characters; they are not text.
                if s.chars().any(|c| c.is_control()) {
                    each(code, "", width);
                } else {
                    each(code, s, width);
                }
            } else if let (Some(table), true) = (&self.simple, code < 256) {
                let c = table[code as usize];
                if c.is_control() {
                    each(code, "", width);
                } else {
                    each(code, c.encode_utf8(&mut buf), width);
                }
            } else {
                each(code, "", width);
            }
        }
    }
}

fn cid_widths(doc: &Document, arr: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < arr.len() {
        let Some(first) = num(deref(doc, &arr[i])) else {
            break;
        };
        match arr.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate().take(65536) {
                    if let Some(w) = num(w) {
                        out.insert(first as u32 + k as u32, w);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(w)) = (num(o), arr.get(i + 2).and_then(num)) else {
                    break;
                };
                let (lo, hi) = (first as u32, (last as u32).min(first as u32 + 65536));
                for c in lo..=hi {
                    out.insert(c, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The 256-entry table of a simple font: its base encoding (WinAnsi unless it says
/// MacRoman) patched by `Differences` glyph names.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> [char; 256] {
    let mut table = ['\u{FFFD}'; 256];
    for (b, slot) in table.iter_mut().enumerate() {
        let one = [b as u8];
        *slot = encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&one)
            .0
            .chars()
            .next()
            .unwrap_or('\u{FFFD}');
    }
    let enc = dict.get(b"Encoding").ok().map(|o| deref(doc, o));
    if let Some(Object::Name(n)) = enc {
        if n.as_slice() == b"MacRomanEncoding" {
            for (b, slot) in table.iter_mut().enumerate().skip(128) {
                let one = [b as u8];
                *slot = encoding_rs::MACINTOSH
                    .decode_without_bom_handling(&one)
                    .0
                    .chars()
                    .next()
                    .unwrap_or('\u{FFFD}');
            }
        }
    }
    if let Some(Object::Dictionary(d)) = enc {
        if let Ok(Object::Array(diffs)) = d.get(b"Differences").map(|o| deref(doc, o)) {
            let mut code = 0usize;
            for item in diffs {
                match item {
                    Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                    Object::Name(n) => {
                        if code < 256 {
                            if let Some(c) = glyph_name_char(&String::from_utf8_lossy(n)) {
                                table[code] = c;
                            }
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// Unicode for the glyph names that carry it in their spelling (`a`, `uni1EA1`, `u1EA1`) and
/// the punctuation names office software writes.
fn glyph_name_char(name: &str) -> Option<char> {
    let base = name.split('.').next().unwrap_or(name);
    let mut chars = base.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    for prefix in ["uni", "u"] {
        if let Some(hex) = base.strip_prefix(prefix) {
            if (4..=6).contains(&hex.len()) {
                if let Some(c) = u32::from_str_radix(&hex[..4.max(hex.len().min(6))], 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    return Some(c);
                }
            }
        }
    }
    Some(match base {
        "space" | "nbspace" => ' ',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semicolon" => ';',
        "hyphen" | "minus" => '-',
        "endash" => '–',
        "emdash" => '—',
        "slash" => '/',
        "percent" => '%',
        "parenleft" => '(',
        "parenright" => ')',
        "quotedblleft" => '“',
        "quotedblright" => '”',
        "quoteleft" => '‘',
        "quoteright" => '’',
        "quotesingle" => '\'',
        "quotedbl" => '"',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "dcroat" => 'đ',
        "Dcroat" => 'Đ',
        "bullet" => '•',
        _ => return None,
    })
}
