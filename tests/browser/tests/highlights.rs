//! Highlighting with the real Selection API and the app's own controls: create, reload,
//! notes, colours, deletion, keyboard shortcuts, and text across paragraphs and the caption.

use browser_tests::webdriver::keys;
use browser_tests::webdriver::Browser;
use browser_tests::{
    first_article, hear, highlight_texts, select_words, show_marks, type_note,
    wait_position_stored, wait_said, App,
};
use serde_json::json;

const SENTENCE: &str = "Defectors are often forced into labor camps, which after years, ultimately leads to their deaths.";

/// Selects `words` and clicks the toolbar's swatch for `color`.
fn highlight(b: &Browser, words: &str, color: &str) {
    select_words(b, words);
    let swatch = b.wait_for(&format!(".hl-toolbar .swatch.hl-{color}"));
    b.click(&swatch);
    b.wait_until(
        "the highlight is drawn",
        "return !!document.querySelector('mark[data-hl]')",
        vec![],
    );
}

fn stored_highlights(b: &Browser) -> usize {
    let n = b.script(
        "return Object.keys(localStorage).filter(k => k.startsWith('reader:hl:')).length",
        vec![],
    );
    n.as_u64().unwrap() as usize
}

#[test]
fn a_highlighted_sentence_is_still_there_after_reload() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    highlight(b, SENTENCE, "yellow");
    assert_eq!(highlight_texts(b), vec![SENTENCE.to_string()]);
    assert_eq!(
        b.script(
            "return document.querySelector('mark[data-hl]').className",
            vec![]
        ),
        json!("hl hl-yellow")
    );
    assert_eq!(stored_highlights(b), 1);
    // The selection is gone and the toolbar with it.
    assert_eq!(b.find_all(".hl-toolbar").len(), 0);
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b), vec![SENTENCE.to_string()]);
    show_marks(b);
    let listed = b.text(&b.wait_for("#marks-tab .panel-item.highlight .panel-quote"));
    assert!(listed.contains("Defectors are often forced"), "{listed}");
}

/// Two highlights in a row are each announced: the second "Highlight saved" is heard, though
/// its words are the first's (a live region set to the text it already holds says nothing).
#[test]
fn saving_twice_in_a_row_is_announced_twice() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    hear(b);
    highlight(b, SENTENCE, "yellow");
    wait_said(b, "Highlight saved (Yellow)");
    select_words(b, "Ten North Korean defectors");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_until(
        "the second highlight is drawn",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
        vec![],
    );
    wait_said(b, "Highlight saved (Yellow)");
    // Said in one place: what the region holds is the last announcement, once.
    assert_eq!(
        b.script(
            "return document.querySelector('[role=status][aria-live=polite]').textContent",
            vec![]
        ),
        json!("Highlight saved (Yellow)")
    );
}

#[test]
fn a_highlight_can_span_paragraphs_and_the_caption() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let caption_end = "repressive and impoverished country.";
    // From the end of the caption into the first words of the story.
    select_words(b, &format!("{caption_end}\n\nTen North Korean defectors"));
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-green"));
    b.wait_for("mark[data-hl]");
    let marks = b.script(
        "return [...document.querySelectorAll('mark[data-hl]')].map(m => [m.closest('[data-part]').dataset.part, m.textContent])",
        vec![],
    );
    assert_eq!(
        marks,
        json!([["0", caption_end], ["1", "Ten North Korean defectors"]])
    );
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(b.find_all("mark[data-hl]").len(), 2);
}

#[test]
fn overlapping_highlights_keep_both() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    highlight(b, "Defectors are often forced into labor camps", "yellow");
    highlight(b, "forced into labor camps, which after years", "blue");
    b.reload();
    b.wait_for("mark[data-hl]");
    let count = b.script("return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size", vec![]);
    assert_eq!(count, json!(2));
    // The list beside the story is drawn by the highlighting part, fetched as the app starts.
    b.wait_until(
        "both highlights are listed",
        "return document.querySelectorAll('.panels .panel-item.highlight .panel-jump').length === 2",
        vec![],
    );
    // The paragraph's text is untouched by the markup.
    let text = b.script(
        "return document.querySelector('mark[data-hl]').closest('p').textContent",
        vec![],
    );
    assert!(text.as_str().unwrap().contains(SENTENCE));
}

