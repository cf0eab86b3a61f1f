//! Readers add their own articles (a saved page, a Markdown file, pasted text), read them
//! offline once the server is gone, and highlight them; nothing of a saved page runs.

use browser_tests::{
    add_file, back_to_the_app, hear, highlight_texts, leave_for_another_page, library_titles,
    library_with, notices_shown, open_listed, replace_with_copy, results_after, select_words,
    undo_replace, wait_for_stored_image, wait_said, wait_until_ready_offline, App,
};

const PAGE: &str = r#"<!DOCTYPE html>
<!-- saved from url=(0040)https://river.example/news/a-night-crossing -->
<html lang="en"><head><meta charset="utf-8"><title>A night crossing | River News</title>
<meta property="og:site_name" content="River News"><meta name="author" content="Mira Holt">
<meta property="og:image" content="https://river.example/boat.jpg">
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<base href="https://evil.example/">
<script>window.pageScriptRan = true;</script></head>
<body onload="window.pageScriptRan = true"><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A night crossing</h1>
<p>The boat left the northern bank a little after midnight, carrying eleven people and no lights.</p>
<p>Nobody spoke during the crossing; the ferryman steered by the sound of the water on the stones.</p>
<p>On the southern bank a truck was waiting <img src="x" onerror="window.pageScriptRan = true">, its engine already running.
<a href="javascript:window.pageScriptRan = true">Read more</a></p>
<svg><script>window.pageScriptRan = true</script></svg>
<iframe src="https://evil.example/frame"></iframe>
</article><footer>Share this · Subscribe · Comments (3)</footer></body></html>"#;

const MARKDOWN: &str = "# Field notes from the delta\n\nThe tide came in *twice* before noon, which the fishermen said was a sign of an early spring.\n\n## The second day\n\n- herons on the flats\n- a heron's nest in the reeds\n";

const PASTED: &str = "Letter to a friend\n\nI am writing from the station café, where the trains are late and the coffee is strong.\n\nTell me about the garden when you write back.";

#[test]
fn readers_add_a_page_markdown_and_pasted_text_and_read_and_highlight_them_offline() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    wait_until_ready_offline(b);

    assert_eq!(
        add_file(b, "a-night-crossing.html", PAGE),
        vec!["a-night-crossing.html: Added as A night crossing"]
    );
    assert_eq!(
        add_file(b, "delta.md", MARKDOWN),
        vec!["delta.md: Added as Field notes from the delta"]
    );
    // As a paste puts it in (WebKitWebDriver types no line breaks into a text area).
    b.script(
        "const t = document.querySelector('#add-paste'); t.value = arguments[0]; t.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));",
        vec![serde_json::json!(PASTED)],
    );
    b.click(&b.wait_for("#add-pasted"));
    assert_eq!(
        results_after(b, 1),
        vec!["Pasted text.txt: Added as Letter to a friend"]
    );
    // The same text again is already there, not a second article.
    assert_eq!(
        add_file(b, "again.txt", PASTED),
        vec!["again.txt: Already in your library as Letter to a friend"]
    );
    // Not an article: refused with the reason, nothing added.
    assert_eq!(
        add_file(b, "empty.txt", " \n\n "),
        vec!["empty.txt: Not added: it holds no text"]
    );

    // Listed, most recently added first, marked, and counted with the bundled one.
    b.click(&b.wait_for("#only-own"));
    let titles = library_titles(b);
    assert_eq!(
        titles,
        serde_json::json!([
            "Letter to a friend",
            "Field notes from the delta",
            "A night crossing"
        ])
    );
    assert_eq!(b.find_all(".own-badge").len(), 3);
    assert_eq!(b.text(&b.wait_for(".page-lede")), "4 articles.");

    // Offline: the server is gone; the saved page's article opens from the browser's store.
    app.server.set_offline(true);
    open_listed(b, "A night crossing");
    b.wait_for("[data-part]");
    assert_eq!(b.text(&b.wait_for("h1")), "A night crossing");
    assert_eq!(b.text(&b.wait_for(".byline")), "By Mira Holt");
    assert_eq!(
        b.script(
            "return document.querySelector('.article-kicker').textContent",
            vec![]
        ),
        serde_json::json!("River News")
    );
    let body = b.text(&b.wait_for(".article-body"));
    assert!(
        body.contains("a truck was waiting , its engine already running. Read more"),
        "{body}"
    );
    for clutter in ["Home", "Subscribe", "Comments"] {
        assert!(!body.contains(clutter), "{clutter} in {body}");
    }
    assert_eq!(
        b.find_all(".article-body a, .article-body img, .article-body iframe, .article-body svg")
            .len(),
        0,
        "no link of the page was safe, and no element of it is drawn"
    );

    // The lead image was on the web: not fetched, its words shown in its place.
    assert_eq!(
        b.text(&b.wait_for(".figure-fallback-title")),
        "The image was not saved with the page."
    );
    assert_eq!(b.find_all(".article-figure img").len(), 0);
    assert_eq!(
        b.script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
            vec![]
        ),
        serde_json::json!([]),
        "no request leaves the origin"
    );

    // Highlighted, and found again after a reload (offline still).
    select_words(b, "the ferryman steered by the sound of the water");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_for("mark.hl-yellow");
    b.reload();
    b.wait_until(
        "the highlight is drawn again after the reload",
        "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join('') === 'the ferryman steered by the sound of the water'",
        vec![],
    );
    assert_eq!(
        b.script("return window.pageScriptRan === undefined", vec![]),
        serde_json::json!(true),
        "nothing of the saved page ran"
    );

    // Adding was the extractor's work alone (the exports' worker was never loaded), and it
    // was cached on that first use: offline, another file is added.
    let asked = |prefix: &str| {
        app.server
            .requests()
            .iter()
            .filter(|p| p.contains(prefix))
            .count()
    };
    assert!(asked("/extractor-") >= 2, "its script and module");
    assert_eq!(asked("/worker-"), 0);
    app.goto("/");
    assert_eq!(
        add_file(
            b,
            "offline.md",
            "# Written offline\n\nA note added with no network at all.\n"
        ),
        vec!["offline.md: Added as Written offline"]
    );

    // Deleted after a confirmation naming its highlight, then put back with Undo.
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the reader's articles are listed",
        "return document.querySelectorAll('.delete-own').length === 4",
        vec![],
    );
    let delete = b
        .find_all(".delete-own")
        .into_iter()
        .find(|d| {
            b.script(
                "return arguments[0].getAttribute('aria-label')",
                vec![d.arg()],
            ) == serde_json::json!("Delete “A night crossing”")
        })
        .expect("a Delete button for the article");
    b.click(&delete);
    assert_eq!(
        b.text(&b.wait_for(".delete-confirm")),
        "Delete “A night crossing” and its 1 highlight? Delete Keep"
    );
    b.click(&b.wait_for(".confirm-delete"));
    b.wait_until(
        "the article is gone from the list",
        "return document.querySelectorAll('.own-badge').length === 3 && !!document.querySelector('.undo-bar')",
        vec![],
    );
    assert_eq!(
        b.text(&b.wait_for(".undo-bar span")),
        "“A night crossing” deleted."
    );
    b.click(&b.wait_for(".undo-button"));
    b.wait_until(
        "the article is back",
        "return [...document.querySelectorAll('.library-title')].some(t => t.textContent === 'A night crossing')",
        vec![],
    );
    open_listed(b, "A night crossing");
    b.wait_until(
        "its highlight is back with it",
        "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join('') === 'the ferryman steered by the sound of the water'",
        vec![],
    );
}

