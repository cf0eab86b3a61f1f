//! Annotating without friction: what a first-time reader stumbled on (issue "Annotating without
//! friction"), one test per finding, each waiting for a positive sign and then checking the
//! exact outcome.

use browser_tests::webdriver::{keys, Browser, Element};
use browser_tests::{
    article_path, dialog_said, first_article, hear, highlight_texts, select_words, show_marks,
    toolbar_button, type_note, use_theme, wait_dialog_says, wait_dialogs_closed, wait_editor_open,
    wait_position_stored, wait_said, App,
};
use serde_json::{json, Value};

const SENTENCE: &str = "Defectors are often forced into labor camps";
const OTHER: &str = "Considering that it is illegal";

/// Highlights `words` in `color` from the selection toolbar, and returns the new highlight's id.
fn highlight(b: &Browser, words: &str, color: &str) -> String {
    let before: Vec<String> = serde_json::from_value(b.script(
        "return [...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)",
        vec![],
    ))
    .unwrap();
    select_words(b, words);
    b.click(&b.wait_for(&format!(".hl-toolbar .swatch.hl-{color}")));
    b.wait_until(
        "a new highlight is drawn",
        "return [...document.querySelectorAll('mark[data-hl]')].some(m => !arguments[0].includes(m.dataset.hl))",
        vec![json!(before)],
    );
    let id = b.script(
        "return [...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl).find(id => !arguments[0].includes(id))",
        vec![json!(before)],
    );
    id.as_str().unwrap().to_string()
}

fn stored(b: &Browser, prefix: &str) -> usize {
    b.script(
        "return Object.keys(localStorage).filter(k => k.startsWith(arguments[0])).length",
        vec![json!(prefix)],
    )
    .as_u64()
    .unwrap() as usize
}

/// Scrolls to a fraction of the page and waits until the reading position is stored for it.
fn scroll_and_wait_saved(b: &Browser, fraction: f64) -> f64 {
    b.script(
        "localStorage.removeItem(Object.keys(localStorage).find(k => k.startsWith('reader:pos:')) || '-'); \
         window.scrollTo(0, Math.round((document.documentElement.scrollHeight - innerHeight) * arguments[0]))",
        vec![json!(fraction)],
    );
    wait_position_stored(b);
    b.script("return scrollY", vec![]).as_f64().unwrap()
}

/// Waits until two frames have been painted: the app has had its turn after whatever it was
/// waiting for (a reload's start, a history traversal).
fn wait_two_frames(b: &Browser) {
    b.script_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)))",
        vec![],
    );
}

/// The mark of highlight `id` once it is drawn and is still the same element two frames later:
/// a click on a mark that a redraw replaces as the click lands opens nothing (seen once in
/// WebKit, on a highlight just restored by Undo).
fn settled_mark(b: &Browser, id: &str) -> Element {
    let css = format!("mark[data-hl=\"{id}\"]");
    for _ in 0..20 {
        let mark = b.wait_for(&css);
        wait_two_frames(b);
        if b.script("return arguments[0].isConnected", vec![mark.arg()]) == json!(true) {
            return mark;
        }
    }
    panic!("the mark of {id} kept being redrawn");
}

/// Finding 1: A note typed and then closed with Escape is kept; saving shows visibly and the layout
/// stays put.
/// The first article, its note editor opened on [`SENTENCE`] from the selection toolbar.
fn note_editor_open() -> App {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    select_words(b, SENTENCE);
    b.click(&toolbar_button(b, "Note"));
    wait_editor_open(b);
    app
}

#[test]
fn a_note_is_kept_when_the_editor_closes_and_saving_shows_without_moving_the_buttons() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    select_words(b, SENTENCE);
    let note_button = toolbar_button(b, "Note");
    hear(b);
    b.click(&note_button);
    type_note(b, "Typed, then Escape");
    // Closed at once, before the pause that saves as one types.
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    wait_said(b, "Note saved");
    b.click(&b.wait_for("mark[data-hl]"));
    b.wait_for("#hl-editor[open] #hl-note");
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Typed, then Escape")
    );
    // Saving says so beside the field, and no button moves.
    let buttons = "return [...document.querySelectorAll('#hl-editor .hl-editor-actions button')].map(e => { const r = e.getBoundingClientRect(); return [e.textContent, Math.round(r.left), Math.round(r.top)]; })";
    let before = b.script(buttons, vec![]);
    type_note(b, " and more");
    let save = b.wait_for("#hl-editor button.primary");
    b.click(&save);
    b.wait_until(
        "the editor says the note is saved",
        "const s = document.querySelector('#hl-note-status'); return s.textContent === 'Note saved' && s.getBoundingClientRect().height > 0 && getComputedStyle(s).visibility === 'visible'",
        vec![],
    );
    assert_eq!(b.script(buttons, vec![]), before);
    // Close reopens nothing lost either.
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.click(&b.wait_for("mark[data-hl]"));
    b.wait_for("#hl-editor[open] #hl-note");
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Typed, then Escape and more")
    );
}

/// "Save note" pressed again, the note already saved, says so again: the words move to the
/// other of the line's two slots, which a screen reader hears (written again into the same
/// slot, the same words are not heard, and the press seems to do nothing).
#[test]
fn saving_a_saved_note_again_says_so_again() {
    let app = note_editor_open();
    let b = &app.browser;
    type_note(b, "Saved twice");
    let slots =
        "return [...document.querySelectorAll('#hl-note-status > span')].map(s => s.textContent)";
    let save = b.wait_for("#hl-editor button.primary");
    b.click(&save);
    b.wait_until(
        "the line says the note is saved",
        "return document.querySelector('#hl-note-status').textContent === 'Note saved'",
        vec![],
    );
    let first = b.script(slots, vec![]);
    b.click(&save);
    b.wait_until(
        "the line's words moved to its other slot",
        &format!("const now = (() => {{ {slots} }})(); return JSON.stringify(now) !== JSON.stringify(arguments[0])"),
        vec![first.clone()],
    );
    let mut twice = vec![first, b.script(slots, vec![])];
    twice.sort_by_key(|s| s.to_string());
    assert_eq!(
        twice,
        vec![json!(["", "Note saved"]), json!(["Note saved", ""])]
    );
}

