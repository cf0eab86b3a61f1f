//! A small static file server over a folder, on a free loopback port, for the tests to start
//! and stop themselves. It behaves like a plain static host with no rewrite rules (nginx's
//! default, `python3 -m http.server`): a folder's URL without its final slash is redirected to
//! it, a folder answers with its `index.html`, and anything else that names no file is a 404.
//! It can serve the build at the domain's root or under a sub-path such as `/reader/`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct StaticServer {
    pub base_url: String,
    /// The path the build is served under: "/" or e.g. "/reader/".
    prefix: String,
    port: u16,
    root: Arc<Mutex<PathBuf>>,
    /// While set, connections are closed unanswered: to the browser the site is unreachable.
    offline: Arc<AtomicBool>,
    /// Files whose path ends with this are answered 404, as if missing from the host.
    refused: Arc<Mutex<Option<String>>>,
    /// Requests for files whose path ends with this wait, unanswered, until it is unset.
    held: Arc<Mutex<Option<String>>>,
    /// While set, an unknown address is answered with the build's `404.html` (status 404), as
    /// GitHub Pages, Netlify and many nginx set-ups do; otherwise with a bare "not found".
    not_found_page: Arc<AtomicBool>,
    stopping: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        StaticServer::start_under(root, "/")
    }

    /// Serves `root` under the sub-path `prefix` (starting and ending with "/").
    pub fn start_under(root: &Path, prefix: &str) -> StaticServer {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "prefix {prefix:?}"
        );
        assert!(
            root.join("index.html").is_file(),
            "{} has no index.html: build the release first (trunk build --release)",
            root.display()
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let stopping = Arc::new(AtomicBool::new(false));
        let offline = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let refused = Arc::new(Mutex::new(None::<String>));
        let held = Arc::new(Mutex::new(None::<String>));
        let not_found_page = Arc::new(AtomicBool::new(false));
        let root = Arc::new(Mutex::new(root.to_path_buf()));
        let thread = {
            let (stopping, offline, requests, root, prefix, refused, held, not_found_page) = (
                stopping.clone(),
                offline.clone(),
                requests.clone(),
                root.clone(),
                prefix.to_string(),
                refused.clone(),
                held.clone(),
                not_found_page.clone(),
            );
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    if offline.load(Ordering::SeqCst) {
                        continue; // dropped: the connection closes with no answer
                    }
                    if let Ok(stream) = stream {
                        let site = Site {
                            root: root.clone(),
                            prefix: prefix.clone(),
                            refused: refused.clone(),
                            held: held.clone(),
                            not_found_page: not_found_page.clone(),
                            stopping: stopping.clone(),
                        };
                        let requests = requests.clone();
                        std::thread::spawn(move || serve(stream, &site, &requests));
                    }
                }
            })
        };
        StaticServer {
            base_url: format!("http://127.0.0.1:{port}"),
            prefix: prefix.to_string(),
            port,
            root,
            offline,
            refused,
            held,
            not_found_page,
            stopping,
            requests,
            thread: Some(thread),
        }
    }

    /// Absolute URL of an app path such as `/articles/x/`, under the sub-path if any.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.base_url,
            self.prefix,
            path.trim_start_matches('/')
        )
    }

    /// Cuts the network (true) or restores it (false), like unplugging the host.
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Answers 404 for files whose path ends with `suffix` (None: serve everything again).
    pub fn refuse(&self, suffix: Option<&str>) {
        *self.refused.lock().unwrap() = suffix.map(str::to_string);
    }

    /// Keeps requests for files whose path ends with `suffix` waiting, unanswered, until called
    /// with None: a slow file, held for exactly as long as a test needs.
    pub fn hold(&self, suffix: Option<&str>) {
        *self.held.lock().unwrap() = suffix.map(str::to_string);
    }

    /// Answers unknown addresses with the build's `404.html`, like most static hosts (true), or
    /// with a bare "not found" (false, the default).
    pub fn serve_not_found_page(&self, on: bool) {
        self.not_found_page.store(on, Ordering::SeqCst);
    }

    /// Serves another folder from now on, as a new deploy to the same host would.
    pub fn serve_from(&self, root: &Path) {
        *self.root.lock().unwrap() = root.to_path_buf();
    }

    /// Every request path served so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// How many requests so far were for paths ending with `suffix` (answered or not).
    pub fn requested(&self, suffix: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.ends_with(suffix))
            .count()
    }

    /// Waits until more than `seen` requests were for paths ending with `suffix`: the browser
    /// asked, whether or not it was answered (a held file). Fails, saying `what` and every
    /// request, after `limit`.
    pub fn wait_for_request(&self, suffix: &str, seen: usize, limit: Duration, what: &str) {
        let started = Instant::now();
        while self.requested(suffix) <= seen {
            assert!(started.elapsed() < limit, "{what}: {:?}", self.requests());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port)); // wake the accept loop
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What a connection is served from, read when its request arrives: a browser may open a
/// connection well before it sends a request on it (after a new deploy, say).
struct Site {
    root: Arc<Mutex<PathBuf>>,
    prefix: String,
    refused: Arc<Mutex<Option<String>>>,
    held: Arc<Mutex<Option<String>>>,
    not_found_page: Arc<AtomicBool>,
    stopping: Arc<AtomicBool>,
}

