//! Extraction vocabulary, kept as data in `rules/*.toml`, loaded and validated at start.
//!
//! The copies in the project's `rules/` folder are built into the binary, so vanban works
//! from anywhere; `--rules DIR` loads a user's own copy instead (every file must be there).
//! Each file is checked when loaded: a TOML error or a bad value (a kind, comparator, role or
//! verdict that is not one of the contract's) is reported with the file, the line and what is
//! wrong. Words are matched without regard to case: they are stored lower-cased once, here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Comparator, Evaluation, Kind, Role};

/// A rules file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("{file}: cannot read the rules file: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid or holds a value that cannot be used.
    #[error("{file}:{line}: {message}")]
    Invalid {
        /// The file.
        file: PathBuf,
        /// 1-based line of the problem (1 when it concerns the whole file).
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// A document type (`rules/doc_types.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    /// The type in words (`Quyết định`).
    pub name: String,
    /// What a document of this type is.
    pub kind: Kind,
    /// First code segments that mark this type (`QĐ`).
    pub codes: Vec<String>,
    /// The name in lower case (filled at load).
    #[serde(skip)]
    pub name_lower: String,
}

/// Type-code rules (`rules/codes.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRules {
    /// The type of codes that start with an issuer.
    pub letter_type: String,
    /// Longest segment, in letters.
    pub max_segment: usize,
    /// Canonical spellings of segments, keyed by their folded upper-case form.
    pub spellings: HashMap<String, String>,
    /// Words between a cited id and its own date (`ngày`, `ban hành ngày`), lower case.
    pub date_leads: Vec<String>,
}

/// A qualifier (`rules/qualifiers.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    /// The words (lower case).
    pub words: Vec<String>,
    /// What they mean.
    pub comparator: Comparator,
    /// Where they stand: `before` or `after` the number.
    pub position: Position,
    /// Whether they follow the number (filled at load from `position`).
    #[serde(skip)]
    pub after: bool,
}

/// Where a qualifier stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Before the number (`ít nhất 80%`).
    Before,
    /// After the number (`95% trở lên`).
    After,
}

/// Evaluation words (`rules/evaluation.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationWords {
    /// The words (lower case).
    pub words: Vec<String>,
    /// The verdict they give.
    pub verdict: Evaluation,
}

/// Money words (`rules/money.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyRules {
    /// Currency words (lower case).
    pub currency: Vec<String>,
    /// Words before a scaled amount that make it money (lower case).
    pub lead_words: Vec<String>,
    /// Words after `đồng` that make it another word (lower case).
    pub not_money: Vec<String>,
    /// Scale words (lower case) and their factors.
    pub scales: HashMap<String, f64>,
}

/// Role words (`rules/roles.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleWords {
    /// The words (lower case).
    pub words: Vec<String>,
    /// The role they give.
    pub role: Role,
}

/// Issuer phrases (`rules/issuers.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerRules {
    /// Words that start an issuer after `của`.
    pub heads: Vec<String>,
    /// Words that end it (lower case).
    pub stop_words: Vec<String>,
    /// Motto lines of a letterhead (folded at load): a cell holding one is no issuer.
    pub motto: Vec<String>,
    /// Motto lines known by their start (folded at load).
    pub motto_openers: Vec<String>,
    /// Titles over a signature, in capitals (`KT.`, `CHỦ TỊCH`, `PHÓ `).
    pub signer_titles: Vec<String>,
    /// Short forms: a long phrase (lower case) and the short form offices write.
    #[serde(default)]
    pub short: HashMap<String, String>,
    /// The words of each administrative level in an issuer (folded at load).
    pub levels: LevelWords,
    /// The heads in lower case, longest first (filled at load).
    #[serde(skip)]
    pub heads_lower: Vec<String>,
}

/// The words of an issuer that give its administrative level (`[levels]` of
/// `rules/issuers.toml`), folded at load.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelWords {
    /// A province's or a centrally run city's (`tỉnh`, `thành phố`).
    pub province: Vec<String>,
    /// A district's (`huyện`, `quận`, `thị xã`).
    pub district: Vec<String>,
    /// A commune's (`xã`, `phường`, `thị trấn`).
    pub commune: Vec<String>,
}

