//! Bookmarks, the reading list, the remembered reading position, and search in the library.

use browser_tests::{
    article_path, first_article, leave_at_paragraph, open_listed, select_words, show_marks,
    toolbar_button, type_note, wait_position_stored, App,
};
use serde_json::json;

#[test]
fn a_bookmarked_paragraph_is_listed_and_jumped_to() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    // Bookmark paragraph 12 from a selection in it, with the toolbar.
    let words = "Human Rights Watch reported in September";
    select_words(b, words);
    let bookmark_button = toolbar_button(b, "Bookmark");
    b.click(&bookmark_button);
    // And the place in view, with a label, from the panel.
    show_marks(b);
    b.script(
        "document.querySelector('[data-block=\"2\"]').scrollIntoView({block: 'start'})",
        vec![],
    );
    b.send_keys(&b.wait_for("#bookmark-label"), "Where they are held");
    b.click(&b.wait_for(".bookmark-form button"));
    b.wait_until(
        "two bookmarks are listed",
        "return document.querySelectorAll('.panel-item.bookmark .panel-jump').length === 2",
        vec![],
    );
    // The field is emptied for the next one.
    assert_eq!(
        b.script(
            "return document.querySelector('#bookmark-label').value",
            vec![]
        ),
        json!("")
    );
    b.reload();
    show_marks(b);
    b.wait_for(".panel-item.bookmark .panel-jump");
    let labels = b.script("return [...document.querySelectorAll('.panel-item.bookmark .panel-quote')].map(e => e.textContent)", vec![]);
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    assert!(labels.iter().any(|l| l.starts_with(words)), "{labels:?}");
    assert!(
        labels.iter().any(|l| l == "Where they are held"),
        "{labels:?}"
    );
    // Jump to the first bookmark's paragraph.
    b.script("window.scrollTo(0, 0)", vec![]);
    let jump = b
        .find_all(".panel-item.bookmark .panel-jump")
        .into_iter()
        .find(|e| {
            b.script(
                "return arguments[0].querySelector('.panel-quote').textContent",
                vec![e.arg()],
            )
            .as_str()
            .unwrap()
            .starts_with(words)
        })
        .unwrap();
    b.click(&jump);
    let block = article
        .paragraphs()
        .position(|p| p.starts_with(words))
        .unwrap();
    b.wait_until("the paragraph is in view and focused", "const p = document.querySelector(`[data-block=\"${arguments[0]}\"]`); const r = p.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && document.activeElement === p", vec![json!(block)]);
    // Remove one.
    let remove = b.find_all(".panel-item.bookmark .link-button");
    b.click(&remove[0]);
    b.wait_until(
        "one bookmark is left",
        "return document.querySelectorAll('.panel-item.bookmark .panel-jump').length === 1",
        vec![],
    );
}

#[test]
fn the_reading_list_filters_the_library() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    let toggle = b.wait_for(".save-toggle");
    assert_eq!(
        b.script(
            "return arguments[0].getAttribute('aria-pressed')",
            vec![toggle.arg()]
        ),
        json!("false")
    );
    b.click(&toggle);
    b.wait_until(
        "saved",
        "return document.querySelector('.save-toggle').getAttribute('aria-pressed') === 'true'",
        vec![],
    );
    app.goto("/");
    b.wait_for(".library-item");
    assert!(b
        .text(&b.wait_for(".library-item"))
        .contains("On your reading list"));
    let filter = b.find_all(".filter button");
    b.click(&filter[1]);
    b.wait_until(
        "only saved articles",
        "return document.querySelectorAll('.library-item').length === 1",
        vec![],
    );
    // Unsave: the filtered list empties and says why.
    app.goto(&article_path(&article));
    b.click(&b.wait_for(".save-toggle"));
    b.wait_until(
        "unsaved",
        "return document.querySelector('.save-toggle').getAttribute('aria-pressed') === 'false'",
        vec![],
    );
    app.goto("/");
    b.click(&b.wait_for(".filter button:nth-child(2)"));
    b.wait_for(".library-empty");
}

