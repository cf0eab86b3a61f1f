//! The app's own links (src/router.rs): followed without reloading the page, Back and Forward
//! between the pages they reached, and the clicks the app leaves to the browser.

use browser_tests::webdriver::Browser;
use browser_tests::{article_path, first_article, library_with, open_listed, App};
use serde_json::json;

/// Marks the document, to tell later whether it is still the same one (a reload loses it).
const MARK: &str = "window.__sameDocument = true";
const SAME: &str = "return window.__sameDocument === true";

/// Waits until the address is `page` at `#fragment`, in the same document (no reload).
fn landed_at(b: &Browser, page: &str, fragment: &str) {
    b.wait_until(
        &format!("the address names #{fragment}"),
        "return location.hash === '#' + arguments[0]",
        vec![json!(fragment)],
    );
    assert_eq!(b.current_url(), format!("{page}#{fragment}"));
    assert_eq!(b.script(SAME, vec![]), json!(true), "the page was reloaded");
}

/// Waits until the element `id` is at the window's top, the page scrolled down to it.
fn scrolled_to(b: &Browser, id: &str) {
    b.wait_until(
        &format!("#{id} is scrolled to the top of the window"),
        "const top = document.getElementById(arguments[0]).getBoundingClientRect().top; \
         return window.scrollY > 0 && Math.abs(top) < 2",
        vec![json!(id)],
    );
}

#[test]
fn links_are_followed_without_reloading_and_back_and_forward_step_between_pages() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    b.script(MARK, vec![]);
    // Scrolled down (the page made tall enough, and kept so): the document stays, and so
    // would its scroll position if nothing moved it.
    b.script(
        "document.body.style.minHeight = '5000px'; window.scrollTo(0, 400); return window.scrollY",
        vec![],
    );
    b.wait_until(
        "the library is scrolled",
        "return window.scrollY >= 400",
        vec![],
    );
    b.click(&b.wait_for(".library-title a"));
    b.wait_for(".article-main [data-part]");
    assert_eq!(b.current_url(), app.server.url(&article_path(&article)));
    assert_eq!(b.script(SAME, vec![]), json!(true), "the page was reloaded");
    b.wait_until(
        "the article shows its top",
        "return window.scrollY === 0",
        vec![],
    );
    assert_eq!(
        b.script("return document.title", vec![]),
        json!(format!("{} · Reader", article.title))
    );

    b.back();
    b.wait_for(".library-item");
    assert_eq!(b.current_url(), app.server.url("/"));
    assert!(
        b.find_all(".article-main").is_empty(),
        "the article is still drawn"
    );
    assert_eq!(
        b.script(SAME, vec![]),
        json!(true),
        "Back reloaded the page"
    );

    b.forward();
    b.wait_for(".article-main [data-part]");
    assert_eq!(b.current_url(), app.server.url(&article_path(&article)));
    assert_eq!(
        b.script(SAME, vec![]),
        json!(true),
        "Forward reloaded the page"
    );

    // Down the article, the site's "Library" link: the library, from its top.
    b.script("window.scrollTo(0, 600)", vec![]);
    b.wait_until(
        "the article is scrolled",
        "return window.scrollY >= 600",
        vec![],
    );
    b.click(&b.wait_for("a.nav-link"));
    b.wait_for(".library-item");
    assert_eq!(b.current_url(), app.server.url("/"));
    assert_eq!(b.script(SAME, vec![]), json!(true), "the page was reloaded");
    b.wait_until(
        "the library shows its top",
        "return window.scrollY === 0",
        vec![],
    );
}

#[test]
fn clicks_the_reader_meant_for_the_browser_are_left_to_it() {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    // A listener added after the app's, on the window too, runs after it: it notes whether
    // the app took the click (and stops the browser from following any link itself).
    b.script(
        "window.__taken = []; \
         window.addEventListener('click', e => { window.__taken.push(e.defaultPrevented); e.preventDefault(); });",
        vec![],
    );
    let href = article_path(&article).trim_start_matches('/').to_string();
    let cases = [
        ("Ctrl", "", "{ctrlKey: true}", false),
        ("Meta", "", "{metaKey: true}", false),
        ("Shift", "", "{shiftKey: true}", false),
        ("Alt", "", "{altKey: true}", false),
        ("the middle button", "", "{button: 1}", false),
        ("a target", "target=\"_blank\"", "{}", false),
        ("download", "download", "{}", false),
        ("rel=external", "rel=\"nofollow external\"", "{}", false),
        ("another site", "data-elsewhere", "{}", false),
        // Last: the app follows it, to the article (Back is left out: WebKit skips history
        // entries made without a real click).
        ("a plain click", "", "{}", true),
    ];
    for (what, attributes, init, taken) in cases {
        let taken_now = b.script(
            &format!(
                "const a = document.createElement('div'); \
                 a.innerHTML = '<a {attributes} href=\"' + arguments[0] + '\"><span>go</span></a>'; \
                 const link = a.firstChild; \
                 if (link.hasAttribute('data-elsewhere')) link.href = 'https://example.org/' + arguments[0]; \
                 document.querySelector('main').append(link); \
                 const before = window.__taken.length; \
                 link.firstChild.dispatchEvent(new MouseEvent('click', Object.assign({{bubbles: true, cancelable: true}}, {init}))); \
                 link.remove(); \
                 return window.__taken.length === before + 1 ? window.__taken[before] : null;"
            ),
            vec![json!(href)],
        );
        assert_eq!(taken_now, json!(taken), "{what}");
        if taken {
            b.wait_for(".article-main [data-part]");
            assert_eq!(b.current_url(), app.server.url(&article_path(&article)));
        }
    }
}

