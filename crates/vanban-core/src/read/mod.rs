//! Stage 1, reading: bytes on disk to decoded text with `\n` line endings.
//!
//! The format is decided by content first (a PDF header, a zip archive, a compound file, an
//! image signature) and by extension second, so a PDF named `.txt` is still read as a PDF, a
//! PNG named `.pdf` is refused with a message that says what it really is, and a `.doc` that is
//! really RTF, HTML or plain text (as web portals often serve) is named or read as what it is. Every failure is a
//! [`ReadError`] naming the file; panics inside the third-party PDF and
//! zip parsers are caught and reported the same way.

mod doc;
mod docx;
pub mod error;
mod layout;
mod legacy;
mod ocr;
mod pdf;
mod text;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use self::error::ReadError;
pub use ocr::{available as ocr_available, OcrMode};
pub use pdf::Signature;
pub use text::{decode, encode, Decoded, Encoding, NotText};

/// The container format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown (read as plain text).
    Md,
    /// PDF.
    Pdf,
    /// Word (Office Open XML).
    Docx,
    /// Word 97–2003 binary document.
    Doc,
}

impl Format {
    /// The name used in reports and JSON (`txt`, `md`, `pdf`, `docx`, `doc`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Doc => "doc",
        }
    }
}

/// Limits that protect a run from hostile files.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest file read, in bytes.
    pub max_file_size: u64,
    /// Most pages read from one PDF.
    pub max_pages: usize,
    /// Most bytes one compressed part may expand to: a DOCX zip entry, a PDF page's content
    /// (protects against zip and flate bombs).
    pub max_decompressed: u64,
    /// Longest time reading one document may take; past it the document is reported and
    /// skipped. `None`: no limit.
    pub time_budget: Option<std::time::Duration>,
    /// When scanned PDF pages are read by OCR.
    pub ocr: OcrMode,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_size: 100 * 1024 * 1024,
            max_pages: 5000,
            max_decompressed: 256 * 1024 * 1024,
            time_budget: Some(std::time::Duration::from_secs(60)),
            ocr: OcrMode::Auto,
        }
    }
}

/// A document's text as read, before normalisation.
#[derive(Debug, Clone)]
pub struct RawText {
    /// The file it came from.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// The text encoding (UTF-8 for PDF and DOCX, whose text is Unicode inside).
    pub encoding: Encoding,
    /// Whether a byte-order mark was present.
    pub bom: bool,
    /// Whether CRLF or CR line endings were turned into `\n`.
    pub crlf: bool,
    /// Number of pages (PDF only).
    pub pages: Option<usize>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// The decoded text, NFC, lines ended by `\n`.
    pub text: String,
    /// Digital signatures, earliest first (PDF only).
    pub signatures: Vec<Signature>,
    /// Pages (1-based) whose text was read by OCR.
    pub ocr_pages: Vec<usize>,
    /// Pages (1-based) that are scans without a text layer, left unread (OCR off).
    pub pages_without_text: Vec<usize>,
}

/// Reads and decodes one file.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<(RawText, Vec<u8>), ReadError> {
    let bytes = file_bytes(path, opts)?;
    let raw = read_bytes_with(path, &bytes, opts)?;
    Ok((raw, bytes))
}

/// Whether these bytes go to a container parser (PDF, a zip such as DOCX, a compound file
/// such as DOC), the readers
/// that can meet hostile structure (deep nesting, bombs, loops) and so run under the time
/// budget. Text of any encoding is decoded and normalised in passes linear in its size.
pub fn needs_parser(bytes: &[u8]) -> bool {
    matches!(sniff(bytes), Some("pdf") | Some("zip") | Some("cfb"))
}

/// Reads a file's bytes, refusing a directory, anything that is not a regular file (a device,
/// a FIFO, a socket, or a link to one: reading `/dev/zero` never ends and opening a FIFO waits
/// for a writer) and a file over `opts.max_file_size`.
pub fn file_bytes(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Unsupported {
            path: path.to_path_buf(),
            what: "(a directory)".into(),
        });
    }
    let not_a_file = |meta: &std::fs::Metadata| {
        let kind = special_kind(&meta.file_type()).unwrap_or("not a regular file");
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
        ReadError::NotAFile {
            path: path.to_path_buf(),
            what: if link {
                format!("{kind} (through a symbolic link)")
            } else {
                kind.to_string()
            },
        }
    };
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should the file have been swapped for a FIFO since the check, opening does not wait.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    if meta.len() > opts.max_file_size {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: opts.max_file_size,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read stops at the limit.
    file.take(opts.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > opts.max_file_size {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: opts.max_file_size,
        });
    }
    Ok(bytes)
}

