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

/// The file of the lazy part `name` (a `#[wasm_split(name)]`) in the build, which must have it.
pub fn lazy_part(name: &str) -> String {
    let file = format!("split_{name}.wasm");
    let found = std::fs::read_dir(dist_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("wasm-split-"))
        .any(|dir| dir.join(&file).is_file());
    assert!(found, "the build has no lazy part {file}");
    file
}

/// The app says, at the foot of the window, that `what` could not be loaded, and runs on.
pub fn assert_part_not_loaded(b: &Browser, what: &str) {
    assert_eq!(
        b.text(&b.wait_for(".part-not-loaded.floating[role=alert] p")),
        format!("{what} could not be loaded. If you are offline, try again once you are online.")
    );
    assert_app_running(b);
}

/// The app still runs (its root says so).
pub fn assert_app_running(b: &Browser) {
    assert_eq!(
        b.script(
            "return document.documentElement.getAttribute('data-app')",
            vec![]
        ),
        serde_json::json!("running"),
        "the app stopped"
    );
}

/// Where tests write screenshots for people to look at: one folder per engine.
pub fn screenshot_dir() -> PathBuf {
    let dir = repo_root()
        .join("target/screenshots")
        .join(engine::Engine::from_env().name());
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

    /// Serves `dist/`, starts a browser and opens `article`'s page, ready for reading: its
    /// text drawn by the app, which can be selected.
    pub fn open_article(article: &Article) -> App {
        let app = App::open(&article_path(article));
        app.browser.wait_for("[data-part]");
        app
    }

    pub fn goto(&self, path: &str) {
        self.browser.goto(&self.server.url(path));
    }
}

/// The article most tests read: the first of the library.
pub fn first_article() -> Article {
    articles().remove(0)
}

