//! The nightly job under faults made here: same-named folders, names that are not UTF-8,
//! unreadable and missing folders, devices and FIFOs, a damaged index, a read-only or
//! foreign-owned index, a full disk. Each test makes its fault and runs the `vanban` binary
//! (or the library) as an operator would.
//!
//! Some faults need privileges: a read-only bind mount and a small tmpfs need root (CI runs the
//! tests as root); when a mount is refused, the test prints why and skips (the disk-full path
//! is also covered without a mount by the unit tests of `crates/vanban-index/src/write.rs`). An unreadable
//! folder is made with `chmod 000`, which root ignores, so as root the binary is run as the
//! unprivileged user `nobody` (uid 65534).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use vanban::extract::Extractor;
use vanban::index::query::{self, SearchOptions};
use vanban::index::{ingest, IngestOptions, Summary};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// The unprivileged user the binary runs as when the tests run as root.
const NOBODY: u32 = 65534;

/// Runs the binary with `args`; as `nobody` when `unprivileged` and the tests run as root.
/// Fails the test if it runs longer than a minute (a hang).
fn vanban_as(args: &[&OsStr], unprivileged: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if unprivileged && is_root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    let mut child = cmd.spawn().expect("run vanban");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("vanban {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn vanban(args: &[&str]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    vanban_as(&args, false)
}

fn os(p: &Path) -> &OsStr {
    p.as_os_str()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// No panic reached the user: no panic message and not Rust's panic exit code (101).
fn no_panic(o: &Output, what: &str) {
    assert_ne!(o.status.code(), Some(101), "{what} panicked: {}", err(o));
    assert!(!err(o).contains("panicked"), "{what}: {}", err(o));
    assert!(!err(o).contains("RUST_BACKTRACE"), "{what}: {}", err(o));
}

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join(from), to).unwrap();
}

fn run(dirs: &[PathBuf], index: &Path) -> Summary {
    ingest(
        dirs,
        &IngestOptions::new(index.to_path_buf()),
        Extractor::built_in(),
        &|_| {},
    )
    .unwrap_or_else(|e| panic!("ingest of {dirs:?} failed: {e}"))
}

fn all_keys(index: &Path) -> Vec<String> {
    let opts = SearchOptions {
        limit: 1000,
        ..Default::default()
    };
    let mut keys: Vec<String> = query::search(index, &opts, Extractor::built_in())
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.key)
        .collect();
    keys.sort();
    keys
}

/// Makes a folder and its files readable (and the folder writable) by everyone, so that the
/// binary run as `nobody` can use it.
fn open_up(p: &Path) {
    for e in walkdir::WalkDir::new(p) {
        let e = e.unwrap();
        let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

/// Issue: keys were the folder's name plus the path inside it, so `/b/reports` replaced every
/// document of `/a/reports`.
#[test]
fn same_named_folders_in_different_places_keep_their_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a/reports");
    let b = tmp.path().join("b/reports");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &a.join("x.txt"),
    );
    copy("corpus/bao-cao-cds-2023-huyen-an-phu.md", &b.join("x.txt"));
    let index = tmp.path().join("index");
    run(std::slice::from_ref(&a), &index);
    let second = run(std::slice::from_ref(&b), &index);
    assert_eq!((second.added, second.removed, second.total), (1, 0, 2));
    let keys = all_keys(&index);
    let canon = |p: &Path| p.canonicalize().unwrap().to_string_lossy().into_owned();
    assert_eq!(
        keys,
        [canon(&a.join("x.txt")), canon(&b.join("x.txt"))],
        "keys are the absolute paths"
    );
    // Both in one run: two documents, and a rerun changes nothing.
    let index2 = tmp.path().join("index2");
    let s = run(&[a.clone(), b.clone()], &index2);
    assert_eq!((s.added, s.total), (2, 2));
    let again = run(&[a.clone(), b.clone()], &index2);
    assert_eq!((again.unchanged, again.updated, again.removed), (2, 0, 0));
    // The same folder by a relative or an absolute path is the same documents.
    let via_dots = tmp.path().join("a/../a/reports");
    let s = run(&[via_dots], &index2);
    assert_eq!((s.unchanged, s.added, s.removed, s.total), (1, 0, 0, 2));
}

