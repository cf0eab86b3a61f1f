//! The article page: header, figure, every paragraph of the story, facts, and no page clutter.

use browser_tests::{article_path, articles, first_article, seed_clutter, App};
use serde_json::{json, Value};

fn open_first_article() -> (App, reader_core::article::Article) {
    let article = first_article();
    let app = App::open(&article_path(&article));
    app.browser.wait_for("#article-title");
    (app, article)
}

#[test]
fn header_shows_headline_byline_publication_date_and_reading_time() {
    let (app, article) = open_first_article();
    let b = &app.browser;
    assert_eq!(b.text(&b.find_all("h1")[0]), article.title);
    assert_eq!(b.find_all("h1").len(), 1);
    b.wait_for(".article-header");
    let header = b.script(
        "return document.querySelector('.article-header').textContent",
        vec![],
    );
    let header = header.as_str().unwrap();
    for part in [
        format!("By {}", article.byline),
        article.publication.clone(),
        article.date.to_string(),
        format!("{} min read", article.reading_minutes()),
    ] {
        assert!(
            header.contains(&part),
            "{part:?} missing from header: {header}"
        );
    }
    let datetime = b.script(
        "return document.querySelector('.article-header time').getAttribute('datetime')",
        vec![],
    );
    assert_eq!(datetime, json!(article.date.iso()));
    assert_eq!(
        b.script("return document.title", vec![]),
        json!(format!("{} · Reader", article.title))
    );
}

#[test]
fn every_paragraph_of_the_story_is_on_the_page_verbatim() {
    let (app, article) = open_first_article();
    let shown = app.browser.script(
        "return [...document.querySelectorAll('.article-body p')].map(p => p.textContent)",
        vec![],
    );
    let expected: Vec<String> = article.paragraphs().collect();
    assert_eq!(shown, json!(expected));
}

#[test]
fn figure_has_image_caption_and_credit() {
    let (app, article) = open_first_article();
    let b = &app.browser;
    let photo = article.photo.expect("the seed article has a photo");
    b.wait_for("figure figcaption");
    let caption = b.script(
        "return document.querySelector('figure figcaption').textContent",
        vec![],
    );
    let caption = caption.as_str().unwrap();
    assert!(caption.contains(&photo.caption), "{caption}");
    assert!(
        caption.contains(&format!("Photo: {}", photo.credit)),
        "{caption}"
    );
    b.wait_until(
        "the figure's image has loaded",
        "const img = document.querySelector('figure img'); return !!img && img.complete && img.naturalWidth > 0",
        vec![],
    );
    let alt = b.script(
        "return document.querySelector('figure img').getAttribute('alt')",
        vec![],
    );
    assert_eq!(alt, json!(photo.alt));
    // Only our own origin serves the image.
    let src = b.script("return document.querySelector('figure img').src", vec![]);
    assert!(
        src.as_str().unwrap().starts_with(&app.server.base_url),
        "{src}"
    );
}

#[test]
fn a_figure_whose_image_fails_still_reads() {
    let (app, article) = open_first_article();
    let b = &app.browser;
    let photo = article.photo.unwrap();
    b.wait_for("figure img");
    b.script(
        "document.querySelector('figure img').dispatchEvent(new Event('error'))",
        vec![],
    );
    let fallback = b.text(&b.wait_for("figure .figure-fallback"));
    assert!(
        fallback.contains("could not be loaded") && fallback.contains(&photo.alt),
        "{fallback}"
    );
    assert_eq!(b.find_all("figure img").len(), 0);
    assert!(b.text(&b.wait_for("figcaption")).contains(&photo.caption));
}

#[test]
fn no_page_clutter_is_shown() {
    let (app, _) = open_first_article();
    let text = app
        .browser
        .script("return document.body.textContent", vec![]);
    let text = text.as_str().unwrap();
    for clutter in seed_clutter() {
        assert!(
            !text.contains(&clutter),
            "clutter {clutter:?} is on the page"
        );
    }
    assert!(
        !text.contains("| (Photo:"),
        "the duplicated caption is on the page"
    );
    // The caption is shown exactly once.
    let caption = articles()[0].photo.as_ref().unwrap().caption.clone();
    assert_eq!(text.matches(caption.as_str()).count(), 1);
}

#[test]
fn sidebar_lists_every_fact() {
    let (app, article) = open_first_article();
    let b = &app.browser;
    b.wait_for(".facts");
    let facts: Value = b.script(
        "return [...document.querySelectorAll('.facts .fact-text')].map(e => e.textContent)",
        vec![],
    );
    let expected: Vec<&str> = article.facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(facts, json!(expected));
    assert!(expected.len() >= 8);
    let label = b.script(
        "return document.querySelector('.facts').getAttribute('aria-labelledby')",
        vec![],
    );
    assert_eq!(
        b.script(
            "return document.getElementById(arguments[0]).textContent",
            vec![label]
        ),
        json!("Key facts")
    );
}

