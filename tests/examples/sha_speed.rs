//! Profiling aid: SHA-256 throughput on this machine.
use sha2::{Digest, Sha256};
fn main() {
    let data = vec![7u8; 64 * 1024 * 1024];
    let t = std::time::Instant::now();
    let d = Sha256::digest(&data);
    println!("{:.0} MB/s {:x}", 64.0 / t.elapsed().as_secs_f64(), d[0]);
}
