//! Numbered sections: which headings (`II.`, `2.`, `2.1.`, `a)`) each line sits under, and what
//! those headings say (a section of results, of goals, a year).
//!
//! Every line is looked at once, by its first few characters; the headings are kept as a tree,
//! so asking for the section of a line costs the depth of the tree, not the length of the text.

use super::lexer::Lexed;
use super::scan;
use super::Words;

/// One numbered heading.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1-based line.
    pub line: usize,
    /// Nesting level (0 for Roman numerals, deeper for `1.1.1`, 4 for `a)`).
    pub level: usize,
    /// The label (`II`, `2.1`, `a`).
    pub label: String,
    /// The heading it sits under.
    pub parent: Option<usize>,
    /// Whether its words say it reports results (`KẾT QUẢ THỰC HIỆN`).
    pub results: bool,
    /// Whether its words say it sets goals (`MỤC TIÊU`).
    pub goals: bool,
    /// A year it names (`Mục tiêu đến năm 2025`).
    pub year: Option<i32>,
}

/// The sections of a text.
#[derive(Debug, Default)]
pub struct Sections {
    /// The headings, in text order.
    pub headings: Vec<Heading>,
    /// For each line (index 0 is line 1), the innermost heading it sits under.
    open: Vec<Option<usize>>,
}

/// The numbering that starts a heading line, with its level and label.
pub fn numbering(line: &str) -> Option<(usize, String, usize)> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_'));
    let skipped = line.len() - t.len();
    let b = t.as_bytes();
    // Roman numerals: `II.`, `IV)`.
    let roman = t
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        .count();
    if (1..=6).contains(&roman) && matches!(b.get(roman), Some(b'.' | b')')) {
        let after = roman + 1;
        if t[after..].starts_with(|c: char| c.is_whitespace() || c == '*') {
            return Some((0, t[..roman].to_string(), skipped + after));
        }
    }
    // `1.`, `1)`, `1.1`, `1.1.`, `2.3.1.`
    let mut i = 0;
    let mut parts = 0;
    loop {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s || i - s > 2 {
            break;
        }
        parts += 1;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if parts >= 1 && i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_digit) {
        let label = t[..i].to_string();
        let mut j = i;
        if matches!(b.get(j), Some(b'.' | b')')) {
            j += 1;
        } else if parts == 1 {
            return None;
        }
        if t[j..].starts_with(|c: char| c.is_whitespace() || c == '*') && j < t.len() {
            let level = if parts == 1 { 1 } else { parts };
            return Some((level, label, skipped + j));
        }
        return None;
    }
    // `a)`, `đ)`.
    let mut cs = t.char_indices();
    if let (Some((_, c)), Some((k, ')'))) = (cs.next(), cs.next()) {
        if c.is_lowercase() && c.is_alphabetic() && t[k + 1..].starts_with(char::is_whitespace) {
            return Some((4, c.to_string(), skipped + k + 1));
        }
    }
    None
}

/// A heading named by a criterion word and its number (`Tiêu chí 2.`, `Chỉ tiêu 2.1.`,
/// `Tiêu chí số 4.3:`): its level (by the parts of its number), label and where its text
/// starts.
pub fn criterion_numbering(line: &str, criterion: &Words) -> Option<(usize, String, usize)> {
    let t = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '#' | '*' | '_' | '-' | '+')
    });
    let skipped = line.len() - t.len();
    let n = criterion.prefix_len(t)?;
    let rest = &t[n..];
    let r = scan::trim_spaces_start(rest);
    let digits = r
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(r.len());
    let label = r[..digits].trim_end_matches('.');
    if label.is_empty() || !label.starts_with(|c: char| c.is_ascii_digit()) || label.len() > 8 {
        return None;
    }
    let after = &r[digits..];
    if !(after.is_empty() || after.starts_with([' ', ':', ')', '-', '–', '.', '*'])) {
        return None;
    }
    let level = label.split('.').filter(|p| !p.is_empty()).count();
    let body = skipped + n + (rest.len() - r.len()) + digits;
    let body = body
        + (line[body..].len()
            - line[body..]
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | ')' | '-' | '–' | '.' | '*')
                })
                .len());
    Some((level, label.to_string(), body))
}

/// Whether a line ends the numbered sections above it: a short line opening with a break word
/// (`PHỤ LỤC`, `Biểu mẫu 1`, `Nơi nhận:`), or a footnote (`¹² Văn phòng UBND tỉnh; …`).
pub fn is_part_break(line: &str, breaks: &Words) -> bool {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '*' | '_'));
    if t.starts_with(crate::normalize::is_superscript_digit) {
        return true;
    }
    t.chars().count() <= 120 && breaks.prefix_len(t).is_some()
}