fn from_hex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// Files in legacy encodings are read as browsers read them: a Shift_JIS page by its declared
/// charset, an unlabelled Windows-1252 text file by the fallback (the worker uses the browser's
/// own decoders); a right-to-left page is shown right to left, in its language.
#[test]
fn pages_and_texts_in_legacy_encodings_and_right_to_left_are_read_as_written() {
    // "川の夜" and "夜の川を渡る舟には十一人が乗っていた。誰も話さなかった。" in Shift_JIS.
    let title = from_hex("90ec82cc96e9");
    let sentence = from_hex("96e982cc90ec82f0936e82e98f4d82c982cd8f5c88ea906c82aa8fe682c182c482a282bd8142924e82e0986282b382c882a982c182bd8142");
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><title>".to_vec();
    page.extend(&title);
    page.extend(b"</title></head><body><article><h1>");
    page.extend(&title);
    page.extend(b"</h1>");
    for _ in 0..3 {
        page.extend(b"<p>");
        for _ in 0..3 {
            page.extend(&sentence);
        }
        page.extend(b"</p>");
    }
    page.extend(b"</article></body></html>");
    // A right-to-left page: shown right to left, in its language.
    let sentence = "הסירה יצאה מהגדה הצפונית מעט אחרי חצות, ועליה אחד עשר אנשים וללא אורות. ";
    let hebrew = format!(
        "<html lang=\"he\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>מעבר לילי</title></head><body><article><h1>מעבר לילי</h1><p>{}</p><p>{}</p></article></body></html>",
        sentence.repeat(3),
        sentence.repeat(2)
    )
    .into_bytes();
    let latin =
        b"Caf\xe9 notes\n\nA na\xefve \x96 but honest \x96 review of the caf\xe9 on the corner."
            .to_vec();

    let app = App::open("/");
    let b = &app.browser;
    let dir = std::env::temp_dir().join(format!("reader-own-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, said) in [
        ("kawa.html", &page, "kawa.html: Added as 川の夜"),
        ("cafe.txt", &latin, "cafe.txt: Added as Café notes"),
        ("laila.html", &hebrew, "laila.html: Added as מעבר לילי"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        b.choose_files("#add-files", path.to_str().unwrap());
        assert_eq!(results_after(b, 1), vec![said]);
    }
    open_listed(b, "川の夜");
    b.wait_for("[data-part]");
    let body = b.text(&b.wait_for(".article-body"));
    assert!(
        body.starts_with("夜の川を渡る舟には十一人が乗っていた。誰も話さなかった。"),
        "{body}"
    );
    app.goto("/");
    open_listed(b, "Café notes");
    b.wait_for("[data-part]");
    assert_eq!(
        b.text(&b.wait_for(".article-body")),
        "A naïve – but honest – review of the café on the corner."
    );
    app.goto("/");
    open_listed(b, "מעבר לילי");
    b.wait_for("[data-part]");
    assert_eq!(
        b.script(
            "const a = document.querySelector('article.article'); return [a.lang, a.dir, getComputedStyle(document.querySelector('.article-body p')).direction]",
            vec![]
        ),
        serde_json::json!(["he", "rtl", "rtl"])
    );
}

/// A page saved by SingleFile holds its images as `data:` URLs: the lead image and those of
/// the body are kept with the article (in the browser's store) and shown through object URLs,
/// offline too; an image on the web is never fetched, its words are shown in its place; a
/// caption is highlighted like any text.
#[test]
fn a_saved_pages_images_are_kept_and_shown_with_their_captions_offline() {
    // A 2 × 1 PNG, and a 1 × 1 one.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=";
    let small = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let page = format!(
        r#"<!DOCTYPE html> <html lang="en"><!--
 Page saved with SingleFile
 url: https://harbour.example/stories/the-lighthouse
 saved date: Mon Nov 30 2026 -->
<head><meta charset="utf-8"><title>The lighthouse keeper</title>
<meta property="og:image" content="data:image/png;base64,{png}"></head>
<body><article><h1>The lighthouse keeper</h1>
<figure><img src="data:image/png;base64,{png}" alt="The lighthouse at dusk"><figcaption>The lighthouse, from the harbour wall.</figcaption></figure>
<p>For thirty years the keeper climbed the hundred and twelve steps twice a day, in every weather the coast could offer.</p>
<figure><img src="data:image/png;base64,{small}" alt="The log book, open"><figcaption>The log, open at the <em>winter</em> of 1961.</figcaption></figure>
<p>He kept a log of ships, storms and visitors, and in all that time he missed only one entry, on the night his daughter was born.</p>
<p><a href="https://harbour.example/map-large.jpg"><img src="https://harbour.example/map.jpg" srcset="https://harbour.example/map-2x.jpg 2x" alt="A map of the coast"></a></p>
</article></body></html>"#
    );
    let app = App::open("/");
    let b = &app.browser;
    wait_until_ready_offline(b);
    assert_eq!(
        add_file(b, "lighthouse.html", &page),
        vec!["lighthouse.html: Added as The lighthouse keeper"]
    );
    app.server.set_offline(true);
    open_listed(b, "The lighthouse keeper");
    for _ in 0..2 {
        wait_for_stored_image(
            b,
            "the lead image is shown from the browser's store",
            ".article-figure img",
            2,
        );
        let figure = b.script(
            "const f = document.querySelector('.article-figure'); return [f.querySelector('img').alt, f.querySelector('.caption').textContent, !!f.querySelector('.credit')]",
            vec![],
        );
        assert_eq!(
            figure,
            serde_json::json!([
                "The lighthouse at dusk",
                "The lighthouse, from the harbour wall.",
                false
            ])
        );
        // The caption is the figure's, not a paragraph of the story.
        assert!(!b
            .text(&b.wait_for(".article-body"))
            .contains("from the harbour wall"));
        // The body's image, in its place in the text, with its caption; the one on the web
        // is its words.
        wait_for_stored_image(
            b,
            "the body's image is shown from the browser's store",
            ".article-body figure img",
            1,
        );
        let figures = b.script(
            "return [...document.querySelectorAll('.article-body > figure')].map(f => [f.id, f.querySelector('img')?.alt ?? null, f.querySelector('.figure-fallback')?.textContent ?? null, f.querySelector('figcaption')?.textContent ?? null])",
            vec![],
        );
        assert_eq!(
            figures,
            serde_json::json!([
                [
                    "p-1",
                    "The log book, open",
                    null,
                    "The log, open at the winter of 1961."
                ],
                [
                    "p-3",
                    null,
                    "The image was not saved with the page.A map of the coast",
                    null
                ]
            ])
        );
        assert_eq!(b.find_all(".article-body img").len(), 1);
        assert_eq!(
            b.script(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin) && !n.startsWith('blob:'))",
                vec![]
            ),
            serde_json::json!([]),
            "no request leaves the origin"
        );
        // A caption's words are highlighted like the story's (once; found after the reload).
        if highlight_texts(b).is_empty() {
            select_words(b, "open at the winter of 1961");
            b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
        }
        b.wait_until(
            "the caption's highlight is drawn",
            "return [...document.querySelectorAll('figcaption mark.hl-yellow')].map(m => m.textContent).join('') === 'open at the winter of 1961'",
            vec![],
        );
        // And again after a reload, offline.
        b.reload();
        b.wait_for("[data-part]");
    }
}

/// A page saved as "Web page, complete" keeps its images in a folder beside it: given with the
/// page, they are kept with the article (matched by their addresses in the page, made absolute
/// from where it was saved) and shown offline; a file named as an image that is not one, or an
/// image over 20 MB, is not kept, and an image no file shows is not added, each saying so.
#[test]
fn images_given_with_a_page_saved_complete_are_kept_with_it() {
    use browser_tests::webdriver::decode_base64;
    // A 2 × 1 PNG, and a 1 × 1 one.
    let wide = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=";
    let small = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let page = r#"<!DOCTYPE html>
<!-- saved from url=(0049)https://harbour.example/stories/the-harbour-wall -->
<html lang="en"><head><meta charset="utf-8"><title>The harbour wall</title>
<meta property="og:image" content="./The%20harbour%20wall_files/wide.png"></head>
<body><article><h1>The harbour wall</h1>
<figure><img src="./The%20harbour%20wall_files/wide.png" alt="The wall at high tide"><figcaption>The wall, from the water.</figcaption></figure>
<p>The wall was built in four summers by men who came from every village on the coast, and it has stood for a century.</p>
<figure><img src="./The%20harbour%20wall_files/small.png" alt="A stone of the wall"><figcaption>One of its stones, marked by its mason.</figcaption></figure>
<p>Each mason cut his mark into the stones he laid, and the marks can still be read at low tide.</p>
<figure><img src="./The%20harbour%20wall_files/track.gif" alt="A boat by the wall"><figcaption>A boat moored by the wall.</figcaption></figure>
<p>The boats that shelter behind it now are fewer than they were, but the wall is kept in good repair.</p>
<figure><img src="./The%20harbour%20wall_files/huge.png" alt="The wall from the air"><figcaption>The wall from the air, in full.</figcaption></figure>
<p>Seen from the air, the wall is a long curve of stone, thicker at its root than at its head.</p>
</article></body></html>"#;
    let dir = std::env::temp_dir().join(format!("reader-complete-{}", std::process::id()));
    let files = dir.join("The harbour wall_files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(dir.join("The harbour wall.html"), page).unwrap();
    std::fs::write(files.join("wide.png"), decode_base64(wide)).unwrap();
    std::fs::write(files.join("small.png"), decode_base64(small)).unwrap();
    // Named as an image, holding a page.
    std::fs::write(files.join("track.gif"), "<script>alert(1)</script>").unwrap();
    std::fs::write(dir.join("stray.png"), decode_base64(small)).unwrap();
    // A PNG over the 20 MB an image may weigh: not read, not kept.
    let mut huge = decode_base64(wide);
    huge.resize(21 * 1024 * 1024, 0);
    std::fs::write(files.join("huge.png"), huge).unwrap();
    let paths = [
        dir.join("The harbour wall.html"),
        files.join("wide.png"),
        files.join("small.png"),
        files.join("track.gif"),
        files.join("huge.png"),
        dir.join("stray.png"),
    ]
    .map(|p| p.to_str().unwrap().to_string())
    .join("\n");

    let app = App::open("/");
    let b = &app.browser;
    wait_until_ready_offline(b);
    b.choose_files("#add-files", &paths);
    assert_eq!(
        results_after(b, 6),
        vec![
            "The harbour wall.html: Added as The harbour wall",
            "wide.png: Shown in The harbour wall",
            "small.png: Shown in The harbour wall",
            "track.gif: Not added: it is not an image the app keeps (a JPEG, PNG, GIF, WebP or AVIF file of up to 20 MB; an SVG can hold scripts)",
            "huge.png: Not added: it is not an image the app keeps (a JPEG, PNG, GIF, WebP or AVIF file of up to 20 MB; an SVG can hold scripts)",
            "stray.png: Not added: an image is kept with the saved page or Markdown file that shows it, and none of the files added with it does",
        ]
    );
    b.wait_until(
        "the summary counts the images kept",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.textContent === 'Added 1 of 1 file, with 2 images.')",
        vec![],
    );
    app.server.set_offline(true);
    open_listed(b, "The harbour wall");
    for _ in 0..2 {
        wait_for_stored_image(
            b,
            "the lead image is shown from the browser's store",
            ".article-figure img",
            2,
        );
        wait_for_stored_image(
            b,
            "the body's image is shown from the browser's store",
            ".article-body figure img",
            1,
        );
        let figures = b.script(
            "return [...document.querySelectorAll('.article-body > figure')].map(f => [f.querySelector('img')?.alt ?? null, f.querySelector('.figure-fallback')?.textContent ?? null, f.querySelector('figcaption')?.textContent ?? null])",
            vec![],
        );
        assert_eq!(
            figures,
            serde_json::json!([
                [
                    "A stone of the wall",
                    null,
                    "One of its stones, marked by its mason."
                ],
                [
                    null,
                    "The image was not saved with the page.A boat by the wall",
                    "A boat moored by the wall."
                ],
                [
                    null,
                    "The image was not saved with the page.The wall from the air",
                    "The wall from the air, in full."
                ]
            ])
        );
        b.reload();
        b.wait_for("[data-part]");
    }
}

