//! Any static host: each route is its own prerendered file, so pages read before the app starts
//! and without JavaScript, the app takes them over without moving anything, and the same build
//! works under a sub-path with deep links and reloads, with no rewrite rules.

use browser_tests::server::StaticServer;
use browser_tests::webdriver::Browser;
use browser_tests::{
    add_file, article_path, assert_app_running, assert_part_not_loaded, dist_dir, first_article,
    highlight_texts, lazy_part, leave_at_paragraph, select_words, show_marks,
};
use serde_json::{json, Value};

/// Where the parts of the article page are, as [left, top, width, height] in page pixels.
fn layout(b: &Browser) -> Value {
    b.script(
        r#"const at = (css) => { const e = document.querySelector(css); if (!e) return null;
             const r = e.getBoundingClientRect();
             return [r.left, r.top + scrollY, r.width, r.height].map(Math.round); };
           return ['h1', '.byline', 'figure img', 'figcaption', '.article-body p:first-child',
                   '.article-body p:last-child', '.facts li:first-child', '.facts li:last-child']
             .map(css => [css, at(css)]);"#,
        vec![],
    )
}

#[test]
fn with_javascript_off_the_article_reads_whole_and_links_work() {
    let article = first_article();
    let server = StaticServer::start(&dist_dir());
    let b = Browser::start_with(false);
    b.goto(&server.url(&article_path(&article)));
    assert_eq!(b.text(&b.wait_for("h1")), article.title);
    let paragraphs = b.script(
        "return [...document.querySelectorAll('.article-body p')].map(p => p.textContent)",
        vec![],
    );
    assert_eq!(paragraphs, json!(article.paragraphs().collect::<Vec<_>>()));
    let photo = article.photo.as_ref().expect("the seed has a photo");
    let caption = b.script(
        "return document.querySelector('figcaption').textContent",
        vec![],
    );
    let caption = caption.as_str().unwrap();
    assert!(caption.contains(&photo.caption), "{caption}");
    assert!(caption.contains(&photo.credit), "{caption}");
    let facts = b.script(
        "return [...document.querySelectorAll('.facts .fact-text')].map(e => e.textContent)",
        vec![],
    );
    let expected: Vec<&str> = article.facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(facts, json!(expected));
    // With no tabs, the list says what it is.
    assert_eq!(
        b.text(&b.wait_for(".facts-heading")).to_lowercase(),
        "key facts"
    );
    // A key fact is a link to the paragraph with its words.
    let fact = article.facts.last().unwrap();
    let block = article.block_of_fact(fact.id).unwrap();
    b.click(&b.wait_for(&format!(".fact[data-fact=\"{}\"]", fact.id)));
    b.wait_until(
        "the fact's paragraph is the page's target, in view",
        "const p = document.querySelector(':target'); if (!p) return false; const r = p.getBoundingClientRect(); \
         return location.hash === '#p-' + arguments[0] && p.dataset.block === String(arguments[0]) && r.top >= -1 && r.top < innerHeight",
        vec![json!(block)],
    );
    assert_eq!(
        b.script("return document.title", vec![]),
        json!(format!("{} · Reader", article.title))
    );
    // The app never ran, and the controls that need it are not shown.
    let state = b.script(
        r#"return { app: document.documentElement.hasAttribute('data-app'),
                    shown: [...document.querySelectorAll('.needs-app')]
                      .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className) };"#,
        vec![],
    );
    assert_eq!(state, json!({ "app": false, "shown": [] }));
    // Plain links between the pages' files: each resolves (through the page's <base>) to the
    // other page's address, which serves it. Followed by address rather than by a click: with
    // JavaScript off, WebKitWebDriver has been seen to hang on the first command after a
    // click that loads a new document.
    let href = |css: &str| {
        let link = b.wait_for(css);
        b.script("return arguments[0].href", vec![link.arg()])
            .as_str()
            .unwrap()
            .to_string()
    };
    let library = href("a.nav-link");
    assert_eq!(library, server.url("/"));
    b.goto(&library);
    b.wait_for(".library-item");
    let opened = href(".library-title a");
    assert_eq!(opened, server.url(&article_path(&article)));
    b.goto(&opened);
    assert_eq!(b.text(&b.wait_for("h1")), article.title);
    let first = b.text(&b.wait_for(".article-body p"));
    assert_eq!(first, article.paragraphs().next().unwrap());
}

