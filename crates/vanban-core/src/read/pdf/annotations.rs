//! Annotation appearances: the text that form fields, signature fields, free-text notes and
//! stamps draw on a page.
//!
//! Signing tools write the number and the day of a document into the blanks its letterhead
//! leaves (`Số:      /BC-SNV`, `ngày   tháng 11`) as the appearance of a signature field, not
//! as page content. For every `Widget` (except check boxes and radio buttons), `FreeText` and
//! `Stamp` annotation that is not hidden, this module runs its normal appearance (`/AP /N`, the
//! state `/AS` picks when there are several) through the content interpreter, placed as the
//! PDF specification says: the form's `BBox`, transformed by its `Matrix`, is fitted to the
//! annotation's `Rect`. The runs come out marked as stamped, and the layout puts them on the
//! line they sit on. It does not read annotation contents that are never drawn (`/Contents` of
//! a sticky note, a link's target), nor pop-ups.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Interpreter, Matrix};
use super::objects::{deref, entry, name_of, num};

/// Annotation flag bits that keep an annotation off the screen: Hidden and NoView.
const NOT_SHOWN: i64 = (1 << 1) | (1 << 5);

/// Deepest `/Parent` chain followed to find a field's type.
const MAX_PARENTS: usize = 16;

/// Runs the appearance of every annotation of `page_id` that shows text.
pub(super) fn draw(doc: &Document, page_id: ObjectId, interp: &mut Interpreter<'_>) {
    let Ok(page) = doc.get_dictionary(page_id) else {
        return;
    };
    let Some(annots) = entry(doc, page, b"Annots").and_then(|o| o.as_array().ok()) else {
        return;
    };
    let form_resources = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|o| deref(doc, o).as_dict().ok())
        .and_then(|f| f.get(b"DR").ok())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let empty = Dictionary::new();
    for annot in annots {
        if interp.timed_out() {
            return;
        }
        let Ok(annot) = deref(doc, annot).as_dict() else {
            continue;
        };
        if !shows_text(doc, annot) {
            continue;
        }
        let Some(stream) = appearance(doc, annot) else {
            continue;
        };
        let Some(rect) = entry(doc, annot, b"Rect")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| rect_of(doc, a))
        else {
            continue;
        };
        let bbox = entry(doc, &stream.dict, b"BBox")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| rect_of(doc, a))
            .unwrap_or(rect);
        let matrix = entry(doc, &stream.dict, b"Matrix")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| Matrix::from_operands(a))
            .unwrap_or(Matrix::IDENTITY);
        let fallback = entry(doc, annot, b"DR")
            .and_then(|o| o.as_dict().ok())
            .or(form_resources)
            .unwrap_or(&empty);
        interp.run_appearance(stream, fallback, placement(bbox, matrix, rect));
    }
}

/// Whether the annotation is a kind that draws text and is shown.
fn shows_text(doc: &Document, annot: &Dictionary) -> bool {
    let flags = entry(doc, annot, b"F")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    if flags & NOT_SHOWN != 0 {
        return false;
    }
    match name_of(annot.get(b"Subtype").ok()).as_deref() {
        Some("FreeText" | "Stamp") => true,
        // Check boxes and radio buttons draw a tick glyph, not text.
        Some("Widget") => field_type(doc, annot).as_deref() != Some("Btn"),
        _ => false,
    }
}

/// A field's type (`Tx`, `Sig`, `Btn`, `Ch`), inherited from its parents.
pub(super) fn field_type(doc: &Document, field: &Dictionary) -> Option<String> {
    let mut at = field;
    for _ in 0..MAX_PARENTS {
        if let Some(ft) = name_of(at.get(b"FT").ok().map(|o| deref(doc, o))) {
            return Some(ft);
        }
        at = entry(doc, at, b"Parent").and_then(|o| o.as_dict().ok())?;
    }
    None
}

/// The normal appearance stream, in the annotation's current state when it has several.
fn appearance<'a>(doc: &'a Document, annot: &'a Dictionary) -> Option<&'a lopdf::Stream> {
    let normal = entry(doc, annot, b"AP")
        .and_then(|o| o.as_dict().ok())?
        .get(b"N")
        .ok()
        .map(|o| deref(doc, o))?;
    match normal {
        Object::Stream(s) => Some(s),
        Object::Dictionary(states) => {
            let state = annot.get(b"AS").ok().and_then(|o| o.as_name().ok())?;
            deref(doc, states.get(state).ok()?).as_stream().ok()
        }
        _ => None,
    }
}

