//! The checks against what a careful auditor flags, read by hand into the gold of every corpus
//! document (`corpus/gold/*.json`, field `findings`): each planted error fires on its line, and
//! the near misses beside it (a correct sum, a summary that agrees, an `Đạt` the figures bear
//! out) stay silent. Also `vanban check` itself: exit codes, JSON, CSV, targets from the index.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vanban::extract::Extractor;
use vanban::model::{Comparator, Evaluation, Extract, FindingKind, ResultKind, Severity};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn analyze(path: &Path) -> Extract {
    let doc = vanban::load(path, &Default::default()).unwrap();
    vanban::analyze(&doc, Extractor::built_in())
}

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// The document beside a gold file.
fn document_of(gold: &Path) -> Option<PathBuf> {
    let stem = gold.file_stem()?.to_string_lossy().into_owned();
    let dir = gold.parent()?.parent()?;
    std::fs::read_dir(dir).ok()?.find_map(|e| {
        let p = e.ok()?.path();
        (p.is_file() && p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)).then_some(p)
    })
}

/// Every error and warning vanban finds in every corpus document is one the gold lists, on its
/// line (give or take one), and every finding the gold lists is found; `target_missed` needs an
/// index (tested below) and `rounding_truncation` is an info.
#[test]
fn findings_are_where_the_gold_puts_them_and_nowhere_else() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in [
        root().join("corpus/gold"),
        root().join("corpus/encodings/gold"),
    ] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let gold_path = entry.unwrap().path();
            if gold_path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
            let Some(doc) = document_of(&gold_path) else {
                continue;
            };
            let want: BTreeSet<(u64, String)> = gold["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    (
                        f["line"].as_u64().unwrap(),
                        f["kind"].as_str().unwrap().to_string(),
                    )
                })
                .filter(|(_, k)| k != "target_missed" && k != "rounding_truncation")
                .collect();
            let got: BTreeSet<(u64, String)> = analyze(&doc)
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .map(|f| (f.line as u64, f.kind.to_string()))
                .collect();
            let near = |a: &(u64, String), set: &BTreeSet<(u64, String)>| {
                set.iter().any(|b| b.1 == a.1 && a.0.abs_diff(b.0) <= 1)
            };
            let missed: Vec<_> = want.iter().filter(|w| !near(w, &got)).collect();
            let extra: Vec<_> = got.iter().filter(|g| !near(g, &want)).collect();
            if !missed.is_empty() || !extra.is_empty() {
                failures.push(format!(
                    "{}: missed {missed:?}, extra {extra:?}",
                    doc.display()
                ));
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} documents with gold");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_kind_of_finding_has_a_planted_case() {
    // The corpus holds at least one document that must raise each kind a document alone can
    // raise; the test above makes sure each fires there.
    let mut kinds = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("corpus/gold")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let g: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for f in g["findings"].as_array().into_iter().flatten() {
                kinds.insert(f["kind"].as_str().unwrap().to_string());
            }
        }
    }
    for k in [
        FindingKind::PercentMismatch,
        FindingKind::ImplausibleOver100,
        FindingKind::SumMismatch,
        FindingKind::CountMismatch,
        FindingKind::EvaluationContradictsFigures,
        FindingKind::ImplausibleDate,
    ] {
        assert!(kinds.contains(k.as_str()), "no planted {k}");
    }
}