/// A note typed and the page left at once (the tab closed or reloaded, another site), before
/// the pause that saves as one types, is kept: nothing cleans the editor up then.
#[test]
fn a_note_typed_as_the_page_is_left_is_kept() {
    let article = first_article();
    let app = note_editor_open();
    let b = &app.browser;
    // Typed (the field says so with its input event) and, in the same moment, the page left.
    b.script(
        "const note = document.querySelector('#hl-note');
         note.value = 'Typed as the tab closed';
         note.dispatchEvent(new Event('input', {bubbles: true}));
         location.href = '../../';",
        vec![],
    );
    b.wait_for(".library-item");
    app.goto(&article_path(&article));
    b.click(&b.wait_for("mark[data-hl]"));
    b.wait_for("#hl-editor[open] #hl-note");
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Typed as the tab closed")
    );
}

/// The line under the note says where the note stands: a note typed back to what is stored has
/// nothing waiting to be saved; one saved as the page was left says so when the browser shows
/// the page again (Back into its back/forward cache), rather than that it is still being saved.
#[test]
fn the_line_under_a_note_says_it_was_saved_as_the_page_was_left() {
    let app = note_editor_open();
    let b = &app.browser;
    let typed = |text: &str| {
        b.script(
            "const note = document.querySelector('#hl-note');
             note.value = arguments[0];
             note.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![json!(text)],
        );
    };
    let line_says = |what: &str, said: &str| {
        b.wait_until(
            what,
            "return document.querySelector('#hl-note-status').textContent.trim() === arguments[0]",
            vec![json!(said)],
        );
    };
    typed("Not kept");
    line_says("the note is being saved", "Saving as you type…");
    typed("");
    line_says("nothing is waiting to be saved", "");
    // The page hidden as the browser does when it keeps it for Back (and shown again).
    typed("Kept as the page was left");
    b.script(
        "window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));
         window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));",
        vec![],
    );
    line_says("the note is saved", "Note saved");
    app.goto(&article_path(&first_article()));
    b.click(&b.wait_for("mark[data-hl]"));
    b.wait_for("#hl-editor[open] #hl-note");
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Kept as the page was left")
    );
}

/// Finding 2: Deleting offers Undo (by button and by Ctrl + Z), and focus goes to the next highlight.
#[test]
fn deleting_a_highlight_can_be_undone_and_focus_goes_to_its_neighbour() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let first = highlight(b, OTHER, "blue");
    let second = highlight(b, SENTENCE, "green");
    let (first, second) = {
        // In reading order: the one earlier on the page first.
        let order: Vec<String> = serde_json::from_value(b.script(
            "return [...new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl))]",
            vec![],
        ))
        .unwrap();
        assert_eq!(order.len(), 2);
        if order[0] == first {
            (first, second)
        } else {
            (second, first)
        }
    };
    b.click(&b.wait_for(&format!("mark[data-hl=\"{first}\"]")));
    type_note(b, "Comes back with it");
    b.click(&b.wait_for("#hl-editor button.danger"));
    let bar = b.wait_for(".undo-bar");
    assert_eq!(
        b.script(
            "return arguments[0].querySelector('span').textContent",
            vec![bar.arg()]
        ),
        json!("Highlight deleted.")
    );
    b.wait_until(
        "focus is on the neighbouring highlight",
        "return document.activeElement.matches(`mark[data-hl=\"${arguments[0]}\"]`)",
        vec![json!(second)],
    );
    assert_eq!(stored(b, "reader:hl:"), 1);
    // Undo by the bar's button, reachable as any button.
    hear(b);
    b.click(&b.wait_for(".undo-bar .undo-button"));
    wait_said(b, "Highlight restored");
    b.wait_for(&format!("mark[data-hl=\"{first}\"]"));
    assert_eq!(stored(b, "reader:hl:"), 2);
    assert!(b.find_all(".undo-bar").is_empty());
    // Again, undone with Ctrl + Z this time, the note with it.
    b.click(&settled_mark(b, &first));
    b.wait_for("#hl-editor[open]");
    b.click(&b.wait_for("#hl-editor button.danger"));
    b.wait_for(".undo-bar");
    b.press_chord(&[keys::CONTROL, "z"]);
    wait_said(b, "Highlight restored");
    b.click(&settled_mark(b, &first));
    b.wait_for("#hl-editor[open] #hl-note");
    assert_eq!(
        b.script("return document.querySelector('#hl-note').value", vec![]),
        json!("Comes back with it")
    );
}

/// Finding 3: A reload, and Back then Forward, keep the reading position; no offer to continue.
#[test]
fn a_reload_and_back_then_forward_keep_the_reading_position() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    let at = scroll_and_wait_saved(b, 0.77);
    assert!(at > 1000.0, "the article is long enough: {at}");
    b.reload();
    b.wait_for("[data-part]");
    b.wait_until(
        "the reload kept the reading position",
        "return Math.abs(scrollY - arguments[0]) <= 2",
        vec![json!(at)],
    );
    wait_two_frames(b);
    assert!(b.find_all(".continue").is_empty(), "no offer to continue");
    let after = b.script("return scrollY", vec![]).as_f64().unwrap();
    assert!(
        (after - at).abs() <= 2.0,
        "the app moved it to {after}, was at {at}"
    );
    // Back to the library, then Forward to the article.
    b.back();
    b.wait_for(".library-item");
    b.forward();
    b.wait_until(
        "the article is back",
        "return location.pathname.endsWith(arguments[0]) && !!document.querySelector('[data-part]')",
        vec![json!(article_path(&article))],
    );
    b.wait_until(
        "the reading position is back",
        "return Math.abs(scrollY - arguments[0]) <= 2",
        vec![json!(at)],
    );
    wait_two_frames(b);
    assert!(b.find_all(".continue").is_empty(), "no offer to continue");
}

