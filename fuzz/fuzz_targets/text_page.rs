//! Any bytes, read as a .txt page and then through the IR stage, never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(page) = doc_model::drops::read_page("fuzz.txt", data) {
        let _ = doc_model::ir::build_service(&[page], &[]);
    }
});