/// A saved copy of the harbour page (its address is always the same): its `title`, how long
/// the wall `said` it has stood, and the image it shows (`image`, from its folder).
fn harbour_page(title: &str, said: &str, image: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<!-- saved from url=(0049)https://harbour.example/stories/the-harbour-wall -->
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1>
<p>The wall was built in four summers by men who came from every village on the coast, and it has stood {said}.</p>
<figure><img src="./{image}" alt="A stone of the wall"><figcaption>One of its stones, marked by its mason.</figcaption></figure>
<p>Each mason cut his mark into the stones he laid, and the marks can still be read at low tide.</p>
</article></body></html>"#
    )
}

/// Two copies of a page chosen at once, each with its image: the first is added, the second
/// offered as a newer copy. Replacing and Undo move the newer copy's image only: the earlier
/// copy's image line stays as it was (before, Undo said it too was "Kept with the newer copy",
/// and Replace said it was shown in the newer copy, which does not show it).
#[test]
fn replacing_with_a_copy_and_undo_move_only_that_copys_images() {
    use browser_tests::webdriver::decode_base64;
    let small = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let dir = std::env::temp_dir().join(format!("reader-two-copies-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pages = [
        (
            "Harbour.html",
            harbour_page(
                "The harbour wall",
                "for a century",
                "Harbour_files/early.png",
            ),
        ),
        (
            "Harbour (2).html",
            harbour_page(
                "The harbour wall, repaired",
                "for a century and ten years",
                "Harbour (2)_files/late.png",
            ),
        ),
    ];
    let mut paths = Vec::new();
    for (name, html) in pages {
        std::fs::write(dir.join(name), html).unwrap();
        paths.push(dir.join(name));
    }
    for image in ["early.png", "late.png"] {
        std::fs::write(dir.join(image), decode_base64(small)).unwrap();
        paths.push(dir.join(image));
    }
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_str().unwrap().to_string())
        .collect();
    b.choose_files("#add-files", &paths.join("\n"));
    let offered = vec![
        "Harbour.html: Added as The harbour wall",
        "Harbour (2).html: Already in your library, with other text, as The harbour wallReplace it with this copyKeep both",
        "early.png: Shown in The harbour wall",
        "late.png: Kept with the newer copy of The harbour wall",
    ];
    assert_eq!(results_after(b, 4), offered);
    replace_with_copy(b);
    assert_eq!(
        results_after(b, 4),
        vec![
            "Harbour.html: Added as The harbour wall",
            "Harbour (2).html: Replaced the text of The harbour wall, repaired",
            "early.png: Shown in The harbour wall",
            "late.png: Shown in The harbour wall, repaired",
        ]
    );
    undo_replace(b);
    assert_eq!(results_after(b, 4), offered);
}

/// The images given with a newer copy of a page go with that copy: said so, shown in the
/// article once the copy replaces its text, with the copy again when Undo puts the earlier
/// text back, and shown in the new article when the copy is kept beside the earlier one.
#[test]
fn images_given_with_a_newer_copy_are_shown_once_it_replaces_the_article() {
    use browser_tests::webdriver::decode_base64;
    let small = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let page = |title: &str, said: &str| harbour_page(title, said, "Harbour_files/small.png");
    let give = |b: &browser_tests::webdriver::Browser, n: u32, html: String| {
        let dir = std::env::temp_dir().join(format!("reader-copy-{}-{n}", std::process::id()));
        let files = dir.join("Harbour_files");
        std::fs::create_dir_all(&files).unwrap();
        std::fs::write(dir.join("Harbour.html"), html).unwrap();
        std::fs::write(files.join("small.png"), decode_base64(small)).unwrap();
        let paths = [dir.join("Harbour.html"), files.join("small.png")]
            .map(|p| p.to_str().unwrap().to_string())
            .join("\n");
        b.choose_files("#add-files", &paths);
    };
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    give(b, 1, page("The harbour wall", "for a century"));
    assert_eq!(
        results_after(b, 2),
        vec![
            "Harbour.html: Added as The harbour wall",
            "small.png: Shown in The harbour wall"
        ]
    );
    give(
        b,
        2,
        page("The harbour wall, repaired", "for a century and ten years"),
    );
    let offered = vec![
        "Harbour.html: Already in your library, with other text, as The harbour wallReplace it with this copyKeep both",
        "small.png: Kept with the newer copy of The harbour wall",
    ];
    b.wait_until(
        "the newer copy is offered",
        "return !!document.querySelector('.add-replace')",
        vec![],
    );
    assert_eq!(results_after(b, 2), offered);
    replace_with_copy(b);
    assert_eq!(
        results_after(b, 2),
        vec![
            "Harbour.html: Replaced the text of The harbour wall, repaired",
            "small.png: Shown in The harbour wall, repaired"
        ]
    );
    undo_replace(b);
    assert_eq!(results_after(b, 2), offered);
    // Kept beside the earlier copy instead, the images go with the new article.
    b.click(&b.wait_for(".add-beside-button"));
    b.wait_until(
        "the image is shown in the new article",
        "const a = [...document.querySelectorAll('.add-results li a')].map(a => a.getAttribute('href')); \
         return !!document.querySelector('.add-beside') && a.length === 2 && a[0] === a[1]",
        vec![],
    );
    assert_eq!(
        results_after(b, 2),
        vec![
            "Harbour.html: Added beside the earlier copy as The harbour wall, repaired",
            "small.png: Shown in The harbour wall, repaired"
        ]
    );
}

