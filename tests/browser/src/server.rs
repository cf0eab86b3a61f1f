//! A small static file server over a folder, on a free loopback port, for the tests to start
//! and stop themselves. Like `trunk serve`, a path with no file extension that names no file
//! gets `index.html` (the app's router then shows the page, or its not-found page).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub struct StaticServer {
    pub base_url: String,
    port: u16,
    root: Arc<Mutex<PathBuf>>,
    /// While set, connections are closed unanswered: to the browser the site is unreachable.
    offline: Arc<AtomicBool>,
    stopping: Arc<AtomicBool>,
    requests: Arc<Mutex<Vec<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
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
        let root = Arc::new(Mutex::new(root.to_path_buf()));
        let thread = {
            let (stopping, offline, requests, root) = (
                stopping.clone(),
                offline.clone(),
                requests.clone(),
                root.clone(),
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
                        let (root, requests) = (root.lock().unwrap().clone(), requests.clone());
                        std::thread::spawn(move || serve(stream, &root, &requests));
                    }
                }
            })
        };
        StaticServer {
            base_url: format!("http://127.0.0.1:{port}"),
            port,
            root,
            offline,
            stopping,
            requests,
            thread: Some(thread),
        }
    }

    /// Absolute URL of an app path such as `/articles/x`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Cuts the network (true) or restores it (false), like unplugging the host.
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Serves another folder from now on, as a new deploy to the same host would.
    pub fn serve_from(&self, root: &Path) {
        *self.root.lock().unwrap() = root.to_path_buf();
    }

    /// Every request path served so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
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

fn serve(mut stream: TcpStream, root: &Path, requests: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    requests.lock().unwrap().push(path.clone());

    let response = match resolve(root, &path) {
        Some(file) => match std::fs::read(&file) {
            Ok(body) => (200, "OK", content_type(&file), body),
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let (code, reason, mime, body) = response;
    let head = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

fn not_found() -> (u16, &'static str, &'static str, Vec<u8>) {
    (
        404,
        "Not Found",
        "text/plain; charset=utf-8",
        b"not found".to_vec(),
    )
}

/// Maps a URL path to a file under `root`, never outside it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = root.join(relative);
    if candidate.is_file() {
        return Some(candidate);
    }
    if candidate.is_dir() && candidate.join("index.html").is_file() {
        return Some(candidate.join("index.html"));
    }
    // An app route (no extension): the single-page app handles it.
    relative
        .extension()
        .is_none()
        .then(|| root.join("index.html"))
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
