//! Key facts for any article: the reader pins words as a key fact (toolbar or `f`), with an
//! optional statement; the sidebar lists them in the order of the text, each leading to its
//! words; they survive a reload, can be unpinned, and travel in the Web Annotation export.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{
    add_file, article_path, first_article, open_listed, select_words, show_facts, toolbar_button,
    wait_dialogs_closed, App,
};
use serde_json::json;

const FIRST: &str = "Defectors are often forced into labor camps";
const SECOND: &str = "Considering that it is illegal";

/// Waits until the editor is open with focus in the fact's statement.
fn statement_has_focus(b: &Browser) {
    b.wait_until(
        "the editor is open with focus in the key fact's statement",
        "const d = document.querySelector('#hl-editor'); return !!d && d.open && document.activeElement === d.querySelector('#hl-fact')",
        vec![],
    );
}

fn editor_closed(b: &Browser) {
    wait_dialogs_closed(b);
}

/// Waits until the sidebar lists exactly these key facts of the reader: (text, the words
/// under it or "") each, in order.
fn wait_pinned(b: &Browser, expected: &[(String, String)]) {
    b.wait_until(
        &format!("the sidebar lists the reader's key facts {expected:?}"),
        "const list = [...document.querySelectorAll('.own-fact')].map(a => [a.querySelector('.fact-text').textContent, (a.querySelector('.fact-words') || {}).textContent || '']); \
         return JSON.stringify(list) === JSON.stringify(arguments[0])",
        vec![json!(expected)],
    );
}

#[test]
fn pinned_facts_are_listed_in_text_order_lead_to_their_words_survive_a_reload_and_travel_in_the_export(
) {
    let article = first_article();
    // In the order of the text, not of pinning.
    let expected = vec![
        (
            "Leaving is a crime <b>there</b>".to_string(),
            format!("“{SECOND}”"),
        ),
        (FIRST.to_string(), String::new()),
    ];
    let exported = {
        let app = App::open_article(&article);
        let b = &app.browser;
        // Words from the toolbar, without a statement (Escape).
        select_words(b, FIRST);
        let pin = toolbar_button(b, "Key fact");
        b.click(&pin);
        statement_has_focus(b);
        b.press_key(keys::ESCAPE);
        editor_closed(b);
        // Then words earlier in the text, by key, with a statement typed and Enter.
        select_words(b, SECOND);
        b.wait_for(".hl-toolbar");
        b.press_key("f");
        statement_has_focus(b);
        b.send_keys(&b.wait_for("#hl-fact"), "Leaving is a crime <b>there</b>");
        b.press_key(keys::ENTER);
        editor_closed(b);
        show_facts(b);
        wait_pinned(b, &expected);
        // Beside the author's facts, under a heading of their own; marked in the story.
        assert!(!b.find_all(".facts-list a.fact:not(.own-fact)").is_empty());
        let subheading = b.wait_for(".facts-subheading");
        assert_eq!(
            b.script("return arguments[0].textContent", vec![subheading.arg()]),
            json!("Pinned by you")
        );
        assert_eq!(
            b.script("return document.querySelectorAll('mark.hl-fact').length > 0 && [...document.querySelectorAll('mark.hl-fact')].every(m => m.matches('.hl-yellow'))", vec![]),
            json!(true)
        );
        let dir = browser_tests::screenshot_dir();
        b.screenshot(&dir.join("key-facts-sidebar.png"));
        // Choosing one lands on its words.
        let second = b.find_all(".own-fact").remove(1);
        b.click(&second);
        b.wait_until(
            "focus is on the fact's highlight",
            "const a = document.activeElement; return a.matches('mark.hl-fact') && a.textContent === arguments[0]",
            vec![json!(FIRST)],
        );
        // After a reload, the same list.
        app.goto(&article_path(&article));
        b.wait_for("mark.hl-fact");
        show_facts(b);
        wait_pinned(b, &expected);
        // Unpinned from the editor: a highlight still, no longer a fact.
        b.click(&b.wait_for(&format!(
            "mark[data-hl=\"{}\"]",
            b.script(
                "return document.querySelectorAll('.own-fact')[1].dataset.pinned",
                vec![]
            )
            .as_str()
            .unwrap()
        )));
        let pin_box = b.wait_for("#hl-editor[open] #hl-pin");
        b.screenshot(&browser_tests::screenshot_dir().join("key-facts-editor-pinned.png"));
        assert_eq!(
            b.script("return arguments[0].checked", vec![pin_box.arg()]),
            json!(true)
        );
        b.click(&pin_box);
        // Lasting signs, not the announcement (another can replace it before it is read).
        wait_pinned(b, &expected[..1]);
        b.wait_until(
            "the box is unchecked and the statement field gone",
            "return !document.querySelector('#hl-pin').checked && !document.querySelector('#hl-fact')",
            vec![],
        );
        b.press_key(keys::ESCAPE);
        editor_closed(b);
        assert!(b.find_all("mark[data-hl]").len() >= 2);
        app.goto("/");
        b.wait_for(".transfer-actions");
        let (_, exported) = browser_tests::download(b, "Export as JSON (Web Annotation)");
        exported
    };
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let items = doc["first"]["items"].as_array().unwrap();
    let fact = items
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == SECOND)
        .expect("the fact's annotation");
    assert_eq!(
        fact["body"],
        json!([
            {"type": "TextualBody", "purpose": "tagging", "value": "key fact", "format": "text/plain"},
            {"type": "TextualBody", "purpose": "describing", "value": "Leaving is a crime <b>there</b>", "format": "text/plain"}
        ])
    );
    // Into a new profile: the fact comes back as one.
    let app = App::open("/");
    let b = &app.browser;
    let report = browser_tests::transfer_file(b, "#import-file", &exported, "facts.json");
    assert!(
        report.starts_with(&format!("2 highlights added to “{}”.", article.title)),
        "{report}"
    );
    app.goto(&article_path(&article));
    b.wait_for("mark.hl-fact");
    show_facts(b);
    wait_pinned(b, &expected[..1]);
    assert_eq!(
        b.script(
            "return document.querySelectorAll('.facts-list b').length",
            vec![]
        ),
        json!(0)
    );
}