/// Dropping a folder adds the pages, Markdown and text in it (and in its folders), each with
/// the images it shows: a page's own "_files" folder gives only images (the pages saved in it,
/// frames of the page, are left out), and a folder's image no file shows goes without a word.
/// The folder comes as the browser's entries give it (a drop cannot be made of real folders by
/// WebDriver: the entries are the page's own objects, as the File and Directory Entries API
/// shapes them).
#[test]
fn a_dropped_folder_adds_its_articles_with_their_images() {
    let wide = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAADklEQVR4nGP4z8AAQv8BD/kD/YURmXYAAAAASUVORK5CYII=";
    let page = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The quay</title>
<meta property="og:image" content="The%20quay_files/quay.png"></head>
<body><article><h1>The quay</h1>
<p>The quay was rebuilt after the storm of 1953, with granite brought by sea from the quarries to the north.</p>
<p>It is busiest at dawn, when the boats come in and the buyers walk the length of it before the auction.</p>
</article></body></html>"#;
    let notes = "# Notes on the quay\n\n![The quay at dawn](The%20quay_files/quay.png)\nThe quay at dawn, from the harbour.\n\nThe buyers walk the length of the quay before the auction, and the boats wait.\n";
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    b.script(
        r#"const [wide, page, notes] = arguments;
           const bytes = b64 => Uint8Array.from(atob(b64), c => c.charCodeAt(0));
           const file = (name, parts, type) => new File(parts, name, { type });
           const entry = (path, f) => ({ isFile: true, isDirectory: false, name: f.name, fullPath: '/' + path,
             file(done) { setTimeout(() => done(f)); } });
           const folder = (path, children) => { let read = false; return { isFile: false, isDirectory: true,
             name: path.split('/').pop(), fullPath: '/' + path,
             createReader() { return { readEntries(done) { setTimeout(() => { done(read ? [] : children); read = true; }); } }; } }; };
           const saved = folder('Saved', [
             entry('Saved/notes.md', file('notes.md', [notes], 'text/markdown')),
             folder('Saved/The quay_files', [
               entry('Saved/The quay_files/quay.png', file('quay.png', [bytes(wide)], 'image/png')),
               entry('Saved/The quay_files/icon.png', file('icon.png', [bytes(wide)], 'image/png')),
               entry('Saved/The quay_files/frame.html', file('frame.html', ['<p>An advert in a frame of the page, long enough to be read as an article by itself if it were taken.</p>'], 'text/html')),
             ]),
             entry('Saved/The quay.html', file('The quay.html', [page], 'text/html')),
           ]);
           const dropped = new DataTransfer();
           dropped.items.add(file('Saved', [], ''));
           dropped.items.add(file('loose.txt', ['Loose words\n\nA short text dropped beside the folder, with words enough to be an article of its own.'], 'text/plain'));
           DataTransferItem.prototype.webkitGetAsEntry = function () {
             return this.getAsFile()?.name === 'Saved' ? saved : null;
           };
           const drop = new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true });
           if (!drop.dataTransfer) Object.defineProperty(drop, 'dataTransfer', { value: dropped });
           document.querySelector('.add-articles').dispatchEvent(drop);"#,
        vec![
            serde_json::json!(wide),
            serde_json::json!(page),
            serde_json::json!(notes),
        ],
    );
    assert_eq!(
        results_after(b, 4),
        vec![
            "The quay.html: Added as The quay",
            "notes.md: Added as Notes on the quay",
            "loose.txt: Added as Loose words",
            "quay.png: Shown in The quay",
        ]
    );
    b.wait_until(
        "the summary counts the image kept",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.textContent === 'Added 3 of 3 files, with 1 image.')",
        vec![],
    );
    open_listed(b, "Notes on the quay");
    b.wait_until(
        "the Markdown's image is shown from the browser's store",
        "const img = document.querySelector('.article-body figure img'); return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === 2 && img.alt === 'The quay at dawn'",
        vec![],
    );
    b.click(&b.wait_for(".brand"));
    open_listed(b, "The quay");
    wait_for_stored_image(
        b,
        "the page's lead image is shown from the browser's store",
        ".article-figure img",
        2,
    );
}

/// A newer copy of a page in the library (the same address, other words): one passage is
/// corrected, one added, and the title with it.
fn updated_page() -> String {
    PAGE.replace(
        "carrying eleven people and no lights.",
        "carrying twelve people and a shaded lantern.",
    )
    .replace(
        "<svg>",
        "<p>All twelve reached the village before dawn, the paper learned on Tuesday.</p><svg>",
    )
    .replace("A night crossing<", "A night crossing, told in full<")
    .replace("A night crossing |", "A night crossing, told in full |")
}

/// The words of the article's body, once the page shows the article `title`.
fn body_of(b: &browser_tests::webdriver::Browser, title: &str) -> String {
    b.wait_until(
        "the article is shown",
        "const h = document.querySelector('h1'); return !!h && h.textContent === arguments[0] && !!document.querySelector('[data-part]')",
        vec![serde_json::json!(title)],
    );
    b.text(&b.wait_for(".article-body"))
}

/// Adding a newer copy of a saved page (its address is the library's, its text is not) offers
/// to replace the article's text; replaced, the article keeps its place and its highlights (one
/// whose words are gone is kept, listed apart), and Undo puts the earlier copy back.
#[test]
fn a_newer_copy_of_a_saved_page_can_replace_its_text_and_keeps_the_readers_work() {
    let app = library_with("crossing.html", PAGE, "A night crossing");
    let b = &app.browser;
    assert_eq!(
        add_file(b, "delta.md", MARKDOWN),
        vec!["delta.md: Added as Field notes from the delta"]
    );
    open_listed(b, "A night crossing");
    body_of(b, "A night crossing");
    for words in [
        "the ferryman steered by the sound of the water",
        "carrying eleven people and no lights",
    ] {
        select_words(b, words);
        b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    }
    b.wait_until(
        "both passages are highlighted",
        "return document.querySelectorAll('mark.hl-yellow').length >= 2",
        vec![],
    );
    let highlighted = "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join(' | ')";

    // The same page with the same text: nothing to replace.
    app.goto("/");
    assert_eq!(
        add_file(b, "same.html", PAGE),
        vec!["same.html: Already in your library as A night crossing"]
    );
    assert!(b.find_all(".add-replace").is_empty());

    // A newer copy: offered, replaced, and taken back with Undo.
    let offered = vec![
        "crossing-2.html: Already in your library, with other text, as A night crossingReplace it with this copyKeep both",
    ];
    assert_eq!(add_file(b, "crossing-2.html", &updated_page()), offered);
    let replace = |b: &browser_tests::webdriver::Browser| {
        replace_with_copy(b);
        assert_eq!(
            b.text(&b.wait_for(".add-results li")),
            "crossing-2.html: Replaced the text of A night crossing, told in full"
        );
        b.wait_until(
            "the focus is on the replaced article's link",
            "return document.activeElement === document.querySelector('.add-replaced a')",
            vec![],
        );
        assert_eq!(
            b.text(&b.wait_for(".undo-bar span")),
            "“A night crossing, told in full” replaced with the copy added."
        );
    };
    replace(b);
    b.click(&b.wait_for(".undo-button"));
    b.wait_until(
        "the earlier copy is back",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.textContent === '“A night crossing”’s earlier copy put back') && [...document.querySelectorAll('.library-title')].some(t => t.textContent === 'A night crossing')",
        vec![],
    );
    assert_eq!(
        results_after(b, 1),
        offered,
        "put back, the line offers the newer copy again"
    );
    open_listed(b, "A night crossing");
    assert!(body_of(b, "A night crossing").contains("carrying eleven people and no lights"));
    b.wait_until(
        "both highlights are drawn in the earlier copy",
        "return document.querySelectorAll('mark.hl-yellow').length === 2",
        vec![],
    );

    // Replaced again, for good: one article still, in its place, with the new words.
    app.goto("/");
    assert_eq!(add_file(b, "crossing-2.html", &updated_page()), offered);
    replace(b);
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the library lists the new title",
        "return [...document.querySelectorAll('.library-title')].some(t => t.textContent === 'A night crossing, told in full')",
        vec![],
    );
    assert_eq!(
        library_titles(b),
        serde_json::json!([
            "Field notes from the delta",
            "A night crossing, told in full"
        ]),
        "not a second article, and where it was"
    );
    open_listed(b, "A night crossing, told in full");
    let body = body_of(b, "A night crossing, told in full");
    assert!(
        body.contains("All twelve reached the village before dawn"),
        "{body}"
    );
    assert!(!body.contains("eleven"), "{body}");
    b.wait_until(
        "the highlight whose words remain is drawn in the new text",
        "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join(' | ') === 'the ferryman steered by the sound of the water'",
        vec![],
    );
    assert_eq!(
        b.script(highlighted, vec![]),
        serde_json::json!("the ferryman steered by the sound of the water")
    );
    b.wait_for(".panel-item.orphan");
    assert_eq!(
        b.script(
            "return [...document.querySelectorAll('.panel-item.orphan .panel-quote')].map(q => q.textContent)",
            vec![]
        ),
        serde_json::json!(["carrying eleven people and no lights"]),
        "the highlight whose words are gone is kept, listed apart"
    );
}