/// Words of numbered sections and of goal sentences (`rules/sections.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRules {
    /// Heading words of sections that report what was done.
    pub results: Vec<String>,
    /// Heading words of sections that set goals.
    pub goals: Vec<String>,
    /// Words in a sentence that make its figure a goal, whatever its section.
    pub goal_words: Vec<String>,
    /// Words in a sentence that make its figure a goal outside result sections.
    pub goal_hints: Vec<String>,
    /// Names that hold a goal word without setting a goal (`Chương trình mục tiêu quốc gia`,
    /// `bổ sung có mục tiêu`): a goal word inside one of them does not count.
    pub goal_names: Vec<String>,
    /// Words of a quota in the clause right before a figure (`chỉ tiêu đề ra là tối thiểu
    /// 98%`): the figure is required, even in a section of results.
    pub quota_words: Vec<String>,
    /// Words in a sentence that make its figure a planned task, not a result.
    pub task_words: Vec<String>,
    /// Words before a count that make it a quota to repeat (`Hằng tháng tổ chức 01 cuộc`).
    pub frequency: Vec<String>,
    /// Heading words of an annex.
    pub annex: Vec<String>,
    /// Words after a figure, in its sentence, that make it the condition of a rule (`thì`).
    pub conditions: Vec<String>,
    /// Words that open a document's body after its title (`Căn cứ`, `Kính gửi`).
    pub body_openers: Vec<String>,
    /// Words that open a body sentence but may also begin the title right under the type
    /// heading (`Thực hiện`, `Theo`).
    pub title_or_body: Vec<String>,
    /// Words before a figure that report it as done.
    pub achieved: Vec<String>,
    /// Words of a sentence that asks for something.
    pub directive: Vec<String>,
    /// Words before the year a target is due (`đến năm 2025`).
    pub horizon_words: Vec<String>,
    /// Words that, opening a short line, close every numbered section above it: an annex
    /// (`PHỤ LỤC`, `Biểu mẫu 1`), the recipients' block (`Nơi nhận`).
    pub part_breaks: Vec<String>,
}

/// Labels of criterion reports (`rules/criteria.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaRules {
    /// Words that name a criterion in its heading (`Tiêu chí số`).
    pub criterion: Vec<String>,
    /// Labels of the requirement line (`Yêu cầu tiêu chí`).
    pub requirement: Vec<String>,
    /// Labels of the result line (`Kết quả thực hiện`).
    pub result: Vec<String>,
    /// Labels of the evaluation line (`Đánh giá`, `Tự đánh giá`).
    pub evaluation: Vec<String>,
    /// Words of summary lines that count criteria (`chỉ tiêu`, `tiêu chí`).
    pub summary: Vec<String>,
}

/// Words around indicators (`rules/indicators.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRules {
    /// Words that link a figure to what it measures, dropped from an indicator's ends.
    pub links: Vec<String>,
    /// Words that alone name nothing (`hiện nay`, `đã`).
    pub adverbs: Vec<String>,
    /// Words left out when indicators are compared.
    pub stop_words: Vec<String>,
    /// Words that open a new clause after a comma: the indicator phrase before ends there.
    pub clause_openers: Vec<String>,
    /// Words after a percentage naming the planned amount it is a share of (`98% dự toán`,
    /// `100% kế hoạch`): a quota; what it measures is named before it.
    pub quota_bases: Vec<String>,
    /// Words after a percentage naming what it is compared with (`tăng 6,35% so cùng kỳ`):
    /// what it measures is named before it.
    pub comparison_bases: Vec<String>,
    /// Words right before a percentage that make it the share of the count its clause began
    /// with (`Có 70/139 kiến nghị …, chiếm 50%`).
    pub share_verbs: Vec<String>,
    /// Words right before a percentage that state it as an excess over the plan named after it
    /// (`vượt 11,69% so dự toán`).
    pub excess_words: Vec<String>,
    /// Words right before a figure that state the level a quantity reaches in a year
    /// (`đạt`, `chiếm`).
    pub level_verbs: Vec<String>,
    /// Words of a sentence that make its figure one of part of a year or of several years
    /// (`6 tháng đầu năm`, `lũy kế`).
    pub part_year: Vec<String>,
    /// Words at the ends of the name of a level that are no part of it (`quy mô`, `cả năm`).
    pub level_fillers: Vec<String>,
    /// Short forms written for a phrase inside indicator names (`NSĐP` for `ngân sách địa
    /// phương`): two names are compared with the short forms spelled out. Keys are folded
    /// (no accents, lower case) once loaded.
    #[serde(default)]
    pub abbreviations: HashMap<String, String>,
    /// `stop_words` folded (no accents), made once loaded.
    #[serde(skip)]
    pub stop_folded: Vec<String>,
}

