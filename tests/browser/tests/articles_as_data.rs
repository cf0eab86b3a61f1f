//! Articles are data files beside their pages: the library reads only the index, an article
//! its own file when it is opened, and a file that cannot be read is said in words while the
//! page stays readable.

use browser_tests::server::StaticServer;
use browser_tests::webdriver::Browser;
use browser_tests::{article_path, articles, dist_dir, App};
use serde_json::json;

/// The data files the build wrote: the index's path and each article's, as the core names them.
fn data_files() -> (String, Vec<String>) {
    let (index, files) = reader_core::library::files(&articles());
    (index.path, files.into_iter().map(|f| f.path).collect())
}

#[test]
fn the_library_reads_the_index_and_an_article_its_own_file_when_opened() {
    let (index, files) = data_files();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    assert!(
        app.server.requested(&index) >= 1,
        "{:?}",
        app.server.requests()
    );
    // The service worker saves everything for offline use once it installs; before that, the
    // page itself asked for no article.
    let page_asked = b.script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/article-'))",
        vec![],
    );
    assert_eq!(page_asked, json!([]));
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    let asked = b.script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(n => n.includes('/article-'))",
        vec![],
    );
    assert_eq!(asked, json!([format!("/{}", files[0])]));
}

#[test]
fn an_article_whose_file_cannot_be_read_says_so_and_leads_on() {
    let (_, files) = data_files();
    let server = StaticServer::start(&dist_dir());
    server.refuse(Some(&files[0]));
    let b = Browser::start();
    b.goto(&server.url("/"));
    b.click(&b.wait_for(".library-title a"));
    let heading = b.wait_for(".not-found h1");
    assert_eq!(b.text(&heading), "This article could not be opened");
    let why = b.text(&b.wait_for(".not-found p"));
    assert_eq!(
        why,
        format!("{} could not be loaded (the server answered 404)", files[0])
    );
    b.click(&b.wait_for(".not-found a"));
    b.wait_for(".library-item");
}

#[test]
fn without_the_library_index_the_library_stays_as_it_was_and_an_article_still_opens() {
    let (index, _) = data_files();
    let article = &articles()[0];
    let server = StaticServer::start(&dist_dir());
    server.refuse(Some(&index));
    let b = Browser::start();
    b.load(&server.url("/"));
    b.wait_for("html[data-app-failed]");
    let why = b.script(
        "return document.documentElement.getAttribute('data-app-failed')",
        vec![],
    );
    let said = format!("{index} could not be loaded (the server answered 404)");
    assert_eq!(why, json!(said));
    // The prerendered library, whole and untouched.
    assert_eq!(b.text(&b.wait_for("h1")), "Library");
    let titles = browser_tests::library_titles(&b);
    assert_eq!(
        titles,
        json!(articles()
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>())
    );
    assert_eq!(
        b.script(
            "return document.documentElement.hasAttribute('data-app')",
            vec![]
        ),
        json!(false)
    );
    // An article's page needs only its own file: the app starts there, and the library,
    // reached from it, says why it cannot be shown.
    b.goto(&server.url(&article_path(article)));
    b.wait_for("[data-part]");
    b.click(&b.wait_for(".site-nav .nav-link"));
    assert_eq!(
        b.text(&b.wait_for(".not-found h1")),
        "The library could not be opened"
    );
    assert_eq!(b.text(&b.wait_for(".not-found .page-lede")), said);
}

#[test]
fn an_article_page_fetches_its_article_beside_the_webassembly_and_the_index_after() {
    let article = &articles()[0];
    let (index, files) = data_files();
    let app = App::open(&article_path(article));
    let b = &app.browser;
    b.wait_for("[data-part]");
    // Nothing but the page before its first paint: no preload in its head. The loader starts
    // fetching the article as it imports the app, no later than the WebAssembly (the same
    // moment, to Firefox's clock), and the app takes that fetch: one request (WebKit would
    // answer a preload's twice). The index, which a library of any size makes large, comes
    // after, once.
    let html =
        std::fs::read_to_string(dist_dir().join(format!("articles/{}/index.html", article.slug)))
            .unwrap();
    let head = &html[..html.find("</head>").unwrap()];
    assert!(!head.contains("rel=\"preload\""), "{head}");
    b.wait_until(
        "the index is fetched",
        "return performance.getEntriesByType('resource').some(e => e.name.includes('/library-'))",
        vec![],
    );
    let fetched = b.script(
        "const all = performance.getEntriesByType('resource');
         const wasm = all.find(e => e.name.endsWith('.wasm'));
         return all.filter(e => e.name.endsWith('.json'))
           .map(e => [new URL(e.name).pathname, e.startTime <= wasm.startTime])
           .sort()",
        vec![],
    );
    let mut expected = vec![
        json!([format!("/{}", files[0]), true]),
        json!([format!("/{index}"), false]),
    ];
    expected.sort_by_key(|v| v[0].as_str().unwrap().to_string());
    assert_eq!(fetched, json!(expected));
    // The library, reached from there, lists every article.
    b.click(&b.wait_for(".site-nav .nav-link"));
    b.wait_for(".library-item");
    assert_eq!(b.find_all(".library-item").len(), articles().len());
}