#[test]
fn results_link_figures_requirements_and_evaluations() {
    let ex = analyze(&root().join("corpus/bao-cao-so-lieu-xa-phu-hiep.txt"));
    let r = ex.results.iter().find(|r| r.line == 13).unwrap();
    assert_eq!(r.kind, ResultKind::Share);
    assert_eq!(
        (
            r.numerator,
            r.denominator,
            r.stated_percent,
            r.computed_percent
        ),
        (Some(1250.0), Some(2300.0), Some(58.35), Some(54.35))
    );
    assert!(
        r.indicator.starts_with("hồ sơ trực tuyến"),
        "{}",
        r.indicator
    );
    assert_eq!(r.section, "I > 1");
    let quota = ex
        .results
        .iter()
        .find(|r| r.numerator == Some(150.0))
        .unwrap();
    assert_eq!(quota.kind, ResultKind::Quota);
    // The criterion block: its result carries the evaluation and the requirement's line, and
    // the requirement is a target of context `criterion` on that line.
    let c = ex
        .results
        .iter()
        .find(|r| r.kind == ResultKind::Criterion && r.line == 36)
        .unwrap();
    // Named by its own words, as the gold reads it.
    assert_eq!(c.indicator, "hộ gia đình có điện thoại thông minh");
    assert_eq!(
        (c.evaluation, c.evaluation_line, c.target_line),
        (Some(Evaluation::Met), Some(37), Some(35))
    );
    let req = ex.targets.iter().find(|t| t.line == 35).unwrap();
    assert_eq!((req.comparator, req.value), (Comparator::Ge, 80.0));
    let foot = ex
        .results
        .iter()
        .find(|r| r.footnote.is_some() && r.stated_percent == Some(51.1))
        .unwrap()
        .footnote
        .as_ref()
        .unwrap();
    assert_eq!(
        (foot.numerator, foot.denominator, foot.line),
        (17858.0, 34947.0, 21)
    );
}

/// (line, comparator, value, upper value, horizon)
type TargetRow = (usize, Comparator, f64, Option<f64>, Option<i32>);

#[test]
fn targets_of_a_plan_with_comparator_and_horizon() {
    let ex = analyze(&root().join("corpus/ke-hoach-cds-2024-xa-my-hoa.txt"));
    let t: Vec<TargetRow> = ex
        .targets
        .iter()
        .filter(|t| t.unit == "%")
        .map(|t| (t.line, t.comparator, t.value, t.value_max, t.horizon))
        .collect();
    use Comparator::*;
    assert_eq!(
        t,
        [
            (24, Ge, 80.0, None, Some(2024)),
            (25, Ge, 100.0, None, Some(2024)),
            (26, Ge, 90.0, None, Some(2024)),
            (28, Gt, 55.0, None, Some(2024)),
            (29, Ge, 7.0, None, Some(2024)),
            (31, Ge, 60.0, None, Some(2024)),
            (32, Ge, 95.0, None, Some(2024)),
            (33, Between, 15.0, Some(20.0), Some(2024)),
            (35, Ge, 20.0, None, Some(2030)),
            (43, Ge, 100.0, None, Some(2024)),
        ]
    );
    assert_eq!(
        ex.targets[0].indicator,
        "hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến"
    );
    assert_eq!(ex.targets[0].section, "II > 1 > a");
    assert!(
        ex.results.iter().all(|r| r.kind != ResultKind::Percent),
        "a plan's percentages are targets, not results"
    );
}