/// Words around figures (`rules/figures.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureRules {
    /// Words that make a percentage after several fractions their combined rate.
    pub combined: Vec<String>,
    /// Words that make one part of a total the complement of another.
    pub complement: Vec<String>,
    /// Words right before a percentage that make it a change, not a share.
    pub changes: Vec<String>,
    /// Words right before `15/5` that make it a day and month.
    pub date_before: Vec<String>,
    /// Words right after `15/5` that make it a day and month (`hằng năm`).
    pub date_after: Vec<String>,
    /// Words that open a year range and belong to the period's text (`giai đoạn`).
    pub period_leads: Vec<String>,
    /// Words of a rank (`xếp hạng 36/63`, a `Thứ hạng` column): its `a/b` is a place in a
    /// ranking, not a count.
    pub ranks: Vec<String>,
    /// Words right before a percentage that make it the lower or upper bound of a class
    /// (`từ 81% trở lên`, `dưới 30%`) when no verb of achievement leads them.
    pub class_bounds: Vec<String>,
    /// The days of the week in words, from Sunday (`chủ nhật`) to Saturday (`thứ bảy`).
    pub weekdays: Vec<String>,
    /// Words of finishing before a year (`hoàn thành`, `đưa vào sử dụng`).
    pub deadline_verbs: Vec<String>,
    /// Words right before a deadline verb that ask for it to be done (`để`, `phấn đấu`).
    pub intent_words: Vec<String>,
    /// Words right before a date that make it a time limit (`trước ngày`, `chậm nhất`).
    pub deadline_leads: Vec<String>,
    /// Words of a clause that tell what was done or asked before (`đã`).
    pub told_words: Vec<String>,
    /// Words after a total that open some of its parts (`trong đó`).
    pub part_leads: Vec<String>,
    /// Words after a total that open all of its parts (`cụ thể`, `gồm`).
    pub whole_leads: Vec<String>,
    /// Words before a count that call it a total (`tổng số`).
    pub total_words: Vec<String>,
    /// Words right before a number that make it a label, not a count (`mục 3`, `Điều 5`).
    pub label_words: Vec<String>,
    /// Small numbers in words from one up (`một`, `hai` …).
    pub number_words: Vec<String>,
}

/// Words of tables (`rules/tables.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRules {
    /// Header cells of the unit column (`ĐVT`).
    pub unit_headers: Vec<String>,
    /// Caption words before a unit for the whole table (`ĐVT:`, `Đơn vị tính:`).
    pub unit_captions: Vec<String>,
    /// First cells of total rows (`Tổng cộng`).
    pub total_rows: Vec<String>,
    /// Header words of the column that numbers the rows (`STT`, `TT`), folded at load.
    pub number_columns: Vec<String>,
    /// Words a rate column's header starts with (`Tỷ lệ`), folded at load.
    pub rate_words: Vec<String>,
    /// Labels of rows that state each year's growth over the year before (`Tốc độ tăng
    /// trưởng`), checked against the values of the row above.
    pub growth_rows: Vec<String>,
    /// Header words of the column of the most a row can score (`Điểm tối đa`).
    pub max_columns: Vec<String>,
    /// Header words of the column of the score a row got (`Điểm tự đánh giá`).
    pub score_columns: Vec<String>,
    /// Labels of rows of values at current prices (`giá hiện hành`), whose ratio is no real
    /// growth.
    pub nominal_rows: Vec<String>,
    /// Words of row labels whose values are rates, averages or shares (`Tỷ lệ`, `bình
    /// quân`): unlike amounts, a row under such a row may hold a larger value.
    pub rate_rows: Vec<String>,
    /// Header words of columns of planned values (`Kế hoạch`, `Chỉ tiêu`).
    pub plan_columns: Vec<String>,
    /// Header words of columns of achieved values (`Thực hiện`, `Kết quả`).
    pub done_columns: Vec<String>,
    /// Header words of the column naming what each row measures (`Chỉ tiêu`, `Nội dung`).
    pub label_columns: Vec<String>,
    /// Header or caption words of projected values (`Dự báo`, `Dự toán`, `Dự kiến`):
    /// forecasts and budget allocations, neither targets nor results.
    pub projection: Vec<String>,
}

