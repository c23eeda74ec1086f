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

mod cmap;
mod content;
mod fonts;
mod layout;
mod objects;

use std::collections::HashMap;

use lopdf::{Dictionary, Document};

use content::{Interpreter, Matrix};
use layout::layout;

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
