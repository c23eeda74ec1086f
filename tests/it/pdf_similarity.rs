//! Every word poppler's `pdftotext` finds in a PDF, vanban finds too.
//!
//! Similarity is counted on words: both texts are NFKC-normalised (a superscript footnote
//! mark `²` counts as `2`), hyphens are deleted (pdftotext joins a line-final `KH-` and the
//! next line's `UBND` into `KHUBND`, vanban keeps `KH-UBND`; both become `KHUBND`), and the
//! words are the maximal runs of letters or of digits (so a footnote mark is a word of its
//! own whether pdftotext put a space before it or not). Recall is the share of pdftotext's words
//! (as a multiset) found in vanban's text, precision the share of vanban's words found in
//! pdftotext's. The test fails when the recall of any PDF is below 0.98.
//!
//! It reads the project's PDFs (`corpus/`, `tests/data/`, bad inputs excluded); set
//! `VANBAN_SIMILARITY_DIRS` to a `:`-separated list of folders to measure others too, and run
//! with `--nocapture` to see the table:
//!
//! ```text
//! VANBAN_SIMILARITY_DIRS=/data/pdfs cargo test --release --test pdf_similarity -- --nocapture
//! ```
//!
//! Without `pdftotext` installed it says so and checks nothing; `.ci/run` installs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;
use vanban::{LoadOptions, OcrMode, ReadOptions};

/// The word multiset of a text, as the module documentation defines it.
fn words(text: &str) -> HashMap<String, usize> {
    let folded: String = text
        .nfkc()
        .filter(|c| !matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}'))
        .collect();
    let mut out = HashMap::new();
    let mut word = String::new();
    let mut digits = false;
    for c in folded.chars().chain([' ']) {
        let keep = c.is_alphanumeric();
        if !word.is_empty() && (!keep || c.is_numeric() != digits) {
            *out.entry(std::mem::take(&mut word)).or_insert(0) += 1;
        }
        if keep {
            digits = c.is_numeric();
            word.push(c);
        }
    }
    out
}

/// (words in common, words of `a`, words of `b`).
fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> (usize, usize, usize) {
    let common = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    (common, a.values().sum(), b.values().sum())
}

fn pdfs_in(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "bad") {
                pdfs_in(&p, out);
            }
        } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

fn pdftotext(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn vanban_reads_every_word_pdftotext_reads() {
    let missing = Command::new("pdftotext").arg("-v").output().is_err();
    if !crate::tool_present(
        missing
            .then(|| "pdftotext (poppler-utils) is not installed; .ci/run installs it".to_string()),
    ) {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    pdfs_in(&root.join("corpus"), &mut files);
    pdfs_in(&root.join("tests/data"), &mut files);
    let own = files.len();
    if let Some(dirs) = std::env::var_os("VANBAN_SIMILARITY_DIRS") {
        for dir in std::env::split_paths(&dirs) {
            pdfs_in(&dir, &mut files);
        }
    }
    files.sort_by(|a, b| (a.parent(), a.file_name()).cmp(&(b.parent(), b.file_name())));
    assert!(own >= 3, "the project's PDFs were not found");
    // OCR is off: pdftotext reads no scans, and the comparison is of text layers.
    let opts = LoadOptions {
        read: ReadOptions {
            ocr: OcrMode::Never,
            ..ReadOptions::default()
        },
        ..LoadOptions::default()
    };
    let mut low = Vec::new();
    let (mut all_common, mut all_ref, mut all_ours) = (0, 0, 0);
    eprintln!("recall  precision  words  file");
    for path in &files {
        let Some(reference) = pdftotext(path) else {
            eprintln!(
                "     -          -      -  {} (pdftotext cannot read it)",
                path.display()
            );
            continue;
        };
        let reference = words(&reference);
        if reference.is_empty() {
            eprintln!(
                "     -          -      0  {} (no text layer)",
                path.display()
            );
            continue;
        }
        let ours = match vanban::load(path, &opts) {
            Ok(doc) => words(&doc.text),
            Err(e) => {
                eprintln!("     0          -      -  {} ({e})", path.display());
                low.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let (common, n_ref, n_ours) = overlap(&reference, &ours);
        let recall = common as f64 / n_ref as f64;
        let precision = if n_ours == 0 {
            0.0
        } else {
            common as f64 / n_ours as f64
        };
        all_common += common;
        all_ref += n_ref;
        all_ours += n_ours;
        eprintln!(
            "{recall:.4}  {precision:.4}  {n_ref:>6}  {}",
            path.display()
        );
        if recall < 0.98 {
            let mut missing: Vec<(&String, usize)> = reference
                .iter()
                .filter_map(|(w, n)| {
                    let lost = n.saturating_sub(ours.get(w).copied().unwrap_or(0));
                    (lost > 0).then_some((w, lost))
                })
                .collect();
            missing.sort();
            missing.truncate(20);
            low.push(format!(
                "{}: recall {recall:.4}, missing {missing:?}",
                path.display()
            ));
        }
    }
    if all_ref > 0 {
        eprintln!(
            "all: recall {:.4}, precision {:.4}, {all_ref} words of pdftotext",
            all_common as f64 / all_ref as f64,
            all_common as f64 / all_ours.max(1) as f64
        );
    }
    assert!(low.is_empty(), "recall below 0.98:\n{}", low.join("\n"));
}

#[test]
fn the_word_measure_folds_what_it_says() {
    let a = words("Kế hoạch 1219/KH-UBND, thành phố²");
    let b = words("Kế hoạch 1219/KHUBND, thành phố 2");
    assert_eq!(overlap(&a, &b), (7, 7, 7));
    let c = words("Kế hoạch");
    assert_eq!(overlap(&a, &c), (2, 7, 2));
}
