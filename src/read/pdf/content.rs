//! The content-stream interpreter: runs a page's (or a form's) operators, keeping the graphics
//! and text state, and records every shown string as a [`Run`] placed on the page.
//!
//! It follows `q`/`Q`, `cm`, the text operators and form XObjects (`Do`, nested up to
//! [`MAX_FORM_DEPTH`]). It does not draw: paths, colours, clipping and images are ignored, so
//! text hidden under an image or clipped away is still read.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use super::fonts::Font;
use super::objects::{deref, name_of, num};

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix([f64; 6]);

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

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

/// One shown string placed on the page.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) x_end: f64,
    pub(super) size: f64,
    pub(super) text: String,
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

pub(super) struct Interpreter<'a, 'r> {
    pub(super) limit: usize,
    pub(super) doc: &'a Document,
    pub(super) fonts: HashMap<(usize, Vec<u8>), Font>,
    pub(super) runs: &'r mut Vec<Run>,
}

impl Interpreter<'_, '_> {
    pub(super) fn run(
        &mut self,
        content: &[u8],
        resources: &Dictionary,
        base: Matrix,
        depth: usize,
    ) {
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
