//! PDF text extraction on top of `lopdf`.
//!
//! `lopdf` parses the file; this module interprets each page's content stream itself: it keeps
//! the text and graphics matrices, decodes every shown string with its font's `ToUnicode` map
//! (one- and two-byte codes, Identity-H included) or, for simple fonts without one, with the
//! font's base encoding and `Differences`, and places each run on the page using the glyph
//! widths. Runs are then grouped into lines by baseline, spaces are put where the gap between
//! runs says a word ended, wide gaps become tabs (table columns), a clearly larger gap between
//! lines becomes a blank line (paragraph break), and each page ends with a form feed on a line
//! of its own.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 8;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file could not be parsed.
    Damaged(String),
    /// The file is encrypted and cannot be opened without a password.
    Encrypted,
    /// The file parsed but no page holds any text.
    NoText {
        /// Number of pages.
        pages: usize,
    },
}

/// Text of a PDF.
#[derive(Debug, Clone)]
pub struct PdfText {
    /// Lines of every page in order, pages ended by a form feed line.
    pub text: String,
    /// Number of pages.
    pub pages: usize,
}

/// Extracts the text of every page of a PDF held in memory, refusing more than `max_pages`
/// pages and page contents that expand past `max_decompressed` bytes.
pub fn extract(bytes: &[u8], max_pages: usize, max_decompressed: u64) -> Result<PdfText, PdfError> {
    let limit = usize::try_from(max_decompressed).unwrap_or(usize::MAX);
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        other => PdfError::Damaged(other.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Damaged("it has no pages".into()));
    }
    if pages.len() > max_pages {
        return Err(PdfError::Damaged(format!(
            "it has {} pages, over the limit of {max_pages}; raise --max-pages to read it",
            pages.len()
        )));
    }
    let mut out = String::new();
    let mut any_text = false;
    for (_, page_id) in pages.iter() {
        let content = doc
            .get_page_content_with_limit(*page_id, limit)
            .map_err(|e| {
                PdfError::Damaged(format!(
                    "page content (limit {limit} bytes once expanded): {e}"
                ))
            })?;
        let resources = page_resources(&doc, *page_id);
        let mut runs = Vec::new();
        let mut interp = Interpreter {
            limit,
            doc: &doc,
            fonts: HashMap::new(),
            runs: &mut runs,
        };
        interp.run(&content, &resources, Matrix::IDENTITY, 0);
        let page_text = layout(runs);
        if page_text.chars().any(|c| !c.is_whitespace()) {
            any_text = true;
        }
        out.push_str(&page_text);
        out.push_str("\u{C}\n");
    }
    if !any_text {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(PdfText {
        text: out,
        pages: pages.len(),
    })
}

