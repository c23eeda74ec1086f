//! Every extractor, results and checks on arbitrary UTF-8.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let ex = vanban::extract::Extractor::built_in();
        let _ = ex.extract_text(s);
        let _ = ex.canonical_id(s);
    }
});
