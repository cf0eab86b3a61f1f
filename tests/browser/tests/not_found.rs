//! Unknown addresses. Typed in, a host that serves the build's `404.html` for them (GitHub
//! Pages, Netlify, most nginx set-ups) shows the app's own not-found page, at any depth and
//! under a sub-path; reached inside the app, the same page. Both have a way back.

use browser_tests::server::StaticServer;
use browser_tests::webdriver::Browser;
use browser_tests::{dist_dir, App};
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

/// Opens `path` on `server` (which answers unknown addresses with the build's 404.html, as
/// most static hosts do) and checks the app's own not-found page, with its way back to the
/// library at the server's app root.
fn assert_host_not_found(b: &browser_tests::webdriver::Browser, server: &StaticServer, path: &str) {
    b.goto(&server.url(path));
    let heading = b.wait_for(".not-found h1");
    assert_eq!(b.text(&heading), "Page not found");
    assert_eq!(
        b.script("return document.title", vec![]),
        json!("Page not found · Reader")
    );
    // Styled by the app's own stylesheet, found from the unknown address.
    assert_eq!(
        b.script(
            "return [...document.styleSheets].some(s => s.href && s.href.startsWith(arguments[0]) && /main-.*\\.css$/.test(s.href))",
            vec![json!(server.url("/"))]
        ),
        json!(true)
    );
    b.click(&b.wait_for(".not-found a"));
    b.wait_for(".library-item");
    assert_eq!(b.current_url(), server.url("/"));
}

#[test]
fn a_wrong_address_on_a_host_shows_the_apps_own_not_found_page_at_any_depth() {
    let server = StaticServer::start(&dist_dir());
    server.serve_not_found_page(true);
    let b = Browser::start();
    assert_host_not_found(&b, &server, "/no-such-page");
    assert_host_not_found(&b, &server, "/articles/no-such-article/deeper/still");
    let under = StaticServer::start_under(&dist_dir(), "/reader/");
    under.serve_not_found_page(true);
    assert_host_not_found(&b, &under, "/gone/away");
    // Every request stayed on the host's own origin, and the page's policy allowed them all.
    let foreign = b.script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
        vec![],
    );
    assert_eq!(foreign, json!([]));
}

#[test]
fn without_javascript_the_not_found_page_still_reads() {
    let server = StaticServer::start(&dist_dir());
    server.serve_not_found_page(true);
    let b = Browser::start_with(false);
    b.goto(&server.url("/no/such/page"));
    let heading = b.wait_for(".not-found h1");
    assert_eq!(b.text(&heading), "Page not found");
    assert_eq!(
        b.script("return getComputedStyle(document.body).visibility", vec![]),
        json!("visible")
    );
}
