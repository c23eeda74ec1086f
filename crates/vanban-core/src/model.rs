//! The data types of the extract contract (`../shared/docs/extract-schema.md`, schema 2).
//!
//! Every mention carries `line` (1-based, in the normalised text `vanban text` prints) and
//! `text` (the mention as written, line breaks replaced by one space). Field names are a
//! contract: add fields, never rename or remove them without bumping [`SCHEMA_VERSION`].
//!
//! The closed vocabularies of the contract (kind, role, comparator, evaluation, severity, the
//! kinds of results, targets and findings) are enums here, serialised to the JSON strings the
//! contract names, so a typo is a compile error and not a silent mismatch.

use serde::{Deserialize, Serialize};

/// Version of the extract JSON.
pub const SCHEMA_VERSION: u32 = 2;

/// Declares a string-valued enum of the contract: serde names, `as_str`, `Display`, `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string the contract uses.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value a contract string names, if any.
            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// The key a document id is stored and looked up by: the id in lower case, so that
/// `2198/KH-UBND` and `2198/kh-ubnd` meet. Give it the canonical form
/// ([`Extractor::canonical_id`](crate::extract::Extractor::canonical_id)) to meet other
/// spellings too. Every id key in the extract, the checks and the index is made here.
///
/// ```
/// assert_eq!(vanban_core::model::id_key("71-KH/HU"), "71-kh/hu");
/// ```
pub fn id_key(id: &str) -> String {
    id.to_lowercase()
}

/// A calendar date or month, as ISO text (`2024-06-28`, `2024-06` for a draft without its
/// day): the one date type of the extract, the checks and the index. It reads as its text
/// (`&*date`, `as_deref()` on an `Option`), is written to JSON as that text, and orders as
/// dates do.
///
/// ```
/// use vanban_core::model::IsoDate;
/// let d = IsoDate::ymd(2022, 4, 28);
/// assert_eq!((d.as_str(), d.year(), d.month(), d.day()), ("2022-04-28", Some(2022), Some(4), Some(28)));
/// assert_eq!(IsoDate::ym(2024, 6).as_str(), "2024-06");
/// assert!(IsoDate::ym(2024, 6) < IsoDate::ymd(2024, 6, 1));
/// assert_eq!(IsoDate::parse("2025-11-28").unwrap().day(), Some(28));
/// assert!(IsoDate::parse("28/11/2025").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IsoDate(String);

impl IsoDate {
    /// A day.
    pub fn ymd(year: i32, month: u32, day: u32) -> IsoDate {
        IsoDate(format!("{year:04}-{month:02}-{day:02}"))
    }

    /// A month.
    pub fn ym(year: i32, month: u32) -> IsoDate {
        IsoDate(format!("{year:04}-{month:02}"))
    }

    /// Reads ISO text (`2024-06-28`, `2024-06`); `None` for anything else.
    pub fn parse(s: &str) -> Option<IsoDate> {
        let parts: Vec<&str> = s.split('-').collect();
        let ok = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        match parts[..] {
            [y, m] if ok(y, 4) && ok(m, 2) => Some(IsoDate(s.to_string())),
            [y, m, d] if ok(y, 4) && ok(m, 2) && ok(d, 2) => Some(IsoDate(s.to_string())),
            _ => None,
        }
    }