/// Issue: non-UTF-8 names were converted lossily, so two of them collided and every rerun
/// reported a change.
#[test]
fn names_that_are_not_utf8_are_told_apart_and_stable() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("docs");
    let one = dir.join(OsStr::from_bytes(b"b\xe1o-c\xe1o.txt"));
    let two = dir.join(OsStr::from_bytes(b"b\xe0o-c\xe0o.txt"));
    copy("corpus/quyet-dinh-quy-che-ban-chi-dao.txt", &one);
    copy("corpus/bao-cao-cds-2023-huyen-an-phu.md", &two);
    let index = tmp.path().join("index");
    let s = run(std::slice::from_ref(&dir), &index);
    assert_eq!((s.added, s.total), (2, 2));
    let keys = all_keys(&index);
    assert_ne!(keys[0], keys[1]);
    assert!(
        keys.iter().all(|k| k.contains("%E1") || k.contains("%E0")),
        "{keys:?}"
    );
    let again = run(std::slice::from_ref(&dir), &index);
    assert_eq!((again.unchanged, again.updated, again.added), (2, 0, 0));
    // Each key leads back to its file.
    for k in &keys {
        assert!(vanban::index::key_path(k).exists(), "{k}");
    }
}

/// An index written before keys were absolute paths is refused by ingest with what to do,
/// and `index rebuild DIR` makes it current.
#[test]
fn an_index_with_old_keys_is_refused_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &docs.join("qd.txt"),
    );
    let index = tmp.path().join("index");
    // An index as the older vanban wrote it: a document keyed `docs/qd.txt`, nothing recorded.
    {
        let (idx, f) = vanban::index::open(&index, true).unwrap();
        let doc = vanban::load(&docs.join("qd.txt"), &Default::default()).unwrap();
        let ex = Extractor::built_in().extract(&doc);
        let mut w: tantivy::IndexWriter = idx.writer(15_000_000).unwrap();
        w.add_document(vanban::index::build_doc("docs/qd.txt", &doc, &ex, &f))
            .unwrap();
        w.commit().unwrap();
    }
    let o = vanban(&[
        "ingest",
        docs.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("older vanban"), "{}", err(&o));
    assert!(err(&o).contains("vanban index rebuild"), "{}", err(&o));
    let o = vanban(&[
        "index",
        "rebuild",
        "--index",
        index.to_str().unwrap(),
        docs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let keys = all_keys(&index);
    assert_eq!(keys.len(), 1);
    assert!(
        keys[0].starts_with('/') && keys[0].ends_with("docs/qd.txt"),
        "{keys:?}"
    );
    let o = vanban(&[
        "ingest",
        docs.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("\"unchanged\": 1"), "{}", out(&o));
}

/// Issue: a folder that could not be opened lost its documents from the index.
#[test]
fn an_unreadable_subfolder_keeps_its_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &docs.join("top.txt"),
    );
    copy(
        "corpus/bao-cao-cds-2023-huyen-an-phu.md",
        &docs.join("sub/r.md"),
    );
    copy(
        "corpus/ke-hoach-cds-2024-xa-my-hoa.txt",
        &docs.join("sub/deeper/k.txt"),
    );
    let index = tmp.path().join("work/index");
    std::fs::create_dir_all(tmp.path().join("work")).unwrap();
    open_up(tmp.path());
    let args = |json: bool| {
        let mut a: Vec<&OsStr> = vec![
            OsStr::new("ingest"),
            os(&docs),
            OsStr::new("--index"),
            os(&index),
        ];
        if json {
            a.push(OsStr::new("--json"));
        }
        a
    };
    let first = vanban_as(&args(false), true);
    assert_eq!(first.status.code(), Some(0), "{}", err(&first));
    std::fs::set_permissions(docs.join("sub"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let o = vanban_as(&args(true), true);
    std::fs::set_permissions(docs.join("sub"), std::fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let s: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(s["removed"], 0, "{s}");
    assert_eq!(s["total"], 3, "{s}");
    assert!(s["failed"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("ermission denied"));
    assert!(err(&o).contains("sub: Permission denied"), "{}", err(&o));
}

/// A folder given to ingest that is missing (an unmounted share) keeps its documents, and a
/// run where nothing can be read leaves the index untouched with exit code 1.
#[test]
fn a_missing_folder_keeps_its_documents_and_nothing_to_read_touches_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let share = tmp.path().join("share");
    let other = tmp.path().join("other");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &share.join("qd.txt"),
    );
    copy(
        "corpus/bao-cao-cds-2023-huyen-an-phu.md",
        &other.join("bc.md"),
    );
    let index = tmp.path().join("index");
    run(&[share.clone(), other.clone()], &index);
    std::fs::rename(&share, tmp.path().join("unmounted")).unwrap();
    let o = vanban(&[
        "ingest",
        share.to_str().unwrap(),
        other.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let s: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(
        (s["removed"].as_u64(), s["total"].as_u64()),
        (Some(0), Some(2))
    );
    assert!(
        err(&o).contains("share: no such file or folder"),
        "{}",
        err(&o)
    );
    // Only the missing folder: nothing to do, exit 1, no commit.
    let meta = std::fs::read(index.join("meta.json")).unwrap();
    let o = vanban(&[
        "ingest",
        share.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("nothing to ingest"), "{}", err(&o));
    assert_eq!(std::fs::read(index.join("meta.json")).unwrap(), meta);
    // And no index is made where there was none.
    let fresh = tmp.path().join("fresh-index");
    let o = vanban(&["ingest", "/nonexistent", "--index", fresh.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(!fresh.exists());
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Issue: `text /dev/zero` read until memory ran out, a FIFO blocked forever, and inside
/// folders they were skipped silently.
#[test]
fn devices_and_fifos_are_reported_never_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("inbox");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &dir.join("qd.txt"),
    );
    mkfifo(&dir.join("pipe.txt"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let zero_link = dir.join("zero.txt");
    for (args, what) in [
        (vec!["text", "/dev/zero"], "a character device"),
        (
            vec!["text", zero_link.to_str().unwrap()],
            "a character device (through a symbolic link)",
        ),
        (vec!["text", fifo.to_str().unwrap()], "a named pipe (FIFO)"),
        (
            vec!["extract", fifo.to_str().unwrap()],
            "a named pipe (FIFO)",
        ),
        (vec!["scan", fifo.to_str().unwrap()], "a named pipe (FIFO)"),
        (vec!["check", fifo.to_str().unwrap()], "a named pipe (FIFO)"),
    ] {
        let o = vanban(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(what), "{args:?}: {}", err(&o));
        assert!(
            err(&o).contains("not a regular file"),
            "{args:?}: {}",
            err(&o)
        );
    }
    let index = tmp.path().join("index");
    let o = vanban(&[
        "ingest",
        fifo.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("named pipe"), "{}", err(&o));
    // In a folder: the document is read, the others reported with what they are.
    for cmd in ["scan", "extract", "check"] {
        let o = vanban(&[cmd, dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(3), "{cmd}: {}", err(&o));
        assert!(
            err(&o).contains("pipe.txt: a named pipe (FIFO)"),
            "{cmd}: {}",
            err(&o)
        );
        assert!(
            err(&o).contains("zero.txt: a character device"),
            "{cmd}: {}",
            err(&o)
        );
    }
    let o = vanban(&[
        "ingest",
        dir.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let s: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(
        (s["added"].as_u64(), s["failed"].as_array().unwrap().len()),
        (Some(1), 2)
    );
}

/// Writes `n` bytes of deterministic garbage into the middle of the largest file of `ext`.
fn damage(index: &Path, ext: &str, n: usize) -> PathBuf {
    let file = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let n = n.min(bytes.len() / 2);
    let at = bytes.len() / 4;
    let mut x: u32 = 0x9E37_79B9;
    for b in &mut bytes[at..at + n] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    std::fs::write(&file, bytes).unwrap();
    file
}

/// Issue: garbage in the largest `.idx` made searches with filters panic ("mid > len"), plain
/// searches answer wrongly, and ingest build on the damage with exit 0.
#[test]
fn a_damaged_index_is_told_refused_by_ingest_and_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
        }
    }
    let index = tmp.path().join("index");
    let before = run(std::slice::from_ref(&corpus), &index).total;
    let i = index.to_str().unwrap();
    let o = vanban(&["index", "verify", "--index", i]);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    for (ext, size) in [("idx", 100_000), ("store", 2_000), ("term", 500)] {
        let damaged = damage(&index, ext, size);
        let name = damaged.file_name().unwrap().to_string_lossy().into_owned();
        for args in [
            vec!["search", "", "--year", "2022"],
            vec!["search", "", "--kind", "report"],
            vec!["search", "", "--issuer", "ủy ban"],
            vec!["search", "", "--place", "an giang"],
            vec!["search", "chuyen doi so"],
            vec!["search", "\"dich vu cong\""],
            vec!["cites", "2198/KH-UBND"],
            vec!["refs", "1520/QĐ-UBND"],
            vec!["graph"],
            vec!["indicators"],
        ] {
            let mut a = args.clone();
            a.extend(["--index", i]);
            let o = vanban(&a);
            no_panic(&o, &format!("{args:?} with {ext} damaged"));
            if !o.status.success() {
                assert!(
                    err(&o).contains("the index is damaged"),
                    "{args:?}: {}",
                    err(&o)
                );
            }
        }
        let o = vanban(&[
            "check",
            "--index",
            i,
            "corpus/bao-cao-cds-2024-xa-my-hoa.txt",
        ]);
        no_panic(&o, "check --index");
        let o = vanban(&[
            "export",
            "--index",
            i,
            "--out",
            tmp.path().join("x").to_str().unwrap(),
        ]);
        no_panic(&o, "export");
        // verify names the file; ingest refuses to build on it and writes nothing.
        let o = vanban(&["index", "verify", "--index", i]);
        assert_eq!(o.status.code(), Some(1), "{}", out(&o));
        assert!(out(&o).contains(&format!("DAMAGED  {name}")), "{}", out(&o));
        let files_before: Vec<_> = std::fs::read_dir(&index)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let o = vanban(&["ingest", corpus.to_str().unwrap(), "--index", i]);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(err(&o).contains("the index is damaged"), "{}", err(&o));
        assert!(err(&o).contains(&name), "{}", err(&o));
        assert!(err(&o).contains("vanban index rebuild"), "{}", err(&o));
        let files_after: Vec<_> = std::fs::read_dir(&index)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(files_before.len(), files_after.len());
        // Rebuilt from the folders it records: whole again, every document back.
        let o = vanban(&["index", "rebuild", "--index", i]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let o = vanban(&["index", "verify", "--index", i]);
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
        assert_eq!(all_keys(&index).len() as u64, before);
    }
    // From the stored documents, when the folders are gone: what can be read is kept.
    std::fs::remove_dir_all(&corpus).unwrap();
    damage(&index, "store", 50);
    let o = vanban(&["index", "rebuild", "--from-stored", "--index", i, "--json"]);
    no_panic(&o, "rebuild --from-stored");
    let s: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(
        s["documents"].as_u64().unwrap() + s["lost"].as_u64().unwrap(),
        before
    );
    let o = vanban(&["index", "verify", "--index", i]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

/// A bind mount of `src` at `at`, read-only; `None` (with the reason printed) when the system
/// does not allow it.
struct ReadOnlyMount(PathBuf);

impl ReadOnlyMount {
    fn new(src: &Path, at: &Path) -> Option<ReadOnlyMount> {
        std::fs::create_dir_all(at).unwrap();
        let bind = Command::new("mount")
            .arg("--bind")
            .arg(src)
            .arg(at)
            .output();
        if !bind.as_ref().is_ok_and(|o| o.status.success()) {
            eprintln!(
                "SKIP: cannot bind-mount (needs root and mount permission): {:?}",
                bind.map(|o| err(&o))
            );
            return None;
        }
        let guard = ReadOnlyMount(at.to_path_buf());
        let ro = Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(at)
            .output();
        if !ro.as_ref().is_ok_and(|o| o.status.success()) {
            eprintln!("SKIP: cannot remount read-only: {:?}", ro.map(|o| err(&o)));
            return None;
        }
        Some(guard)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

fn corpus_index(tmp: &Path) -> PathBuf {
    let index = tmp.join("index");
    run(&[root().join("corpus")], &index);
    index
}

fn readers_work(index: &Path, unprivileged: bool, export_to: &Path) {
    let i = os(index);
    let listing = |p: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = listing(index);
    for args in [
        vec![OsStr::new("search"), OsStr::new("chuyen doi so")],
        vec![OsStr::new("cites"), OsStr::new("2198/KH-UBND")],
        vec![OsStr::new("refs"), OsStr::new("1520/QĐ-UBND")],
        vec![OsStr::new("graph")],
        vec![OsStr::new("indicators")],
        vec![OsStr::new("index"), OsStr::new("verify")],
        vec![OsStr::new("export"), OsStr::new("--out"), os(export_to)],
    ] {
        let mut a = args.clone();
        a.extend([OsStr::new("--index"), i]);
        let o = vanban_as(&a, unprivileged);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
    }
    let o = vanban_as(
        &[
            OsStr::new("check"),
            OsStr::new("--index"),
            i,
            OsStr::new("corpus/bao-cao-cds-2024-xa-my-hoa.txt"),
        ],
        unprivileged,
    );
    assert_eq!(o.status.code(), Some(0), "check --index: {}", err(&o));
    assert_eq!(
        listing(index),
        before,
        "readers wrote nothing into the index folder"
    );
}

/// Issue: readers opened a lock file for writing, so search, cites and export failed on a
/// read-only index; ingest blamed "another vanban ingest".
#[test]
fn readers_work_on_a_read_only_file_system_and_ingest_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let index = corpus_index(tmp.path());
    let at = tmp.path().join("ro");
    let Some(_mount) = ReadOnlyMount::new(&index, &at) else {
        return;
    };
    let export_to = tmp.path().join("export");
    readers_work(&at, false, &export_to);
    let o = vanban(&["ingest", "corpus", "--index", at.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("read-only file system"), "{}", err(&o));
    assert!(!err(&o).contains("another vanban ingest"), "{}", err(&o));
}

/// Readers work on an index owned by someone else that they may only read; ingest says
/// permission denied.
#[test]
fn readers_work_on_a_foreign_owned_index_and_ingest_names_the_permission() {
    if !is_root() {
        eprintln!("SKIP: needs root to hand the index to another user");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let index = corpus_index(tmp.path());
    // Owned by root, readable by all, writable by none but root.
    for e in walkdir::WalkDir::new(tmp.path()) {
        let e = e.unwrap();
        let mode = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let export_to = tmp.path().join("export");
    std::fs::create_dir_all(&export_to).unwrap();
    std::fs::set_permissions(&export_to, std::fs::Permissions::from_mode(0o777)).unwrap();
    readers_work(&index, true, &export_to);
    let o = vanban_as(
        &[
            OsStr::new("ingest"),
            OsStr::new("corpus"),
            OsStr::new("--index"),
            os(&index),
        ],
        true,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("permission denied"), "{}", err(&o));
    assert!(!err(&o).contains("another vanban ingest"), "{}", err(&o));
}

/// A small tmpfs at `at`; `None` (with the reason printed) when mounting is not allowed.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn new(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output();
        if o.as_ref().is_ok_and(|o| o.status.success()) {
            Some(Tmpfs(at.to_path_buf()))
        } else {
            eprintln!(
                "SKIP: cannot mount a tmpfs (needs root); the disk-full path is covered by the unit tests of crates/vanban-index/src/write.rs: {:?}",
                o.map(|o| err(&o))
            );
            None
        }
    }

    fn free(&self) -> u64 {
        let c = std::ffi::CString::new(self.0.as_os_str().as_bytes()).unwrap();
        // SAFETY: statvfs fills the struct it is given.
        unsafe {
            let mut s: libc::statvfs = std::mem::zeroed();
            assert_eq!(libc::statvfs(c.as_ptr(), &mut s), 0);
            s.f_bavail as u64 * s.f_frsize as u64
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

/// Issue: a full disk was reported as "an index writer was killed", and the orphaned segment
/// files stayed, so even a rerun with nothing new failed until someone freed space by hand.
#[test]
fn a_full_disk_is_named_and_leaves_the_disk_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::new(&tmp.path().join("disk"), "4m") else {
        return;
    };
    let small = tmp.path().join("small");
    copy(
        "corpus/quyet-dinh-quy-che-ban-chi-dao.txt",
        &small.join("qd.txt"),
    );
    let index = disk.0.join("index");
    let i = index.to_str().unwrap();
    let o = vanban(&["ingest", small.to_str().unwrap(), "--index", i]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // Many more documents than the disk holds.
    let many = tmp.path().join("many");
    std::fs::create_dir_all(&many).unwrap();
    let base =
        std::fs::read_to_string(root().join("corpus/bao-cao-cds-2023-huyen-an-phu.md")).unwrap();
    for n in 0..400 {
        let text = base
            .replace("418/BC-UBND", &format!("{}/BC-UBND", 1000 + n))
            .repeat(3);
        std::fs::write(many.join(format!("bc-{n:04}.md")), text).unwrap();
    }
    let free_before = disk.free();
    let files_before: Vec<_> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let o = vanban(&[
        "ingest",
        small.to_str().unwrap(),
        many.to_str().unwrap(),
        "--index",
        i,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("disk holding the index is full"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("killed"), "{}", err(&o));
    let mut files_after: Vec<_> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let mut files_before = files_before;
    files_before.sort();
    files_after.sort();
    assert_eq!(
        files_after, files_before,
        "no file of the failed run is left"
    );
    assert_eq!(disk.free(), free_before, "the disk has the space it had");
    // The index is the last commit, and a rerun with nothing new works.
    let o = vanban(&["ingest", small.to_str().unwrap(), "--index", i, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("\"unchanged\": 1"), "{}", out(&o));
    let o = vanban(&["index", "verify", "--index", i]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}

/// Readers write nothing into the index folder even where they could: no lock file.
#[test]
fn readers_create_no_lock_file() {
    let tmp = tempfile::tempdir().unwrap();
    let index = corpus_index(tmp.path());
    for lock in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        let _ = std::fs::remove_file(index.join(lock));
    }
    readers_work(&index, false, &tmp.path().join("export"));
    assert!(!index.join(".tantivy-meta.lock").exists());
    assert!(!index.join(".tantivy-writer.lock").exists());
}

/// A reader checks a segment file against its checksum before the index library reads it,
/// unless the file is as ingest recorded it; what a reader checks is remembered in the user's
/// cache folder, never in the index folder.
#[test]
fn files_not_as_recorded_are_checked_once_and_remembered_outside_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let index = corpus_index(tmp.path());
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join(".vanban-checked.json")).unwrap())
            .unwrap();
    let recorded = record["files"].as_object().unwrap().len();
    assert!(
        recorded >= 6,
        "ingest records the files it leaves: {record}"
    );
    // A copy with new times: its files are checked by the first reader.
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    for e in std::fs::read_dir(&index).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
    }
    std::thread::sleep(Duration::from_millis(20));
    let cache = tmp.path().join("cache");
    let search = |dir: &Path| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.args(["search", "chuyen doi so", "--index"])
            .arg(dir)
            .env("XDG_CACHE_HOME", &cache)
            .current_dir(root());
        cmd.output().unwrap()
    };
    let o = search(&copy);
    assert!(o.status.success(), "{}", err(&o));
    let remembered: Vec<PathBuf> = std::fs::read_dir(cache.join("vanban/checked"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(remembered.len(), 1);
    let user: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&remembered[0]).unwrap()).unwrap();
    assert_eq!(user["files"].as_object().unwrap().len(), recorded);
    // Damage written into a copied file changes its time: checked again, and refused.
    damage(&copy, "idx", 64);
    let o = search(&copy);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("does not match its checksum"),
        "{}",
        err(&o)
    );
}
