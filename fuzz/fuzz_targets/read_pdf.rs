//! The PDF reader (lopdf + vanban's content-stream interpreter) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vanban::read::read_bytes(std::path::Path::new("x.pdf"), data);
});
