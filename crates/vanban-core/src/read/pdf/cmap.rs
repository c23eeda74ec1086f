//! Decoding of `ToUnicode` CMaps: the table from a font's character codes to Unicode text.
//!
//! Reads the `begincodespacerange`, `beginbfchar` and `beginbfrange` sections (single targets
//! and arrays of targets). It does not read predefined CMaps by name (`UniGB-UCS2-H` …) or
//! `usecmap` chains, and it does not map codes to glyphs (`begincidrange`): only text matters.

use std::collections::HashMap;

/// Parses a `ToUnicode` CMap: `bfchar` and `bfrange` entries. Returns the map and whether the
/// code space is two bytes wide.
pub(super) fn parse_cmap(data: &[u8]) -> (HashMap<u32, String>, bool) {
    let tokens = cmap_tokens(data);
    let mut map = HashMap::new();
    let mut two_byte = false;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Tok::Word(w) if w == "begincodespacerange" => {
                if let Some(Tok::Hex(lo)) = tokens.get(i + 1) {
                    two_byte = lo.len() >= 2;
                }
                i += 1;
            }
            Tok::Word(w) if w == "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() {
                    match (&tokens[i], &tokens[i + 1]) {
                        (Tok::Hex(src), Tok::Hex(dst)) => {
                            map.insert(code_of(src), utf16be(dst));
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Tok::Word(w) if w == "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    if hi < lo || hi - lo > 65535 {
                        i += 3;
                        continue;
                    }
                    match &tokens[i + 2] {
                        Tok::Hex(dst) => {
                            let base: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                                .collect();
                            for (k, code) in (lo..=hi).enumerate() {
                                let mut units = base.clone();
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(k as u16);
                                }
                                map.insert(code, String::from_utf16_lossy(&units));
                            }
                            i += 3;
                        }
                        Tok::ArrayStart => {
                            let mut j = i + 3;
                            let mut code = lo;
                            while let Some(Tok::Hex(dst)) = tokens.get(j) {
                                if code <= hi {
                                    map.insert(code, utf16be(dst));
                                }
                                code += 1;
                                j += 1;
                            }
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    (map, two_byte)
}

#[derive(Debug)]
enum Tok {
    Hex(Vec<u8>),
    Word(String),
    ArrayStart,
    ArrayEnd,
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&c| c == b'>').map(|p| i + p);
                let Some(end) = end else { break };
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter(|c| c.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|c| {
                        let s = std::str::from_utf8(c).unwrap_or("0");
                        let v = u8::from_str_radix(s, 16).unwrap_or(0);
                        if c.len() == 1 {
                            v << 4
                        } else {
                            v
                        }
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrayEnd);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
        .collect();
    String::from_utf16_lossy(&units)
}