/// A file without an address (the reader's Markdown notes), edited and added again, is known
/// by its name and title: its newer copy can replace the text, keeping the reader's highlight.
/// Another file of the same name but another title is another article.
#[test]
fn an_edited_markdown_file_added_again_can_replace_its_article() {
    let app = library_with("delta.md", MARKDOWN, "Field notes from the delta");
    let b = &app.browser;
    open_listed(b, "Field notes from the delta");
    body_of(b, "Field notes from the delta");
    select_words(b, "which the fishermen said was a sign of an early spring");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_for("mark.hl-yellow");

    app.goto("/");
    let edited = MARKDOWN.replace("herons on the flats", "forty herons on the flats at dawn");
    assert_eq!(
        add_file(b, "delta.md", &edited),
        vec!["delta.md: Already in your library, with other text, as Field notes from the deltaReplace it with this copyKeep both"]
    );
    replace_with_copy(b);
    assert_eq!(
        b.text(&b.wait_for(".add-results li")),
        "delta.md: Replaced the text of Field notes from the delta"
    );
    // Another file of that name, with another title: added beside it.
    assert_eq!(
        add_file(
            b,
            "delta.md",
            "# River delta, a reading list\n\nBooks about deltas.\n"
        ),
        vec!["delta.md: Added as River delta, a reading list"]
    );
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the library lists both",
        "return document.querySelectorAll('.library-title').length === 2",
        vec![],
    );
    assert_eq!(
        library_titles(b),
        serde_json::json!(["River delta, a reading list", "Field notes from the delta"]),
        "one article for the edited notes, not two"
    );
    open_listed(b, "Field notes from the delta");
    assert!(body_of(b, "Field notes from the delta").contains("forty herons on the flats at dawn"));
    b.wait_until(
        "the highlight is drawn in the new text",
        "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join(' | ') === 'which the fishermen said was a sign of an early spring'",
        vec![],
    );
}

/// An edited file added again may also be kept beside the earlier copy: both are articles of
/// the library, and each copy added again is found as what it is.
#[test]
fn an_edited_file_can_be_kept_beside_its_earlier_copy() {
    let app = library_with("delta.md", MARKDOWN, "Field notes from the delta");
    let b = &app.browser;
    let edited = MARKDOWN.replace("herons on the flats", "forty herons on the flats at dawn");
    assert_eq!(
        add_file(b, "delta.md", &edited),
        vec!["delta.md: Already in your library, with other text, as Field notes from the deltaReplace it with this copyKeep both"]
    );
    hear(b);
    b.click(&b.wait_for(".add-beside-button"));
    let link = b.wait_for(".add-beside a");
    assert_eq!(
        b.text(&b.wait_for(".add-results li")),
        "delta.md: Added beside the earlier copy as Field notes from the delta"
    );
    wait_said(
        b,
        "“Field notes from the delta” added beside the earlier copy",
    );
    // The buttons went with their line: the focus goes to the new article's link (once the
    // line is drawn: a frame later).
    b.wait_until(
        "the focus is on the new article's link",
        "return document.activeElement === arguments[0]",
        vec![link.arg()],
    );
    let new_href = b.script("return arguments[0].getAttribute('href')", vec![link.arg()]);
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the library lists both",
        "return document.querySelectorAll('.library-title').length === 2",
        vec![],
    );
    assert_eq!(
        library_titles(b),
        serde_json::json!(["Field notes from the delta", "Field notes from the delta"])
    );
    // Each copy added again is the one the library has: the link its line gives.
    let found = |text: &str| {
        assert_eq!(
            add_file(b, "delta.md", text),
            vec!["delta.md: Already in your library as Field notes from the delta"]
        );
        b.script(
            "return document.querySelector('.add-results li a').getAttribute('href')",
            vec![],
        )
    };
    assert_eq!(
        found(&edited),
        new_href,
        "the newer copy is found as itself"
    );
    assert_ne!(
        found(MARKDOWN),
        new_href,
        "the earlier copy is found as itself"
    );
    b.click(&b.wait_for(&format!(
        ".library-title a[href=\"{}\"]",
        new_href.as_str().unwrap()
    )));
    assert!(body_of(b, "Field notes from the delta").contains("forty herons on the flats at dawn"));
}

/// An article's slug comes from its first copy's words. Once a newer copy replaced them, those
/// first words are no longer in the library: added again, they are offered as other text (and
/// can be kept beside it), or added as an article of their own, at the next free slug.
#[test]
fn the_first_words_of_a_replaced_article_added_again_are_not_taken_as_there() {
    let app = library_with("delta.md", MARKDOWN, "Field notes from the delta");
    let b = &app.browser;
    let href = || result_href(b);
    let first = href();
    let edited = MARKDOWN.replace("herons on the flats", "forty herons on the flats at dawn");
    add_file(b, "delta.md", &edited);
    replace_with_copy(b);
    assert_eq!(
        add_file(b, "delta.md", MARKDOWN),
        vec!["delta.md: Already in your library, with other text, as Field notes from the deltaReplace it with this copyKeep both"]
    );
    b.click(&b.wait_for(".add-beside-button"));
    b.wait_for(".add-beside a");
    assert_eq!(
        b.text(&b.wait_for(".add-results li")),
        "delta.md: Added beside the earlier copy as Field notes from the delta"
    );
    let beside = href();
    assert_eq!(beside, format!("{first}-2"));
    // The first words, under another name: found where they are now.
    assert_eq!(
        add_file(b, "delta copy.md", MARKDOWN),
        vec!["delta copy.md: Already in your library as Field notes from the delta"]
    );
    assert_eq!(href(), beside);
    // And so once the earlier article (the newer words now) is deleted, its slug free again.
    delete_at(b, &first);
    assert_eq!(
        add_file(b, "delta notes.md", MARKDOWN),
        vec!["delta notes.md: Already in your library as Field notes from the delta"]
    );
    assert_eq!(href(), beside);
    b.click(&b.wait_for(&format!(".add-results li a[href=\"{beside}\"]")));
    let words = body_of(b, "Field notes from the delta");
    assert!(words.contains("herons on the flats") && !words.contains("forty herons"));

    // A replaced article's first words in a file of another name: an article of their own.
    app.goto("/");
    b.wait_for(".add-articles");
    let tides = "Tide tables\n\nHigh water at 06:12 and 18:40.";
    assert_eq!(
        add_file(b, "tides.txt", tides),
        vec!["tides.txt: Added as Tide tables"]
    );
    let first = href();
    add_file(b, "tides.txt", &tides.replace("06:12", "06:14"));
    replace_with_copy(b);
    assert_eq!(
        add_file(b, "tides again.txt", tides),
        vec!["tides again.txt: Added as Tide tables"]
    );
    assert_eq!(href(), format!("{first}-2"));
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the library lists the three",
        "return document.querySelectorAll('.library-title').length === 3",
        vec![],
    );
}

/// The address of the article the first line of the add section's results links to.
fn result_href(b: &browser_tests::webdriver::Browser) -> String {
    b.script(
        "return document.querySelector('.add-results li a').getAttribute('href')",
        vec![],
    )
    .as_str()
    .unwrap()
    .to_string()
}

/// The library's item for the article at `href`.
fn listed(href: &str) -> String {
    format!("li:has(#title-{})", href.rsplit("a=").next().unwrap())
}

/// Deletes the reader's article at `href` from the library on screen (confirmed) and waits for
/// the offer to undo it: the deletion's own, for the bar may still offer to undo an earlier
/// change (a replacing), which would let the test go on while the deletion is under way (seen
/// once in WebKit, in a fresh clone's run).
fn delete_at(b: &browser_tests::webdriver::Browser, href: &str) {
    b.click(&b.wait_for(&format!("{} .delete-own", listed(href))));
    b.click(&b.wait_for(".confirm-delete"));
    b.wait_until(
        "the deletion is done and offered to be undone",
        "const bar = document.querySelector('.undo-bar span'); \
         return !!bar && bar.textContent.endsWith(' deleted.') && !document.querySelector(arguments[0])",
        vec![serde_json::json!(listed(href))],
    );
}

