//! Word 97–2003 binary documents (`.doc`).
//!
//! A `.doc` is a compound file (opened with the `cfb` crate). Its `WordDocument` stream starts
//! with the File Information Block (FIB), which gives the length in characters of the main text
//! and of the footnotes, and where the piece table lies in the table stream (`0Table` or
//! `1Table`, chosen by a FIB flag). The piece table maps runs of character positions to byte
//! offsets in `WordDocument`, each run stored one byte per character (Windows-1252) or as
//! UTF-16LE. Paragraph properties, read from their formatted disk pages, say which paragraphs
//! lie in a table and which mark ends a table row.
//!
//! The text comes out like the DOCX reader's: a paragraph per line, a table row as one line of
//! tab-separated cells (paragraphs inside a cell joined with a space; see [`super::layout`]),
//! a footnote reference as a
//! superscript number and the footnotes appended after the body, each on its own line starting
//! with its number. Field codes are dropped and field results kept; pictures and drawn objects
//! are dropped. Text typed in a legacy Vietnamese font (TCVN3 `.VnTime`, `VNI-Times`) is stored
//! as Windows-1252 letters; such paragraphs are recognised and decoded by the same legacy
//! detection as plain text ([`super::text::legacy_font_reading`]).

use std::io::{Cursor, Read};

use super::legacy::{self, Legacy};

/// Why a `.doc` gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The document is password-protected (encrypted or obfuscated).
    Encrypted,
    /// A password-protected Office Open XML document (`.docx`, `.xlsx`…), which is stored as
    /// a compound file holding the encrypted package.
    EncryptedPackage,
    /// Saved by Word 6.0/95 or older (`nFib` below Word 97's).
    TooOld {
        /// The FIB version number found.
        nfib: u16,
    },
    /// A compound file that holds another kind of document (what it holds).
    NotWord(&'static str),
    /// Damaged or truncated: what is wrong, in plain words.
    Damaged(String),
    /// A stream or the text is past the limit of decompressed bytes (which, in plain words).
    OverLimit(String),
}

/// The text of a `.doc` and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocText {
    /// The text, lines ended by `\n` (not yet NFC).
    pub text: String,
    /// The legacy font encoding some paragraphs were decoded from, if any.
    pub legacy: Option<Legacy>,
}

/// Whether the bytes start with the compound-file signature used by `.doc`, `.xls`, `.ppt`
/// and password-protected Office Open XML files.
pub fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Extracts the main text and the footnotes of a Word 97–2003 document held in memory,
/// refusing streams larger than `max_decompressed` bytes and text longer than
/// `max_decompressed` characters.
pub fn extract(bytes: &[u8], max_decompressed: u64) -> Result<DocText, DocError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| DocError::Damaged(format!("not a readable compound file ({e})")))?;
    if cf.is_stream("EncryptedPackage") {
        return Err(DocError::EncryptedPackage);
    }
    if !cf.is_stream("WordDocument") {
        return Err(if cf.is_stream("Workbook") || cf.is_stream("Book") {
            DocError::NotWord("an Excel workbook (.xls)")
        } else if cf.is_stream("PowerPoint Document") {
            DocError::NotWord("a PowerPoint presentation (.ppt)")
        } else {
            DocError::Damaged(
                "the compound file has no WordDocument stream; it is not a Word document".into(),
            )
        });
    }
    let word = stream(&mut cf, "WordDocument", max_decompressed)?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.one_table { "1Table" } else { "0Table" };
    if !cf.is_stream(table_name) {
        return Err(DocError::Damaged(format!(
            "the header names the table stream {table_name}, which is missing"
        )));
    }
    let table = stream(&mut cf, table_name, max_decompressed)?;
    let pieces = pieces(&table, fib.clx).map_err(|reason| {
        DocError::Damaged(if fib.fast_saved {
            format!(
                "{reason}; the document was fast-saved: open it in Word and save it again \
                 (File > Save As) to read it"
            )
        } else {
            reason
        })
    })?;
    let covered = pieces.last().map_or(0, |p| p.cp_end);
    let body_end = fib.ccp_text;
    let notes_end = body_end.saturating_add(fib.ccp_ftn);
    if notes_end > covered {
        return Err(DocError::Damaged(format!(
            "the header counts {} characters of text and footnotes but the piece table holds {covered}",
            u64::from(fib.ccp_text) + u64::from(fib.ccp_ftn)
        )));
    }
    let mut budget = max_decompressed;
    let body = units(&word, &pieces, 0, body_end, &mut budget)?;
    let notes = units(&word, &pieces, body_end, notes_end, &mut budget)?;
    let paras = ParaRuns::read(&word, &table, fib.papx);
    let legacy = choose_legacy(&[&body, &notes], &font_encodings(&table, fib.fonts));

    let mut out = Writer::new(&paras, legacy, false).run(&body);
    let notes_text = Writer::new(&paras, legacy, true).run(&notes);
    let note_lines: Vec<String> = notes_text
        .text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if !note_lines.is_empty() {
        out.text.push('\n');
        for line in note_lines {
            out.text.push_str(&line);
            out.text.push('\n');
        }
    }
    Ok(DocText {
        text: out.text,
        legacy: out.decoded.or(notes_text.decoded),
    })
}

