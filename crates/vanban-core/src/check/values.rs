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
//!
//! Two tables may give one row twice (`BỘI CHI NSĐP` in the budget table, `Bội chi ngân sách
//! địa phương` in the borrowing table). Rows of two tables are one quantity when their names
//! have the same words (short forms spelled out), neither name repeats inside its own table,
//! and the two rows agree in at least one column of the same year and stage: a cell of that
//! year and stage where they then differ is a `value_mismatch`, said once per pair of rows at
//! the later table's first such cell.

use super::targets::{indicator_words, similarity};
use crate::model::{
    Arg, Extract, Finding, FindingKind, Note, Severity, ValueStage, ValueStatement,
};
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

/// The value in the unit it was written in, with its line for a table's cell.
fn shown(v: &ValueStatement) -> Arg {
    if v.in_table {
        Arg::Note(
            Note::new("cell-at-line")
                .arg("value", v.text.trim())
                .arg("line", v.line.to_string()),
        )
    } else {
        Arg::Text(v.text.trim().to_string())
    }
}

/// The cells of the table row that states the same quantity as `t` for its year, among the
/// cells whose stage `stage_ok` accepts: the row most like it in name, or none when two rows
/// are equally like it.
fn row_of<'e>(
    t: &ValueStatement,
    rows: &[(&'e ValueStatement, Vec<String>)],
    rules: &Rules,
    stage_ok: impl Fn(Option<ValueStage>) -> bool,
) -> Vec<&'e ValueStatement> {
    let tw = indicator_words(&t.indicator, rules);
    let candidates: Vec<(&ValueStatement, f64)> = rows
        .iter()
        .filter(|(v, _)| v.year == t.year && v.unit == t.unit && stage_ok(v.stage))
        // The text's words name the quantity: most of them are in the row's name.
        .filter(|(_, w)| covers(w, &tw))
        .filter_map(|(v, w)| similarity(&tw, w).map(|s| (*v, s)))
        .collect();
    let Some(best) = candidates.iter().map(|c| c.1).reduce(f64::max) else {
        return Vec::new();
    };
    let mut top: Vec<&ValueStatement> = candidates
        .iter()
        .filter(|c| c.1 >= best - 1e-9)
        .map(|c| c.0)
        .collect();
    // Rows named equally alike: the one written in the text's unit (`tỷ đồng`, not `triệu
    // đồng`) is the one it speaks of.
    if top.iter().any(|v| v.indicator != top[0].indicator) {
        let same_scale: Vec<&ValueStatement> =
            top.iter().copied().filter(|v| v.scale == t.scale).collect();
        if !same_scale.is_empty() {
            top = same_scale;
        }
    }
    // Two rows named alike: which one the text means is not known.
    if top.iter().any(|v| v.indicator != top[0].indicator) {
        return Vec::new();
    }
    top
}

/// Adds `note` to the finding of its kind on `line`, or opens one.
fn add(out: &mut Vec<Finding>, kind: FindingKind, line: usize, note: Note) {
    match out.iter_mut().find(|f| f.line == line && f.kind == kind) {
        Some(f) => f.push_note(note),
        None => out.push(Finding::new(kind, Severity::Error, line, note)),
    }
}

/// The words of a row's name, sorted, each once.
fn name_key(words: &[String]) -> Vec<String> {
    let mut w = words.to_vec();
    w.sort();
    w.dedup();
    w
}

/// The cells of a table's rows by the words of their names.
type Rows<'e> = std::collections::BTreeMap<Vec<String>, Vec<&'e ValueStatement>>;