/// A rectangle `[x0 y0 x1 y1]` with its corners put in order.
fn rect_of(doc: &Document, a: &[Object]) -> Option<[f64; 4]> {
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f64> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
    let [x0, y0, x1, y1] = v.as_slice() else {
        return None;
    };
    let r = [x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)];
    r.iter().all(|v| v.is_finite()).then_some(r)
}

/// The matrix that draws an appearance on the page: its `Matrix`, then the map that fits the
/// transformed `BBox` into the annotation's `Rect` (PDF 32000-1, 12.5.5).
fn placement(bbox: [f64; 4], matrix: Matrix, rect: [f64; 4]) -> Matrix {
    let corners = [
        matrix.apply(bbox[0], bbox[1]),
        matrix.apply(bbox[2], bbox[1]),
        matrix.apply(bbox[0], bbox[3]),
        matrix.apply(bbox[2], bbox[3]),
    ];
    let x0 = corners.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    let x1 = corners
        .iter()
        .map(|c| c.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let y0 = corners.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    let y1 = corners
        .iter()
        .map(|c| c.1)
        .fold(f64::NEG_INFINITY, f64::max);
    let sx = if x1 - x0 > 1e-6 {
        (rect[2] - rect[0]) / (x1 - x0)
    } else {
        1.0
    };
    let sy = if y1 - y0 > 1e-6 {
        (rect[3] - rect[1]) / (y1 - y0)
    } else {
        1.0
    };
    let fit = Matrix([sx, 0.0, 0.0, sy, rect[0] - sx * x0, rect[1] - sy * y0]);
    matrix.mul(fit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn an_appearance_box_is_fitted_to_the_rectangle() {
        // A 100 × 20 box drawn into a rectangle at (300, 700) of the same size.
        let m = placement(
            [0.0, 0.0, 100.0, 20.0],
            Matrix::IDENTITY,
            [300.0, 700.0, 400.0, 720.0],
        );
        assert_eq!(m.apply(2.0, 5.0), (302.0, 705.0));
        // Twice as large a rectangle scales it; a box not at the origin is moved there.
        let m = placement(
            [10.0, 10.0, 60.0, 20.0],
            Matrix::IDENTITY,
            [0.0, 0.0, 100.0, 20.0],
        );
        assert_eq!(m.apply(10.0, 10.0), (0.0, 0.0));
        assert_eq!(m.apply(60.0, 20.0), (100.0, 20.0));
    }

    /// A page whose letterhead leaves a blank for the number, and a signature field whose
    /// appearance writes `15` into it.
    fn signed_page() -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "FirstChar" => 32, "Widths" => vec![Object::Integer(500); 95],
        });
        let ap = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 30.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F9" => font } },
            },
            b"BT /F9 12 Tf 2 5 Td (15) Tj ET".to_vec(),
        ));
        let hidden_ap = doc.add_object(Stream::new(
            dictionary! { "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 30.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F9" => font } } },
            b"BT /F9 12 Tf (99) Tj ET".to_vec(),
        ));
        let sig = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Sig",
            "Rect" => vec![120.into(), 695.into(), 150.into(), 715.into()],
            "AP" => dictionary! { "N" => ap },
        });
        let hidden = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "F" => 2,
            "Rect" => vec![300.into(), 695.into(), 330.into(), 715.into()],
            "AP" => dictionary! { "N" => hidden_ap },
        });
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Annots" => vec![sig.into(), hidden.into()],
        });
        (doc, page)
    }

    #[test]
    fn a_signature_field_draws_its_text_in_place_and_a_hidden_one_does_not() {
        let (doc, page) = signed_page();
        let mut it = Interpreter::new(&doc, 1 << 20, None);
        draw(&doc, page, &mut it);
        let runs = it.take_page().runs;
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!(runs[0].text, "15");
        assert_eq!((runs[0].x, runs[0].y), (122.0, 700.0));
        assert!(runs[0].stamped);
    }
}