/// All rules, validated.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Document types, longest name first.
    pub doc_types: Vec<DocType>,
    /// Type-code rules.
    pub codes: CodeRules,
    /// Unit nouns (lower case), longest first.
    pub units: Vec<String>,
    /// Units whose fractions are shares of a whole (never over 100%).
    pub share_units: Vec<String>,
    /// Durations: the time limits a rule sets.
    pub durations: DurationRules,
    /// Qualifiers.
    pub qualifiers: Vec<Qualifier>,
    /// Evaluation words.
    pub evaluations: Vec<EvaluationWords>,
    /// Money words.
    pub money: MoneyRules,
    /// Role words.
    pub roles: Vec<RoleWords>,
    /// Issuer phrases.
    pub issuers: IssuerRules,
    /// Section words.
    pub sections: SectionRules,
    /// Criterion labels.
    pub criteria: CriteriaRules,
    /// Indicator words.
    pub indicators: IndicatorRules,
    /// Table words.
    pub tables: TableRules,
    /// Words around figures.
    pub figures: FigureRules,
}

/// The rules files, in the order they are loaded.
pub const FILES: [&str; 13] = [
    "doc_types.toml",
    "codes.toml",
    "units.toml",
    "qualifiers.toml",
    "evaluation.toml",
    "money.toml",
    "roles.toml",
    "issuers.toml",
    "sections.toml",
    "criteria.toml",
    "indicators.toml",
    "tables.toml",
    "figures.toml",
];

