//! Extraction vocabulary, kept as data in `rules/*.toml`, loaded and validated at start.
//!
//! The copies in the project's `rules/` folder are built into the binary, so vanban works
//! from anywhere; `--rules DIR` loads a user's own copy instead (every file must be there).
//! Each file is checked when loaded: a TOML error or a bad value is reported with the file,
//! the line and what is wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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

/// The kinds a document can be.
pub const KINDS: [&str; 5] = ["report", "plan", "decision", "letter", "other"];
/// The comparators a qualifier can mean.
pub const COMPARATORS: [&str; 6] = [">=", ">", "<=", "<", "~", "="];
/// The roles a citing sentence can give.
pub const ROLES: [&str; 5] = ["legal_basis", "implements", "replaces", "amends", "repeals"];
/// The verdicts of evaluation words.
pub const VERDICTS: [&str; 3] = ["met", "not_met", "exceeded"];

/// A document type (`rules/doc_types.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocType {
    /// The type in words (`Quyết định`).
    pub name: String,
    /// `report`, `plan`, `decision`, `letter` or `other`.
    pub kind: String,
    /// First code segments that mark this type (`QĐ`).
    pub codes: Vec<String>,
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
}

/// A qualifier (`rules/qualifiers.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    /// The words.
    pub words: Vec<String>,
    /// What they mean.
    pub comparator: String,
    /// `before` or `after` the number.
    pub position: String,
}

/// Evaluation words (`rules/evaluation.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The words.
    pub words: Vec<String>,
    /// `met`, `not_met` or `exceeded`.
    pub verdict: String,
}

/// Money words (`rules/money.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyRules {
    /// Currency words.
    pub currency: Vec<String>,
    /// Words before a scaled amount that make it money.
    pub lead_words: Vec<String>,
    /// Words after `đồng` that make it another word.
    pub not_money: Vec<String>,
    /// Scale words and their factors.
    pub scales: HashMap<String, f64>,
}

/// Role words (`rules/roles.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleWords {
    /// The words.
    pub words: Vec<String>,
    /// The role they give.
    pub role: String,
}

/// Issuer phrases (`rules/issuers.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerRules {
    /// Words that start an issuer after `của`.
    pub heads: Vec<String>,
    /// Words that end it.
    pub stop_words: Vec<String>,
}

/// All rules, validated.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Document types, longest name first.
    pub doc_types: Vec<DocType>,
    /// Type-code rules.
    pub codes: CodeRules,
    /// Unit nouns, longest first.
    pub units: Vec<String>,
    /// Units whose fractions are shares of a whole (never over 100%).
    pub share_units: Vec<String>,
    /// Qualifiers.
    pub qualifiers: Vec<Qualifier>,
    /// Evaluation words.
    pub evaluations: Vec<Evaluation>,
    /// Money words.
    pub money: MoneyRules,
    /// Role words.
    pub roles: Vec<RoleWords>,
    /// Issuer phrases.
    pub issuers: IssuerRules,
}

/// The rules files, in the order they are loaded.
pub const FILES: [&str; 8] = [
    "doc_types.toml",
    "codes.toml",
    "units.toml",
    "qualifiers.toml",
    "evaluation.toml",
    "money.toml",
    "roles.toml",
    "issuers.toml",
];

