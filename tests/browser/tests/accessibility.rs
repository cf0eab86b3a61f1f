//! axe-core finds no violations on every main view, in the light and the dark theme; and the
//! whole highlight workflow works from the keyboard alone.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{
    article_path, axe_violations, first_article, hear, highlight_texts, type_note, use_theme,
    wait_dialogs_closed, wait_said, App,
};
use serde_json::json;

fn assert_clean(b: &Browser, what: &str) {
    let violations = axe_violations(b);
    println!("axe, {what}: {} violation(s)", violations.len());
    assert!(violations.is_empty(), "{what}: {violations:#?}");
}

fn audit_every_view(theme: &str) {
    let article = first_article();
    let app = App::open("/");
    use_theme(&app, theme);
    let b = &app.browser;
    b.wait_for(".library-item");
    assert_clean(b, &format!("library, {theme}"));

    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    assert_clean(b, &format!("article opened from the library, {theme}"));
    app.goto(&article_path(&article));
    b.wait_for("[data-part]");
    assert_clean(b, &format!("article opened directly, {theme}"));
    browser_tests::select_words(b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    type_note(b, "A note to check.");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.wait_for(".panel-note");
    assert_clean(
        b,
        &format!("article with a highlight and its open note, {theme}"),
    );
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);

    b.click(&b.find_all(".nav-button")[1]);
    b.wait_for("#settings-dialog[open]");
    assert_clean(b, &format!("settings dialog, {theme}"));
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);

    b.click(&b.find_all(".nav-button")[0]);
    b.wait_for("#help-dialog[open]");
    assert_clean(b, &format!("help dialog, {theme}"));
}

#[test]
fn axe_finds_no_violations_in_the_light_theme() {
    audit_every_view("light");
}

#[test]
fn axe_finds_no_violations_in_the_dark_theme() {
    audit_every_view("dark");
}

/// Presses Tab until the focused element matches `selector` (at most `limit` times).
fn tab_to(b: &Browser, selector: &str, limit: usize) {
    for _ in 0..limit {
        if b.script(
            "return !!document.activeElement && document.activeElement.matches(arguments[0])",
            vec![json!(selector)],
        ) == json!(true)
        {
            return;
        }
        b.press_key(keys::TAB);
    }
    let at = b.script(
        "const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : null",
        vec![],
    );
    panic!("{selector} was not reached with {limit} Tab presses: focus is on {at}");
}

#[test]
fn keyboard_only_reader_highlights_annotates_finds_and_deletes() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    // From the library to the article.
    tab_to(b, ".library-title a", 20);
    b.press_key(keys::ENTER);
    b.wait_for("#article-title");
    // To the third paragraph, then select its first sentence.
    for _ in 0..3 {
        b.press_key("j");
    }
    b.wait_until(
        "a paragraph has focus",
        "return document.activeElement.matches('.article-body [data-block]')",
        vec![],
    );
    let block: usize = b
        .script("return +document.activeElement.dataset.block", vec![])
        .as_u64()
        .unwrap() as usize;
    assert_eq!(block, 2);
    b.press_key("x");
    let sentence = b.script("return window.getSelection().toString()", vec![]);
    let sentence = sentence.as_str().unwrap().to_string();
    assert!(
        article.paragraphs().nth(2).unwrap().starts_with(&sentence),
        "{sentence:?}"
    );
    assert!(
        sentence.trim_end_matches('"').ends_with('.'),
        "a whole sentence: {sentence:?}"
    );
    // Highlight it with a note.
    b.wait_for(".hl-toolbar");
    b.press_key("n");
    b.wait_until(
        "the note field has focus",
        "return document.activeElement.id === 'hl-note'",
        vec![],
    );
    type_note(b, "Typed without a mouse.");
    tab_to(b, "#hl-editor button.primary", 5);
    b.press_key(keys::ENTER);
    b.wait_for(".panel-note");
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    assert_eq!(highlight_texts(b), vec![sentence.clone()]);
    // Find it in the panel (the second tab beside the story) and go to it.
    tab_to(b, "#tab-facts", 80);
    b.press_key(keys::RIGHT);
    b.wait_until(
        "the highlights tab has focus and is chosen",
        "const t = document.activeElement; return t.id === 'tab-marks' && t.getAttribute('aria-selected') === 'true'",
        vec![],
    );
    tab_to(b, ".panels .panel-item.highlight .panel-jump", 10);
    b.press_key(keys::ENTER);
    b.wait_until(
        "the highlight has focus",
        "return document.activeElement.matches('mark[data-hl]')",
        vec![],
    );
    // Open it and delete it.
    b.press_key(keys::ENTER);
    b.wait_for("#hl-editor[open]");
    // The editor puts focus on its first colour (the dialog first has it on Close): counting
    // Tab presses from before that would count from Close.
    b.wait_until(
        "the editor has focus on its first colour",
        "return document.activeElement.matches('#hl-editor .hl-editor-colors .swatch:first-child')",
        vec![],
    );
    tab_to(b, "#hl-editor button.danger", 12);
    hear(b);
    b.press_key(keys::ENTER);
    b.wait_until(
        "the highlight is gone",
        "return !document.querySelector('mark[data-hl]')",
        vec![],
    );
    // Announced once the deletion is drawn (WebKit may show the page between the two).
    wait_said(b, "Highlight deleted");
}
