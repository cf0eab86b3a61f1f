//! A minimal W3C WebDriver client: starts the engine's driver, opens one session with a fresh
//! profile, and closes both when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::engine::Engine;

/// The W3C key under which an element reference travels.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long waits poll before failing.
pub const WAIT: Duration = Duration::from_secs(15);

pub struct Browser {
    pub engine: Engine,
    session_url: String,
    agent: ureq::Agent,
    /// Ended after the session is deleted (fields drop after `Drop::drop`).
    _driver: Driver,
    javascript: bool,
}

/// The WebDriver server process and the profile folder it uses, both gone when dropped.
struct Driver {
    child: Child,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

#[derive(Clone, Debug)]
pub struct Element(Value);

/// A script for the element given as its first argument: `hit` is whether its (first box's)
/// centre hits it, and when not it is scrolled into view at once (which also ends a smooth
/// scroll under way); `r` is that box.
const IN_VIEW: &str = r#"const e = arguments[0], r = e.getClientRects()[0];
    let hit = r && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    hit = !!hit && e.contains(hit);
    if (!hit) e.scrollIntoView({ block: 'center', inline: 'nearest' });"#;

impl Browser {
    pub fn start() -> Browser {
        Browser::start_with(true)
    }

    /// A browser with JavaScript switched off in its settings (`javascript` false), as a reader
    /// may have it.
    pub fn start_with(javascript: bool) -> Browser {
        Browser::start_engine(Engine::from_env(), javascript)
    }

    /// A browser of `engine`, whichever engine the suite runs in (a backup made in one engine
    /// is restored in another).
    pub fn start_engine(engine: Engine, javascript: bool) -> Browser {
        // WebKitWebDriver now and then never answers a new session (seen once in a full run);
        // a fresh driver and profile then does. Any other failure still panics at once.
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Browser::try_start(engine, javascript) {
                Ok(browser) => return browser,
                Err(why) => failures.push(why),
            }
        }
        panic!("no session could be opened: {failures:?}")
    }