/// Reads a whole stream, refusing one larger than `max` bytes.
fn stream(
    cf: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, DocError> {
    let s = cf
        .open_stream(name)
        .map_err(|e| DocError::Damaged(format!("cannot open the {name} stream ({e})")))?;
    let mut data = Vec::new();
    s.take(max.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| DocError::Damaged(format!("the {name} stream is truncated ({e})")))?;
    if data.len() as u64 > max {
        return Err(DocError::OverLimit(format!(
            "the {name} stream holds more than {max} bytes"
        )));
    }
    Ok(data)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A place in the table stream: offset and length in bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    fc: u32,
    lcb: u32,
}

impl Span {
    fn of<'a>(&self, b: &'a [u8]) -> Option<&'a [u8]> {
        let start = self.fc as usize;
        b.get(start..start.checked_add(self.lcb as usize)?)
    }
}

/// The parts of the File Information Block the reader uses.
#[derive(Debug)]
struct Fib {
    one_table: bool,
    fast_saved: bool,
    ccp_text: u32,
    ccp_ftn: u32,
    clx: Span,
    papx: Span,
    fonts: Span,
}

/// First FIB version of Word 97 (0x00C0, the blank document Word installs; 0x00C1 otherwise).
const NFIB_WORD97: u16 = 0x00C0;

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, DocError> {
        let short =
            || DocError::Damaged("the WordDocument stream is cut short in its header".into());
        let ident = u16_at(w, 0).ok_or_else(short)?;
        if ident != 0xA5EC {
            return Err(DocError::Damaged(format!(
                "the WordDocument stream does not start with a Word header (0x{ident:04X})"
            )));
        }
        let nfib = u16_at(w, 2).ok_or_else(short)?;
        let flags = u16_at(w, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err(DocError::Encrypted);
        }
        if nfib < NFIB_WORD97 {
            return Err(DocError::TooOld { nfib });
        }
        // FibBase (32 bytes), then csw and fibRgW, cslw and fibRgLw, cbRgFcLcb and the pairs.
        let csw = u16_at(w, 32).ok_or_else(short)? as usize;
        let cslw_at = 34 + csw * 2;
        let cslw = u16_at(w, cslw_at).ok_or_else(short)? as usize;
        let lw = cslw_at + 2;
        if cslw < 5 {
            return Err(DocError::Damaged(format!(
                "the header's count table is too short ({cslw} entries)"
            )));
        }
        let ccp_text = u32_at(w, lw + 12).ok_or_else(short)?;
        let ccp_ftn = u32_at(w, lw + 16).ok_or_else(short)?;
        let cb_at = lw + cslw * 4;
        let cb = u16_at(w, cb_at).ok_or_else(short)? as usize;
        let pairs = cb_at + 2;
        let pair = |i: usize| -> Option<Span> {
            if i >= cb {
                return None;
            }
            Some(Span {
                fc: u32_at(w, pairs + i * 8)?,
                lcb: u32_at(w, pairs + i * 8 + 4)?,
            })
        };
        let clx = pair(33).ok_or_else(|| {
            DocError::Damaged("the header has no place for the piece table".into())
        })?;
        Ok(Fib {
            one_table: flags & 0x0200 != 0,
            fast_saved: flags & 0x0004 != 0,
            ccp_text,
            ccp_ftn,
            clx,
            papx: pair(13).unwrap_or_default(),
            fonts: pair(15).unwrap_or_default(),
        })
    }
}