/// Counts the listeners on the document as they are added and removed, from before the app
/// starts: `window.__documentListeners()` is how many are there now.
const COUNT_LISTENERS: &str = r#"
(() => {
  const live = new Map();
  const key = (type, listener, options) =>
    type + '|' + (typeof options === 'boolean' ? options : !!(options && options.capture));
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this === document && listener) {
      const k = key(type, listener, options);
      if (!live.has(listener)) live.set(listener, new Set());
      live.get(listener).add(k);
    }
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (this === document && live.has(listener)) {
      live.get(listener).delete(key(type, listener, options));
      if (live.get(listener).size === 0) live.delete(listener);
    }
    return remove.call(this, type, listener, options);
  };
  window.__documentListeners = () => [...live.values()].reduce((n, s) => n + s.size, 0);
})();
"#;

#[test]
fn visiting_an_article_twenty_times_leaves_no_listener_behind() {
    let copy = browser_tests::build_with_script("count-listeners", COUNT_LISTENERS);
    let server = browser_tests::server::StaticServer::start(&copy);
    let b = browser_tests::webdriver::Browser::start();
    b.goto(&server.url("/"));
    b.wait_for(".library-item");
    let count = || b.script("return window.__documentListeners()", vec![]);
    let mut on_the_article = Vec::new();
    let mut in_the_library = Vec::new();
    for _ in 0..20 {
        b.click(&b.wait_for(".library-title a"));
        b.wait_for("[data-part]");
        on_the_article.push(count());
        b.click(&b.wait_for(".brand"));
        b.wait_for(".library-item");
        b.wait_until(
            "the article is gone",
            "return !document.querySelector('[data-part]')",
            vec![],
        );
        in_the_library.push(count());
    }
    assert!(
        on_the_article[0].as_u64().unwrap() > in_the_library[0].as_u64().unwrap(),
        "the article adds its own: {on_the_article:?} {in_the_library:?}"
    );
    assert!(
        on_the_article.iter().all(|c| *c == on_the_article[0]),
        "{on_the_article:?}"
    );
    assert!(
        in_the_library.iter().all(|c| *c == in_the_library[0]),
        "{in_the_library:?}"
    );
    drop(b);
    drop(server);
    let _ = std::fs::remove_dir_all(&copy);
}

/// The first error nobody caught is kept on the page, `<html data-app-error>`, which a failed
/// wait's report prints (src/start.rs): its kind, name, message and stack. A later one leaves it
/// as it is; a promise rejected with nothing to handle it is kept the same way. Thrown from a
/// script of the page's own origin, as the app's are: one the driver runs is not the page's, and
/// the browser tells the page nothing of its errors.
#[test]
fn the_first_error_nobody_caught_is_kept_for_the_failure_report() {
    let copy = browser_tests::build_with_script("uncaught", UNCAUGHT);
    let server = browser_tests::server::StaticServer::start(&copy);
    let b = browser_tests::webdriver::Browser::start();
    let article = first_article();
    let kept = |what: &str| {
        b.wait_until(
            what,
            "return document.documentElement.hasAttribute('data-app-error')",
            vec![],
        );
        b.script(
            "return document.documentElement.getAttribute('data-app-error')",
            vec![],
        )
        .as_str()
        .unwrap()
        .to_string()
    };
    // `goto` waits until the app runs.
    let open = || b.goto(&server.url(&article_path(&article)));
    open();
    b.script("window.__throw('TypeError', 'thrown by the test')", vec![]);
    let first = kept("the thrown error is kept");
    assert!(
        first.starts_with("error JsValue(TypeError: thrown by the test\n"),
        "{first:?}"
    );
    // Thrown after the first was kept: seen, and left it as it was.
    b.script("window.__throw('Error', 'the second')", vec![]);
    b.wait_until(
        "the second was thrown",
        "return window.__thrown === 2",
        vec![],
    );
    assert_eq!(kept("the first error is still kept"), first);

    open();
    b.script(
        "window.__reject('RangeError', 'rejected by the test')",
        vec![],
    );
    let rejected = kept("the rejection is kept");
    assert!(
        rejected.starts_with("unhandledrejection JsValue(RangeError: rejected by the test\n"),
        "{rejected:?}"
    );
    drop(b);
    drop(server);
    let _ = std::fs::remove_dir_all(&copy);
}

/// Errors thrown and promises rejected from a script of the page's origin, when a test asks:
/// made by the page's own constructors (one the driver passes can be another realm's, which
/// Firefox's driver runs its scripts in).
const UNCAUGHT: &str = r#"
window.__thrown = 0;
window.__throw = (kind, message) => setTimeout(() => { window.__thrown++; throw new window[kind](message); });
window.__reject = (kind, message) => setTimeout(() => { Promise.reject(new window[kind](message)); });
"#;
