//! A library over the offline budget (the second build `./scripts/test.sh` makes in
//! `target/content-check/dist`: one long new article that does not fit 200 KB of articles, and
//! the bundled one that does). The one within the budget reads offline from the first visit;
//! the other is kept the first time it is opened, and the library says which is which, keeps
//! them all, or lets one go.

use browser_tests::server::StaticServer;
use browser_tests::webdriver::Browser;
use browser_tests::{first_article, repo_root};
use serde_json::json;

const LONG: &str = "a-long-new-article";
const LONG_TITLE: &str = "A long new article";

fn over_budget_build() -> std::path::PathBuf {
    let dir = repo_root().join("target/content-check/dist");
    assert!(
        dir.join("index.html").is_file(),
        "{} is missing: ./scripts/test.sh builds it (the second library, over the offline budget)",
        dir.display()
    );
    dir
}

/// Waits until the library says `summary` about what is kept offline.
fn wait_summary(b: &Browser, summary: &str) {
    b.wait_until(
        &format!("the library says {summary:?}"),
        "const s = document.querySelector('.offline-summary'); return !!s && s.textContent.startsWith(arguments[0])",
        vec![json!(summary)],
    );
}

/// The badge of the library item titled `title`.
fn badge(b: &Browser, title: &str) -> String {
    let said = b.script(
        "const item = [...document.querySelectorAll('.library-item')].find(i => i.querySelector('.library-title').textContent === arguments[0]); \
         const badge = item && item.querySelector('.offline-badge'); return badge ? badge.firstChild.textContent : null",
        vec![json!(title)],
    );
    said.as_str().unwrap_or("(none)").to_string()
}

fn click_badge_button(b: &Browser, title: &str) {
    b.script(
        "[...document.querySelectorAll('.library-item')].find(i => i.querySelector('.library-title').textContent === arguments[0]).querySelector('.offline-badge button').click()",
        vec![json!(title)],
    );
}

fn open_from_library(b: &Browser, title: &str) {
    b.script(
        "[...document.querySelectorAll('.library-title a')].find(a => a.textContent === arguments[0]).click()",
        vec![json!(title)],
    );
}

#[test]
fn an_article_beyond_the_budget_is_kept_when_opened_and_the_library_says_which_are_kept() {
    let seed = first_article();
    let server = StaticServer::start(&over_budget_build());
    let b = Browser::start();
    b.goto(&server.url("/"));
    wait_summary(&b, "1 of 2 articles kept for reading offline.");
    assert_eq!(badge(&b, &seed.title), "Kept offline");
    assert_eq!(badge(&b, LONG_TITLE), "Online only");

    // Offline: the article within the budget opens; the other says why it cannot.
    server.set_offline(true);
    open_from_library(&b, &seed.title);
    b.wait_for("[data-part]");
    b.click(&b.wait_for("a.nav-link"));
    b.wait_for(".library-item");
    open_from_library(&b, LONG_TITLE);
    let heading = b.wait_for(".not-found h1");
    assert_eq!(b.text(&heading), "This article could not be opened");
    let why = b.text(&b.wait_for(".not-found p"));
    assert!(
        why.ends_with("could not be loaded (no connection, and not saved for offline use)"),
        "{why}"
    );

    // Online, opened once: kept whole, and it reloads offline.
    server.set_offline(false);
    b.goto(&server.url(&format!("/articles/{LONG}/")));
    b.wait_for("[data-part]");
    b.goto(&server.url("/"));
    wait_summary(&b, "All 2 articles are kept for reading offline.");
    assert_eq!(badge(&b, LONG_TITLE), "Kept offline");
    server.set_offline(true);
    b.goto(&server.url(&format!("/articles/{LONG}/")));
    assert_eq!(b.text(&b.wait_for("#article-title")), LONG_TITLE);
    b.goto(&server.url("/"));
    wait_summary(&b, "All 2 articles are kept for reading offline.");

    // Let it go, then keep them all again.
    server.set_offline(false);
    click_badge_button(&b, LONG_TITLE);
    wait_summary(&b, "1 of 2 articles kept for reading offline.");
    assert_eq!(badge(&b, LONG_TITLE), "Online only");
    b.click(&b.wait_for(".offline-summary button"));
    wait_summary(&b, "All 2 articles are kept for reading offline.");
    assert_eq!(badge(&b, LONG_TITLE), "Kept offline");
}

#[test]
fn the_library_finds_an_article_by_title_site_or_author() {
    let seed = first_article();
    let server = StaticServer::start(&over_budget_build());
    let b = Browser::start();
    b.goto(&server.url("/"));
    b.wait_for(".library-item");
    let titles = || browser_tests::library_titles(&b);
    assert_eq!(titles(), json!([LONG_TITLE, seed.title]));
    let find = b.wait_for("input.find-article");
    for (words, found) in [
        ("long new", vec![LONG_TITLE]),
        (seed.publication.as_str(), vec![seed.title.as_str()]),
        (seed.byline.as_str(), vec![seed.title.as_str()]),
        ("the test paper", vec![LONG_TITLE]),
        // Its author is "Åsa Writer": case is folded beyond ASCII too.
        ("ÅSA WRITER", vec![LONG_TITLE]),
        ("åsa", vec![LONG_TITLE]),
    ] {
        b.script("arguments[0].value = ''", vec![find.arg()]);
        b.send_keys(&find, words);
        b.wait_until(
            &format!("{words:?} finds {found:?}"),
            "return JSON.stringify([...document.querySelectorAll('.library-title')].map(t => t.textContent)) === arguments[0]",
            vec![json!(serde_json::to_string(&found).unwrap())],
        );
    }
}
