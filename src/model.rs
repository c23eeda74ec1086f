//! The data types of the extract contract (`../shared/docs/extract-schema.md`, schema 1).
//!
//! Every mention carries `line` (1-based, in the normalised text `vanban text` prints) and
//! `text` (the mention as written, line breaks replaced by one space). Field names are a
//! contract: add fields, never rename or remove them without bumping [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

/// Version of the extract JSON.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything extracted from one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Extract {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Where the text came from.
    pub source: Source,
    /// The document's own number, kind, title, place, date, issuer and signer.
    pub meta: Meta,
    /// Every reference to another document.
    pub references: Vec<Reference>,
    /// Every calendar date.
    pub dates: Vec<DateMention>,
    /// Every period (`giai đoạn 2021 – 2025`, `đến năm 2030`).
    pub periods: Vec<Period>,
    /// Every count fraction (`2.400/4.611 hồ sơ`).
    pub fractions: Vec<Fraction>,
    /// Every percentage.
    pub percentages: Vec<Percentage>,
    /// Every amount of money, in đồng.
    pub money: Vec<Money>,
    /// Stated results: figures with what they measure.
    pub results: Vec<StatedResult>,
    /// Targets set by plans (and by reports where they state one).
    pub targets: Vec<Target>,
    /// What the checks found wrong or worth a look.
    pub findings: Vec<Finding>,
}

/// The file an extract came from (empty for a text extracted without a file).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// The path as given.
    pub path: String,
    /// `txt`, `md`, `pdf` or `docx`.
    pub format: String,
    /// The detected text encoding (`utf-8`, `utf-16le`, `windows-1258`, `tcvn3`, …).
    pub encoding: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Pages (1-based) whose text was read by OCR (scans).
    #[serde(default)]
    pub ocr_pages: Vec<usize>,
    /// Pages (1-based) that are scans without a text layer and were left unread (`--ocr never`).
    #[serde(default)]
    pub pages_without_text: Vec<usize>,
}

/// The document's own identity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Meta {
    /// Its own number, canonical (`2183/BC-UBND`); `null` for drafts (`Số: /KH-UBND`).
    pub number: Option<String>,
    /// `report`, `plan`, `decision`, `letter` or `other`.
    pub kind: String,
    /// The title (the line or lines after the kind heading).
    pub title: Option<String>,
    /// The place in the date line (`Tháp Mười`).
    pub place: Option<String>,
    /// The issue date, ISO (`2023-03-28`, or `2024-06` for a draft without a day).
    pub date: Option<String>,
    /// The issuing body, from the header.
    pub issuer: Option<String>,
    /// The person who signed.
    pub signer: Option<String>,
    /// Who signed the file digitally (the earliest digital signature's name or certificate).
    #[serde(default)]
    pub signed_by: Option<String>,
    /// When that signature was made, ISO 8601 (`2025-11-28T10:38:25+07:00`).
    #[serde(default)]
    pub signed_at: Option<String>,
}

/// A reference to another document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Reference {
    /// Canonical id: number, optional year, type code, joined by `/` (`45/2016/QĐ-TTg`).
    pub id: String,
    /// The document type in words (`Quyết định`), from the text or inferred from the code.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// The number part (`45`).
    pub number: String,
    /// The type code (`QĐ-TTg`, `KH/HU`).
    pub code: String,
    /// The year inside the id, when there is one.
    pub year: Option<i32>,
    /// The date the text gives for it, ISO.
    pub date: Option<String>,
    /// The issuer the text names (`Ủy ban nhân dân tỉnh`).
    pub issuer: Option<String>,
    /// `legal_basis`, `implements`, `replaces`, `amends`, `repeals` or `mention`.
    pub role: String,
    /// The title that follows (`về việc …`, `Đề án “…”`).
    pub title: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// The mention as written.
    pub text: String,
}