/// Saving how far the reader got is not the reader's change: it says nothing, and leaves
/// what their last change said in the live region (it emptied it).
#[test]
fn saving_the_reading_position_keeps_what_was_said() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    hear(b);
    highlight(b, SENTENCE, "yellow");
    wait_said(b, "Highlight saved (Yellow)");
    scroll_and_wait_saved(b, 0.6);
    assert_eq!(
        b.script(
            "return document.querySelector('[role=status][aria-live=polite]').textContent",
            vec![]
        ),
        json!("Highlight saved (Yellow)")
    );
}

/// The viewport rectangles of the characters `from..to` of the first text inside `css`.
fn text_rect(b: &Browser, css: &str, from: usize, to: usize) -> Value {
    b.script(
        r#"const el = document.querySelector(arguments[0]);
           const t = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
           const r = document.createRange();
           r.setStart(t, arguments[1]); r.setEnd(t, arguments[2]);
           const rects = [...r.getClientRects()];
           const a = rects[0], z = rects[rects.length - 1];
           return { left: a.left, top: a.top, right: z.right, bottom: z.bottom, mid: (a.top + a.bottom) / 2 };"#,
        vec![json!(css), json!(from), json!(to)],
    )
}

/// Finding 4: A drag across words inside a highlight selects them (the toolbar appears); only a click
/// opens the highlight's editor.
#[test]
fn dragging_inside_a_highlight_selects_and_a_click_opens_it() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let id = highlight(b, SENTENCE, "yellow");
    let mark = format!("mark[data-hl=\"{id}\"]");
    b.script(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        vec![json!(mark)],
    );
    wait_two_frames(b);
    // Two words after the first, on one line: where the lines break depends on the fonts
    // (with Firefox 140.10 "are often forced" breaks after "are"), and a drag along a
    // line is what this is about.
    let words = b.script(
        r#"const el = document.querySelector(arguments[0]);
           const t = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode();
           const w = [...t.data.matchAll(/\S+/g)];
           for (let i = 1; i + 1 < w.length; i++) {
             const r = document.createRange();
             r.setStart(t, w[i].index); r.setEnd(t, w[i + 1].index + w[i + 1][0].length);
             const rects = [...r.getClientRects()].filter(x => x.width > 0);
             if (rects.length === 1) {
               const a = rects[0];
               return { left: a.left, right: a.right, mid: (a.top + a.bottom) / 2, last: w[i + 1][0] };
             }
           }
           return null;"#,
        vec![json!(mark)],
    );
    let last = words["last"]
        .as_str()
        .expect("two words of the mark on one line");
    let y = words["mid"].as_f64().unwrap();
    b.drag(
        (words["left"].as_f64().unwrap() + 1.0, y),
        (words["right"].as_f64().unwrap() - 1.0, y),
    );
    b.wait_for(".hl-toolbar");
    let selected = b.script("return window.getSelection().toString()", vec![]);
    let selected = selected.as_str().unwrap().trim();
    assert!(
        selected.contains(last) && SENTENCE.contains(selected),
        "{selected:?}"
    );
    assert!(b.find_all("dialog[open]").is_empty(), "no editor opened");
    // From the toolbar, the selection becomes a highlight of its own.
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-pink"));
    b.wait_for("mark.hl-pink");
    assert_eq!(stored(b, "reader:hl:"), 2);
    // A plain click opens the editor.
    clear_selection(b);
    let word = text_rect(b, &mark, 0, 4);
    let at = (
        word["left"].as_f64().unwrap() + 3.0,
        word["mid"].as_f64().unwrap(),
    );
    b.drag(at, at);
    b.wait_for("#hl-editor[open]");
}

/// Clears the reader's selection and waits until the toolbar it brought is gone.
fn clear_selection(b: &Browser) {
    b.script("window.getSelection().removeAllRanges()", vec![]);
    b.wait_until(
        "no toolbar",
        "return !document.querySelector('.hl-toolbar')",
        vec![],
    );
}

/// Selects `words`, having scrolled so that they sit just above the bottom of the window, and
/// checks the toolbar is inside the window and clear of them.
fn assert_toolbar_fits_near_the_bottom(b: &Browser, words: &str) {
    clear_selection(b);
    select_words(b, words);
    b.script(
        r#"const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
           window.scrollBy(0, r.bottom - (innerHeight - 12));"#,
        vec![],
    );
    b.wait_until(
        "the words are at the bottom of the window and the toolbar placed for them",
        r#"const r = window.getSelection().getRangeAt(0).getBoundingClientRect();
           const t = document.querySelector('.hl-toolbar');
           return r.bottom > innerHeight - 40 && r.bottom <= innerHeight && !!t && t.style.top !== ''
             && Math.abs(parseFloat(t.style.top) - t.getBoundingClientRect().top) < 1;"#,
        vec![],
    );
    wait_two_frames(b);
    let found = b.script(
        r#"const words = [...window.getSelection().getRangeAt(0).getClientRects()];
           const t = document.querySelector('.hl-toolbar').getBoundingClientRect();
           const over = words.some(w => w.width > 0 && t.left < w.right && w.left < t.right && t.top < w.bottom && w.top < t.bottom);
           return { inside: t.top >= 0 && t.left >= 0 && t.bottom <= innerHeight && t.right <= innerWidth,
                    over, toolbar: [t.top, t.bottom, t.left, t.right], view: [innerWidth, innerHeight] };"#,
        vec![],
    );
    assert_eq!(found["inside"], json!(true), "{found}");
    assert_eq!(found["over"], json!(false), "{found}");
}