#[test]
fn notes_are_added_edited_and_shown_as_text() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    select_words(b, SENTENCE);
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    // The note field opens focused.
    b.wait_until(
        "the note field has focus",
        "return document.activeElement && document.activeElement.id === 'hl-note'",
        vec![],
    );
    let hostile = "Check <img src=x onerror=\"window.pwned=1\"> this";
    type_note(b, hostile);
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.wait_until(
        "the note is listed",
        "return !!document.querySelector('.panel-note')",
        vec![],
    );
    b.reload();
    let note = b.wait_for(".panel-note");
    assert_eq!(
        b.script("return arguments[0].textContent", vec![note.arg()]),
        json!(hostile)
    );
    assert_eq!(
        b.script(
            "return document.querySelectorAll('.panels img').length + (window.pwned ? 1 : 0)",
            vec![]
        ),
        json!(0)
    );
    assert_eq!(
        b.script(
            "return document.querySelector('mark[data-hl]').classList.contains('hl-has-note')",
            vec![]
        ),
        json!(true)
    );

    // Edit: open the highlight, change the note and the colour.
    b.click(&b.wait_for("mark[data-hl]"));
    let field = b.wait_for("#hl-note");
    b.script(
        "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))",
        vec![field.arg()],
    );
    b.send_keys(&field, "Edited note");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.click(&b.wait_for("#hl-editor .swatch.hl-pink"));
    b.wait_until(
        "the edit is drawn",
        "return document.querySelector('mark[data-hl]').classList.contains('hl-pink') && document.querySelector('.panel-note').textContent === 'Edited note'",
        vec![],
    );
    b.reload();
    b.wait_for("mark.hl-pink");
    let note = b.wait_for(".panel-note");
    assert_eq!(
        b.script("return arguments[0].textContent", vec![note.arg()]),
        json!("Edited note")
    );
}

#[test]
fn a_highlight_is_deleted_from_its_editor() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    highlight(b, SENTENCE, "purple");
    b.click(&b.wait_for("mark[data-hl]"));
    b.click(&b.wait_for("#hl-editor button.danger"));
    b.wait_until(
        "the highlight is gone",
        "return !document.querySelector('mark[data-hl]')",
        vec![],
    );
    assert_eq!(stored_highlights(b), 0);
    b.reload();
    b.wait_for("[data-part]");
    assert_eq!(b.find_all("mark[data-hl]").len(), 0);
}

#[test]
fn keyboard_highlight_note_and_escape() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    select_words(b, SENTENCE);
    b.wait_for(".hl-toolbar");
    b.press_key("h");
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b), vec![SENTENCE.to_string()]);
    // The highlight is a tab stop; Enter opens it, Escape closes and returns focus.
    let mark = b.wait_for("mark[data-hl][tabindex='0']");
    b.script("arguments[0].focus()", vec![mark.arg()]);
    b.press_key("\u{E007}");
    b.wait_for("#hl-editor[open]");
    b.press_key("\u{E00C}");
    b.wait_until(
        "the editor closed and focus is back on the highlight",
        "return !document.querySelector('#hl-editor[open]') && document.activeElement && document.activeElement.matches('mark[data-hl]')",
        vec![],
    );
    // n: highlight and open the note, without typing the "n" into it.
    select_words(b, "Considering that it is illegal");
    b.wait_for(".hl-toolbar");
    b.press_key("n");
    b.wait_until(
        "the note field has focus",
        "return document.activeElement && document.activeElement.id === 'hl-note'",
        vec![],
    );
    assert_eq!(
        b.script("return document.getElementById('hl-note').value", vec![]),
        json!("")
    );
    // Typing in the note never triggers shortcuts.
    b.press_key("h");
    assert_eq!(
        b.script("return document.getElementById('hl-note').value", vec![]),
        json!("h")
    );
    assert_eq!(highlight_texts(b).len(), 2);
}