    /// Reads a day as a person types it: ISO (`2025-11-28`) or as written in documents
    /// (`28/11/2025`, `28-11-2025`, `28.11.2025`); `None` for anything else or a day that
    /// does not exist.
    ///
    /// ```
    /// use vanban_core::model::IsoDate;
    /// assert_eq!(IsoDate::from_typed("28/11/2025").unwrap().as_str(), "2025-11-28");
    /// assert_eq!(IsoDate::from_typed("2025-11-28").unwrap().as_str(), "2025-11-28");
    /// assert!(IsoDate::from_typed("31/02/2025").is_none());
    /// ```
    pub fn from_typed(s: &str) -> Option<IsoDate> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        let num = |p: &str| p.parse::<u32>().ok();
        let (y, m, d) = match parts[..] {
            [y, m, d] if y.len() == 4 => (num(y)?, num(m)?, num(d)?),
            [d, m, y] if y.len() == 4 => (num(y)?, num(m)?, num(d)?),
            _ => return None,
        };
        crate::extract::dates::iso_date(d, m, y as i32)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The year ([`iso_year`]).
    pub fn year(&self) -> Option<i32> {
        iso_year(&self.0)
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> Option<u32> {
        self.0.get(5..7)?.parse().ok()
    }

    /// The day, when it is a day and not a month.
    pub fn day(&self) -> Option<u32> {
        self.0.get(8..10)?.parse().ok()
    }

    /// As Vietnamese readers write it: `28/11/2025`, `11/2025`.
    ///
    /// ```
    /// let d = vanban_core::model::IsoDate::parse("2025-11-28").unwrap();
    /// assert_eq!(d.written(), "28/11/2025");
    /// ```
    pub fn written(&self) -> String {
        match (self.get(..4), self.get(5..7), self.get(8..10)) {
            (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
            (Some(y), Some(m), None) => format!("{m}/{y}"),
            _ => self.0.clone(),
        }
    }
}

impl std::ops::Deref for IsoDate {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for IsoDate {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for IsoDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for IsoDate {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for IsoDate {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A document id in its parts: the number, the year written inside it, and the code, whose
/// first segment is the type code (`KH` of `KH-UBND`, `NĐ` of `NĐ-CP`) and whose rest names the
/// issuer (`UBND`, `CP`). A party body's id puts the type code after the number and the
/// issuer after a slash (`71-KH/HU`). The extractor builds it from the text
/// ([`Extractor::doc_id`](crate::extract::Extractor::doc_id)); the own number, every reference,
/// the index's cited ids and the id page all go through it, so the type code of an id is read
/// in one place.
///
/// ```
/// use vanban_core::model::DocId;
/// let id = DocId::parse("45/2020/NĐ-CP").unwrap();
/// assert_eq!((id.number.as_str(), id.year, id.type_code(), id.issuer_code()), ("45", Some(2020), "NĐ", Some("CP")));
/// assert_eq!(id.canonical(), "45/2020/NĐ-CP");
/// assert_eq!(id.key(), "45/2020/nđ-cp");
/// let party = DocId::parse("71-KH/HU").unwrap();
/// assert_eq!((party.type_code(), party.issuer_code(), party.canonical().as_str()), ("KH", Some("HU"), "71-KH/HU"));
/// assert_eq!(DocId::parse("2995/UBND-VX").unwrap().type_code(), "UBND");
/// assert!(DocId::parse("no id").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocId {
    /// The number (`2198`, `45`, `71`).
    pub number: String,
    /// The year written inside the id (`45/2020/NĐ-CP`), if any.
    pub year: Option<i32>,
    /// The code after the number and year: `KH-UBND`, `NĐ-CP`; for a party body's id, the
    /// type code and the issuer with their slash (`KH/HU`).
    pub code: String,
    /// Whether it is written the party's way (`71-KH/HU`).
    pub party: bool,
}

impl DocId {
    /// Reads a canonical id (as the extractor writes it); `None` when it has no number and
    /// code.
    pub fn parse(canonical: &str) -> Option<DocId> {
        let s = canonical.trim();
        if let Some((number, code)) = s.split_once('-') {
            if !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit())
                && code.contains('/')
                && !code.starts_with('/')
            {
                return Some(DocId {
                    number: number.to_string(),
                    year: None,
                    code: code.to_string(),
                    party: true,
                });
            }
        }
        let mut parts = s.splitn(3, '/');
        let number = parts.next()?.to_string();
        let second = parts.next()?;
        let (year, code) = match parts.next() {
            Some(code) => match second.parse::<i32>() {
                Ok(y) => (Some(y), code),
                Err(_) => (None, &s[number.len() + 1..]),
            },
            None => (None, second),
        };
        if number.is_empty() || code.is_empty() {
            return None;
        }
        Some(DocId {
            number,
            year,
            code: code.to_string(),
            party: false,
        })
    }

    /// The type code: the code's first segment (`KH`, `QĐ`, `UBND` of a letter's `UBND-VX`).
    pub fn type_code(&self) -> &str {
        self.code.split(['-', '/']).next().unwrap_or("")
    }

    /// The issuer's part of the code (`UBND` of `KH-UBND`, `HU` of `KH/HU`), if any.
    pub fn issuer_code(&self) -> Option<&str> {
        self.code
            .split_once(['-', '/'])
            .map(|(_, rest)| rest)
            .filter(|r| !r.is_empty())
    }

    /// The canonical form: `2198/KH-UBND`, `45/2020/NĐ-CP`, `71-KH/HU`.
    pub fn canonical(&self) -> String {
        match (self.party, self.year) {
            (true, _) => format!("{}-{}", self.number, self.code),
            (false, Some(y)) => format!("{}/{y}/{}", self.number, self.code),
            (false, None) => format!("{}/{}", self.number, self.code),
        }
    }

    /// The key it is stored and looked up by ([`id_key`] of the canonical form).
    pub fn key(&self) -> String {
        id_key(&self.canonical())
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// The year of an ISO date or month (`2024-06-28`, `2024-06`, `2024` → 2024); `None` when it
/// does not start with one. Every year of a date in the extract, the checks and the index is
/// read here.
///
/// ```
/// assert_eq!(vanban_core::model::iso_year("2024-06-28"), Some(2024));
/// assert_eq!(vanban_core::model::iso_year("x"), None);
/// ```
pub fn iso_year(iso: &str) -> Option<i32> {
    let y = iso.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

vocabulary! {
    /// What a document is, for `meta.kind`.
    #[derive(Default)]
    Kind {
        /// Báo cáo.
        Report = "report",
        /// Kế hoạch, Chương trình, Đề án.
        Plan = "plan",
        /// Quyết định, Nghị định, Thông tư, Nghị quyết, Quy định, Chỉ thị.
        Decision = "decision",
        /// Công văn.
        Letter = "letter",
        /// Everything else (Thông báo, Tờ trình, Kết luận, Phụ lục …).
        #[default]
        Other = "other",
    }
}

vocabulary! {
    /// How a sentence relates to a document it cites.
    Role {
        /// `Căn cứ …`.
        LegalBasis = "legal_basis",
        /// `Thực hiện …`, `Triển khai …`.
        Implements = "implements",
        /// `… thay thế …`.
        Replaces = "replaces",
        /// `sửa đổi, bổ sung …`.
        Amends = "amends",
        /// `bãi bỏ …`.
        Repeals = "repeals",
        /// No role word.
        Mention = "mention",
    }
}

vocabulary! {
    /// How a value compares with a threshold.
    Comparator {
        /// At least (`ít nhất`, `tối thiểu`, `trở lên`, `≥`, or a plain value to reach).
        Ge = ">=",
        /// More than (`trên`, `>`).
        Gt = ">",
        /// At most (`không quá`, `tối đa`, `≤`).
        Le = "<=",
        /// Less than (`dưới`, `<`).
        Lt = "<",
        /// About (`khoảng`, `ước đạt`): a qualifier of a stated figure, not a target's.
        About = "~",
        /// Reached (`đạt`, `bằng`): a qualifier of a stated figure.
        Eq = "=",
        /// Within a range (`từ 15% đến 20%`, `16 - 18`), with `value_max`.
        Between = "between",
    }
}

impl Comparator {
    /// Whether the comparator bounds a value (`≥`, `>`, `≤`, `<`) rather than states one.
    ///
    /// ```
    /// use vanban_core::model::Comparator;
    /// assert!(Comparator::Lt.is_bound());
    /// assert!(!Comparator::About.is_bound());
    /// ```
    pub fn is_bound(self) -> bool {
        matches!(
            self,
            Comparator::Ge | Comparator::Gt | Comparator::Le | Comparator::Lt
        )
    }
}

vocabulary! {
    /// The verdict of a criterion block (`Đánh giá: Đạt`).
    Evaluation {
        /// `Đạt`, `Hoàn thành`, `Đạt (vượt …)`.
        Met = "met",
        /// `Chưa đạt`, `Không đạt`, `Không hoàn thành`.
        NotMet = "not_met",
        /// `Đang triển khai`, `Đang thực hiện`.
        InProgress = "in_progress",
    }
}

vocabulary! {
    /// How much a finding matters. Declared most severe first, so that the derived order
    /// sorts errors before warnings before notes.
    Severity {
        /// The figures contradict each other.
        Error = "error",
        /// Worth a look (a target missed).
        Warning = "warning",
        /// Shown with `--all` only.
        Info = "info",
    }
}

vocabulary! {
    /// What kind of figure a result is.
    ResultKind {
        /// Part of a whole (`2.400/4.611 hồ sơ`).
        Share = "share",
        /// Done against planned (`150/100 lượt`, `đạt 250% chỉ tiêu`).
        Quota = "quota",
        /// A bare percentage stated as achieved.
        Percent = "percent",
        /// The result of a criterion block, judged against its requirement.
        Criterion = "criterion",
        /// A value in a table row of a report.
        Table = "table",
    }
}

vocabulary! {
    /// Where a target was stated.
    TargetContext {
        /// An objective in a plan's text.
        Plan = "plan",
        /// A criterion's requirement (`Yêu cầu tiêu chí: …`).
        Criterion = "criterion",
        /// A cell of a target table.
        Table = "table",
    }
}

vocabulary! {
    /// What a check found.
    FindingKind {
        /// A stated percentage differs from its fraction.
        PercentMismatch = "percent_mismatch",
        /// A stated percentage is the truncation, not the rounding, of its fraction.
        RoundingTruncation = "rounding_truncation",
        /// A share of a whole over 100%.
        ImplausibleOver100 = "implausible_over_100",
        /// Parts that do not add up to their stated total.
        SumMismatch = "sum_mismatch",
        /// A stated count that disagrees with the items or criteria listed.
        CountMismatch = "count_mismatch",
        /// An evaluation the figures contradict.
        EvaluationContradictsFigures = "evaluation_contradicts_figures",
        /// A result below a target that binds it (needs the index).
        TargetMissed = "target_missed",
        /// A date that cannot exist (`31/02/2024`, `08/6/20210`).
        ImplausibleDate = "implausible_date",
        /// A number written in a way no reading makes sense of.
        UnparsedNumber = "unparsed_number",
        /// One quantity stated twice with different values (the text against its annex
        /// table).
        ValueMismatch = "value_mismatch",
    }
}

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
    /// Every period stated as a range (`giai đoạn 2021 – 2025`, `06 tháng đầu năm 2024`).
    pub periods: Vec<Period>,
    /// Every count fraction (`2.400/4.611 hồ sơ`).
    pub fractions: Vec<Fraction>,
    /// Every percentage.
    pub percentages: Vec<Percentage>,
    /// Every amount of money, in đồng.
    pub money: Vec<Money>,
    /// Stated results: achieved figures with what they measure.
    pub results: Vec<StatedResult>,
    /// Targets: required or planned values with a comparator.
    pub targets: Vec<Target>,
    /// Totals stated with their parts (`tổng số …, trong đó …`, a table's total row).
    #[serde(default)]
    pub sums: Vec<SumStatement>,
    /// Counts stated about listed items (`Chỉ tiêu đạt: 11/11`, `03 nền tảng: (1) …`).
    #[serde(default)]
    pub counts: Vec<CountStatement>,
    /// Dates written that cannot exist (`31/02/2024`).
    #[serde(default)]
    pub bad_dates: Vec<DateMention>,
    /// Percentages a table states as the ratio of two of its own values (a growth row under
    /// the values of each year).
    #[serde(default)]
    pub ratios: Vec<RatioStatement>,
    /// Quantities stated for a year, in the text and in tables with a column per year.
    #[serde(default)]
    pub values: Vec<ValueStatement>,
    /// Years the document asks something to be finished by (`bố trí vốn để hoàn thành năm
    /// 2020`).
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// What the checks found wrong or worth a look.
    pub findings: Vec<Finding>,
}

impl Extract {
    /// An extract with nothing in it.
    pub fn empty() -> Extract {
        Extract {
            schema: SCHEMA_VERSION,
            source: Source::default(),
            meta: Meta::default(),
            references: Vec::new(),
            dates: Vec::new(),
            periods: Vec::new(),
            fractions: Vec::new(),
            percentages: Vec::new(),
            money: Vec::new(),
            results: Vec::new(),
            targets: Vec::new(),
            sums: Vec::new(),
            counts: Vec::new(),
            bad_dates: Vec::new(),
            ratios: Vec::new(),
            values: Vec::new(),
            deadlines: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// The file an extract came from (empty for a text extracted without a file).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    /// The path as given.
    pub path: String,
    /// `txt`, `md`, `pdf`, `docx` or `doc`.
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
    /// Its own number, canonical (`2183/BC-UBND`); `null` for drafts (`Số: /KH-UBND`). An annex
    /// without a number of its own takes the id it is attached to.
    pub number: Option<String>,
    /// What the document is.
    pub kind: Kind,
    /// The type word as printed (`Báo cáo`, `Công điện`, `Tờ trình`).
    #[serde(rename = "type", default)]
    pub doc_type: Option<String>,
    /// The title (the line or lines after the type heading, or the `V/v` line).
    pub title: Option<String>,
    /// The place in the date line (`Tháp Mười`).
    pub place: Option<String>,
    /// The issue date, ISO (`2023-03-28`, or `2024-06` for a draft without a day).
    pub date: Option<IsoDate>,
    /// The issuing body, from the header.
    pub issuer: Option<String>,
    /// The person who signed, from the signature block.
    pub signer: Option<String>,
    /// For an annex: the document it is attached to (`Kèm theo Báo cáo số 45/BC-UBND`).
    #[serde(default)]
    pub attached_to: Option<String>,
    /// Who signed digitally, from the PDF signature dictionary.
    #[serde(default)]
    pub signed_by: Option<String>,
    /// When it was signed digitally (ISO 8601), from the PDF signature dictionary.
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
    pub date: Option<IsoDate>,
    /// The issuer the text names (`Ủy ban nhân dân tỉnh`).
    pub issuer: Option<String>,
    /// How the sentence relates to it.
    pub role: Role,
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
    /// ISO date (`2022-04-28`) or month (`2024-06`); for a date that cannot exist
    /// (`bad_dates`), the date as written.
    pub value: String,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
    /// The day of the week written beside the date (`02/01/2012 (thứ 2)`): 0 for Sunday
    /// (`chủ nhật`) to 6 for Saturday (`thứ 7`, `thứ bảy`); absent when none is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u8>,
}

/// A time the document asks something to be finished or sent by: a word of finishing
/// (`hoàn thành`) after a word of intent (`để`, `phấn đấu`) and before `năm 2020`, or a date
/// after `trước ngày` with a word of finishing or sending earlier in its clause.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Deadline {
    /// The year.
    pub year: i32,
    /// The day, when a date is the limit (`gửi … trước ngày 20/6/2024`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// 1-based line.
    pub line: usize,
    /// As written, from the word of intent to the year.
    pub text: String,
}

/// A span of time stated as a range.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Period {
    /// First year (`2021`) or month (`2024-01`).
    pub from: String,
    /// Last year (`2025`) or month (`2024-06`).
    pub to: String,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
    /// How many years the text says the range holds (`giai đoạn 05 năm 2026 – 2028` → 5),
    /// with the line that says it; absent when it does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_stated: Option<(u32, usize)>,
}

impl Period {
    /// The first year of the period.
    pub fn from_year(&self) -> Option<i32> {
        iso_year(&self.from)
    }

    /// The last year of the period.
    pub fn to_year(&self) -> Option<i32> {
        iso_year(&self.to)
    }
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
    /// The qualifier word before or after it (`ít nhất`, `trở lên`, `≥`), from
    /// `rules/qualifiers.toml`.
    pub qualifier: Option<String>,
    /// The comparator the qualifier means.
    pub comparator: Option<Comparator>,
    /// Whether it is a table cell (under a `%` column).
    #[serde(default)]
    pub in_table: bool,
    /// 1-based line.
    pub line: usize,
    /// As written (for a table cell, the cell's text).
    pub text: String,
}

/// An amount of money.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Money {
    /// The amount in đồng.
    pub value_vnd: f64,
    /// Whether it is a table cell (under a money unit in the header or caption).
    #[serde(default)]
    pub in_table: bool,
    /// 1-based line.
    pub line: usize,
    /// As written (for a table cell, the cell's text).
    pub text: String,
}

/// A stated result: an achieved figure and what it measures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StatedResult {
    /// What kind of figure it is.
    pub kind: ResultKind,
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
    /// For criterion results: the verdict of the block.
    pub evaluation: Option<Evaluation>,
    /// For criterion results: the line of the requirement (a target with context
    /// `criterion`) it is judged against.
    pub target_line: Option<usize>,
    /// Line of the evaluation.
    pub evaluation_line: Option<usize>,
    /// The parts a combined rate is made of (`cấp xã 1.230/1.500, cấp thôn 370/500, chung 85%`):
    /// their fractions, summed into `numerator`/`denominator`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<(f64, f64)>,
    /// Figures a footnote gives behind the percentage (`17.858 … / 34.977 hộ`).
    pub footnote: Option<FootnoteFigures>,
    /// Whether the stated percentage is the excess over the plan, not the share of it
    /// (`12.375,3/10.200 triệu đồng, vượt 21,3% kế hoạch`: numerator / denominator × 100 − 100).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excess: bool,
    /// The numbered headings it sits under (`II > 2 > 2.1`).
    pub section: String,
    /// 1-based line.
    pub line: usize,
    /// The sentence part stating it.
    pub text: String,
}

impl StatedResult {
    /// The percentage the result stands for: the stated one, else the computed one.
    pub fn percent(&self) -> Option<f64> {
        let stated = self
            .stated_percent
            .map(|s| if self.excess { s + 100.0 } else { s });
        stated.or(self.computed_percent)
    }
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

/// A required or planned value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Target {
    /// What is targeted, in the document's words.
    pub indicator: String,
    /// How a result must compare with `value`.
    pub comparator: Comparator,
    /// The value (lower bound for `between`).
    pub value: f64,
    /// Upper bound for `between`.
    pub value_max: Option<f64>,
    /// `%`, or the unit noun (`Mbps`, `doanh nghiệp`).
    pub unit: String,
    /// The year it is due.
    pub horizon: Option<i32>,
    /// Where it was stated.
    pub context: TargetContext,
    /// Sections above it.
    pub section: String,
    /// 1-based line.
    pub line: usize,
    /// The sentence part stating it.
    pub text: String,
}

/// A total stated with its parts: `tổng số 2.560 văn bản, trong đó … 2.210 … 330`, or a table's
/// total row against the rows above it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SumStatement {
    /// The stated total.
    pub total: f64,
    /// The parts, in order.
    pub parts: Vec<f64>,
    /// The unit they are counted in.
    pub unit: Option<String>,
    /// 1-based line of the total.
    pub line: usize,
    /// The statement as written (clipped).
    pub text: String,
}

vocabulary! {
    /// What a stated value is of: what was done, what is planned, or what is foreseen.
    ValueStage {
        /// Done or estimated done (`Thực hiện`, `Ước thực hiện`, a report's results).
        Achieved = "achieved",
        /// Planned or required (`Kế hoạch`, a plan's goals).
        Planned = "planned",
        /// Foreseen (`Dự báo`, `Dự toán`).
        Forecast = "forecast",
    }
}

impl ValueStage {
    /// Whether a value of this stage and one of `other` may state the same quantity: what was
    /// done is never what was planned or foreseen, and an unknown stage goes with any.
    pub fn agrees(this: Option<ValueStage>, other: Option<ValueStage>) -> bool {
        match (this, other) {
            (Some(a), Some(b)) => (a == ValueStage::Achieved) == (b == ValueStage::Achieved),
            _ => true,
        }
    }
}

/// A quantity stated for a year: `Kim ngạch xuất khẩu đạt khoảng 8,95 tỷ USD` under `Dự báo …
/// năm 2026`, or the cell of the row `Kim ngạch xuất khẩu | Triệu USD` under `Năm 2026`. The
/// same quantity stated twice with different values is a `value_mismatch`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ValueStatement {
    /// What is measured: the row's label, or the words before the verb.
    pub indicator: String,
    /// The year the value is for.
    pub year: i32,
    /// The value in the base unit (`8,95 tỷ USD` is 8 950 000 000 USD).
    pub value: f64,
    /// The base unit: `%`, `đồng`, `usd`, a unit noun (`doanh nghiệp`).
    pub unit: String,
    /// The multiplier of the unit as written (10⁹ for `tỷ đồng`, 1 for `%`).
    pub scale: f64,
    /// Half the last written digit, in the base unit: how far two writings of one value may
    /// differ by rounding.
    pub precision: f64,
    /// Whether the value is given as about (`khoảng`, `gần`, `ước`).
    pub approximate: bool,
    /// Done, planned or foreseen, when the column or the section says.
    pub stage: Option<ValueStage>,
    /// The share of its plan the text states right after it (`2.600 triệu USD, đạt 100% kế
    /// hoạch`).
    #[serde(default)]
    pub of_plan: Option<PlanShare>,
    /// Whether it is a table cell.
    pub in_table: bool,
    /// For a table cell, the line its table starts on: two cells of one table have the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// 1-based line.
    pub line: usize,
    /// As written.
    pub text: String,
}

/// A value's share of its plan, as stated (`đạt 100% kế hoạch`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanShare {
    /// The stated percentage.
    pub percent: f64,
    /// Digits written after its decimal comma.
    pub decimals: usize,
    /// 1-based line of the percentage.
    pub line: usize,
}

/// A percentage a table states as the ratio of two of its own values: `Tốc độ tăng trưởng |
/// % | 107,2` under `Kim ngạch xuất khẩu | Triệu USD | 2.600 | 2.800`, the year's value
/// against the year before's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RatioStatement {
    /// The value compared (the later year's).
    pub numerator: f64,
    /// The value it is compared with (the year before's).
    pub denominator: f64,
    /// The stated percentage.
    pub stated: f64,
    /// Digits after the decimal comma in the stated percentage.
    pub decimals: usize,
    /// Whether the percentage is an index (`107,2`: the later value is 107,2% of the earlier)
    /// rather than a change (`7,2`: it grew by 7,2%).
    pub index: bool,
    /// 1-based line of the stated percentage.
    pub line: usize,
    /// What it measures (the row above's label).
    pub text: String,
}