/// A run of character positions stored contiguously in the WordDocument stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    /// Byte offset of the first character in WordDocument.
    offset: u32,
    /// One byte per character (Windows-1252) rather than UTF-16LE.
    compressed: bool,
}

/// Reads the piece table from the CLX: property lists (fast saves) are skipped, then the
/// PlcPcd gives n+1 character positions and n piece descriptors.
fn pieces(table: &[u8], clx: Span) -> Result<Vec<Piece>, String> {
    let clx = clx.of(table).ok_or_else(|| {
        format!(
            "the piece table (bytes {}..+{}) lies outside the {}-byte table stream",
            clx.fc,
            clx.lcb,
            table.len()
        )
    })?;
    let mut at = 0usize;
    let plc = loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or("the piece table is cut short")?;
                at += 3 + cb as usize;
            }
            Some(2) => {
                let lcb = u32_at(clx, at + 1).ok_or("the piece table is cut short")? as usize;
                break clx
                    .get(at + 5..(at + 5).saturating_add(lcb))
                    .ok_or("the piece table runs past its end")?;
            }
            Some(other) => {
                return Err(format!(
                    "the piece table is unreadable (byte 0x{other:02X} at {at})"
                ))
            }
            None => return Err("the piece table is missing".into()),
        }
    };
    if plc.len() < 16 || (plc.len() - 4) % 12 != 0 {
        return Err(format!(
            "the piece table has an impossible size ({} bytes)",
            plc.len()
        ));
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let cp_start = u32_at(plc, i * 4).unwrap_or(0);
        let cp_end = u32_at(plc, i * 4 + 4).unwrap_or(0);
        if cp_end <= cp_start || out.last().is_some_and(|p: &Piece| p.cp_end != cp_start) {
            return Err(format!(
                "the piece table's positions are out of order at piece {i}"
            ));
        }
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2).unwrap_or(0);
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        out.push(Piece {
            cp_start,
            cp_end,
            offset: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// One character of the document and the byte offset it is stored at (which is how paragraph
/// properties are found).
#[derive(Debug, Clone, Copy)]
struct Unit {
    c: char,
    fc: u32,
}

/// The characters at positions `start..end`, spending `budget` (one per character).
fn units(
    word: &[u8],
    pieces: &[Piece],
    start: u32,
    end: u32,
    budget: &mut u64,
) -> Result<Vec<Unit>, DocError> {
    let mut out = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let lo = start.max(p.cp_start);
        let hi = end.min(p.cp_end);
        if lo >= hi {
            continue;
        }
        let count = u64::from(hi - lo);
        if count > *budget {
            return Err(DocError::OverLimit(
                "the text is longer than the limit of characters".into(),
            ));
        }
        *budget -= count;
        let width: u64 = if p.compressed { 1 } else { 2 };
        let first = u64::from(p.offset) + u64::from(lo - p.cp_start) * width;
        let last = first + count * width;
        if last > word.len() as u64 {
            return Err(DocError::Damaged(format!(
                "piece {i} points past the end of the text stream (byte {last} of {})",
                word.len()
            )));
        }
        let bytes = &word[first as usize..last as usize];
        if p.compressed {
            out.extend(bytes.iter().enumerate().map(|(k, &b)| Unit {
                c: cp1252(b),
                fc: first as u32 + k as u32,
            }));
        } else {
            let codes = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]));
            let mut fc = first as u32;
            for r in char::decode_utf16(codes) {
                let (c, n) = match r {
                    Ok(c) => (c, c.len_utf16() as u32),
                    Err(_) => ('\u{FFFD}', 1),
                };
                out.push(Unit { c, fc });
                fc += 2 * n;
            }
        }
    }
    Ok(out)
}