#[test]
fn a_note_being_typed_survives_other_changes() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    select_words(b, SENTENCE);
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    type_note(b, "Half a thought");
    // A new colour, and a reading position saved meanwhile (as scrolling does).
    b.click(&b.wait_for("#hl-editor .swatch.hl-green"));
    b.wait_for("mark.hl-green");
    b.script(
        "scrollBy(0, 300); dispatchEvent(new Event('scroll'));",
        vec![],
    );
    wait_position_stored(b);
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Half a thought")
    );
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.press_key(keys::ESCAPE);
    show_marks(b);
    let note = b.wait_for(".panel-note");
    assert_eq!(b.text(&note), "Half a thought");
    assert!(!b.find_all("mark.hl-green").is_empty());
}

/// Each drawn highlight as `[part, id, class, text]`, pieces of one highlight next to each
/// other in one part joined (the app cuts its marks at links and emphasis, a text node may not).
const DRAWN: &str = r#"const out = [];
   for (const m of document.querySelectorAll('mark[data-hl]')) {
     const entry = [m.closest('[data-part]').dataset.part, m.dataset.hl, m.className, m.textContent];
     const last = out[out.length - 1];
     if (last && last[0] === entry[0] && last[1] === entry[1] && last[2] === entry[2]) last[3] += entry[3];
     else out.push(entry);
   }
   return out;"#;

#[test]
fn a_returning_readers_highlights_are_drawn_by_the_page_before_the_app_starts() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    highlight(b, SENTENCE, "yellow");
    // Newer, over part of the first: drawn on top. With a note.
    select_words(b, "forced into labor camps, which after years");
    b.click(&browser_tests::toolbar_button(b, "Note"));
    type_note(b, "camps");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.press_key(keys::ESCAPE);
    // Across the caption and the story's first words.
    select_words(
        b,
        "repressive and impoverished country.\n\nTen North Korean defectors",
    );
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-green"));
    b.wait_until(
        "three highlights drawn, one with its note",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 3 && !!document.querySelector('mark.hl-has-note')",
        vec![],
    );
    let key = format!("reader:early:{}", article.slug);
    b.wait_until(
        "the page's copy of the three highlights, the note's class in it",
        "const v = localStorage.getItem(arguments[0]); return !!v && v.includes('hl-has-note') && [...document.querySelectorAll('mark[data-hl]')].every(m => v.includes(m.dataset.hl))",
        vec![json!(key)],
    );
    let by_app = b.script(DRAWN, vec![]);
    assert_eq!(by_app.as_array().map(Vec::len), Some(5), "{by_app}");

    // The next visit without the app: no service worker, and its WebAssembly refused.
    b.script_async(
        "const done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister()))).then(() => done(true), e => done(String(e)));",
        vec![],
    );
    let before = app.server.requested("_bg.wasm");
    app.server.refuse(Some("_bg.wasm"));
    b.load(&app.server.url(&browser_tests::article_path(&article)));
    app.server.wait_for_request(
        "_bg.wasm",
        before,
        std::time::Duration::from_secs(60),
        "the page never asked for the app's WebAssembly",
    );
    b.wait_for("html[data-early-highlights]");
    assert_eq!(b.script(DRAWN, vec![]), by_app);
    assert_eq!(
        b.script(
            "return [document.documentElement.dataset.earlyHighlights, document.documentElement.hasAttribute('data-app')]",
            vec![]
        ),
        json!([b.script("return String(document.querySelectorAll('mark[data-hl]').length)", vec![]), false])
    );
}