    fn try_start(engine: Engine, javascript: bool) -> Result<Browser, String> {
        let port = free_port();
        let profile =
            std::env::temp_dir().join(format!("reader-e2e-profile-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&profile).expect("temp dir is writable");
        engine.prepare_profile(&profile);
        let (program, args) = engine.driver_command(port);
        let child = Command::new(program)
            .args(&args)
            .envs(engine.driver_env(&profile))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program} (run the README's test command, which installs it): {e}"));
        // From here on, a failure to start still ends the driver and removes the profile.
        let driver = Driver { child, profile };
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(120))
            .build();
        let driver_url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(&format!("{driver_url}/status")).call().is_err() {
            assert!(
                started.elapsed() < WAIT,
                "{program} did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut caps = engine.capabilities(driver.profile.to_str().unwrap());
        if !javascript {
            engine.switch_off_javascript(&mut caps);
        }
        let created = send(
            &agent,
            "POST",
            &format!("{driver_url}/session"),
            Some(json!({"capabilities": {"alwaysMatch": caps}})),
        )
        .map_err(|e| format!("{program} could not open a session: {e}"))?;
        let session = created["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        let browser = Browser {
            engine,
            _driver: driver,
            session_url: format!("{driver_url}/session/{session}"),
            agent,
            javascript,
        };
        browser.set_window_size(1280, 900);
        Ok(browser)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    fn try_cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        send(
            &self.agent,
            method,
            &format!("{}{path}", self.session_url),
            body,
        )
    }

    /// Opens `url` and, with JavaScript on, waits until the app has started over the
    /// prerendered page (it marks `<html data-app>`), so tests never act on inert markup.
    pub fn goto(&self, url: &str) {
        if let Some(page) = self.panicked() {
            panic!("the app stopped on a panic at {page}");
        }
        // The page being left is marked, so that its own `data-app` is never taken for the
        // new page's (WebKit may answer Navigate before the old document is gone).
        let leaving = json!({ "script": "document.documentElement.setAttribute('data-left', '')", "args": [] });
        let _ = self.try_cmd("POST", "/execute/sync", Some(leaving));
        self.load(url);
        self.wait_for_app();
    }

    /// Opens `url`, waiting for the page to load but not for the app.
    pub fn load(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// Reloads the page the way a reader's reload does, through the service worker, and waits
    /// for the new page to load. (WebDriver's Refresh is a forced reload in Firefox: it
    /// bypasses the service worker, so an offline reload would fail there.)
    pub fn reload(&self) {
        self.script(
            "window.__before_reload = true; setTimeout(() => location.reload(), 0);",
            vec![],
        );
        let loaded = json!({ "script": "return document.readyState === 'complete' && !window.__before_reload", "args": [] });
        let started = Instant::now();
        // While the old page unloads, a script may fail to run: that is not yet an answer.
        while self.try_cmd("POST", "/execute/sync", Some(loaded.clone())) != Ok(json!(true)) {
            assert!(started.elapsed() < WAIT, "the page did not reload");
            std::thread::sleep(Duration::from_millis(50));
        }
        self.wait_for_app();
    }

    fn wait_for_app(&self) {
        if self.javascript {
            self.wait_for("html[data-app]:not([data-left])");
        }
    }

    /// Opens a second window and returns its handle (the current window stays current). A
    /// window rather than a tab: WebKit keeps a background tab hidden, where no frame is painted
    /// and so the app, which starts after the first painted frame, never starts.
    pub fn new_window(&self) -> String {
        let created = self.cmd("POST", "/window/new", Some(json!({ "type": "window" })));
        created["handle"]
            .as_str()
            .expect("window handle")
            .to_string()
    }

    pub fn window_handle(&self) -> String {
        self.cmd("GET", "/window", None)
            .as_str()
            .expect("window handle")
            .to_string()
    }

    pub fn switch_to(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({ "handle": handle })));
    }

    /// Presses and releases `key` on whatever has focus, as a keyboard would.
    pub fn press_key(&self, key: &str) {
        let actions = json!({ "actions": [{
            "type": "key", "id": "keyboard",
            "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }]
        }]});
        self.cmd("POST", "/actions", Some(actions));
        self.cmd("DELETE", "/actions", None);
    }

    /// Presses `keys` together (the first ones held while the last is pressed), as a chord such
    /// as Ctrl + Z: `press_chord(&[keys::CONTROL, "z"])`.
    pub fn press_chord(&self, chord: &[&str]) {
        let mut actions: Vec<Value> = chord
            .iter()
            .map(|k| json!({ "type": "keyDown", "value": k }))
            .collect();
        actions.extend(
            chord
                .iter()
                .rev()
                .map(|k| json!({ "type": "keyUp", "value": k })),
        );
        let actions =
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.cmd("POST", "/actions", Some(actions));
        self.cmd("DELETE", "/actions", None);
    }

    /// Drags a mouse from one point of the viewport to another (CSS pixels), in steps, as a
    /// reader selecting words does.
    pub fn drag(&self, from: (f64, f64), to: (f64, f64)) {
        let at = |(x, y): (f64, f64), duration: u64| json!({ "type": "pointerMove", "origin": "viewport", "x": x.round() as i64, "y": y.round() as i64, "duration": duration });
        let mid = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
        let actions = json!({ "actions": [{
            "type": "pointer", "id": "mouse", "parameters": { "pointerType": "mouse" },
            "actions": [
                at(from, 0),
                { "type": "pointerDown", "button": 0 },
                at(mid, 100),
                at(to, 100),
                { "type": "pointerUp", "button": 0 }
            ]
        }]});
        self.cmd("POST", "/actions", Some(actions));
        self.cmd("DELETE", "/actions", None);
    }

    /// Goes back one entry in the tab's history, as the browser's Back button does.
    pub fn back(&self) {
        self.cmd("POST", "/back", Some(json!({})));
    }

    /// Goes forward one entry in the tab's history, as the browser's Forward button does.
    pub fn forward(&self) {
        self.cmd("POST", "/forward", Some(json!({})));
    }

    /// The page as [`describe_page`](Self::describe_page) tells it, if its app stopped on a
    /// panic (`<html data-app-panic>`, src/start.rs): the reader was told "Something went
    /// wrong". Checked as a page is left and as the browser closes, so that no test passes over
    /// one.
    fn panicked(&self) -> Option<String> {
        let check = json!({ "script": "return document.documentElement.hasAttribute('data-app-panic')", "args": [] });
        matches!(
            self.try_cmd("POST", "/execute/sync", Some(check)),
            Ok(Value::Bool(true))
        )
        .then(|| self.describe_page())
    }

    /// The page as a failed wait leaves it, for the failure's message: its address, whether the
    /// app runs, what it last announced, the start of its text and what local storage holds
    /// (key and length), so a failure seen once in a long run can be understood afterwards.
    pub fn describe_page(&self) -> String {
        const DESCRIBE: &str = r#"const html = document.documentElement;
            const text = s => (s || '').replace(/\s+/g, ' ').trim().slice(0, 300);
            const main = document.querySelector('main');
            const said = [...document.querySelectorAll('[role=status], [role=alert], [aria-live]')].map(e => text(e.textContent)).filter(t => t);
            const kept = [];
            try { for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); kept.push(k + ' (' + (localStorage.getItem(k) || '').length + ')'); } } catch (e) { kept.push('unreadable: ' + e); }
            return [location.href, 'title: ' + document.title, 'ready: ' + document.readyState,
              'html: ' + [...html.attributes].map(a => a.name + '=' + JSON.stringify(a.value)).join(' '),
              'body: ' + [...document.body.children].map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().split(/\s+/).join('.') : '')).join(' '),
              'announced: ' + JSON.stringify(said), 'main: ' + text(main && main.innerText),
              'local storage: ' + kept.join(', '),
              'files loaded: ' + performance.getEntriesByType('resource').map(r => r.name.split('/').pop() + (r.responseEnd > 0 ? '' : ' (unfinished)')).join(', '),
              'service worker: ' + (navigator.serviceWorker && navigator.serviceWorker.controller ? 'controls the page' : 'none')].join('\n  ');"#;
        let body = json!({ "script": DESCRIBE, "args": [] });
        match self.try_cmd("POST", "/execute/sync", Some(body)) {
            Ok(Value::String(page)) => page,
            Ok(other) => format!("{} ({other})", self.current_url()),
            Err(e) => format!("a page that could not be described ({e})"),
        }
    }

    pub fn current_url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Resizes the window (W3C set window rect). An engine that keeps a minimum size would
    /// quietly test another layout, so a window that is not as wide as asked is a failure.
    pub fn set_window_size(&self, width: u32, height: u32) {
        let rect = self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
        assert_eq!(
            rect["width"].as_u64(),
            Some(u64::from(width)),
            "the window is not {width} px wide: {rect}"
        );
    }

    /// Runs `script` (a function body; arguments in `arguments`) and returns its value.
    pub fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs asynchronous `script`; it reports by calling its last argument.
    pub fn script_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": args })),
        )
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.cmd(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        );
        found
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(Element)
            .collect()
    }

    /// Waits until `css` matches, then returns the first match.
    pub fn wait_for(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Some(first) = self.find_all(css).into_iter().next() {
                return first;
            }
            assert!(
                started.elapsed() < WAIT,
                "no element matches {css:?} at {}",
                self.describe_page()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls `script` until it returns `true`; panics with `what` after [`WAIT`].
    pub fn wait_until(&self, what: &str, script: &str, args: Vec<Value>) {
        self.poll(what, "/execute/sync", script, args);
    }

    /// [`wait_until`](Self::wait_until) with `script` run through `run` (`/execute/sync`, or
    /// `/execute/async` for a check that answers by calling its last argument).
    fn poll(&self, what: &str, run: &str, script: &str, args: Vec<Value>) {
        let started = Instant::now();
        loop {
            let body = json!({ "script": script, "args": args.clone() });
            match self.try_cmd("POST", run, Some(body)) {
                Ok(Value::Bool(true)) => return,
                Ok(_) => {}
                // A check made as the page unloads (a reload being waited for) has no answer
                // (WebKit: "Callback was not called before the unload event"): ask again.
                Err(e) if page_went_away(&e) => {}
                Err(e) => panic!("WebDriver POST {run}: {e}"),
            }
            assert!(
                started.elapsed() < WAIT,
                "timed out waiting until {what} at {}",
                self.describe_page()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the element once it is still and its centre hits it: for a click that follows a
    /// smooth scroll of the app's (a key that moves to a paragraph, a fact's sentence shown).
    /// Under load, WebKit's driver clicked where the element had been while the page was still
    /// scrolling, and the click was lost (three times, all on the settings button). Still: the
    /// same place two animation frames apart (a smooth scroll moves at each frame; under load
    /// two checks 50 ms apart could both fall between frames, which let the third loss
    /// through); an element not hit is scrolled into view at once, which also ends a smooth
    /// scroll under way.
    pub fn click_when_still(&self, element: &Element) {
        let check = format!(
            "const done = arguments[arguments.length - 1];
             {IN_VIEW}
             if (!hit) return done(false);
             const placed = () => {{
               const p = e.getBoundingClientRect();
               return [p.left, p.top, p.width, p.height].join();
             }};
             const before = placed();
             requestAnimationFrame(() => requestAnimationFrame(() => done(placed() === before)));"
        );
        self.poll(
            "the element to click is still, in view and not covered",
            "/execute/async",
            &check,
            vec![element.arg()],
        );
        self.click(element);
    }

    pub fn text(&self, element: &Element) -> String {
        let id = element.id();
        self.cmd("GET", &format!("/element/{id}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Clicks the element as a pointer would (W3C Element Click), first scrolling it into view
    /// if its centre cannot be hit: WebKit's Element Click does not scroll an element out of a
    /// scrolled container that clips it (the facts sidebar) and fails as not interactable.
    pub fn click(&self, element: &Element) {
        self.script(IN_VIEW, vec![element.arg()]);
        let id = element.id();
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Types into the element as the keyboard would; WebDriver key codes such as [`keys::ENTER`] work.
    pub fn send_keys(&self, element: &Element, text: &str) {
        let id = element.id();
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Gives the file input `selector` the files at `paths` (one per line), as the reader's
    /// choice in the file chooser would. WebKit's driver first asks the page, by script, whether
    /// the element takes files; that answer is sometimes lost while the page is still settling
    /// ("Could not parse element file upload information", nothing given), so the question is
    /// asked again, on the element found afresh, a few times before failing.
    pub fn choose_files(&self, selector: &str, paths: &str) {
        let mut last = String::new();
        for _ in 0..5 {
            let input = self.wait_for(selector);
            let id = input.id();
            match self.try_cmd(
                "POST",
                &format!("/element/{id}/value"),
                Some(json!({ "text": paths })),
            ) {
                Ok(_) => return,
                Err(e) if e.contains("file upload information") => {
                    last = e;
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => panic!("WebDriver: giving files to {selector}: {e}"),
            }
        }
        panic!("WebDriver: giving files to {selector}: {last}");
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver's passthrough
    /// (Chromium only), e.g. `Emulation.setCPUThrottlingRate`.
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": command, "params": params })),
        )
    }

    pub fn screenshot(&self, path: &Path) {
        let png = self.cmd("GET", "/screenshot", None);
        let bytes = decode_base64(png.as_str().expect("base64 screenshot"));
        std::fs::write(path, bytes).expect("write screenshot");
    }
}

impl Element {
    fn id(&self) -> &str {
        self.0[ELEMENT_KEY].as_str().expect("an element reference")
    }

    /// The reference to pass as a script argument.
    pub fn arg(&self) -> Value {
        self.0.clone()
    }
}

impl Drop for Browser {
    /// Closes the browser; then `_driver` drops, ending the driver and its profile. A test whose
    /// page stopped on a panic fails then, whatever else it checked ([`Browser::panicked`]).
    fn drop(&mut self) {
        let stopped = (!std::thread::panicking())
            .then(|| self.panicked())
            .flatten();
        let _ = send(&self.agent, "DELETE", &self.session_url, None);
        if let Some(page) = stopped {
            panic!("the app stopped on a panic at {page}");
        }
    }
}

pub mod keys {
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const TAB: &str = "\u{E004}";
    pub const RIGHT: &str = "\u{E014}";
    pub const CONTROL: &str = "\u{E009}";
    pub const META: &str = "\u{E03D}";
}

fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, String> {
    let request = agent.request(method, url);
    let response = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let value: Value = match response {
        Ok(r) => r.into_json().map_err(|e| e.to_string())?,
        Err(ureq::Error::Status(code, r)) => {
            let v: Value = r.into_json().unwrap_or(Value::Null);
            return Err(format!(
                "HTTP {code}: {}: {}",
                v["value"]["error"].as_str().unwrap_or("(no error code)"),
                v["value"]["message"].as_str().unwrap_or("(no message)")
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    Ok(value["value"].clone())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The bytes of base64 text (a screenshot, a test's image).
pub fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a' + 26) as u32,
            b'0'..=b'9' => (c - b'0' + 52) as u32,
            b'+' => 62,
            b'/' => 63,
            _ => 0,
        }
    };
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | (value(c) << (18 - 6 * i)));
        let pads = chunk.iter().filter(|&&c| c == b'=').count();
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pads.max(4 - chunk.len())]);
    }
    out
}

/// Whether a WebDriver error says the page went away while a script ran in it.
fn page_went_away(error: &str) -> bool {
    [
        "before the unload event",
        "context was destroyed",
        "Document was unloaded",
    ]
    .iter()
    .any(|said| error.contains(said))
}
