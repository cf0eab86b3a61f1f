//! A stable fingerprint of the annotatable text, recorded with the selectors so the app can tell
//! whether the text a highlight was made on has changed since.
//!
//! FNV-1a (64-bit) over the UTF-8 bytes: tiny, dependency-free and identical on every platform
//! and in every version, which `std`'s randomly seeded hashers are not. It is not a
//! cryptographic hash; it only has to notice edits.

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a 64-bit hash of `text`, as 16 lowercase hex digits.
pub fn text_hash(text: &str) -> String {
    let hash = text.bytes().fold(FNV_OFFSET_BASIS, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_64_test_vectors() {
        assert_eq!(text_hash(""), "cbf29ce484222325");
        assert_eq!(text_hash("a"), "af63dc4c8601ec8c");
        assert_eq!(text_hash("foobar"), "85944171f73967e8");
    }

    #[test]
    fn is_16_lowercase_hex_digits_and_sees_small_edits() {
        let a = text_hash("naïve café");
        let b = text_hash("naive café");
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
        assert_ne!(a, b);
    }
}