#[test]
fn the_app_takes_over_the_page_without_moving_or_doubling_it() {
    let article = first_article();
    let server = StaticServer::start(&dist_dir());
    let b = &Browser::start();
    let url = server.url(&article_path(&article));
    // The WebAssembly missing: the prerendered page is all there is.
    server.refuse(Some(".wasm"));
    b.load(&url);
    b.wait_for(".article-body p");
    let before = layout(b);
    assert_eq!(
        b.script(
            "return document.documentElement.hasAttribute('data-app')",
            vec![]
        ),
        json!(false)
    );
    server.refuse(None);
    b.goto(&url);
    assert_eq!(layout(b), before, "the app moved the page it took over");
    let counts = b.script(
        r#"return ['main', 'h1', 'figure', '.article-body', '.facts', '.site-header']
             .map(css => document.querySelectorAll(css).length);"#,
        vec![],
    );
    assert_eq!(counts, json!([1, 1, 1, 1, 1, 1]), "doubled content");
}

#[test]
fn under_a_sub_path_deep_links_reload_and_links_stay_under_it() {
    let article = first_article();
    let server = StaticServer::start_under(&dist_dir(), "/reader/");
    let b = Browser::start();
    let article_url = server.url(&article_path(&article));
    assert!(article_url.contains("/reader/articles/"), "{article_url}");
    b.goto(&article_url);
    select_words(&b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    b.wait_for("mark[data-hl]");
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(
        highlight_texts(&b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    // The app's own links, then a reload on each page it reached.
    b.click(&b.wait_for("a.nav-link"));
    b.wait_for(".library-item");
    assert_eq!(b.current_url(), server.url("/"));
    b.reload();
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("mark[data-hl]");
    assert_eq!(b.current_url(), article_url);
    b.reload();
    b.wait_for("mark[data-hl]");
    // The address without its final slash, as people paste it: the host adds it.
    b.goto(article_url.trim_end_matches('/'));
    b.wait_for("mark[data-hl]");
    let outside: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|p| !p.starts_with("/reader/"))
        .collect();
    assert!(outside.is_empty(), "requests outside /reader/: {outside:?}");
}

/// The app opened at `path`, and the build's server, refusing the lazy part `name`. (The
/// browser first: it closes first.)
fn with_part_refused(name: &str, path: &str) -> (Browser, StaticServer) {
    let part = lazy_part(name);
    let server = StaticServer::start(&dist_dir());
    let b = Browser::start();
    server.refuse(Some(&part));
    b.goto(&server.url(path));
    (b, server)
}

/// Deleting one of the reader's articles is done by the lower sections' part. On a visit
/// where it cannot be fetched, Delete says so at the foot of the window (it was only announced
/// to screen readers: a sighted reader saw nothing happen) and deletes nothing; once the host
/// gives the part again, Delete deletes and the notice goes.
#[test]
fn deleting_an_article_whose_part_cannot_be_fetched_is_said_and_works_once_it_can() {
    let part = lazy_part("library_sections");
    let server = StaticServer::start(&dist_dir());
    let b = &Browser::start();
    b.goto(&server.url("/"));
    b.wait_for(".add-articles");
    assert_eq!(
        add_file(
            b,
            "tides.txt",
            "Tide tables\n\nHigh water at 06:12 and 18:40."
        ),
        vec!["tides.txt: Added as Tide tables"]
    );
    // A later visit that neither the service worker nor the host can give the part.
    let forgotten = b.script_async(
        "const done = arguments[arguments.length - 1]; \
         navigator.serviceWorker.getRegistrations().then(rs => Promise.all(rs.map(r => r.unregister()))) \
         .then(() => caches.keys()).then(ks => Promise.all(ks.map(k => caches.delete(k)))) \
         .then(() => done('forgotten'), e => done(String(e)))",
        vec![],
    );
    assert_eq!(forgotten, json!("forgotten"));
    server.refuse(Some(&part));
    b.load(&server.url("/"));
    b.wait_for(".part-not-loaded[role=alert]");
    b.click(&b.wait_for(".delete-own"));
    b.click(&b.wait_for(".confirm-delete"));
    assert_part_not_loaded(b, "Deleting your article");
    assert_eq!(
        b.find_all(".delete-own").len(),
        1,
        "deleted without its part"
    );

    server.refuse(None);
    b.click(&b.wait_for(".delete-own"));
    b.click(&b.wait_for(".confirm-delete"));
    b.wait_for(".undo-bar");
    b.wait_until(
        "the article is gone and so is the notice",
        "return !document.querySelector('.delete-own') && !document.querySelector('.part-not-loaded.floating')",
        vec![],
    );
}

/// The library's lower sections (adding articles, search, export and import, storage) are a
/// part of the app fetched when the library is drawn. A part the host cannot give (offline
/// before the service worker kept it, a new version deployed meanwhile) is said, and "Try
/// again" fetches it afresh; the rest of the library works meanwhile (before, a failed fetch
/// stopped the app with a panic).
#[test]
fn the_librarys_part_that_cannot_be_fetched_is_said_and_fetched_again() {
    let part = lazy_part("library_sections");
    let server = StaticServer::start(&dist_dir());
    let b = &Browser::start();
    server.refuse(Some(&part));
    b.load(&server.url("/"));
    b.wait_for(".part-not-loaded[role=alert]");
    assert_eq!(
        b.text(&b.wait_for(".part-not-loaded p")),
        "Adding articles, searching your highlights, export, import and storage could not be \
         loaded. If you are offline, try again once you are online."
    );
    assert!(b.find_all(".add-articles").is_empty());
    assert_app_running(b);
    assert!(!b.find_all(".library-item").is_empty(), "the list is gone");
    server.refuse(None);
    let again = b.wait_for(".part-not-loaded button");
    assert_eq!(b.text(&again), "Try again");
    b.click(&again);
    b.wait_for(".add-articles");
    b.wait_for(".transfer-actions");
    assert!(b.find_all(".part-not-loaded").is_empty());
}

/// The library page names its part (`<meta name="reader-parts">`), and its loader fetches the
/// part's files beside the app's module rather than once the app has started: here while the
/// host still holds the app's module back, and taken by the app once it runs, not fetched again.
#[test]
fn the_library_pages_part_downloads_beside_the_apps_module() {
    let part = lazy_part("library");
    let server = StaticServer::start(&dist_dir());
    let b = &Browser::start();
    server.hold(Some("_bg.wasm"));
    b.load(&server.url("/"));
    server.wait_for_request(
        &part,
        0,
        std::time::Duration::from_secs(30),
        "the library's part was not fetched while the app's module was held",
    );
    server.hold(None);
    b.wait_for("html[data-app]");
    b.wait_for(".library-item");
    assert_app_running(b);
    // The page's own fetches (the service worker, installing meanwhile, fetches every file too).
    assert_eq!(
        b.script(
            "return performance.getEntriesByType('resource').filter(e => e.name.endsWith(arguments[0])).length",
            vec![json!(part)]
        ),
        json!(1),
        "the part was fetched again"
    );
}

/// Where the library's list and each of its articles are, as [top, height] in page pixels.
fn library_layout(b: &Browser) -> Value {
    b.script(
        r#"return ['.library-list', ...[...document.querySelectorAll('.library-item')].keys()
             .map(i => `.library-item:nth-child(${i + 1})`)]
             .map(css => { const r = document.querySelector(css).getBoundingClientRect();
                           return [css, Math.round(r.top + scrollY), Math.round(r.height)]; });"#,
        vec![],
    )
}

#[test]
fn the_librarys_list_stays_put_while_the_app_and_the_service_worker_arrive() {
    let server = StaticServer::start(&dist_dir());
    let b = &Browser::start();
    let url = server.url("/");
    // The prerendered library alone.
    server.refuse(Some(".wasm"));
    b.load(&url);
    b.wait_for(".library-item");
    let prerendered = library_layout(b);
    // The app, with the service worker still installing (one of its files held back): what is
    // kept offline is not known yet.
    server.refuse(None);
    server.hold(Some("/404.html"));
    b.goto(&url);
    assert_eq!(
        b.script(
            "return [document.querySelector('.offline-summary')?.textContent ?? '', \
                     document.querySelector('.offline-badge')?.textContent ?? '']",
            vec![]
        ),
        json!(["", ""]),
        "what is kept offline is said before the service worker could know"
    );
    assert_eq!(library_layout(b), prerendered, "the app moved the list");
    // The service worker installs and says what it keeps.
    server.hold(None);
    b.wait_until(
        "the library says what is kept offline",
        "return document.querySelector('.offline-summary')?.textContent === 'Kept for reading offline.' \
           && !!document.querySelector('.offline-badge button')",
        vec![],
    );
    assert_eq!(
        library_layout(b),
        prerendered,
        "the list moved when the service worker answered"
    );
}

#[test]
fn the_dialogs_part_that_cannot_be_fetched_is_said_and_fetched_on_the_next_opening() {
    let (b, server) = &with_part_refused("dialogs", &article_path(&first_article()));
    let settings = b.find_all(".nav-button")[1].clone();
    b.click(&settings);
    assert_part_not_loaded(b, "The reading settings and the keyboard shortcuts");
    assert!(b.find_all("#settings-dialog").is_empty());
    server.refuse(None);
    b.click(&settings);
    b.wait_for("#settings-dialog[open]");
    assert!(
        b.find_all(".part-not-loaded").is_empty(),
        "the failure is still said once the dialog opened"
    );
}

#[test]
fn the_annotating_part_that_cannot_be_fetched_is_said_and_fetched_on_the_next_selection() {
    let (b, server) = &with_part_refused("annotating", &article_path(&first_article()));
    b.wait_for("[data-part]");
    let words = "Defectors are often forced into labor camps";
    select_words(b, words);
    assert_part_not_loaded(b, "Highlighting and notes");
    assert!(b.find_all(".hl-toolbar").is_empty());
    server.refuse(None);
    b.script("window.getSelection().removeAllRanges()", vec![]);
    select_words(b, words);
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b), vec![words.to_string()]);
    assert!(
        b.find_all(".part-not-loaded").is_empty(),
        "the failure is still said once the toolbar came"
    );
}