/// Finding 5: Near the bottom of the window the toolbar goes above the words, inside the window, at
/// desktop and phone sizes.
#[test]
fn the_toolbar_fits_near_the_bottom_of_the_window_at_both_widths() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    for (width, height) in [(1280, 900), (390, 844)] {
        b.set_window_size(width, height);
        assert_toolbar_fits_near_the_bottom(b, SENTENCE);
        assert_toolbar_fits_near_the_bottom(b, OTHER);
    }
}

/// At phone width (390 px, and 360 px, a common Android width) the toolbar's five colours and
/// three words sit on one line: a word alone on a second line doubles the toolbar's height over
/// the story and reads as a layout fault.
#[test]
fn the_toolbar_is_one_line_at_phone_width() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    for width in [390, 360] {
        b.set_window_size(width, 844);
        clear_selection(b);
        select_words(b, SENTENCE);
        b.wait_for(".hl-toolbar");
        wait_two_frames(b);
        let found = b.script(
            r#"const buttons = [...document.querySelectorAll('.hl-toolbar button')].map(e => e.getBoundingClientRect());
               const t = document.querySelector('.hl-toolbar').getBoundingClientRect();
               return { buttons: buttons.length, view: innerWidth, toolbar: [t.left, t.right], widths: buttons.map(r => Math.round(r.width)),
                        lines: new Set(buttons.map(r => Math.round(r.top + r.height / 2))).size,
                        smallest: Math.min(...buttons.map(r => Math.min(r.width, r.height))) };"#,
            vec![],
        );
        assert_eq!(found["buttons"], json!(8), "at {width}: {found}");
        assert_eq!(found["lines"], json!(1), "at {width}: {found}");
        // Still a target a finger can hit (WCAG 2.5.8 asks for 24 px at least).
        assert!(
            found["smallest"].as_f64().unwrap() >= 24.0,
            "at {width}: {found}"
        );
    }
}

/// The toolbar's edge can be seen against the page in both themes (3:1, as WCAG 1.4.11 asks of
/// a control's boundary): in the dark theme its dark background alone was 1.1:1 to the page, so
/// that it read as a gap in the story rather than a control over it.
#[test]
fn the_toolbar_stands_out_from_the_page_in_both_themes() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    for theme in ["light", "dark"] {
        use_theme(&app, theme);
        select_words(b, SENTENCE);
        b.wait_for(".hl-toolbar");
        let found = b.script(
            r#"const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
               const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                                  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
               const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
               const page = getComputedStyle(document.body).backgroundColor;
               const t = getComputedStyle(document.querySelector('.hl-toolbar'));
               const edge = parseFloat(t.borderTopWidth) > 0 && rgb(t.borderTopColor).length === 3 && !/rgba\(.*, 0\)/.test(t.borderTopColor)
                 ? ratio(t.borderTopColor, page) : 0;
               return { page, background: t.backgroundColor, border: t.borderTopColor,
                        best: Math.max(ratio(t.backgroundColor, page), edge) };"#,
            vec![],
        );
        assert!(found["best"].as_f64().unwrap() >= 3.0, "{theme}: {found}");
    }
}

/// Finding 6: The keyboard reaches every colour: `1`–`5` with a selection, or Tab into the toolbar; the
/// help lists both.
#[test]
fn the_keyboard_highlights_in_every_colour_and_tabs_into_the_toolbar() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    // Paragraph by paragraph with j, a sentence with x, a colour with its number.
    let colours = ["yellow", "green", "blue", "pink", "purple"];
    for (n, colour) in colours.iter().enumerate() {
        b.press_key("j");
        b.wait_until(
            "a paragraph has focus",
            "return document.activeElement.matches('.article-body [data-block]') && +document.activeElement.dataset.block === arguments[0]",
            vec![json!(n)],
        );
        b.press_key("x");
        b.wait_for(".hl-toolbar");
        b.press_key(&(n + 1).to_string());
        b.wait_for(&format!("mark.hl-{colour}"));
    }
    assert_eq!(highlight_texts(b).len(), 5);
    // Tab from a keyboard selection into the toolbar, then to the third colour.
    b.press_key("j");
    b.press_key("x");
    b.wait_for(".hl-toolbar");
    b.press_key(keys::TAB);
    b.wait_until(
        "the toolbar's first button has focus",
        "return document.activeElement === document.querySelector('.hl-toolbar button')",
        vec![],
    );
    b.press_key(keys::TAB);
    b.press_key(keys::TAB);
    let focused = b.script(
        "return document.activeElement.getAttribute('aria-label')",
        vec![],
    );
    assert_eq!(focused, json!("Highlight blue"));
    b.press_key(keys::ENTER);
    b.wait_until(
        "two blue highlights",
        "return new Set([...document.querySelectorAll('mark.hl-blue')].map(m => m.dataset.hl)).size === 2",
        vec![],
    );
    // The help says so.
    b.press_key("?");
    let help = b.text(&b.wait_for("#help-dialog[open]"));
    for row in [
        "Highlight the selection in yellow, green, blue, pink or purple",
        "Move into the highlight toolbar (colours, note, key fact, bookmark)",
    ] {
        assert!(help.contains(row), "{help}");
    }
}

/// The fact mark's look: [outline style, outline colour, background] while it is shown.
fn fact_mark_style(b: &Browser, fact: u16) -> Value {
    let link = b.wait_for(&format!(".fact[data-fact=\"{fact}\"]"));
    b.click(&link);
    b.wait_until(
        "the fact's words are marked",
        "return [...document.querySelectorAll(`[data-facts~=\"${arguments[0]}\"]`)].every(s => s.classList.contains('is-flashing'))",
        vec![json!(fact)],
    );
    b.script(
        r#"const s = getComputedStyle(document.querySelector(`[data-facts~="${arguments[0]}"]`));
           const colours = [...document.querySelectorAll('#colour-probe mark')].map(e => getComputedStyle(e).backgroundColor);
           return { outline: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, background: s.backgroundColor, highlights: colours };"#,
        vec![json!(fact)],
    )
}

