//! Typed errors of reading a document.
//!
//! Every error that comes from a document names the file and says, in plain words, what is
//! wrong with it. Where a setting of the read options would change the outcome,
//! [`ReadError::remedy`] says which: a front end words it in its own terms (the command line
//! names its flags), so the message itself names none.

use std::path::PathBuf;

use super::Format;

/// Why a document could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read from disk.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The path is not a regular file (a device, a named pipe, a socket, or a link to one);
    /// it is never opened for reading.
    #[error("{path}: {what}, not a regular file; only regular files are read")]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is.
        what: String,
    },
    /// The file has no bytes at all.
    #[error("{path}: the file is empty (0 bytes); nothing to read")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The file's extension and content match no format vanban reads.
    #[error("{path}: unsupported file type {what}; vanban reads .txt, .md, .pdf, .docx and .doc")]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// What was seen (extension or detected content).
        what: String,
    },
    /// The content is binary data, not text in any encoding vanban knows.
    #[error("{path}: this is binary data, not text ({reason})")]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The file claims one format but holds another (for example a PNG image named `.pdf`).
    #[error("{path}: the file is named .{ext} but holds {actual}")]
    WrongContent {
        /// The file.
        path: PathBuf,
        /// The extension it has.
        ext: String,
        /// What it actually holds.
        actual: String,
    },
    /// The PDF is damaged, truncated or otherwise unreadable.
    #[error("{path}: damaged or unreadable PDF: {reason}")]
    Pdf {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The document (PDF, `.doc`, `.docx`) is encrypted with a password vanban does not have.
    #[error(
        "{path}: the {} is password-protected (encrypted); save an unprotected copy to read it",
        shown(*format)
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: Format,
    },
    /// The PDF has pages but no extractable text (for example a scan read with `--ocr never`).
    #[error(
        "{path}: the PDF has {pages} page(s) but no text layer (a scanned image?) and was read without OCR"
    )]
    NoText {
        /// The file.
        path: PathBuf,
        /// How many pages it has.
        pages: usize,
    },
    /// Pages of the PDF are scans without a text layer and OCR cannot run here.
    #[error(
        "{path}: scanned, no text layer (page(s) {}), and OCR cannot run here ({missing})",
        pages_list(pages)
    )]
    Scanned {
        /// The file.
        path: PathBuf,
        /// The scanned pages, 1-based.
        pages: Vec<usize>,
        /// What is missing (a program or the Vietnamese model).
        missing: String,
    },
    /// OCR of the scanned pages failed.
    #[error("{path}: OCR of the scanned pages failed: {reason}")]
    Ocr {
        /// The file.
        path: PathBuf,
        /// What the OCR tools said.
        reason: String,
    },
    /// A part of the document is past a limit of the read options: a stream or zip entry
    /// that expands past `max_decompressed` (a zip bomb?), more pages than `max_pages`.
    #[error("{path}: the {} is past a limit: {what}", shown(*format))]
    OverLimit {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: Format,
        /// What is past which limit, in plain words.
        what: String,
        /// The limit.
        limit: Limit,
    },
    /// The DOCX is damaged, truncated or not a Word document.
    #[error("{path}: damaged or unreadable DOCX: {reason}")]
    Docx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The Word 97–2003 document (`.doc`) is damaged, truncated or past a limit.
    #[error("{path}: damaged or unreadable DOC: {reason}")]
    Doc {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The document was saved in a format older than vanban reads (Word 6.0/95).
    #[error("{path}: {what}, a format too old for vanban; open it in Word or LibreOffice and save it as .docx")]
    TooOld {
        /// The file.
        path: PathBuf,
        /// What it is.
        what: String,
    },
    /// Reading (or reading and extracting) the file took longer than the time budget; it was skipped.
    #[error(
        "{path}: working on it took longer than the time budget of {seconds} s, so it was skipped"
    )]
    TimedOut {
        /// The file.
        path: PathBuf,
        /// The budget in seconds.
        seconds: u64,
    },
    /// A third-party parser panicked on this file; the panic was contained.
    #[error("{path}: the {stage} reader failed on malformed content ({message})")]
    Panic {
        /// The file.
        path: PathBuf,
        /// Which reader.
        stage: &'static str,
        /// The panic message.
        message: String,
    },
}

