//! Build-time rendering (`ssr` feature): every route's page as HTML, drawn by the same
//! components the browser runs, as a first visit sees it (no stored highlights, default
//! settings), and the library's data files. `bin/prerender.rs` writes each page into Trunk's
//! `index.html`, and the data files beside them. Each page names the files the app reads
//! before taking it over (its loader preloads them once the page is painted): the library's
//! index, and an article page its article; the library page also names the part of the app's
//! module it needs first (`parts::META`).

use leptos::prelude::*;

use crate::{articles, parts, routes};
use reader_core::article::escape_html;

/// One page of the build.
pub struct Page {
    /// The file in `dist/`, e.g. `articles/<slug>/index.html`.
    pub file: String,
    /// The page's `<base href>`: the way back to the app's root from the file's folder.
    pub base: String,
    pub title: String,
    /// What the page adds to its head: the data files it names.
    pub head: String,
    /// The rendered app, the body's content.
    pub body: String,
}

/// The library's data files (the index, then one per article), for the build folder.
pub fn data_files() -> Vec<reader_core::library::DataFile> {
    let (index, articles) = articles::bundle::files();
    std::iter::once(index.clone())
        .chain(articles.iter().cloned())
        .collect()
}

/// Every route with a file: the library and each article; and `404.html`, the app's
/// not-found page, which hosts serve for any unknown address (scripts/build/not-found.mjs
/// lets it find the app's root from wherever it is served).
pub fn pages() -> Vec<Page> {
    let (index, files) = articles::bundle::files();
    let library = meta("reader-library", &index.path);
    let mut pages = vec![Page {
        head: format!("{library}{}", meta(parts::META, parts::LIBRARY)),
        ..render(routes::LIBRARY)
    }];
    for (entry, file) in articles::index().iter().zip(files) {
        let page = render(&routes::article(&entry.slug));
        pages.push(Page {
            head: format!("{library}{}", meta("reader-article", &file.path)),
            body: format!("{}{}", page.body, early_script(&entry.slug)),
            ..page
        });
    }
    // The reader's own articles' page: it names its article in its query.
    pages.push(Page {
        head: library.clone(),
        ..render(routes::OWN_PAGE)
    });
    // Served at any depth, 404.html names the index relative to the app's root, which its
    // loader finds first (scripts/build/not-found.mjs).
    pages.push(Page {
        file: "404.html".into(),
        head: meta("reader-library", &index.path),
        ..render_at("/404.html", "./")
    });
    pages
}

/// The script that draws a returning reader's highlights on article `slug`'s page before the
/// app starts (`src/early_highlights.js`, `reader_core::early`), at the end of the body: it
/// runs as the page is read in, once the article's text is there. Its comment lines and
/// indentation are left out (every article page carries it); the CSP allows it by its hash
/// (scripts/build/csp.mjs).
fn early_script(slug: &str) -> String {
    let code: String = include_str!("early_highlights.js")
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    format!(
        "<script data-slug=\"{}\">\n{code}</script>",
        escape_html(slug)
    )
}

/// A `<meta>` naming the data file at `path` (relative to the app's root) for the app. The
/// loader preloads it once the page is painted (scripts/build/loader.mjs): a preload in the
/// head would share a slow link with the page before its first paint.
fn meta(name: &str, path: &str) -> String {
    format!(
        "\n    <meta name=\"{name}\" content=\"{}\" />",
        escape_html(path)
    )
}

/// Renders the page at `href` (relative to the root, as in the app's links).
fn render(href: &str) -> Page {
    let folder = href.trim_start_matches("./");
    let depth = folder.matches('/').count();
    let base = if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    };
    Page {
        file: format!("{folder}index.html"),
        ..render_at(&format!("/{folder}"), &base)
    }
}

/// The app as drawn at `path`, in a file whose way back to the root is `base`.
fn render_at(path: &str, base: &str) -> Page {
    let owner = Owner::new();
    let body = owner.with(|| view! { <crate::app::App path=path.to_string() /> }.to_html());
    Page {
        file: String::new(),
        base: base.to_string(),
        title: crate::dom::prerendered_title(),
        head: String::new(),
        body,
    }
}