const BUILT_IN: [&str; 13] = [
    include_str!("../../../rules/doc_types.toml"),
    include_str!("../../../rules/codes.toml"),
    include_str!("../../../rules/units.toml"),
    include_str!("../../../rules/qualifiers.toml"),
    include_str!("../../../rules/evaluation.toml"),
    include_str!("../../../rules/money.toml"),
    include_str!("../../../rules/roles.toml"),
    include_str!("../../../rules/issuers.toml"),
    include_str!("../../../rules/sections.toml"),
    include_str!("../../../rules/criteria.toml"),
    include_str!("../../../rules/indicators.toml"),
    include_str!("../../../rules/tables.toml"),
    include_str!("../../../rules/figures.toml"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocTypesFile {
    #[serde(rename = "type")]
    types: Vec<DocType>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    units: Vec<String>,
    #[serde(default)]
    share_units: Vec<String>,
    durations: DurationRules,
}

/// Units of a duration and the words around a time limit (`rules/units.toml`, `[durations]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationRules {
    /// Units of a duration (`ngày làm việc`, `tháng`), lower case, longest first.
    pub units: Vec<String>,
    /// Words of obligation that bound a duration (`không quá`, `ít nhất`).
    pub bounds: Vec<String>,
    /// Units in which an upper bound is a term of benefit or validity (`năm`).
    pub terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    qualifier: Vec<Qualifier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFile {
    evaluation: Vec<EvaluationWords>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    role: Vec<RoleWords>,
}

/// The document types of `doc_types.toml`, validated (no empty name, none twice), longest
/// name first.
fn prepared_doc_types(
    doc: DocTypesFile,
    file: &(PathBuf, String),
) -> Result<Vec<DocType>, RulesError> {
    let mut doc_types = doc.types;
    let mut seen = HashMap::new();
    for t in &mut doc_types {
        check(
            file,
            !t.name.trim().is_empty(),
            "name",
            "a document type has an empty name",
        )?;
        t.name_lower = t.name.trim().to_lowercase();
        let key = crate::normalize::fold(&t.name);
        if let Some(prev) = seen.insert(key, t.name.clone()) {
            return Err(invalid(
                file,
                &t.name,
                &format!(
                    "document type \"{}\" is listed twice (also as \"{prev}\")",
                    t.name
                ),
            ));
        }
    }
    doc_types.sort_by_key(|t| std::cmp::Reverse(t.name.chars().count()));
    Ok(doc_types)
}

impl CodeRules {
    /// Validates `codes.toml` and puts its date leads in lower case.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        lower_all(&mut self.date_leads);
        check(
            file,
            self.max_segment >= 2 && self.max_segment <= 20,
            "max_segment",
            "max_segment must be between 2 and 20",
        )?;
        Ok(())
    }
}

impl UnitsFile {
    /// Validates `units.toml` and puts its words in lower case, longest first.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        lower_all(&mut self.units);
        lower_all(&mut self.share_units);
        for u in &self.units {
            check(file, !u.is_empty(), "units", "a unit is empty")?;
        }
        longest_first(&mut self.units);
        for v in [
            &mut self.durations.units,
            &mut self.durations.bounds,
            &mut self.durations.terms,
        ] {
            lower_all(v);
            longest_first(v);
        }
        check(
            file,
            !self.durations.units.iter().any(String::is_empty),
            "durations",
            "a duration unit is empty",
        )?;
        Ok(())
    }
}

impl QualifiersFile {
    /// Validates `qualifiers.toml` and puts its words in lower case.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        for q in &mut self.qualifier {
            lower_all(&mut q.words);
            q.after = q.position == Position::After;
            check(
                file,
                q.words.iter().all(|w| !w.is_empty()),
                "words",
                "a qualifier word is empty",
            )?;
            check(
                file,
                q.comparator != Comparator::Between,
                "between",
                "a qualifier cannot mean \"between\": ranges are read from their two ends",
            )?;
        }
        Ok(())
    }
}

impl EvaluationFile {
    /// Puts the words of `evaluation.toml` in lower case.
    fn prepare(&mut self, _file: &(PathBuf, String)) -> Result<(), RulesError> {
        for e in &mut self.evaluation {
            lower_all(&mut e.words);
        }
        Ok(())
    }
}

impl MoneyRules {
    /// Validates `money.toml` and puts its words in lower case.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        lower_all(&mut self.currency);
        lower_all(&mut self.lead_words);
        lower_all(&mut self.not_money);
        self.scales = std::mem::take(&mut self.scales)
            .into_iter()
            .map(|(w, f)| (w.trim().to_lowercase(), f))
            .collect();
        for (word, factor) in &self.scales {
            check(
                file,
                *factor >= 1.0,
                word,
                &format!("scale \"{word}\" must be at least 1"),
            )?;
        }
        Ok(())
    }
}

impl RolesFile {
    /// Validates `roles.toml` and puts its words in lower case.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        for r in &mut self.role {
            lower_all(&mut r.words);
            check(
                file,
                r.role != Role::Mention,
                "mention",
                "\"mention\" is what a reference without a role word gets; give role words a real role",
            )?;
        }
        Ok(())
    }
}