impl Sections {
    /// Works out the sections of every line. A line that opens with a word of `breaks`
    /// (`PHỤ LỤC`, `Nơi nhận`) or a footnote's superscript number closes every section above
    /// it: an annex or a footnote is not part of the last numbered section of the body.
    pub fn new(lx: &Lexed<'_>, vocab: &super::Vocab) -> Sections {
        let results = &vocab.result_sections;
        let criterion = &vocab.criterion;
        let breaks = &vocab.part_breaks;
        let n = lx.lines.count();
        let mut headings: Vec<Heading> = Vec::new();
        let mut open = Vec::with_capacity(n);
        let mut stack: Vec<usize> = Vec::new();
        for l in 1..=n {
            let line = lx.line_text(l);
            if is_part_break(line, breaks) {
                stack.clear();
                open.push(None);
                continue;
            }
            // A table row (`2.1.\tSố nhiệm vụ đề ra\tNhiệm vụ\t45`) numbers an item of the
            // table, not a section of the text.
            let table_row = line.split('\t').filter(|c| !c.trim().is_empty()).count() >= 2;
            if !table_row && line.len() <= 480 && line.chars().count() <= 160 {
                if let Some((level, label, body)) =
                    numbering(line).or_else(|| criterion_numbering(line, criterion))
                {
                    while stack.last().is_some_and(|&h| headings[h].level >= level) {
                        stack.pop();
                    }
                    // A bold heading wrapped over lines (`**I. TÌNH HÌNH` / `THỰC HIỆN … NĂM
                    // 2025**`) goes on until its bold closes.
                    let mut whole = line[body..].to_string();
                    if line.trim_start().starts_with("**") && line.matches("**").count() % 2 == 1 {
                        for next in (l + 1..=n.min(l + 3)).map(|k| lx.line_text(k)) {
                            whole.push(' ');
                            whole.push_str(next.trim());
                            if next.matches("**").count() % 2 == 1 || next.trim().is_empty() {
                                break;
                            }
                        }
                    }
                    let text = whole.trim().trim_matches(|c: char| c == '*' || c == '_');
                    // A numbered sentence (`3. Số người … đạt 6.215/6.800 người.`) is a list
                    // item: its words do not say what the section holds.
                    let titled = text.chars().count() <= 120 && !text.ends_with(['.', ';']);
                    let year = if titled { year_in(text) } else { None };
                    headings.push(Heading {
                        line: l,
                        level,
                        label,
                        parent: stack.last().copied(),
                        // A heading that reports on goals (`Tình hình thực hiện mục tiêu`)
                        // reports: results words win.
                        results: titled && results.any_in(text),
                        goals: titled
                            && !results.any_in(text)
                            && vocab.goal_sections.any_outside(text, &vocab.goal_names),
                        year,
                    });
                    stack.push(headings.len() - 1);
                }
            }
            open.push(stack.last().copied());
        }
        Sections { headings, open }
    }

    /// The innermost heading of 1-based line `line`.
    pub fn heading_of(&self, line: usize) -> Option<usize> {
        self.open.get(line.wrapping_sub(1)).copied().flatten()
    }

    /// The headings above `line`, innermost first.
    pub fn chain(&self, line: usize) -> impl Iterator<Item = &Heading> {
        let mut at = self.heading_of(line);
        std::iter::from_fn(move || {
            let h = &self.headings[at?];
            at = h.parent;
            Some(h)
        })
    }

    /// The section path of a line (`II > 2 > 2.1`).
    pub fn path(&self, line: usize) -> String {
        let mut labels: Vec<&str> = self.chain(line).map(|h| h.label.as_str()).collect();
        labels.reverse();
        labels.join(" > ")
    }

    /// Whether a line sits in a section that reports results (the innermost such word wins
    /// over a goal word further out).
    pub fn in_results(&self, line: usize) -> bool {
        for h in self.chain(line) {
            if h.results {
                return true;
            }
            if h.goals {
                return false;
            }
        }
        false
    }

    /// Whether a line sits in a section that sets goals (the innermost word wins).
    pub fn in_goals(&self, line: usize) -> bool {
        for h in self.chain(line) {
            if h.goals {
                return true;
            }
            if h.results {
                return false;
            }
        }
        false
    }

    /// The nearest year a heading above the line names.
    pub fn year(&self, line: usize) -> Option<i32> {
        self.chain(line).find_map(|h| h.year)
    }
}

/// A year written after `năm` (`đến năm 2025`, `Năm 2030`).
pub fn year_in(text: &str) -> Option<i32> {
    let mut from = 0;
    while let Some(i) = scan::find_folded(&text[from..], "nam") {
        let at = from + i;
        let rest = scan::trim_spaces_start(
            &text[at + scan::folded_prefix_len(&text[at..], "nam").unwrap_or(3)..],
        );
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            if let Ok(y) = digits.parse::<i32>() {
                if (1900..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        from = at + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numberings() {
        assert_eq!(
            numbering("II. KẾT QUẢ").map(|x| (x.0, x.1)),
            Some((0, "II".into()))
        );
        assert_eq!(
            numbering("2.1. Chỉ tiêu").map(|x| (x.0, x.1)),
            Some((2, "2.1".into()))
        );
        assert_eq!(
            numbering("2.1 Chỉ tiêu").map(|x| (x.0, x.1)),
            Some((2, "2.1".into()))
        );
        assert_eq!(
            numbering("3) Ba").map(|x| (x.0, x.1)),
            Some((1, "3".into()))
        );
        assert_eq!(
            numbering("**1. Mục đích**").map(|x| (x.0, x.1)),
            Some((1, "1".into()))
        );
        assert_eq!(
            numbering("b) Kết quả").map(|x| (x.0, x.1)),
            Some((4, "b".into()))
        );
        assert_eq!(numbering("2.400 hồ sơ"), None);
        assert_eq!(numbering("12 điểm"), None);
        assert_eq!(numbering("Im lặng"), None);
    }

    #[test]
    fn years_in_headings() {
        assert_eq!(year_in("Mục tiêu cụ thể đến năm 2025"), Some(2025));
        assert_eq!(year_in("NĂM 2030"), Some(2030));
        assert_eq!(year_in("năm nay"), None);
    }
}
