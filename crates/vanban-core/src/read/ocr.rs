//! OCR of scanned pages through external tools: `pdftoppm` (poppler-utils) renders a page at
//! 300 dpi, `tesseract` with its Vietnamese model (`tesseract-ocr-vie`) reads it.
//!
//! The programs run without a shell, in a temporary folder removed afterwards, each within the
//! time left to the document (they are killed when it runs out). [`OcrMode`] says when to OCR:
//! by default only pages that have no text layer. What comes back is every word Tesseract read
//! with its box on the page ([`OcrPage`]), so the PDF layout puts scanned words in reading
//! order the same way as a text layer's (a two-column letterhead read block by block). This
//! module does not decide which pages to read (the PDF reader does).

use std::fmt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// Resolution pages are rendered at for OCR.
const DPI: u32 = 300;

/// Longest time the check that the tools are installed may take.
const PROBE_TIME: Duration = Duration::from_secs(20);

/// When scanned pages are read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// OCR the pages that have no text layer (the default); without the tools such a file is
    /// an error.
    #[default]
    Auto,
    /// Never OCR: pages without a text layer are left out and listed.
    Never,
    /// OCR every page, ignoring the text layer (for a text layer that is garbage).
    Always,
}

impl OcrMode {
    /// The name on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            OcrMode::Auto => "auto",
            OcrMode::Never => "never",
            OcrMode::Always => "always",
        }
    }
}

impl fmt::Display for OcrMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OcrMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(OcrMode::Auto),
            "never" | "off" => Ok(OcrMode::Never),
            "always" => Ok(OcrMode::Always),
            other => Err(format!(
                "unknown OCR mode '{other}': use auto, never or always"
            )),
        }
    }
}

/// Why OCR gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// A tool or the Vietnamese model is not installed (what is missing).
    Unavailable(String),
    /// The time left to the document ran out.
    TimedOut,
    /// A tool failed (what it said).
    Failed(String),
}

/// Whether `pdftoppm` and `tesseract` with the Vietnamese model can be run; `Err` says what is
/// missing. Checked once per process.
pub fn available() -> Result<(), String> {
    static PROBE: OnceLock<Result<(), String>> = OnceLock::new();
    PROBE.get_or_init(probe).clone()
}

fn probe() -> Result<(), String> {
    let deadline = Some(Instant::now() + PROBE_TIME);
    let dir = tempfile::Builder::new()
        .prefix("vanban-ocr-probe")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    run(Command::new("pdftoppm").arg("-v"), dir.path(), deadline)
        .map_err(|_| "pdftoppm (poppler-utils) is not installed".to_string())?;
    let langs = run(
        Command::new("tesseract").arg("--list-langs"),
        dir.path(),
        deadline,
    )
    .map_err(|_| "tesseract (tesseract-ocr) is not installed".to_string())?;
    if !langs.lines().any(|l| l.trim() == "vie") {
        return Err("tesseract has no Vietnamese model (tesseract-ocr-vie)".into());
    }
    Ok(())
}

/// A word read by OCR, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom of the line the word is on (its baseline, near enough).
    pub line_bottom: f64,
    /// Height of that line.
    pub line_height: f64,
    /// The word.
    pub text: String,
}

/// The words of one page read by OCR.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OcrPage {
    /// Page width in points.
    pub width: f64,
    /// Page height in points.
    pub height: f64,
    /// Every word, in Tesseract's order.
    pub words: Vec<OcrWord>,
}

/// OCRs pages `pages` (1-based) of the PDF `pdf`, giving each page's words.
pub fn pdf_pages(
    pdf: &[u8],
    pages: &[usize],
    deadline: Option<Instant>,
) -> Result<Vec<OcrPage>, OcrError> {
    available().map_err(OcrError::Unavailable)?;
    let dir = tempfile::Builder::new()
        .prefix("vanban-ocr")
        .tempdir()
        .map_err(|e| OcrError::Failed(format!("cannot make a temporary folder: {e}")))?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf)
        .map_err(|e| OcrError::Failed(format!("cannot write a temporary file: {e}")))?;
    let dpi = DPI.to_string();
    let mut out = Vec::with_capacity(pages.len());
    for &page in pages {
        let n = page.to_string();
        let image = dir.path().join("page");
        run(
            Command::new("pdftoppm")
                .args(["-r", &dpi, "-gray", "-f", &n, "-l", &n, "-singlefile"])
                .arg(&input)
                .arg(&image),
            dir.path(),
            deadline,
        )?;
        let image = image.with_extension("pgm");
        let words = dir.path().join("words");
        run(
            Command::new("tesseract")
                .arg(&image)
                .arg(&words)
                .args(["-l", "vie", "--dpi", &dpi, "tsv"]),
            dir.path(),
            deadline,
        )?;
        let read = std::fs::read(words.with_extension("tsv")).map_err(|e| {
            OcrError::Failed(format!("tesseract wrote no words for page {page}: {e}"))
        })?;
        out.push(parse_tsv(&String::from_utf8_lossy(&read), f64::from(DPI)));
        let _ = std::fs::remove_file(&image);
    }
    Ok(out)
}