#[test]
fn a_link_to_a_fragment_alone_stays_on_its_page() {
    // An article's own links to a place in it (footnotes, a table of contents) are written
    // `#name`; the page's `<base>` (the app's root) would make them links to the library.
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    b.wait_for(".article-main [data-part]");
    b.script(MARK, vec![]);
    let page = app.server.url(&article_path(&article));
    let add_link = |to: &str| {
        b.script(
            "const a = document.createElement('a'); a.id = 'in-page'; \
             a.setAttribute('href', arguments[0]); a.textContent = 'see below'; \
             document.getElementById('in-page')?.remove(); \
             document.querySelector('.article-main [data-part]').append(a);",
            vec![json!(to)],
        );
        b.wait_for("#in-page")
    };

    b.click(&add_link("#p-3"));
    landed_at(b, &page, "p-3");
    assert!(
        !b.find_all(".article-main").is_empty(),
        "the article is no longer drawn"
    );
    scrolled_to(b, "p-3");

    // A name the article does not have: still this page.
    b.click(&add_link("#nowhere"));
    landed_at(b, &page, "nowhere");
    assert!(!b.find_all(".article-main [data-part]").is_empty());
}

/// Adds the file `name` (`content`), opens its article `title`, and follows the link that
/// reads `words` (see `follow`). The fragment, and the link's name for screen readers.
fn follows_link_within(
    name: &str,
    content: &str,
    title: &str,
    words: &str,
    target: &str,
) -> (String, Option<String>) {
    follows_links_within(name, content, title, &[(words, target)]).remove(0)
}

/// Adds the file `name` (`content`), opens its article `title`, and follows each link of
/// `links` in turn (the words it reads, the words of the block it leads to; see `follow`). The
/// fragments, each with its link's name for screen readers.
fn follows_links_within(
    name: &str,
    content: &str,
    title: &str,
    links: &[(&str, &str)],
) -> Vec<(String, Option<String>)> {
    let app = library_with(name, content, title);
    let b = &app.browser;
    open_listed(b, title);
    b.wait_for(".article-main [data-part]");
    let page = b.current_url();
    assert!(
        page.contains("?a="),
        "not the page of a reader's article: {page}"
    );
    b.script(MARK, vec![]);
    b.wait_for(".article-body a");
    links
        .iter()
        .map(|(words, target)| follow(b, &page, words, target))
        .collect()
}

/// Follows the article's link that reads `words`: it names the article's `page` (with the
/// fragment that the block reading `target` has, which the article must have) and takes the
/// reader there, in the same document, the block at the window's top, marked for a moment and
/// focused. The fragment, and the link's name for screen readers (its `aria-label`).
fn follow(b: &Browser, page: &str, words: &str, target: &str) -> (String, Option<String>) {
    let found = b.script(
        "const a = [...document.querySelectorAll('.article-body a')]\
           .find(a => a.textContent === arguments[0]); \
         const id = [...document.querySelectorAll('.article-body [id]')]\
           .find(e => e.textContent === arguments[1])?.id; \
         return [a ? a.href : null, id || null, a ? a.getAttribute('aria-label') : null]",
        vec![json!(words), json!(target)],
    );
    let (href, id) = (found[0].as_str(), found[1].as_str());
    let label = found[2].as_str().map(str::to_string);
    let id = id.unwrap_or_else(|| panic!("no block reads {target:?}"));
    assert_eq!(
        href,
        Some(format!("{page}#{id}").as_str()),
        "the link {words:?} does not name the block that reads {target:?} on the article's page"
    );
    let link = b.wait_for(&format!("a[href$='#{id}']"));
    // Whether the block is marked for a moment (the mark goes after 2.6 s).
    b.script(
        "window.__marked = false; const e = document.getElementById(arguments[0]); \
         new MutationObserver(() => { if (e.classList.contains('is-flashing')) window.__marked = true; }) \
           .observe(e, { attributes: true, attributeFilter: ['class'] });",
        vec![json!(id)],
    );
    b.click(&link);
    landed_at(b, page, id);
    scrolled_to(b, id);
    // Marked and focused, as a jump's place is.
    b.wait_until(
        "the block landed on is marked",
        "return window.__marked === true",
        vec![],
    );
    assert_eq!(
        b.script("return document.activeElement.id", vec![]),
        json!(id),
        "the block landed on is not focused"
    );
    (id.to_string(), label)
}

