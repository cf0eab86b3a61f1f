//! Export then import into a clean profile reproduces every highlight; bad files are refused
//! with a clear message and change nothing.

use browser_tests::webdriver::Browser;
use browser_tests::{
    article_path, first_article, highlight_texts, select_words, show_marks, type_note,
    wait_until_ready_offline, App,
};
use serde_json::json;

fn export(b: &Browser, button_text: &str) -> (String, String) {
    browser_tests::download(b, button_text)
}

fn import(b: &Browser, contents: &str, name: &str) -> String {
    browser_tests::transfer_file(b, "#import-file", contents, name)
}

#[test]
fn export_then_import_into_a_clean_profile_reproduces_everything() {
    let article = first_article();
    let made = {
        let app = App::open_article(&article);
        let b = &app.browser;
        for (words, color) in [
            ("Defectors are often forced into labor camps", "yellow"),
            ("Considering that it is illegal", "blue"),
        ] {
            select_words(b, words);
            b.click(&b.wait_for(&format!(".hl-toolbar .swatch.hl-{color}")));
        }
        b.click(&b.wait_for("mark.hl-blue"));
        type_note(b, "A <b>note</b>");
        b.click(&b.wait_for("#hl-editor button.primary"));
        b.wait_for(".panel-note");
        let texts = highlight_texts(b);
        app.goto("/");
        b.wait_for(".transfer-actions");
        // Named with the day, as the browser's clock says it.
        let today = b.script("return new Date().toISOString().slice(0, 10)", vec![]);
        let today = today.as_str().unwrap();
        let (md_name, markdown) = export(b, "Export as Markdown");
        assert_eq!(md_name, format!("reader-highlights-{today}.md"));
        assert!(
            markdown.contains(&article.title)
                && markdown.contains("Defectors are often forced")
                && markdown.contains(r"A \<b\>note\</b\>"),
            "{markdown}"
        );
        let (json_name, json) = export(b, "Export as JSON (Web Annotation)");
        assert_eq!(json_name, format!("reader-annotations-{today}.json"));
        (texts, json)
    };
    let (texts, exported) = made;
    let parsed: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert!(
        exported.contains("http://www.w3.org/ns/anno.jsonld")
            && exported.contains("TextQuoteSelector")
            && exported.contains("TextPositionSelector"),
        "{parsed}"
    );

    // A new browser profile: nothing there, then the import.
    let app = App::open("/");
    let b = &app.browser;
    let report = import(b, &exported, "export.json");
    assert!(
        report.starts_with(&format!("2 highlights added to “{}”.", article.title)),
        "{report}"
    );
    app.goto(&article_path(&article));
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b), texts);
    let note = b.wait_for(".panel-note");
    assert_eq!(
        b.script("return arguments[0].textContent", vec![note.arg()]),
        json!("A <b>note</b>")
    );
    assert_eq!(
        b.script(
            "return document.querySelectorAll('.panels b').length",
            vec![]
        ),
        json!(0)
    );
    // Importing the same file again adds nothing.
    app.goto("/");
    let again = import(b, &exported, "again.json");
    assert_eq!(again, "Nothing new was added; 2 already here.");
}

#[test]
fn bad_import_files_are_refused_and_change_nothing() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".transfer-actions");
    let before = b.script("return JSON.stringify(localStorage)", vec![]);
    let report = import(b, "{ this is not json", "broken.json");
    assert!(b.find_all(".import-report.error").len() == 1, "{report}");
    // Says what it expected, in words, not the parser's message.
    assert!(
        report.starts_with("This file is not a file of annotations: it is not JSON.")
            && report.contains("Hypothesis")
            && !report.contains("line 1"),
        "{report}"
    );
    let report = import(b, "{\"type\": 5}", "wrong.json");
    assert!(b.find_all(".import-report.error").len() == 1, "{report}");
    assert!(
        report.starts_with(
            "This file is not a file of annotations: it holds a “5”, not annotations."
        ) && report.ends_with("Nothing was changed."),
        "{report}"
    );
    let big = "x".repeat(6 * 1024 * 1024);
    let report = import(b, &big, "big.json");
    assert!(report.contains("MB"), "{report}");
    assert_eq!(
        b.script("return JSON.stringify(localStorage)", vec![]),
        before
    );
}

