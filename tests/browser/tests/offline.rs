//! After one visit the app works with the network cut; a new deploy is offered and loaded.

use std::path::Path;
use std::time::Duration;

use browser_tests::webdriver::Browser;
use browser_tests::{
    article_path, articles, assert_part_not_loaded, copy_dir, dist_dir, first_article,
    highlight_texts, lazy_part, select_words, type_note, App,
};
use serde_json::json;

fn wait_ready_offline(app: &App) {
    let b = &app.browser;
    let status = b.wait_for(".offline-status");
    b.wait_until(
        "the app says it works offline",
        "return document.querySelector('.offline-status').textContent === 'Ready to work offline' && !!navigator.serviceWorker.controller",
        vec![],
    );
    let _ = status;
}

#[test]
fn library_and_article_reload_with_the_network_cut() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    select_words(b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .swatch.hl-blue"));
    b.wait_for("mark[data-hl]");
    wait_ready_offline(&app);

    app.server.set_offline(true);
    b.reload();
    b.wait_for("mark[data-hl]");
    assert_eq!(
        highlight_texts(b),
        vec!["Defectors are often forced into labor camps".to_string()]
    );
    let image = "const i = document.querySelector('figure img'); return !!i && i.complete && i.naturalWidth > 0";
    b.wait_until("the figure's image shows offline", image, vec![]);
    app.goto("/");
    b.wait_for(".library-item");
    assert!(b
        .text(&b.wait_for(".library-title"))
        .contains(&article.title));
    // A deep link typed into the address bar, offline.
    app.goto(&article_path(&article));
    b.wait_for("mark[data-hl]");
    app.server.set_offline(false);
}

/// A copy of the build in `to`, changed the way a new deploy would be: a different page and a
/// different service worker version.
fn second_build(to: &Path) {
    build_named(to, "second");
}

/// A copy of the build in `to` as a new deploy named `name`: its pages carry `<meta name=build
/// content=name>`, and its service worker's version starts with the name.
fn build_named(to: &Path, name: &str) {
    let _ = std::fs::remove_dir_all(to);
    copy_dir(&dist_dir(), to);
    let mut pages = vec![to.join("index.html")];
    for article in articles() {
        pages.push(to.join(format!("articles/{}/index.html", article.slug)));
    }
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap().replace(
            "<title>",
            &format!("<meta name=\"build\" content=\"{name}\" />\n    <title>"),
        );
        std::fs::write(page, html).unwrap();
    }
    let sw = std::fs::read_to_string(to.join("sw.js")).unwrap();
    let sw = sw.replacen(
        "const VERSION = \"",
        &format!("const VERSION = \"{name}-"),
        1,
    );
    std::fs::write(to.join("sw.js"), sw).unwrap();
}

/// Waits until the page has reloaded into the build `second_build` made (its `<meta>`) and
/// `drawn` (a selector) shows the app drew it; `what` names the wait.
fn wait_second_build(b: &Browser, what: &str, drawn: &str) {
    wait_build(b, "second", what, drawn);
}

/// Waits until the page has reloaded into the build `build_named` named `name`.
fn wait_build(b: &Browser, name: &str, what: &str, drawn: &str) {
    b.wait_until(
        what,
        "return !!document.querySelector(`meta[name=build][content=${arguments[0]}]`) && !!document.querySelector(arguments[1])",
        vec![json!(name), json!(drawn)],
    );
}

/// The names of the page's origin's caches (one per version of the service worker).
fn cache_names(b: &Browser) -> Vec<String> {
    let names = b.script_async(
        "const done = arguments[0]; caches.keys().then(done)",
        vec![],
    );
    serde_json::from_value(names).unwrap()
}

