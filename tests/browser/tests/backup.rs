//! "Back up everything" in one engine, restored in another: the reader's own articles with
//! their images, highlights and notes, bookmarks and settings come back the same; restoring
//! again adds nothing; a file that is not a backup is refused and changes nothing.

use browser_tests::engine::Engine;
use browser_tests::webdriver::{keys, Browser};
use browser_tests::{
    add_file, first_article, highlight_texts, open_listed, select_words, show_marks,
    toolbar_button, type_note, App,
};
use serde_json::{json, Value};

/// A 2 × 1 PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=";
/// A 1 × 1 PNG, the body's image.
const SMALL: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

fn page() -> String {
    format!(
        r#"<!DOCTYPE html> <html lang="en"><!--
 Page saved with SingleFile
 url: https://harbour.example/stories/the-lighthouse
 saved date: Mon Nov 30 2026 -->
<head><meta charset="utf-8"><title>The lighthouse keeper</title>
<meta property="og:image" content="data:image/png;base64,{PNG}"></head>
<body><article><h1>The lighthouse keeper</h1>
<figure><img src="data:image/png;base64,{PNG}" alt="The lighthouse at dusk"><figcaption>The lighthouse, from the harbour wall.</figcaption></figure>
<p>For thirty years the keeper climbed the hundred and twelve steps twice a day, in every weather the coast could offer.</p>
<figure><img src="data:image/png;base64,{SMALL}" alt="The log book"><figcaption>The log, open at 1961.</figcaption></figure>
<p>He kept a log of ships, storms and visitors, and in all that time he missed only one entry, on the night his daughter was born.</p>
</article></body></html>"#
    )
}

const MARKDOWN: &str = "# Field notes from the delta\n\nThe tide came in *twice* before noon, which the fishermen said was a sign of an early spring.\n";

/// Restores the backup `contents` through "Restore a backup…"; the report shown, its headline
/// then its folded details line by line.
fn restore(b: &Browser, contents: &str, name: &str) -> String {
    browser_tests::transfer_file(b, "#restore-file", contents, name)
}

/// Backs up and returns the file's name and content, and what the page said.
fn back_up(b: &Browser) -> (String, Value, String) {
    let (name, text) = browser_tests::download(b, "Back up everything");
    b.wait_until(
        "the backup's report is shown",
        "const r = document.querySelector('.import-report'); return !!r && r.textContent.startsWith('Backup downloaded')",
        vec![],
    );
    let said = b.text(&b.wait_for(".import-report > p"));
    (
        name,
        serde_json::from_str(&text).expect("the backup is JSON"),
        said,
    )
}

/// What a backup holds that must come back the same: settings, records, articles (when
/// it was made aside).
fn held(file: &Value) -> Value {
    // Reading positions aside: reading there (scrolling) may move one on.
    let mut records: Vec<Value> = file["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r[0].as_str().unwrap().starts_with("reader:pos:"))
        .cloned()
        .collect();
    records.sort_by_key(|r| r[0].as_str().unwrap().to_string());
    let mut articles = file["articles"].as_array().unwrap().clone();
    articles.sort_by_key(|a| a["article"]["slug"].as_str().unwrap().to_string());
    json!({ "settings": file["settings"], "records": records, "articles": articles })
}

/// Checks, in `b`, the library a backup restored: both articles listed, the image shown from
/// the browser's store, the highlight and its note, the bookmarked paragraph, the bundled
/// article's highlight, the dark theme.
fn check_restored(app: &App, b: &Browser, bundled: &str) {
    app_goto(app, b, "/");
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "both of the reader's articles are listed",
        "return document.querySelectorAll('.own-badge').length === 2",
        vec![],
    );
    open_listed(b, "The lighthouse keeper");
    b.wait_until(
        "the lead image is shown from the browser's store",
        "const img = document.querySelector('.article-figure img'); return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 2",
        vec![],
    );
    b.wait_until(
        "the body's image is shown from the browser's store",
        "const img = document.querySelector('.article-body figure img'); return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 1 && img.alt === 'The log book'",
        vec![],
    );
    b.wait_for("mark[data-hl]");
    assert_eq!(
        highlight_texts(b),
        vec!["climbed the hundred and twelve steps".to_string()]
    );
    // The list beside the story is drawn by the highlighting part, fetched as the app starts.
    b.wait_for(".panel-note");
    assert_eq!(
        b.script(
            "return document.querySelector('.panel-note').textContent",
            vec![]
        ),
        json!("Counted them <b>twice</b>")
    );
    show_marks(b);
    assert_eq!(
        b.script(
            "return [...document.querySelectorAll('.panel-item.bookmark .panel-quote')].map(e => e.textContent)",
            vec![]
        ),
        json!(["He kept a log of ships, storms and visitors, and in all that time he missed only one entry, on the night his daughter was born."])
    );
    assert_eq!(
        b.script("return document.documentElement.dataset.theme", vec![]),
        json!("dark")
    );
    app_goto(app, b, &browser_tests::article_path(&first_article()));
    b.wait_for("mark[data-hl]");
    assert_eq!(highlight_texts(b), vec![bundled.to_string()]);
}

