//! Layout at a wide (1280 px) and a phone (390 px) width: reading measure, sidebar placement,
//! nothing scrolling sideways. Screenshots land in target/screenshots/<engine>/ for people
//! to look at.

use browser_tests::{article_path, first_article, screenshot_dir, App};
use serde_json::{json, Value};

const NO_SIDEWAYS_SCROLL: &str = "return document.documentElement.scrollWidth <= window.innerWidth";

/// Characters of story text that fit on one line of the reading column: the column width over
/// the average character width of the story's own text, set on one line in the same style.
const CHARS_PER_LINE: &str = r#"
    const p = document.querySelector('.article-body p');
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = [...document.querySelectorAll('.article-body p')].map(e => e.textContent).join(' ');
    p.appendChild(probe);
    const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
    probe.remove();
    return p.getBoundingClientRect().width / perChar;"#;

/// The sidebar's box relative to the article's.
const BOXES: &str = r#"
    const a = document.querySelector('article.article').getBoundingClientRect();
    const s = document.querySelector('.facts').getBoundingClientRect();
    return { articleRight: a.right, articleBottom: a.bottom, asideLeft: s.left, asideTop: s.top, asideRight: s.right,
             width: window.innerWidth };"#;

fn number(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

#[test]
fn wide_screen_puts_facts_beside_a_readable_column() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    b.set_window_size(1280, 900);
    b.wait_for(".facts .fact");
    let boxes = b.script(BOXES, vec![]);
    assert!(
        number(&boxes, "asideLeft") >= number(&boxes, "articleRight"),
        "sidebar beside the text: {boxes}"
    );
    assert!(
        number(&boxes, "asideRight") <= number(&boxes, "width"),
        "{boxes}"
    );
    let cpl = b.script(CHARS_PER_LINE, vec![]).as_f64().unwrap();
    assert!((60.0..=75.0).contains(&cpl), "{cpl:.1} characters per line");
    assert_eq!(b.script(NO_SIDEWAYS_SCROLL, vec![]), json!(true));
    b.screenshot(&screenshot_dir().join("article-1280.png"));
    app.goto("/");
    b.wait_for(".library-item");
    b.screenshot(&screenshot_dir().join("library-1280.png"));
}

#[test]
fn phone_width_puts_facts_after_the_story_without_sideways_scroll() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    b.set_window_size(390, 844);
    b.wait_until(
        "the viewport is narrow",
        "return window.innerWidth <= 390",
        vec![],
    );
    b.wait_for(".facts .fact");
    let boxes = b.script(BOXES, vec![]);
    assert!(
        number(&boxes, "asideTop") >= number(&boxes, "articleBottom"),
        "facts follow the story: {boxes}"
    );
    assert_eq!(b.script(NO_SIDEWAYS_SCROLL, vec![]), json!(true));
    b.screenshot(&screenshot_dir().join("article-390.png"));
    app.goto("/");
    b.wait_for(".library-item");
    assert_eq!(b.script(NO_SIDEWAYS_SCROLL, vec![]), json!(true));
    b.screenshot(&screenshot_dir().join("library-390.png"));
}
