//! Unknown addresses show a helpful not-found page with a way back.

use browser_tests::App;
use serde_json::json;

fn assert_not_found_then_back(app: &App, mention: Option<&str>) {
    let b = &app.browser;
    let heading = b.wait_for(".not-found h1");
    assert_eq!(b.text(&heading), "Page not found");
    let text = b.text(&b.wait_for(".not-found"));
    if let Some(mention) = mention {
        assert!(text.contains(mention), "{text}");
    }
    assert_eq!(
        b.script("return document.title", vec![]),
        json!("Page not found · Reader")
    );
    let back = b.wait_for(".not-found a");
    assert_eq!(b.text(&back), "Back to the library");
    b.click(&back);
    b.wait_for(".library-item");
}

#[test]
fn an_unknown_url_shows_not_found() {
    let app = App::open("/no/such/page");
    assert_not_found_then_back(&app, None);
}

#[test]
fn an_unknown_article_slug_shows_not_found() {
    let app = App::open("/articles/no-such-article");
    assert_not_found_then_back(&app, Some("no-such-article"));
}
