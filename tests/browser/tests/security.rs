//! A whole session stays on its own origin and breaks no rule of the Content-Security-Policy.

use browser_tests::{
    article_path, first_article, hear, select_words, type_note, wait_dialogs_closed, wait_said,
    wait_until_ready_offline, App,
};
use serde_json::json;

/// Collects policy violations from now on (the app is a single page, so one listener sees
/// everything after the first load).
const WATCH_CSP: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));";

#[test]
fn a_full_session_makes_no_cross_origin_request_and_no_csp_violation() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    // The session includes the service worker's own requests (its install, its precache).
    wait_until_ready_offline(b);
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
    // A modal dialog still open would take the next click (WebKit, under load).
    wait_dialogs_closed(b);
    // The fact's sentence was scrolled to smoothly: a click while the page still moves is lost.
    b.click_when_still(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog[open] input[value=dark]"));
    b.press_key("\u{E00C}");
    wait_dialogs_closed(b);
    b.click(&b.wait_for(".brand"));
    b.send_keys(&b.wait_for("input.search"), "labor");
    b.wait_for(".search-result");
    let export = b
        .find_all(".transfer-actions button")
        .into_iter()
        .find(|e| b.text(e) == "Export as Markdown")
        .expect("an export button");
    hear(b);
    b.click(&export);
    // The export is done (its file made and handed to the browser) before the page is left:
    // a download started by a page being left is no part of this session.
    wait_said(b, "Markdown export downloaded");
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
    // And the server was only asked for files the build has (a folder is its index.html).
    let dist = browser_tests::dist_dir();
    let requests = app.server.requests();
    assert!(
        requests.iter().any(|p| p.ends_with("_bg.wasm")),
        "{requests:?}"
    );
    let unknown: Vec<&String> = requests
        .iter()
        .filter(|p| {
            let path = p.split(['?', '#']).next().unwrap_or_default();
            let file = dist.join(path.trim_start_matches('/'));
            !(file.is_file() || file.join("index.html").is_file())
        })
        .collect();
    assert!(
        unknown.is_empty(),
        "requests for files the build does not have: {unknown:?}"
    );
}

/// How each page puts its policy in place (scripts/build/csp.mjs): a script, first in the head,
/// that adds the `<meta http-equiv>`, which Chromium's preload scanner does not see.
const INJECTOR: &str = r#"<script>document.head.append(Object.assign(document.createElement("meta"), { httpEquiv: "Content-Security-Policy", content: "#;

#[test]
fn every_page_of_the_build_carries_exactly_one_policy() {
    let dist = browser_tests::dist_dir();
    let mut pages = Vec::new();
    let mut folders = vec![dist.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("dist/ is built") {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() >= 2, "{pages:?}");
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap();
        let head = &html[..html.find("</head>").expect("a head")];
        assert_eq!(html.matches(INJECTOR).count(), 1, "{}", page.display());
        assert!(
            !html.contains("<meta http-equiv=\"Content-Security-Policy\""),
            "no policy tag in the markup: {}",
            page.display()
        );
        assert!(
            head.find(INJECTOR) < head.find("<title>"),
            "the policy comes first: {}",
            page.display()
        );
    }
}

#[test]
fn the_policy_is_in_force_on_the_library_and_on_an_article() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    for path in ["/".to_string(), article_path(&article)] {
        app.goto(&path);
        b.wait_for("html[data-app]");
        let policy = b.script(
            "return [...document.querySelectorAll('meta[http-equiv=Content-Security-Policy]')].map(m => m.parentNode === document.head && m.content)",
            vec![],
        );
        let policy = policy[0].as_str().unwrap_or_default();
        assert!(
            policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{path}: {policy}"
        );
        // An inline script that is not the page's own is refused, and the refusal reported.
        b.script(WATCH_CSP, vec![]);
        b.script(
            "const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s);",
            vec![],
        );
        b.wait_until(
            "the policy refused the script",
            "return window.__csp.some(v => v.startsWith('script-src'))",
            vec![],
        );
        assert_eq!(
            b.script(
                "return [window.__ran === undefined, window.__csp.length]",
                vec![]
            ),
            json!([true, 1]),
            "{path}"
        );
    }
}
