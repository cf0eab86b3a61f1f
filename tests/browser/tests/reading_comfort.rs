//! Reading settings persist; narrow screens and high zoom never scroll sideways; progress;
//! shortcuts help, and shortcuts that can be switched off.

use browser_tests::webdriver::keys;
use browser_tests::{
    article_path, back_to_the_app, first_article, leave_for_another_page, screenshot_dir,
    wait_dialogs_closed, App,
};
use reader_core::article::Article;
use serde_json::json;

#[test]
fn settings_persist_across_reload() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    let size_before = b.script(
        "return getComputedStyle(document.querySelector('.article-body p')).fontSize",
        vec![],
    );
    b.click(&b.find_all(".nav-button")[1]);
    let range = b.wait_for("#settings-dialog[open] #text-size");
    b.script("arguments[0].focus()", vec![range.arg()]);
    b.press_key(keys::RIGHT);
    b.press_key(keys::RIGHT);
    for choice in ["dark", "loose", "legible", "narrow"] {
        let radio = b.wait_for(&format!("#settings-dialog[open] input[value={choice}]"));
        b.click(&radio);
    }
    b.press_key(keys::ESCAPE);
    b.reload();
    b.wait_for("[data-part]");
    let html = b.script(
        "const h = document.documentElement; return [h.dataset.theme, h.dataset.spacing, h.dataset.font, h.dataset.width]",
        vec![],
    );
    assert_eq!(html, json!(["dark", "loose", "legible", "narrow"]));
    let size_after = b.script(
        "return getComputedStyle(document.querySelector('.article-body p')).fontSize",
        vec![],
    );
    let px = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .trim_end_matches("px")
            .parse::<f64>()
            .unwrap()
    };
    assert!(
        px(&size_after) > px(&size_before),
        "{size_before} → {size_after}"
    );
    let background = b.script(
        "return getComputedStyle(document.body).backgroundColor",
        vec![],
    );
    assert_eq!(background, json!("rgb(23, 25, 27)"));
    b.screenshot(&screenshot_dir().join("article-dark-1280.png"));
}

/// A setting changed in another tab is taken here at once, and a change made here then keeps
/// it: before, this tab wrote back every setting as it had them, undoing the other tab's.
#[test]
fn settings_changed_in_another_tab_are_followed_and_kept() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    b.wait_for("html[data-app=running]");
    let (first, second) = dark_in_a_new_tab(&app, &article);
    b.switch_to(&first);
    b.wait_until(
        "the other tab's theme is taken here",
        "return document.documentElement.dataset.theme === 'dark'",
        vec![],
    );
    b.click(&b.find_all(".nav-button")[1]);
    b.wait_until(
        "the settings here show it",
        "return document.querySelector('#settings-dialog[open] input[value=dark]')?.checked === true",
        vec![],
    );
    b.click(&b.wait_for("#settings-dialog[open] input[value=loose]"));
    b.wait_until(
        "this tab's change stored beside the other's",
        "const s = JSON.parse(localStorage.getItem('reader:settings') || '{}'); \
         return s.theme === 'dark' && s.spacing === 'loose'",
        vec![],
    );
    b.switch_to(&second);
    b.wait_until(
        "and taken in the other tab",
        "const h = document.documentElement.dataset; return h.theme === 'dark' && h.spacing === 'loose'",
        vec![],
    );
}

/// A page the browser kept for Back (WebKit keeps it, and drops the other tabs' word meanwhile)
/// shows, once back, the settings another tab changed while it was away.
#[test]
fn a_page_kept_for_back_shows_the_settings_changed_meanwhile() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    b.wait_for("html[data-app=running]");
    leave_for_another_page(b);
    let (first, _) = dark_in_a_new_tab(&app, &article);
    b.switch_to(&first);
    back_to_the_app(b, &article_path(&article));
    b.wait_until(
        "the theme changed meanwhile shown",
        "return document.documentElement.dataset.theme === 'dark'",
        vec![],
    );
}

/// Opens `article` in a new tab and chooses the dark theme in its settings, waiting until it is
/// stored; the new tab stays current. Returns the tab that was current before, and the new one.
fn dark_in_a_new_tab(app: &App, article: &Article) -> (String, String) {
    let b = &app.browser;
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto(&article_path(article));
    b.wait_for("html[data-app=running]");
    b.click(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog[open] input[value=dark]"));
    b.wait_until(
        "the theme stored",
        "return JSON.parse(localStorage.getItem('reader:settings') || '{}').theme === 'dark'",
        vec![],
    );
    (first, second)
}

#[test]
fn narrow_and_zoomed_views_never_scroll_sideways() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    // 320 px wide, and 640 px (what 1280 px shows at 200% zoom), with the largest text.
    b.script(
        "localStorage.setItem('reader:settings', JSON.stringify({text_size: 6}))",
        vec![],
    );
    for width in [320, 640] {
        b.set_window_size(width, 800);
        for path in [article_path(&article), "/".to_string()] {
            app.goto(&path);
            b.wait_for("main h1");
            let fits = b.script(
                "return document.documentElement.scrollWidth <= window.innerWidth",
                vec![],
            );
            assert_eq!(fits, json!(true), "{path} scrolls sideways at {width} px");
        }
        app.goto(&article_path(&article));
        b.wait_for(".facts");
        let stacked = b.script(
            "return document.querySelector('.facts').getBoundingClientRect().top >= document.querySelector('article.article').getBoundingClientRect().bottom",
            vec![],
        );
        assert_eq!(
            stacked,
            json!(true),
            "facts overlap the story at {width} px"
        );
    }
    b.screenshot(&screenshot_dir().join("article-320-largest-text.png"));
}

