//! Packing UTF-8 text 15 bits per character, for values stored in `localStorage`.
//!
//! Browsers count `localStorage` in UTF-16 code units, two bytes each, so ASCII text (JSON)
//! wastes half of every unit. [`pack`] puts the text's UTF-8 bytes into the code units
//! instead, 15 bits per character: each character is `0x20 + n` for a 15-bit `n`, so every
//! one lies in U+0020..=U+801F — one UTF-16 unit, never a surrogate, never a NUL or another
//! C0 control. The last character is padded with zero bits. `n` bytes take `⌈8n/15⌉`
//! characters, about 53 % of the `n` characters they would take unpacked.
//!
//! Padding can leave one spare byte on unpacking (when 8 or more bits were padded); it is
//! zero and dropped. So the round trip is exact for any text that does not end with a NUL
//! character (JSON never contains one).

/// The first packed character; `0x20 + n` carries the 15 bits `n`.
const BASE: u32 = 0x20;
const BITS: u32 = 15;
const MASK: u32 = (1 << BITS) - 1;

/// `text`'s UTF-8 bytes, 15 bits per character (see the module documentation).
pub fn pack(text: &str) -> String {
    let mut out = String::with_capacity(packed_len(text.len()) * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &byte in text.as_bytes() {
        acc = ((acc << 8) | u32::from(byte)) & 0x7F_FFFF; // at most 22 bits are pending
        bits += 8;
        if bits >= BITS {
            bits -= BITS;
            out.push(unit((acc >> bits) & MASK));
        }
    }
    if bits > 0 {
        out.push(unit((acc << (BITS - bits)) & MASK));
    }
    out
}

/// How many characters [`pack`] makes of `bytes` bytes.
pub fn packed_len(bytes: usize) -> usize {
    (bytes * 8).div_ceil(BITS as usize)
}

/// The text [`pack`] made `packed` from, or why `packed` cannot be its output.
pub fn unpack(packed: &str) -> Result<String, String> {
    let mut bytes = Vec::with_capacity(packed.len());
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut chars = 0;
    for (i, c) in packed.chars().enumerate() {
        let n = u32::from(c).wrapping_sub(BASE);
        if n > MASK {
            return Err(format!(
                "character {} (U+{:04X}) is not a packed character",
                i + 1,
                u32::from(c)
            ));
        }
        acc = ((acc << BITS) | n) & 0x3F_FFFF; // at most 22 bits are pending
        bits += BITS;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        chars += 1;
    }
    if acc & ((1 << bits) - 1) != 0 {
        return Err("its last character has padding bits that are not zero".into());
    }
    // One byte more than a shorter text would have packed into as many characters, and zero:
    // that byte is padding.
    if bytes.last() == Some(&0) && packed_len(bytes.len() - 1) == chars {
        bytes.pop();
    }
    String::from_utf8(bytes).map_err(|e| format!("it does not unpack to UTF-8 text ({e})"))
}

fn unit(n: u32) -> char {
    char::from_u32(BASE + n).expect("U+0020..=U+801F are characters")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn known_values() {
        assert_eq!(pack(""), "");
        assert_eq!(unpack(""), Ok(String::new()));
        // "A" = 0x41 = 0100_0001, padded to 15 bits: 0100_0001_0000_000 = 0x2080.
        assert_eq!(pack("A"), "\u{20A0}");
        assert_eq!(unpack("\u{20A0}"), Ok("A".into()));
        // Every length: some leave a spare zero byte to drop ("ab": 16 bits in 30), some end
        // on a real byte where a spare one could have been ("abc": 24 bits in 30).
        for n in 0..64 {
            let text = "abcdefgh".repeat(8)[..n].to_string();
            assert_eq!(unpack(&pack(&text)), Ok(text));
        }
        // 15 bytes are exactly 8 characters; 16 bytes need 9.
        assert_eq!(pack(&"x".repeat(15)).chars().count(), 8);
        assert_eq!(pack(&"x".repeat(16)).chars().count(), 9);
        assert_eq!(pack("{\"a\":1}"), pack("{\"a\":1}"));
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        assert!(unpack("\u{1F}").unwrap_err().contains("U+001F"));
        assert!(unpack("\u{8020}").unwrap_err().contains("U+8020"));
        assert!(unpack("\u{20A1}").unwrap_err().contains("padding"));
        // 0xFF 0xFF (and a zero padding byte) is not UTF-8.
        assert!(unpack("\u{801F}\u{4020}").unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn json_shrinks_to_about_eight_fifteenths() {
        let json = r#"{"a":"an-article","x":"Christian Solidarity Worldwide is calling","t":["2026-11-28T13:05:00.000Z"]}"#;
        let packed = pack(json);
        assert_eq!(units(&packed), (json.len() * 8).div_ceil(15));
        let ratio = units(&packed) as f64 / json.len() as f64;
        assert!((0.53..0.55).contains(&ratio), "{ratio}");
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in any::<String>().prop_filter("no trailing NUL", |s| !s.ends_with('\0'))) {
            prop_assert_eq!(unpack(&pack(&text)), Ok(text));
        }

        #[test]
        fn non_ascii_and_emoji_round_trip(text in "[a-zé\"\\\\ 中文😀🇫🇷\n]{0,80}") {
            prop_assert_eq!(unpack(&pack(&text)), Ok(text));
        }

        #[test]
        fn output_is_one_unit_per_character_never_a_surrogate_or_control(text in any::<String>()) {
            let packed = pack(&text);
            prop_assert_eq!(units(&packed), packed.chars().count());
            prop_assert_eq!(packed.chars().count(), packed_len(text.len()));
            for c in packed.chars() {
                let u = u32::from(c);
                prop_assert!((0x20..=0x801F).contains(&u), "U+{:04X}", u);
            }
        }

        #[test]
        fn garbage_never_panics(text in any::<String>()) {
            let _ = unpack(&text);
        }

        #[test]
        fn packed_range_garbage_never_panics(units in proptest::collection::vec(0x20u32..=0x801F, 0..40)) {
            let text: String = units.into_iter().filter_map(char::from_u32).collect();
            if let Ok(back) = unpack(&text) {
                prop_assert_eq!(pack(&back), text);
            }
        }
    }
}