#[test]
fn an_articles_link_within_itself_names_its_own_page() {
    // A reader's Markdown with a link to a paragraph far down (with as much below it, so
    // that it can reach the window's top): the link must name the article's page, for a copy
    // of it, a new tab or a click (before the fix it named the library: the page's `<base>`
    // is the app's root).
    let mut walk = String::from(
        "# A short walk\n\nThe path climbs through the pines for an hour (the [note](#p-31) says why).\n\n",
    );
    for n in 1..=60 {
        if n == 31 {
            walk.push_str(
                "The note: the view is best in the morning, before the haze comes up.\n\n",
            );
        } else {
            walk.push_str(&format!(
                "Stretch {n} of the path, where the pines thin out and the stones are loose underfoot.\n\n"
            ));
        }
    }
    let note = "The note: the view is best in the morning, before the haze comes up.";
    assert_eq!(
        follows_link_within("walk.md", &walk, "A short walk", "note", note),
        ("p-31".to_string(), None)
    );
}

#[test]
fn a_saved_pages_footnote_link_reaches_its_note() {
    // A saved page's footnote names its note by the page's `id`, which the article's blocks do
    // not keep: the link must reach the note all the same (before, it named `#n1`, which
    // nothing in the article had, and a click did nothing).
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><title>A long walk</title></head><body><article>\
         <h1>A long walk</h1><p>The path climbs through the pines for an hour, and the view at the \
         top is worth every step of it<sup id=\"r1\"><a href=\"#n1\">1</a></sup>.</p>",
    );
    for n in 1..=40 {
        page.push_str(&format!(
            "<p>Stretch {n} of the path, where the pines thin out and the stones are loose \
             underfoot, so that walkers slow down and look around them.</p>"
        ));
    }
    page.push_str(
        "<h2>Notes</h2><ol><li id=\"n1\"><a href=\"#r1\">^</a> The view is best in the \
         morning, before the haze comes up.</li></ol>",
    );
    for n in 1..=30 {
        page.push_str(&format!(
            "<p>Further reading {n}: an account of the same walk in another season, with the \
             weather and the crowds it brings.</p>"
        ));
    }
    page.push_str("</article></body></html>");
    let note = "^ The view is best in the morning, before the haze comes up.";
    // The number and the caret are named for what they do (screen readers read "1", "caret").
    let words = "The path climbs through the pines for an hour, and the view at the top is worth every step of it1.";
    let labels: Vec<Option<String>> = follows_links_within(
        "walk.html",
        &page,
        "A long walk",
        &[("1", note), ("^", words)],
    )
    .into_iter()
    .map(|(_, label)| label)
    .collect();
    assert_eq!(
        labels,
        [Some("Note 1".to_string()), Some("Back to the text".into())]
    );
}

#[test]
fn a_markdown_files_footnote_reaches_its_note() {
    // `[^view]` in a reader's Markdown: a numbered link to its note (before, the words
    // `[^view]` and `[^view]: …` were shown as they are, and there was no link).
    let mut walk = String::from(
        "# A third walk\n\nThe path climbs through the pines for an hour, and the view at the top is worth it[^view].\n\n",
    );
    for n in 1..=40 {
        walk.push_str(&format!(
            "Stretch {n} of the path, where the pines thin out and the stones are loose underfoot.\n\n"
        ));
    }
    walk.push_str("[^view]: The view is best in the morning, before the haze comes up.\n\n");
    for n in 1..=30 {
        walk.push_str(&format!(
            "Further reading {n}: an account of the same walk in another season.\n\n"
        ));
    }
    // The note's number leads back to the words that refer to it.
    let note = "1. The view is best in the morning, before the haze comes up.";
    let words =
        "The path climbs through the pines for an hour, and the view at the top is worth it[1].";
    // Screen readers say what the number and the bracketed number do.
    let labels: Vec<Option<String>> = follows_links_within(
        "third.md",
        &walk,
        "A third walk",
        &[("[1]", note), ("1.", words)],
    )
    .into_iter()
    .map(|(_, label)| label)
    .collect();
    assert_eq!(
        labels,
        [
            Some("Note 1".to_string()),
            Some("Note 1: back to the text".into())
        ]
    );
}