impl IssuerRules {
    /// Validates `issuers.toml`; folds the words compared without accents, lower-cases the rest.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        check(
            file,
            !self.heads.is_empty(),
            "heads",
            "heads must list at least one issuer word",
        )?;
        for (words, name) in [
            (&self.signer_titles, "signer_titles"),
            (&self.motto, "motto"),
            (&self.levels.province, "province"),
            (&self.levels.district, "district"),
            (&self.levels.commune, "commune"),
        ] {
            check(
                file,
                !words.is_empty() && words.iter().all(|w| !w.trim().is_empty()),
                name,
                &format!("{name} must list at least one word, and no empty one"),
            )?;
        }
        check(
            file,
            self.signer_titles
                .iter()
                .all(|t| !t.chars().any(char::is_lowercase)),
            "signer_titles",
            "signer_titles are matched in the capitals of a signature line: write them in capitals",
        )?;
        for v in [
            &mut self.motto,
            &mut self.motto_openers,
            &mut self.levels.province,
            &mut self.levels.district,
            &mut self.levels.commune,
        ] {
            for w in v.iter_mut() {
                *w = crate::normalize::fold(w);
            }
        }
        lower_all(&mut self.stop_words);
        self.heads_lower = self.heads.iter().map(|h| h.to_lowercase()).collect();
        longest_first(&mut self.heads_lower);
        self.short = std::mem::take(&mut self.short)
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        Ok(())
    }
}

impl SectionRules {
    /// Puts the words of `sections.toml` in lower case, longest first.
    fn prepare(&mut self, _file: &(PathBuf, String)) -> Result<(), RulesError> {
        for v in [
            &mut self.results,
            &mut self.goals,
            &mut self.goal_words,
            &mut self.goal_hints,
            &mut self.goal_names,
            &mut self.quota_words,
            &mut self.task_words,
            &mut self.frequency,
            &mut self.annex,
            &mut self.achieved,
            &mut self.directive,
            &mut self.horizon_words,
            &mut self.body_openers,
            &mut self.conditions,
            &mut self.title_or_body,
            &mut self.part_breaks,
        ] {
            lower_all(v);
            longest_first(v);
        }
        Ok(())
    }
}

impl CriteriaRules {
    /// Validates `criteria.toml` and puts its labels in lower case, longest first.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        for v in [
            &mut self.criterion,
            &mut self.requirement,
            &mut self.result,
            &mut self.evaluation,
            &mut self.summary,
        ] {
            lower_all(v);
            longest_first(v);
        }
        check(
            file,
            !self.requirement.is_empty() && !self.result.is_empty() && !self.evaluation.is_empty(),
            "requirement",
            "requirement, result and evaluation must each list at least one label",
        )?;
        Ok(())
    }
}

impl IndicatorRules {
    /// Puts the words of `indicators.toml` in lower case, longest first; folds the short
    /// forms and what they stand for.
    fn prepare(&mut self, file: &(PathBuf, String)) -> Result<(), RulesError> {
        let mut folded = HashMap::new();
        for (short, long) in &self.abbreviations {
            check(
                file,
                !short.trim().is_empty()
                    && !short.contains(char::is_whitespace)
                    && long.split_whitespace().count() >= 2,
                "abbreviations",
                &format!("`{short}` = `{long}`: a short form is one word standing for two or more"),
            )?;
            folded.insert(crate::normalize::fold(short), crate::normalize::fold(long));
        }
        self.abbreviations = folded;
        self.stop_folded = self
            .stop_words
            .iter()
            .map(|w| crate::normalize::fold(w))
            .collect();
        for v in [
            &mut self.links,
            &mut self.adverbs,
            &mut self.stop_words,
            &mut self.clause_openers,
            &mut self.quota_bases,
            &mut self.comparison_bases,
            &mut self.share_verbs,
            &mut self.excess_words,
            &mut self.level_verbs,
            &mut self.part_year,
            &mut self.level_fillers,
        ] {
            lower_all(v);
            longest_first(v);
        }
        Ok(())
    }
}

impl TableRules {
    /// Puts the words of `tables.toml` in lower case, longest first; folds those compared without accents.
    fn prepare(&mut self, _file: &(PathBuf, String)) -> Result<(), RulesError> {
        for v in [
            &mut self.unit_headers,
            &mut self.unit_captions,
            &mut self.total_rows,
            &mut self.plan_columns,
            &mut self.done_columns,
            &mut self.label_columns,
            &mut self.growth_rows,
            &mut self.max_columns,
            &mut self.score_columns,
            &mut self.nominal_rows,
            &mut self.rate_rows,
            &mut self.projection,
        ] {
            lower_all(v);
            longest_first(v);
        }
        for w in self
            .number_columns
            .iter_mut()
            .chain(self.rate_words.iter_mut())
        {
            *w = crate::normalize::fold(w);
        }
        Ok(())
    }
}

