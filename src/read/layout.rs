//! How a table row of a word-processor document becomes lines of text; one rule shared by the
//! DOCX and DOC readers.
//!
//! A row of data (a table of figures) becomes one line with its cells separated by tabs, a
//! cell's paragraphs joined with a space. A layout row, two cells side by side of which one
//! holds several paragraphs, is how Vietnamese official documents set their letterhead (issuer
//! and number on the left, national motto, place and date on the right) and their signature
//! block: its cells are written one after the other, a paragraph per line, so the header reads
//! as it does on paper and `Số: …`, the place and the date each start a line.

/// Appends one row; `cells` holds each cell's paragraphs (tabs inside them become spaces).
pub(crate) fn push_row(out: &mut String, cells: &[Vec<String>]) {
    let paragraphs = |cell: &[String]| cell.iter().filter(|p| !p.trim().is_empty()).count();
    let layout = cells.len() == 2 && cells.iter().any(|c| paragraphs(c) > 1);
    if layout {
        for cell in cells {
            for p in cell.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
                out.push_str(&p.replace('\t', " "));
                out.push('\n');
            }
        }
        return;
    }
    let row: Vec<String> = cells.iter().map(|c| joined(c)).collect();
    out.push_str(row.join("\t").trim_end());
    out.push('\n');
}

/// A cell's paragraphs on one line, joined with a space.
pub(crate) fn joined(cell: &[String]) -> String {
    cell.iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\t', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn data_rows_are_one_line_of_tab_separated_cells() {
        let mut out = String::new();
        push_row(
            &mut out,
            &[cell(&["1"]), cell(&["Hồ sơ", "trực tuyến"]), cell(&[""])],
        );
        assert_eq!(out, "1\tHồ sơ trực tuyến\n");
        push_row(
            &mut out,
            &[cell(&["Số: 12/KH-UBND"]), cell(&["Phú Mỹ, ngày 5/3"])],
        );
        assert_eq!(
            out,
            "1\tHồ sơ trực tuyến\nSố: 12/KH-UBND\tPhú Mỹ, ngày 5/3\n"
        );
    }

    #[test]
    fn a_letterhead_row_is_written_cell_after_cell() {
        let mut out = String::new();
        push_row(
            &mut out,
            &[
                cell(&["UBND HUYỆN A", "Số: 3/KH-UBND"]),
                cell(&["CỘNG HÒA", "", "A, ngày 1/2/2011"]),
            ],
        );
        assert_eq!(
            out,
            "UBND HUYỆN A\nSố: 3/KH-UBND\nCỘNG HÒA\nA, ngày 1/2/2011\n"
        );
    }
}