/// The `value_mismatch` of one row given by two tables with different values (see the
/// module's documentation).
fn table_pairs(rows: &[(&ValueStatement, Vec<String>)], out: &mut Vec<Finding>) {
    use std::collections::BTreeMap;
    // Table → name → its cells; a name that heads two rows of one table is left out.
    let mut tables: BTreeMap<usize, BTreeMap<Vec<String>, Vec<&ValueStatement>>> = BTreeMap::new();
    let mut repeated: Vec<(usize, Vec<String>)> = Vec::new();
    for (v, words) in rows.iter().filter(|(v, _)| v.stage.is_some()) {
        let v = *v;
        let Some(t) = v.table else { continue };
        let key = name_key(words);
        if key.len() < 3 {
            continue;
        }
        let cells = tables.entry(t).or_default().entry(key.clone()).or_default();
        if cells
            .iter()
            .any(|c| c.year == v.year && c.stage == v.stage && c.indicator != v.indicator)
            || cells
                .iter()
                .any(|c| c.year == v.year && c.stage == v.stage && c.line != v.line)
        {
            repeated.push((t, key));
        }
        cells.push(v);
    }
    for (t, key) in repeated {
        if let Some(names) = tables.get_mut(&t) {
            names.remove(&key);
        }
    }
    let list: Vec<&Rows> = tables.values().collect();
    for (i, first) in list.iter().enumerate() {
        for later in &list[i + 1..] {
            for (key, a) in first.iter() {
                let Some(b) = later.get(key) else { continue };
                let same = |x: &ValueStatement, y: &ValueStatement| {
                    x.year == y.year && x.stage == y.stage && x.unit == y.unit
                };
                let pairs: Vec<(&ValueStatement, &ValueStatement)> = b
                    .iter()
                    .filter_map(|y| a.iter().find(|x| same(x, y)).map(|x| (*x, *y)))
                    .collect();
                // The rows are one quantity only when they agree somewhere.
                if !pairs.iter().any(|(x, y)| agree(x, y)) {
                    continue;
                }
                let differ: Vec<&(&ValueStatement, &ValueStatement)> =
                    pairs.iter().filter(|(x, y)| !agree(x, y)).collect();
                let Some((_, at)) = differ.iter().min_by_key(|(_, y)| y.line) else {
                    continue;
                };
                let cells: Vec<Note> = differ
                    .iter()
                    .map(|(x, y)| {
                        Note::new("value-cell-pair")
                            .arg("year", y.year.to_string())
                            .arg("stage", stage_word(y.stage))
                            .arg("value", shown(y))
                            .arg("other", shown(x))
                    })
                    .collect();
                let message = Note::new("value-mismatch-tables")
                    .arg("indicator", at.indicator.clone())
                    .arg("row", a[0].indicator.clone())
                    .arg("cells", cells);
                add(out, FindingKind::ValueMismatch, at.line, message);
            }
        }
    }
}

/// The name of a stage for the catalogue's selector.
fn stage_word(s: Option<ValueStage>) -> &'static str {
    match s {
        Some(ValueStage::Achieved) => "achieved",
        Some(ValueStage::Planned) => "planned",
        Some(ValueStage::Forecast) | None => "forecast",
    }
}