impl FigureRules {
    /// Puts the words of `figures.toml` in lower case, longest first (number words in their order).
    fn prepare(&mut self, _file: &(PathBuf, String)) -> Result<(), RulesError> {
        for v in [
            &mut self.combined,
            &mut self.complement,
            &mut self.changes,
            &mut self.date_before,
            &mut self.date_after,
            &mut self.period_leads,
            &mut self.ranks,
            &mut self.class_bounds,
            &mut self.part_leads,
            &mut self.deadline_verbs,
            &mut self.intent_words,
            &mut self.deadline_leads,
            &mut self.told_words,
            &mut self.whole_leads,
            &mut self.total_words,
            &mut self.label_words,
        ] {
            lower_all(v);
            longest_first(v);
        }
        // Kept in order: the value of a number word is its place in the list.
        lower_all(&mut self.number_words);
        Ok(())
    }
}

fn lower_all(v: &mut [String]) {
    v.iter_mut().for_each(|w| *w = w.trim().to_lowercase());
}

fn longest_first(v: &mut Vec<String>) {
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v.dedup();
}

impl Rules {
    /// The rules built into the binary (the project's `rules/` folder).
    pub fn built_in() -> &'static Rules {
        use std::sync::OnceLock;
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            let texts: Vec<(PathBuf, String)> = FILES
                .iter()
                .zip(BUILT_IN)
                .map(|(f, t)| (PathBuf::from("rules").join(f), t.to_string()))
                .collect();
            Rules::parse(&texts).expect("the built-in rules are valid (tested)")
        })
    }

    /// Loads and validates every rules file from `dir`.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        let mut texts = Vec::new();
        for f in FILES {
            let file = dir.join(f);
            let text = std::fs::read_to_string(&file).map_err(|source| RulesError::Io {
                file: file.clone(),
                source,
            })?;
            texts.push((file, text));
        }
        Rules::parse(&texts)
    }

    fn parse(texts: &[(PathBuf, String)]) -> Result<Rules, RulesError> {
        fn read<T: serde::de::DeserializeOwned>(
            file: &(PathBuf, String),
            prepare: fn(&mut T, &(PathBuf, String)) -> Result<(), RulesError>,
        ) -> Result<T, RulesError> {
            let mut t: T = parse_toml(file)?;
            prepare(&mut t, file)?;
            Ok(t)
        }
        let doc_types = prepared_doc_types(parse_toml(&texts[0])?, &texts[0])?;
        let codes = read(&texts[1], CodeRules::prepare)?;
        let units = read(&texts[2], UnitsFile::prepare)?;
        let quals = read(&texts[3], QualifiersFile::prepare)?;
        let evals = read(&texts[4], EvaluationFile::prepare)?;
        let money = read(&texts[5], MoneyRules::prepare)?;
        let roles = read(&texts[6], RolesFile::prepare)?;
        let issuers = read(&texts[7], IssuerRules::prepare)?;
        let sections = read(&texts[8], SectionRules::prepare)?;
        let criteria = read(&texts[9], CriteriaRules::prepare)?;
        let indicators = read(&texts[10], IndicatorRules::prepare)?;
        let tables = read(&texts[11], TableRules::prepare)?;
        let figures = read(&texts[12], FigureRules::prepare)?;
        Ok(Rules {
            doc_types,
            codes,
            units: units.units,
            share_units: units.share_units,
            durations: units.durations,
            qualifiers: quals.qualifier,
            evaluations: evals.evaluation,
            money,
            roles: roles.role,
            issuers,
            sections,
            criteria,
            indicators,
            tables,
            figures,
        })
    }

    /// The document type whose codes include `segment` (compared folded, upper-case, without
    /// a trailing term number: `QH15` is `QH`).
    pub fn type_for_code(&self, segment: &str) -> Option<&DocType> {
        let key = fold_upper(segment.trim_end_matches(|c: char| c.is_ascii_digit()));
        self.doc_types
            .iter()
            .find(|t| t.codes.iter().any(|c| fold_upper(c) == key))
    }

    /// The document type named `name` (compared folded).
    pub fn type_named(&self, name: &str) -> Option<&DocType> {
        let key = crate::normalize::fold(name);
        self.doc_types
            .iter()
            .find(|t| crate::normalize::fold(&t.name) == key)
    }

    /// The canonical spelling of one code segment.
    ///
    /// A segment that is no known code but becomes one when letters printed twice are read
    /// once (`QĐĐ` → `QĐ`: OCR of bold type often doubles a letter) takes that code.
    pub fn canonical_segment(&self, segment: &str) -> String {
        if let Some(known) = self.known_segment(segment) {
            return known;
        }
        let mut once = String::with_capacity(segment.len());
        for c in segment.chars() {
            if !(c.is_alphabetic() && once.ends_with(c)) {
                once.push(c);
            }
        }
        if once != segment {
            if let Some(known) = self.known_segment(&once) {
                return known;
            }
        }
        segment.to_uppercase()
    }

    /// The canonical spelling of a code segment the rules know.
    fn known_segment(&self, segment: &str) -> Option<String> {
        let key = fold_upper(segment);
        if let Some(s) = self.codes.spellings.get(&key) {
            return Some(s.clone());
        }
        self.doc_types
            .iter()
            .flat_map(|t| &t.codes)
            .find(|c| fold_upper(c) == key)
            .cloned()
    }
}

