//! DOCX text extraction: the zip is opened with `zip`, `word/document.xml` and
//! `word/footnotes.xml` are streamed with `quick-xml`.
//!
//! Paragraphs come out one per line, in document order. A table row becomes one line with its
//! cells separated by tabs (paragraphs inside a cell are joined with a space; see
//! [`super::layout`]). A footnote
//! reference is written as a superscript number after the word it marks, and the footnotes
//! themselves are appended after the body, each on its own line starting with its number.

use std::io::Read;

use quick_xml::events::Event;
use quick_xml::Reader;

/// Why a DOCX could not be read.
#[derive(Debug)]
pub enum DocxError {
    /// Damaged, truncated or not a Word document (what is wrong, in plain words).
    Damaged(String),
    /// A zip entry expands past the limit (which, in plain words).
    OverLimit(String),
}

impl From<String> for DocxError {
    fn from(reason: String) -> DocxError {
        DocxError::Damaged(reason)
    }
}

/// Extracts the text of a DOCX held in memory, refusing zip entries that expand past
/// `max_entry` bytes (zip bombs); the error says what is wrong in plain words.
pub fn extract(bytes: &[u8], max_entry: u64) -> Result<String, DocxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive ({e})"))?;
    let body = entry(&mut archive, "word/document.xml", max_entry)?.ok_or_else(|| {
        "the archive has no word/document.xml; it is not a Word document".to_string()
    })?;
    let footnotes = entry(&mut archive, "word/footnotes.xml", max_entry)?;
    let mut out = String::new();
    let mut numbering = Vec::new();
    walk(&body, &mut out, &mut numbering, false)?;
    if let Some(notes) = footnotes {
        let mut text = String::new();
        walk(&notes, &mut text, &mut Vec::new(), true)?;
        let notes: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                l.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        if !notes.is_empty() {
            out.push('\n');
            for n in notes {
                out.push_str(&n);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

fn entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    max_entry: u64,
) -> Result<Option<String>, DocxError> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot open {name} in the archive ({e})").into()),
    };
    let mut data = Vec::new();
    file.take(max_entry + 1)
        .read_to_end(&mut data)
        .map_err(|e| format!("{name} is damaged or truncated ({e})"))?;
    if data.len() as u64 > max_entry {
        return Err(DocxError::OverLimit(format!(
            "{name} expands to more than {max_entry} bytes (a zip bomb?)"
        )));
    }
    String::from_utf8(data)
        .map(Some)
        .map_err(|_| format!("{name} is not valid UTF-8 XML").into())
}

/// `n` with its digits written as superscripts, the way footnote references are shown.
pub(crate) fn superscript(n: &str) -> String {
    n.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => crate::normalize::SUPERSCRIPT[d as usize],
            None => c,
        })
        .collect()
}

/// Walks WordprocessingML, writing paragraphs and table rows as lines.
fn walk(xml: &str, out: &mut String, _numbering: &mut Vec<u32>, notes: bool) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut in_text = false;
    let mut para = String::new();
    // Stack of open tables: each holds the current row's cells and the current cell's
    // paragraphs.
    let mut tables: Vec<(Vec<Vec<String>>, Vec<String>)> = Vec::new();
    let mut note_id: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("broken XML at byte {} ({e})", reader.buffer_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = e.name();
                match name.as_ref() {
                    b"w:t" => in_text = !is_empty,
                    b"w:tab" => para.push('\t'),
                    // A manual line break starts a new line (a space inside a table cell or
                    // a footnote, each of which stays on one line).
                    b"w:br" | b"w:cr" => para.push(if notes { ' ' } else { '\n' }),
                    b"w:noBreakHyphen" => para.push('-'),
                    b"w:tbl" => tables.push((Vec::new(), Vec::new())),
                    b"w:footnoteReference" | b"w:endnoteReference" => {
                        if let Some(id) = attr(e, b"w:id") {
                            para.push_str(&superscript(&id));
                        }
                    }
                    b"w:footnote" if notes => {
                        note_id = attr(e, b"w:id");
                        let t = attr(e, b"w:type");
                        if t.is_some_and(|t| t != "normal") {
                            note_id = None;
                        }
                    }
                    b"w:footnoteRef" if notes => {
                        if let Some(id) = &note_id {
                            para.push_str(&superscript(id));
                            para.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let s = t.unescape().map_err(|e| format!("bad text entity ({e})"))?;
                para.push_str(&s);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => {
                    let text = std::mem::take(&mut para);
                    if let Some((_, cell)) = tables.last_mut() {
                        cell.push(text.trim().replace('\n', " "));
                    } else if !(notes && note_id.is_none()) {
                        for line in text.split('\n') {
                            out.push_str(line.trim_end());
                            out.push('\n');
                        }
                    }
                }
                b"w:tc" => {
                    if let Some((cells, cell)) = tables.last_mut() {
                        cells.push(std::mem::take(cell));
                    }
                }
                b"w:tr" => {
                    if let Some((cells, _)) = tables.last_mut() {
                        let cells = std::mem::take(cells);
                        if tables.len() > 1 {
                            // A nested table's row goes into the enclosing cell.
                            let row: Vec<String> =
                                cells.iter().map(|c| super::layout::joined(c)).collect();
                            let n = tables.len();
                            tables[n - 2].1.push(row.join(" "));
                        } else {
                            super::layout::push_row(out, &cells);
                        }
                    }
                }
                b"w:tbl" => {
                    tables.pop();
                }
                b"w:footnote" => note_id = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}
