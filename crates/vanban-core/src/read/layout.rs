//! How a table row of a word-processor document becomes a line of text; one rule shared by the
//! DOCX and DOC readers.
//!
//! A row becomes one line with its cells separated by tabs, a cell's paragraphs joined with a
//! space. A letterhead set as a two-cell table (issuer and number beside the national motto,
//! place and date) thus comes out as one or two lines whose cells the extractor reads apart.

/// Appends one row; `cells` holds each cell's paragraphs (tabs inside them become spaces).
pub(crate) fn push_row(out: &mut String, cells: &[Vec<String>]) {
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
    fn a_row_is_one_line_of_tab_separated_cells() {
        let mut out = String::new();
        let three = [
            cell(&["1"]),
            cell(&["Hồ sơ", "", "trực\ttuyến"]),
            cell(&["70%"]),
        ];
        push_row(&mut out, &three);
        assert_eq!(out, "1\tHồ sơ trực tuyến\t70%\n");
    }

    #[test]
    fn trailing_empty_cells_leave_no_trailing_tabs_but_inner_ones_keep_their_place() {
        let mut out = String::new();
        push_row(
            &mut out,
            &[cell(&["3"]), cell(&[""]), cell(&["100%"]), cell(&[])],
        );
        assert_eq!(out, "3\t\t100%\n");
    }
}
