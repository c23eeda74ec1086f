//! The search query parser (folded and accent-keeping forms) on arbitrary UTF-8.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = vanban::index::query::check_query(s);
    }
});
