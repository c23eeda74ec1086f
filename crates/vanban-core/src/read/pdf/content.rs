//! The content-stream interpreter: runs a page's (or a form's, or an annotation appearance's)
//! operators, keeping the graphics and text state, and records every shown string as a
//! [`Run`] placed on the page, plus how much of the page images cover.
//!
//! It follows `q`/`Q`, `cm`, the text operators and form XObjects (`Do`, nested up to
//! [`MAX_FORM_DEPTH`]). It does not draw: colours and clipping are ignored, so text hidden
//! under an image or clipped away is still read; straight edges of painted paths are kept as
//! [`Rule`]s (table borders, for the layout), curves are dropped; images are only measured
//! (for the decision to OCR a page), never decoded. It looks at the clock every [`CLOCK_EVERY`]
//! operators and stops when the deadline has passed, so a hostile page cannot keep a reader
//! thread busy past the document's time budget.

use std::collections::HashMap;
use std::time::Instant;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::fonts::Font;
use super::objects::{deref, entry, name_of, num};

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 8;

/// Operators run between two looks at the clock.
const CLOCK_EVERY: usize = 512;

/// Most path edges kept per page (a page drawing more is not read for table borders).
const MAX_RULES: usize = 50_000;

/// A filled shape no wider or no taller than this (in points) is a drawn line.
const THIN_BAR: f64 = 3.0;

/// Deepest `q` nesting kept (further `q` are ignored, their `Q` restore the deepest state).
const MAX_SAVED_STATES: usize = 256;

/// An affine transformation `[a b c d e f]`, as PDF writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix(pub(super) [f64; 6]);

/// The graphics and text state of one content stream as the interpreter walks it.
struct Graphics {
    /// The current transformation matrix.
    ctm: Matrix,
    /// States saved by `q`.
    saved: Vec<(Matrix, TextState, Paint)>,
    paint: Paint,
    ts: TextState,
    /// The text matrix and the text line matrix.
    tm: Matrix,
    tlm: Matrix,
    /// Current point and start of the current subpath, on the page.
    point: (f64, f64),
    start: (f64, f64),
}

impl Graphics {
    fn new(ctm: Matrix) -> Graphics {
        Graphics {
            ctm,
            saved: Vec::new(),
            paint: Paint::default(),
            ts: TextState::default(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            point: (0.0, 0.0),
            start: (0.0, 0.0),
        }
    }
}

impl Matrix {
    pub(super) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `o` (PDF's row-vector convention: `self × o`).
    pub(super) fn mul(self, o: Matrix) -> Matrix {
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

    pub(super) fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// Where the point `(x, y)` lands.
    pub(super) fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let m = self.0;
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    pub(super) fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        m.iter().all(|v| v.is_finite()).then_some(Matrix(m))
    }
}

/// One shown string placed on the page.
///
/// Coordinates are in the run's own reading frame: the page turned by a multiple of a quarter
/// turn so that the run reads left to right (`dir` says which turn), `x`/`x_end` along the
/// line and `y` the baseline, growing upwards. For ordinary text the frame is the page itself.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) x_end: f64,
    /// Glyph height on the page (font size times the vertical scale).
    pub(super) size: f64,
    pub(super) text: String,
    /// Reading direction in quarter turns counter-clockwise: 0 left to right, 1 bottom to
    /// top, 2 upside down, 3 top to bottom.
    pub(super) dir: u8,
    /// Drawn by an annotation's appearance (a stamp, a signature field), not the page.
    pub(super) stamped: bool,
}

/// A straight edge of a painted path, on the page (a table border, an underline, a box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

/// Whether the current fill and stroke colours are white (white shapes draw no border).
#[derive(Debug, Clone, Copy, Default)]
struct Paint {
    fill_white: bool,
    stroke_white: bool,
}

/// Whether colour operands say white: gray 1, RGB 1 1 1, CMYK 0 0 0 0.
fn is_white(o: &[Object]) -> bool {
    let v: Vec<f64> = o.iter().filter_map(num).collect();
    if v.len() != o.len() {
        return false;
    }
    match v.as_slice() {
        [g] => *g >= 0.95,
        [r, g, b] => *r >= 0.95 && *g >= 0.95 && *b >= 0.95,
        [c, m, y, k] => c.max(*m).max(*y).max(*k) <= 0.05,
        _ => false,
    }
}

/// The text state kept across operators.
#[derive(Debug, Clone)]
struct TextState {
    /// Index of the current font in [`Interpreter::fonts`].
    font: Option<usize>,
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

/// Where a font dictionary lives: fonts behind a reference are loaded once per document,
/// fonts written inline once per page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

/// Runs content streams and collects their text runs.
pub(super) struct Interpreter<'a> {
    doc: &'a Document,
    /// Most bytes one stream may expand to.
    limit: usize,
    deadline: Option<Instant>,
    fonts: Vec<Font>,
    font_index: HashMap<FontKey, usize>,
    runs: Vec<Run>,
    image_area: f64,
    rules: Vec<Rule>,
    /// Straight edges of the path being built, not yet painted.
    path: Vec<Rule>,
    /// Curve segments of the path being built.
    path_curves: usize,
    /// Curve segments of filled paths so far on the page.
    filled_curves: usize,
    ops: usize,
    timed_out: bool,
    stamped: bool,
}

/// What one page (with its annotations) gave.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    /// The runs, in the order they were shown.
    pub(super) runs: Vec<Run>,
    /// Area covered by images, in square units of user space (overlaps counted twice).
    pub(super) image_area: f64,
    /// Straight edges of painted paths.
    pub(super) rules: Vec<Rule>,
    /// Curve segments of filled paths: many of them without any text are letters drawn as
    /// outlines (a page printed as shapes), to be read like a scan.
    pub(super) filled_curves: usize,
}