const BUILT_IN: [&str; 8] = [
    include_str!("../rules/doc_types.toml"),
    include_str!("../rules/codes.toml"),
    include_str!("../rules/units.toml"),
    include_str!("../rules/qualifiers.toml"),
    include_str!("../rules/evaluation.toml"),
    include_str!("../rules/money.toml"),
    include_str!("../rules/roles.toml"),
    include_str!("../rules/issuers.toml"),
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
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    qualifier: Vec<Qualifier>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EvaluationFile {
    evaluation: Vec<Evaluation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    role: Vec<RoleWords>,
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
        let doc: DocTypesFile = parse_toml(&texts[0])?;
        let codes: CodeRules = parse_toml(&texts[1])?;
        let mut units: UnitsFile = parse_toml(&texts[2])?;
        let mut quals: QualifiersFile = parse_toml(&texts[3])?;
        let evals: EvaluationFile = parse_toml(&texts[4])?;
        let mut money: MoneyRules = parse_toml(&texts[5])?;
        let roles: RolesFile = parse_toml(&texts[6])?;
        let issuers: IssuerRules = parse_toml(&texts[7])?;

        let mut doc_types = doc.types;
        let mut seen = HashMap::new();
        for t in &doc_types {
            check(
                &texts[0],
                !t.name.trim().is_empty(),
                "name",
                "a document type has an empty name",
            )?;
            check(
                &texts[0],
                KINDS.contains(&t.kind.as_str()),
                &format!("\"{}\"", t.kind),
                &format!(
                    "kind \"{}\" of \"{}\" is not one of {:?}",
                    t.kind, t.name, KINDS
                ),
            )?;
            let key = crate::normalize::fold(&t.name);
            if let Some(prev) = seen.insert(key, t.name.clone()) {
                return Err(invalid(
                    &texts[0],
                    &t.name,
                    &format!(
                        "document type \"{}\" is listed twice (also as \"{prev}\")",
                        t.name
                    ),
                ));
            }
        }
        doc_types.sort_by_key(|t| std::cmp::Reverse(t.name.chars().count()));

        check(
            &texts[1],
            codes.max_segment >= 2 && codes.max_segment <= 20,
            "max_segment",
            "max_segment must be between 2 and 20",
        )?;

        // Words are matched against lower-cased text: store them lower-cased once, here.
        let lower = |v: &mut Vec<String>| v.iter_mut().for_each(|w| *w = w.to_lowercase());
        lower(&mut units.units);
        lower(&mut units.share_units);
        quals.qualifier.iter_mut().for_each(|q| lower(&mut q.words));
        lower(&mut money.lead_words);
        lower(&mut money.not_money);
        let mut unit_list = units.units.clone();
        for u in &unit_list {
            check(&texts[2], !u.trim().is_empty(), "units", "a unit is empty")?;
        }
        unit_list.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        unit_list.dedup();

        for q in &quals.qualifier {
            check(
                &texts[3],
                COMPARATORS.contains(&q.comparator.as_str()),
                &format!("\"{}\"", q.comparator),
                &format!(
                    "comparator \"{}\" is not one of {:?}",
                    q.comparator, COMPARATORS
                ),
            )?;
            check(
                &texts[3],
                q.position == "before" || q.position == "after",
                &format!("\"{}\"", q.position),
                &format!(
                    "position \"{}\" must be \"before\" or \"after\"",
                    q.position
                ),
            )?;
            check(
                &texts[3],
                q.words.iter().all(|w| !w.trim().is_empty()),
                "words",
                "a qualifier word is empty",
            )?;
        }
        for e in &evals.evaluation {
            check(
                &texts[4],
                VERDICTS.contains(&e.verdict.as_str()),
                &format!("\"{}\"", e.verdict),
                &format!("verdict \"{}\" is not one of {:?}", e.verdict, VERDICTS),
            )?;
        }
        for (word, factor) in &money.scales {
            check(
                &texts[5],
                *factor >= 1.0,
                word,
                &format!("scale \"{word}\" must be at least 1"),
            )?;
        }
        for r in &roles.role {
            check(
                &texts[6],
                ROLES.contains(&r.role.as_str()),
                &format!("\"{}\"", r.role),
                &format!("role \"{}\" is not one of {:?}", r.role, ROLES),
            )?;
        }
        check(
            &texts[7],
            !issuers.heads.is_empty(),
            "heads",
            "heads must list at least one issuer word",
        )?;
        Ok(Rules {
            doc_types,
            codes,
            units: unit_list,
            share_units: units.share_units,
            qualifiers: quals.qualifier,
            evaluations: evals.evaluation,
            money,
            roles: roles.role,
            issuers,
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
    pub fn canonical_segment(&self, segment: &str) -> String {
        let key = fold_upper(segment);
        if let Some(s) = self.codes.spellings.get(&key) {
            return s.clone();
        }
        for t in &self.doc_types {
            for c in &t.codes {
                if fold_upper(c) == key {
                    return c.clone();
                }
            }
        }
        segment.to_uppercase()
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
            message: e.message().to_string(),
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
