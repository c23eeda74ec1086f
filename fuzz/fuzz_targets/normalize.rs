//! Normalisation, hard-wrap repair, tone placement and folding on arbitrary UTF-8.
#![no_main]
use vanban::normalize::{canonical_tones, fold, normalize, search_key, NormalizeOptions};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let n = normalize(s, NormalizeOptions { canonical_tones: true });
        let _ = fold(&n);
        let _ = search_key(s);
        let _ = canonical_tones(s);
    }
});