#[test]
fn the_reading_position_is_offered_on_return() {
    let article = first_article();
    let app = App::open(&article_path(&article));
    let b = &app.browser;
    leave_at_paragraph(b, 12);
    app.goto("/");
    b.wait_for(".library-item");
    offered_on_return(&app, &article);
}

/// The position is saved once scrolling has rested a moment; a reader who leaves the article
/// before that (a link followed right after scrolling) keeps their place all the same.
#[test]
fn leaving_right_after_scrolling_keeps_the_reading_position() {
    left_right_after_scrolling("document.querySelector('.brand').click()");
}

/// The same when the reader leaves the page itself (another site, the tab closed or reloaded)
/// right after scrolling.
#[test]
fn leaving_the_page_right_after_scrolling_keeps_the_reading_position() {
    left_right_after_scrolling("location.href = '../../'");
}

/// The same when the reader goes Back to the library right after scrolling: the article is
/// left (and its waiting save made) before the page is put where the library was.
#[test]
fn going_back_right_after_scrolling_keeps_the_reading_position() {
    left_right_after_scrolling("history.back()");
}

/// Opens the first article from the library, scrolls it to paragraph 13 and, as soon as the
/// page has had the scroll, runs `leave` (which goes to the library); checks the position was
/// kept all the same.
fn left_right_after_scrolling(leave: &str) {
    let article = first_article();
    let app = App::open("/");
    let b = &app.browser;
    open_listed(b, &article.title);
    b.wait_for("[data-block]");
    // Set going by a script that has returned before the page leaves: an asynchronous one
    // answering just before `location.href` changed was once lost with the page (Chromium,
    // "script timeout").
    b.script(
        &format!(
            "document.addEventListener('scroll', () => setTimeout(() => {{ {leave}; }}), {{once: true}});
             document.querySelector('[data-block=\"12\"]').scrollIntoView({{block: 'start'}});"
        ),
        vec![],
    );
    b.wait_for(".library-item");
    wait_position_stored(b);
    offered_on_return(&app, &article);
}

/// Opens `article` again from its address, and checks the offer to continue takes the reader
/// back to paragraph 13 (give or take one: where the view's top falls).
fn offered_on_return(app: &App, article: &reader_core::article::Article) {
    let b = &app.browser;
    app.goto(&article_path(article));
    let offer = b.wait_for(".continue-button");
    assert!(b.text(&offer).starts_with("Continue where you left off"));
    b.click(&offer);
    b.wait_until(
        "back at the paragraph",
        "return document.activeElement && document.activeElement.matches('[data-block]')",
        vec![],
    );
    let block: usize = b
        .script("return +document.activeElement.dataset.block", vec![])
        .as_u64()
        .unwrap() as usize;
    assert!((11..=13).contains(&block), "returned to block {block}");
    b.wait_until(
        "the paragraph is in view",
        "const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight",
        vec![],
    );
}

#[test]
fn library_search_finds_highlights_and_notes() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    select_words(b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    type_note(b, "camps and prisons");
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.wait_for(".panel-note");
    app.goto("/");
    let search = b.wait_for("input.search");
    b.send_keys(&search, "PRISONS");
    b.wait_until(
        "a result",
        "return document.querySelectorAll('.search-result').length === 1",
        vec![],
    );
    let result = b.text(&b.wait_for(".search-result"));
    assert!(
        result.contains("Defectors are often forced") && result.contains(&article.title),
        "{result}"
    );
    b.script("const s = document.querySelector('input.search'); s.value = ''; s.dispatchEvent(new Event('input'))", vec![]);
    b.send_keys(&search, "nothing like this");
    b.wait_until(
        "no result",
        "return document.querySelectorAll('.search-result').length === 0",
        vec![],
    );
}
