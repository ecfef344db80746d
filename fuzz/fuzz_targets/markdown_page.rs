//! Any bytes, read as a .md page and then through the IR stage, never panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(page) = codegen::drops::read_page("fuzz.md", data) {
        let _ = codegen::ir::build_service(&[page], &[]);
    }
});