fn rgb(css: &str) -> (f64, f64, f64) {
    let n: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .map(|v| v.trim().parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

/// Finding 7: The words behind a key fact are outlined in a colour far from every highlight colour,
/// with no fill, in the light and the dark theme, and the outline shows over a highlight.
#[test]
fn a_fact_mark_looks_like_no_highlight_in_either_theme() {
    let article = first_article();
    let fact = &article.facts[0];
    let app = App::open_article(&article);
    let b = &app.browser;
    // A highlight over the fact's words.
    highlight(b, &fact.quote, "yellow");
    for theme in ["light", "dark"] {
        use_theme(&app, theme);
        b.wait_for("mark[data-hl]");
        // Every highlight colour as this theme draws it.
        b.script(
            r#"const probe = document.createElement('p'); probe.id = 'colour-probe';
               for (const c of ['yellow', 'green', 'blue', 'pink', 'purple']) {
                 const m = document.createElement('mark'); m.className = 'hl hl-' + c;
                 m.textContent = c;
                 probe.append(m);
               }
               document.querySelector('.article-body').append(probe);"#,
            vec![],
        );
        let found = fact_mark_style(b, fact.id);
        assert_eq!(found["outline"], json!("solid"), "{theme}: {found}");
        assert!(found["width"].as_f64().unwrap() >= 2.0, "{theme}: {found}");
        let background = found["background"].as_str().unwrap();
        assert!(
            background == "rgba(0, 0, 0, 0)" || background == "transparent",
            "{theme}: no fill: {found}"
        );
        let (r, g, bl) = rgb(found["colour"].as_str().unwrap());
        for h in found["highlights"].as_array().unwrap() {
            let (hr, hg, hb) = rgb(h.as_str().unwrap());
            let distance = ((r - hr).powi(2) + (g - hg).powi(2) + (bl - hb).powi(2)).sqrt();
            assert!(
                distance > 100.0,
                "{theme}: outline {found} too close to {h}"
            );
        }
        // The outline is on the words' own box, around the highlight inside it.
        let outside = b.script(
            "const s = document.querySelector(`[data-facts~=\"${arguments[0]}\"]`); return !!s.querySelector('mark[data-hl]') || !!s.closest('mark[data-hl]')",
            vec![json!(fact.id)],
        );
        assert_eq!(
            outside,
            json!(true),
            "{theme}: the fact words carry the highlight"
        );
    }
}

/// Finding 8: The reader's highlights are one step away from anywhere in the article, at both widths,
/// with a count that changes as one is made.
#[test]
fn highlights_are_one_step_away_at_both_widths() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let count = || {
        b.script(
            "return document.querySelector('#tab-marks .tab-count').textContent",
            vec![],
        )
    };
    assert_eq!(count(), json!("0"));
    highlight(b, SENTENCE, "green");
    assert_eq!(count(), json!("1"));
    let in_view = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight";
    // Wide: the tab sits at the top of the sidebar, which stays in view.
    b.set_window_size(1280, 900);
    b.script(
        "window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * 0.6)",
        vec![],
    );
    wait_two_frames(b);
    assert_eq!(b.script(in_view, vec![json!("#tab-marks")]), json!(true));
    b.click(&b.wait_for("#tab-marks"));
    b.wait_until(
        "the highlight is listed in view",
        in_view,
        vec![json!(".panel-item.highlight")],
    );
    // One tab chosen, and the only one in the Tab order; the other's panel hidden.
    assert_eq!(
        b.script(
            "return ['#tab-facts', '#tab-marks'].map(t => document.querySelector(t))
                 .map(t => [t.getAttribute('aria-selected'), t.tabIndex,
                            document.getElementById(t.getAttribute('aria-controls')).getBoundingClientRect().height > 0])",
            vec![]
        ),
        json!([["false", -1, false], ["true", 0, true]])
    );
    // Phone width: a button in view leads there.
    b.click(&b.wait_for("#tab-facts"));
    b.set_window_size(390, 844);
    b.script(
        "window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * 0.3)",
        vec![],
    );
    wait_two_frames(b);
    assert_eq!(b.script(in_view, vec![json!(".marks-button")]), json!(true));
    let said = b.script(
        "return document.querySelector('.marks-button').textContent",
        vec![],
    );
    assert_eq!(said, json!("Your highlights 1"));
    b.click(&b.wait_for(".marks-button"));
    b.wait_until(
        "the highlights tab is chosen and focused",
        "return document.activeElement.id === 'tab-marks' && document.activeElement.getAttribute('aria-selected') === 'true'",
        vec![],
    );
    b.wait_until(
        "the highlight is listed in view",
        in_view,
        vec![json!(".panel-item.highlight")],
    );
}

/// Finding 9: A search result (and a panel entry) lands on its highlight: in view, marked, focused.
#[test]
fn a_search_result_lands_on_its_highlight() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    let id = highlight(b, "Human Rights Watch reported in September", "blue");
    app.goto("/");
    let search = b.wait_for("input.search");
    b.send_keys(&search, "Human Rights Watch");
    b.click(&b.wait_for(".search-result a"));
    let landed = "const m = document.querySelector(`mark[data-hl=\"${arguments[0]}\"]`); if (!m) return false; const r = m.getBoundingClientRect(); return document.activeElement === m && m.classList.contains('is-flashing') && r.top >= 0 && r.bottom <= innerHeight";
    b.wait_until(
        "the highlight is in view, marked and focused",
        landed,
        vec![json!(id)],
    );
    assert!(b.current_url().ends_with(&format!("#hl-{id}")));
    // The same address opened afresh lands there too.
    b.script("window.scrollTo(0, 0)", vec![]);
    let url = b.current_url();
    b.load("about:blank");
    b.goto(&url);
    b.wait_until(
        "the highlight is in view, marked and focused",
        landed,
        vec![json!(id)],
    );
    // And so does the panel's entry, from the top.
    b.script("window.scrollTo(0, 0)", vec![]);
    show_marks(b);
    b.click(&b.wait_for(".panel-item.highlight .panel-jump"));
    b.wait_until(
        "the highlight is in view, marked and focused",
        landed,
        vec![json!(id)],
    );
}

