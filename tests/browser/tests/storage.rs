//! Local storage under stress: corrupt and foreign data, storage full, a newer schema, an
//! older schema, and two tabs changing annotations at once.

use browser_tests::webdriver::{keys, Browser};
use browser_tests::{
    article_path, articles, back_to_the_app, first_article, hear, highlight_texts,
    leave_for_another_page, notices_shown, select_words, toolbar_button, wait_dialog_says,
    wait_dialogs_closed, wait_editor_open, wait_said_in_part, App,
};
use serde_json::json;

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

/// Fills the quota with someone else's data.
fn fill_storage(b: &Browser) {
    b.script(
        r#"let i = 0;
           for (const size of [256 * 1024, 4096, 64, 1]) {
             const chunk = 'x'.repeat(size);
             try { for (;;) { localStorage.setItem('filler-' + i, chunk); i++; } } catch (e) {}
           }"#,
        vec![],
    );
}

/// The first article, the app running, its storage filled with someone else's data; and what
/// was stored before. The page's copy of its highlights, which the store would drop to make
/// room before refusing a save, is removed first.
fn article_on_a_full_storage() -> (App, serde_json::Value) {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    b.wait_for("html[data-app=running]");
    remove_stored(b, "reader:early:");
    let before = storage_json(b);
    fill_storage(b);
    (app, before)
}

/// Removes every stored key that starts with `prefix` (`"filler-"`: what [`fill_storage`]
/// wrote).
fn remove_stored(b: &Browser, prefix: &str) {
    b.script(
        "Object.keys(localStorage).filter(k => k.startsWith(arguments[0])).forEach(k => localStorage.removeItem(k))",
        vec![json!(prefix)],
    );
}

#[test]
fn corrupt_records_are_kept_aside_and_valid_ones_load() {
    let app = App::open_article(&first_article());
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
    // The notices are a part of the app of their own, drawn once it is fetched: both at once.
    b.wait_for(".notices .notice");
    let notices = notices_shown(b);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices
            .iter()
            .all(|n| n.starts_with("A stored ") && n.contains("could not be read")),
        "{notices:?}"
    );
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
    // Told once: the next load is quiet. The store is read as the app starts, and a notice
    // would ask for the notices' part then: once the app runs, neither is there.
    b.reload();
    b.wait_for("html[data-app=running]");
    b.wait_for("mark[data-hl]");
    assert_eq!(b.find_all(".notices").len(), 0);
    assert_eq!(
        b.script(
            "return performance.getEntriesByType('resource').filter(e => e.name.includes('split_notices')).length",
            vec![]
        ),
        json!(0),
        "the notices' part was not asked for"
    );
}

#[test]
fn a_full_storage_says_so_and_keeps_earlier_data() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    highlight(b, "Defectors are often forced into labor camps");
    // The page's copy of its highlights (`reader:early:<slug>`) is one the store drops to make
    // room before it refuses a save (core's tests): gone here, so the filler leaves none.
    let early = format!("reader:early:{}", first_article().slug);
    b.wait_until(
        "the page's copy of its highlights written",
        "return !!localStorage.getItem(arguments[0])",
        vec![json!(early)],
    );
    b.script("localStorage.removeItem(arguments[0])", vec![json!(early)]);
    let before = storage_json(b);
    fill_storage(b);
    highlight(b, "Considering that it is illegal");
    // Shown (kept in memory) but the reader is told it is not saved.
    assert_eq!(highlight_texts(b).len(), 2);
    let notices = b.text(&b.wait_for(".notices")).to_lowercase();
    assert!(
        notices.contains("full") || notices.contains("space"),
        "{notices}"
    );
    remove_stored(b, "filler-");
    assert_eq!(storage_json(b), before, "nothing saved earlier changed");
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
}

/// A save the reader did not ask for (how far they read) that a full storage refuses is shown
/// among the notices, and not announced at every pause in scrolling.
#[test]
fn a_full_storage_refusing_the_reading_position_is_shown_not_announced() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    b.wait_for("html[data-app=running]");
    hear(b);
    // Any copy the page keeps of its highlights is one the store would drop to make room.
    remove_stored(b, "reader:early:");
    fill_storage(b);
    b.script(
        "window.scrollTo(0, Math.round((document.documentElement.scrollHeight - innerHeight) * 0.6))",
        vec![],
    );
    let notices = b.text(&b.wait_for(".notices")).to_lowercase();
    assert!(
        notices.contains("storage for this site is full"),
        "{notices}"
    );
    let heard = b.script(
        "return document.querySelector('[role=status][aria-live=polite]').__heard",
        vec![],
    );
    assert!(
        !heard.to_string().contains("full"),
        "the refusal was announced: {heard}"
    );
    remove_stored(b, "filler-");
}

