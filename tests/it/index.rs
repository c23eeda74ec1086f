//! The index on `corpus/`: accent-insensitive and phrase search, filters, `cites` in any
//! spelling, `refs` resolution, incremental reruns, removal, bad files, the writer lock, a
//! killed ingest, the graph and the export.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vanban::extract::Extractor;
use vanban::index::query::{self, SearchOptions};
use vanban::index::{ingest, IngestOptions, Summary};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the corpus (documents only) in a temporary folder named `corpus`.
fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("corpus");
    copy_dir(&root().join("corpus"), &dst);
    (tmp, dst)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            copy_dir(&p, &to.join(p.file_name().unwrap()));
        } else {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// Number of document files in the bundled corpus.
fn corpus_docs() -> usize {
    vanban::walk::walk(&[root().join("corpus")])
        .into_iter()
        .filter(|f| matches!(f, vanban::walk::Found::Document(_)))
        .count()
}

fn run(dir: &Path, index: &Path) -> Summary {
    ingest(
        &[dir.to_path_buf()],
        &IngestOptions::new(index.to_path_buf()),
        Extractor::built_in(),
        &|_| {},
    )
    .unwrap()
}

fn search(index: &Path, q: &str) -> Vec<String> {
    let opts = SearchOptions {
        query: q.into(),
        limit: 100,
        ..Default::default()
    };
    query::search(index, &opts, Extractor::built_in())
        .unwrap()
        .hits
        .into_iter()
        .map(|h| short(&h.key))
        .collect()
}

/// A key without the temporary folder it lies in (`corpus/x.md`): keys are absolute paths.
fn short(key: &str) -> String {
    let tmp = std::env::temp_dir().canonicalize().unwrap();
    let rest = Path::new(key)
        .strip_prefix(&tmp)
        .unwrap_or_else(|_| panic!("{key} is an absolute path in the temporary folder"));
    // Past the test's own `.tmpXXXXXX` folder.
    let mut parts = rest.components();
    parts.next();
    parts.as_path().to_string_lossy().into_owned()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn accent_insensitive_search_finds_the_same_documents() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    let s = run(&corpus, &index);
    assert_eq!((s.added, s.failed.len()), (corpus_docs(), 0));
    let a = sorted(search(&index, "chuyen doi so"));
    let b = sorted(search(&index, "chuyển đổi số"));
    let c = sorted(search(&index, "CHUYỂN ĐỔI SỐ"));
    assert!(a.len() >= 10, "{a:?}");
    assert_eq!(a, b);
    assert_eq!(a, c);
    // Old- and new-style tones meet: the notice writes "hoà mạng".
    assert_eq!(
        sorted(search(&index, "hòa mạng")),
        sorted(search(&index, "hoà mạng"))
    );
    assert_eq!(search(&index, "\"hoa mang\"").len(), 8);
}

#[test]
fn accents_in_the_query_rank_exact_spellings_first() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Ban chỉ đạo họp với ban ngành về ban hành quy chế.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        "Bản kế hoạch và bản báo cáo, bản sao gửi các đơn vị.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    run(&docs, &index);
    assert_eq!(search(&index, "bản"), ["docs/b.txt", "docs/a.txt"]);
    assert_eq!(search(&index, "ban"), ["docs/a.txt", "docs/b.txt"]);
}

#[test]
fn phrase_and_boolean_queries() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let phrase = sorted(search(&index, "\"dịch vụ công trực tuyến\""));
    assert!(phrase.contains(&"corpus/bao-cao-6-thang-2024-tinh-an-giang.pdf.txt".to_string()));
    assert!(!phrase.contains(&"corpus/danh-muc-van-ban-cds-2024.txt".to_string()));
    let words = search(&index, "dich vu cong truc tuyen");
    assert!(words.len() >= phrase.len());
    let not = search(&index, "chuyen doi so -OCOP");
    assert!(!not.contains(&"corpus/bao-cao-cds-2023-huyen-an-phu.md".to_string()));
    let or = search(&index, "eCabinet OR OCOP");
    assert!(or.contains(&"corpus/bao-cao-cds-2023-huyen-an-phu.md".to_string()));
}

