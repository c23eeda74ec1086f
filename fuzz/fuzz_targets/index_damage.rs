//! The index reader on damaged files: a small index is built once, then each input damages one
//! of its files (overwrite, cut, insert, remove) and search, cites, refs, graph and verify run
//! on it in memory. A panic inside the index library must be caught and reported as a damaged
//! index; anything else (a panic elsewhere, an abort, a hang, a memory blow-up) is a crash.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::directory::{Directory, RamDirectory};
use vanban::extract::Extractor;
use vanban::index::{ingest, IngestOptions};
use vanban::index::query::{IndexView, SearchOptions};

/// The files of the small index, read once.
fn base() -> &'static Vec<(PathBuf, Vec<u8>)> {
    static BASE: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    BASE.get_or_init(|| {
        // Panics the index guard catches are reported as errors, not crashes.
        vanban::index::quiet_caught_panics();
        let tmp = std::env::temp_dir().join(format!("vanban-fuzz-index-{}", std::process::id()));
        let docs = tmp.join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        // Small documents, so that each run is quick: a plan with a target, a report citing
        // it with a result, a decision, and a letter.
        for (name, text) in [
            (
                "ke-hoach.txt",
                "ỦY BAN NHÂN DÂN XÃ AN HÒA\nSố: 12/KH-UBND\nAn Hòa, ngày 05 tháng 3 năm 2024\n\
                 KẾ HOẠCH\nChuyển đổi số năm 2024\nCăn cứ Quyết định số 7/QĐ-UBND ngày 02/01/2024.\n\
                 Mục tiêu đến năm 2025: tỷ lệ hồ sơ trực tuyến đạt ít nhất 80%.\n",
            ),
            (
                "bao-cao.md",
                "UBND XÃ AN HÒA\nSố: 30/BC-UBND\nAn Hòa, ngày 20 tháng 12 năm 2024\n\
                 BÁO CÁO\nKết quả chuyển đổi số năm 2024\nThực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2024.\n\
                 Tỷ lệ hồ sơ trực tuyến đạt 64,3% (450/700 hồ sơ); OCOP có 3 sản phẩm.\n",
            ),
            (
                "quyet-dinh.txt",
                "ỦY BAN NHÂN DÂN XÃ AN HÒA\nSố: 7/QĐ-UBND\nAn Hòa, ngày 02 tháng 01 năm 2024\n\
                 QUYẾT ĐỊNH\nVề việc thành lập Ban chỉ đạo chuyển đổi số\n",
            ),
            (
                "cong-van.txt",
                "UBND XÃ AN HÒA\nSố: 44/UBND-VP\nV/v báo cáo dịch vụ công trực tuyến\n\
                 Thực hiện Kế hoạch số 2198/KH-UBND ngày 28/4/2022, đề nghị báo cáo trước ngày 10/5/2024.\n",
            ),
        ] {
            std::fs::write(docs.join(name), text).unwrap();
        }
        let index = tmp.join("index");
        ingest(
            &[docs],
            &IngestOptions::new(index.clone()),
            Extractor::built_in(),
            &|_| {},
        )
        .unwrap();
        let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&index)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with(".tantivy-"))
            .map(|p| (PathBuf::from(p.file_name().unwrap()), std::fs::read(&p).unwrap()))
            .collect();
        files.sort();
        let _ = std::fs::remove_dir_all(&tmp);
        files
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 6 {
        return;
    }
    let files = base();
    let which = data[0] as usize % files.len();
    let how = data[1] % 4;
    let at = u32::from_le_bytes([data[2], data[3], data[4], data[5]]) as usize;
    let payload = &data[6..];
    let dir = RamDirectory::create();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let mut b = bytes.clone();
        if i == which {
            let at = at % (b.len() + 1);
            match how {
                0 => {
                    let end = (at + payload.len()).min(b.len());
                    b[at..end].copy_from_slice(&payload[..end - at]);
                }
                1 => b.truncate(at),
                2 => {
                    b.splice(at..at, payload.iter().copied());
                }
                _ => continue,
            }
        }
        dir.atomic_write(name, &b).unwrap();
    }
    let label = Path::new("fuzzed-index");
    let Ok((index, fields)) = vanban::index::open_dir(label, Box::new(dir)) else {
        return;
    };
    let _ = vanban::index::verify_index(label, &index);
    let Ok(view) = IndexView::new(label, index, fields) else {
        return;
    };
    let ex = Extractor::built_in();
    let searches = [
        SearchOptions::default(),
        SearchOptions {
            query: "chuyen doi so".into(),
            ..Default::default()
        },
        SearchOptions {
            query: "\"dich vu cong\" -OCOP".into(),
            ..Default::default()
        },
        SearchOptions {
            year: Some(2024),
            kind: Some("plan".into()),
            ..Default::default()
        },
        SearchOptions {
            place: Some("an hoa".into()),
            issuer: Some("ubnd".into()),
            cites: Some("12/KH-UBND".into()),
            ..Default::default()
        },
    ];
    for opts in &searches {
        let _ = view.search(&SearchOptions { limit: 5, ..opts.clone() }, ex);
    }
    let _ = view.cites("2198/KH-UBND", ex);
    let _ = view.refs("7/QĐ-UBND", ex);
    let _ = view.refs("bao-cao.md", ex);
    let _ = view.graph();
});