/// The notices about the reader's saved data are a part of their own, fetched when there is
/// first something to tell. When it cannot be fetched, the reader is told that instead, the app
/// runs on, and the notice is shown once a part has been fetched.
#[test]
fn the_notices_part_that_cannot_be_fetched_is_said_and_the_notice_shown_once_fetched() {
    let (b, server) = &with_part_refused("notices", &article_path(&first_article()));
    assert_app_running(b);
    b.script(
        "localStorage.setItem('reader:hl:broken', '{\"id\": \"broken\", not json')",
        vec![],
    );
    b.reload();
    b.wait_for("[data-part]");
    assert_part_not_loaded(b, "The notices about your saved data");
    assert!(b.find_all(".notices").is_empty());
    server.refuse(None);
    let words = "Defectors are often forced into labor camps";
    select_words(b, words);
    b.wait_for(".hl-toolbar .swatch.hl-blue");
    let notice = b.text(&b.wait_for(".notices .notice p"));
    assert!(
        notice.starts_with("A stored ") && notice.contains("could not be read"),
        "{notice}"
    );
    assert!(
        b.find_all(".part-not-loaded").is_empty(),
        "the failure is still said once the notice came"
    );
}

/// The offer to continue where the reader left off is a part of its own, fetched when there is
/// first a place to offer (a first visit has none). When it cannot be fetched, the reader is
/// told, and the next return offers it.
#[test]
fn the_continue_offer_part_that_cannot_be_fetched_is_said_and_offered_on_the_next_return() {
    let page = article_path(&first_article());
    let (b, server) = &with_part_refused("continuing", &page);
    leave_at_paragraph(b, 12);
    let come_back = || {
        b.goto(&server.url("/"));
        b.wait_for(".library-item");
        b.goto(&server.url(&page));
    };
    come_back();
    assert_part_not_loaded(b, "The offer to continue where you left off");
    assert!(b.find_all(".continue").is_empty());
    server.refuse(None);
    come_back();
    let offer = b.text(&b.wait_for(".continue-button"));
    assert!(
        offer.starts_with("Continue where you left off (paragraph "),
        "{offer}"
    );
    b.click(&b.wait_for(".continue .link-button"));
    b.wait_until(
        "the offer dismissed",
        "return document.querySelector('.continue') === null",
        vec![],
    );
}