#[test]
fn filters_kind_year_issuer_place_cites() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let find = |o: SearchOptions| {
        sorted(
            query::search(
                &index,
                &SearchOptions { limit: 100, ..o },
                Extractor::built_in(),
            )
            .unwrap()
            .hits
            .into_iter()
            .map(|h| short(&h.key))
            .collect(),
        )
    };
    // The kinds the gold gives each document, read by hand.
    let gold_kind = |kind: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(root().join("corpus/gold"))
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                let g: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(&p).ok()?).ok()?;
                (g["own"]["kind"] == kind).then(|| {
                    let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
                    std::fs::read_dir(root().join("corpus"))
                        .unwrap()
                        .map(|e| e.unwrap().path())
                        .find(|d| {
                            d.is_file()
                                && d.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                        })
                        .map(|d| format!("corpus/{}", d.file_name().unwrap().to_string_lossy()))
                })?
            })
            .collect();
        v.sort();
        v
    };
    let plans = find(SearchOptions {
        kind: Some("plan".into()),
        ..Default::default()
    });
    assert!(plans.contains(&"corpus/ke-hoach-cds-2024-xa-my-hoa.txt".to_string()));
    assert_eq!(plans, gold_kind("plan"));
    assert_eq!(
        find(SearchOptions {
            kind: Some("kế hoạch".into()),
            ..Default::default()
        }),
        plans
    );
    let decisions = find(SearchOptions {
        kind: Some("decision".into()),
        ..Default::default()
    });
    assert!(decisions.contains(&"corpus/quyet-dinh-quy-che-ban-chi-dao.txt".to_string()));
    assert_eq!(decisions, gold_kind("decision"));
    let y2020 = find(SearchOptions {
        year: Some(2020),
        ..Default::default()
    });
    assert!(y2020.contains(&"corpus/bao-cao-cds-2023-huyen-an-phu.md".to_string()));
    assert!(!y2020.contains(&"corpus/danh-muc-van-ban-cds-2024.txt".to_string()));
    let place = find(SearchOptions {
        place: Some("my hoa".into()),
        ..Default::default()
    });
    // The commune's plan (and its PDF) and its report on that plan.
    assert_eq!(
        place,
        [
            "corpus/bao-cao-cds-2024-xa-my-hoa.txt",
            "corpus/ke-hoach-cds-2024-xa-my-hoa.lo.pdf",
            "corpus/ke-hoach-cds-2024-xa-my-hoa.txt"
        ]
    );
    let issuer = find(SearchOptions {
        issuer: Some("xã Tân Mỹ".into()),
        ..Default::default()
    });
    assert_eq!(issuer, ["corpus/bao-cao-tieu-chi-xa-tan-my.txt"]);
    let citing = find(SearchOptions {
        query: "chuyen doi so".into(),
        cites: Some("1520/qđ-ubnd".into()),
        ..Default::default()
    });
    assert_eq!(
        citing,
        [
            "corpus/bao-cao-cds-2023-huyen-an-phu.md",
            "corpus/ke-hoach-cds-2024-xa-my-hoa.lo.pdf",
            "corpus/ke-hoach-cds-2024-xa-my-hoa.txt"
        ]
    );
}

#[test]
fn cites_in_any_spelling_with_line_and_sentence() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let mut seen = None;
    for spelling in ["2198/KH-UBND", "2198 /KH – UBND", "2198/kh-ubnd"] {
        let r = query::cites(&index, spelling, Extractor::built_in()).unwrap();
        assert_eq!(r.id, "2198/KH-UBND");
        let found: Vec<(String, usize)> = r
            .groups
            .iter()
            .flat_map(|g| g.citations.iter().map(|c| (c.key.clone(), c.line)))
            .collect();
        if let Some(prev) = &seen {
            assert_eq!(&found, prev);
        }
        seen = Some(found);
        assert!(!r.ambiguous);
    }
    let r = query::cites(&index, "2198/KH-UBND", Extractor::built_in()).unwrap();
    assert_eq!(r.documents, 3);
    let c = &r.groups[0]
        .citations
        .iter()
        .find(|c| c.key.ends_with(".docx"))
        .unwrap();
    assert_eq!(c.line, 7);
    assert!(
        c.sentence
            .starts_with("Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022"),
        "{}",
        c.sentence
    );
}

#[test]
fn one_number_cited_with_two_years_is_grouped_and_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2022 của Ủy ban nhân dân huyện.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("b.txt"),
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 08/01/2024 của Ủy ban nhân dân huyện.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("c.txt"),
        "Theo Kế hoạch số 15/KH-UBND ngày 10/01/2022.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    run(&docs, &index);
    let r = query::cites(&index, "15/KH-UBND", Extractor::built_in()).unwrap();
    assert!(r.ambiguous);
    let groups: Vec<(Option<i32>, usize)> = r
        .groups
        .iter()
        .map(|g| (g.year, g.citations.len()))
        .collect();
    assert_eq!(groups, [(Some(2022), 2), (Some(2024), 1)]);
    let out = vanban(&["cites", "15/kh-ubnd", "--index", index.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("may name different documents"));
}