/// Undo puts a deleted article back, never over an article added since in its place. A
/// replaced article deleted, its first words added again take its slug: Undo puts it back
/// beside them, with its highlight. The same words as an article deleted, added again: Undo
/// gives that article back the highlight deleted with them.
#[test]
fn undo_of_a_deletion_never_writes_over_an_article_added_since() {
    let tides = "Tide tables\n\nHigh water at 06:12 and 18:40, low water between the two.";
    let app = library_with("tides.txt", tides, "Tide tables");
    let b = &app.browser;
    let first = result_href(b);
    add_file(b, "tides.txt", &tides.replace("06:12", "06:14"));
    replace_with_copy(b);
    let marked = |words: &str| {
        b.wait_until(
            "the words highlighted are these",
            "return [...document.querySelectorAll('mark.hl-yellow')].map(m => m.textContent).join('') === arguments[0]",
            vec![serde_json::json!(words)],
        );
    };
    let highlight = |words: &str| {
        select_words(b, words);
        b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
        marked(words);
    };
    // The article at `first` deleted; while Undo is offered (held by the focus on it), its first
    // words added again as `name` take its slug; then Undo.
    let delete_add_undo = |name: &str| {
        app.goto("/");
        delete_at(b, &first);
        b.script("document.querySelector('.undo-button').focus()", vec![]);
        assert_eq!(
            add_file(b, name, tides),
            vec![format!("{name}: Added as Tide tables")]
        );
        assert_eq!(result_href(b), first);
        hear(b);
        b.click(&b.wait_for(".undo-button"));
    };
    app.goto(&first);
    assert!(body_of(b, "Tide tables").contains("06:14"));
    highlight("High water at 06:14");

    // Deleted, its first words added again: put back beside them, with its highlight.
    delete_add_undo("tides first.txt");
    wait_said(
        b,
        "“Tide tables” restored beside the article added in its place since",
    );
    app.goto(&format!("{first}-2"));
    assert!(body_of(b, "Tide tables").contains("06:14"));
    marked("High water at 06:14");
    app.goto(&first);
    let body = body_of(b, "Tide tables");
    assert!(body.contains("06:12") && !body.contains("06:14"), "{body}");
    // Listed, the two of the same title are told apart: by which copy each is, the one first
    // added (the one put back) being the first.
    app.goto("/");
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the two are listed",
        "return document.querySelectorAll('.library-item .own-badge').length === 2",
        vec![],
    );
    for (href, n) in [(first.clone(), 2), (format!("{first}-2"), 1)] {
        assert_eq!(
            b.text(&b.wait_for(&format!("{} .own-badge", listed(&href)))),
            format!("Added by you · copy {n} of 2 · kept in this browser Delete")
        );
        let delete = b.wait_for(&format!("{} .delete-own", listed(&href)));
        assert_eq!(
            b.script(
                "return arguments[0].getAttribute('aria-label')",
                vec![delete.arg()]
            ),
            serde_json::json!(format!("Delete “Tide tables” (copy {n} of 2)"))
        );
    }
    // So does the search of highlights: a hit names the copy it is in.
    b.send_keys(&b.wait_for("input.search"), "water");
    b.wait_until(
        "the highlight is found, in copy 1 of 2",
        "return [...document.querySelectorAll('.search-result .panel-date')].map(p => p.textContent).join('|') === 'Tide tables · copy 1 of 2'",
        vec![],
    );

    // The same words as the article deleted, added again: its highlight goes back to them.
    app.goto(&first);
    body_of(b, "Tide tables");
    highlight("low water between");
    delete_add_undo("tides again.txt");
    wait_said(b, "“Tide tables” restored into the copy of it added since");
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "the library lists the two, once each",
        "return document.querySelectorAll('.library-title').length === 2",
        vec![],
    );
    app.goto(&first);
    assert!(body_of(b, "Tide tables").contains("06:12"));
    marked("low water between");
}

/// Spoils the stored text of the reader's article at `href` (as a failing disk or another
/// program might): the library still lists it, the store can no longer read it.
fn spoil_stored_text(b: &browser_tests::webdriver::Browser, href: &str) {
    let done = b.script_async(
        "const done = arguments[arguments.length - 1]; const open = indexedDB.open('reader-articles'); \
         open.onerror = () => done('not opened'); \
         open.onsuccess = () => { const tx = open.result.transaction('articles', 'readwrite'); \
           tx.objectStore('articles').put('{\"title\": \"spoilt', arguments[0]); \
           tx.oncomplete = () => { open.result.close(); done('spoilt'); }; tx.onerror = () => done('not written'); }",
        vec![serde_json::json!(href.rsplit("a=").next().unwrap())],
    );
    assert_eq!(done, serde_json::json!("spoilt"));
}

/// The app on the library, where the reader has added "Ferry times"; its address.
fn app_with_ferry_times() -> (App, String) {
    let app = library_with(
        "ferry.txt",
        "Ferry times\n\nThe first ferry leaves at 07:05 from the north pier.",
        "Ferry times",
    );
    let b = &app.browser;
    let ferry = result_href(b);
    (app, ferry)
}

/// An article whose stored text can no longer be read can still be deleted: with nothing
/// made on it, no Undo is offered (there is nothing it could put back); with a highlight, Undo
/// puts back the highlight, which the search still finds.
#[test]
fn an_article_the_store_cannot_read_is_deleted_and_what_was_made_on_it_can_be_put_back() {
    let (app, ferry) = app_with_ferry_times();
    let b = &app.browser;
    assert_eq!(
        add_file(
            b,
            "locks.txt",
            "Lock keepers\n\nThe lock keeper opens the upper gate at dawn and the lower at dusk."
        ),
        vec!["locks.txt: Added as Lock keepers"]
    );
    let locks = result_href(b);
    app.goto(&locks);
    body_of(b, "Lock keepers");
    select_words(b, "opens the upper gate");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-yellow"));
    b.wait_for("mark.hl-yellow");
    app.goto("/");
    b.wait_for(&listed(&locks));
    spoil_stored_text(b, &ferry);
    spoil_stored_text(b, &locks);

    // Nothing made on it: deleted, and no Undo offered.
    hear(b);
    b.click(&b.wait_for(&format!("{} .delete-own", listed(&ferry))));
    b.click(&b.wait_for(".confirm-delete"));
    wait_said(b, "“Ferry times” deleted");
    b.wait_until(
        "the library no longer lists it",
        "return !document.querySelector(arguments[0])",
        vec![serde_json::json!(listed(&ferry))],
    );
    assert!(
        b.find_all(".undo-bar").is_empty(),
        "Undo offered to put back nothing"
    );

    // A highlight on it: Undo puts the highlight back, not the article. The article and what
    // was made on it are one deletion, said once.
    delete_at(b, &locks);
    assert_eq!(
        b.script(
            "return document.querySelector('[role=status][aria-live=polite]').__heard.filter(t => t === arguments[0]).length",
            vec![serde_json::json!("“Lock keepers” deleted")],
        ),
        serde_json::json!(1),
        "how often the deletion was said"
    );
    wait_said(b, "“Lock keepers” deleted");
    b.click(&b.wait_for(".undo-button"));
    wait_said(b, "What you made on “Lock keepers” restored");
    assert!(b.find_all(&listed(&locks)).is_empty());
    b.send_keys(&b.wait_for("input.search"), "upper gate");
    b.wait_until(
        "the highlight is found",
        "return [...document.querySelectorAll('.search-result')].map(r => r.querySelector('a, .search-quote').textContent).join('|') === 'opens the upper gate'",
        vec![],
    );
    // Found, and told where its article went: no link to a page that is not there.
    assert_eq!(
        b.script(
            "const r = document.querySelector('.search-result'); return [r.querySelectorAll('a').length, r.querySelector('.panel-date').textContent]",
            vec![],
        ),
        serde_json::json!([0, "Its article is no longer in your library"])
    );
}

/// A deletion the browser's store refuses deletes nothing and is seen, not only announced: the
/// reader is told under the banner which article was not deleted and why (once, however often
/// it is tried), until it is deleted or the notice dismissed.
#[test]
fn a_deletion_the_store_refuses_is_seen_and_deletes_nothing() {
    let (app, ferry) = app_with_ferry_times();
    let b = &app.browser;
    // The store fails to read the article kept for Undo (a failing disk, say).
    b.script(
        "const get = IDBObjectStore.prototype.get; window.refuseReads = true; \
         IDBObjectStore.prototype.get = function (key) { \
           if (this.name === 'articles' && window.refuseReads) throw new DOMException('refused by the test', 'UnknownError'); \
           return get.call(this, key); }",
        vec![],
    );
    let said = "“Ferry times” was not deleted: the browser’s store failed (UnknownError)";
    let delete = || {
        hear(b);
        b.click(&b.wait_for(&format!("{} .delete-own", listed(&ferry))));
        b.click(&b.wait_for(".confirm-delete"));
    };
    let told_once = || {
        assert_eq!(notices_shown(b), [said]);
        assert_eq!(b.find_all(&listed(&ferry)).len(), 1, "deleted");
        assert!(
            b.find_all(".undo-bar").is_empty(),
            "Undo offered for nothing deleted"
        );
    };
    delete();
    wait_said(b, said);
    b.wait_for(".notices .notice p");
    told_once();
    // Tried again, the notice is told afresh (in place of the first, not beside it).
    b.script(
        "document.querySelector('.notices .notice').dataset.first = 'yes'",
        vec![],
    );
    delete();
    b.wait_until(
        "the notice is told afresh",
        "const n = document.querySelector('.notices .notice'); return !!n && !n.dataset.first",
        vec![],
    );
    told_once();
    // The store reads again: deleted, and the notice goes.
    b.script("window.refuseReads = false", vec![]);
    delete();
    wait_said(b, "“Ferry times” deleted");
    b.wait_for(".undo-bar");
    b.wait_until(
        "the article and the notice are gone",
        "return !document.querySelector(arguments[0]) && !document.querySelector('.notices')",
        vec![serde_json::json!(listed(&ferry))],
    );
}