/// What the first bytes say the content is.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some("pdf");
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some("zip");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("a PNG image");
    }
    if bytes.starts_with(b"\xFF\xD8\xFF") {
        return Some("a JPEG image");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("a GIF image");
    }
    if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        return Some("a TIFF image");
    }
    if doc::is_compound_file(bytes) {
        return Some("cfb");
    }
    None
}

/// Decodes bytes already in memory with the default limits; `path` is used for the extension
/// and in errors.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<RawText, ReadError> {
    read_bytes_with(path, bytes, &ReadOptions::default())
}

/// Decodes bytes already in memory under the limits of `opts`.
pub fn read_bytes_with(
    path: &Path,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<RawText, ReadError> {
    let p = || path.to_path_buf();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if bytes.is_empty() {
        return Err(ReadError::Empty { path: p() });
    }
    let mut raw = RawText {
        path: p(),
        format: Format::Txt,
        encoding: Encoding::Utf8,
        bom: false,
        crlf: false,
        pages: None,
        bytes: bytes.len() as u64,
        text: String::new(),
        signatures: Vec::new(),
        ocr_pages: Vec::new(),
        pages_without_text: Vec::new(),
    };
    match (sniff(bytes), ext.as_str()) {
        (Some("pdf"), _) => read_pdf(path, bytes, opts, &mut raw)?,
        (Some("zip"), _) => read_docx(path, bytes, opts, &mut raw)?,
        (Some("cfb"), _) => read_doc(path, bytes, opts, &ext, &mut raw)?,
        (Some(actual), _) => {
            return Err(ReadError::WrongContent {
                path: p(),
                ext: if ext.is_empty() { "(none)".into() } else { ext },
                actual: actual.to_string(),
            })
        }
        (None, "pdf") => {
            return Err(ReadError::Pdf {
                path: p(),
                reason: "no %PDF- header in the first 1024 bytes; the file is not a PDF".into(),
            })
        }
        (None, "docx") => {
            return Err(ReadError::Docx {
                path: p(),
                reason: "not a zip archive; the file is not a DOCX".into(),
            })
        }
        (None, "doc") => {
            return Err(not_a_compound_doc(p(), bytes));
        }
        (None, "txt" | "md" | "text" | "markdown" | "") => {
            let d = text::decode(bytes).map_err(|e| ReadError::Binary {
                path: p(),
                reason: e.0,
            })?;
            raw.format = if ext == "md" || ext == "markdown" {
                Format::Md
            } else {
                Format::Txt
            };
            raw.encoding = d.encoding;
            raw.bom = d.bom;
            raw.crlf = d.crlf;
            raw.text = d.text;
        }
        (None, other) => {
            return Err(ReadError::Unsupported {
                path: p(),
                what: format!(".{other}"),
            })
        }
    }
    if !raw.text.ends_with('\n') && !raw.text.is_empty() {
        raw.text.push('\n');
    }
    Ok(raw)
}

/// Runs a third-party parser on `path`'s bytes; a panic inside it becomes
/// [`ReadError::Panic`] naming the reader (`stage`).
fn contained<T>(
    path: &Path,
    stage: &'static str,
    parse: impl FnOnce() -> T,
) -> Result<T, ReadError> {
    catch_unwind(AssertUnwindSafe(parse)).map_err(|e| ReadError::Panic {
        path: path.to_path_buf(),
        stage,
        message: panic_message(e),
    })
}

/// A PDF: text of every page (OCR for scans, as `opts.ocr` says), pages, signatures.
fn read_pdf(
    path: &Path,
    bytes: &[u8],
    opts: &ReadOptions,
    raw: &mut RawText,
) -> Result<(), ReadError> {
    let p = || path.to_path_buf();
    let pdf_opts = pdf::PdfOptions {
        max_pages: opts.max_pages,
        max_decompressed: opts.max_decompressed,
        // The reader stops itself when the budget runs out (see `crate::load_bytes`).
        deadline: opts.time_budget.map(|b| std::time::Instant::now() + b),
        ocr: opts.ocr,
    };
    let out = contained(path, "PDF", || pdf::extract(bytes, &pdf_opts))?.map_err(|e| match e {
        pdf::PdfError::Encrypted => ReadError::Encrypted {
            path: p(),
            format: Format::Pdf,
        },
        pdf::PdfError::NoText { pages } => ReadError::NoText { path: p(), pages },
        pdf::PdfError::Damaged(reason) => ReadError::Pdf { path: p(), reason },
        pdf::PdfError::OverLimit(what) => ReadError::OverLimit {
            path: p(),
            format: Format::Pdf,
            what,
            limit: error::Limit::Pages,
        },
        pdf::PdfError::TimedOut => ReadError::TimedOut {
            path: p(),
            seconds: opts.time_budget.map_or(0, |b| b.as_secs()),
        },
        pdf::PdfError::Scanned { pages, missing } => ReadError::Scanned {
            path: p(),
            pages,
            missing,
        },
        pdf::PdfError::Ocr(reason) => ReadError::Ocr { path: p(), reason },
    })?;
    raw.format = Format::Pdf;
    raw.pages = Some(out.pages);
    raw.text = unicode_normalization::UnicodeNormalization::nfc(out.text.as_str()).collect();
    raw.signatures = out.signatures;
    raw.ocr_pages = out.ocr_pages;
    raw.pages_without_text = out.pages_without_text;
    Ok(())
}

/// A DOCX (a zip archive): paragraphs, table rows, footnotes.
fn read_docx(
    path: &Path,
    bytes: &[u8],
    opts: &ReadOptions,
    raw: &mut RawText,
) -> Result<(), ReadError> {
    let p = || path.to_path_buf();
    let text =
        contained(path, "DOCX", || docx::extract(bytes, opts.max_decompressed))?.map_err(|e| {
            match e {
                docx::DocxError::Damaged(reason) => ReadError::Docx { path: p(), reason },
                docx::DocxError::OverLimit(what) => ReadError::OverLimit {
                    path: p(),
                    format: Format::Docx,
                    what,
                    limit: error::Limit::Decompressed,
                },
            }
        })?;
    raw.format = Format::Docx;
    raw.text = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    Ok(())
}

/// A compound file: a Word 97–2003 document (or one named as what it really is).
fn read_doc(
    path: &Path,
    bytes: &[u8],
    opts: &ReadOptions,
    ext: &str,
    raw: &mut RawText,
) -> Result<(), ReadError> {
    let p = || path.to_path_buf();
    let out = contained(path, "DOC", || doc::extract(bytes, opts.max_decompressed))?.map_err(
        |e| match e {
            doc::DocError::Encrypted => ReadError::Encrypted {
                path: p(),
                format: Format::Doc,
            },
            doc::DocError::EncryptedPackage => ReadError::Encrypted {
                path: p(),
                format: Format::Docx,
            },
            doc::DocError::TooOld { nfib } => ReadError::TooOld {
                path: p(),
                what: format!("a Word 6.0/95 document (version {nfib})"),
            },
            doc::DocError::NotWord(what) => ReadError::WrongContent {
                path: p(),
                ext: if ext.is_empty() {
                    "(none)".into()
                } else {
                    ext.to_string()
                },
                actual: format!("{what}, which vanban does not read"),
            },
            doc::DocError::Damaged(reason) => ReadError::Doc { path: p(), reason },
            doc::DocError::OverLimit(what) => ReadError::OverLimit {
                path: p(),
                format: Format::Doc,
                what,
                limit: error::Limit::Decompressed,
            },
        },
    )?;
    raw.format = Format::Doc;
    if let Some(which) = out.legacy {
        raw.encoding = match which {
            legacy::Legacy::Tcvn3 => Encoding::Tcvn3,
            legacy::Legacy::Vni => Encoding::VniWindows,
        };
    }
    raw.text = crate::normalize::into_nfc(out.text);
    Ok(())
}

/// Whether a path has an extension vanban reads (used when walking folders).
pub fn is_document_path(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "txt" | "md" | "pdf" | "docx" | "doc" | "text" | "markdown"
    )
}

/// Why a `.doc` without the compound-file signature is not read: what it holds instead.
fn not_a_compound_doc(path: PathBuf, bytes: &[u8]) -> ReadError {
    let wrong = |actual: &str| ReadError::WrongContent {
        path: path.clone(),
        ext: "doc".into(),
        actual: actual.into(),
    };
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_lowercase();
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if start.starts_with("{\\rtf") {
        wrong("an RTF document (Rich Text Format), which vanban does not read; open it in Word or LibreOffice and save it as .docx")
    } else if start.starts_with("mime-version:") || text.contains("<html") {
        wrong("a web page (HTML) saved under a Word name, which vanban does not read; open it in a browser or Word and save it as .docx or .txt")
    } else {
        ReadError::Doc {
            path,
            reason:
                "no compound-file signature at the start; the file is not a Word 97–2003 document"
                    .into(),
        }
    }
}

fn panic_message(e: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = e.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// What a file type is, when it is not a regular file or a folder.
pub fn special_kind(t: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    if t.is_file() || t.is_dir() || t.is_symlink() {
        None
    } else {
        Some("not a regular file")
    }
}