/// What a stated count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountSubject {
    /// Criteria evaluated as met.
    Met,
    /// Criteria evaluated as not met.
    NotMet,
    /// Criteria in progress.
    InProgress,
    /// Every criterion of the group.
    All,
    /// Items announced before a list (`03 nền tảng: (1) …; (2) …`).
    Items,
}

/// A stated count of listed items or evaluated criteria, with what the document actually lists.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CountStatement {
    /// What is counted.
    pub subject: CountSubject,
    /// The count stated.
    pub stated: usize,
    /// The whole stated beside it (`11/11` → 11), when given.
    pub stated_of: Option<usize>,
    /// How many the document lists with that subject (criteria evaluated so, or items).
    pub listed: usize,
    /// How many items the group lists in all.
    pub listed_of: usize,
    /// 1-based line.
    pub line: usize,
    /// The statement as written.
    pub text: String,
}

/// Something the checks found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// What is wrong, with the numbers, in plain words: its notes said in Vietnamese, or in
    /// the language asked for (`--lang en`).
    pub message: String,
    /// The message as names of the catalogue (`messages/*.ftl`) with their arguments, to say
    /// it in another language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Finding {
    /// A finding whose message is `note`, said in Vietnamese.
    pub fn new(kind: FindingKind, severity: Severity, line: usize, note: Note) -> Finding {
        Finding {
            kind,
            severity,
            line,
            message: crate::messages::say(&note, crate::messages::Lang::Vi),
            notes: vec![note],
        }
    }

    /// Adds a note to the message (`; ` between notes).
    pub fn push_note(&mut self, note: Note) {
        self.notes.push(note);
        self.message = crate::messages::say_all(&self.notes, crate::messages::Lang::Vi);
    }

    /// The message in `lang` (as stored when the finding has no notes).
    pub fn message_in(&self, lang: crate::messages::Lang) -> String {
        if self.notes.is_empty() {
            self.message.clone()
        } else {
            crate::messages::say_all(&self.notes, lang)
        }
    }

    /// Says the message again in `lang`.
    pub fn say_in(&mut self, lang: crate::messages::Lang) {
        self.message = self.message_in(lang);
    }
}

/// A message of the catalogue by its name, with its arguments.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Note {
    /// The message's name in `messages/*.ftl` (`percent-mismatch`).
    pub id: String,
    /// Its arguments by name.
    #[serde(default)]
    pub args: std::collections::BTreeMap<String, Arg>,
}

impl Note {
    /// A note without arguments yet.
    pub fn new(id: &str) -> Note {
        Note {
            id: id.to_string(),
            args: Default::default(),
        }
    }

    /// The note with one more argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Note {
        self.args.insert(name.to_string(), value.into());
        self
    }
}

/// An argument of a note: words as written, a whole number (the catalogue may choose words
/// by it), another note, or a list said with `, ` between.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Arg {
    /// A whole number.
    Int(i64),
    /// Words or a number as written.
    Text(String),
    /// Another note, said in the same language.
    Note(Note),
    /// Several arguments.
    List(Vec<Arg>),
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<Note> for Arg {
    fn from(n: Note) -> Arg {
        Arg::Note(n)
    }
}

impl From<Vec<Note>> for Arg {
    fn from(v: Vec<Note>) -> Arg {
        Arg::List(v.into_iter().map(Arg::Note).collect())
    }
}