fn fold_upper(s: &str) -> String {
    crate::normalize::fold(s).to_uppercase()
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    (file, text): &(PathBuf, String),
) -> Result<T, RulesError> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        RulesError::Invalid {
            file: file.clone(),
            line,
            message: e.message().trim().to_string(),
        }
    })
}

fn invalid((file, text): &(PathBuf, String), needle: &str, message: &str) -> RulesError {
    let line = text
        .lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or(1);
    RulesError::Invalid {
        file: file.clone(),
        line,
        message: message.to_string(),
    }
}

fn check(
    file: &(PathBuf, String),
    ok: bool,
    needle: &str,
    message: &str,
) -> Result<(), RulesError> {
    if ok {
        Ok(())
    } else {
        Err(invalid(file, needle, message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in_texts() -> Vec<(PathBuf, String)> {
        FILES
            .iter()
            .zip(BUILT_IN)
            .map(|(f, t)| (PathBuf::from("rules").join(f), t.to_string()))
            .collect()
    }

    fn with(file: &str, from: &str, to: &str) -> Result<Rules, RulesError> {
        let mut texts = built_in_texts();
        let t = texts
            .iter_mut()
            .find(|(p, _)| p.ends_with(file))
            .expect("a rules file");
        assert!(t.1.contains(from), "{file} holds {from}");
        t.1 = t.1.replacen(from, to, 1);
        Rules::parse(&texts)
    }

    #[test]
    fn the_built_in_rules_load() {
        let r = Rules::parse(&built_in_texts()).expect("built-in rules");
        assert!(!r.issuers.signer_titles.is_empty());
        // Level words are folded at load, as the issuer they are looked for in.
        assert!(r.issuers.levels.district.iter().any(|w| w == "thi xa"));
    }

    #[test]
    fn an_empty_list_is_refused_with_its_file_and_name() {
        let e = with(
            "issuers.toml",
            "commune = [\"xã\", \"phường\", \"thị trấn\"]",
            "commune = []",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("issuers.toml") && msg.contains("commune"),
            "{msg}"
        );
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let e = with("figures.toml", "label_words =", "label_wordz =").unwrap_err();
        match e {
            RulesError::Invalid { file, line, .. } => {
                assert!(file.ends_with("figures.toml"));
                assert!(line > 1, "the line of the key, not the whole file");
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn signer_titles_must_be_written_in_capitals() {
        let e = with("issuers.toml", "\"CHỦ TỊCH\"", "\"Chủ tịch\"").unwrap_err();
        assert!(e.to_string().contains("signer_titles"), "{e}");
    }
}
