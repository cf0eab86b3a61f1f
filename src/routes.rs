//! The app's URLs. Every page has its own file in the build (`index.html`,
//! `articles/<slug>/index.html`), so any static host serves a deep link without rewrite rules.
//! Links are written relative to the app's root, which each page names in its `<base href>`
//! ("./" or "../../"); the app therefore works at a domain's root or under any sub-path
//! without rebuilding. The router is given the root's path as its base.

/// The library's href.
pub const LIBRARY: &str = "./";

/// The page of the reader's own articles (which have no file of their own: the page names the
/// article in its query, `own/?a=<slug>`).
pub const OWN_PAGE: &str = "own/";

/// The href of the page of the article `slug`.
pub fn article(slug: &str) -> String {
    if crate::articles::is_own(slug) {
        format!("{OWN_PAGE}?a={slug}")
    } else {
        format!("articles/{slug}/")
    }
}

/// The absolute URL of the app's root, as the page's `<base>` resolves it ("" when
/// prerendering, where links stay relative).
pub fn root_url() -> String {
    if crate::dom::PRERENDERING {
        return String::new();
    }
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The router's base: the path of the app's root without its final slash ("" at a domain's
/// root, "/reader" under a sub-path).
pub fn router_base() -> String {
    path_of(&root_url())
}

fn path_of(root: &str) -> String {
    let path = match root.find("://") {
        Some(scheme) => root[scheme + 3..]
            .find('/')
            .map_or("/", |p| &root[scheme + 3 + p..]),
        None => "/",
    };
    path.trim_end_matches('/').to_string()
}

/// A location's path (with the base, as the address bar shows it) as an href relative to the
/// root.
pub fn relative(path: &str, base: &str) -> String {
    match path
        .strip_prefix(base)
        .unwrap_or(path)
        .trim_start_matches('/')
    {
        "" => LIBRARY.to_string(),
        rest => rest.to_string(),
    }
}

/// The pages of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Library,
    /// A bundled article's page (`articles/<slug>/`), with its slug.
    Article(String),
    /// The page of the reader's own articles (`own/`), which names the article in its query.
    Own,
    NotFound,
}

/// The page at `href`, a path relative to the root as [`relative`] makes it. A trailing slash
/// may be left out, as a static host may leave it out.
pub fn page(href: &str) -> Page {
    let path = href.trim_end_matches('/');
    match path.split('/').collect::<Vec<_>>()[..] {
        ["."] | [""] => Page::Library,
        ["articles", slug] if !slug.is_empty() => Page::Article(slug.to_string()),
        ["own"] => Page::Own,
        _ => Page::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_address_and_anything_else_is_not_found() {
        assert_eq!(page(LIBRARY), Page::Library);
        assert_eq!(page("articles/a-story/"), Page::Article("a-story".into()));
        assert_eq!(page("articles/a-story"), Page::Article("a-story".into()));
        assert_eq!(page("own/"), Page::Own);
        assert_eq!(page("own"), Page::Own);
        for lost in [
            "articles/",
            "articles//",
            "articles/a/b/",
            "no/such/page",
            "404.html",
            "index.html",
            "ownx/",
        ] {
            assert_eq!(page(lost), Page::NotFound, "{lost}");
        }
    }

    #[test]
    fn the_router_base_is_the_roots_path_without_its_final_slash() {
        assert_eq!(path_of("https://example.org/"), "");
        assert_eq!(path_of("https://example.org/reader/"), "/reader");
        assert_eq!(path_of("http://127.0.0.1:8080/a/b/"), "/a/b");
        assert_eq!(path_of(""), "");
    }

    #[test]
    fn locations_become_hrefs_relative_to_the_root() {
        assert_eq!(relative("/", ""), "./");
        assert_eq!(relative("/reader/", "/reader"), "./");
        assert_eq!(relative("/reader", "/reader"), "./");
        assert_eq!(relative("/reader/articles/x/", "/reader"), "articles/x/");
        assert_eq!(relative("/articles/x/", ""), "articles/x/");
    }
}