/// Copies the folder `from` (a build) into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the build (in a temporary folder named after `name`) whose every page loads
/// `script` (JavaScript) before anything else, as a classic script from the build's own origin
/// (so the page's policy allows it): what a test needs in place before the app starts.
pub fn build_with_script(name: &str, script: &str) -> PathBuf {
    let to = std::env::temp_dir().join(format!("reader-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&dist_dir(), &to);
    std::fs::write(to.join("before-app.js"), script).unwrap();
    let mut pages = vec![("index.html".to_string(), "./")];
    for article in articles() {
        pages.push((format!("articles/{}/index.html", article.slug), "../../"));
    }
    for (page, root) in pages {
        let path = to.join(page);
        let html = std::fs::read_to_string(&path).unwrap().replacen(
            "<title>",
            &format!("<script src=\"{root}before-app.js\"></script>\n    <title>"),
            1,
        );
        std::fs::write(path, html).unwrap();
    }
    to
}

/// The browser-visible path of an article.
pub fn article_path(article: &Article) -> String {
    format!("/articles/{}/", article.slug)
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

/// Selects `words` with the real Selection API: the first occurrence inside the annotatable
/// parts of the page (it may run across inline markup and across parts). Panics if absent.
pub fn select_words(browser: &webdriver::Browser, words: &str) {
    let found = browser.script(
        r#"const words = arguments[0];
           const nodes = [];
           for (const part of document.querySelectorAll('[data-part]')) {
             const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
             while (walker.nextNode()) nodes.push(walker.currentNode);
             nodes.push(null); // parts are separated in the annotatable text
           }
           let text = '', map = [];
           for (const n of nodes) {
             if (n === null) { text += '\n\n'; map.push(null, null); continue; }
             for (let i = 0; i < n.data.length; i++) { map.push([n, i]); }
             text += n.data;
           }
           const at = text.indexOf(words);
           if (at < 0) return false;
           const [sn, so] = map[at];
           const last = map[at + words.length - 1];
           window.getSelection().setBaseAndExtent(sn, so, last[0], last[1] + 1);
           return true;"#,
        vec![serde_json::json!(words)],
    );
    assert_eq!(
        found,
        serde_json::json!(true),
        "{words:?} is not on the page"
    );
}

/// The selection toolbar's button named `text` ("Bookmark", "Note", "Key fact"), once the
/// toolbar shows it: it follows the selection a moment later (selectionchange).
pub fn toolbar_button(browser: &webdriver::Browser, text: &str) -> webdriver::Element {
    browser.wait_until(
        &format!("the selection toolbar offers {text:?}"),
        "return [...document.querySelectorAll('.hl-toolbar .toolbar-text')].some(e => e.textContent === arguments[0])",
        vec![serde_json::json!(text)],
    );
    browser
        .find_all(".hl-toolbar .toolbar-text")
        .into_iter()
        .find(|e| browser.text(e) == text)
        .expect("the button just seen")
}

/// Leaves the app for another page of the same host (as for another site): the browser may
/// keep the app's page for Back (WebKit does; Chromium and Firefox load it again when another
/// window of the app changed things meanwhile).
pub fn leave_for_another_page(b: &webdriver::Browser) {
    b.script(
        "window.leftTheApp = true; location.href = '/images/tumen-river-stand-in.svg';",
        vec![],
    );
    b.wait_until(
        "the other page is shown",
        "return !window.leftTheApp && document.readyState === 'complete'",
        vec![],
    );
}

/// Goes Back, as the browser's button does, to the app's page whose path starts with `path`
/// (the page kept, or loaded again).
pub fn back_to_the_app(b: &webdriver::Browser, path: &str) {
    b.back();
    b.wait_until(
        "the app's page is back",
        "return location.pathname.startsWith(arguments[0]) && document.documentElement.dataset.app === 'running'",
        vec![serde_json::json!(path)],
    );
}

/// The texts of the page's highlights, one entry per highlight id, in document order.
pub fn highlight_texts(browser: &webdriver::Browser) -> Vec<String> {
    let value = browser.script(
        r#"const byId = new Map();
           for (const m of document.querySelectorAll('mark[data-hl]')) {
             byId.set(m.dataset.hl, (byId.get(m.dataset.hl) || '') + m.textContent);
           }
           return [...byId.values()];"#,
        vec![],
    );
    serde_json::from_value(value).expect("strings")
}

/// Runs axe-core (from the npm registry, `node_modules/axe-core`) on the current page and
/// returns each violation as "rule: impact: targets".
pub fn axe_violations(browser: &webdriver::Browser) -> Vec<String> {
    let source = std::fs::read_to_string(repo_root().join("node_modules/axe-core/axe.min.js"))
        .expect("axe-core is installed (scripts/setup.sh runs npm ci)");
    browser.script(&format!("{source}\n;return true;"), vec![]);
    let found = browser.script_async(
        r#"const done = arguments[arguments.length - 1];
           axe.run(document, { resultTypes: ['violations'] })
             .then(r => done(r.violations.map(v => `${v.id}: ${v.impact}: ${v.nodes.map(n => n.target.join(' ')).join(' | ')}`)))
             .catch(e => done(['axe failed: ' + e]));"#,
        vec![],
    );
    serde_json::from_value(found).expect("a list of strings")
}

/// Chooses the sidebar's "Your highlights" tab (the reader's highlights and bookmarks) and waits
/// until its panel is the one shown.
pub fn show_marks(browser: &webdriver::Browser) {
    show_tab(browser, "marks");
}

/// Chooses the sidebar's Key facts tab and waits until it is shown.
pub fn show_facts(browser: &webdriver::Browser) {
    show_tab(browser, "facts");
}

fn show_tab(browser: &webdriver::Browser, tab: &str) {
    browser.click(&browser.wait_for(&format!("#tab-{tab}")));
    browser.wait_until(
        &format!("the {tab} tab is chosen"),
        "return document.querySelector(`#tab-${arguments[0]}`).getAttribute('aria-selected') === 'true' \
           && !document.querySelector(`#${arguments[0]}-tab`).classList.contains('unchosen')",
        vec![serde_json::json!(tab)],
    );
}

/// Scrolls the article's paragraph `block` to the top of the window and waits until the reading
/// position is stored: a later visit offers to continue there.
pub fn leave_at_paragraph(browser: &webdriver::Browser, block: usize) {
    browser.wait_for("[data-block]");
    browser.script(
        "document.querySelector(`[data-block=\"${arguments[0]}\"]`).scrollIntoView({block: 'start'}); window.dispatchEvent(new Event('scroll'))",
        vec![serde_json::json!(block)],
    );
    wait_position_stored(browser);
}

/// Waits until a reading position is stored (the app stores one only once the reader scrolled).
pub fn wait_position_stored(browser: &webdriver::Browser) {
    browser.wait_until(
        "the reading position is stored",
        "return Object.keys(localStorage).some(k => k.startsWith('reader:pos:'))",
        vec![],
    );
}

/// Waits until the highlight editor has opened with its note field and placed focus inside
/// itself (as a reader would see it before typing).
pub fn wait_editor_open(browser: &webdriver::Browser) {
    browser.wait_until(
        "the highlight editor is open with focus inside it",
        "const d = document.querySelector('#hl-editor'); \
         return !!d && d.open && d.contains(document.activeElement) && !!d.querySelector('#hl-note')",
        vec![],
    );
}

/// What an open dialog says in its own live region: `dialog` is its selector (`"#hl-editor"`);
/// `null` while it is not open, or if the region is inert (a screen reader would not hear it).
const DIALOG_SAID: &str =
    "const r = document.querySelector(arguments[0] + '[open] [role=status][aria-live=polite]'); \
     return r && !r.closest('[inert]') ? r.textContent : null";

/// The words the open dialog `dialog` says in its own live region (see [`DIALOG_SAID`]).
pub fn dialog_said(browser: &webdriver::Browser, dialog: &str) -> serde_json::Value {
    browser.script(DIALOG_SAID, vec![serde_json::json!(dialog)])
}

/// Waits until the open dialog `dialog` says exactly `said` in its own live region.
pub fn wait_dialog_says(browser: &webdriver::Browser, dialog: &str, said: &str) {
    browser.wait_until(
        &format!("{dialog} says {said:?}"),
        &format!("return (() => {{ {DIALOG_SAID} }})() === arguments[1]"),
        vec![serde_json::json!(dialog), serde_json::json!(said)],
    );
}

/// The words of each notice shown under the banner (about the reader's saved data), in order.
pub fn notices_shown(browser: &webdriver::Browser) -> Vec<String> {
    let shown = browser.script(
        "return [...document.querySelectorAll('.notices .notice p')].map(p => p.textContent)",
        vec![],
    );
    serde_json::from_value(shown).expect("the notices' words")
}

/// Waits until no dialog is open (the editor, settings, shortcuts): one still open would take
/// the next click or key.
pub fn wait_dialogs_closed(browser: &webdriver::Browser) {
    browser.wait_until(
        "no dialog is open",
        "return !document.querySelector('dialog[open]')",
        vec![],
    );
}

/// Types `text` into the open highlight editor's note, once the editor has opened
/// ([`wait_editor_open`]), and checks it arrived.
pub fn type_note(browser: &webdriver::Browser, text: &str) {
    wait_editor_open(browser);
    let note = browser.wait_for("#hl-note");
    browser.send_keys(&note, text);
    browser.wait_until(
        "the note holds what was typed",
        "return document.querySelector('#hl-note').value.endsWith(arguments[0])",
        vec![serde_json::json!(text)],
    );
}

/// Makes the page's downloads land in `window.__downloads` (`{ name, text }` each) instead of
/// in files: the app downloads by clicking a link to a blob.
pub fn capture_downloads(browser: &webdriver::Browser) {
    browser.script(
        r#"window.__downloads = [];
           HTMLAnchorElement.prototype.click = function () {
             const name = this.download;
             fetch(this.href).then(r => r.text()).then(text => window.__downloads.push({ name, text }));
           };"#,
        vec![],
    );
}

/// Clicks the button labelled `label` (export, kept-aside data) and returns the file it
/// downloads: its name and its text.
pub fn download(browser: &webdriver::Browser, label: &str) -> (String, String) {
    capture_downloads(browser);
    // The library's export and storage sections are the app's lazy part: drawn once it is here.
    browser.wait_until(
        &format!("a button labelled {label:?}"),
        "return [...document.querySelectorAll('button')].some(b => b.textContent.trim() === arguments[0])",
        vec![serde_json::json!(label)],
    );
    let button = browser
        .find_all("button")
        .into_iter()
        .find(|e| browser.text(e) == label)
        .unwrap_or_else(|| panic!("a button labelled {label:?}"));
    browser.click(&button);
    browser.wait_until(
        "the download is captured",
        "return window.__downloads.length === 1",
        vec![],
    );
    let d = browser.script("return window.__downloads[0]", vec![]);
    (
        d["name"].as_str().unwrap().to_string(),
        d["text"].as_str().unwrap().to_string(),
    )
}

/// Starts noting what the app announces (once per page), so that an announcement made and
/// replaced before the next check is still heard.
const HEAR: &str = "const r = document.querySelector('[role=status][aria-live=polite]'); if (!r) return false; \
     if (!r.__heard) { r.__heard = [r.textContent]; new MutationObserver(() => r.__heard.push(r.textContent)).observe(r, { childList: true, characterData: true, subtree: true }); }";

/// Sets the theme the way the app stores it, then reloads so the app starts with it.
pub fn use_theme(app: &App, theme: &str) {
    let b = &app.browser;
    b.script(
        "localStorage.setItem('reader:settings', JSON.stringify({theme: arguments[0]}))",
        vec![serde_json::json!(theme)],
    );
    b.reload();
    b.wait_until(
        "the theme is applied",
        "return document.documentElement.dataset.theme === arguments[0]",
        vec![serde_json::json!(theme)],
    );
}

/// Notes announcements from now on: called before an action whose announcement another may
/// replace at once (in WebKit on a slow machine, "Ready to work offline" replaced "Highlight
/// restored" before the first check of `wait_said`).
pub fn hear(b: &Browser) {
    b.wait_until(
        "the app's announcements are heard",
        &format!("{HEAR} return true;"),
        vec![],
    );
}

/// Waits until the polite live region has said exactly `said`: now, or since the last thing
/// waited for. Everything it says is heard (a later announcement can replace one before a
/// look at the region would see it: once in five runs in Chromium, for "Highlight restored").
pub fn wait_said(b: &Browser, said: &str) {
    said_where(b, said, false);
}

/// [`wait_said`] for an announcement that holds `part`.
pub fn wait_said_in_part(b: &Browser, part: &str) {
    said_where(b, part, true);
}

fn said_where(b: &Browser, said: &str, in_part: bool) {
    b.wait_until(
        &format!("the app says {said:?}"),
        &format!(
            "{HEAR} const at = r.__heard.findLastIndex(t => arguments[1] ? t.includes(arguments[0]) : t === arguments[0]); \
             if (at < 0) return false; r.__heard.splice(0, at + 1); return true;"
        ),
        vec![serde_json::json!(said), serde_json::json!(in_part)],
    );
}

/// Waits for the adding of files to be over and returns the results as shown, one per line.
pub fn results_after(b: &webdriver::Browser, count: usize) -> Vec<String> {
    b.wait_until(
        "every file has its result and nothing is being added",
        "return document.querySelectorAll('.add-results li').length === arguments[0] && !document.querySelector('.add-progress')",
        vec![serde_json::json!(count)],
    );
    let texts = b.script(
        "return [...document.querySelectorAll('.add-results li')].map(li => li.textContent)",
        vec![],
    );
    texts
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// The titles the library lists now, in order (a JSON list).
pub fn library_titles(b: &webdriver::Browser) -> serde_json::Value {
    b.script(
        "return [...document.querySelectorAll('.library-title')].map(t => t.textContent)",
        vec![],
    )
}

/// Chooses "Replace it with this copy" on the add section's offered line and waits until the
/// line says the text was replaced.
pub fn replace_with_copy(b: &webdriver::Browser) {
    b.click(&b.wait_for(".add-replace"));
    b.wait_for(".add-replaced");
}

/// Undoes a replace by a newer copy (`replace_with_copy`) and waits until the earlier copy is
/// back, its line offering the newer copy again.
pub fn undo_replace(b: &webdriver::Browser) {
    b.click(&b.wait_for(".undo-button"));
    b.wait_until(
        "the earlier copy is back and the newer offered again",
        "return !!document.querySelector('.add-replace')",
        vec![],
    );
}

/// Opens the listed article `title` once the library lists it (it reads the reader's own
/// articles from the browser's store after it is drawn).
pub fn open_listed(b: &webdriver::Browser, title: &str) {
    b.wait_until(
        "the article is listed",
        "return [...document.querySelectorAll('.library-title a')].some(a => a.textContent === arguments[0])",
        vec![serde_json::json!(title)],
    );
    let link = b
        .find_all(".library-title a")
        .into_iter()
        .find(|a| b.text(a) == title)
        .unwrap();
    b.click(&link);
}

/// The app on the library, where the reader has added the file `name` holding `content`, and
/// it was added as the article `title`.
pub fn library_with(name: &str, content: &str, title: &str) -> App {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    assert_eq!(
        add_file(b, name, content),
        vec![format!("{name}: Added as {title}")]
    );
    app
}

/// Adds the file `name` holding `content` through the library's file chooser; its result.
pub fn add_file(b: &webdriver::Browser, name: &str, content: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("reader-own-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    b.choose_files("#add-files", path.to_str().unwrap());
    results_after(b, 1)
}

/// Gives the file `name` holding `contents` to the library's file input `input` (import,
/// restore) and returns the section's own report once the work is over: its headline, then its
/// folded details (shown or not) line by line.
pub fn transfer_file(b: &webdriver::Browser, input: &str, contents: &str, name: &str) -> String {
    let path = std::env::temp_dir().join(format!("reader-transfer-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    let before = b.script(
        "const r = document.querySelector('.import-report'); return r ? r.textContent : null",
        vec![],
    );
    b.choose_files(input, path.to_str().unwrap());
    b.wait_until(
        "the section's own report is shown and nothing is being done",
        "const r = document.querySelector('.import-report'); return !!r && r.textContent !== arguments[0] && document.querySelector('#transfer-heading').parentElement.getAttribute('aria-busy') === 'false'",
        vec![before],
    );
    let report = b.wait_for(".import-report");
    let details = b.script(
        "return [...arguments[0].querySelectorAll('details li')].map(li => li.textContent).join('\\n')",
        vec![report.arg()],
    );
    let headline = b.text(&b.wait_for(".import-report > p, p.import-report"));
    format!("{headline}\n{}", details.as_str().unwrap_or_default())
        .trim_end()
        .to_string()
}

/// Waits until the service worker controls the page with the app precached ("Ready to work
/// offline").
pub fn wait_until_ready_offline(b: &webdriver::Browser) {
    b.wait_until(
        "the service worker controls the page, the app precached",
        "return document.querySelector('.offline-status')?.textContent === 'Ready to work offline' && !!navigator.serviceWorker.controller",
        vec![],
    );
}

/// Waits until the image `css` (the first match) is drawn from the browser's store (a `blob:`
/// URL), loaded and `width` pixels wide.
pub fn wait_for_stored_image(b: &webdriver::Browser, what: &str, css: &str, width: u32) {
    b.wait_until(
        what,
        "const img = document.querySelector(arguments[0]); return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth === arguments[1]",
        vec![serde_json::json!(css), serde_json::json!(width)],
    );
}