/// Another window of the app sees an added and a deleted article without a reload; the
/// browser's estimate of the site's storage is shown once the reader adds.
#[test]
fn another_window_sees_added_and_deleted_articles_without_reload() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto("/");
    b.wait_for(".add-articles");
    b.switch_to(&first);
    assert_eq!(
        add_file(
            b,
            "tides.txt",
            "Tide tables\n\nHigh water at 06:12 and 18:40; low water at 00:05 and 12:27."
        ),
        vec!["tides.txt: Added as Tide tables"]
    );
    // Where the browser estimates the site's storage (WebKitGTK's automation sessions do
    // not), the section says it.
    let estimates = b.script_async(
        "const done = arguments[arguments.length - 1]; Promise.resolve().then(() => navigator.storage.estimate()).then(e => done(typeof e.quota === 'number'), () => done(false))",
        vec![],
    );
    if estimates == serde_json::json!(true) {
        b.wait_until(
            "the storage estimate is shown",
            "return /^This site uses [0-9.]+ (bytes|KB|MB|GB) of about [0-9.]+ (bytes|KB|MB|GB) the browser allows it\\./.test(document.querySelector('.storage-estimate').textContent)",
            vec![],
        );
    }

    b.switch_to(&second);
    b.wait_until(
        "the other window lists the added article",
        "return [...document.querySelectorAll('.library-title')].some(t => t.textContent === 'Tide tables') && document.querySelector('.page-lede').textContent === '2 articles.'",
        vec![],
    );
    b.click(&b.wait_for(".delete-own"));
    b.click(&b.wait_for(".confirm-delete"));
    b.wait_for(".undo-bar");

    b.switch_to(&first);
    b.wait_until(
        "the first window no longer lists it",
        "return ![...document.querySelectorAll('.library-title')].some(t => t.textContent === 'Tide tables') && document.querySelector('.page-lede').textContent === '1 article.'",
        vec![],
    );
}

/// An own article open in another window is drawn again when its text is replaced, shows
/// its earlier text when that is put back, and says it is gone when it is deleted: the reader
/// never reads, or highlights, words the library no longer holds.
#[test]
fn an_article_open_in_another_window_follows_its_replacement_and_deletion() {
    let app = library_with("crossing.html", PAGE, "A night crossing");
    let b = &app.browser;
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto("/");
    open_listed(b, "A night crossing");
    assert!(body_of(b, "A night crossing").contains("eleven people"));

    b.switch_to(&first);
    assert_eq!(
        add_file(b, "crossing-2.html", &updated_page()),
        vec!["crossing-2.html: Already in your library, with other text, as A night crossingReplace it with this copyKeep both"]
    );
    replace_with_copy(b);

    b.switch_to(&second);
    let body = body_of(b, "A night crossing, told in full");
    assert!(body.contains("All twelve reached the village"), "{body}");
    assert!(!body.contains("eleven"), "{body}");

    // Put back in the first window: the second shows the earlier text again.
    b.switch_to(&first);
    b.click(&b.wait_for(".undo-button"));
    b.switch_to(&second);
    assert!(body_of(b, "A night crossing").contains("eleven people"));

    b.switch_to(&first);
    app.goto("/");
    b.click(&b.wait_for(".delete-own"));
    b.click(&b.wait_for(".confirm-delete"));
    b.wait_for(".undo-bar");
    b.switch_to(&second);
    b.wait_until(
        "the other window says the article is gone",
        "const m = document.querySelector('main.not-found'); return !!m && !document.querySelector('.article-body')",
        vec![],
    );
    assert_eq!(
        b.text(&b.wait_for("main.not-found p")),
        "This article is not in this browser’s library: it may have been deleted, or added in another browser."
    );
}

/// A page the browser kept for Back (WebKit keeps it, and drops the other windows' word of
/// the reader's articles meanwhile; Chromium and Firefox load it again) follows, shown again,
/// what another window did meanwhile: the article it shows is drawn with its replacing text,
/// and the library no longer lists an article deleted there; an article left unchanged is not
/// drawn again.
#[test]
fn a_page_shown_again_by_back_follows_the_articles_changed_meanwhile() {
    let app = library_with("crossing.html", PAGE, "A night crossing");
    let b = &app.browser;
    assert_eq!(
        add_file(
            b,
            "tides.txt",
            "Tide tables\n\nHigh water at 06:12 and 18:40."
        ),
        vec!["tides.txt: Added as Tide tables"]
    );
    open_listed(b, "A night crossing");
    assert!(body_of(b, "A night crossing").contains("eleven people"));
    let first = b.window_handle();
    leave_for_another_page(b);
    // Another window replaces the article's text.
    let second = b.new_window();
    b.switch_to(&second);
    app.goto("/");
    b.wait_for(".add-articles");
    assert_eq!(
        add_file(b, "crossing-2.html", &updated_page()),
        vec!["crossing-2.html: Already in your library, with other text, as A night crossingReplace it with this copyKeep both"]
    );
    replace_with_copy(b);

    b.switch_to(&first);
    back_to_the_app(b, "/own/");
    let body = body_of(b, "A night crossing, told in full");
    assert!(body.contains("All twelve reached the village"), "{body}");
    assert!(!body.contains("eleven"), "{body}");

    // The library, left the same way while another window deletes an article.
    app.goto("/");
    b.wait_until(
        "three articles are listed",
        "return document.querySelector('.page-lede')?.textContent === '3 articles.'",
        vec![],
    );
    leave_for_another_page(b);
    b.switch_to(&second);
    let tides = b.script(
        "return [...document.querySelectorAll('.library-title a')].find(a => a.textContent === 'Tide tables').getAttribute('href')",
        vec![],
    );
    delete_at(b, tides.as_str().unwrap());

    b.switch_to(&first);
    back_to_the_app(b, "/");
    b.wait_until(
        "the library no longer lists the article deleted meanwhile",
        "return document.querySelector('.page-lede').textContent === '2 articles.'",
        vec![],
    );
    let listed: Vec<String> = serde_json::from_value(library_titles(b)).unwrap();
    assert!(
        !listed.iter().any(|t| t == "Tide tables")
            && listed.iter().any(|t| t == "A night crossing, told in full"),
        "{listed:?}"
    );

    // An article that did not change meanwhile is not drawn again on Back (the reader's place
    // and selection in it would go): once the kept page has read the articles again, the text
    // shown is the one shown before. (Only a kept page can tell: WebKit keeps it.)
    open_listed(b, "A night crossing, told in full");
    body_of(b, "A night crossing, told in full");
    b.script(
        "window.shownBefore = document.querySelector('.article-body'); window.listRead = 0; \
         const getAll = IDBObjectStore.prototype.getAll; \
         IDBObjectStore.prototype.getAll = function (...args) { \
           const request = getAll.apply(this, args); \
           if (this.name === 'entries') request.addEventListener('success', () => window.listRead++); \
           return request; };",
        vec![],
    );
    leave_for_another_page(b);
    back_to_the_app(b, "/own/");
    if b.script("return !!window.shownBefore", vec![]) == serde_json::json!(true) {
        b.wait_until(
            "the kept page read the articles again",
            "return window.listRead > 0",
            vec![],
        );
        let same = b.script_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => \
               done(document.contains(window.shownBefore))));",
            vec![],
        );
        assert_eq!(same, serde_json::json!(true), "the article was drawn again");
    }
}

/// A store that refuses the new article (as a full one does: `QuotaExceededError`, raised
/// here by the store when the article's text is written, since no engine's driver can fill a
/// store: Chromium's DevTools quota override is not enforced on IndexedDB writes) is reported
/// with the reason, and everything else is kept. Nothing of the refused article is left
/// behind: added again once there is room, it is added, not "already in your library".
/// Adds the letter to a store that refuses it as full: the reason is said, nothing of it is
/// listed, the article added before stays.
fn refused_as_full(b: &browser_tests::webdriver::Browser) {
    assert_eq!(
        add_file(b, "letter.txt", PASTED),
        vec!["letter.txt: Not added: the browser’s storage for this site is full: delete some of your articles to make room"]
    );
    let listed = library_titles(b);
    let listed: Vec<String> = serde_json::from_value(listed).unwrap();
    assert!(
        listed.iter().any(|t| t == "Field notes from the delta")
            && !listed.iter().any(|t| t == "Letter to a friend"),
        "{listed:?}"
    );
}