/// Whether `path` ends with the suffix `suffix` holds (a refused or held file's), if any.
fn ends_with(suffix: &Mutex<Option<String>>, path: &str) -> bool {
    suffix
        .lock()
        .unwrap()
        .as_deref()
        .is_some_and(|s| path.ends_with(s))
}

fn serve(mut stream: TcpStream, site: &Site, requests: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut accepts = String::new();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {
                if let Some(v) = header.to_ascii_lowercase().strip_prefix("accept-encoding:") {
                    accepts = v.to_string();
                }
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    requests.lock().unwrap().push(path.clone());
    while ends_with(&site.held, &path) && !site.stopping.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(10));
    }

    let mut location = String::new();
    let mut encoding = String::new();
    let refused = ends_with(&site.refused, &path);
    let root = site.root.lock().unwrap().clone();
    let not_found = || {
        let page = root.join("404.html");
        match std::fs::read(&page) {
            Ok(body) if site.not_found_page.load(Ordering::SeqCst) => {
                (404, "Not Found", content_type(&page), body)
            }
            _ => bare_not_found(),
        }
    };
    let response = match path
        .strip_prefix(site.prefix.as_str())
        .filter(|_| !refused)
        .map(|p| resolve(&root, p))
    {
        Some(Found::File(file)) => {
            // A precompressed sibling (`x.wasm.br`, `x.wasm.gz`), as the benchmarks write
            // next to their copies of the build, is sent when the browser accepts it.
            let packed = [("br", "br"), ("gzip", "gz")]
                .into_iter()
                .find_map(|(enc, ext)| {
                    let sibling = PathBuf::from(format!("{}.{ext}", file.display()));
                    (accepts.contains(enc) && sibling.is_file()).then_some((enc, sibling))
                });
            if let Some((enc, _)) = packed {
                encoding = format!("Content-Encoding: {enc}\r\nVary: Accept-Encoding\r\n");
            }
            match std::fs::read(packed.map_or(file.clone(), |(_, sibling)| sibling)) {
                Ok(body) => (200, "OK", content_type(&file), body),
                Err(_) => not_found(),
            }
        }
        Some(Found::Folder) => {
            location = format!("Location: {path}/\r\n");
            (
                301,
                "Moved Permanently",
                "text/plain; charset=utf-8",
                Vec::new(),
            )
        }
        Some(Found::Nothing) | None => not_found(),
    };
    let (code, reason, mime, body) = response;
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\n{location}{encoding}Content-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    // Closed gracefully: the answer's end said (FIN), then whatever the browser still sends
    // read until it closes too. Dropped at once with bytes unread, the socket would be reset,
    // and a reset can cut off the answer's last bytes before the browser reads them (a guess
    // at a Firefox run that once reached its "corrupted content" error page).
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = std::io::copy(&mut reader, &mut std::io::sink());
}

fn bare_not_found() -> (u16, &'static str, &'static str, Vec<u8>) {
    (
        404,
        "Not Found",
        "text/plain; charset=utf-8",
        b"not found".to_vec(),
    )
}

enum Found {
    File(PathBuf),
    /// A folder named without its final slash.
    Folder,
    Nothing,
}

/// Maps a URL path (below the prefix) to a file under `root`, never outside it.
fn resolve(root: &Path, url_path: &str) -> Found {
    let Some(decoded) = percent_decode(url_path) else {
        return Found::Nothing;
    };
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Found::Nothing;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        Found::File(candidate)
    } else if candidate.is_dir() && !decoded.is_empty() && !decoded.ends_with('/') {
        Found::Folder
    } else if candidate.join("index.html").is_file() {
        Found::File(candidate.join("index.html"))
    } else {
        Found::Nothing
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