/// What the app says of a reading setting a full storage refuses.
const SETTING_NOT_SAVED: &str = "Your reading settings apply until this tab is closed but were \
    not saved: your browser's storage for this site is full. Delete some annotations to make \
    room, then change a setting again.";

/// What the app says of a reading setting saved once a refusal's room is made.
const SETTINGS_SAVED: &str = "Your reading settings are saved.";

/// A reading setting a full storage refuses still applies, and the reader is told it was not
/// saved: said inside the settings dialog (the page behind it is inert) and shown among the
/// notices, until a later change is saved. Before, the next visit lost it without a word.
#[test]
fn a_setting_a_full_storage_refuses_is_told_until_one_is_saved() {
    let (app, before) = article_on_a_full_storage();
    let b = &app.browser;
    b.click(&b.find_all(".nav-button")[1]);
    b.wait_for("#settings-dialog[open]");
    b.click(&b.wait_for("#settings-dialog[open] input[value=dark]"));
    wait_dialog_says(b, "#settings-dialog", SETTING_NOT_SAVED);
    assert_eq!(
        b.script("return document.documentElement.dataset.theme", vec![]),
        json!("dark"),
        "applied all the same"
    );
    b.wait_for(".notices .notice");
    assert_eq!(notices_shown(b), [SETTING_NOT_SAVED]);
    // Room again: the next change is saved and the notice goes.
    remove_stored(b, "filler-");
    b.click(&b.wait_for("#settings-dialog[open] input[value=sepia]"));
    b.wait_until(
        "the notice is gone",
        "return !document.querySelector('.notices .notice')",
        vec![],
    );
    let mut after = storage_json(b);
    let settings = after
        .as_object_mut()
        .unwrap()
        .remove("reader:settings")
        .expect("the settings are saved");
    assert!(
        settings.as_str().unwrap().contains(r#""theme":"sepia""#),
        "{settings}"
    );
    assert_eq!(after, before, "nothing else changed");
}

/// On a full storage, each step of the text-size slider applies, but the refusal is said once,
/// at the first step, not again at each (a screen reader read the long sentence after every
/// "5 of 7"), and its one notice stays. A save once room is made is said, so a reader who did
/// as told hears that it worked.
#[test]
fn a_setting_refused_step_after_step_is_said_once_and_its_saving_after() {
    let (app, _) = article_on_a_full_storage();
    let b = &app.browser;
    b.click(&b.find_all(".nav-button")[1]);
    let range = b.wait_for("#settings-dialog[open] #text-size");
    // Every text written into the app's live region (its two slots take turns), in order.
    b.script(
        "const r = document.querySelector('[role=status][aria-live=polite]'); r.__written = []; \
         new MutationObserver(ms => { for (const m of ms) { \
           const t = m.type === 'characterData' ? m.target.data : [...m.addedNodes].map(n => n.textContent).join(''); \
           if (t) r.__written.push(t); } }).observe(r, { childList: true, characterData: true, subtree: true })",
        vec![],
    );
    b.script("arguments[0].focus()", vec![range.arg()]);
    let size = || {
        b.script(
            "return document.documentElement.getAttribute('style')",
            vec![],
        )
    };
    for _ in 0..3 {
        let was = size();
        b.press_key(keys::RIGHT);
        b.wait_until(
            "the step is applied",
            "return document.documentElement.getAttribute('style') !== arguments[0]",
            vec![was],
        );
    }
    b.wait_for(".notices .notice p");
    assert_eq!(notices_shown(b), [SETTING_NOT_SAVED], "one notice");
    remove_stored(b, "filler-");
    b.click(&b.wait_for("#settings-dialog[open] input[value=sepia]"));
    wait_dialog_says(b, "#settings-dialog", SETTINGS_SAVED);
    assert_eq!(
        b.script(
            "return document.querySelector('[role=status][aria-live=polite]').__written",
            vec![]
        ),
        json!([SETTING_NOT_SAVED, SETTINGS_SAVED])
    );
    assert!(b.find_all(".notices .notice").is_empty(), "the notice went");
    assert!(
        storage_json(b)["reader:settings"]
            .as_str()
            .is_some_and(|s| s.contains(r#""text_size":6"#) && s.contains(r#""theme":"sepia""#)),
        "{}",
        storage_json(b)
    );
}

/// A reader who dismissed the notice of a setting refused, made room and changed a setting
/// hears that it was saved: its saving was said only as it cleared a notice still shown.
#[test]
fn a_setting_saved_after_its_refusal_was_dismissed_is_said() {
    let (app, _) = article_on_a_full_storage();
    let b = &app.browser;
    b.click(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog[open] input[value=sepia]"));
    wait_dialog_says(b, "#settings-dialog", SETTING_NOT_SAVED);
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    // The notices are a part of their own, drawn once fetched (a moment later in WebKit).
    b.wait_for(".notices .notice p");
    assert_eq!(notices_shown(b), [SETTING_NOT_SAVED]);
    b.click(&b.wait_for(".notices .notice .link-button"));
    b.wait_until(
        "the notice is dismissed",
        "return !document.querySelector('.notices .notice')",
        vec![],
    );
    remove_stored(b, "filler-");
    b.click(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog[open] input[value=dark]"));
    wait_dialog_says(b, "#settings-dialog", SETTINGS_SAVED);
    assert!(
        storage_json(b)["reader:settings"]
            .as_str()
            .is_some_and(|s| s.contains(r#""theme":"dark""#)),
        "{}",
        storage_json(b)
    );
    assert!(notices_shown(b).is_empty());
}

/// A highlight made with "Note" that a full storage refuses: the editor it opens says so, in
/// its own region (the app's, where it was announced, is inert behind the dialog), and the
/// highlight is still drawn for this visit. Before, the editor's first opening said nothing.
#[test]
fn a_new_highlight_a_full_storage_refuses_is_told_in_the_editor_it_opens() {
    let (app, before) = article_on_a_full_storage();
    let b = &app.browser;
    select_words(b, "Defectors are often forced into labor camps");
    b.click(&toolbar_button(b, "Note"));
    wait_editor_open(b);
    const FULL: &str = "Your browser's storage for this site is full, so changes are kept \
        only until this tab is closed. Export your annotations to keep a copy, or delete some \
        to make room.";
    wait_dialog_says(b, "#hl-editor", FULL);
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    remove_stored(b, "filler-");
    assert_eq!(storage_json(b), before, "nothing was stored");
}

#[test]
fn data_from_a_newer_version_is_left_alone_and_read_only() {
    let app = App::open_article(&first_article());
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
    hear(b);
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    // The reader is told why nothing was highlighted.
    wait_said_in_part(b, "newer version");
    assert_eq!(
        highlight_texts(b).len(),
        1,
        "no new highlight while read-only"
    );
    assert_eq!(storage_json(b), before);
}

/// The one highlight an older version stored, on "Defectors are often forced into labor camps",
/// is drawn as `mark` (its colour's class) with its note.
fn assert_old_highlight_drawn(b: &Browser, mark: &str, note: &str) {
    b.wait_for(mark);
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    let shown = b.wait_for(".panel-note");
    assert_eq!(
        b.script("return arguments[0].textContent", vec![shown.arg()]),
        json!(note)
    );
}

#[test]
fn data_from_the_first_schema_is_migrated() {
    let app = App::open_article(&first_article());
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
    assert_old_highlight_drawn(b, "mark.hl-green", "from v1");
    let keys = b.script(
        "return Object.keys(localStorage).filter(k => k.startsWith('reader:hl:'))",
        vec![],
    );
    assert_eq!(keys, json!(["reader:hl:old-1"]));
}

#[test]
fn data_of_the_second_schema_is_read_and_rewritten() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let slug = &articles()[0].slug;
    // As version 2 wrote it: each record's serde JSON under its key.
    let v2 = json!({
        "id": "old-2", "article": slug,
        "selectors": {
            "quote": {"exact": "Defectors are often forced into labor camps",
                      "prefix": "ly imprisons and tortures citizens who defect. ", "suffix": ", which after years"},
            "position": {"start": 0, "end": 0},
            "text_hash": "not this text's"
        },
        "color": "pink", "note": "from v2", "fact": "Defectors face labour camps",
        "created": "2025-01-02T03:04:05.000Z", "modified": "2025-01-02T03:04:05.000Z"
    });
    b.script(
        "localStorage.clear(); localStorage.setItem('reader:meta', '{\"version\":2}'); \
         localStorage.setItem('reader:hl:old-2', arguments[0])",
        vec![json!(v2.to_string())],
    );
    b.reload();
    assert_old_highlight_drawn(b, "mark.hl-pink", "from v2");
    // Rewritten in the version 3 form when the store opened.
    b.wait_until(
        "the version 2 value rewritten",
        "return localStorage.getItem('reader:meta') === '{\"version\":3}' && /^[~=]/.test(localStorage.getItem('reader:hl:old-2'))",
        vec![],
    );
    assert_eq!(
        b.script(
            "return Object.keys(localStorage).filter(k => k.startsWith('reader:')).sort()",
            vec![]
        ),
        json!([
            format!("reader:early:{}", first_article().slug),
            "reader:hl:old-2".to_string(),
            "reader:meta".to_string()
        ])
    );
}

#[test]
fn two_tabs_stay_in_sync_and_lose_nothing() {
    let app = App::open_article(&first_article());
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

#[test]
fn a_notice_raised_after_opening_reaches_the_banner() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    assert_eq!(b.find_all(".notices").len(), 0);
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto("/");
    b.wait_for(".library-item");
    // A newer version of the app, in another tab, writes its version note.
    b.script(
        "localStorage.setItem('reader:meta', JSON.stringify({version: 99}))",
        vec![],
    );
    b.switch_to(&first);
    let notices = b.wait_for(".notices");
    let text = b.text(&notices);
    assert!(
        text.contains("saved by a newer version of this app (storage version 99"),
        "{text}"
    );
}

#[test]
fn kept_aside_data_is_shown_downloaded_and_discarded_after_confirming() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    let garbage = "{\"id\": \"broken\", this is not json";
    b.script(
        "localStorage.setItem('reader:hl:broken', arguments[0])",
        vec![json!(garbage)],
    );
    b.reload();
    let kept = b.wait_for(".kept-aside");
    let bytes = 2 * ("reader:backup:1:reader:hl:broken".len() + garbage.len());
    assert_eq!(
        b.text(&kept),
        format!("1 item that could not be read is kept aside ({bytes} bytes), so nothing is lost.")
    );
    let used = b.text(&b.wait_for(".storage-use"));
    assert!(used.ends_with("used of about 5.0 MB"), "{used}");
    // Downloading gives back the text as it was stored, under both its keys.
    let (name, text) = browser_tests::download(b, "Download kept-aside data");
    assert!(
        name.starts_with("reader-kept-aside-") && name.ends_with(".json"),
        "{name}"
    );
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        file,
        json!({ "keptAside": [{
            "key": "reader:backup:1:reader:hl:broken",
            "originalKey": "reader:hl:broken",
            "raw": garbage,
        }] })
    );
    // Discarding asks first; keeping it changes nothing.
    let discard = b
        .find_all(".library-section button.danger")
        .into_iter()
        .next()
        .unwrap();
    b.click(&discard);
    let question = b.text(&b.wait_for("#discard-question"));
    assert!(
        question.contains(&format!("({bytes} bytes) for good?")),
        "{question}"
    );
    b.click(&b.wait_for(".confirm button:not(.danger)"));
    b.wait_until(
        "the question is gone",
        "return !document.querySelector('.confirm')",
        vec![],
    );
    assert_eq!(
        b.script(
            "return localStorage.getItem('reader:backup:1:reader:hl:broken')",
            vec![]
        ),
        json!(garbage)
    );
    b.click(&discard);
    b.click(&b.wait_for(".confirm button.danger"));
    b.wait_for(".kept-none");
    assert_eq!(
        b.script(
            "return Object.keys(localStorage).filter(k => k.startsWith('reader:backup:'))",
            vec![]
        ),
        json!([])
    );
}

#[test]
fn storage_forbidden_by_the_browser_is_said_once_and_the_reader_still_works() {
    // As when a browser's policy or a private mode forbids storage: every use throws.
    let copy = browser_tests::build_with_script(
        "no-storage",
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    );
    let article = first_article();
    let server = browser_tests::server::StaticServer::start(&copy);
    let b = Browser::start();
    b.goto(&server.url(&article_path(&article)));
    b.wait_for("[data-part]");
    b.wait_for(".notices .notice");
    let notices = notices_shown(&b);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("Your highlights, notes and bookmarks could not be loaded.")
            && notices[0].contains("SecurityError"),
        "{notices:?}"
    );
    hear(&b);
    highlight(&b, "Defectors are often forced into labor camps");
    // The reader is told the highlight lasts only as long as the tab.
    wait_said_in_part(&b, "only until this tab is closed");
    assert_eq!(
        b.find_all(".notices .notice").len(),
        1,
        "the same problem is one notice"
    );
    drop(b);
    drop(server);
    let _ = std::fs::remove_dir_all(&copy);
}

/// An editor left open in one tab while another tab writes the same highlight's note shows
/// that note, and closing it does not write its own stale copy back over it; what the reader
/// types there is still saved.
#[test]
fn an_editor_left_open_does_not_undo_another_tabs_note() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let first = b.window_handle();
    highlight(b, "Defectors are often forced into labor camps");
    let second = b.new_window();
    b.switch_to(&second);
    app.goto(&article_path(&articles()[0]));
    b.click(&b.wait_for("mark[data-hl]"));
    b.wait_for("#hl-editor[open] #hl-note");

    // The first tab writes a note while the second's editor is open on the same highlight.
    b.switch_to(&first);
    b.click(&b.wait_for("mark[data-hl]"));
    browser_tests::type_note(b, "Written in the first tab");
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.wait_for(".panel-note");

    // The second tab's editor shows it, and closing it keeps it.
    b.switch_to(&second);
    b.wait_until(
        "the open editor shows the other tab's note",
        "return document.querySelector('#hl-note').value === 'Written in the first tab'",
        vec![],
    );
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.wait_until(
        "the editor is closed",
        "return !document.querySelector('#hl-editor[open]')",
        vec![],
    );
    // (Closing writes, if it does, before the dialog is gone.) Read again from storage:
    b.reload();
    b.wait_for(".panel-item");
    assert_eq!(
        b.script(
            "return document.querySelector('.panel-note')?.textContent ?? null",
            vec![]
        ),
        json!("Written in the first tab")
    );
    b.switch_to(&first);
    assert_eq!(
        b.script(
            "return document.querySelector('.panel-note')?.textContent ?? null",
            vec![]
        ),
        json!("Written in the first tab")
    );

    // Typed in the second tab, it is saved there and reaches the first.
    b.switch_to(&second);
    b.click(&b.wait_for("mark[data-hl]"));
    browser_tests::type_note(b, ", and then in the second");
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.switch_to(&first);
    b.wait_until(
        "the second tab's note arrives",
        "return document.querySelector('.panel-note')?.textContent === 'Written in the first tab, and then in the second'",
        vec![],
    );
}

/// A page the browser kept for Back hears of no change made meanwhile in another tab in WebKit
/// (its `storage` events are not delivered to a kept page; Chromium delivers them on return,
/// Firefox loads this page again): shown again, it shows what changed, and an edit made there
/// keeps the note written meanwhile rather than its own stale copy.
#[test]
fn a_page_shown_again_by_back_shows_what_changed_meanwhile_and_undoes_none_of_it() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    let kept = "Defectors are often forced into labor camps";
    highlight(b, kept);
    highlight(b, "Considering that it is illegal");
    let mark = |words: &str| {
        b.find_all("mark[data-hl]")
            .into_iter()
            .find(|m| {
                let text = b.text(m);
                !text.is_empty() && (text.starts_with(words) || words.starts_with(&text))
            })
            .unwrap()
    };
    // The reader goes to another site (here a page of the same host that is not the app).
    let first = b.window_handle();
    leave_for_another_page(b);
    // Meanwhile, in another tab, one highlight gets a note and the other is deleted.
    let second = b.new_window();
    b.switch_to(&second);
    app.goto(&article_path(&article));
    b.wait_for("mark[data-hl]");
    b.click(&mark("Considering"));
    b.click(&b.wait_for("#hl-editor button.danger"));
    b.wait_until(
        "one highlight left",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 1",
        vec![],
    );
    b.click(&mark(kept));
    browser_tests::type_note(b, "Written in the other tab");
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.wait_for(".panel-note");

    // Back in the first tab: the page, as the browser kept it, catches up.
    b.switch_to(&first);
    back_to_the_app(b, "/articles/");
    b.wait_until(
        "the page shows the note and the deletion made meanwhile",
        "return document.querySelector('.panel-note')?.textContent === 'Written in the other tab'
            && new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 1",
        vec![],
    );
    // An edit made there keeps them.
    b.click(&mark(kept));
    b.click(&b.wait_for("#hl-editor .hl-editor-colors .swatch.hl-green"));
    b.wait_for("mark[data-hl].hl-green");
    b.reload();
    b.wait_for(".panel-item.highlight .dot.hl-green");
    assert_eq!(
        b.script(
            "return document.querySelector('.panel-note')?.textContent ?? null",
            vec![]
        ),
        json!("Written in the other tab")
    );
    assert_eq!(highlight_texts(b).len(), 1);
}
