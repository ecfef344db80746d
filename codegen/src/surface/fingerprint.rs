//! Fingerprints: 64-bit FNV-1a folded to six hex digits, the same on every machine.

/// Six hex digits standing for some text (docs, limits): equal text, equal fingerprint.
pub type Fingerprint = String;

pub fn fingerprint(parts: &[&str]) -> Fingerprint {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        // Each part ends with a byte no text holds, so ("ab", "c") ≠ ("a", "bc").
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{:06x}", ((hash >> 32) ^ hash) & 0xff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_parts_apart() {
        assert_eq!(fingerprint(&["ab", "c"]), fingerprint(&["ab", "c"]));
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&[]).len(), 6);
    }
}