/// Takes the file named `name` out of the build in `build`: off the host, and out of the list
/// its service worker installs (which fails on a file it cannot fetch). Returns its path below
/// the build.
fn without_file(build: &Path, name: &str) -> std::path::PathBuf {
    let below = std::fs::read_dir(build)
        .unwrap()
        .map(|e| e.unwrap().path().join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("no {name} in {}", build.display()))
        .strip_prefix(build)
        .unwrap()
        .to_path_buf();
    std::fs::remove_file(build.join(&below)).unwrap();
    let sw = std::fs::read_to_string(build.join("sw.js")).unwrap();
    let end = sw
        .find(&format!("/{name}\""))
        .expect("the worker installs the file")
        + name.len()
        + 2;
    let start = sw[..end - 1].rfind('"').unwrap();
    let (start, end) = match sw[end..].starts_with(',') {
        true => (start, end + 1),
        false => (sw[..start].rfind(',').unwrap(), end),
    };
    std::fs::write(
        build.join("sw.js"),
        format!("{}{}", &sw[..start], &sw[end..]),
    )
    .unwrap();
    below
}

/// The library, ready offline, then a new deploy (in a folder named after `name`, returned)
/// served and the library read again: the old build still shows, and offers the update.
fn library_with_a_new_deploy_waiting(name: &str) -> (App, std::path::PathBuf) {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    wait_ready_offline(&app);
    let next = std::env::temp_dir().join(format!("reader-{name}-build-{}", std::process::id()));
    second_build(&next);
    app.server.serve_from(&next);
    b.reload();
    b.wait_for(".library-item");
    (app, next)
}

#[test]
fn a_new_deploy_is_offered_then_loaded_whole() {
    let (app, next) = library_with_a_new_deploy_waiting("second");
    let b = &app.browser;
    // The old build keeps serving until the reader agrees.
    assert_eq!(
        b.script(
            "return !!document.querySelector('meta[name=build]')",
            vec![]
        ),
        json!(false)
    );
    let button = b.wait_for(".update-button");
    b.click(&button);
    wait_second_build(b, "the page reloaded into the new build", ".library-item");
    // Only the new build's cache is left.
    let caches = cache_names(b);
    assert_eq!(caches.len(), 1, "{caches:?}");
    assert!(caches[0].starts_with("reader-second-"), "{caches:?}");
    let _ = std::fs::remove_dir_all(&next);
}

#[test]
fn only_the_tab_that_asked_reloads_into_a_new_deploy() {
    let article = first_article();
    let app = App::open_article(&article);
    let b = &app.browser;
    wait_ready_offline(&app);
    let first = b.window_handle();
    let second = b.new_window();
    b.switch_to(&second);
    app.goto(&article_path(&article));
    b.wait_for("[data-part]");
    wait_ready_offline(&app);
    // In the second tab, a note half typed.
    select_words(b, "Defectors are often forced into labor camps");
    b.click(&b.wait_for(".hl-toolbar .toolbar-text"));
    type_note(b, "Half a thought");
    b.script(
        "window.__page = 'kept'; window.__changed = false; navigator.serviceWorker.addEventListener('controllerchange', () => { window.__changed = true; })",
        vec![],
    );

    let next = std::env::temp_dir().join(format!("reader-third-build-{}", std::process::id()));
    second_build(&next);
    app.server.serve_from(&next);
    b.switch_to(&first);
    b.reload();
    b.wait_for("[data-part]");
    // The page has fetched what it fetches as it starts: with the second tab's highlight, the
    // list of highlights' part. Chromium parks a new worker whose activation meets a fetch
    // handled by the old one (it then stays waiting however often it is told to skip waiting),
    // so a click the moment the offer shows, while that part is still coming, met it about
    // once in 25 runs. See the note on issue #12.
    b.wait_for("#marks-tab .panel-item.highlight");
    // And the library's index, which an article's page reads once the app has taken it over:
    // with the app a smaller download, that fetch could come after the list above, and the
    // click met it (twice in two clean-clone runs of ./scripts/test.sh, never run alone).
    b.wait_until(
        "the page has read the library's index",
        "return performance.getEntriesByType('resource').some(e => /\\/library-[0-9a-f]+\\.json$/.test(e.name) && e.responseEnd > 0)",
        vec![],
    );
    // The browser looks for a new version now and then; a check made just before (the second
    // tab's) may make it skip one at this reload, so ask for it as the browser eventually does.
    b.click(&b.wait_for(".update-button"));
    wait_second_build(
        b,
        "the tab that asked reloaded into the new build",
        "[data-part]",
    );

    b.switch_to(&second);
    b.wait_until(
        "the new version took over the second tab too",
        "return window.__changed === true",
        vec![],
    );
    assert_eq!(
        b.script(
            "return [window.__page, document.querySelector('#hl-note').value, !!document.querySelector('meta[name=build]')]",
            vec![]
        ),
        json!(["kept", "Half a thought", false]),
        "the second tab kept its page and its note"
    );
    // It still offers the update, which now loads at once, once the note is saved.
    b.click(&b.wait_for("#hl-editor button.primary"));
    b.press_key("\u{E00C}");
    b.wait_until(
        "the editor closed",
        "return !document.querySelector('#hl-editor[open]')",
        vec![],
    );
    b.click(&b.wait_for(".update-button"));
    wait_second_build(
        b,
        "the second tab reloaded into the new build when asked",
        "[data-part]",
    );
    let _ = std::fs::remove_dir_all(&next);
}