#[test]
fn a_store_that_refuses_an_article_keeps_nothing_of_it_and_everything_else() {
    let app = library_with("delta.md", MARKDOWN, "Field notes from the delta");
    let b = &app.browser;
    b.script(
        "window.__put = IDBObjectStore.prototype.put; \
         IDBObjectStore.prototype.put = function (...args) { \
           if (this.name === 'articles') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); \
           return window.__put.apply(this, args); };",
        vec![],
    );
    // (Before the fix, the refused article's entry was kept and listed without its text.)
    refused_as_full(b);
    // The same when the store is found full only as the transaction ends (as browsers find
    // it when they commit): the writes seemed done, the transaction aborts, its pending
    // requests first fail as aborted.
    b.script(
        "IDBObjectStore.prototype.put = function (...args) { \
           const request = window.__put.apply(this, args); \
           if (this.name === 'entries') request.addEventListener('success', () => { \
             const tx = request.transaction; \
             Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') }); \
             tx.abort(); }); \
           return request; };",
        vec![],
    );
    refused_as_full(b);

    // Room again: the same file is added whole, and opens.
    b.script("IDBObjectStore.prototype.put = window.__put", vec![]);
    assert_eq!(
        add_file(b, "letter.txt", PASTED),
        vec!["letter.txt: Added as Letter to a friend"]
    );
    open_listed(b, "Letter to a friend");
    b.wait_for("[data-part]");
    assert!(b
        .text(&b.wait_for(".article-body"))
        .contains("Tell me about the garden when you write back."));
    app.goto("/");
    open_listed(b, "Field notes from the delta");
    b.wait_for("[data-part]");
}

/// Cancel while files are being added: the file being made stops (nothing of it is kept), the
/// files after it (and those waiting their turn) are not added, those before it stay; adding
/// again afterwards works.
#[test]
fn cancel_stops_the_file_being_made_and_keeps_those_already_added() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    // The extractor is kept from receiving the second file's job (and any after it) until
    // released: the test, not timing, decides when Cancel comes.
    b.script(
        "window.__jobs = 0; window.__held = []; \
         const post = Worker.prototype.postMessage; \
         Worker.prototype.postMessage = function (message, ...rest) { \
           if (Array.isArray(message) && String(message[1]).includes('own-article') && ++window.__jobs >= 2) { \
             window.__held.push(message); return; } \
           return post.call(this, message, ...rest); };",
        vec![],
    );
    let dir = std::env::temp_dir().join(format!("reader-cancel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "first.md",
            "# The first\n\nThe first file, added before Cancel.\n",
        ),
        (
            "second.md",
            "# The second\n\nThe second file, being made when Cancel comes.\n",
        ),
        (
            "third.md",
            "# The third\n\nThe third file, never started.\n",
        ),
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    b.choose_files("#add-files", &paths.join("\n"));
    b.wait_until(
        "the second file is being made",
        "return window.__held.length === 1 && document.querySelector('#add-progress-label')?.textContent === 'Adding 2 of 3: second.md'",
        vec![],
    );
    // One more, waiting its turn when Cancel comes: cancelled too.
    b.choose_files("#add-files", &paths[0]);
    b.wait_for("#add-waiting");
    b.click(&b.wait_for("#add-cancel"));
    assert_eq!(
        results_after(b, 4),
        vec![
            "first.md: Added as The first",
            "second.md: Not added: cancelled",
            "third.md: Not added: cancelled",
            "first.md: Not added: cancelled"
        ]
    );
    b.click(&b.wait_for("#only-own"));
    b.wait_until(
        "only the first is listed",
        "return [...document.querySelectorAll('.library-title')].map(t => t.textContent).join('|') === 'The first'",
        vec![],
    );
    // Adding again: a new extractor makes them.
    b.script("window.__jobs = -100", vec![]);
    b.choose_files("#add-files", &paths.join("\n"));
    assert_eq!(
        results_after(b, 3),
        vec![
            "first.md: Already in your library as The first",
            "second.md: Added as The second",
            "third.md: Added as The third"
        ]
    );
}

/// Keeps the extractor from receiving the jobs of the reader's files until
/// [`release_held_jobs`]: the test, not timing, decides when each file is made.
fn hold_own_article_jobs(b: &browser_tests::webdriver::Browser) {
    b.script(
        "window.__held = []; window.__post = Worker.prototype.postMessage; \
         Worker.prototype.postMessage = function (message, ...rest) { \
           if (Array.isArray(message) && String(message[1]).includes('own-article') && window.__holding) { \
             window.__held.push([this, message]); return; } \
           return window.__post.call(this, message, ...rest); }; \
         window.__holding = true;",
        vec![],
    );
}

/// Sends the jobs held since [`hold_own_article_jobs`], and lets the next ones through.
fn release_held_jobs(b: &browser_tests::webdriver::Browser) {
    b.script(
        "window.__holding = false; for (const [w, m] of window.__held) window.__post.call(w, m);",
        vec![],
    );
}

/// The reader leaves the library while files are being added: they are added all the same,
/// and the library shows their progress and results and lists them when the reader comes back.
#[test]
fn files_being_added_are_added_when_the_reader_leaves_the_library() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    hold_own_article_jobs(b);
    let dir = std::env::temp_dir().join(format!("reader-leave-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<String> = ["north", "south"]
        .iter()
        .map(|name| {
            let path = dir.join(format!("{name}.md"));
            std::fs::write(
                &path,
                format!("# Going {name}\n\nA file about going {name}.\n"),
            )
            .unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    b.choose_files("#add-files", &paths.join("\n"));
    b.wait_until(
        "the first file is being made",
        "return window.__held.length === 1",
        vec![],
    );
    // Away to the bundled article (within the app), then the work goes on.
    b.click(&b.wait_for(".library-title a"));
    b.wait_for("[data-part]");
    assert_eq!(b.find_all(".add-articles").len(), 0);
    // Back in the library while the first is still being made: its progress is there.
    b.script("history.back()", vec![]);
    b.wait_until(
        "the adding's progress is shown again",
        "return document.querySelector('#add-progress-label')?.textContent === 'Adding 1 of 2: north.md'",
        vec![],
    );
    release_held_jobs(b);
    assert_eq!(
        results_after(b, 2),
        vec![
            "north.md: Added as Going north",
            "south.md: Added as Going south"
        ]
    );
    b.wait_until(
        "both files are listed once back in the library",
        "return [...document.querySelectorAll('.library-item .own-badge')].length === 2",
        vec![],
    );
    let titles = b.script(
        "return [...document.querySelectorAll('.library-title')].map(t => t.textContent).filter(t => t.startsWith('Going')).sort()",
        vec![],
    );
    assert_eq!(titles, serde_json::json!(["Going north", "Going south"]));
}

/// Files chosen, dropped or pasted while others are being added wait their turn: the section
/// says how many wait, then adds them after, with one result each and one summary for all.
#[test]
fn files_added_while_others_are_being_added_wait_their_turn() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    hold_own_article_jobs(b);
    let dir = std::env::temp_dir().join(format!("reader-waiting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    b.choose_files(
        "#add-files",
        &path("first.md", "# The first\n\nChosen first, and held.\n"),
    );
    b.wait_until(
        "the first file is being made",
        "return window.__held.length === 1 && document.querySelector('#add-progress-label')?.textContent === 'Adding 1 of 1: first.md'",
        vec![],
    );
    // Chosen again, then dropped, then pasted, while the first is being made.
    b.choose_files(
        "#add-files",
        &path(
            "second.md",
            "# The second\n\nChosen while the first was made.\n",
        ),
    );
    b.wait_until(
        "the section says one file waits",
        "return document.querySelector('#add-waiting')?.textContent === 'Then 1 more file, added after these.'",
        vec![],
    );
    b.script(
        r#"const dropped = new DataTransfer();
           dropped.items.add(new File(['The third\n\nDropped while the first was made, with words enough to be an article.'], 'third.txt', { type: 'text/plain' }));
           const drop = new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true });
           if (!drop.dataTransfer) Object.defineProperty(drop, 'dataTransfer', { value: dropped });
           document.querySelector('.add-articles').dispatchEvent(drop);"#,
        vec![],
    );
    b.wait_until(
        "the section says two files wait",
        "return document.querySelector('#add-waiting')?.textContent === 'Then 2 more files, added after these.'",
        vec![],
    );
    b.script(
        "const t = document.querySelector('#add-paste'); t.value = arguments[0]; t.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));",
        vec![serde_json::json!(
            "The fourth\n\nPasted while the first was made, with words enough to be an article."
        )],
    );
    b.click(&b.wait_for("#add-pasted"));
    b.wait_until(
        "the section says three files wait, and the reader is told",
        "return document.querySelector('#add-waiting')?.textContent === 'Then 3 more files, added after these.' \
           && [...document.querySelectorAll('[role=status]')].some(s => s.textContent === 'Then 3 more files, added after these.')",
        vec![],
    );
    assert_eq!(
        b.script("return window.__held.length", vec![]),
        serde_json::json!(1),
        "nothing else was started meanwhile"
    );
    release_held_jobs(b);
    assert_eq!(
        results_after(b, 4),
        vec![
            "first.md: Added as The first",
            "second.md: Added as The second",
            "third.txt: Added as The third",
            "Pasted text.txt: Added as The fourth",
        ]
    );
    b.wait_until(
        "one summary for all",
        "return [...document.querySelectorAll('[role=status]')].some(s => s.textContent === 'Added 4 of 4 files.')",
        vec![],
    );
    assert!(b.find_all("#add-waiting").is_empty());
}