/// The merged resource dictionary of a page (its own entries win over inherited ones).
fn page_resources(doc: &Document, page_id: lopdf::ObjectId) -> Dictionary {
    let mut merged = Dictionary::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        let mut all: Vec<&Dictionary> = Vec::new();
        if let Some(d) = direct {
            all.push(d);
        }
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                all.push(d);
            }
        }
        for d in all {
            for (k, v) in d.iter() {
                if merged.get(k).is_err() {
                    merged.set(k.clone(), v.clone());
                }
            }
        }
    }
    merged
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn mul(self, o: Matrix) -> Matrix {
        let a = self.0;
        let b = o.0;
        Matrix([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        Some(Matrix(m))
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// One shown string placed on the page.
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    y: f64,
    x_end: f64,
    size: f64,
    text: String,
}

/// How one font turns codes into text and widths.
#[derive(Debug, Default)]
struct Font {
    /// Byte length of codes, by first byte (from the CMap's code space); empty means 1.
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    /// Fallback for simple fonts without a `ToUnicode` map.
    simple: Option<[char; 256]>,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(dict.get(b"Subtype").ok());
        let mut font = Font {
            default_width: 500.0,
            ..Font::default()
        };
        if subtype.as_deref() == Some("Type0") {
            font.two_byte = true;
            font.default_width = 1000.0;
            if let Some(desc) = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o).as_array().ok())
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
        if let Some(stream) = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o).as_stream().ok())
        {
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
    fn decode(&self, bytes: &[u8], mut each: impl FnMut(u32, &str, f64)) {
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

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn name_of(o: Option<&Object>) -> Option<String> {
    match o {
        Some(Object::Name(n)) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
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

/// Parses a `ToUnicode` CMap: `bfchar` and `bfrange` entries. Returns the map and whether the
/// code space is two bytes wide.
fn parse_cmap(data: &[u8]) -> (HashMap<u32, String>, bool) {
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

#[derive(Debug, Clone)]
struct TextState {
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

struct Interpreter<'a, 'r> {
    limit: usize,
    doc: &'a Document,
    fonts: HashMap<(usize, Vec<u8>), Font>,
    runs: &'r mut Vec<Run>,
}

impl Interpreter<'_, '_> {
    fn run(&mut self, content: &[u8], resources: &Dictionary, base: Matrix, depth: usize) {
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let font_dict: BTreeMap<Vec<u8>, Dictionary> = resources
            .get(b"Font")
            .ok()
            .map(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
            .map(|d| {
                d.iter()
                    .filter_map(|(k, v)| {
                        deref(self.doc, v)
                            .as_dict()
                            .ok()
                            .map(|fd| (k.clone(), fd.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let scope = resources as *const Dictionary as usize;
        let mut ctm = base;
        let mut stack: Vec<(Matrix, TextState)> = Vec::new();
        let mut ts = TextState::default();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in &content.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push((ctm, ts.clone())),
                "Q" => {
                    if let Some((m, t)) = stack.pop() {
                        ctm = m;
                        ts = t;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        ctm = m.mul(ctm);
                    }
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(size)) = (o.first(), o.get(1).and_then(num))
                    {
                        ts.font = Some(n.clone());
                        ts.size = size;
                    }
                }
                "Tc" => ts.char_spacing = o.first().and_then(num).unwrap_or(0.0),
                "Tw" => ts.word_spacing = o.first().and_then(num).unwrap_or(0.0),
                "Tz" => ts.scale = o.first().and_then(num).unwrap_or(100.0) / 100.0,
                "TL" => ts.leading = o.first().and_then(num).unwrap_or(0.0),
                "Ts" => ts.rise = o.first().and_then(num).unwrap_or(0.0),
                "Td" | "TD" => {
                    let tx = o.first().and_then(num).unwrap_or(0.0);
                    let ty = o.get(1).and_then(num).unwrap_or(0.0);
                    if op.operator == "TD" {
                        ts.leading = -ty;
                    }
                    tlm = Matrix::translate(tx, ty).mul(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -ts.leading).mul(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            ts.word_spacing = o.first().and_then(num).unwrap_or(0.0);
                            ts.char_spacing = o.get(1).and_then(num).unwrap_or(0.0);
                        }
                        tlm = Matrix::translate(0.0, -ts.leading).mul(tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Object> = match op.operator.as_str() {
                        "TJ" => match o.first() {
                            Some(Object::Array(a)) => a.iter().collect(),
                            _ => Vec::new(),
                        },
                        _ => o.last().into_iter().collect(),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, &ts, &mut tm, ctm, scope, &font_dict);
                            }
                            other => {
                                if let Some(n) = num(other) {
                                    let tx = -n / 1000.0 * ts.size * ts.scale;
                                    tm = Matrix::translate(tx, 0.0).mul(tm);
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(Object::Name(name)) = o.first() {
                        self.form(resources, name, ctm, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn form(&mut self, resources: &Dictionary, name: &[u8], ctm: Matrix, depth: usize) {
        let doc = self.doc;
        let Some(stream) = resources
            .get(b"XObject")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        if name_of(stream.dict.get(b"Subtype").ok()).as_deref() != Some("Form") {
            return;
        }
        let Ok(data) = stream.decompressed_content_with_limit(self.limit) else {
            return;
        };
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| Matrix::from_operands(a))
            .unwrap_or(Matrix::IDENTITY);
        let own = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .cloned()
            .unwrap_or_else(|| resources.clone());
        self.run(&data, &own, matrix.mul(ctm), depth + 1);
    }

    fn show(
        &mut self,
        bytes: &[u8],
        ts: &TextState,
        tm: &mut Matrix,
        ctm: Matrix,
        scope: usize,
        fonts: &BTreeMap<Vec<u8>, Dictionary>,
    ) {
        let Some(font_name) = ts.font.clone() else {
            return;
        };
        let key = (scope, font_name.clone());
        if !self.fonts.contains_key(&key) {
            let font = fonts
                .get(&font_name)
                .map(|d| Font::load(self.doc, d))
                .unwrap_or_default();
            self.fonts.insert(key.clone(), font);
        }
        let font = &self.fonts[&key];
        let start = Matrix([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise])
            .mul(*tm)
            .mul(ctm);
        let mut text = String::new();
        let mut advance = 0.0;
        font.decode(bytes, |code, s, w| {
            text.push_str(s);
            let mut tx = w / 1000.0 * ts.size + ts.char_spacing;
            if code == 32 && !font.two_byte {
                tx += ts.word_spacing;
            }
            advance += tx * ts.scale;
        });
        *tm = Matrix::translate(advance, 0.0).mul(*tm);
        let end = Matrix([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise])
            .mul(*tm)
            .mul(ctm);
        let size = (start.0[3].abs()).max(start.0[0].abs()).max(1.0);
        if !text.is_empty() {
            self.runs.push(Run {
                x: start.0[4],
                y: start.0[5],
                x_end: end.0[4],
                size,
                text,
            });
        }
    }
}

/// Turns runs into lines: same baseline means same line; spaces and tabs from gaps; blank
/// lines where the vertical gap is clearly larger than the usual line spacing.
fn layout(runs: Vec<Run>) -> String {
    if std::env::var_os("VANBAN_DEBUG_PDF").is_some() {
        for r in &runs {
            eprintln!(
                "{:8.2} {:8.2} {:8.2} {:5.2} {:?}",
                r.x, r.y, r.x_end, r.size, r.text
            );
        }
    }
    let mut lines: Vec<(f64, f64, Vec<Run>)> = Vec::new(); // (y, size, runs)
    for run in runs.into_iter().filter(|r| !r.text.trim().is_empty()) {
        let same = lines.last().is_some_and(|(y, size, _)| {
            (run.y - *y).abs() < 0.5 * size.min(run.size).max(1.0)
                // a superscript (footnote mark) sits a little higher on the same line
                || (run.size < *size * 0.85 && run.y > *y && run.y - *y < 0.6 * size)
        });
        if same {
            let last = lines.last_mut().expect("checked");
            if run.size > last.1 {
                last.1 = run.size;
            }
            last.2.push(run);
        } else {
            lines.push((run.y, run.size, vec![run]));
        }
    }
    // Typical line spacing: the median of positive downward gaps.
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[0].0 - w[1].0)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let typical = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut out = String::new();
    let mut prev_y: Option<f64> = None;
    for (y, size, mut runs) in lines {
        if let Some(py) = prev_y {
            let gap = py - y;
            if typical > 0.0 && gap > typical * 1.45 && gap > size * 1.2 {
                out.push('\n');
            }
        }
        prev_y = Some(y);
        runs.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
        let mut line = String::new();
        let mut last_end: Option<f64> = None;
        for run in runs {
            if let Some(end) = last_end {
                let gap = run.x - end;
                let ends_space = line.ends_with(|c: char| c.is_whitespace());
                let starts_space = run.text.starts_with(|c: char| c.is_whitespace());
                if gap > 2.5 * run.size {
                    line.truncate(line.trim_end().len());
                    line.push('\t');
                } else if gap > 0.18 * run.size && !ends_space && !starts_space {
                    line.push(' ');
                }
            }
            line.push_str(&run.text);
            last_end = Some(run.x_end);
        }
        let trimmed = line.trim_end();
        out.push_str(trimmed.trim_start_matches(' '));
        out.push('\n');
    }
    out
}
