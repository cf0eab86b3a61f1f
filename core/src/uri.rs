//! Links from text nobody checked (an article's Markdown, an imported file): the one place
//! that decides what scheme a link has, read the way a browser reads it.
//!
//! A browser's URL parser drops ASCII tabs and newlines anywhere in a URL and C0 controls and
//! spaces at its ends, so `java&#9;script:` is `javascript:` to it. Reading the scheme of the
//! text as written would miss that; [`clean`] first does what the browser does, and more: it
//! removes every ASCII control character, wherever it is.

/// `url` without ASCII control characters (tab, newline and the rest of C0, and DEL) and
/// without spaces at its ends.
pub fn clean(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_ascii_control())
        .collect::<String>()
        .trim_matches(' ')
        .to_string()
}

/// Whether `url` is a clean absolute http(s) address: what a source may be.
pub fn is_web_address(url: &str) -> bool {
    matches!(scheme(url).as_deref(), Some("http" | "https")) && clean(url) == url
}

/// The scheme of `url` (lowercase, without the colon) as a browser reads it, or `None` for a
/// relative link.
pub fn scheme(url: &str) -> Option<String> {
    let url = clean(url);
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// `text` as a URL fragment: every character but letters, digits and `-._~` percent-encoded,
/// as `encodeURIComponent` does but for `!'()*`, which it leaves as they are.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Schemes a link in an article may have.
const ALLOWED: [&str; 3] = ["http", "https", "mailto"];

/// The target a link may have, or `None` when it must become plain text: an `http(s):` or
/// `mailto:` link, or a link within the app (a relative path). `//host/x` and `\\host\x` lead
/// to another host whatever they look like, so they are read as `https://host/x`.
pub fn safe_link(url: &str) -> Option<String> {
    let url = clean(url);
    if url.is_empty() {
        return None;
    }
    if url.starts_with(['/', '\\']) && url[1..].starts_with(['/', '\\']) {
        let rest = url.trim_start_matches(['/', '\\']).replace('\\', "/");
        return (!rest.is_empty()).then(|| format!("https://{rest}"));
    }
    match scheme(&url) {
        None => Some(url),
        Some(s) if ALLOWED.contains(&s.as_str()) => Some(url),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(scheme("https://x").as_deref(), Some("https"));
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(
            scheme("java\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("java\nscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("\u{1}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \u{7f}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("urn:reader:x").as_deref(), Some("urn"));
        assert_eq!(scheme("/a/b:c"), None);
        assert_eq!(scheme("1x:y"), None);
        assert_eq!(scheme("no scheme"), None);
    }

    #[test]
    fn only_web_and_mail_links_and_local_paths_are_kept() {
        for bad in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "  javascript:alert(1)",
            "data:text/html,<script>x</script>",
            "vbscript:x",
            "file:///etc/passwd",
            "",
            " \t ",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
        assert_eq!(
            safe_link("https://a.example/x").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(safe_link("MAILTO:x@y.z").as_deref(), Some("MAILTO:x@y.z"));
        assert_eq!(safe_link("/a").as_deref(), Some("/a"));
        assert_eq!(safe_link("../b#c").as_deref(), Some("../b#c"));
        assert_eq!(safe_link("http\t://x").as_deref(), Some("http://x"));
    }

    #[test]
    fn components_are_encoded_for_a_fragment() {
        assert_eq!(encode_component("hl-h-1"), "hl-h-1");
        assert_eq!(
            encode_component("hl-https://hypothes.is/a/x y"),
            "hl-https%3A%2F%2Fhypothes.is%2Fa%2Fx%20y"
        );
        assert_eq!(encode_component("é"), "%C3%A9");
    }

    #[test]
    fn protocol_relative_links_lead_to_another_host() {
        assert_eq!(
            safe_link("//evil.example/x").as_deref(),
            Some("https://evil.example/x")
        );
        assert_eq!(
            safe_link("\\\\evil.example\\x").as_deref(),
            Some("https://evil.example/x")
        );
        assert_eq!(
            safe_link("/\\evil.example/x").as_deref(),
            Some("https://evil.example/x")
        );
        assert_eq!(
            safe_link("\t//evil.example").as_deref(),
            Some("https://evil.example")
        );
        assert_eq!(safe_link("//"), None);
    }
}
