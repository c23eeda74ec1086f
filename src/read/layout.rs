//! How a table row of a word-processor document becomes lines of text; one rule shared by the
//! DOCX and DOC readers.
//!
//! A row of data (a table of figures) becomes one line with its cells separated by tabs, a
//! cell's paragraphs joined with a space. Vietnamese official documents set their letterhead
//! (issuer and number on the left, national motto, place and date on the right) and their
//! signature block as tables of two cells side by side: such a layout row, two cells in a
//! table that opens the document or two cells of which one holds several paragraphs, is
//! written cell after cell, a paragraph per line, so the header reads as it does on paper and
//! `Số: …`, the place and the date each start a line.

/// Appends one row; `cells` holds each cell's paragraphs (tabs inside them become spaces).
/// `opens_document`: the row's table comes before any text of the document.
pub(crate) fn push_row(out: &mut String, cells: &[Vec<String>], opens_document: bool) {
    let paragraphs = |cell: &[String]| cell.iter().filter(|p| !p.trim().is_empty()).count();
    let layout = cells.len() == 2 && (opens_document || cells.iter().any(|c| paragraphs(c) > 1));
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
        let three = [cell(&["1"]), cell(&["Hồ sơ", "trực tuyến"]), cell(&[""])];
        push_row(&mut out, &three, true);
        assert_eq!(out, "1\tHồ sơ trực tuyến\n");
        push_row(&mut out, &[cell(&["Tỷ lệ"]), cell(&["68%"])], false);
        assert_eq!(out, "1\tHồ sơ trực tuyến\nTỷ lệ\t68%\n");
    }

    #[test]
    fn a_letterhead_row_is_written_cell_after_cell() {
        let mut out = String::new();
        let row = [
            cell(&["UBND HUYỆN A", "Số: 3/KH-UBND"]),
            cell(&["CỘNG HÒA", "", "A, ngày 1/2/2011"]),
        ];
        push_row(&mut out, &row, false);
        assert_eq!(
            out,
            "UBND HUYỆN A\nSố: 3/KH-UBND\nCỘNG HÒA\nA, ngày 1/2/2011\n"
        );
        // A letterhead row of one paragraph per cell, in the table that opens the document.
        let mut out = String::new();
        push_row(
            &mut out,
            &[cell(&["Số: 3/KH-UBND"]), cell(&["A, ngày 1/2"])],
            true,
        );
        assert_eq!(out, "Số: 3/KH-UBND\nA, ngày 1/2\n");
    }
}
