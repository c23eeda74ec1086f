//! One quantity stated twice: a level the text states for a year against the row of a table
//! that gives the same indicator for the same year (`value_mismatch`).
//!
//! A text value is set against the table row whose label is most like its indicator (by
//! [`super::targets::similarity`], the one measure of "same indicator"), in the same base unit,
//! holding most of the text's words, for the same year and the same stage (what was done is never set against what was planned).
//! When two rows are equally like it, the one written in the text's unit (`tỷ đồng`, not
//! `triệu đồng`) is meant; when that does not decide, nothing is said. The row agrees when one of its cells of
//! that year holds the text's value, within half a unit of the last digit written, or within 2%
//! when either is given as about (`khoảng`). One finding per line of text.

use super::targets::{indicator_words, similarity};
use crate::model::{Extract, Finding, FindingKind, Severity, ValueStage, ValueStatement};
use crate::rules::Rules;

/// How far two values given as about may lie apart and still be one.
const ABOUT: f64 = 0.02;

/// Whether two statements of one quantity agree.
fn agree(a: &ValueStatement, b: &ValueStatement) -> bool {
    let mut tol = a.precision.max(b.precision) * 1.000_001;
    if a.approximate || b.approximate {
        tol = tol.max(ABOUT * a.value.abs().max(b.value.abs()));
    }
    (a.value - b.value).abs() <= tol
}

/// Whether `row` holds at least 60% of the words of `named` (`Tổng mức vay trong năm` holds
/// too few of `Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ … cả năm`).
fn covers(row: &[String], named: &[String]) -> bool {
    let common = named.iter().filter(|w| row.contains(w)).count();
    !named.is_empty() && common * 5 >= named.len() * 3
}

/// The value in the unit it was written in, with the table's unit word.
fn shown(v: &ValueStatement) -> String {
    if v.in_table {
        format!("{} (line {})", v.text.trim(), v.line)
    } else {
        v.text.trim().to_string()
    }
}

/// The `value_mismatch` findings of one document.
pub fn findings(e: &Extract, rules: &Rules) -> Vec<Finding> {
    let rows: Vec<(&ValueStatement, Vec<String>)> = e
        .values
        .iter()
        .filter(|v| v.in_table)
        .map(|v| (v, indicator_words(&v.indicator, rules)))
        .collect();
    let mut out: Vec<Finding> = Vec::new();
    for t in e.values.iter().filter(|v| !v.in_table) {
        let tw = indicator_words(&t.indicator, rules);
        let candidates: Vec<(&ValueStatement, f64)> = rows
            .iter()
            .filter(|(v, _)| {
                v.year == t.year && v.unit == t.unit && ValueStage::agrees(t.stage, v.stage)
            })
            .filter_map(|(v, w)| similarity(&tw, w).map(|s| (*v, s)))
            // The text's words name the quantity: most of them are in the row's name.
            .filter(|(v, _)| covers(&indicator_words(&v.indicator, rules), &tw))
            .collect();
        let Some(best) = candidates.iter().map(|c| c.1).reduce(f64::max) else {
            continue;
        };
        let mut top: Vec<&ValueStatement> = candidates
            .iter()
            .filter(|c| c.1 >= best - 1e-9)
            .map(|c| c.0)
            .collect();
        // Rows named equally alike: the one written in the text's unit (`tỷ đồng`, not
        // `triệu đồng`) is the one it speaks of.
        if top.iter().any(|v| v.indicator != top[0].indicator) {
            let same_scale: Vec<&ValueStatement> =
                top.iter().copied().filter(|v| v.scale == t.scale).collect();
            if !same_scale.is_empty() {
                top = same_scale;
            }
        }
        // Two rows named alike: which one the text means is not known.
        if top.iter().any(|v| v.indicator != top[0].indicator) {
            continue;
        }
        if top.iter().any(|v| agree(t, v)) {
            continue;
        }
        let cells = top.iter().map(|v| shown(v)).collect::<Vec<_>>().join(", ");
        let message = format!(
            "{} for {}: the text says {}, the table row {} gives {cells}",
            t.indicator,
            t.year,
            shown(t),
            top[0].indicator
        );
        match out.iter_mut().find(|f| f.line == t.line) {
            Some(f) => {
                f.message.push_str("; ");
                f.message.push_str(&message);
            }
            None => out.push(Finding {
                kind: FindingKind::ValueMismatch,
                severity: Severity::Error,
                line: t.line,
                message,
            }),
        }
    }
    out
}
