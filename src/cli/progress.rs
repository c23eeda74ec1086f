//! Progress of long work: a bar on a terminal, occasional log lines otherwise.

use std::io::IsTerminal;

/// A progress bar over `len` items named `unit`, when standard error is a terminal.
pub fn bar(len: u64, unit: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(len);
    let template =
        format!("{{spinner}} [{{elapsed_precise}}] {{bar:40}} {{pos}}/{{len}} {unit}  {{per_sec}}  eta {{eta}}");
    b.set_style(
        indicatif::ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(b)
}

/// Whether progress goes to a terminal (a bar) rather than to a log (lines).
pub fn on_terminal() -> bool {
    std::io::stderr().is_terminal()
}
