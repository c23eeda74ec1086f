//! Rules are data: loaded from `rules/`, validated with file and line, and a new document type
//! or unit is an edit to a rules file, not to code.

use std::path::{Path, PathBuf};

use vanban::extract::Extractor;
use vanban::rules::{Rules, RulesError, FILES};

fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")
}

fn copy_rules(to: &Path) {
    for f in FILES {
        std::fs::copy(rules_dir().join(f), to.join(f)).unwrap();
    }
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

#[test]
fn the_rules_folder_loads_and_matches_the_built_in_rules() {
    let loaded = Rules::load(&rules_dir()).unwrap();
    let built_in = Rules::built_in();
    assert_eq!(loaded.doc_types.len(), built_in.doc_types.len());
    assert_eq!(loaded.units, built_in.units);
    assert!(loaded.doc_types.len() >= 15);
}

#[test]
fn a_new_document_type_and_unit_are_a_rules_edit() {
    let text = "Thực hiện Lệnh điều động số 15/LĐĐ-TTg ngày 03/3/2024, đã kiểm tra 3/5 máy chủ.\n";
    // Before: the code is unknown, so the id is read as a Công văn, and only the shorter
    // unit "máy" is known.
    let before = Extractor::built_in().extract_text(text);
    assert_eq!(before.references[0].doc_type.as_deref(), Some("Công văn"));
    assert_eq!(before.fractions[0].unit.as_deref(), Some("máy"));

    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    append(
        &dir.path().join("doc_types.toml"),
        "\n[[type]]\nname = \"Lệnh điều động\"\nkind = \"other\"\ncodes = [\"LĐĐ\"]\n",
    );
    let units = dir.path().join("units.toml");
    let s = std::fs::read_to_string(&units)
        .unwrap()
        .replace("units = [", "units = [\n  \"máy chủ\",");
    std::fs::write(&units, s).unwrap();

    let ex = Extractor::new(Rules::load(dir.path()).unwrap());
    let after = ex.extract_text(text);
    assert_eq!(after.references[0].id, "15/LĐĐ-TTg");
    assert_eq!(
        after.references[0].doc_type.as_deref(),
        Some("Lệnh điều động")
    );
    assert_eq!(
        after.references[0].text,
        "Lệnh điều động số 15/LĐĐ-TTg ngày 03/3/2024"
    );
    assert_eq!(after.fractions[0].unit.as_deref(), Some("máy chủ"));
}

#[test]
fn a_bad_value_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    let path = dir.path().join("doc_types.toml");
    let s = std::fs::read_to_string(&path).unwrap();
    let line = s.lines().position(|l| l == "kind = \"plan\"").unwrap() + 1;
    std::fs::write(
        &path,
        s.replacen("kind = \"plan\"", "kind = \"kế hoạch\"", 1),
    )
    .unwrap();
    let err = Rules::load(dir.path()).unwrap_err();
    match &err {
        RulesError::Invalid {
            file,
            line: l,
            message,
        } => {
            assert_eq!(file, &path);
            assert_eq!(*l, line);
            assert!(
                message.contains("kế hoạch") && message.contains("report"),
                "{message}"
            );
        }
        other => panic!("{other}"),
    }
    assert!(err
        .to_string()
        .starts_with(&format!("{}:{line}:", path.display())));
}

#[test]
fn a_toml_syntax_error_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    let path = dir.path().join("qualifiers.toml");
    append(
        &path,
        "\n[[qualifier]]\nwords = [\"quá\"\ncomparator = \">\"\n",
    );
    let n = std::fs::read_to_string(&path).unwrap().lines().count();
    let err = Rules::load(dir.path()).unwrap_err();
    let RulesError::Invalid { line, .. } = err else {
        panic!("{err}")
    };
    assert!(line >= n - 2, "line {line} of {n}");
}

#[test]
fn unknown_fields_and_missing_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    append(
        &dir.path().join("roles.toml"),
        "\n[[role]]\nwords = [\"dựa trên\"]\nrole = \"legal_basis\"\nweight = 2\n",
    );
    let err = Rules::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("roles.toml") && err.contains("weight"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("units.toml")).unwrap();
    let err = Rules::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("units.toml") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn summary_words_too_many_for_the_pattern_engine_are_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    copy_rules(dir.path());
    let path = dir.path().join("criteria.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // Twenty thousand distinct nouns of thirty letters: far past the engine's size limit.
    let words: Vec<String> = (0..20_000u32)
        .map(|i| {
            let tail: String = (0..6)
                .map(|k| (b'a' + ((i >> (k * 3)) & 7) as u8 + (k as u8)) as char)
                .collect();
            format!("\"{}{tail}\"", "tieuchi".repeat(3))
        })
        .collect();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with("summary") {
                format!("summary = [{}]", words.join(", "))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text).unwrap();
    let rules = Rules::load(dir.path()).unwrap();
    let err = Extractor::try_new(rules).unwrap_err().to_string();
    assert!(
        err.contains("criteria.toml") && err.contains("summary words"),
        "{err}"
    );
}
