//! The PDF reader (lopdf + vanban's content-stream interpreter) on arbitrary bytes. OCR is
//! off: the target exercises the parser, not the external OCR programs.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let opts = vanban::ReadOptions {
        ocr: vanban::OcrMode::Never,
        ..Default::default()
    };
    let _ = vanban::read::read_bytes_with(std::path::Path::new("x.pdf"), data, &opts);
});
