//! The library page lists every bundled article and leads to it.

use browser_tests::{article_path, articles, App};
use serde_json::json;

#[test]
fn library_lists_every_article_with_its_details() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    let items = b.find_all(".library-item");
    let expected = articles();
    assert_eq!(items.len(), expected.len());
    for (item, article) in items.iter().zip(&expected) {
        let text = b.text(item);
        assert!(text.contains(&article.title), "{text}");
        assert!(text.contains(&article.publication), "{text}");
        assert!(text.contains(&article.date.to_string()), "{text}");
        assert!(
            text.contains(&format!("{} min read", article.reading_minutes())),
            "{text}"
        );
        let excerpt = article.excerpt();
        assert!(
            text.contains(excerpt.trim_end_matches('…')),
            "excerpt in {text}"
        );
    }
    assert_eq!(
        b.script("return document.title", vec![]),
        json!("Library · Reader")
    );
    assert_eq!(
        b.script("return document.querySelectorAll('h1').length", vec![]),
        json!(1)
    );
}

#[test]
fn choosing_an_article_opens_its_page() {
    let app = App::open("/");
    let b = &app.browser;
    let article = &articles()[0];
    let link = b.wait_for(".library-title a");
    b.click(&link);
    let title = b.wait_for("#article-title");
    assert_eq!(b.text(&title), article.title);
    assert!(
        b.current_url().ends_with(&article_path(article)),
        "{}",
        b.current_url()
    );
    // The banner leads back.
    b.click(&b.wait_for(".brand"));
    b.wait_for(".library-item");
}
