//! Stress runs, not tests (ignored by the test command; run by hand, one engine at a time:
//! `E2E_BROWSER=chromium cargo test -p browser-tests --test stress -- --ignored`, with
//! `STRESS_ROUNDS=<n>` for more or fewer rounds). They repeat one path of the app many times in
//! one browser, to find what goes wrong only now and then.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{
    article_path, first_article, select_words, show_facts, toolbar_button, wait_dialogs_closed, App,
};

/// How many rounds: `STRESS_ROUNDS`, or 200.
fn rounds() -> usize {
    std::env::var("STRESS_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// Waits until `condition` (a script's expression) holds or the app stopped on a panic
/// (`src/start.rs`), and stops the run at a panic, saying where.
fn until_or_stopped(b: &Browser, what: &str, condition: &str, round: usize) {
    let stopped = "document.documentElement.getAttribute('data-app-panic')";
    b.wait_until(
        &format!("{what}, or the app stopped"),
        &format!("return !!{stopped} || {condition}"),
        vec![],
    );
    if let Some(panic) = b.script(&format!("return {stopped}"), vec![]).as_str() {
        panic!("round {round}, waiting until {what}: the app stopped: {panic}");
    }
}

/// A returning reader with two passages pinned as key facts opens the article again
/// and again: the page draws them early, the app takes the page over and draws them again.
/// (A continuous-integration run once stopped here with a panic in `annotated_text.rs`.)
#[test]
#[ignore]
fn reopening_an_article_with_two_key_facts() {
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
        wait_dialogs_closed(b);
    }
    b.wait_until(
        "both highlights are drawn",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
        vec![],
    );
    for round in 1..=rounds() {
        app.goto(&article_path(&article));
        until_or_stopped(
            b,
            "the app has drawn both highlights",
            "new Set([...document.querySelectorAll('.article-body mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
            round,
        );
        // And the facts sidebar, as soon as the marks are there.
        show_facts(b);
        until_or_stopped(
            b,
            "the sidebar lists both key facts",
            "document.querySelectorAll('.own-fact').length === 2",
            round,
        );
    }
}
