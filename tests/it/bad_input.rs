//! Files that cannot be read give a typed error naming the file and the reason, never a panic;
//! a folder walk reports each bad file and reads the rest.

use std::path::PathBuf;

use vanban::{load, LoadOptions, ReadError};

fn bad(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/bad")
        .join(name)
}

fn err(name: &str) -> ReadError {
    match load(&bad(name), &LoadOptions::default()) {
        Ok(_) => panic!("{name} was read but should have been refused"),
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains(name), "the message names the file: {msg}");
            assert_eq!(e.path(), bad(name));
            e
        }
    }
}

#[test]
fn truncated_pdf() {
    let e = err("truncated-60.pdf");
    assert!(matches!(e, ReadError::Pdf { .. }), "{e}");
    assert!(e.to_string().contains("damaged or unreadable PDF"));
}

#[test]
fn encrypted_pdf() {
    let e = err("encrypted.pdf");
    assert!(matches!(e, ReadError::Encrypted { .. }), "{e}");
    assert!(e.to_string().contains("password"));
}

#[test]
fn png_named_pdf() {
    let e = err("scan-is-png.pdf");
    assert!(matches!(e, ReadError::WrongContent { .. }), "{e}");
    assert!(e.to_string().contains("PNG image"));
}

#[test]
fn empty_files() {
    for name in ["empty.txt", "empty.pdf"] {
        let e = err(name);
        assert!(matches!(e, ReadError::Empty { .. }), "{e}");
    }
}

#[test]
fn random_bytes() {
    let e = err("random-bytes.txt");
    assert!(matches!(e, ReadError::Binary { .. }), "{e}");
    let e = err("random-bytes.pdf");
    assert!(e.to_string().contains("not a PDF"), "{e}");
}

#[test]
fn truncated_and_foreign_docx() {
    let e = err("truncated-50.docx");
    assert!(matches!(e, ReadError::Docx { .. }), "{e}");
    let e = err("zip-not-word.docx");
    assert!(e.to_string().contains("not a Word document"), "{e}");
}

#[test]
fn unknown_extension_and_old_word() {
    let e = err("ghi-chu.xyz");
    assert!(matches!(e, ReadError::Unsupported { .. }), "{e}");
    // A compound-file signature followed by zeros: a .doc whose structure is gone.
    let e = err("old-word.doc");
    assert!(matches!(e, ReadError::Doc { .. }), "{e}");
    assert!(e.to_string().contains("damaged or unreadable DOC"), "{e}");
}

#[test]
fn pdf_without_text_layer() {
    let e = err("no-text-layer.pdf");
    assert!(matches!(e, ReadError::NoText { pages: 1, .. }), "{e}");
}

#[test]
fn missing_file_and_size_limit() {
    let missing = bad("khong-co.txt");
    let e = load(&missing, &LoadOptions::default()).unwrap_err();
    assert!(matches!(e, ReadError::Io { .. }));
    let mut opts = LoadOptions::default();
    opts.read.max_file_size = 100;
    let e = load(&bad("random-bytes.txt"), &opts).unwrap_err();
    assert!(
        matches!(
            e,
            ReadError::TooLarge {
                size: 65536,
                limit: 100,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn every_bad_file_in_the_folder_gives_an_error_and_none_panics() {
    let mut n = 0;
    for entry in std::fs::read_dir(bad("")).unwrap() {
        let path = entry.unwrap().path();
        assert!(load(&path, &LoadOptions::default()).is_err(), "{path:?}");
        n += 1;
    }
    assert!(n >= 12);
}