/// Finding 10: Back after choosing a key fact returns to where the reader was, in the article.
#[test]
fn back_after_a_key_fact_returns_to_the_reading_position() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.set_window_size(1280, 900);
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    b.script("window.scrollTo(0, 400)", vec![]);
    wait_two_frames(b);
    let at = b.script("return scrollY", vec![]).as_f64().unwrap();
    let fact = article.facts.last().unwrap();
    // Chosen from the keyboard: a pointer's click would first scroll the fact into view.
    let link = b.wait_for(&format!(".fact[data-fact=\"{}\"]", fact.id));
    b.script(
        "arguments[0].focus({ preventScroll: true })",
        vec![link.arg()],
    );
    assert_eq!(b.script("return scrollY", vec![]).as_f64().unwrap(), at);
    b.press_key(keys::ENTER);
    b.wait_until(
        "the fact's words have focus",
        "return document.activeElement.matches(`[data-facts~=\"${arguments[0]}\"]`)",
        vec![json!(fact.id)],
    );
    let block = article.block_of_fact(fact.id).unwrap();
    assert!(b.current_url().ends_with(&format!("#p-{block}")));
    b.back();
    b.wait_until(
        "back in the article where the reader was",
        "return location.hash === '' && location.pathname.endsWith(arguments[0]) && !!document.querySelector('#article-title') && Math.abs(scrollY - arguments[1]) <= 2",
        vec![json!(article_path(&article)), json!(at)],
    );
}

/// Finding 11: A bookmarked paragraph carries a visible marker; bookmarking it again updates the one
/// bookmark; the Markdown export quotes its opening words.
#[test]
fn a_bookmark_is_marked_in_the_story_kept_single_and_exported_with_its_words() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    let words = "Human Rights Watch reported in September";
    let block = article
        .blocks
        .iter()
        .position(|p| p.plain_text().contains(words))
        .unwrap();
    let bookmark = |words: &str| {
        select_words(b, words);
        let button = toolbar_button(b, "Bookmark");
        hear(b);
        b.click(&button);
    };
    bookmark(words);
    wait_said(b, "Bookmark added");
    let paragraph = format!("[data-block=\"{block}\"]");
    let marker = b.script(
        "const p = document.querySelector(arguments[0]); const m = getComputedStyle(p, '::before'); return [p.getAttribute('data-bookmarked'), m.content !== 'none' && m.content !== 'normal', parseFloat(m.width) > 0 && parseFloat(m.height) > 0]",
        vec![json!(paragraph)],
    );
    assert_eq!(marker, json!(["Bookmarked", true, true]));
    // The same paragraph again, from other words in it.
    let later: String = article.blocks[block]
        .plain_text()
        .split_whitespace()
        .skip(8)
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    bookmark(&later);
    wait_said(b, "Bookmark updated");
    assert_eq!(stored(b, "reader:bm:"), 1);
    show_marks(b);
    assert_eq!(b.find_all(".panel-item.bookmark").len(), 1);
    // Exported with its opening words.
    app.goto("/");
    let (_, markdown) = browser_tests::download(b, "Export as Markdown");
    let markdown = markdown.as_str();
    let line = markdown
        .lines()
        .find(|l| l.starts_with("- Paragraph"))
        .unwrap_or_else(|| panic!("{markdown}"));
    assert!(
        line.starts_with(&format!("- Paragraph {} “{words}", block + 1)),
        "{line}"
    );
}

/// Finding 12: The library shows, per article, how far the reader got and how many highlights they
/// made.
#[test]
fn the_library_shows_how_far_the_reader_got_and_what_they_made() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    highlight(b, SENTENCE, "yellow");
    highlight(b, OTHER, "green");
    scroll_and_wait_saved(b, 0.5);
    app.goto("/");
    let shown = b.text(&b.wait_for(".library-progress"));
    let (percent, rest) = shown
        .split_once("% read · ")
        .unwrap_or_else(|| panic!("{shown}"));
    let percent: usize = percent.parse().unwrap_or_else(|_| panic!("{shown}"));
    assert!((10..=90).contains(&percent), "part of the way: {shown}");
    assert_eq!(rest, "2 highlights");
}

