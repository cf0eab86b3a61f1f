//! Harness for the end-to-end tests: a static server over `dist/` ([`server`]), a minimal
//! W3C WebDriver client ([`webdriver`]) and the engine it drives ([`engine`], chosen with
//! `E2E_BROWSER=chromium|firefox|webkit`, default chromium).

pub mod engine;
pub mod server;
pub mod webdriver;

use std::path::{Path, PathBuf};

use reader_core::article::Article;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The release build under test; `DIST_DIR` overrides `dist/`.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("dist"))
}

/// The articles the build was made from, through the same pipeline.
pub fn articles() -> Vec<Article> {
    let root = repo_root();
    reader_core::pipeline::load_library(
        &root.join("content/articles"),
        &root.join("content/images"),
    )
    .unwrap_or_else(|e| panic!("content does not build: {e:#?}"))
}

/// Where tests write screenshots for people to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = repo_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    dir
}

use server::StaticServer;
use webdriver::Browser;

/// The release build served locally and a browser session on it. The browser closes first.
pub struct App {
    pub browser: Browser,
    pub server: StaticServer,
}

impl App {
    /// Serves `dist/`, starts a browser and opens `path` (e.g. `/`).
    pub fn open(path: &str) -> App {
        let server = StaticServer::start(&dist_dir());
        let browser = Browser::start();
        browser.goto(&server.url(path));
        App { browser, server }
    }

    pub fn goto(&self, path: &str) {
        self.browser.goto(&self.server.url(path));
    }
}

/// The browser-visible path of an article.
pub fn article_path(article: &Article) -> String {
    format!("/articles/{}", article.slug)
}

/// Opening lines of the seed page's clutter, shared with the core's seed test.
pub fn seed_clutter() -> Vec<String> {
    std::fs::read_to_string(repo_root().join("core/tests/fixtures/seed-clutter.txt"))
        .expect("clutter fixture")
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
