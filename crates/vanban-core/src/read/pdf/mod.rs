//! PDF text extraction on top of `lopdf`.
//!
//! `lopdf` parses the file; the modules here do the rest, one job each:
//!
//! - [`fonts`] and [`cmap`] turn shown bytes into text and glyph widths (`ToUnicode` maps,
//!   one- and two-byte codes, Identity-H, base encodings and `Differences`);
//! - [`content`] interprets each page's content stream and places every shown string on the
//!   page, within the document's deadline;
//! - [`annotations`] adds the text that annotation appearances draw (a number and a day
//!   stamped into the letterhead at signing);
//! - [`tables`] finds the cells of ruled tables from their drawn borders;
//! - [`layout`] puts the runs into lines in reading order (two-column letterheads and
//!   signature blocks read left block first, ruled tables row by row);
//! - [`signature`] reads who signed the file and when.
//!
//! Pages without a text layer that carry an image (scans) or letters drawn as outlines are
//! read by OCR
//! ([`crate::read::ocr`]) as the [`OcrMode`] says. Each page ends with a form feed on a line
//! of its own.

mod annotations;
mod cmap;
mod content;
mod fonts;
mod layout;
mod objects;
mod signature;
mod tables;

use std::time::Instant;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::ocr::{self, OcrError, OcrMode};
use content::Interpreter;
use objects::{deref, entry, num};
pub use signature::Signature;

/// A page counts as a scan when it has no text and images cover at least this share of it…
const SCAN_COVER: f64 = 0.1;
/// … or it fills at least this many curves (letters drawn as outlines).
const OUTLINED_TEXT: usize = 2000;

/// Deepest `/Parent` chain followed for an inherited page attribute.
const MAX_PARENTS: usize = 32;

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The file could not be parsed.
    Damaged(String),
    /// It has more pages than the limit (what, in plain words).
    OverLimit(String),
    /// The file is encrypted and cannot be opened without a password.
    Encrypted,
    /// The file parsed but no page holds any text (and none was read by OCR).
    NoText {
        /// Number of pages.
        pages: usize,
    },
    /// Reading took longer than the deadline and was stopped.
    TimedOut,
    /// Pages are scans without a text layer and OCR cannot run.
    Scanned {
        /// The scanned pages, 1-based.
        pages: Vec<usize>,
        /// What is missing.
        missing: String,
    },
    /// OCR of scanned pages failed.
    Ocr(String),
}

/// How to read a PDF.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Most pages read.
    pub max_pages: usize,
    /// Most bytes one page's content (or another stream) may expand to.
    pub max_decompressed: u64,
    /// When to stop reading (the document's time budget), if ever.
    pub deadline: Option<Instant>,
    /// When to OCR pages.
    pub ocr: OcrMode,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 5000,
            max_decompressed: 256 * 1024 * 1024,
            deadline: None,
            ocr: OcrMode::Auto,
        }
    }
}

/// Text of a PDF.
#[derive(Debug, Clone)]
pub struct PdfText {
    /// Lines of every page in order, pages ended by a form feed line.
    pub text: String,
    /// Number of pages.
    pub pages: usize,
    /// Its digital signatures, earliest first.
    pub signatures: Vec<Signature>,
    /// Pages (1-based) whose text was read by OCR.
    pub ocr_pages: Vec<usize>,
    /// Pages (1-based) that are scans without a text layer and were not read (OCR off).
    pub pages_without_text: Vec<usize>,
}