/// Finding 14: Words a person reads: plurals, a hint when there is nothing to search, a readable date
/// at the head of the export, file names with the day.
#[test]
fn messages_use_plurals_readable_dates_and_dated_file_names() {
    let app = App::open("/");
    let b = &app.browser;
    assert_eq!(b.text(&b.wait_for(".page-lede")), "1 article.");
    let search = b.wait_for("input.search");
    b.send_keys(&search, "camps");
    assert_eq!(
        b.text(&b.wait_for(".search-count")),
        "You have no highlights or notes yet: select words in an article to highlight them."
    );
    app.goto(&article_path(&first_article()));
    b.wait_for("[data-part]");
    highlight(b, SENTENCE, "yellow");
    app.goto("/");
    let search = b.wait_for("input.search");
    b.send_keys(&search, "camps");
    b.wait_until(
        "one match",
        "return document.querySelector('.search-count').textContent === '1 match'",
        vec![],
    );
    browser_tests::capture_downloads(b);
    for button in ["Export as Markdown", "Export as JSON (Web Annotation)"] {
        let button = b
            .find_all(".transfer-actions button")
            .into_iter()
            .find(|e| b.text(e) == button)
            .unwrap();
        b.click(&button);
    }
    b.wait_until(
        "both exports are made",
        "return window.__downloads.length === 2",
        vec![],
    );
    let (day, date) = {
        let d = b.script(
            "const d = new Date(); return [d.toISOString().slice(0, 10), d.getUTCDate() + ' ' + d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' }) + ' ' + d.getUTCFullYear()]",
            vec![],
        );
        (
            d[0].as_str().unwrap().to_string(),
            d[1].as_str().unwrap().to_string(),
        )
    };
    let downloads = b.script("return window.__downloads", vec![]);
    let names: Vec<&str> = downloads
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec![
            format!("reader-highlights-{day}.md"),
            format!("reader-annotations-{day}.json")
        ]
    );
    let markdown = downloads[0]["text"].as_str().unwrap();
    let header = markdown.lines().nth(2).unwrap();
    let expected = format!("Exported {date} at ");
    assert!(
        header.starts_with(&expected)
            && header.ends_with(" UTC: 1 highlight, 0 bookmarks, 0 saved articles."),
        "{header}"
    );
}

/// Finding 16: The label drawn into the stand-in illustration fits its box and can be read at phone
/// width.
#[test]
fn the_stand_in_label_fits_its_box_and_reads_at_phone_width() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    for width in [1280, 390] {
        b.set_window_size(width, 900);
        wait_two_frames(b);
        let found = b.script_async(
            r#"const done = arguments[arguments.length - 1];
               const img = document.querySelector('.figure-media img');
               fetch(img.currentSrc || img.src).then(r => r.text()).then(source => {
                 const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
                 const shown = img.getBoundingClientRect().width;
                 const holder = document.createElement('div');
                 holder.style.cssText = `position:absolute; left:0; top:0; width:${shown}px; visibility:hidden`;
                 svg.setAttribute('width', shown);
                 svg.removeAttribute('height');
                 holder.append(document.importNode(svg, true));
                 document.body.append(holder);
                 const drawn = holder.querySelector('svg');
                 const box = [...drawn.querySelectorAll('rect')].pop().getBBox();
                 const scale = shown / drawn.viewBox.baseVal.width;
                 const texts = [...drawn.querySelectorAll('text')].map(t => {
                   const b = t.getBBox();
                   return { text: t.textContent, inside: b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height,
                            px: parseFloat(t.getAttribute('font-size')) * scale };
                 });
                 holder.remove();
                 done({ shown, texts });
               });"#,
            vec![],
        );
        let texts = found["texts"].as_array().unwrap();
        assert_eq!(texts.len(), 2, "{found}");
        for t in texts {
            assert_eq!(t["inside"], json!(true), "at {width}: {found}");
            assert!(t["px"].as_f64().unwrap() >= 11.0, "at {width}: {found}");
        }
    }
}

/// Screenshots for people to look at (target/screenshots/<engine>/annotating-*.png): the
/// editor, the selection toolbar, the highlights panel, an import's report and the library, at
/// desktop and phone widths, in the light and the dark theme.
#[test]
fn screenshots_of_annotating_for_review() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    highlight(b, SENTENCE, "green");
    highlight(b, OTHER, "purple");
    select_words(b, "Human Rights Watch reported in September");
    let button = toolbar_button(b, "Bookmark");
    hear(b);
    b.click(&button);
    wait_said(b, "Bookmark added");
    b.click(&b.wait_for("mark.hl-green"));
    type_note(b, "Labour camps: the usual punishment for those sent back.");
    b.press_key(keys::ESCAPE);
    // Saved: the panel lists it. (Waiting for the "Note saved" announcement instead timed out
    // in about one WebKit run in three, on this session's code and on the previous one's alike;
    // not explained. The panel is the lasting sign that the note is kept.)
    b.wait_until(
        "the panel shows the saved note",
        "return [...document.querySelectorAll('.panel-note')].some(n => n.textContent === arguments[0])",
        vec![json!("Labour camps: the usual punishment for those sent back.")],
    );
    // An export to import into a clean profile, for the import's report.
    app.goto("/");
    let (_, exported) = browser_tests::download(b, "Export as JSON (Web Annotation)");
    let file = std::env::temp_dir().join(format!("reader-shots-{}.json", std::process::id()));
    std::fs::write(&file, &exported).unwrap();
    let dir = browser_tests::screenshot_dir();
    let shot = |name: &str| {
        let path = dir.join(format!("annotating-{name}.png"));
        wait_two_frames(b);
        b.screenshot(&path);
        assert!(std::fs::metadata(&path).unwrap().len() > 1000, "{name}");
    };
    let settings = b.script("return localStorage.getItem('reader:settings')", vec![]);
    for theme in ["light", "dark"] {
        for (width, height) in [(1280, 900), (390, 844)] {
            b.set_window_size(width, height);
            let tag = format!("{width}-{theme}");
            b.script(
                "localStorage.setItem('reader:settings', JSON.stringify(Object.assign(JSON.parse(arguments[0] || '{}'), {theme: arguments[1]})))",
                vec![settings.clone(), json!(theme)],
            );
            app.goto(&article_path(&article));
            b.wait_for("mark.hl-green");
            // The toolbar over a selection.
            select_words(b, "Human Rights Watch reported in September");
            b.script(
                "window.getSelection().getRangeAt(0).startContainer.parentElement.scrollIntoView({ block: 'center' })",
                vec![],
            );
            b.wait_for(".hl-toolbar");
            shot(&format!("toolbar-{tag}"));
            // The editor.
            b.script("window.getSelection().removeAllRanges()", vec![]);
            b.click(&b.wait_for("mark.hl-green"));
            b.wait_for("#hl-editor[open] #hl-note");
            shot(&format!("editor-{tag}"));
            b.press_key(keys::ESCAPE);
            wait_dialogs_closed(b);
            // The highlights panel.
            show_marks(b);
            b.script(
                "document.querySelector('#tab-marks').scrollIntoView({ block: 'start' })",
                vec![],
            );
            shot(&format!("panel-{tag}"));
            // The library, then an import's report in a profile emptied of annotations.
            app.goto("/");
            b.wait_for(".library-progress");
            shot(&format!("library-{tag}"));
            let kept = b.script(
                "const kept = {}; for (const k of Object.keys(localStorage)) if (k.startsWith('reader:hl:') || k.startsWith('reader:bm:')) { kept[k] = localStorage.getItem(k); localStorage.removeItem(k); } return kept",
                vec![],
            );
            b.reload();
            b.choose_files("#import-file", file.to_str().unwrap());
            let report = b.wait_for(".import-report");
            b.script(
                "arguments[0].scrollIntoView({ block: 'center' })",
                vec![report.arg()],
            );
            shot(&format!("import-{tag}"));
            // Back as it was, for the next round.
            b.script(
                "for (const k of Object.keys(localStorage)) if (k.startsWith('reader:hl:') || k.startsWith('reader:bm:')) localStorage.removeItem(k); \
                 for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v);",
                vec![kept],
            );
        }
    }
}