const MARKDOWN: &str = "---\ntitle: A note on tides\n---\n\nThe tide turns twice a day along this coast.\n\nFishermen plan their week around it.\n";

#[test]
fn a_readers_own_article_gets_key_facts_too() {
    let app = App::open("/");
    let b = &app.browser;
    let results = add_file(b, "tides.md", MARKDOWN);
    assert_eq!(results.len(), 1, "{results:?}");
    open_listed(b, "A note on tides");
    b.wait_for("[data-part]");
    // No facts of its own: the tab offers to pin some.
    show_facts(b);
    assert_eq!(
        b.text(&b.wait_for("#facts-tab .facts-hint")),
        "Pin words of the story as a key fact of your own: select them and choose “Key fact” (or press f)."
    );
    select_words(b, "Fishermen plan their week");
    b.wait_for(".hl-toolbar");
    b.press_key("f");
    statement_has_focus(b);
    b.send_keys(&b.wait_for("#hl-fact"), "Work follows the tide");
    b.screenshot(&browser_tests::screenshot_dir().join("key-facts-editor.png"));
    b.press_key(keys::ESCAPE);
    editor_closed(b);
    wait_pinned(
        b,
        &[(
            "Work follows the tide".to_string(),
            "“Fishermen plan their week”".to_string(),
        )],
    );
    assert!(b.find_all(".facts-subheading").is_empty());
    // The help lists the key.
    b.press_key("?");
    let help = b.text(&b.wait_for("#help-dialog[open]"));
    assert!(help.contains("Pin the selection as a key fact"), "{help}");
}
