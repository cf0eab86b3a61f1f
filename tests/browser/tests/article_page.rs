//! The article page: header, figure, every paragraph of the story, facts, and no page clutter.

use browser_tests::{article_path, articles, seed_clutter, App};
use serde_json::{json, Value};

fn open_first_article() -> (App, reader_core::article::Article) {
    let article = articles().remove(0);
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
    b.wait_for("aside.facts");
    let facts: Value = b.script(
        "return [...document.querySelectorAll('aside.facts .fact-text')].map(e => e.textContent)",
        vec![],
    );
    let expected: Vec<&str> = article.facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(facts, json!(expected));
    assert!(expected.len() >= 8);
    let label = b.script(
        "return document.querySelector('aside.facts').getAttribute('aria-labelledby')",
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