/// A calendar date.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DateMention {
    /// ISO date (`2022-04-28`) or month (`2024-06`).
    pub value: String,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// A period of years.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Period {
    /// First year, when stated.
    pub from: Option<i32>,
    /// Last year.
    pub to: i32,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// A count fraction.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fraction {
    /// The count done or found.
    pub numerator: f64,
    /// The whole or the plan.
    pub denominator: f64,
    /// The unit noun that follows (`hồ sơ`), from `rules/units.toml`.
    pub unit: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// A percentage.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Percentage {
    /// The value (`52.04`).
    pub value: f64,
    /// The qualifier word before or after it (`ít nhất`, `trở lên`), from `rules/qualifiers.toml`.
    pub qualifier: Option<String>,
    /// The comparator the qualifier means (`>=`, `>`, `<=`, `<`, `~`, `=`).
    pub comparator: Option<String>,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// An amount of money.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Money {
    /// The amount in đồng.
    pub value_vnd: f64,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// A stated result: a figure and what it measures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StatedResult {
    /// `share` (part of a whole, `2.400/4.611 hồ sơ`), `quota` (done against planned,
    /// `150/100 lượt`, `đạt 250% chỉ tiêu`), `percent` (a bare percentage) or `criterion` (a
    /// criterion block linking requirement, result and evaluation).
    pub kind: String,
    /// What is measured, in the document's words.
    pub indicator: String,
    /// The count done or found.
    pub numerator: Option<f64>,
    /// The whole or the plan.
    pub denominator: Option<f64>,
    /// The unit noun.
    pub unit: Option<String>,
    /// The percentage the text states.
    pub stated_percent: Option<f64>,
    /// Decimals the stated percentage is written with.
    pub stated_decimals: Option<usize>,
    /// numerator / denominator × 100, to two decimals.
    pub computed_percent: Option<f64>,
    /// For criterion blocks: the requirement (`a) Yêu cầu tiêu chí: … 80%`).
    pub requirement: Option<Requirement>,
    /// For criterion blocks: the verdict (`met`, `not_met`, `exceeded`).
    pub evaluation: Option<String>,
    /// Line of the evaluation.
    pub evaluation_line: Option<usize>,
    /// Figures a footnote gives behind the percentage (`17.858 … / 34.977 hộ`).
    pub footnote: Option<FootnoteFigures>,
    /// The numbered headings it sits under (`II > 2 > 2.1`).
    pub section: String,
    /// 1-based line.
    pub line: usize,
    /// The sentence part stating it.
    pub text: String,
}

/// A requirement or target threshold.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Requirement {
    /// `>=`, `>`, `<=`, `<`, `~`, `=` or `between`.
    pub comparator: String,
    /// The value (the lower bound for `between`).
    pub value: f64,
    /// The upper bound for `between`.
    pub value_max: Option<f64>,
    /// 1-based line.
    pub line: usize,
}

/// Figures in a footnote behind a stated percentage.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FootnoteFigures {
    /// The footnote's number.
    pub mark: String,
    /// First count.
    pub numerator: f64,
    /// Second count (the whole).
    pub denominator: f64,
    /// numerator / denominator × 100.
    pub computed_percent: f64,
    /// 1-based line of the footnote.
    pub line: usize,
}

/// A target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    /// What is targeted, in the document's words.
    pub indicator: String,
    /// `>=`, `>`, `<=`, `<`, `~`, `=` or `between`.
    pub comparator: String,
    /// The value (lower bound for `between`).
    pub value: f64,
    /// Upper bound for `between`.
    pub value_max: Option<f64>,
    /// `%`.
    pub unit: String,
    /// The year it is due (from the heading `Mục tiêu đến năm 2025`, the line, or the plan's year).
    pub horizon: Option<i32>,
    /// Sections above it.
    pub section: String,
    /// 1-based line.
    pub line: usize,
    /// The sentence part stating it.
    pub text: String,
}

/// Something the checks found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    /// `percent_mismatch`, `rounding_truncation`, `implausible_over_100`, `sum_mismatch`,
    /// `count_mismatch`, `evaluation_contradicts_figures`, `target_missed`.
    pub kind: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong, with the numbers, in plain words.
    pub message: String,
}
