//! Every text encoding vanban detects, on the corpus: the encoded copies of
//! `corpus/encodings/thong-bao-ket-luan.utf8.txt` decode back to it, are detected as what they
//! are, and every corpus document survives a round trip through each legacy encoding. Files
//! made by other encoders (glibc iconv, Python's cp1258 codec, TCVN3/VNI encoders written from
//! the published charts, and the shared samples beside the project) decode to their source.

use std::path::{Path, PathBuf};

use vanban::read::{decode, encode};
use vanban::Encoding;

const SOURCE: &str = "corpus/encodings/thong-bao-ket-luan.utf8.txt";

/// (file name, encoding, with BOM, with CRLF, NFD)
const VARIANTS: &[(&str, Encoding, bool, bool, bool)] = &[
    (
        "thong-bao-ket-luan.windows-1258.txt",
        Encoding::Windows1258,
        false,
        false,
        false,
    ),
    (
        "thong-bao-ket-luan.tcvn3.txt",
        Encoding::Tcvn3,
        false,
        false,
        false,
    ),
    (
        "thong-bao-ket-luan.vni.txt",
        Encoding::VniWindows,
        false,
        false,
        false,
    ),
    (
        "thong-bao-ket-luan.utf16le-bom.txt",
        Encoding::Utf16Le,
        true,
        false,
        false,
    ),
    (
        "thong-bao-ket-luan.utf16be-bom.txt",
        Encoding::Utf16Be,
        true,
        false,
        false,
    ),
    (
        "thong-bao-ket-luan.nfd.txt",
        Encoding::Utf8,
        false,
        false,
        true,
    ),
    (
        "thong-bao-ket-luan.crlf-bom.txt",
        Encoding::Utf8,
        true,
        true,
        false,
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn source() -> String {
    std::fs::read_to_string(root().join(SOURCE)).expect("source document")
}

/// The bytes each variant file must hold, made from the UTF-8 source with vanban's encoders.
fn variant_bytes(src: &str, enc: Encoding, bom: bool, crlf: bool, nfd: bool) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let mut text = if nfd {
        src.nfd().collect()
    } else {
        src.to_string()
    };
    if crlf {
        // Mixed endings: every other line CRLF, the rest LF.
        let mut mixed = String::new();
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if i % 2 == 0 {
                mixed.push_str(&line.replace('\n', "\r\n"));
            } else {
                mixed.push_str(line);
            }
        }
        text = mixed;
    }
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(match enc {
            Encoding::Utf16Le => b"\xFF\xFE".as_slice(),
            Encoding::Utf16Be => b"\xFE\xFF".as_slice(),
            _ => b"\xEF\xBB\xBF".as_slice(),
        });
    }
    bytes.extend(encode(&text, enc));
    bytes
}

#[test]
#[ignore = "rewrites corpus/encodings/; run by hand after editing the source document"]
fn regenerate_encoded_corpus() {
    let src = source();
    for (name, enc, bom, crlf, nfd) in VARIANTS {
        let path = root().join("corpus/encodings").join(name);
        std::fs::write(&path, variant_bytes(&src, *enc, *bom, *crlf, *nfd)).unwrap();
    }
}

#[test]
fn encoded_files_are_what_the_encoders_make() {
    let src = source();
    for (name, enc, bom, crlf, nfd) in VARIANTS {
        let on_disk = std::fs::read(root().join("corpus/encodings").join(name)).unwrap();
        assert_eq!(
            on_disk,
            variant_bytes(&src, *enc, *bom, *crlf, *nfd),
            "{name} is stale: run `cargo test --release -- --ignored regenerate_encoded_corpus`"
        );
    }
}

#[test]
fn each_encoded_file_is_detected_and_decodes_to_the_source() {
    let src = source();
    for (name, enc, bom, crlf, _) in VARIANTS {
        let bytes = std::fs::read(root().join("corpus/encodings").join(name)).unwrap();
        let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(d.encoding, *enc, "{name}: detected {}", d.encoding);
        assert_eq!(d.bom, *bom, "{name}: BOM");
        assert_eq!(d.crlf, *crlf, "{name}: CRLF");
        if *enc == Encoding::Tcvn3 {
            // TCVN3 has no upper-case toned letters: compare ignoring case.
            assert_eq!(d.text.to_lowercase(), src.to_lowercase(), "{name}");
            assert_ne!(
                d.text, src,
                "TCVN3 is expected to lose the case of toned capitals"
            );
        } else {
            assert_eq!(d.text, src, "{name}");
        }
    }
}

#[test]
fn the_loaded_document_reports_its_encoding() {
    for (name, enc, ..) in VARIANTS {
        let doc = vanban::load(
            &root().join("corpus/encodings").join(name),
            &Default::default(),
        )
        .unwrap();
        assert_eq!(doc.raw.encoding, *enc, "{name}");
        assert!(doc.text.contains("88/TB-UBND"), "{name}");
    }
}

fn corpus_texts() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "txt" || ext == "md" {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(out.len() >= 5, "corpus has its text documents");
    out
}

