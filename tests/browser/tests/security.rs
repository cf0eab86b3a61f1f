//! A whole session stays on its own origin and breaks no rule of the Content-Security-Policy.

use browser_tests::{article_path, articles, select_words, type_note, App};
use serde_json::json;

/// Collects policy violations from now on (the app is a single page, so one listener sees
/// everything after the first load).
const WATCH_CSP: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

#[test]
fn a_full_session_makes_no_cross_origin_request_and_no_csp_violation() {
    let article = articles().remove(0);
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    let policy = b.script("const m = document.querySelector('meta[http-equiv=Content-Security-Policy]'); return m && m.content", vec![]);
    let policy = policy.as_str().expect("a CSP meta tag").to_string();
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-")
            && !policy.contains("'unsafe-eval'"),
        "{policy}"
    );
    b.script(WATCH_CSP, vec![]);

    // Read, highlight, annotate, change settings, search, export: everything a reader does.
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    b.click(&b.wait_for(".fact"));
    select_words(b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    type_note(b, "note");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.press_key("\u{E00C}");
    b.click(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog input[value=dark]"));
    b.press_key("\u{E00C}");
    b.click(&b.wait_for(".brand"));
    b.send_keys(&b.wait_for("input.search"), "labor");
    b.wait_for(".search-result");
    let export = b
        .find_all(".transfer-actions button")
        .into_iter()
        .next()
        .unwrap();
    b.click(&export);
    assert_eq!(b.script("return window.__csp", vec![]), json!([]));
    // A fresh load of an article page, with the highlight drawn and the image shown.
    app.goto(&article_path(&article));
    b.wait_for("mark[data-hl]");
    b.script(WATCH_CSP, vec![]);
    b.wait_until(
        "the figure's image loaded",
        "const i = document.querySelector('figure img'); return i.complete && i.naturalWidth > 0",
        vec![],
    );

    let origin = app.server.base_url.clone();
    let urls = b.script(
        "return performance.getEntries().filter(e => e.name.includes('://')).map(e => e.name)",
        vec![],
    );
    let urls: Vec<String> = serde_json::from_value(urls).unwrap();
    assert!(!urls.is_empty());
    let foreign: Vec<&String> = urls.iter().filter(|u| !u.starts_with(&origin)).collect();
    assert!(foreign.is_empty(), "requests outside {origin}: {foreign:?}");
    assert_eq!(b.script("return window.__csp", vec![]), json!([]));
    // And the server saw only paths of its own files.
    assert!(app.server.requests().iter().all(|p| p.starts_with('/')));
}
