//! # vanban
//!
//! vanban turns Vietnamese government reports, plans and decisions (Báo cáo, Kế hoạch,
//! Quyết định…) into text and facts people can search and check.
//!
//! The pipeline reads top to bottom as the data flows:
//!
//! 1. [`read`]: bytes on disk to decoded text (UTF-8/16, Windows-1258, TCVN3, VNI; PDF; DOCX);
//! 2. [`normalize`]: NFC, hard-wrap repair, footnote marks, search keys;
//! 3. [`extract`]: references, dates, periods, fractions, percentages, money and meta, by
//!    [`rules`] kept as data, into the [`model`] types of the extract contract.
//!
//! [`load`] runs the first two stages for one file and gives a [`Document`];
//! [`extract::Extractor::extract`] turns it into an [`model::Extract`].
//!
//! ```
//! let doc = vanban::load(std::path::Path::new("corpus/quyet-dinh-quy-che-ban-chi-dao.txt"), &Default::default())?;
//! for (n, line) in doc.text.lines().enumerate() {
//!     println!("{:>4}  {line}", n + 1);
//! }
//! let facts = vanban::extract::Extractor::built_in().extract(&doc);
//! assert_eq!(facts.meta.number.as_deref(), Some("1520/QĐ-UBND"));
//! # Ok::<(), vanban::ReadError>(())
//! ```

pub mod check;
pub mod error;
pub mod extract;
pub mod index;
pub mod model;
pub mod normalize;
pub mod read;
pub mod rules;
pub mod walk;

use std::path::{Path, PathBuf};

pub use error::ReadError;
pub use normalize::NormalizeOptions;
pub use read::{Encoding, Format, ReadOptions};

/// Options for [`load`].
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Limits for reading.
    pub read: ReadOptions,
    /// How to normalise.
    pub normalize: NormalizeOptions,
}

/// A document read and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file it came from.
    pub path: PathBuf,
    /// Its container format.
    pub format: Format,
    /// The text encoding detected (UTF-8 for PDF and DOCX).
    pub encoding: Encoding,
    /// Whether the file began with a byte-order mark.
    pub bom: bool,
    /// Whether the file had CRLF/CR line endings.
    pub crlf: bool,
    /// Number of pages (PDF only).
    pub pages: Option<usize>,
    /// File size in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The decoded text before normalisation (`vanban text --raw`).
    pub raw_text: String,
    /// The normalised text; every `line` number refers to this text.
    pub text: String,
}

/// Reads, decodes and normalises one file.
pub fn load(path: &Path, opts: &LoadOptions) -> Result<Document, ReadError> {
    let (raw, bytes) = read::read_file(path, &opts.read)?;
    let text = normalize::normalize(&raw.text, opts.normalize);
    Ok(Document {
        path: raw.path,
        format: raw.format,
        encoding: raw.encoding,
        bom: raw.bom,
        crlf: raw.crlf,
        pages: raw.pages,
        bytes: raw.bytes,
        sha256: sha256_hex(&bytes),
        raw_text: raw.text,
        text,
    })
}

/// Decodes and normalises a file's bytes already in memory (`path` names it in errors and
/// gives its extension).
pub fn load_bytes(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Result<Document, ReadError> {
    if bytes.len() as u64 > opts.read.max_file_size {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: opts.read.max_file_size,
        });
    }
    let raw = read::read_bytes(path, bytes)?;
    let text = normalize::normalize(&raw.text, opts.normalize);
    Ok(Document {
        path: raw.path,
        format: raw.format,
        encoding: raw.encoding,
        bom: raw.bom,
        crlf: raw.crlf,
        pages: raw.pages,
        bytes: raw.bytes,
        sha256: sha256_hex(bytes),
        raw_text: raw.text,
        text,
    })
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