#[test]
fn progress_follows_the_reader() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    let bar = b.wait_for("[role=progressbar]");
    assert_eq!(
        b.script(
            "return arguments[0].getAttribute('aria-valuenow')",
            vec![bar.arg()]
        ),
        json!("0")
    );
    let text = b.text(&b.wait_for(".progress-text"));
    assert_eq!(
        text,
        format!("0% read · {} min left", article.reading_minutes())
    );
    b.script(
        "window.scrollTo(0, document.documentElement.scrollHeight)",
        vec![],
    );
    b.wait_until("progress is complete", "return document.querySelector('[role=progressbar]').getAttribute('aria-valuenow') === '100'", vec![]);
    assert_eq!(
        b.text(&b.wait_for(".progress-text")),
        "100% read · Finished"
    );
    assert_eq!(
        b.script(
            "return document.querySelector('.progress-fill').style.width",
            vec![]
        ),
        json!("100%")
    );
    // Halfway back: the bar, its fill and the line say the same share.
    b.script(
        "const body = document.querySelector('.article-body').getBoundingClientRect();
         window.scrollTo(0, window.scrollY + body.top + (body.height - innerHeight) / 2)",
        vec![],
    );
    b.wait_until(
        "progress is no longer complete",
        "return document.querySelector('[role=progressbar]').getAttribute('aria-valuenow') !== '100'",
        vec![],
    );
    let shown = b.script(
        "return [document.querySelector('[role=progressbar]').getAttribute('aria-valuenow'),
                 document.querySelector('.progress-fill').style.width,
                 document.querySelector('.progress-text').textContent]",
        vec![],
    );
    let percent: u32 = shown[0].as_str().unwrap().parse().unwrap();
    assert!((45..=55).contains(&percent), "{shown}");
    let left = (article.reading_minutes() as f64 * f64::from(100 - percent) / 100.0).ceil();
    assert_eq!(
        shown,
        json!([
            percent.to_string(),
            format!("{percent}%"),
            format!("{percent}% read · {left} min left")
        ])
    );
}

#[test]
fn help_lists_shortcuts_and_shortcuts_can_be_switched_off() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    b.press_key("?");
    let help = b.wait_for("#help-dialog[open]");
    assert!(b.text(&help).contains("Next paragraph"));
    b.press_key(keys::ESCAPE);
    wait_dialogs_closed(b);
    b.press_key("j");
    b.wait_until(
        "j moved to a paragraph",
        "return document.activeElement.matches('[data-block]')",
        vec![],
    );
    // Switch them off: the same keys do nothing. (j scrolled to the paragraph smoothly: a click
    // while the page still moves is lost.)
    b.click_when_still(&b.find_all(".nav-button")[1]);
    let checkbox = b.wait_for("#settings-dialog[open] input[type=checkbox]");
    b.click(&checkbox);
    // The dialog's own close handler (which may restore focus) runs before this one.
    b.script(
        "window.__closed = false; document.querySelector('#settings-dialog').addEventListener('close', () => { window.__closed = true; }, { once: true })",
        vec![],
    );
    b.press_key(keys::ESCAPE);
    b.wait_until(
        "settings closed and its close event handled",
        "return window.__closed && !document.querySelector('dialog[open]')",
        vec![],
    );
    b.script("document.activeElement.blur()", vec![]);
    press_and_see_handled(b, &["j", "?"]);
    let state = b.script("return [document.activeElement.tagName, document.activeElement.className, !!document.querySelector('dialog[open]')]", vec![]);
    assert_eq!(state, json!(["BODY", "", false]));
    b.reload();
    b.wait_for("[data-part]");
    press_and_see_handled(b, &["?"]);
    assert_eq!(
        b.find_all("#help-dialog[open]").len(),
        0,
        "the choice persists"
    );
}

/// Presses `keys` and waits until a listener added after the app's own has seen each of them,
/// so the app's handler has run too (listeners on one target run in the order they were added).
fn press_and_see_handled(b: &browser_tests::webdriver::Browser, keys: &[&str]) {
    b.script(
        "window.__seen = []; document.addEventListener('keydown', e => window.__seen.push(e.key))",
        vec![],
    );
    for key in keys {
        b.press_key(key);
    }
    b.wait_until(
        "the key presses were delivered",
        "return window.__seen.join(' ') === arguments[0]",
        vec![json!(keys.join(" "))],
    );
}
