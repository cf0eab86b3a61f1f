//! Local storage under stress: corrupt and foreign data, storage full, a newer schema, an
//! older schema, and two tabs changing annotations at once.

use browser_tests::webdriver::Browser;
use browser_tests::{article_path, articles, highlight_texts, select_words, App};
use serde_json::json;

fn open_article() -> App {
    let article = articles().remove(0);
    let app = App::open(&article_path(&article));
    app.browser.wait_for("[data-part]");
    app
}

fn highlight(b: &Browser, words: &str) {
    select_words(b, words);
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_until(
        "the highlight is drawn",
        "return [...document.querySelectorAll('mark[data-hl]')].some(m => arguments[0].startsWith(m.textContent))",
        vec![json!(words)],
    );
}

fn storage_json(b: &Browser) -> serde_json::Value {
    b.script("return Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))", vec![])
}

#[test]
fn corrupt_records_are_kept_aside_and_valid_ones_load() {
    let app = open_article();
    let b = &app.browser;
    highlight(b, "Defectors are often forced into labor camps");
    let garbage = "{\"id\": \"broken\", this is not json";
    b.script("localStorage.setItem('reader:hl:broken', arguments[0]); localStorage.setItem('reader:bm:odd', '[1,2,3]')", vec![json!(garbage)]);
    b.reload();
    b.wait_for("mark[data-hl]");
    // The valid highlight is drawn, the reader is told, the bad payloads are kept verbatim.
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    let notices = b.text(&b.wait_for(".notices"));
    assert!(!notices.is_empty());
    assert_eq!(
        b.find_all(".notices button")
            .iter()
            .filter(|e| b.text(e) == "Download the kept data")
            .count(),
        2
    );
    let stored = storage_json(b);
    let kept: Vec<&str> = stored
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.starts_with("reader:backup:"))
        .map(|(_, v)| v.as_str().unwrap())
        .collect();
    assert!(kept.contains(&garbage), "{stored}");
    assert!(kept.contains(&"[1,2,3]"), "{stored}");
    // Told once: the next load is quiet.
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(b.find_all(".notices").len(), 0);
}

#[test]
fn a_full_storage_says_so_and_keeps_earlier_data() {
    let app = open_article();
    let b = &app.browser;
    highlight(b, "Defectors are often forced into labor camps");
    let before = storage_json(b);
    // Fill the quota with someone else's data.
    b.script(
        r#"let i = 0;
           for (const size of [256 * 1024, 4096, 64, 1]) {
             const chunk = 'x'.repeat(size);
             try { for (;;) { localStorage.setItem('filler-' + i, chunk); i++; } } catch (e) {}
           }"#,
        vec![],
    );
    highlight(b, "Considering that it is illegal");
    // Shown (kept in memory) but the reader is told it is not saved.
    assert_eq!(highlight_texts(b).len(), 2);
    let notices = b.text(&b.wait_for(".notices")).to_lowercase();
    assert!(
        notices.contains("full") || notices.contains("space"),
        "{notices}"
    );
    b.script("Object.keys(localStorage).filter(k => k.startsWith('filler')).forEach(k => localStorage.removeItem(k))", vec![]);
    assert_eq!(storage_json(b), before, "nothing saved earlier changed");
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
}

#[test]
fn data_from_a_newer_version_is_left_alone_and_read_only() {
    let app = open_article();
    let b = &app.browser;
    highlight(b, "Defectors are often forced into labor camps");
    b.script(
        "localStorage.setItem('reader:meta', JSON.stringify({version: 99}))",
        vec![],
    );
    let before = storage_json(b);
    b.reload();
    b.wait_for("mark[data-hl]");
    let notices = b.text(&b.wait_for(".notices"));
    assert!(notices.to_lowercase().contains("newer"), "{notices}");
    select_words(b, "Considering that it is illegal");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    assert_eq!(
        highlight_texts(b).len(),
        1,
        "no new highlight while read-only"
    );
    assert_eq!(storage_json(b), before);
}

#[test]
fn data_from_the_first_schema_is_migrated() {
    let app = open_article();
    let b = &app.browser;
    let slug = &articles()[0].slug;
    let v1 = json!({"version": 1, "highlights": [{
        "id": "old-1", "slug": slug, "quote": "Defectors are often forced into labor camps",
        "prefix": "ly imprisons and tortures citizens who defect. ", "suffix": ", which after years",
        "start": 0, "end": 0, "colour": "green", "note": "from v1", "created": "2025-01-02T03:04:05.000Z"
    }]});
    b.script(
        "localStorage.clear(); localStorage.setItem('reader:annotations', arguments[0])",
        vec![json!(v1.to_string())],
    );
    b.reload();
    b.wait_for("mark.hl-green");
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    let note = b.wait_for(".panel-note");
    assert_eq!(
        b.script("return arguments[0].textContent", vec![note.arg()]),
        json!("from v1")
    );
    let keys = b.script(
        "return Object.keys(localStorage).filter(k => k.startsWith('reader:hl:'))",
        vec![],
    );
    assert_eq!(keys, json!(["reader:hl:old-1"]));
}

#[test]
fn two_tabs_stay_in_sync_and_lose_nothing() {
    let app = open_article();
    let b = &app.browser;
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto(&article_path(&articles()[0]));
    b.wait_for("[data-part]");

    // A highlight made in the first tab appears in the second without a reload.
    b.switch_to(&first);
    highlight(b, "Defectors are often forced into labor camps");
    b.switch_to(&second);
    b.wait_until(
        "the other tab's highlight arrives",
        "return document.querySelectorAll('mark[data-hl]').length === 1",
        vec![],
    );

    // Changes in both tabs, without either reloading: all survive everywhere.
    highlight(b, "Considering that it is illegal");
    b.switch_to(&first);
    highlight(b, "The defector requested the consulate's help");
    b.wait_until("both tabs' highlights are here", "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 3", vec![]);
    b.switch_to(&second);
    b.wait_until("both tabs' highlights are there", "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 3", vec![]);
    // A deletion travels too.
    b.click(&b.wait_for("mark[data-hl]"));
    b.click(&b.wait_for("#hl-editor button.danger"));
    b.switch_to(&first);
    b.wait_until("the deletion arrives", "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 2", vec![]);
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b).len(), 2);
}