/// A byte of a compressed piece: Windows-1252, with the five bytes it leaves unassigned kept
/// as the C1 characters of the same value (as Word does).
fn cp1252(b: u8) -> char {
    if b < 0x80 {
        return b as char;
    }
    let one = [b];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&one);
    text.chars().next().unwrap_or(b as char)
}

/// The Windows-1252 bytes of `text`, if every character has one.
fn to_cp1252(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let code = c as u32;
        // ASCII, Latin-1, and the five C1 bytes Windows-1252 leaves unassigned.
        if code < 0x80
            || (0xA0..=0xFF).contains(&code)
            || matches!(code, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
        {
            out.push(code as u8);
        } else {
            let mut buf = [0u8; 4];
            let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if bad || bytes.len() != 1 {
                return None;
            }
            out.push(bytes[0]);
        }
    }
    Some(out)
}

/// Paragraph properties that shape the text: table membership and row ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ParaProps {
    in_table: bool,
    row_end: bool,
}

/// Paragraph properties by byte range of WordDocument, from the PAPX formatted disk pages.
#[derive(Debug, Default)]
struct ParaRuns {
    /// `(start, end, props)` sorted by start; `None` when they could not be read.
    runs: Option<Vec<(u32, u32, ParaProps)>>,
}

const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_CHG_TABS: u16 = 0xC615;
const SPRM_T_DEF_TABLE: u16 = 0xD608;

impl ParaRuns {
    /// Reads the bin table of paragraph properties and each page it points to; anything
    /// damaged leaves the runs unknown (the text is still read, tables less well).
    fn read(word: &[u8], table: &[u8], plc: Span) -> ParaRuns {
        ParaRuns {
            runs: Self::try_read(word, table, plc),
        }
    }

    fn try_read(word: &[u8], table: &[u8], plc: Span) -> Option<Vec<(u32, u32, ParaProps)>> {
        let plc = plc.of(table)?;
        if plc.len() < 12 || (plc.len() - 4) % 8 != 0 {
            return None;
        }
        let n = (plc.len() - 4) / 8;
        let mut runs = Vec::new();
        for i in 0..n {
            let pn = u32_at(plc, (n + 1) * 4 + i * 4)? & 0x003F_FFFF;
            let page = word.get(pn as usize * 512..pn as usize * 512 + 512)?;
            let count = page[511] as usize;
            // rgfc (count+1 offsets), then count BxPap entries of 13 bytes.
            if 4 * (count + 1) + 13 * count > 511 {
                return None;
            }
            for k in 0..count {
                let start = u32_at(page, k * 4)?;
                let end = u32_at(page, k * 4 + 4)?;
                let b_offset = page[4 * (count + 1) + 13 * k] as usize;
                let props = if b_offset == 0 {
                    ParaProps::default()
                } else {
                    papx_props(page, b_offset * 2).unwrap_or_default()
                };
                runs.push((start, end, props));
            }
        }
        runs.sort_by_key(|r| r.0);
        Some(runs)
    }

    /// The properties of the paragraph holding the character stored at `fc`, if known.
    fn at(&self, fc: u32) -> Option<ParaProps> {
        let runs = self.runs.as_ref()?;
        let i = runs.partition_point(|r| r.0 <= fc);
        let (start, end, props) = *runs.get(i.checked_sub(1)?)?;
        (start <= fc && fc < end).then_some(props)
    }
}

