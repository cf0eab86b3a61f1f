//! Layout at a wide (1280 px) and a phone (390 px) width: reading measure, sidebar placement,
//! nothing scrolling sideways. Screenshots land in target/screenshots/<engine>/ for people
//! to look at.

use browser_tests::webdriver::Browser;
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

/// Sets the window to a phone's width (390 px) and waits until the page has it.
fn at_phone_width(b: &Browser) {
    b.set_window_size(390, 844);
    b.wait_until(
        "the viewport is narrow",
        "return window.innerWidth <= 390",
        vec![],
    );
}

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
    at_phone_width(b);
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

/// The library's controls read cleanly at phone width: each filter's label on one line (the
/// buttons wrap as a row instead, as the export buttons do), and the line that introduces the
/// export buttons sits nearer them than the backup buttons above it, so that it reads as
/// theirs.
#[test]
fn phone_width_keeps_library_labels_whole_and_hints_by_their_buttons() {
    let app = App::open("/");
    let b = &app.browser;
    at_phone_width(b);
    b.wait_for(".library-item");
    let lines = b.script(
        r#"return [...document.querySelectorAll('.filter button')].map(button => {
             const range = document.createRange();
             range.selectNodeContents(button);
             const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
             return [button.textContent.trim(), tops.size];
           });"#,
        vec![],
    );
    let lines = lines.as_array().unwrap();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for label in lines {
        assert_eq!(label[1], json!(1), "a label over two lines: {lines:?}");
    }
    b.wait_for(".transfer-actions");
    let gaps = b.script(
        r#"const [backup, exports] = document.querySelectorAll('.transfer-actions');
           const hint = exports.previousElementSibling.getBoundingClientRect();
           return { above: hint.top - backup.getBoundingClientRect().bottom,
                    below: exports.getBoundingClientRect().top - hint.bottom };"#,
        vec![],
    );
    assert!(
        number(&gaps, "above") > number(&gaps, "below"),
        "the hint is nearer the buttons above it than its own: {gaps}"
    );
    assert_eq!(b.script(NO_SIDEWAYS_SCROLL, vec![]), json!(true));
}
