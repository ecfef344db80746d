//! `cargo run -p tencentcloud-emulator -- --listen 127.0.0.1:9000`

fn main() {
    tencentcloud_emulator::cli::main();
}
