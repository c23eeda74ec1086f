//! Digital signatures: who signed a PDF and when, from its signature fields.
//!
//! Every signature field (`/FT /Sig`, in the form's field tree or only among a page's
//! annotations) whose value is a signature dictionary gives one [`Signature`]: the signer from
//! the dictionary's `/Name`, or else from the common name (CN) of the signing certificate in
//! the PKCS#7 / CMS blob of `/Contents`; the time from `/M`, as ISO 8601. It does not verify
//! signatures, certificates or the byte ranges they cover: the names say who the file claims
//! signed it.

use std::collections::HashSet;

use cms::cert::x509::der::{self, Decode, Tag, Tagged};
use cms::cert::x509::Certificate;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use lopdf::{Dictionary, Document, Object};

use super::annotations::field_type;
use super::objects::{deref, entry};

/// Most fields visited in a form's field tree.
const MAX_FIELDS: usize = 10_000;

/// A digital signature of the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// Who signed: the signature's name, or its certificate's common name.
    pub signed_by: Option<String>,
    /// When, ISO 8601 (`2025-11-28T10:38:25+07:00`), as the signature states it.
    pub signed_at: Option<String>,
}

/// The signatures of a document, earliest first (those without a time last).
pub(super) fn signatures(doc: &Document) -> Vec<Signature> {
    let mut values: Vec<&Dictionary> = Vec::new();
    let mut seen: HashSet<*const Dictionary> = HashSet::new();
    // The form's field tree.
    let mut stack: Vec<&Object> = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|o| deref(doc, o).as_dict().ok())
        .and_then(|f| f.get(b"Fields").ok())
        .and_then(|o| deref(doc, o).as_array().ok())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut visited = 0;
    while let Some(o) = stack.pop() {
        visited += 1;
        if visited > MAX_FIELDS {
            break;
        }
        let Ok(field) = deref(doc, o).as_dict() else {
            continue;
        };
        visit(doc, field, &mut values, &mut seen);
        if let Ok(kids) = field.get(b"Kids").map(|o| deref(doc, o)) {
            if let Ok(kids) = kids.as_array() {
                stack.extend(kids.iter());
            }
        }
    }
    // Signature widgets a broken form tree does not list.
    for (_, page_id) in doc.get_pages() {
        let annots = doc
            .get_dictionary(page_id)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .and_then(|o| deref(doc, o).as_array().ok());
        for a in annots.into_iter().flatten() {
            if let Ok(a) = deref(doc, a).as_dict() {
                visit(doc, a, &mut values, &mut seen);
            }
        }
    }
    let mut out: Vec<Signature> = values.into_iter().map(|v| signature(doc, v)).collect();
    out.sort_by(|a, b| match (&a.signed_at, &b.signed_at) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    out
}

/// Keeps the signature dictionary of `field` when it is a signature field that has one.
fn visit<'d>(
    doc: &'d Document,
    field: &'d Dictionary,
    values: &mut Vec<&'d Dictionary>,
    seen: &mut HashSet<*const Dictionary>,
) {
    if field_type(doc, field).as_deref() != Some("Sig") {
        return;
    }
    if let Some(v) = entry(doc, field, b"V").and_then(|o| o.as_dict().ok()) {
        if seen.insert(v as *const Dictionary) {
            values.push(v);
        }
    }
}