/// A returning reader's list of highlights is in the highlighting part too. When that part
/// cannot be fetched, the list and then the toolbar fail to come, and the reader is told once;
/// once the toolbar's fetch succeeds, the list is drawn as well.
#[test]
fn a_part_that_cannot_be_fetched_is_said_once_and_drawn_everywhere_once_fetched() {
    let page = article_path(&first_article());
    let words = "Defectors are often forced into labor camps";
    // A highlight made in one profile, to bring into another.
    let server = StaticServer::start(&dist_dir());
    let marks = {
        let b = Browser::start();
        b.goto(&server.url(&page));
        b.wait_for("[data-part]");
        select_words(&b, words);
        b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
        b.wait_for("#marks-tab .panel-item.highlight");
        b.script(
            "const kept = {}; for (const k of Object.keys(localStorage)) if (k.startsWith('reader:hl:')) kept[k] = localStorage.getItem(k); return kept",
            vec![],
        )
    };
    assert_eq!(marks.as_object().map(|m| m.len()), Some(1), "{marks}");
    let b = Browser::start();
    server.refuse(Some(&lazy_part("annotating")));
    b.goto(&server.url(&page));
    assert_app_running(&b);
    b.script(
        "for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v)",
        vec![marks],
    );
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_part_not_loaded(&b, "Highlighting and notes");
    show_marks(&b);
    assert_eq!(b.text(&b.wait_for("#tab-marks .tab-count")), "1");
    assert!(b.find_all("#marks-tab .panel-item").is_empty());
    // Selecting asks for the same part, and fails: still one notice.
    assert_eq!(
        b.script(
            "return document.querySelector('.part-not-loaded').dataset.failures",
            vec![]
        ),
        json!("1")
    );
    let other = "Human Rights Watch reported in September";
    select_words(&b, other);
    b.wait_until(
        "the toolbar's failure is said",
        "const n = document.querySelector('.part-not-loaded'); return !!n && n.dataset.failures === '2'",
        vec![],
    );
    assert_eq!(b.find_all(".part-not-loaded").len(), 1);
    assert_part_not_loaded(&b, "Highlighting and notes");
    assert!(b.find_all(".hl-toolbar").is_empty());
    server.refuse(None);
    b.script("window.getSelection().removeAllRanges()", vec![]);
    select_words(&b, other);
    b.wait_for(".hl-toolbar .swatch.hl-blue");
    // The list comes with the toolbar, though nothing was added to it.
    assert_eq!(
        b.text(&b.wait_for("#marks-tab .panel-item.highlight .panel-quote")),
        words
    );
    assert!(b.find_all(".part-not-loaded").is_empty());
}

#[test]
fn the_library_pages_part_that_cannot_be_fetched_is_said_and_fetched_again() {
    let (b, server) = &with_part_refused("library", "/");
    assert_eq!(
        b.text(&b.wait_for("main h1")),
        "The library could not be opened"
    );
    assert_eq!(
        b.text(&b.wait_for("main .page-lede")),
        "The library could not be loaded. If you are offline, try again once you are online."
    );
    assert!(b.find_all(".library-item").is_empty());
    server.refuse(None);
    let again = b.wait_for("main button");
    assert_eq!(b.text(&again), "Try again");
    b.click(&again);
    b.wait_for(".library-item");
    assert_eq!(b.text(&b.wait_for("main h1")), "Library");
}