/// Reads Tesseract's TSV (one row per page, block, paragraph, line and word, with boxes in
/// pixels at `dpi`) into words in points.
fn parse_tsv(tsv: &str, dpi: f64) -> OcrPage {
    let pt = 72.0 / dpi;
    let mut page = OcrPage::default();
    // The box of the current line: (bottom, height).
    let mut line = (0.0, 0.0);
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<f64>().unwrap_or(0.0);
        let (left, top, width, height) = (num(6), num(7), num(8), num(9));
        match f[0] {
            "1" => {
                page.width = width * pt;
                page.height = height * pt;
            }
            "4" => line = ((top + height) * pt, height * pt),
            "5" => {
                let text = f[11..].join("\t").trim().to_string();
                if !text.is_empty() {
                    page.words.push(OcrWord {
                        x0: left * pt,
                        x1: (left + width) * pt,
                        line_bottom: line.0,
                        line_height: line.1,
                        text,
                    });
                }
            }
            _ => {}
        }
    }
    page
}

/// Runs a program in `dir` until it ends or the deadline passes (then it is killed), with no
/// shell, no input, its output to a file; gives its output when it succeeded.
fn run(cmd: &mut Command, dir: &Path, deadline: Option<Instant>) -> Result<String, OcrError> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let stdout_path = dir.join(format!("{program}.out"));
    let stderr_path = dir.join(format!("{program}.err"));
    let stdout = std::fs::File::create(&stdout_path)
        .map_err(|e| OcrError::Failed(format!("cannot write a temporary file: {e}")))?;
    let stderr = std::fs::File::create(&stderr_path)
        .map_err(|e| OcrError::Failed(format!("cannot write a temporary file: {e}")))?;
    let mut child = cmd
        .current_dir(dir)
        // One thread per page: several documents are read at once in batch runs.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| OcrError::Unavailable(format!("cannot run {program}: {e}")))?;
    let status = match deadline {
        None => child.wait().map(Some),
        Some(d) => child.wait_timeout(d.saturating_duration_since(Instant::now())),
    }
    .map_err(|e| OcrError::Failed(format!("waiting for {program}: {e}")))?;
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(OcrError::TimedOut);
    };
    let said =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    if !status.success() {
        let err = said(&stderr_path);
        let first = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        return Err(OcrError::Failed(format!(
            "{program} failed ({status}): {first}"
        )));
    }
    // tesseract --list-langs writes to stdout (older versions to stderr).
    Ok(said(&stdout_path) + &said(&stderr_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_from_their_names() {
        for mode in [OcrMode::Auto, OcrMode::Never, OcrMode::Always] {
            assert_eq!(mode.name().parse::<OcrMode>(), Ok(mode));
        }
        assert_eq!("NEVER".parse::<OcrMode>(), Ok(OcrMode::Never));
        assert!("sometimes"
            .parse::<OcrMode>()
            .unwrap_err()
            .contains("auto, never or always"));
    }

    #[test]
    fn tesseract_words_come_with_their_line_in_points() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
                   4\t1\t1\t1\t1\t0\t400\t250\t800\t60\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t400\t250\t100\t50\t96.1\tSố:\n\
                   5\t1\t1\t1\t1\t2\t520\t262\t200\t38\t95.0\t15/QĐ-UBND\n\
                   5\t1\t1\t1\t1\t3\t800\t262\t20\t38\t10.0\t \n";
        let page = parse_tsv(tsv, 300.0);
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(
            near(page.width, 595.2) && near(page.height, 841.92),
            "{page:?}"
        );
        assert_eq!(page.words.len(), 2);
        assert_eq!(page.words[1].text, "15/QĐ-UBND");
        assert!(near(page.words[1].x0, 124.8));
        assert!(near(page.words[1].line_bottom, 74.4));
        assert_eq!(page.words[0].line_bottom, page.words[1].line_bottom);
    }

    #[test]
    fn a_missing_program_is_unavailable_and_a_slow_one_is_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let missing = run(
            &mut Command::new("vanban-no-such-program"),
            dir.path(),
            None,
        );
        assert!(
            matches!(missing, Err(OcrError::Unavailable(_))),
            "{missing:?}"
        );
        #[cfg(unix)]
        {
            let slow = run(
                Command::new("sleep").arg("30"),
                dir.path(),
                Some(Instant::now() + Duration::from_millis(200)),
            );
            assert_eq!(slow, Err(OcrError::TimedOut));
        }
    }
}
