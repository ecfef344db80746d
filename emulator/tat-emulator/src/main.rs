//! `cargo run -p tat-emulator -- --listen 127.0.0.1:9000`: the TAT emulator (the same
//! program as `tencentcloud-emulator`, whose default service is TAT).

fn main() {
    tencentcloud_emulator::cli::main();
}