impl<'a> Interpreter<'a> {
    /// An interpreter for `doc` that expands no stream past `limit` bytes and stops at
    /// `deadline`.
    pub(super) fn new(doc: &'a Document, limit: usize, deadline: Option<Instant>) -> Self {
        Interpreter {
            doc,
            limit,
            deadline,
            fonts: Vec::new(),
            font_index: HashMap::new(),
            runs: Vec::new(),
            image_area: 0.0,
            rules: Vec::new(),
            path: Vec::new(),
            path_curves: 0,
            filled_curves: 0,
            ops: 0,
            timed_out: false,
            stamped: false,
        }
    }

    /// Whether the deadline passed while running (the page's content is then incomplete).
    pub(super) fn timed_out(&self) -> bool {
        self.timed_out
    }

    /// Hands over what was collected since the last call and starts a new page.
    pub(super) fn take_page(&mut self) -> PageContent {
        // Inline font dictionaries are keyed by address, valid for one page only.
        self.font_index
            .retain(|k, _| matches!(k, FontKey::Object(_)));
        PageContent {
            runs: std::mem::take(&mut self.runs),
            image_area: std::mem::replace(&mut self.image_area, 0.0),
            rules: std::mem::take(&mut self.rules),
            filled_curves: std::mem::replace(&mut self.filled_curves, 0),
        }
    }

    /// Runs a page's content stream with its resources.
    pub(super) fn run_page(&mut self, content: &[u8], resources: &Dictionary) {
        self.stamped = false;
        self.run(content, resources, Matrix::IDENTITY, 0);
    }

    /// Runs an annotation's appearance stream placed by `placement` (its own `Matrix`
    /// included); its runs are marked as stamped.
    pub(super) fn run_appearance(
        &mut self,
        stream: &Stream,
        fallback: &Dictionary,
        placement: Matrix,
    ) {
        self.stamped = true;
        self.form_stream(stream, fallback, placement, 1);
        self.stamped = false;
    }

    fn past_deadline(&mut self) -> bool {
        if !self.timed_out {
            if let Some(d) = self.deadline {
                if Instant::now() >= d {
                    self.timed_out = true;
                }
            }
        }
        self.timed_out
    }

    fn run(&mut self, content: &[u8], resources: &Dictionary, base: Matrix, depth: usize) {
        if self.past_deadline() {
            return;
        }
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let mut g = Graphics::new(base);
        self.path.clear();
        for op in &content.operations {
            self.ops += 1;
            if self.ops % CLOCK_EVERY == 0 && self.past_deadline() {
                return;
            }
            let (name, o) = (op.operator.as_str(), &op.operands[..]);
            let _ = self.state_op(&mut g, name, o, resources, depth)
                || self.text_op(&mut g, name, o, resources)
                || self.path_op(&mut g, name, o);
            if self.timed_out {
                return;
            }
        }
    }

