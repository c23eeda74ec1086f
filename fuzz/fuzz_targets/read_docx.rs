//! The DOCX reader (zip + quick-xml) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vanban::read::read_bytes(std::path::Path::new("x.docx"), data);
});