/// What the update's line says while a download in progress holds the new version up.
const HELD: &str = "The new version loads as soon as the downloads in progress finish…";

/// With a new deploy waiting: a slow download started (a file the old worker has not cached,
/// so it asks the network, which holds it until `app.server.hold(None)`), then the update asked
/// for; returns once the line says the update waits for the download. The line is kept as
/// `window.__line` first.
fn update_during_a_slow_download(app: &App) {
    let b = &app.browser;
    let button = b.wait_for(".update-button");
    b.script(
        "window.__line = document.querySelector('.offline-status')",
        vec![],
    );
    app.server.hold(Some("slow-download.txt"));
    b.script("fetch('slow-download.txt')", vec![]);
    app.server.wait_for_request(
        "slow-download.txt",
        0,
        Duration::from_secs(30),
        "the page asked for the slow file",
    );
    b.click(&button);
    b.wait_until(
        "the offer says the update waits for the download",
        "return document.querySelector('.offline-status')?.textContent === arguments[0]",
        vec![json!(HELD)],
    );
}

/// Every engine lets a new worker take over only once the old one has answered the requests in
/// progress: a reader who asks for the update during a slow download is told what it waits for,
/// and gets the new version when the download ends.
#[test]
fn an_update_asked_for_during_a_slow_download_says_what_it_waits_for() {
    let (app, next) = library_with_a_new_deploy_waiting("slow");
    let b = &app.browser;
    update_during_a_slow_download(&app);
    assert_eq!(
        b.script(
            "return [!!document.querySelector('.update-button'), !!document.querySelector('meta[name=build]'), window.__line === document.querySelector('.offline-status'), document.activeElement === window.__line]",
            vec![]
        ),
        json!([false, false, true, true]),
        "no button to press again, still the old build, the words changed in the same live region (so that they are heard), and the keyboard focus on it (not lost with the button)"
    );
    app.server.hold(None);
    wait_second_build(
        b,
        "the page reloaded into the new build once the download ended",
        ".library-item",
    );
    let _ = std::fs::remove_dir_all(&next);
}

/// A version deployed while a download holds up the update the reader asked for replaces the
/// version asked for, which is gone: it loads in its place once the download ends, without the
/// reader being asked again (the tab used to offer the update anew, its reader having asked).
#[test]
fn a_version_deployed_while_an_asked_update_waits_loads_in_its_place() {
    let (app, next) = library_with_a_new_deploy_waiting("asked");
    let b = &app.browser;
    update_during_a_slow_download(&app);
    // A third version deployed, which the browser finds (as it looks now and then).
    let third = std::env::temp_dir().join(format!("reader-third-deploy-{}", std::process::id()));
    build_named(&third, "third");
    app.server.serve_from(&third);
    let found = b.script_async(
        "const done = arguments[0]; \
         navigator.serviceWorker.getRegistration().then((r) => { \
           window.__registration = r; window.__asked = r.waiting; return r.update(); }) \
         .then(() => done(true), (e) => done(String(e)))",
        vec![],
    );
    assert_eq!(found, json!(true), "the browser looked for a new version");
    b.wait_until(
        "the third version is installed, in place of the second",
        "const r = window.__registration; return !!r.waiting && r.waiting !== window.__asked && !r.installing",
        vec![],
    );
    assert_eq!(
        b.script(
            "return [document.querySelector('.offline-status').textContent, !!document.querySelector('.update-button'), !!document.querySelector('meta[name=build]')]",
            vec![]
        ),
        json!([HELD, false, false]),
        "still the old build, waiting for the download, with no offer to press again"
    );
    app.server.hold(None);
    wait_build(
        b,
        "third",
        "the page reloaded into the third version once the download ended",
        ".library-item",
    );
    let caches = cache_names(b);
    assert!(
        caches.len() == 1 && caches[0].starts_with("reader-third-"),
        "only the third version's cache is left: {caches:?}"
    );
    let _ = std::fs::remove_dir_all(&next);
    let _ = std::fs::remove_dir_all(&third);
}