/// A file of `n` highlights of the article `slug`, 256 characters each, that occur nowhere in it.
fn flood(slug: &str, n: usize) -> String {
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            json!({
                "type": "Annotation", "id": format!("flood-{i}"), "motivation": "highlighting",
                "created": "2026-11-01T00:00:00Z",
                "target": {"source": format!("https://elsewhere.example/articles/{slug}"),
                           "selector": [
                               {"type": "TextQuoteSelector", "exact": format!("{i:04} {}", "zq ".repeat(84))},
                               {"type": "TextPositionSelector", "start": i, "end": i + 256}]}
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// The library opened in a fresh profile and a flood of `n` highlights of the first article
/// imported into it: the app, and the import's report.
fn flooded(n: usize) -> (App, String) {
    let app = App::open("/");
    app.browser.wait_for(".transfer-actions");
    let report = import(&app.browser, &flood(&first_article().slug, n), "flood.json");
    (app, report)
}

#[test]
fn a_flood_of_highlights_is_cut_at_the_limit_and_placed_without_holding_up_the_page() {
    let article = first_article();
    let (app, report) = flooded(2001);
    let b = &app.browser;
    assert!(
        report.starts_with(&format!(
            "2000 highlights added to “{}”; 1 annotation not imported.",
            article.title
        )) && report.contains(
            "Annotation 2001 of the file: its article already has 2000 highlights, the most one article can hold."
        ),
        "{report}"
    );
    app.goto(&article_path(&article));
    b.wait_for("[data-part]");
    b.wait_until(
        "every highlight was looked for, and none placed",
        "return document.querySelectorAll('.panel-item.orphan').length === 2000",
        vec![],
    );
    assert_eq!(b.find_all("mark[data-hl]").len(), 0);
}

/// The search for highlights whose words are gone goes on in slices after the page is drawn;
/// a reader who leaves the article meanwhile stopped the app (the next slice read the left
/// page's state, gone with it).
#[test]
fn leaving_an_article_while_its_highlights_are_looked_for_keeps_the_app_running() {
    let (app, report) = flooded(2000);
    let b = &app.browser;
    assert!(report.starts_with("2000 highlights added"), "{report}");
    // The list of highlights not placed is drawn by a part of the app loaded on first use;
    // the search goes on while it loads, which in a slow engine can take longer than the whole
    // search. A first visit loads it, so that the rounds below see the search's own pace.
    b.click(&b.wait_for(".library-title a"));
    b.wait_for(".panel-item.orphan");
    b.click(&b.wait_for(".brand"));
    for round in 0..3 {
        // Into the article, and out of it from within the page as soon as the search has
        // listed its first highlights, well before it ends, however fast the engine: the page
        // watches for them before the link is followed (a look made after the driver's click
        // could come only once the whole search had run, in a slow engine), and the watcher
        // runs right after the slice that listed them, before the next slice.
        b.wait_for(".library-title a");
        let found = b.script_async(
            "const done = arguments[arguments.length - 1];
             const watcher = new MutationObserver(() => {
                 const n = document.querySelectorAll('.panel-item.orphan').length;
                 if (n > 0) {
                     watcher.disconnect();
                     document.querySelector('.brand').click();
                     done(n);
                 }
             });
             watcher.observe(document.documentElement, { childList: true, subtree: true });
             document.querySelector('.library-title a').click();",
            vec![],
        );
        let found = found.as_u64().unwrap();
        assert!(found < 2000, "round {round}: the search had ended");
        b.wait_for(".library-item");
    }
    // The app still answers: the article opens and its search runs to the end.
    b.click(&b.wait_for(".library-title a"));
    b.wait_until(
        "every highlight was looked for",
        "return document.querySelectorAll('.panel-item.orphan').length === 2000",
        vec![],
    );
    assert_eq!(
        b.script(
            "return document.documentElement.getAttribute('data-app-panic')",
            vec![]
        ),
        serde_json::Value::Null
    );
}

#[test]
fn an_export_from_one_host_attaches_to_the_same_articles_on_another_under_a_sub_path() {
    let article = first_article();
    let exported = {
        let app = App::open_article(&article);
        let b = &app.browser;
        select_words(b, "Defectors are often forced into labor camps");
        b.click(&b.wait_for(".hl-toolbar .swatch.hl-purple"));
        b.wait_for("mark.hl-purple");
        app.goto("/");
        b.wait_for(".transfer-actions");
        let (_, json) = export(b, "Export as JSON (Web Annotation)");
        // Addresses of this copy that say nothing of the article: only its identity does.
        let here = format!("{}/articles/{}/", app.server.base_url, article.slug);
        assert!(json.contains(&here), "{json}");
        json.replace(&here, "https://old-host.example/reader?page=7")
    };
    let server =
        browser_tests::server::StaticServer::start_under(&browser_tests::dist_dir(), "/reader/");
    let b = Browser::start();
    b.goto(&server.url("/"));
    b.wait_for(".transfer-actions");
    let report = import(&b, &exported, "moved.json");
    assert!(
        report.starts_with(&format!("1 highlight added to “{}”.", article.title)),
        "{report}"
    );
    b.goto(&server.url(&article_path(&article)));
    b.wait_for("mark.hl-purple");
    assert_eq!(
        highlight_texts(&b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
}

#[test]
fn a_hypothesis_search_imports_as_highlights_with_notes_and_reports_the_rest() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".transfer-actions");
    let file = std::fs::read_to_string(
        browser_tests::repo_root().join("core/tests/fixtures/hypothesis-search.json"),
    )
    .unwrap();
    let report = import(b, &file, "hypothesis.json");
    assert!(
        report.starts_with(&format!(
            "2 highlights added to “{}”; 3 annotations not imported.",
            article.title
        )),
        "{report}"
    );
    assert!(
        report.contains("a reply in a discussion of “10 North Korean Defectors")
            && report.contains("https://example.com/other-story), which is not in this library"),
        "{report}"
    );
    app.goto(&article_path(&article));
    b.wait_until(
        "both highlights are drawn",
        "return new Set([...document.querySelectorAll('mark[data-hl]')].map(m => m.dataset.hl)).size === 2",
        vec![],
    );
    assert_eq!(
        highlight_texts(b),
        vec![
            "Considering that it is illegal".to_string(),
            "Defectors are often forced into labor camps".to_string()
        ]
    );
    show_marks(b);
    let note = b.text(&b.wait_for(".panel-note"));
    assert!(
        note.starts_with("Forced labour is the standard punishment"),
        "{note}"
    );
}

/// Files of the workers (exports and imports; the extractor of the reader's own files) the
/// server was asked for.
fn worker_requests(app: &App) -> Vec<String> {
    let mut asked: Vec<String> = app
        .server
        .requests()
        .into_iter()
        .filter(|p| p.contains("/worker-") || p.contains("/extractor-"))
        .collect();
    asked.sort();
    asked.dedup();
    asked
}

#[test]
fn exports_and_imports_load_their_worker_on_first_use_and_then_work_offline() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".transfer-actions");
    wait_until_ready_offline(b);
    assert_eq!(
        worker_requests(&app),
        Vec::<String>::new(),
        "neither the first visit nor the service worker's install loads the worker"
    );

    // Its first use needs the network: without it, the reader is told, and nothing changes.
    app.server.set_offline(true);
    let button = b
        .find_all("button")
        .into_iter()
        .find(|e| b.text(e) == "Export as Markdown")
        .expect("the Markdown export button");
    b.click(&button);
    let alert = b.wait_for(".import-report.error");
    assert_eq!(
        b.text(&alert),
        "The export could not be done: the part of the app that does it could not be loaded. \
         It is loaded the first time it is used; if you are offline, try again once you are \
         online. Nothing was changed."
    );

    // Online, the next export loads it (script and module) and is made.
    app.server.set_offline(false);
    let (name, json) = export(b, "Export as JSON (Web Annotation)");
    assert!(name.starts_with("reader-annotations-"), "{name}");
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["type"], "AnnotationCollection", "{json}");
    // Its own script and module, not the extractor's (the extraction is not exports' work).
    let loaded = worker_requests(&app);
    assert!(
        loaded.len() == 2
            && loaded.iter().all(|p| p.contains("/worker-"))
            && loaded.iter().any(|p| p.ends_with(".js"))
            && loaded.iter().any(|p| p.ends_with("_bg.wasm")),
        "{loaded:?}"
    );

    // From then on it is the service worker's: offline, after a reload, it loads again and
    // works, and nothing more is asked of the server.
    app.server.set_offline(true);
    b.reload();
    b.wait_for(".transfer-actions");
    let (_, markdown) = export(b, "Export as Markdown");
    assert!(
        markdown.starts_with("# Highlights, notes and bookmarks\n\nExported "),
        "{markdown}"
    );
    let report = import(b, "[1]", "offline.json");
    assert_eq!(
        report,
        "Nothing new was added; 1 annotation not imported.\n\
         Annotation 1 of the file: it is a number, not an annotation."
    );
    assert_eq!(worker_requests(&app), loaded);
    app.server.set_offline(false);
}