#[test]
fn check_exit_codes_json_and_csv() {
    // Findings do not change the exit code; --fail-on makes them gate a batch (exit 4).
    let o = vanban(&["check", "corpus/bao-cao-so-lieu-xa-phu-hiep.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let gated = vanban(&[
        "check",
        "--fail-on",
        "error",
        "corpus/bao-cao-so-lieu-xa-phu-hiep.txt",
    ]);
    assert_eq!(gated.status.code(), Some(4));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains(
            "44.956/5.022 = 895,2%, văn bản ghi 898,7%; tỷ lệ trên tổng số công dân không thể vượt quá 100%"
        ),
        "{out}"
    );
    let o = vanban(&[
        "check",
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        "corpus/bao-cao-tieu-chi-xa-tan-my.txt",
        "--fail-on",
        "error",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = vanban(&["check", "--json", "corpus/bao-cao-so-lieu-xa-phu-hiep.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        9,
        "info findings only with --all"
    );
    let o = vanban(&[
        "check",
        "--csv",
        "--all",
        "--lang",
        "en",
        "corpus/bao-cao-so-lieu-xa-phu-hiep.txt",
    ]);
    assert!(
        o.stdout.starts_with(b"\xEF\xBB\xBF"),
        "CSV starts with a UTF-8 BOM for Excel"
    );
    let csv = String::from_utf8(o.stdout[3..].to_vec()).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "path,line,severity,kind,message");
    assert_eq!(rows.len(), 11);
    assert!(rows.iter().any(|r| r.contains(
        "\"the total is 2.560 văn bản, but the parts add up to 2.210 + 330 = 2.540 (off by 20)\""
    )));
}

#[test]
fn check_with_an_index_finds_missed_targets_of_the_cited_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let o = vanban(&["ingest", "corpus", "--index", index.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = vanban(&[
        "check",
        "--json",
        "--index",
        index.to_str().unwrap(),
        "corpus/bao-cao-cds-2024-xa-my-hoa.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "target_missed is a warning");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(u64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (13, "target_missed".to_string()),
            (17, "target_missed".to_string())
        ]
    );
    let msg = v[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("64,3% so với mục tiêu >= 80% của 27/KH-UBND (dòng 24)"),
        "{msg}"
    );
    assert!(msg.contains("báo cáo dẫn chiếu kế hoạch"), "{msg}");
    // `extract --index` gives the same findings inside the document's facts; without the index
    // it cannot know the plan.
    let kinds = |args: &[&str]| -> Vec<(u64, String)> {
        let o = vanban(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "target_missed")
            .map(|f| (f["line"].as_u64().unwrap(), f["message"].to_string()))
            .collect()
    };
    let with = kinds(&[
        "extract",
        "--index",
        index.to_str().unwrap(),
        "corpus/bao-cao-cds-2024-xa-my-hoa.txt",
    ]);
    assert_eq!(with.iter().map(|f| f.0).collect::<Vec<_>>(), [13, 17]);
    assert!(with[0].1.contains("27/KH-UBND"), "{}", with[0].1);
    assert!(kinds(&["extract", "corpus/bao-cao-cds-2024-xa-my-hoa.txt"]).is_empty());
}

#[test]
fn indicators_judge_results_only_against_targets_that_bind_them() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    assert!(
        vanban(&["ingest", "corpus", "--index", index.to_str().unwrap()])
            .status
            .success()
    );
    let groups = vanban::index::query::indicators(&index, Extractor::built_in().rules()).unwrap();
    let my_hoa = |word: &str| {
        groups
            .iter()
            .find(|g| {
                g.place.as_deref() == Some("Mỹ Hòa")
                    && vanban::normalize::fold(&g.indicator).contains(word)
            })
            .unwrap_or_else(|| panic!("no group for {word}"))
    };
    let online = my_hoa("xu ly hoan toan truc tuyen");
    assert_eq!(online.targets[0].plan, "27/KH-UBND");
    assert_eq!(
        (online.targets[0].value, online.targets[0].horizon),
        (80.0, Some(2024))
    );
    assert_eq!(
        (online.results[0].value, online.results[0].met),
        (64.3, Some(false))
    );
    assert!(online.results[0]
        .judged_against
        .as_deref()
        .is_some_and(|j| j.starts_with("27/KH-UBND line 24")));
    let fibre = my_hoa("cap quang");
    assert_eq!(
        (fibre.results[0].value, fibre.results[0].met),
        (96.2, Some(true))
    );
    // No result is judged against a plan of another place that it does not cite.
    for g in &groups {
        for r in g.results.iter().filter(|r| r.met.is_some()) {
            let j = r.judged_against.as_deref().unwrap();
            assert!(
                j.contains("dẫn chiếu kế hoạch") || j.contains("cùng địa bàn"),
                "{j}"
            );
        }
    }
    let o = vanban(&["indicators", "--csv", "--index", index.to_str().unwrap()]);
    assert!(o.stdout.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(o.stdout[3..].to_vec()).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains("Mỹ Hòa,result,141/BC-UBND,,64.3,2024-12-16,13,no")),
        "{csv}"
    );
}