/// What the reader does in the editor is said inside it. A modal dialog makes the page behind
/// it inert, and with it the app's live region: a screen reader heard nothing of "Colour
/// changed to pink" or "Pinned as a key fact" there. The dialog's own region says nothing on
/// opening of what was said before (the new highlight, heard already).
#[test]
fn what_is_done_in_the_editor_is_said_inside_it() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    hear(b);
    let id = highlight(b, SENTENCE, "yellow");
    wait_said(b, "Highlight saved (Yellow)");
    b.click(&settled_mark(b, &id));
    wait_editor_open(b);
    assert_eq!(dialog_said(b, "#hl-editor"), json!(""));
    for (control, said) in [
        ("#hl-editor .swatch.hl-pink", "Colour changed to pink"),
        ("#hl-pin", "Pinned as a key fact"),
        ("#hl-pin", "No longer a key fact"),
    ] {
        b.click(&b.wait_for(control));
        wait_dialog_says(b, "#hl-editor", said);
    }
    // Closed, and opened again: what it said then is not said again.
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    b.click(&settled_mark(b, &id));
    wait_editor_open(b);
    assert_eq!(dialog_said(b, "#hl-editor"), json!(""));
}

/// The editor that "Note" or "Key fact" opens on the highlight it just made says what was
/// made, inside it: the app's live region, where it was announced, is made inert by the
/// dialog opening at the same moment. It said so only from the second opening on: the first
/// draws the editor, which took what was said as said before it opened.
#[test]
fn the_editor_a_new_highlight_opens_says_what_was_made() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    hear(b);
    for (button, words, said) in [
        ("Note", SENTENCE, "Highlight saved (Yellow)"),
        ("Key fact", OTHER, "Pinned as a key fact"),
        (
            "Note",
            "ultimately leads to their deaths",
            "Highlight saved (Yellow)",
        ),
    ] {
        select_words(b, words);
        b.click(&toolbar_button(b, button));
        wait_said(b, said);
        wait_editor_open(b);
        wait_dialog_says(b, "#hl-editor", said);
        b.press_key(keys::ESCAPE);
        wait_dialogs_closed(b);
    }
    assert_eq!(
        highlight_texts(b),
        vec![OTHER, SENTENCE, "ultimately leads to their deaths"]
    );
}

/// An editor that "Note" opens and that is closed before its first frame (the frame in which
/// it puts the focus in the note) leaves nothing behind: the next highlight the reader
/// activates opens at its first colour, as every activated one does, and its dialog says
/// nothing of the highlight made before. It opened at the note, and said "Highlight saved".
#[test]
fn an_editor_closed_within_its_first_frame_leaves_the_next_one_as_usual() {
    let app = App::open_article(&first_article());
    let b = &app.browser;
    let id = highlight(b, OTHER, "green");
    // Opened and closed once as usual: its part is fetched, so the next opening is drawn
    // within the task that asks for it.
    b.click(&settled_mark(b, &id));
    wait_editor_open(b);
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    select_words(b, SENTENCE);
    let note = toolbar_button(b, "Note");
    let closed = b.script_async(
        "const [button, done] = [arguments[0], arguments[arguments.length - 1]]; \
         let framed = false; requestAnimationFrame(() => { framed = true; }); \
         (async () => { \
           button.click(); \
           const shown = () => document.querySelector('#hl-editor[open] #hl-note'); \
           for (let i = 0; i < 100000 && !shown(); i++) await Promise.resolve(); \
           const drawn = !!shown(); \
           if (drawn) document.querySelector('#hl-editor .modal-close').click(); \
           done({ drawn, framed }); \
         })();",
        vec![note.arg()],
    );
    assert_eq!(closed, json!({"drawn": true, "framed": false}));
    wait_dialogs_closed(b);
    assert_eq!(highlight_texts(b), vec![OTHER, SENTENCE]);
    b.click(&settled_mark(b, &id));
    wait_editor_open(b);
    b.wait_until(
        "the editor has put the focus past its Close button",
        "const a = document.activeElement; \
         return !!a.closest('#hl-editor') && !a.classList.contains('modal-close')",
        vec![],
    );
    let focused = b.script(
        "const a = document.activeElement; \
         return a === document.querySelector('#hl-editor .swatch') ? 'first colour' : a.outerHTML",
        vec![],
    );
    assert_eq!(focused, json!("first colour"));
    assert_eq!(dialog_said(b, "#hl-editor"), json!(""));
}