/// Reads a PapxInFkp at `at` in a page: its sprms say whether the paragraph is in a table and
/// whether it ends a row.
fn papx_props(page: &[u8], at: usize) -> Option<ParaProps> {
    let cb = *page.get(at)? as usize;
    let (start, len) = if cb == 0 {
        (at + 2, 2 * *page.get(at + 1)? as usize)
    } else {
        (at + 1, (2 * cb).checked_sub(1)?)
    };
    let grpprl = page.get(start..start + len)?;
    // The first two bytes are the style index.
    let mut props = ParaProps::default();
    for (sprm, operand) in Sprms::new(grpprl.get(2..)?) {
        match sprm {
            SPRM_P_F_IN_TABLE => props.in_table |= operand.first() == Some(&1),
            SPRM_P_F_TTP => props.row_end |= operand.first() == Some(&1),
            SPRM_P_ITAP => props.in_table |= u32_at(operand, 0).is_some_and(|n| n > 0),
            _ => {}
        }
    }
    Some(props)
}

/// Iterates over the (sprm, operand) pairs of a property list, stopping at anything
/// malformed.
struct Sprms<'a> {
    rest: &'a [u8],
}

impl<'a> Sprms<'a> {
    fn new(rest: &'a [u8]) -> Self {
        Sprms { rest }
    }
}

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let sprm = u16_at(self.rest, 0)?;
        let body = &self.rest[2..];
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ => match sprm {
                SPRM_T_DEF_TABLE => (2, (u16_at(body, 0)? as usize).checked_sub(1)?),
                SPRM_P_CHG_TABS if body.first() == Some(&255) => return None,
                _ => (1, *body.first()? as usize),
            },
        };
        let operand = body.get(skip..skip + len)?;
        self.rest = &body[skip + len..];
        Some((sprm, operand))
    }
}

/// The legacy encodings the document's font table makes possible: TCVN3 when it names a
/// `.Vn…` font, VNI when it names a `VNI-…` font. If the font table cannot be read, both.
fn font_encodings(table: &[u8], fonts: Span) -> Vec<Legacy> {
    match font_names(table, fonts) {
        Some(names) => {
            let mut out = Vec::new();
            let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
            if lower.iter().any(|n| is_tcvn3_font(n)) {
                out.push(Legacy::Tcvn3);
            }
            if lower.iter().any(|n| n.starts_with("vni")) {
                out.push(Legacy::Vni);
            }
            out
        }
        None => vec![Legacy::Tcvn3, Legacy::Vni],
    }
}

/// `.VnTime`, `.VnArialH`, `VnTimes`…: the TCVN3 (ABC) font families (lower-case name).
fn is_tcvn3_font(lower: &str) -> bool {
    lower.starts_with(".vn") || (lower.starts_with("vn") && !lower.starts_with("vni"))
}

/// The font names of the SttbfFfn: a count, then FFN records each led by its length less one;
/// the name is UTF-16LE, NUL-ended, 40 bytes into the record.
fn font_names(table: &[u8], fonts: Span) -> Option<Vec<String>> {
    let sttb = fonts.of(table)?;
    let count = u16_at(sttb, 0)? as usize;
    let mut at = 4;
    let mut names = Vec::with_capacity(count.min(256));
    for _ in 0..count {
        let len = *sttb.get(at)? as usize + 1;
        let ffn = sttb.get(at..at + len)?;
        let name: Vec<u16> = ffn
            .get(40..)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&name));
        at += len;
    }
    Some(names)
}

/// Decides, from all the paragraphs that could be legacy-font text (every character has a
/// Windows-1252 byte and some byte is past ASCII), which legacy encoding the document uses,
/// if any: the one that reads them as Vietnamese better than Windows-1252 does.
fn choose_legacy(texts: &[&[Unit]], candidates: &[Legacy]) -> Option<Legacy> {
    if candidates.is_empty() {
        return None;
    }
    let mut sample = Vec::new();
    'all: for units in texts {
        let mut para = String::new();
        for u in units.iter() {
            let c = stored(u.c);
            if (c as u32) < 0x20 {
                if let Some(bytes) = legacy_bytes(&para) {
                    sample.extend_from_slice(&bytes);
                    sample.push(b'\n');
                    if sample.len() > 64 * 1024 {
                        break 'all;
                    }
                }
                para.clear();
            } else {
                para.push(c);
            }
        }
        if let Some(bytes) = legacy_bytes(&para) {
            sample.extend_from_slice(&bytes);
        }
    }
    if sample.is_empty() {
        return None;
    }
    super::text::legacy_font_reading(&sample, candidates)
}

