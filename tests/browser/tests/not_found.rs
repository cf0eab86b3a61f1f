//! Unknown addresses. Typed in, the host answers (a static host has no file for them, and no
//! rewrite rule sends them to the app); reached inside the app, a not-found page with a way
//! back.

use browser_tests::App;
use serde_json::json;

/// Moves the app to `path` the way its own links do (history, then the router).
fn navigate_in_app(app: &App, path: &str) {
    app.browser.wait_for(".library-item");
    app.browser.script(
        "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));",
        vec![json!(path)],
    );
}

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
fn an_unknown_url_inside_the_app_shows_not_found() {
    let app = App::open("/");
    navigate_in_app(&app, "no/such/page");
    assert_not_found_then_back(&app, None);
}

#[test]
fn an_unknown_article_slug_inside_the_app_shows_not_found() {
    let app = App::open("/");
    navigate_in_app(&app, "articles/no-such-article/");
    assert_not_found_then_back(&app, Some("no-such-article"));
}