fn signature(doc: &Document, v: &Dictionary) -> Signature {
    let string = |key: &[u8]| match v.get(key).ok().map(|o| deref(doc, o)) {
        Some(Object::String(bytes, _)) => Some(bytes.as_slice()),
        _ => None,
    };
    let signed_by = string(b"Name")
        .map(text_string)
        .filter(|s| !s.trim().is_empty())
        .or_else(|| string(b"Contents").and_then(signer_name));
    Signature {
        signed_by: signed_by.map(|s| s.trim().to_string()),
        signed_at: string(b"M").and_then(|m| pdf_date(&text_string(m))),
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, UTF-8 with its mark, or
/// PDFDocEncoding (read as Windows-1252, which it matches in the letters that matter).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    }
}

/// A PDF date (`D:20251128103825+07'00'`) as ISO 8601 (`2025-11-28T10:38:25+07:00`); the
/// parts it gives, from the year on.
pub(super) fn pdf_date(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let field = |at: usize, len: usize, lo: u32, hi: u32| -> Option<Option<u32>> {
        match digits.get(at..at + len) {
            None => Some(None),
            Some(d) => {
                let v: u32 = d.parse().ok()?;
                (lo..=hi).contains(&v).then_some(Some(v))
            }
        }
    };
    let year = field(0, 4, 1900, 2999)??;
    let month = field(4, 2, 1, 12)?;
    let day = field(6, 2, 1, 31)?;
    let hour = field(8, 2, 0, 23)?;
    let minute = field(10, 2, 0, 59)?;
    let second = field(12, 2, 0, 59)?;
    let mut out = format!("{year:04}");
    let Some(month) = month else { return Some(out) };
    out.push_str(&format!("-{month:02}"));
    let Some(day) = day else { return Some(out) };
    out.push_str(&format!("-{day:02}"));
    let Some(hour) = hour else { return Some(out) };
    out.push_str(&format!(
        "T{hour:02}:{:02}:{:02}",
        minute.unwrap_or(0),
        second.unwrap_or(0)
    ));
    let zone = &s[digits.len()..];
    if zone.starts_with('Z') {
        out.push('Z');
    } else if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
        let z: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        if let (Some(h), m) = (z.get(0..2), z.get(2..4).unwrap_or("00")) {
            out.push_str(&format!("{sign}{h}:{m}"));
        }
    }
    Some(out)
}

/// The common name of the certificate that made a CMS signature (`/Contents`, which signing
/// tools pad with zeros after the DER).
fn signer_name(contents: &[u8]) -> Option<String> {
    let mut reader = der::SliceReader::new(contents).ok()?;
    let info = ContentInfo::decode(&mut reader).ok()?;
    let signed: SignedData = info.content.decode_as().ok()?;
    let certs: Vec<&Certificate> = signed
        .certificates
        .as_ref()?
        .0
        .iter()
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            _ => None,
        })
        .collect();
    let signer = signed.signer_infos.0.iter().next()?;
    let cert = certs
        .iter()
        .find(|c| match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                c.tbs_certificate.issuer == id.issuer
                    && c.tbs_certificate.serial_number == id.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(id) => {
                c.tbs_certificate.extensions.iter().flatten().any(|e| {
                    e.extn_id == der::oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER
                        && der::asn1::OctetString::from_der(e.extn_value.as_bytes())
                            .is_ok_and(|k| k.as_bytes() == id.0.as_bytes())
                })
            }
        })
        // No match: the certificate that issued none of the others is the signer's.
        .or_else(|| {
            certs.iter().find(|c| {
                !certs
                    .iter()
                    .any(|o| o.tbs_certificate.issuer == c.tbs_certificate.subject && o != *c)
            })
        })?;
    common_name(cert)
}

/// The last common name (CN) in a certificate's subject.
fn common_name(cert: &Certificate) -> Option<String> {
    let mut found = None;
    for rdn in cert.tbs_certificate.subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid != der::oid::db::rfc4519::CN {
                continue;
            }
            let bytes = atv.value.value();
            let text = match atv.value.tag() {
                Tag::Utf8String => String::from_utf8_lossy(bytes).into_owned(),
                Tag::BmpString => {
                    let units: Vec<u16> = bytes
                        .chunks(2)
                        .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                        .collect();
                    String::from_utf16_lossy(&units)
                }
                _ => bytes.iter().map(|&b| b as char).collect(),
            };
            if !text.trim().is_empty() {
                found = Some(text);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_iso() {
        assert_eq!(
            pdf_date("D:20251128103825+07'00'").as_deref(),
            Some("2025-11-28T10:38:25+07:00")
        );
        assert_eq!(
            pdf_date("D:20240105083000Z").as_deref(),
            Some("2024-01-05T08:30:00Z")
        );
        assert_eq!(pdf_date("D:20240105").as_deref(), Some("2024-01-05"));
        assert_eq!(pdf_date("D:2024").as_deref(), Some("2024"));
        assert_eq!(pdf_date("D:20241305").as_deref(), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn text_strings_in_utf16_and_pdfdoc() {
        let utf16: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Trần An".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(text_string(&utf16), "Trần An");
        assert_eq!(text_string(b"Nguyen An"), "Nguyen An");
    }

    #[test]
    fn garbage_contents_give_no_name() {
        assert_eq!(signer_name(&[0u8; 64]), None);
        assert_eq!(signer_name(b"\x30\x82\xff\xff not der"), None);
    }
}