/// The Windows-1252 bytes of a paragraph that could be legacy-font text.
fn legacy_bytes(para: &str) -> Option<Vec<u8>> {
    let bytes = to_cp1252(para)?;
    bytes.iter().any(|&b| b >= 0x80).then_some(bytes)
}

/// Turns the document's characters into lines.
struct Writer<'a> {
    paras: &'a ParaRuns,
    legacy: Option<Legacy>,
    /// Decoded output.
    text: String,
    /// The current paragraph, as stored (before legacy decoding).
    para: String,
    /// The current cell's finished paragraphs.
    cell: Vec<String>,
    /// The finished cells of the current row.
    cells: Vec<Vec<String>>,
    /// Open fields: `true` while in the field code, `false` in the result.
    fields: Vec<bool>,
    /// Footnote references seen.
    notes: u32,
    /// The legacy encoding actually used on some paragraph.
    decoded: Option<Legacy>,
    /// The previous character was a cell mark (for reading tables without paragraph
    /// properties).
    after_cell: bool,
    /// Writing footnotes, each of which stays on one line.
    notes_mode: bool,
}

/// What a Writer made.
struct Written {
    text: String,
    decoded: Option<Legacy>,
}

/// An optional hyphen (stored as 0x1F), kept as U+00AD until the paragraph is done: TCVN3's
/// `ư` is the byte 0xAD, which word processors may store as an optional hyphen.
const SOFT_HYPHEN: char = '\u{AD}';

/// A stored character as the legacy detection sees it: an optional hyphen is the byte 0xAD.
fn stored(c: char) -> char {
    if c == '\u{1F}' {
        SOFT_HYPHEN
    } else {
        c
    }
}

/// Placeholder for a manual line or page break inside a paragraph: a new line in running
/// text, a space inside a table cell.
const BREAK: char = '\u{B}';

impl<'a> Writer<'a> {
    fn new(paras: &'a ParaRuns, legacy: Option<Legacy>, notes_mode: bool) -> Self {
        Writer {
            paras,
            legacy,
            text: String::new(),
            para: String::new(),
            cell: Vec::new(),
            cells: Vec::new(),
            fields: Vec::new(),
            notes: 0,
            decoded: None,
            after_cell: false,
            notes_mode,
        }
    }

    fn run(mut self, units: &[Unit]) -> Written {
        for u in units {
            self.unit(*u);
        }
        if !self.para.is_empty() {
            self.end_paragraph();
        }
        if !self.cell.is_empty() || !self.cells.is_empty() {
            self.end_cell();
            self.end_row();
        }
        Written {
            text: self.text,
            decoded: self.decoded,
        }
    }

    fn unit(&mut self, u: Unit) {
        match u.c {
            '\u{13}' => return self.fields.push(true),
            '\u{14}' => {
                if let Some(code) = self.fields.last_mut() {
                    *code = false;
                }
                return;
            }
            '\u{15}' => {
                self.fields.pop();
                return;
            }
            _ => {}
        }
        let cell_mark = u.c == '\u{7}';
        if self.fields.iter().any(|&code| code) && !cell_mark && u.c != '\r' {
            return;
        }
        match u.c {
            '\r' => match self.paras.at(u.fc) {
                Some(p) if p.in_table => self.end_cell_paragraph(),
                _ => {
                    if !self.cells.is_empty() {
                        self.end_row();
                    }
                    self.end_paragraph();
                }
            },
            '\u{7}' => {
                let row_end = match self.paras.at(u.fc) {
                    Some(p) => p.row_end,
                    // Without paragraph properties: a cell mark right after another ends
                    // the row.
                    None => self.after_cell && self.para.is_empty(),
                };
                if row_end {
                    self.end_row();
                } else {
                    self.end_cell();
                }
                self.after_cell = !row_end;
                return;
            }
            '\u{B}' | '\u{C}' | '\u{E}' => self.para.push(BREAK),
            '\u{2}' => {
                self.notes += 1;
                self.para
                    .push_str(&super::docx::superscript(&self.notes.to_string()));
            }
            '\u{1E}' => self.para.push('-'),
            '\u{1F}' => self.para.push(SOFT_HYPHEN),
            '\t' => self.para.push('\t'),
            c if (c as u32) < 0x20 => {}
            c => self.para.push(c),
        }
        self.after_cell = false;
    }

