//! A saved page's bytes as text, decoded the way a browser would: a byte-order mark first, then
//! the encoding the page declares in its first 1,024 bytes (`<meta charset>` or
//! `<meta http-equiv="Content-Type">`), then UTF-8 if the bytes are valid UTF-8, else
//! Windows-1252 (what browsers assume for unlabelled legacy pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The page's text and the name of the encoding it was read in.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared(&bytes[..bytes.len().min(1024)]))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    // A page that declares UTF-16 in a meta tag is read as ASCII-compatible text: browsers
    // treat that declaration as UTF-8.
    let encoding = encoding.output_encoding();
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

/// The encoding a page declares in `head` (its first bytes), if any that is known.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(label) = charset_in(tag) {
            if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
    }
    None
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

#[cfg(test)]
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
    }
}
