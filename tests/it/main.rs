//! vanban's integration tests, one module per area, built as one test binary so that the
//! test build links the libraries once instead of once per file.
//!
//! A test that needs a tool vanban calls (`pdftotext`, `tesseract`, Chromium) skips with a
//! note when the tool is missing, except under `CI=true`, where it fails: `.ci/run` installs
//! them, and a run that silently left them out would pass without testing. Files outside the
//! repository (`../shared/`) and privileges (mounts need root) are not tools: their tests skip.

mod bad_input;
mod check;
mod cli;
mod encodings;
mod extractors;
mod gen;
mod gold;
mod hostile;
mod index;
mod normalize;
mod pdf_reading;
mod pdf_similarity;
mod props;
mod read_doc;
mod readers;
#[cfg(unix)]
mod reliability;
mod rules;
mod serve;
mod serve_browser;

/// Whether a tool a test needs is here: `missing` is `None` when it is, else what is missing
/// and how to install it. Missing, the test skips with that note, or fails under `CI=true`.
pub fn tool_present(missing: Option<String>) -> bool {
    let Some(what) = missing else {
        return true;
    };
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what}: under CI=true a test does not skip for a missing tool");
    }
    eprintln!("skipped: {what}");
    false
}