/// The `value_mismatch` findings of one document, and the `percent_mismatch` of a value stated
/// as a share of its plan (`2.600 triệu USD, đạt 100% kế hoạch`) against the plan its table
/// gives for that year.
pub fn findings(e: &Extract, rules: &Rules) -> Vec<Finding> {
    let rows: Vec<(&ValueStatement, Vec<String>)> = e
        .values
        .iter()
        .filter(|v| v.in_table)
        .map(|v| (v, indicator_words(&v.indicator, rules)))
        .collect();
    let mut out: Vec<Finding> = Vec::new();
    for t in e.values.iter().filter(|v| !v.in_table) {
        let top = row_of(t, &rows, rules, |s| ValueStage::agrees(t.stage, s));
        if !top.is_empty() && !top.iter().any(|v| agree(t, v)) {
            let cells = Arg::List(top.iter().map(|v| shown(v)).collect());
            let message = Note::new("value-mismatch-text")
                .arg("indicator", t.indicator.clone())
                .arg("year", t.year.to_string())
                .arg("text", shown(t))
                .arg("row", top[0].indicator.clone())
                .arg("cells", cells);
            add(&mut out, FindingKind::ValueMismatch, t.line, message);
        }
        // What was done, as a share of the plan: against the plan's own cell.
        let Some(share) = &t.of_plan else { continue };
        let plans = row_of(t, &rows, rules, |s| {
            matches!(s, Some(ValueStage::Planned | ValueStage::Forecast))
        });
        let found: Vec<Finding> = plans
            .iter()
            .filter(|p| p.value > 0.0)
            .filter_map(|p| {
                let label = Note::new("label-against-plan")
                    .arg("indicator", t.indicator.clone())
                    .arg("year", t.year.to_string())
                    .arg("text", t.text.trim())
                    .arg("plan", shown(p));
                super::percent_finding(
                    label,
                    t.value / p.value * 100.0,
                    share.percent,
                    share.decimals,
                    share.line,
                )
            })
            .collect();
        // One plan cell it agrees with is enough.
        if found.len() == plans.len() {
            out.extend(found.into_iter().take(1));
        }
    }
    table_pairs(&rows, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use crate::model::FindingKind;

    fn kinds_at(text: &str) -> Vec<(FindingKind, usize)> {
        let ex = crate::extract::Extractor::built_in();
        crate::analyze_text(text, ex)
            .findings
            .iter()
            .map(|f| (f.kind, f.line))
            .collect()
    }

    const TABLE: &str = "\n| STT | Chỉ tiêu | ĐVT | Kế hoạch năm 2025 | Ước thực hiện năm 2025 |\n|---|---|---|---|---|\n| 1 | Kim ngạch xuất khẩu hàng hóa | Triệu USD | 150 | 138 |\n| 2 | Diện tích gieo trồng lúa | ha | 18.200 | 18.045 |\n";

    #[test]
    fn a_level_the_table_gives_otherwise_is_a_value_mismatch() {
        let text = format!("I. KẾT QUẢ NĂM 2025\nDiện tích gieo trồng lúa đạt 18.450 ha.\n{TABLE}");
        assert_eq!(kinds_at(&text), vec![(FindingKind::ValueMismatch, 2)]);
    }

    #[test]
    fn the_same_level_in_another_scale_agrees() {
        let text = format!("I. KẾT QUẢ NĂM 2025\nKim ngạch xuất khẩu đạt 0,138 tỷ USD.\n{TABLE}");
        assert!(kinds_at(&text).is_empty());
    }

    #[test]
    fn what_was_done_is_not_set_against_the_plan() {
        // 18.200 is the plan; what was done (18.045) is not said in the text.
        let text = format!("I. KẾT QUẢ NĂM 2025\nDiện tích gieo trồng lúa đạt 18.045 ha.\n{TABLE}");
        assert!(kinds_at(&text).is_empty());
    }

    #[test]
    fn part_of_a_year_is_no_level_of_the_year() {
        let text = format!(
            "I. KẾT QUẢ NĂM 2025\n6 tháng đầu năm, diện tích gieo trồng lúa đạt 9.100 ha.\n{TABLE}"
        );
        assert!(kinds_at(&text).is_empty());
    }

    #[test]
    fn a_share_of_the_plan_is_checked_against_the_plan_cell() {
        let text = format!(
            "I. KẾT QUẢ NĂM 2025\nKim ngạch xuất khẩu đạt 138 triệu USD, đạt 98,6% kế hoạch.\n{TABLE}"
        );
        assert_eq!(kinds_at(&text), vec![(FindingKind::PercentMismatch, 2)]);
        let right = text.replace("98,6%", "92%");
        assert!(kinds_at(&right).is_empty());
    }

    fn two_tables(second: &str) -> String {
        format!(
            "KẾ HOẠCH\n\nBiểu số 01\nĐơn vị: Triệu đồng\n| STT | Nội dung | Dự toán năm 2026 | Dự kiến năm 2027 | Dự kiến năm 2028 |\n|---|---|---|---|---|\n| 1 | BỘI CHI NSĐP | 40.000 | 18.700 | 25.500 |\n| 2 | Chi thường xuyên | 900.000 | 950.000 | 990.000 |\n\nBiểu số 02\nĐơn vị: Triệu đồng\n| STT | Nội dung | Dự toán năm 2026 | Dự kiến năm 2027 | Dự kiến năm 2028 |\n|---|---|---|---|---|\n{second}"
        )
    }

    #[test]
    fn one_row_given_by_two_tables_must_agree() {
        // Spelled out in the second table, and one column differs: at that cell.
        let text = two_tables("| 1 | Bội chi ngân sách địa phương | 40.000 | 17.800 | 25.500 |\n");
        assert_eq!(kinds_at(&text), vec![(FindingKind::ValueMismatch, 14)]);
        let right = text.replace("17.800", "18.700");
        assert!(kinds_at(&right).is_empty());
    }

    #[test]
    fn rows_named_alike_that_never_agree_are_two_quantities() {
        // The communes' spending: other values in every column.
        let text = two_tables("| 1 | Chi thường xuyên | 41.000 | 43.000 | 45.000 |\n");
        assert!(kinds_at(&text).is_empty());
    }

    #[test]
    fn a_name_written_twice_in_one_table_is_not_compared() {
        let text = two_tables(
            "| a | Chi thường xuyên | 900.000 | 951.000 | 990.000 |\n| b | Chi thường xuyên | 900.000 | 950.000 | 990.000 |\n",
        );
        assert!(kinds_at(&text).is_empty());
    }
}