impl ReadError {
    /// The file this error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::NotAFile { path, .. }
            | ReadError::Empty { path }
            | ReadError::TooLarge { path, .. }
            | ReadError::Unsupported { path, .. }
            | ReadError::Binary { path, .. }
            | ReadError::WrongContent { path, .. }
            | ReadError::Pdf { path, .. }
            | ReadError::Encrypted { path, .. }
            | ReadError::NoText { path, .. }
            | ReadError::Scanned { path, .. }
            | ReadError::Ocr { path, .. }
            | ReadError::OverLimit { path, .. }
            | ReadError::Docx { path, .. }
            | ReadError::Doc { path, .. }
            | ReadError::TooOld { path, .. }
            | ReadError::TimedOut { path, .. }
            | ReadError::Panic { path, .. } => path,
        }
    }

    /// A short stable name for the kind of error, for logs and JSON summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::NotAFile { .. } => "not_a_file",
            ReadError::Empty { .. } => "empty",
            ReadError::TooLarge { .. } => "too_large",
            ReadError::Unsupported { .. } => "unsupported",
            ReadError::Binary { .. } => "binary",
            ReadError::WrongContent { .. } => "wrong_content",
            ReadError::Pdf { .. } => "pdf",
            ReadError::Encrypted { .. } => "encrypted",
            ReadError::NoText { .. } => "no_text",
            ReadError::Scanned { .. } => "scanned",
            ReadError::Ocr { .. } => "ocr",
            ReadError::OverLimit { .. } => "over_limit",
            ReadError::Docx { .. } => "docx",
            ReadError::Doc { .. } => "doc",
            ReadError::TooOld { .. } => "too_old",
            ReadError::TimedOut { .. } => "timed_out",
            ReadError::Panic { .. } => "panic",
        }
    }
}

/// A limit of the read options ([`ReadOptions`](super::ReadOptions)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `max_file_size`: the bytes of a file.
    FileSize,
    /// `max_decompressed`: the bytes a compressed part of a document expands to.
    Decompressed,
    /// `max_pages`: the pages of a PDF.
    Pages,
    /// `time_budget`: the time reading and extracting one document may take.
    TimeBudget,
}

/// What would let a file that failed be read: a setting of the read options, or a tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// A higher limit.
    Raise(Limit),
    /// Reading with OCR (`OcrMode::Auto`), which needs tesseract with the Vietnamese model.
    UseOcr,
    /// Installing tesseract with the Vietnamese model, or reading without OCR
    /// (`OcrMode::Never`), which reads the pages that have text.
    InstallOcrOrSkipIt,
    /// Reading without OCR (`OcrMode::Never`), which reads the pages that have text.
    SkipOcr,
}

impl ReadError {
    /// What would let the file be read, when a setting or a tool would.
    ///
    /// ```
    /// use vanban_core::error::{Limit, Remedy};
    /// let e = vanban_core::ReadError::TooLarge { path: "a.pdf".into(), size: 9, limit: 8 };
    /// assert_eq!(e.remedy(), Some(Remedy::Raise(Limit::FileSize)));
    /// assert!(!e.to_string().contains("--"));
    /// ```
    pub fn remedy(&self) -> Option<Remedy> {
        match self {
            ReadError::TooLarge { .. } => Some(Remedy::Raise(Limit::FileSize)),
            ReadError::OverLimit { limit, .. } => Some(Remedy::Raise(*limit)),
            ReadError::TimedOut { .. } => Some(Remedy::Raise(Limit::TimeBudget)),
            ReadError::NoText { .. } => Some(Remedy::UseOcr),
            ReadError::Scanned { .. } => Some(Remedy::InstallOcrOrSkipIt),
            ReadError::Ocr { .. } => Some(Remedy::SkipOcr),
            ReadError::Io { .. }
            | ReadError::NotAFile { .. }
            | ReadError::Empty { .. }
            | ReadError::Unsupported { .. }
            | ReadError::Binary { .. }
            | ReadError::WrongContent { .. }
            | ReadError::Pdf { .. }
            | ReadError::Encrypted { .. }
            | ReadError::Docx { .. }
            | ReadError::Doc { .. }
            | ReadError::TooOld { .. }
            | ReadError::Panic { .. } => None,
        }
    }
}

/// How a format is named in messages.
fn shown(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF",
        Format::Docx => ".docx",
        Format::Doc => ".doc",
        Format::Txt | Format::Md => "file",
    }
}

/// Page numbers as `1, 2, 5`.
fn pages_list(pages: &[usize]) -> String {
    pages
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