#[test]
fn refs_marks_references_that_resolve_to_indexed_documents() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let (key, refs) = query::refs(
        &index,
        corpus
            .join("ke-hoach-cds-2024-xa-my-hoa.txt")
            .to_str()
            .unwrap(),
        Extractor::built_in(),
    )
    .unwrap();
    assert_eq!(short(&key), "corpus/ke-hoach-cds-2024-xa-my-hoa.txt");
    let r1520 = refs
        .iter()
        .find(|r| r.reference.id == "1520/QĐ-UBND")
        .unwrap();
    assert_eq!(
        r1520.resolved.iter().map(|k| short(k)).collect::<Vec<_>>(),
        ["corpus/quyet-dinh-quy-che-ban-chi-dao.txt"]
    );
    assert!(refs
        .iter()
        .find(|r| r.reference.id == "52-NQ/TW")
        .unwrap()
        .resolved
        .is_empty());
    // By own number too.
    let (key, _) = query::refs(&index, "1520/qđ-ubnd", Extractor::built_in()).unwrap();
    assert_eq!(short(&key), "corpus/quyet-dinh-quy-che-ban-chi-dao.txt");
    // Both ways: the decision is cited by the plan.
    let g = query::graph(&index).unwrap();
    assert!(g.edges.iter().any(
        |e| short(&e.from) == "corpus/ke-hoach-cds-2024-xa-my-hoa.txt"
            && short(&e.to) == "corpus/quyet-dinh-quy-che-ban-chi-dao.txt"
    ));
    assert!(g.nodes.iter().any(|n| n.id == "id:52-NQ/TW" && !n.indexed));
}

#[test]
fn reruns_are_incremental_and_idempotent() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    let n = corpus_docs();
    let first = run(&corpus, &index);
    assert_eq!((first.added, first.total), (n, n as u64));
    let second = run(&corpus, &index);
    assert_eq!(
        (
            second.added,
            second.updated,
            second.unchanged,
            second.removed,
            second.total
        ),
        (0, 0, n, 0, n as u64)
    );
    // A changed file replaces its old version.
    let f = corpus.join("quyet-dinh-quy-che-ban-chi-dao.txt");
    let text = std::fs::read_to_string(&f)
        .unwrap()
        .replace("Lê Quang Khải", "Lê Quang Khải\nGhi chú: bản sửa đổi");
    std::fs::write(&f, text).unwrap();
    let third = run(&corpus, &index);
    assert_eq!(
        (third.updated, third.unchanged, third.total),
        (1, n - 1, n as u64)
    );
    assert_eq!(
        search(&index, "ghi chu ban sua doi"),
        ["corpus/quyet-dinh-quy-che-ban-chi-dao.txt"]
    );
    // A deleted file is removed, unless asked to keep it.
    std::fs::remove_file(corpus.join("danh-muc-van-ban-cds-2024.txt")).unwrap();
    let mut keep = IngestOptions::new(index.clone());
    keep.keep_missing = true;
    let kept = ingest(
        std::slice::from_ref(&corpus),
        &keep,
        Extractor::built_in(),
        &|_| {},
    )
    .unwrap();
    assert_eq!((kept.removed, kept.total), (0, n as u64));
    let fourth = run(&corpus, &index);
    assert_eq!((fourth.removed, fourth.total), (1, n as u64 - 1));
    assert!(!search(&index, "danh muc van ban")
        .contains(&"corpus/danh-muc-van-ban-cds-2024.txt".to_string()));
}

#[test]
fn a_bad_file_does_not_stop_the_run_and_an_indexed_version_is_kept() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    std::fs::copy(
        root().join("tests/data/bad/truncated-60.pdf"),
        corpus.join("hong.pdf"),
    )
    .unwrap();
    // A document that was good is overwritten with junk: its indexed version stays.
    std::fs::write(
        corpus.join("cong-van-1334-ubnd-vx.pdf"),
        b"%PDF-1.4\n garbage",
    )
    .unwrap();
    let out = vanban(&[
        "ingest",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["failed"].as_array().unwrap().len(), 2);
    assert!(s["failed"].to_string().contains("hong.pdf"));
    assert_eq!(s["total"], corpus_docs());
    assert_eq!(s["unchanged"], corpus_docs() - 1);
    assert!(search(&index, "thanh toan khong dung tien mat")
        .contains(&"corpus/cong-van-1334-ubnd-vx.pdf".to_string()));
}

#[test]
fn a_second_ingest_while_one_writes_is_refused() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let (idx, _) = vanban::index::open(&index, false).unwrap();
    let _writer: tantivy::IndexWriter = idx.writer(15_000_000).unwrap();
    let out = vanban(&[
        "ingest",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("another vanban ingest is writing to this index"),
        "{err}"
    );
}

