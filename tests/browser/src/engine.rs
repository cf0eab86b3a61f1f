//! The browser engines the suite can drive, and how to start each one's WebDriver server.

use std::path::Path;

use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    /// From `E2E_BROWSER`; chromium when unset. An unknown name is an error, never a skip.
    pub fn from_env() -> Engine {
        match std::env::var("E2E_BROWSER").as_deref() {
            Err(_) | Ok("") | Ok("chromium") => Engine::Chromium,
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::WebKit,
            Ok(other) => panic!("E2E_BROWSER={other:?}: expected chromium, firefox or webkit"),
        }
    }

    /// The other engine a test that crosses engines uses: Firefox for Chromium, WebKit for
    /// Firefox, Chromium for WebKit, so that a full run goes into each engine once. WebKit
    /// needs a display: scripts/test.sh runs Firefox's suite under the same virtual display as
    /// WebKit's, and installs each engine's partner with it.
    pub fn partner(self) -> Engine {
        match self {
            Engine::Chromium => Engine::Firefox,
            Engine::Firefox => Engine::WebKit,
            Engine::WebKit => Engine::Chromium,
        }
    }

    /// The name `E2E_BROWSER` gives it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// The WebDriver server program and its arguments for `port`.
    pub fn driver_command(self, port: u16) -> (&'static str, Vec<String>) {
        match self {
            Engine::Chromium => ("chromedriver", vec![format!("--port={port}")]),
            Engine::Firefox => ("geckodriver", vec!["--port".into(), port.to_string()]),
            Engine::WebKit => ("WebKitWebDriver", vec![format!("--port={port}")]),
        }
    }

    /// Environment for the WebDriver server (and so the browser it starts) on `profile_dir`.
    pub fn driver_env(self, profile_dir: &Path) -> Vec<(&'static str, std::path::PathBuf)> {
        match self {
            // WebKitGTK keeps its settings, data and caches in the XDG folders: fresh ones
            // make a fresh, private profile, as the other engines' profile folders do.
            Engine::WebKit => vec![
                ("XDG_CONFIG_HOME", profile_dir.join("config")),
                ("XDG_DATA_HOME", profile_dir.join("data")),
                ("XDG_CACHE_HOME", profile_dir.join("cache")),
            ],
            Engine::Chromium | Engine::Firefox => vec![],
        }
    }

    /// Prepares the fresh profile folder before the browser starts in it.
    pub fn prepare_profile(self, profile_dir: &Path) {
        if self == Engine::WebKit {
            // MiniBrowser's toolbar keeps its window at least 447 px wide; the phone layouts
            // need 320 and 390 px, so the profile's GTK style lets the toolbar shrink. (Pages
            // are not drawn with GTK styles.)
            let gtk = profile_dir.join("config/gtk-3.0");
            std::fs::create_dir_all(&gtk).expect("profile folder is writable");
            std::fs::write(
                gtk.join("gtk.css"),
                "* { min-width: 0; padding: 0; margin: 0; border-width: 0; }\n",
            )
            .expect("write gtk.css");
        }
        if self == Engine::Firefox {
            // Firefox keeps its window at least 500 px wide for the toolbars' sake; the phone
            // layouts need 320 and 390 px, so the profile's browser style lifts that minimum.
            let chrome = profile_dir.join("chrome");
            std::fs::create_dir_all(&chrome).expect("profile folder is writable");
            std::fs::write(
                profile_dir.join("user.js"),
                "user_pref(\"toolkit.legacyUserProfileCustomizations.stylesheets\", true);\n",
            )
            .expect("write user.js");
            std::fs::write(
                chrome.join("userChrome.css"),
                ":root { min-width: 0 !important; }\n",
            )
            .expect("write userChrome.css");
        }
    }

    /// Capabilities for a new session with a fresh, private profile.
    pub fn capabilities(self, profile_dir: &str) -> Value {
        match self {
            Engine::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic",
                        "--window-size=1280,900",
                        format!("--user-data-dir={profile_dir}")
                    ]
                }
            }),
            Engine::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless", "-profile", profile_dir]
                }
            }),
            Engine::WebKit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": {
                    "binary": "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                    "args": ["--automation"]
                }
            }),
        }
    }

    /// Changes `capabilities` so that pages run no JavaScript (WebDriver's own scripts still do).
    pub fn switch_off_javascript(self, capabilities: &mut Value) {
        match self {
            Engine::Chromium => {
                capabilities["goog:chromeOptions"]["prefs"] =
                    json!({"profile.managed_default_content_settings.javascript": 2})
            }
            Engine::Firefox => {
                capabilities["moz:firefoxOptions"]["prefs"] = json!({"javascript.enabled": false})
            }
            Engine::WebKit => {
                let args = &mut capabilities["webkitgtk:browserOptions"]["args"];
                args.as_array_mut()
                    .expect("MiniBrowser args")
                    .push(json!("--enable-javascript=false"));
            }
        }
    }
}