fn app_goto(app: &App, b: &Browser, path: &str) {
    b.goto(&app.server.url(path));
}

#[test]
fn a_backup_made_in_one_engine_restores_everything_in_another() {
    let bundled = "Defectors are often forced into labor camps";
    let app = App::open("/");
    let b = &app.browser;
    assert_eq!(
        add_file(b, "lighthouse.html", &page()),
        vec!["lighthouse.html: Added as The lighthouse keeper"]
    );
    assert_eq!(
        add_file(b, "delta.md", MARKDOWN),
        vec!["delta.md: Added as Field notes from the delta"]
    );
    // A highlight with a note and a bookmark on the reader's article; the dark theme.
    open_listed(b, "The lighthouse keeper");
    b.wait_for("[data-part]");
    select_words(b, "climbed the hundred and twelve steps");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.click(&b.wait_for("mark.hl-yellow"));
    type_note(b, "Counted them <b>twice</b>");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.wait_for(".panel-note");
    b.click(&b.wait_for("#hl-editor .modal-close"));
    b.wait_until(
        "the highlight editor has closed",
        "return !document.querySelector('#hl-editor[open]')",
        vec![],
    );
    select_words(b, "He kept a log of ships");
    let bookmark = toolbar_button(b, "Bookmark");
    b.click(&bookmark);
    show_marks(b);
    b.wait_for(".panel-item.bookmark .panel-jump");
    b.click(&b.find_all(".nav-button")[1]);
    b.click(&b.wait_for("#settings-dialog[open] input[value=dark]"));
    b.press_key(keys::ESCAPE);
    // A highlight on the bundled article.
    app_goto(&app, b, &browser_tests::article_path(&first_article()));
    b.wait_for("[data-part]");
    select_words(b, bundled);
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    b.wait_for("mark.hl-blue");

    app_goto(&app, b, "/");
    b.wait_for(".transfer-actions");
    let today = b.script("return new Date().toISOString().slice(0, 10)", vec![]);
    let (name, made, said) = back_up(b);
    assert_eq!(
        name,
        format!("reader-backup-{}.json", today.as_str().unwrap())
    );
    let records = made["records"].as_array().unwrap().len();
    assert_eq!(
        said,
        format!(
            "Backup downloaded: your settings, 2 articles you added and {records} annotations."
        )
    );
    assert_eq!(
        (made["format"].clone(), made["version"].clone()),
        (json!("reader-backup"), json!(1))
    );
    assert_eq!(made["settings"]["theme"], json!("dark"));
    let images: Vec<Value> = made["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["image"].clone())
        .collect();
    assert!(
        images.contains(&json!(format!("data:image/png;base64,{PNG}")))
            && images.contains(&Value::Null),
        "{images:?}"
    );
    let figures: Vec<Value> = made["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["figures"].clone())
        .collect();
    assert!(
        figures.contains(&json!([format!("data:image/png;base64,{SMALL}")])),
        "{figures:?}"
    );
    drop(app.browser);

    // Another engine, an empty profile: everything back, the same.
    let partner = Browser::start_engine(Engine::from_env().partner(), true);
    let there = App {
        browser: partner,
        server: app.server,
    };
    let p = &there.browser;
    app_goto(&there, p, "/");
    let report = restore(p, &serde_json::to_string(&made).unwrap(), "backup.json");
    let (when, what) = report
        .split_once(" restored. ")
        .expect("a restore's report");
    assert!(when.starts_with("Backup of "), "{report}");
    // A reading position is kept when scrolling settles on a paragraph, which the steps above
    // may or may not have caused: the report names those the backup holds.
    let has_position = |slug: &str| {
        made["records"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r[0] == json!(format!("reader:pos:{slug}")))
    };
    let own_slug = made["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"]["title"] == json!("The lighthouse keeper"))
        .map(|a| a["article"]["slug"].as_str().unwrap().to_string())
        .unwrap();
    let own_part = if has_position(&own_slug) {
        "1 highlight, 1 bookmark and 1 reading position"
    } else {
        "1 highlight and 1 bookmark"
    };
    let bundled_part = if has_position(&first_article().slug) {
        "1 highlight and 1 reading position"
    } else {
        "1 highlight"
    };
    assert_eq!(
        what,
        format!(
            "Your articles: 2 added. Annotations: {own_part} added to “The lighthouse keeper”; {bundled_part} added to “{}”. Settings restored.",
            first_article().title
        )
    );
    check_restored(&there, p, bundled);
    // Backed up there, the same library.
    app_goto(&there, p, "/");
    let (_, again, _) = back_up(p);
    assert_eq!(held(&again), held(&made));

    // Restored again: nothing added twice.
    app_goto(&there, p, "/");
    let report = restore(p, &serde_json::to_string(&again).unwrap(), "again.json");
    let made_at = again["made"].as_str().unwrap();
    let records = again["records"].as_array().unwrap().len();
    assert!(report.starts_with("Backup of "), "{report}");
    assert!(
        report.ends_with(&format!(
            " restored. Your articles: 2 already here. Annotations: Nothing new was added; {records} already here. Settings restored."
        )),
        "{report} ({made_at})"
    );

    // Not a backup: refused, nothing changed.
    let report = restore(p, "[{\"type\": \"Annotation\"}]", "annotations.json");
    assert_eq!(
        report,
        "This file is not a backup of this app (a file of annotations is imported with “Import JSON…”). Nothing was changed."
    );
    let report = restore(
        p,
        "{\"format\": \"reader-backup\", \"version\": 9}",
        "newer.json",
    );
    assert_eq!(
        report,
        "This backup was made by a newer version of this app (backup format 9); reload the app to update it, then restore again. Nothing was changed."
    );
}

/// An article added before its links to places in the saved page were resolved keeps that
/// page's own names for them (`#notes`), which nothing on the app's page bears: restored from
/// a backup of that time, such a link leads to the place in the page it was saved from.
#[test]
fn an_older_articles_link_to_a_place_in_its_page_leads_to_the_saved_page() {
    let app = App::open("/");
    let b = &app.browser;
    assert_eq!(
        add_file(b, "lighthouse.html", &page()),
        vec!["lighthouse.html: Added as The lighthouse keeper"]
    );
    app_goto(&app, b, "/");
    b.wait_for(".transfer-actions");
    let (_, mut made, _) = back_up(b);
    drop(app.browser);
    // The paragraph's words as an older version kept them: a link to `#notes`.
    let blocks = made["articles"][0]["article"]["blocks"]
        .as_array_mut()
        .unwrap();
    let runs = blocks
        .iter_mut()
        .map(|block| &mut block["runs"])
        .find(|runs| {
            runs[0]["text"]
                .as_str()
                .unwrap()
                .starts_with("For thirty years")
        })
        .expect("the first paragraph");
    runs[0]["link"] = json!("#notes");

    // An empty profile: the backup restored, the article opened.
    let there = App {
        browser: Browser::start(),
        server: app.server,
    };
    let p = &there.browser;
    app_goto(&there, p, "/");
    let report = restore(p, &serde_json::to_string(&made).unwrap(), "backup.json");
    assert!(
        report.ends_with("Your article: 1 added. Settings restored."),
        "{report}"
    );
    app_goto(&there, p, "/");
    open_own(p);
    let link = p.wait_for(".article-body a");
    assert_eq!(
        p.text(&link),
        "For thirty years the keeper climbed the hundred and twelve steps twice a day, in every weather the coast could offer."
    );
    assert_eq!(
        p.script(
            "return document.querySelector('.article-body a').getAttribute('href')",
            vec![]
        ),
        json!("https://harbour.example/stories/the-lighthouse#notes")
    );
}

/// Opens the reader's article from the library.
fn open_own(b: &Browser) {
    b.click(&b.wait_for("#only-own"));
    open_listed(b, "The lighthouse keeper");
    b.wait_for("[data-part]");
}

/// A store a newer version of the app wrote is read-only here: restoring a backup into it adds
/// the articles and takes the settings, and says the annotations were not restored and why
/// (not that none "could be saved"); nothing of the annotations is written.
#[test]
fn restoring_into_a_store_a_newer_version_wrote_restores_all_but_the_annotations() {
    let app = App::open("/");
    let b = &app.browser;
    assert_eq!(
        add_file(b, "delta.md", MARKDOWN),
        vec!["delta.md: Added as Field notes from the delta"]
    );
    open_listed(b, "Field notes from the delta");
    b.wait_for("[data-part]");
    select_words(b, "which the fishermen said");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_for("mark.hl-yellow");
    app_goto(&app, b, "/");
    b.wait_for(".transfer-actions");
    let (_, backup, _) = back_up(b);

    // The highlight goes, and a newer version marks the store as its own.
    b.script(
        "for (const k of Object.keys(localStorage)) if (k.startsWith('reader:hl:')) localStorage.removeItem(k); localStorage.setItem('reader:meta', JSON.stringify({version: 99}))",
        vec![],
    );
    b.reload();
    b.wait_for(".transfer-actions");
    let highlights =
        "return Object.keys(localStorage).filter(k => k.startsWith('reader:hl:')).length";
    assert_eq!(b.script(highlights, vec![]), json!(0));
    let report = restore(b, &serde_json::to_string(&backup).unwrap(), "backup.json");
    assert!(report.starts_with("Backup of "), "{report}");
    assert!(
        report.ends_with(
            " restored. Your article: 1 already here. Annotations not restored: Your annotations were saved by a newer version of this app (storage version 99; this one knows up to version 3). They are shown read-only so nothing the newer version saved is changed. Reload the page to get the newer version, then you can edit them again. Nothing was imported. Settings restored."
        ),
        "{report}"
    );
    assert_eq!(b.script(highlights, vec![]), json!(0));
}