/// Extracts the text of every page of a PDF held in memory.
pub fn extract(bytes: &[u8], opts: &PdfOptions) -> Result<PdfText, PdfError> {
    let limit = usize::try_from(opts.max_decompressed).unwrap_or(usize::MAX);
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
    if pages.len() > opts.max_pages {
        return Err(PdfError::OverLimit(format!(
            "it has {} pages, over the limit of {}",
            pages.len(),
            opts.max_pages
        )));
    }
    let past = || opts.deadline.is_some_and(|d| Instant::now() >= d);
    let mut interp = Interpreter::new(&doc, limit, opts.deadline);
    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    let mut scans: Vec<usize> = Vec::new();
    for (n, (_, page_id)) in pages.iter().enumerate() {
        if past() {
            return Err(PdfError::TimedOut);
        }
        let content = doc
            .get_page_content_with_limit(*page_id, limit)
            .map_err(|e| {
                PdfError::Damaged(format!(
                    "page content (limit {limit} bytes once expanded): {e}"
                ))
            })?;
        let resources = page_resources(&doc, *page_id);
        interp.run_page(&content, &resources);
        annotations::draw(&doc, *page_id, &mut interp);
        if interp.timed_out() {
            return Err(PdfError::TimedOut);
        }
        let page = interp.take_page();
        let text = layout::layout(page.runs, &page.rules);
        let has_text = text.chars().any(|c| !c.is_whitespace());
        let area = page_area(&doc, *page_id);
        let imaged = page.image_area > 0.0 && page.image_area >= SCAN_COVER * area;
        if !has_text && (imaged || page.filled_curves >= OUTLINED_TEXT) {
            scans.push(n + 1);
        }
        texts.push(text);
    }
    let wanted: Vec<usize> = match opts.ocr {
        OcrMode::Never => Vec::new(),
        OcrMode::Auto => scans.clone(),
        OcrMode::Always => (1..=pages.len()).collect(),
    };
    let mut ocr_pages = Vec::new();
    if !wanted.is_empty() {
        match ocr::pdf_pages(bytes, &wanted, opts.deadline) {
            Ok(read) => {
                for (&page, words) in wanted.iter().zip(read) {
                    texts[page - 1] = layout::layout(ocr_runs(words), &[]);
                }
                ocr_pages = wanted;
            }
            Err(OcrError::Unavailable(missing)) => {
                return Err(PdfError::Scanned {
                    pages: wanted,
                    missing,
                })
            }
            Err(OcrError::TimedOut) => return Err(PdfError::TimedOut),
            Err(OcrError::Failed(reason)) => return Err(PdfError::Ocr(reason)),
        }
    }
    let pages_without_text = if ocr_pages.is_empty() {
        scans
    } else {
        scans.retain(|p| !ocr_pages.contains(p));
        scans
    };
    let mut out = String::new();
    for text in &texts {
        out.push_str(text);
        out.push_str("\u{C}\n");
    }
    if !texts.iter().any(|t| t.chars().any(|c| !c.is_whitespace())) {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(PdfText {
        text: out,
        pages: pages.len(),
        signatures: signature::signatures(&doc),
        ocr_pages,
        pages_without_text,
    })
}

/// OCR words as runs on the page (y upwards from the bottom), each ended by a space so the
/// layout keeps them apart; the line's height stands for the font size. Tesseract sometimes
/// reads `Đ` as the Icelandic `Ð`, which Vietnamese never uses; it is put right.
fn ocr_runs(page: ocr::OcrPage) -> Vec<content::Run> {
    page.words
        .into_iter()
        .map(|w| content::Run {
            x: w.x0,
            y: page.height - w.line_bottom,
            x_end: w.x1,
            size: (w.line_height / 1.2).max(4.0),
            text: w.text.replace('Ð', "Đ").replace('ð', "đ") + " ",
            dir: 0,
            stamped: false,
        })
        .collect()
}

/// The merged resource dictionary of a page (its own entries win over inherited ones).
fn page_resources(doc: &Document, page_id: ObjectId) -> Dictionary {
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

/// The area of a page's media box (inherited from its parents), A4 when it has none.
fn page_area(doc: &Document, page_id: ObjectId) -> f64 {
    const A4: f64 = 595.0 * 842.0;
    let mut at = doc.get_dictionary(page_id).ok();
    for _ in 0..MAX_PARENTS {
        let Some(dict) = at else { break };
        if let Some(b) = entry(doc, dict, b"MediaBox").and_then(|o| o.as_array().ok()) {
            let v: Vec<f64> = b.iter().filter_map(|o| num(deref(doc, o))).collect();
            if let [x0, y0, x1, y1] = v.as_slice() {
                let area = ((x1 - x0) * (y1 - y0)).abs();
                if area.is_finite() && area > 0.0 {
                    return area;
                }
            }
            break;
        }
        at = dict.get(b"Parent").ok().and_then(|o| match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            _ => None,
        });
    }
    A4
}
