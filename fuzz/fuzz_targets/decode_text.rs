//! Text decoding (UTF-8/16, Windows-1258, TCVN3, VNI detection) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vanban::read::decode(data);
    let _ = vanban::read::read_bytes(std::path::Path::new("x.txt"), data);
});