#[test]
fn every_corpus_document_round_trips_through_every_legacy_encoding() {
    for (path, text) in corpus_texts() {
        // The legacy code pages have no `≥`/`≤`: documents that use them cannot go through.
        let legacy_ok = !text.contains(['≥', '≤']);
        // TCVN3 and VNI have no superscript digits (footnote marks `¹`) either.
        let superscripts = text.chars().any(vanban::normalize::is_superscript_digit);
        for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::VniWindows] {
            if !legacy_ok || (superscripts && enc != Encoding::Windows1258) {
                continue;
            }
            let bytes = encode(&text, enc);
            assert!(
                !bytes.contains(&b'?') || text.contains('?'),
                "{path:?} {enc}: unencodable"
            );
            let back = decode(&bytes).unwrap();
            assert_eq!(
                back.encoding,
                enc,
                "{}: detected {}",
                name(&path),
                back.encoding
            );
            if enc == Encoding::Tcvn3 {
                assert_eq!(
                    back.text.to_lowercase(),
                    text.to_lowercase(),
                    "{}",
                    name(&path)
                );
            } else {
                assert_eq!(back.text, text, "{} via {enc}", name(&path));
            }
        }
        for enc in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let mut bytes = if enc == Encoding::Utf16Le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            bytes.extend(encode(&text, enc));
            assert_eq!(decode(&bytes).unwrap().text, text);
            // Also without the BOM: recognised by its shape.
            let bare = encode(&text, enc);
            let d = decode(&bare).unwrap();
            assert_eq!(
                (d.encoding, d.text.as_str()),
                (enc, text.as_str()),
                "{}",
                name(&path)
            );
        }
    }
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn plain_ascii_and_latin_text_is_not_mistaken_for_vietnamese_legacy() {
    let d = decode(b"Plain ASCII report, 2024.\n").unwrap();
    assert_eq!(d.encoding, Encoding::Utf8);
}

/// The legacy copies in `tests/data/encodings/`, made by
/// `tests/data/encodings/make_encodings.py` without vanban: each is detected as what it is and
/// decodes to its corpus source (TCVN3: but for the case of toned capitals, which it cannot
/// hold).
#[test]
fn files_made_by_other_encoders_decode_to_their_source() {
    use unicode_normalization::UnicodeNormalization;
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/data/encodings")).unwrap() {
        let path = entry.unwrap().path();
        let file = name(&path);
        let Some(stem) = file.strip_suffix(".txt") else {
            continue;
        };
        let (doc, made_by) = stem.split_once('.').expect("<source>.<encoder>.txt");
        let expected = match made_by {
            "iconv-windows-1258" | "python-cp1258" => Encoding::Windows1258,
            "tcvn3" => Encoding::Tcvn3,
            "vni" => Encoding::VniWindows,
            other => panic!("{file}: unknown encoder {other}"),
        };
        let src: String = std::fs::read_to_string(root().join("corpus").join(format!("{doc}.txt")))
            .unwrap()
            .nfc()
            .collect();
        let d = decode(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert_eq!(d.encoding, expected, "{file}");
        if expected == Encoding::Tcvn3 {
            assert_eq!(d.text.to_lowercase(), src.to_lowercase(), "{file}");
        } else {
            assert_eq!(d.text, src, "{file}");
        }
        seen.push(made_by.to_string());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        ["iconv-windows-1258", "python-cp1258", "tcvn3", "vni"],
        "every encoder has its files"
    );
}

/// The shared samples beside the project (`../shared/formats/000_*.txt`), each an encoding of
/// `../shared/corpus/000_*.txt`, decode back to it.
#[test]
fn shared_format_samples_decode_to_their_source() {
    use unicode_normalization::UnicodeNormalization;
    let formats = root().join("../shared/formats");
    let corpus = root().join("../shared/corpus");
    if !formats.is_dir() || !corpus.is_dir() {
        eprintln!(
            "skipped: {} or {} is absent",
            formats.display(),
            corpus.display()
        );
        return;
    }
    let is_sample = |p: &Path| {
        let n = name(p);
        n.starts_with("000_") && n.ends_with(".txt")
    };
    let source_path = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| is_sample(p))
        .expect("the source of the samples");
    let src: String = std::fs::read_to_string(&source_path)
        .unwrap()
        .nfc()
        .collect();
    let mut n = 0;
    for entry in std::fs::read_dir(&formats).unwrap() {
        let path = entry.unwrap().path();
        if !is_sample(&path) {
            continue;
        }
        let file = name(&path);
        let d = decode(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        if d.encoding == Encoding::Tcvn3 {
            assert_eq!(d.text.to_lowercase(), src.to_lowercase(), "{file}");
        } else {
            assert_eq!(d.text, src, "{file} (read as {})", d.encoding);
        }
        n += 1;
    }
    assert!(n > 0, "no 000_*.txt sample in {}", formats.display());
    eprintln!("{n} shared samples decoded to their source");
}