    /// The current paragraph, decoded from a legacy font if it is written in one, without
    /// optional hyphens.
    fn take_paragraph(&mut self) -> String {
        let mut para = std::mem::take(&mut self.para);
        if let Some(which) = self.legacy {
            if let Some(bytes) = legacy_bytes(&para) {
                // The document is known to use this font encoding: decode every paragraph
                // that could be in it, unless it reads better as it is.
                if !super::text::reads_better_as_is(&bytes, which) {
                    self.decoded = Some(which);
                    para = legacy::decode(&bytes, which);
                }
            }
        }
        if para.contains(SOFT_HYPHEN) {
            para.retain(|c| c != SOFT_HYPHEN);
        }
        para
    }

    fn end_paragraph(&mut self) {
        let line_break = if self.notes_mode { " " } else { "\n" };
        let para = self.take_paragraph().replace(BREAK, line_break);
        for line in para.split('\n') {
            self.text.push_str(line.trim_end());
            self.text.push('\n');
        }
    }

    fn end_cell_paragraph(&mut self) {
        let para = self.take_paragraph().replace(BREAK, " ");
        self.cell.push(para.trim().to_string());
    }

    fn end_cell(&mut self) {
        self.end_cell_paragraph();
        let cell = std::mem::take(&mut self.cell);
        self.cells.push(cell);
    }