#[test]
fn a_killed_ingest_leaves_a_usable_index_and_the_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("many");
    std::fs::create_dir_all(&docs).unwrap();
    let base =
        std::fs::read_to_string(root().join("corpus/bao-cao-cds-2023-huyen-an-phu.md")).unwrap();
    let n = 600;
    for i in 0..n {
        let text = base
            .replace("418/BC-UBND", &format!("{}/BC-UBND", 1000 + i))
            .replace("An Phú", &format!("An Phú {i}"));
        std::fs::write(docs.join(format!("bc-{i:04}.md")), text).unwrap();
    }
    let index = tmp.path().join("index");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "ingest",
            docs.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
            "--commit-every",
            "40",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(250));
    let _ = child.kill();
    let _ = child.wait();
    // Whatever moment the kill hit, the index opens (or was not created yet) and holds at most n.
    if index.join("meta.json").exists() {
        let (idx, _) = vanban::index::open(&index, false).unwrap();
        let count = idx.reader().unwrap().searcher().num_docs();
        assert!(count <= n as u64);
    }
    let s = run(&docs, &index);
    assert_eq!(s.total, n as u64);
    assert_eq!(s.added + s.updated + s.unchanged, n);
    assert!(s.failed.is_empty());
    let again = run(&docs, &index);
    assert_eq!((again.unchanged, again.total), (n, n as u64));
}

#[test]
fn export_is_deterministic_and_batched() {
    let (tmp, corpus) = corpus_copy();
    let index = tmp.path().join("index");
    run(&corpus, &index);
    let (a, n) = query::export(
        &index,
        query::ExportFormat::EsBulk,
        &tmp.path().join("a"),
        "vanban",
    )
    .unwrap();
    let (b, _) = query::export(
        &index,
        query::ExportFormat::EsBulk,
        &tmp.path().join("b"),
        "vanban",
    )
    .unwrap();
    assert_eq!(n, corpus_docs());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        let (x, y) = (std::fs::read(x).unwrap(), std::fs::read(y).unwrap());
        assert!(x.len() < 10_000_000);
        assert_eq!(x, y);
    }
    let text = std::fs::read_to_string(&a[0]).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2 * corpus_docs());
    assert!(lines[0]["index"]["_id"].as_str().unwrap().len() == 64);
    assert!(lines[1]["text_folded"]
        .as_str()
        .unwrap()
        .contains("chuyen doi so"));
    let (nd, _) = query::export(
        &index,
        query::ExportFormat::Ndjson,
        &tmp.path().join("c"),
        "vanban",
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(&nd[0]).unwrap().lines().count(),
        corpus_docs()
    );
}

/// An index written with other fields (an older vanban) is refused with what to do, not read
/// wrongly.
#[test]
fn an_index_with_other_fields_is_refused_with_advice() {
    let tmp = tempfile::tempdir().unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("key", tantivy::schema::STRING | tantivy::schema::STORED);
    tantivy::Index::create_in_dir(tmp.path(), b.build()).unwrap();
    let e =
        query::search(tmp.path(), &SearchOptions::default(), Extractor::built_in()).unwrap_err();
    assert!(
        matches!(e, vanban::index::IndexError::OtherSchema { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("another version of vanban"), "{e}");
    // The command line adds the command that mends it.
    let o = vanban(&["search", "--index", tmp.path().to_str().unwrap(), "x"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("another version of vanban"), "{err}");
    assert!(err.contains("run `vanban ingest` again"), "{err}");
}

/// A query that is a document's own number, in any spelling, puts that document first, ahead
/// of the documents that cite it (and may say the number more often).
#[test]
fn a_document_number_finds_its_document_first() {
    let (dir, root_dir) = corpus_copy();
    let index = dir.path().join("idx");
    run(&root_dir, &index);
    let ex = Extractor::built_in();
    let mut cited_numbers = std::collections::BTreeSet::new();
    let mut own_numbers = std::collections::BTreeSet::new();
    for p in vanban::walk::collect(std::slice::from_ref(&root_dir)).documents {
        let Ok(doc) = vanban::load(&p, &Default::default()) else {
            continue;
        };
        let e = ex.extract(&doc);
        if let Some(n) = e.meta.number {
            own_numbers.insert(n);
        }
        cited_numbers.extend(e.references.into_iter().map(|r| r.id));
    }
    let both: Vec<&String> = own_numbers.intersection(&cited_numbers).collect();
    assert!(!both.is_empty(), "the corpus has documents cited by others");
    for n in both {
        for typed in [n.clone(), n.to_lowercase()] {
            let opts = SearchOptions {
                query: typed.clone(),
                limit: 3,
                ..Default::default()
            };
            let hits = query::search(&index, &opts, ex).unwrap().hits;
            assert_eq!(
                hits[0].number.as_deref(),
                Some(n.as_str()),
                "{typed}: {hits:?}"
            );
        }
    }
}
