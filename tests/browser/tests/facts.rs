//! Choosing a key fact, by mouse or keyboard, takes the reader to the words that support it.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{article_path, first_article, App};
use serde_json::json;

/// Waits until the supporting words of `fact` are marked and focused, then until they are in
/// the viewport (the scroll is smooth and may outlast the brief mark on a slow machine), and
/// checks they are exactly the fact's quote.
fn assert_taken_to(b: &Browser, fact: &reader_core::article::Fact) {
    b.wait_until(
        &format!("fact {}'s words are marked and focused", fact.id),
        r#"const spans = [...document.querySelectorAll(`[data-facts~="${arguments[0]}"]`)];
           return spans.length > 0 && spans.every(s => s.classList.contains('is-flashing'))
               && document.activeElement === spans[0];"#,
        vec![json!(fact.id)],
    );
    b.wait_until(
        &format!("fact {}'s words are in view", fact.id),
        r#"const r = document.querySelector(`[data-facts~="${arguments[0]}"]`).getBoundingClientRect();
           return r.top >= 0 && r.bottom <= window.innerHeight;"#,
        vec![json!(fact.id)],
    );
    let words = b.script(
        "return [...document.querySelectorAll(`[data-facts~=\"${arguments[0]}\"]`)].map(s => s.textContent).join('')",
        vec![json!(fact.id)],
    );
    assert_eq!(words, json!(fact.quote));
}

#[test]
fn clicking_each_fact_brings_its_sentence_into_view() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    b.wait_for(".facts .fact");
    // Last fact first: its words are far down the page, out of view at the start.
    for fact in article.facts.iter().rev() {
        b.script("window.scrollTo(0, 0)", vec![]);
        let button = b.wait_for(&format!(".fact[data-fact=\"{}\"]", fact.id));
        b.click(&button);
        assert_taken_to(b, fact);
    }
}

#[test]
fn a_fact_works_from_the_keyboard() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    let fact = article.facts.last().unwrap();
    let button = b.wait_for(&format!(".fact[data-fact=\"{}\"]", fact.id));
    b.script(
        "window.scrollTo(0, 0); arguments[0].focus()",
        vec![button.arg()],
    );
    b.send_keys(&button, keys::ENTER);
    assert_taken_to(b, fact);
    // The mark is brief.
    b.wait_until(
        "the mark fades",
        "return document.querySelectorAll('.is-flashing').length === 0",
        vec![],
    );
}