    fn end_row(&mut self) {
        if !self.para.is_empty() {
            self.end_cell();
        }
        let cells = std::mem::take(&mut self.cells);
        super::layout::push_row(&mut self.text, &cells);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1252_round_trips_through_to_cp1252() {
        let all: String = (0u8..=255).map(cp1252).collect();
        assert_eq!(to_cp1252(&all).unwrap(), (0u8..=255).collect::<Vec<_>>());
        assert_eq!(cp1252(0x96), '–');
        assert_eq!(to_cp1252("Số"), None, "ố has no Windows-1252 byte");
    }

    #[test]
    fn sprms_give_operands_by_their_size_code() {
        // sprmPFInTable 1, sprmPItap 2 (4-byte operand), sprmPFTtp 1.
        let grpprl = [0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x17, 0x24, 1];
        let got: Vec<(u16, Vec<u8>)> = Sprms::new(&grpprl).map(|(s, o)| (s, o.to_vec())).collect();
        assert_eq!(
            got,
            vec![
                (SPRM_P_F_IN_TABLE, vec![1]),
                (SPRM_P_ITAP, vec![2, 0, 0, 0]),
                (SPRM_P_F_TTP, vec![1]),
            ]
        );
        // A truncated operand ends the list instead of reading past it.
        assert_eq!(Sprms::new(&[0x49, 0x66, 2, 0]).count(), 0);
    }

    #[test]
    fn tcvn3_and_vni_font_names_are_told_apart() {
        assert!(is_tcvn3_font(".vntime"));
        assert!(is_tcvn3_font(".vntimeh"));
        assert!(!is_tcvn3_font("vni-times"));
        assert!(!is_tcvn3_font("times new roman"));
    }

    fn units_of(s: &str) -> Vec<Unit> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Unit { c, fc: i as u32 })
            .collect()
    }

    #[test]
    fn fields_keep_their_result_and_drop_their_code() {
        let paras = ParaRuns::default();
        let text = "Xem \u{13} HYPERLINK \"http://x\" \u{14}trang\u{15} này\r\u{13}PAGE\u{15}\r";
        let out = Writer::new(&paras, None, false).run(&units_of(text));
        assert_eq!(out.text, "Xem trang này\n\n");
    }

    #[test]
    fn special_characters_and_table_marks_without_paragraph_properties() {
        let paras = ParaRuns::default();
        let text = "a\u{1E}b\u{1F}c\u{1}\u{8}\u{B}d\rSTT\u{7}Tên\u{7}\u{7}1\u{7}Xã\u{7}\u{7}";
        let out = Writer::new(&paras, None, false).run(&units_of(text));
        assert_eq!(out.text, "a-bc\nd\nSTT\tTên\n1\tXã\n");
    }

    /// A CLX as a fast save leaves it: a property list (Prc) before the piece table.
    fn clx(cps: &[u32], fcs: &[u32]) -> Vec<u8> {
        let mut plc = Vec::new();
        for cp in cps {
            plc.extend_from_slice(&cp.to_le_bytes());
        }
        for fc in fcs {
            plc.extend_from_slice(&[0, 0]);
            plc.extend_from_slice(&fc.to_le_bytes());
            plc.extend_from_slice(&[0, 0]);
        }
        let mut out = vec![1, 3, 0, 0x16, 0x24, 1]; // Prc: 3 bytes of sprms
        out.push(2);
        out.extend_from_slice(&(plc.len() as u32).to_le_bytes());
        out.extend(plc);
        out
    }

    #[test]
    fn the_piece_table_is_found_after_fast_save_property_lists() {
        // Piece 0: 5 compressed characters at byte 0x800; piece 1: 3 UTF-16 ones at 0x1000.
        let table = clx(&[0, 5, 8], &[0x4000_0000 | 0x1000, 0x1000]);
        let span = Span {
            fc: 0,
            lcb: table.len() as u32,
        };
        let got = pieces(&table, span).unwrap();
        assert_eq!(
            got,
            vec![
                Piece {
                    cp_start: 0,
                    cp_end: 5,
                    offset: 0x800,
                    compressed: true
                },
                Piece {
                    cp_start: 5,
                    cp_end: 8,
                    offset: 0x1000,
                    compressed: false
                },
            ]
        );
    }

    #[test]
    fn broken_piece_tables_are_refused_with_a_reason() {
        let out_of_order = clx(&[0, 5, 3], &[0, 0]);
        let span = |t: &Vec<u8>| Span {
            fc: 0,
            lcb: t.len() as u32,
        };
        let e = pieces(&out_of_order, span(&out_of_order)).unwrap_err();
        assert!(e.contains("out of order"), "{e}");
        let e = pieces(&[7, 0, 0], Span { fc: 0, lcb: 3 }).unwrap_err();
        assert!(e.contains("unreadable"), "{e}");
        let e = pieces(&[], Span { fc: 10, lcb: 3 }).unwrap_err();
        assert!(e.contains("outside"), "{e}");
    }

    #[test]
    fn characters_of_pieces_past_the_stream_are_an_error_not_a_panic() {
        let p = [Piece {
            cp_start: 0,
            cp_end: 10,
            offset: 4,
            compressed: false,
        }];
        let mut budget = 100;
        assert!(units(&[0u8; 16], &p, 0, 10, &mut budget).is_err());
        let mut budget = 5;
        let e = units(&[0u8; 64], &p, 0, 10, &mut budget).unwrap_err();
        assert!(matches!(e, DocError::OverLimit(ref m) if m.contains("longer than the limit")));
    }

    #[test]
    fn font_names_are_read_from_the_font_table() {
        let ffn = |name: &str| -> Vec<u8> {
            let mut rec = vec![0u8; 40];
            rec.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            rec.extend([0, 0]);
            rec[0] = (rec.len() - 1) as u8;
            rec
        };
        let mut sttb = vec![2, 0, 0, 0];
        sttb.extend(ffn("Times New Roman"));
        sttb.extend(ffn(".VnTime"));
        let span = Span {
            fc: 0,
            lcb: sttb.len() as u32,
        };
        assert_eq!(
            font_names(&sttb, span).unwrap(),
            vec!["Times New Roman".to_string(), ".VnTime".to_string()]
        );
        assert_eq!(font_encodings(&sttb, span), vec![Legacy::Tcvn3]);
    }
}
