//! Stress runs, not tests (ignored by the test command; run by hand, one engine at a time:
//! `E2E_BROWSER=chromium cargo test -p browser-tests --test stress -- --ignored`, with
//! `STRESS_ROUNDS=<n>` for more or fewer rounds). They repeat one path of the app many times in
//! one browser, to find what goes wrong only now and then.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{article_path, first_article, select_words, show_facts, toolbar_button, App};

/// How many rounds: `STRESS_ROUNDS`, or 200.
fn rounds() -> usize {
    std::env::var("STRESS_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// The panic the app recorded on the page, if any (`src/start.rs`).
fn panic_of(b: &Browser) -> Option<String> {
    b.script(
        "return document.documentElement.getAttribute('data-app-panic')",
        vec![],
    )
    .as_str()
    .map(str::to_string)
}

/// A returning reader with two highlights pinned as key facts opens the article again
/// and again: the page draws them early, the app takes the page over and draws them again.
/// (A continuous-integration run once stopped here with a panic in `annotated_text.rs`.)
#[test]
#[ignore]
fn reopening_an_article_with_highlights_and_a_key_fact() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    for words in [
        "Defectors are often forced into labor camps",
        "Considering that it is illegal",
    ] {
        select_words(b, words);
        b.click(&toolbar_button(b, "Key fact"));
        b.wait_for("#hl-editor[open] #hl-fact");
        b.press_key(keys::ESCAPE);
        b.wait_until(
            "the editor closed",
            "return !document.querySelector('dialog[open]')",
            vec![],
        );
    }
    b.wait_until(
        "both highlights are drawn",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
        vec![],
    );
    let rounds = rounds();
    for round in 1..=rounds {
        app.goto(&article_path(&article));
        b.wait_until(
            "the app has drawn both highlights, or stopped",
            "return !!document.documentElement.getAttribute('data-app-panic') || new Set([...document.querySelectorAll('.article-body mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
            vec![],
        );
        if let Some(panic) = panic_of(b) {
            panic!("round {round} of {rounds}: the app stopped: {panic}");
        }
        // And the facts sidebar, as soon as the marks are there.
        show_facts(b);
        b.wait_until(
            "the sidebar lists both key facts, or the app stopped",
            "return !!document.documentElement.getAttribute('data-app-panic') || document.querySelectorAll('.own-fact').length === 2",
            vec![],
        );
        if let Some(panic) = panic_of(b) {
            panic!("round {round} of {rounds}, facts shown: the app stopped: {panic}");
        }
    }
}