    /// The graphics state's operators: save and restore, colours, the matrix, forms and
    /// images. Whether `name` was one.
    fn state_op(
        &mut self,
        g: &mut Graphics,
        name: &str,
        o: &[Object],
        resources: &Dictionary,
        depth: usize,
    ) -> bool {
        match name {
            "q" => {
                if g.saved.len() < MAX_SAVED_STATES {
                    g.saved.push((g.ctm, g.ts.clone(), g.paint));
                }
            }
            "Q" => {
                if let Some((m, t, p)) = g.saved.pop() {
                    g.ctm = m;
                    g.ts = t;
                    g.paint = p;
                }
            }
            "g" | "rg" | "k" | "sc" | "scn" => g.paint.fill_white = is_white(o),
            "G" | "RG" | "K" | "SC" | "SCN" => g.paint.stroke_white = is_white(o),
            "cs" => g.paint.fill_white = false,
            "CS" => g.paint.stroke_white = false,
            "cm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    g.ctm = m.mul(g.ctm);
                }
            }
            "Do" => {
                if let (true, Some(Object::Name(n))) = (depth < MAX_FORM_DEPTH, o.first()) {
                    self.xobject(resources, n, g.ctm, depth);
                }
            }
            // An inline image fills the unit square of the current matrix.
            "BI" => self.image_area += area_of(g.ctm),
            _ => return false,
        }
        true
    }

    /// The text operators: the text state, positioning, and showing text. Whether `name` was
    /// one.
    fn text_op(
        &mut self,
        g: &mut Graphics,
        name: &str,
        o: &[Object],
        resources: &Dictionary,
    ) -> bool {
        let ts = &mut g.ts;
        match name {
            "BT" => {
                g.tm = Matrix::IDENTITY;
                g.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                if let (Some(Object::Name(n)), Some(size)) = (o.first(), o.get(1).and_then(num)) {
                    ts.font = self.font(resources, n);
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
                if name == "TD" {
                    ts.leading = -ty;
                }
                g.tlm = Matrix::translate(tx, ty).mul(g.tlm);
                g.tm = g.tlm;
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    g.tlm = m;
                    g.tm = m;
                }
            }
            "T*" => {
                g.tlm = Matrix::translate(0.0, -ts.leading).mul(g.tlm);
                g.tm = g.tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if name == "'" || name == "\"" {
                    if name == "\"" {
                        ts.word_spacing = o.first().and_then(num).unwrap_or(0.0);
                        ts.char_spacing = o.get(1).and_then(num).unwrap_or(0.0);
                    }
                    g.tlm = Matrix::translate(0.0, -ts.leading).mul(g.tlm);
                    g.tm = g.tlm;
                }
                let items: &[Object] = match name {
                    "TJ" => match o.first() {
                        Some(Object::Array(a)) => a,
                        _ => &[],
                    },
                    _ => o.last().map(std::slice::from_ref).unwrap_or(&[]),
                };
                for item in items {
                    match item {
                        Object::String(bytes, _) => self.show(bytes, &g.ts, &mut g.tm, g.ctm),
                        other => {
                            if let Some(n) = num(other) {
                                let tx = -n / 1000.0 * g.ts.size * g.ts.scale;
                                g.tm = Matrix::translate(tx, 0.0).mul(g.tm);
                            }
                        }
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// The path operators: building a path (kept as edges for ruled tables) and painting it.
    /// Whether `name` was one.
    fn path_op(&mut self, g: &mut Graphics, name: &str, o: &[Object]) -> bool {
        match name {
            "m" => {
                if let Some(p) = point_of(o, g.ctm) {
                    g.point = p;
                    g.start = p;
                }
            }
            "l" => {
                if let Some(p) = point_of(o, g.ctm) {
                    self.edge(g.point, p);
                    g.point = p;
                }
            }
            "c" | "v" | "y" => {
                self.path_curves += 1;
                if let Some(p) = point_of(&o[o.len().saturating_sub(2)..], g.ctm) {
                    g.point = p;
                }
            }
            "h" => {
                self.edge(g.point, g.start);
                g.point = g.start;
            }
            "re" => {
                let v: Vec<f64> = o.iter().filter_map(num).collect();
                if let [x, y, w, h] = v[..] {
                    let ctm = g.ctm;
                    let corners = [
                        ctm.apply(x, y),
                        ctm.apply(x + w, y),
                        ctm.apply(x + w, y + h),
                        ctm.apply(x, y + h),
                    ];
                    for k in 0..4 {
                        self.edge(corners[k], corners[(k + 1) % 4]);
                    }
                    g.point = corners[0];
                    g.start = corners[0];
                }
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                if name == "s" || name.starts_with('b') {
                    self.edge(g.point, g.start);
                }
                let stroked = matches!(name, "S" | "s" | "B" | "B*" | "b" | "b*");
                if name != "S" && name != "s" {
                    self.filled_curves += std::mem::take(&mut self.path_curves);
                }
                self.path_curves = 0;
                if stroked && !g.paint.stroke_white {
                    self.keep_path(false);
                } else if !stroked && !g.paint.fill_white {
                    // A filled shape is a border only when it is a thin bar; larger fills
                    // are backgrounds and highlights.
                    self.keep_path(true);
                }
                self.path.clear();
            }
            "n" => {
                self.path.clear();
                self.path_curves = 0;
            }
            _ => return false,
        }
        true
    }

    /// Keeps the edges of the current path as rules (only those of thin bars when `thin`).
    fn keep_path(&mut self, thin: bool) {
        if self.rules.len() + self.path.len() > MAX_RULES {
            return;
        }
        if !thin {
            self.rules.extend_from_slice(&self.path);
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for r in &self.path {
            x0 = x0.min(r.x0).min(r.x1);
            x1 = x1.max(r.x0).max(r.x1);
            y0 = y0.min(r.y0).min(r.y1);
            y1 = y1.max(r.y0).max(r.y1);
        }
        if x1 - x0 <= THIN_BAR || y1 - y0 <= THIN_BAR {
            self.rules.extend_from_slice(&self.path);
        }
    }

    /// Adds a straight edge to the current path.
    fn edge(&mut self, a: (f64, f64), b: (f64, f64)) {
        if self.path.len() < MAX_RULES && a != b {
            self.path.push(Rule {
                x0: a.0,
                y0: a.1,
                x1: b.0,
                y1: b.1,
            });
        }
    }

    /// The font named `name` in `resources`, loaded once.
    fn font(&mut self, resources: &Dictionary, name: &[u8]) -> Option<usize> {
        let doc = self.doc;
        let entry = resources
            .get(b"Font")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())?;
        let (key, dict) = match entry {
            Object::Reference(id) => (FontKey::Object(*id), doc.get_dictionary(*id).ok()?),
            Object::Dictionary(d) => (FontKey::Inline(d as *const Dictionary as usize), d),
            _ => return None,
        };
        if let Some(&i) = self.font_index.get(&key) {
            return Some(i);
        }
        self.fonts.push(Font::load(doc, dict));
        let i = self.fonts.len() - 1;
        self.font_index.insert(key, i);
        Some(i)
    }

    fn xobject(&mut self, resources: &Dictionary, name: &[u8], ctm: Matrix, depth: usize) {
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
        match name_of(stream.dict.get(b"Subtype").ok()).as_deref() {
            Some("Form") => {
                let matrix = entry(doc, &stream.dict, b"Matrix")
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| Matrix::from_operands(a))
                    .unwrap_or(Matrix::IDENTITY);
                self.form_stream(stream, resources, matrix.mul(ctm), depth + 1);
            }
            // An image XObject fills the unit square of the current matrix.
            Some("Image") => self.image_area += area_of(ctm),
            _ => {}
        }
    }

    /// Runs a form's content with its own resources (or `parent`'s when it has none) under
    /// `ctm`, which already includes the form's matrix.
    fn form_stream(&mut self, stream: &Stream, parent: &Dictionary, ctm: Matrix, depth: usize) {
        let doc = self.doc;
        let Ok(data) = stream.decompressed_content_with_limit(self.limit) else {
            return;
        };
        let own = entry(doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(parent);
        self.run(&data, own, ctm, depth);
    }

    fn show(&mut self, bytes: &[u8], ts: &TextState, tm: &mut Matrix, ctm: Matrix) {
        let Some(font) = ts.font.and_then(|i| self.fonts.get(i)) else {
            return;
        };
        let render = |tm: Matrix| {
            Matrix([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise])
                .mul(tm)
                .mul(ctm)
        };
        let start = render(*tm);
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
        if text.is_empty() {
            return;
        }
        let end = render(*tm);
        let m = start.0;
        if !m.iter().all(|v| v.is_finite()) {
            return;
        }
        let dir = direction(m[0], m[1]);
        let (x, y) = frame(dir, m[4], m[5]);
        let (x_end, _) = frame(dir, end.0[4], end.0[5]);
        let size = m[2].hypot(m[3]).max(1.0);
        self.runs.push(Run {
            x,
            y,
            x_end: x_end.max(x),
            size,
            text,
            dir,
            stamped: self.stamped,
        });
    }
}

/// The point given by the first two operands, on the page.
fn point_of(o: &[Object], ctm: Matrix) -> Option<(f64, f64)> {
    let (x, y) = (num(o.first()?)?, num(o.get(1)?)?);
    let p = ctm.apply(x, y);
    (p.0.is_finite() && p.1.is_finite()).then_some(p)
}

/// The area of the unit square under `m`.
fn area_of(m: Matrix) -> f64 {
    let a = m.0;
    let area = (a[0] * a[3] - a[1] * a[2]).abs();
    if area.is_finite() {
        area
    } else {
        0.0
    }
}

/// The quarter turn closest to the direction `(dx, dy)`.
fn direction(dx: f64, dy: f64) -> u8 {
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            0
        } else {
            2
        }
    } else if dy > 0.0 {
        1
    } else {
        3
    }
}

/// A page point in the reading frame of direction `dir` (the page turned so the text reads
/// left to right).
pub(super) fn frame(dir: u8, x: f64, y: f64) -> (f64, f64) {
    match dir {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn matrices_compose_in_pdf_order() {
        // Scale by 2, then move by (10, 20): a point at (1, 1) lands at (12, 22).
        let m = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]).mul(Matrix::translate(10.0, 20.0));
        assert_eq!(m.apply(1.0, 1.0), (12.0, 22.0));
    }

    #[test]
    fn reading_frames_turn_rotated_text_upright() {
        // Text going up the page (a margin note): its frame is the page turned clockwise.
        assert_eq!(direction(0.0, 12.0), 1);
        assert_eq!(direction(-12.0, 0.5), 2);
        assert_eq!(direction(0.1, -12.0), 3);
        assert_eq!(direction(12.0, 3.0), 0);
        // Two glyphs placed upwards along x = 50 read left to right in that frame.
        let (a, _) = frame(1, 50.0, 100.0);
        let (b, _) = frame(1, 50.0, 110.0);
        assert!(b > a);
    }

    #[test]
    fn a_page_of_text_gives_runs_in_place() {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "FirstChar" => 32, "Widths" => vec![Object::Integer(250); 95],
        });
        let resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        let content = b"BT /F1 10 Tf 1 0 0 1 72 700 Tm (Hello) Tj 0 -14 Td (world) Tj ET";
        let mut it = Interpreter::new(&doc, 1 << 20, None);
        it.run_page(content, &resources);
        let page = it.take_page();
        let texts: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Hello", "world"]);
        assert_eq!((page.runs[0].x, page.runs[0].y), (72.0, 700.0));
        // Five glyphs of 250/1000 em at 10 pt.
        assert!((page.runs[0].x_end - 84.5).abs() < 1e-9);
        assert_eq!(page.runs[1].y, 686.0);
        assert!(!page.runs[0].stamped);
    }

    #[test]
    fn painted_edges_are_kept_and_unpainted_ones_dropped() {
        let doc = Document::with_version("1.5");
        // A stroked box, a filled thin bar under a 2× scale, a clipping path, a large filled
        // background, and a white bar.
        let content =
            b"10 10 100 50 re S q 2 0 0 2 0 0 cm 0 200 50 0.5 re f Q 0 0 m 300 300 l W n \
            0 0 200 100 re f 1 g 0 300 100 1 re f";
        let mut it = Interpreter::new(&doc, 1 << 20, None);
        it.run_page(content, &Dictionary::new());
        let rules = it.take_page().rules;
        assert_eq!(rules.len(), 8, "{rules:?}");
        assert_eq!(
            rules[0],
            Rule {
                x0: 10.0,
                y0: 10.0,
                x1: 110.0,
                y1: 10.0
            }
        );
        assert_eq!((rules[4].x0, rules[4].y0, rules[4].x1), (0.0, 400.0, 100.0));
    }

    #[test]
    fn filled_curves_are_counted_and_stroked_ones_not() {
        let doc = Document::with_version("1.5");
        let content = b"0 0 m 1 1 2 2 3 3 c 4 4 5 5 6 6 c h f 0 0 m 1 1 2 2 3 3 c S";
        let mut it = Interpreter::new(&doc, 1 << 20, None);
        it.run_page(content, &Dictionary::new());
        assert_eq!(it.take_page().filled_curves, 2);
    }

    #[test]
    fn a_past_deadline_stops_the_interpreter() {
        let doc = Document::with_version("1.5");
        let mut content = Vec::new();
        for _ in 0..(CLOCK_EVERY * 4) {
            content.extend_from_slice(b"q Q ");
        }
        let past = Instant::now() - std::time::Duration::from_secs(1);
        let mut it = Interpreter::new(&doc, 1 << 20, Some(past));
        it.run_page(&content, &Dictionary::new());
        assert!(it.timed_out());
        assert!(it.ops < CLOCK_EVERY * 2);
    }
}
