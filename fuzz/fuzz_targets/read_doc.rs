//! The Word 97–2003 reader (cfb + piece table) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vanban::read::read_bytes(std::path::Path::new("x.doc"), data);
});