/// The template (Trunk's `index.html`) with the page's title, base and body.
pub fn fill(template: &str, page: &Page) -> Result<String, String> {
    let replace = |html: &str, start: &str, end: &str, with: &str| -> Result<String, String> {
        let from = html
            .find(start)
            .ok_or_else(|| format!("the template has no {start}"))?
            + start.len();
        let to = from
            + html[from..]
                .find(end)
                .ok_or_else(|| format!("the template's {start} is not closed"))?;
        Ok(format!("{}{with}{}", &html[..from], &html[to..]))
    };
    let html = replace(template, "<title>", "</title>", &escape_html(&page.title))?;
    let html = replace(&html, "<base href=\"", "\"", &page.base)?;
    let html = replace(&html, "<body>", "</body>", &page.body)?;
    let head = html.find("</head>").ok_or("the template has no </head>")?;
    Ok(format!(
        "{}{}\n  {}",
        &html[..head],
        page.head,
        &html[head..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str =
        "<html><head><title>Reader</title><base href=\"./\" /></head><body></body></html>";

    #[test]
    fn every_route_has_a_page_with_its_content_and_the_way_back_to_the_root() {
        let pages = pages();
        let articles = articles::bundle::articles();
        assert_eq!(pages.len(), 3 + articles.len());
        // The reader's own articles' page: loading, never "not found" before the app reads
        // its query.
        let own = &pages[pages.len() - 2];
        assert_eq!(
            (own.file.as_str(), own.base.as_str()),
            ("own/index.html", "../")
        );
        assert!(strip_tags(&own.body).contains("Opening the article…"));
        assert!(!strip_tags(&own.body).contains("not found"));
        let not_found = pages.last().unwrap();
        assert_eq!(not_found.file, "404.html");
        assert_eq!(not_found.title, "Page not found · Reader");
        assert!(strip_tags(&not_found.body).contains("Back to the library"));
        assert_eq!(
            (pages[0].file.as_str(), pages[0].base.as_str()),
            ("index.html", "./")
        );
        assert_eq!(pages[0].title, "Library · Reader");
        // It names the library's part, which its loader fetches beside the app's module.
        assert!(pages[0]
            .head
            .contains("<meta name=\"reader-parts\" content=\"library\" />"));
        assert!(pages[1..].iter().all(|p| !p.head.contains("reader-parts")));
        let files = data_files();
        assert!(pages[0].head.contains(&format!(
            "<meta name=\"reader-library\" content=\"{}\" />",
            files[0].path
        )));
        for ((page, article), file) in pages[1..pages.len() - 2]
            .iter()
            .zip(articles)
            .zip(&files[1..])
        {
            assert!(page.head.contains(&format!(
                "<meta name=\"reader-article\" content=\"{}\" />",
                file.path
            )));
            assert!(!page.head.contains("preload"), "{}", page.head);
            assert_eq!(page.file, format!("articles/{}/index.html", article.slug));
            assert_eq!(page.base, "../../");
            assert_eq!(page.title, format!("{} · Reader", article.title));
            let html = fill(TEMPLATE, page).unwrap();
            assert!(html.contains("<base href=\"../../\" />"), "{html}");
            for paragraph in article.paragraphs() {
                // Text only ever as text: escaped the way the renderer writes text nodes.
                let escaped = paragraph
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                let plain = strip_tags(&html);
                assert!(plain.contains(&escaped), "missing paragraph: {paragraph}");
            }
            for fact in &article.facts {
                // Drawn from one string, escaped by the article's model.
                let escaped = reader_core::article::escape_html(&fact.text);
                assert!(
                    strip_tags(&html).contains(&escaped),
                    "missing fact: {}",
                    fact.text
                );
            }
        }
    }

    #[test]
    fn a_title_is_text_in_the_page_whatever_it_holds() {
        let page = Page {
            file: "index.html".into(),
            base: "./".into(),
            title: r#"<meta http-equiv="Content-Security-Policy" content='x'> & more"#.into(),
            head: String::new(),
            body: String::new(),
        };
        let html = fill(TEMPLATE, &page).unwrap();
        assert!(
            html.contains("<title>&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&#39;x&#39;&gt; &amp; more</title>"),
            "{html}"
        );
    }

    #[test]
    fn a_template_without_its_markers_is_an_error() {
        let page = &pages()[0];
        assert!(fill("<html><body></body></html>", page)
            .unwrap_err()
            .contains("<title>"));
        assert!(fill("<title>x</title><body>", page).is_err());
    }

    /// The page's text with elements and comments removed (entities kept).
    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }
}