/// The update's button and what its click does are a part of the app's module, fetched when an
/// update is first offered, from the old version's cache. Where that part is gone (evicted from
/// the cache, and no longer on the host), the line still says a new version is ready, the reader
/// is told that its button could not be loaded, and the next reading of the page offers it.
#[test]
fn the_update_buttons_part_that_cannot_be_fetched_is_said_and_offered_on_the_next_reading() {
    let part = lazy_part("update");
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    wait_ready_offline(&app);
    let removed = b.script_async(
        "const [part, done] = arguments; \
         caches.keys().then((names) => Promise.all(names.map((name) => caches.open(name).then((cache) => \
           cache.keys().then((requests) => Promise.all(requests \
             .filter((r) => r.url.endsWith('/' + part)).map((r) => cache.delete(r)))))))) \
         .then((all) => done(all.flat().filter(Boolean).length))",
        vec![json!(part)],
    );
    assert_eq!(removed, json!(1), "the part was in the cache once");
    let next = std::env::temp_dir().join(format!("reader-no-button-build-{}", std::process::id()));
    second_build(&next);
    let gone = without_file(&next, &part);
    app.server.serve_from(&next);
    b.reload();
    b.wait_for(".library-item");
    assert_part_not_loaded(b, "The button to load the new version");
    assert_eq!(
        b.script(
            "return [document.querySelector('.offline-status').textContent, !!document.querySelector('.update-button'), !!document.querySelector('meta[name=build]')]",
            vec![]
        ),
        json!(["A new version of the reader is ready. ", false, false]),
        "the old build says the new version is ready, without the button"
    );

    // The host has the part again.
    std::fs::copy(dist_dir().join(&gone), next.join(&gone)).unwrap();
    b.reload();
    b.wait_for(".library-item");
    b.click(&b.wait_for(".update-button"));
    wait_second_build(b, "the page reloaded into the new build", ".library-item");
    let _ = std::fs::remove_dir_all(&next);
}

#[test]
fn the_app_is_installable_with_its_own_icons() {
    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".library-item");
    let manifest = b.script_async(
        r#"const done = arguments[0];
           const link = document.querySelector('link[rel=manifest]');
           fetch(link.href).then(r => r.json()).then(async m => {
             const icons = await Promise.all(m.icons.map(i => fetch(new URL(i.src, link.href)).then(r => [i.src, r.ok, r.headers.get('content-type')])));
             done({ manifest: m, icons, scope: new URL(m.scope, link.href).href, start: new URL(m.start_url, link.href).href });
           }).catch(e => done({ error: String(e) }));"#,
        vec![],
    );
    let m = &manifest["manifest"];
    assert_eq!(m["name"], json!("Reader"), "{manifest}");
    assert_eq!(m["short_name"], json!("Reader"));
    assert!(m["theme_color"].is_string() && m["background_color"].is_string());
    // Scope and start URL are relative, so they follow the app to any sub-path.
    assert_eq!(
        manifest["scope"],
        json!(format!("{}/", app.server.base_url))
    );
    assert_eq!(
        manifest["start"],
        json!(format!("{}/", app.server.base_url))
    );
    let icons = manifest["icons"].as_array().unwrap();
    assert!(icons.iter().any(|i| i[2] == json!("image/svg+xml")));
    assert!(icons.iter().filter(|i| i[2] == json!("image/png")).count() >= 2);
    assert!(icons.iter().all(|i| i[1] == json!(true)), "{icons:?}");
}
