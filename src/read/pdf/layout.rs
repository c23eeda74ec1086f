//! Page layout: turns the runs of a page into lines of text.
//!
//! Runs are grouped into lines by baseline, spaces are put where the gap between runs says a
//! word ended, wide gaps become tabs (table columns), and a clearly larger gap between lines
//! becomes a blank line (paragraph break). It does not decode text or read the PDF.

use super::content::Run;

/// Turns runs into lines: same baseline means same line; spaces and tabs from gaps; blank
/// lines where the vertical gap is clearly larger than the usual line spacing.
pub(super) fn layout(runs: Vec<Run>) -> String {
    if std::env::var_os("VANBAN_DEBUG_PDF").is_some() {
        for r in &runs {
            eprintln!(
                "{:8.2} {:8.2} {:8.2} {:5.2} {:?}",
                r.x, r.y, r.x_end, r.size, r.text
            );
        }
    }
    let mut lines: Vec<(f64, f64, Vec<Run>)> = Vec::new(); // (y, size, runs)
    for run in runs.into_iter().filter(|r| !r.text.trim().is_empty()) {
        let same = lines.last().is_some_and(|(y, size, _)| {
            (run.y - *y).abs() < 0.5 * size.min(run.size).max(1.0)
                // a superscript (footnote mark) sits a little higher on the same line
                || (run.size < *size * 0.85 && run.y > *y && run.y - *y < 0.6 * size)
        });
        if same {
            let last = lines.last_mut().expect("checked");
            if run.size > last.1 {
                last.1 = run.size;
            }
            last.2.push(run);
        } else {
            lines.push((run.y, run.size, vec![run]));
        }
    }
    // Typical line spacing: the median of positive downward gaps.
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[0].0 - w[1].0)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let typical = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut out = String::new();
    let mut prev_y: Option<f64> = None;
    for (y, size, mut runs) in lines {
        if let Some(py) = prev_y {
            let gap = py - y;
            if typical > 0.0 && gap > typical * 1.45 && gap > size * 1.2 {
                out.push('\n');
            }
        }
        prev_y = Some(y);
        runs.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
        let mut line = String::new();
        let mut last_end: Option<f64> = None;
        for run in runs {
            if let Some(end) = last_end {
                let gap = run.x - end;
                let ends_space = line.ends_with(|c: char| c.is_whitespace());
                let starts_space = run.text.starts_with(|c: char| c.is_whitespace());
                if gap > 2.5 * run.size {
                    line.truncate(line.trim_end().len());
                    line.push('\t');
                } else if gap > 0.18 * run.size && !ends_space && !starts_space {
                    line.push(' ');
                }
            }
            line.push_str(&run.text);
            last_end = Some(run.x_end);
        }
        let trimmed = line.trim_end();
        out.push_str(trimmed.trim_start_matches(' '));
        out.push('\n');
    }
    out
}
