//! A saved page's bytes as text, decoded the way a browser would: a byte-order mark first, then
//! the encoding the page declares in its first 1,024 bytes (`<meta charset>` or
//! `<meta http-equiv="Content-Type">`), then UTF-8 if the bytes are valid UTF-8, else
//! Windows-1252 (what browsers assume for unlabelled legacy pages).
//!
//! [`candidates`] names the encodings to try, in that order, as labels; [`decode`] (feature
//! `decode`, for the command) decodes with `encoding_rs`. The app's worker decodes with the
//! browser's own decoders (`TextDecoder`, the same WHATWG Encoding Standard) instead, so that
//! their tables are not in its WebAssembly.

/// The labels of the encodings to try for `bytes`, best first; the first one the decoder knows
/// is the page's. A page that declares UTF-16 in a meta tag is read as UTF-8, as browsers do.
pub fn candidates(bytes: &[u8]) -> Vec<String> {
    let mut labels = Vec::new();
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        labels.push("utf-8".to_string());
    } else if bytes.starts_with(b"\xFF\xFE") {
        labels.push("utf-16le".to_string());
    } else if bytes.starts_with(b"\xFE\xFF") {
        labels.push("utf-16be".to_string());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(label) = charset_in(tag) {
            let label = label.trim();
            labels.push(
                if label.starts_with("utf-16") || label.starts_with("unicode") {
                    "utf-8".to_string()
                } else {
                    label.to_string()
                },
            );
        }
    }
    labels.push(if std::str::from_utf8(bytes).is_ok() {
        "utf-8".to_string()
    } else {
        "windows-1252".to_string()
    });
    labels
}

/// The page's text and the name of the encoding it was read in.
#[cfg(feature = "decode")]
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let encoding = candidates(bytes)
        .iter()
        .find_map(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The value after `charset=` in a tag's text, without quotes.
fn charset_in(tag: &str) -> Option<&str> {
    let at = tag.find("charset")?;
    let value = tag[at + "charset".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|v| !v.is_empty())
}

#[cfg(all(test, feature = "decode"))]
mod tests {
    use super::*;
    use encoding_rs::SHIFT_JIS;

    #[test]
    fn declared_bom_and_unlabelled_pages_are_read_in_their_encoding() {
        let latin = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x96 na\xefve</body></html>";
        assert_eq!(
            decode(latin),
            (
                "<html><head><meta charset=\"windows-1252\"></head><body>café – naïve</body></html>".into(),
                "windows-1252"
            )
        );
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body>日本語の記事</body></html>";
        let (bytes, _, _) = SHIFT_JIS.encode(page);
        assert_eq!(decode(&bytes), (page.to_string(), "Shift_JIS"));
        // Unlabelled: UTF-8 when it is valid UTF-8, else Windows-1252.
        assert_eq!(decode("naïve".as_bytes()), ("naïve".into(), "UTF-8"));
        assert_eq!(decode(b"na\xefve"), ("naïve".into(), "windows-1252"));
        // A byte-order mark wins over the declaration.
        let bom = b"\xef\xbb\xbf<meta charset=windows-1252>\xc3\xa9";
        assert_eq!(
            decode(bom),
            ("<meta charset=windows-1252>é".into(), "UTF-8")
        );
        // An unknown label is ignored; a UTF-16 label in a meta tag reads as UTF-8.
        assert_eq!(decode(b"<meta charset=klingon>ok").1, "UTF-8");
        assert_eq!(decode(b"<meta charset=utf-16>ok").1, "UTF-8");
        // What the worker hands the browser's decoder, in order.
        assert_eq!(
            candidates(b"\xef\xbb\xbf<meta charset=\"Shift_JIS\"><meta charset=x>"),
            vec!["utf-8", "shift_jis", "x", "utf-8"]
        );
        assert_eq!(candidates(b"caf\xe9"), vec!["windows-1252"]);
    }
}
