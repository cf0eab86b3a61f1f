//! The benchmark figures of `./scripts/bench.sh` (not a test: nothing here fails on a missed
//! target). `bench prepare <folder>` writes the long generated articles; `bench run` measures
//! the release builds (`dist/`, `target/bench-dist/`), reads the criterion results, prints
//! every figure and rewrites `docs/benchmarks.md`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use browser_tests::server::StaticServer;
use browser_tests::webdriver::Browser;
use browser_tests::{articles, repo_root};
use reader_core::anchoring::TextIndex;
use reader_core::article::Article;
use reader_core::store::{Bookmark, Color, Highlight, MemoryKv, Record, Store};
use serde_json::{json, Value};

#[path = "../../../../core/benches/shared/corpus.rs"]
mod corpus;

const LONG: &str = "bench-long";
const EDITED: &str = "bench-long-edited";
/// Repeats of each browser measurement (the median is reported).
const RUNS: usize = 5;
const LONG_RUNS: usize = 3;
/// Lighthouse's slow 4G, applied by DevTools: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
const RTT_MS: f64 = 150.0;
const DOWN_BYTES_PER_S: f64 = 1.6e6 / 8.0;
const UP_BYTES_PER_S: f64 = 750e3 / 8.0;
const CPU_SLOWDOWN: f64 = 4.0;
/// The window of every browser measurement: tall enough that the first story paragraph
/// (about 970 px down, below headline and figure) starts inside it.
const WINDOW: (u32, u32) = (1280, 1200);
const QUOTA: usize = 5 * 1024 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("prepare"), Some(dir)) => prepare(Path::new(dir)),
        (Some("run"), None) => run(),
        _ => {
            eprintln!("usage: bench prepare <articles folder> | bench run");
            std::process::exit(2);
        }
    }
}

/// The long article and its edited copy, for `READER_EXTRA_ARTICLES`.
fn prepare(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let original = corpus::long_paragraphs();
    let edited = corpus::edit(&original, corpus::EDITED_SHARE, corpus::EDIT_SEED);
    corpus::write_article(dir, LONG, "Licences, 100,000 words", &original);
    corpus::write_article(dir, EDITED, "Licences, 100,000 words, 5% edited", &edited);
    println!("bench: wrote {LONG} and {EDITED} to {}", dir.display());
}

fn target() -> PathBuf {
    repo_root().join("target")
}

fn say(line: &str) {
    println!("bench: {line}");
}

fn run() {
    let dist = repo_root().join("dist");
    let mut sizes = Sizes::default();
    let mut doc = Doc::default();
    doc.machine();

    say("sizes of dist/");
    let size_rows = sizes.table(&dist);

    say("first visit and first paint (fresh profile per run)");
    let fp_dir = target().join("bench/first-paint");
    copy_dir(&dist, &fp_dir);
    let article = articles().into_iter().next().expect("an article");
    write_static_page(&fp_dir, &article);
    precompress(&fp_dir);
    let server = StaticServer::start(&fp_dir);
    let visit = first_visit(&server, &article, &mut sizes);
    drop(server);
    let paint = first_paint(&fp_dir, &article);

    say("long article (target/bench-dist/)");
    let long_dir = target().join("bench-dist");
    precompress(&long_dir);
    let long = long_document(&long_dir);

    say("storage (native, through the core's store)");
    let storage = storage(&long.seed_bytes);

    say("anchoring (criterion results)");
    let anchoring = criterion_results();

    doc.write(
        &size_rows, &visit, &paint, &long, &storage, &anchoring, &sizes,
    );
}

// ---------------------------------------------------------------------------------------
// Sizes

#[derive(Clone, Copy, Default)]
struct Size {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, o: Size) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

#[derive(Default)]
struct Sizes(HashMap<PathBuf, Size>);

impl Sizes {
    fn of(&mut self, file: &Path) -> Size {
        if let Some(s) = self.0.get(file) {
            return *s;
        }
        let packed = |program: &str, args: &[&str]| -> u64 {
            let out = Command::new(program)
                .args(args)
                .arg(file)
                .output()
                .unwrap_or_else(|e| panic!("{program}: {e} (scripts/bench.sh installs it)"));
            assert!(
                out.status.success(),
                "{program} failed on {}",
                file.display()
            );
            out.stdout.len() as u64
        };
        let size = Size {
            raw: std::fs::metadata(file).expect("a file").len(),
            gzip: packed("gzip", &["-9", "-n", "-c"]),
            brotli: packed("brotli", &["-q", "11", "-c"]),
        };
        self.0.insert(file.to_path_buf(), size);
        size
    }

    /// One row per kind of file in `dist`, in a fixed order.
    fn table(&mut self, dist: &Path) -> Vec<(String, usize, Size)> {
        let mut rows: BTreeMap<usize, (String, usize, Size)> = BTreeMap::new();
        for file in files(dist) {
            let rel = file
                .strip_prefix(dist)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let (order, name) = kind(&rel);
            let size = self.of(&file);
            let row = rows
                .entry(order)
                .or_insert((name.to_string(), 0, Size::default()));
            row.1 += 1;
            row.2 += size;
        }
        rows.into_values().collect()
    }
}

fn kind(rel: &str) -> (usize, &'static str) {
    let ext = rel.rsplit('.').next().unwrap_or("");
    match ext {
        _ if rel == "sw.js" => (5, "Service worker (sw.js)"),
        "wasm" => (0, "WebAssembly"),
        "js" => (1, "JavaScript"),
        "css" => (2, "CSS"),
        "html" => (3, "HTML (all pages)"),
        "svg" | "png" | "jpg" | "jpeg" | "webp" => (4, "Images and icons"),
        "webmanifest" => (6, "Manifest"),
        _ => (7, "Other"),
    }
}

/// Every file under `dir`, sorted, leaving out the precompressed copies the bench adds.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.to_string_lossy().ends_with(".br")
                && !path.to_string_lossy().ends_with(".gz")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for file in files(from) {
        let dest = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, dest).expect("copy");
    }
}

/// Writes `x.br` and `x.gz` beside each file, which the test server sends to browsers that
/// accept them, as a production host would compress.
fn precompress(dir: &Path) {
    for file in files(dir) {
        for (program, args, ext) in [
            ("gzip", &["-9", "-n", "-c"][..], "gz"),
            ("brotli", &["-q", "11", "-c"][..], "br"),
        ] {
            let out = Command::new(program)
                .args(args)
                .arg(&file)
                .output()
                .unwrap();
            std::fs::write(format!("{}.{ext}", file.display()), out.stdout).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// First visit and first paint

/// The plain page the app is compared with: headline, figure, paragraphs and the same
/// stylesheet, no script, at the same depth as the article so relative URLs match.
fn write_static_page(dir: &Path, article: &Article) {
    let css = files(dir)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "css"))
        .expect("a stylesheet");
    let css = css.file_name().unwrap().to_string_lossy().into_owned();
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><base href=\"../../\"><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><div class=\"article-layout\"><main class=\"article-main\"><article class=\"article\">\
         <header class=\"article-header\"><h1 class=\"article-title\">{}</h1></header>",
        esc(&article.title),
        esc(&article.title)
    );
    if let Some(p) = &article.photo {
        let size = match (p.width, p.height) {
            (Some(w), Some(h)) => format!(" width=\"{w}\" height=\"{h}\""),
            _ => String::new(),
        };
        let _ = write!(
            html,
            "<figure class=\"article-figure\"><div class=\"figure-media\"><img src=\"{}\" alt=\"{}\"{size}></div>\
             <figcaption><span class=\"caption\">{}</span> <span class=\"credit\">Photo: {}</span></figcaption></figure>",
            esc(&p.src),
            esc(&p.alt),
            esc(&p.caption),
            esc(&p.credit)
        );
    }
    html.push_str("<div class=\"article-body\">");
    for p in article.paragraphs() {
        let _ = write!(html, "<p>{}</p>", esc(&p));
    }
    html.push_str("</div></article></main></div></body></html>\n");
    let page = dir.join("bench-static").join(&article.slug);
    std::fs::create_dir_all(&page).unwrap();
    std::fs::write(page.join("index.html"), html).unwrap();
}

/// What the store writes for `records`, key by key (`reader:meta` included).
fn stored(records: Vec<Record>) -> Vec<(String, String)> {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    for r in records {
        store.put(r).expect("fits in memory");
    }
    kv.snapshot().into_iter().collect()
}

fn highlight(id: usize, article: &str, index: &TextIndex, range: (usize, usize)) -> Highlight {
    Highlight {
        id: format!("h-18c2f1a9b3e-{id:010x}"),
        article: article.to_string(),
        selectors: index.describe(range.0, range.1),
        color: Color::all()[id % 5],
        note: String::new(),
        created: "2026-11-28T13:05:00.000Z".into(),
        modified: "2026-11-28T13:05:00.000Z".into(),
    }
}

/// Run in every new document before its scripts: seeds local storage (once per profile) and
/// records, from a requestAnimationFrame loop, when the first story paragraph is visible in the
/// window, when the app has started and when the first highlight is drawn.
fn probe(seed: &[(String, String)]) -> String {
    format!(
        r#"(() => {{
  const seed = {};
  try {{ if (!localStorage.getItem('reader:meta')) for (const [k, v] of seed) localStorage.setItem(k, v); }} catch (e) {{}}
  const b = window.__bench = {{}};
  const visible = (el) => {{
    if (!el || !el.textContent.trim()) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  }};
  const tick = () => {{
    const now = performance.now();
    if (b.para === undefined && visible(document.querySelector('.article-body p'))) b.para = now;
    if (b.app === undefined && document.documentElement.hasAttribute('data-app')) b.app = now;
    if (b.mark === undefined && document.querySelector('mark[data-hl]')) b.mark = now;
    const settled = b.para !== undefined && (b.mark !== undefined || (b.app !== undefined && now - b.app > 2000));
    if (!settled) requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"#,
        serde_json::to_string(seed).unwrap()
    )
}

fn browser(throttled: bool, seed: &[(String, String)]) -> Browser {
    let b = Browser::start();
    b.set_window_size(WINDOW.0, WINDOW.1);
    b.cdp("Network.enable", json!({}));
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }));
    if throttled {
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": CPU_SLOWDOWN }),
        );
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": RTT_MS,
                    "downloadThroughput": DOWN_BYTES_PER_S, "uploadThroughput": UP_BYTES_PER_S }),
        );
    }
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": probe(seed) }),
    );
    b
}

/// Waits until `script` returns something other than null/false; returns it.
fn poll(b: &Browser, what: &str, script: &str, limit: Duration) -> Value {
    let started = Instant::now();
    loop {
        let v = b.script(script, vec![]);
        if !v.is_null() && v != json!(false) {
            return v;
        }
        assert!(started.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Visit {
    page: Vec<(String, Size)>,
    with_worker: Size,
    worker_requests: usize,
}

/// Everything an article page loads on a first visit (Resource Timing), and everything the
/// server sent until the service worker was ready (its precache included).
fn first_visit(server: &StaticServer, article: &Article, sizes: &mut Sizes) -> Visit {
    let root = target().join("bench/first-paint");
    let b = browser(false, &[]);
    b.goto(&server.url(&format!("/articles/{}/", article.slug)));
    std::thread::sleep(Duration::from_secs(2));
    let urls = b.script(
        "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];",
        vec![],
    );
    b.script_async(
        "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true));",
        vec![],
    );
    std::thread::sleep(Duration::from_secs(1));
    let base = server.url("/");
    let file_of = |url: &str| -> PathBuf {
        let mut rel = url
            .strip_prefix(&base)
            .unwrap_or(url)
            .split(['?', '#'])
            .next()
            .unwrap()
            .to_string();
        if rel.is_empty() || rel.ends_with('/') {
            rel.push_str("index.html");
        }
        root.join(rel)
    };
    let mut page = Vec::new();
    for url in urls.as_array().unwrap() {
        let file = file_of(url.as_str().unwrap());
        if file.is_file() {
            let rel = file
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            page.push((rel, sizes.of(&file)));
        }
    }
    let mut with_worker = Size::default();
    let requests = server.requests();
    for path in &requests {
        let file = file_of(&format!("{}{}", server.base_url, path));
        if file.is_file() {
            with_worker += sizes.of(&file);
        }
    }
    Visit {
        page,
        with_worker,
        worker_requests: requests.len(),
    }
}

#[derive(Default)]
struct Paint {
    /// (throttled?) → medians: static paragraph, app paragraph, app highlight, app started.
    medians: BTreeMap<bool, [f64; 4]>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    v[v.len() / 2]
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn first_paint(dir: &Path, article: &Article) -> Paint {
    // One highlight on the first story paragraph's opening words.
    let text = article.annotatable_text();
    let index = TextIndex::new(&text);
    let start = article.annotatable_part_starts()[article.part_of_block(0)];
    let first: String = article.blocks[0].plain_text();
    let len = first
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .nth(8)
        .map_or(first.chars().count(), |(byte, _)| {
            first[..byte].chars().count()
        });
    let seed = stored(vec![Record::Highlight(highlight(
        1,
        &article.slug,
        &index,
        (start, start + len),
    ))]);
    let server = StaticServer::start(dir);
    let app_url = server.url(&format!("/articles/{}/", article.slug));
    let static_url = server.url(&format!("/bench-static/{}/", article.slug));
    let mut paint = Paint::default();
    for throttled in [true, false] {
        let mut runs: [Vec<f64>; 4] = Default::default();
        for run in 0..RUNS {
            for app in [true, false] {
                let b = browser(throttled, &seed);
                b.load(if app { &app_url } else { &static_url });
                let wait = if app {
                    "return window.__bench && __bench.para !== undefined && __bench.mark !== undefined && __bench.app !== undefined && __bench"
                } else {
                    "return window.__bench && __bench.para !== undefined && __bench"
                };
                let got = poll(&b, "the first paint", wait, Duration::from_secs(90));
                let at = |k: &str| got[k].as_f64().unwrap_or(f64::NAN);
                if app {
                    runs[1].push(at("para"));
                    runs[2].push(at("mark"));
                    runs[3].push(at("app"));
                } else {
                    runs[0].push(at("para"));
                }
                say(&format!(
                    "  {} run {}: {} paragraph {:.0} ms{}",
                    if throttled {
                        "throttled"
                    } else {
                        "unthrottled"
                    },
                    run + 1,
                    if app { "app" } else { "static" },
                    at("para"),
                    if app {
                        format!(", highlight {:.0} ms", at("mark"))
                    } else {
                        String::new()
                    }
                ));
            }
        }
        paint.medians.insert(throttled, runs.map(median));
    }
    paint
}

// ---------------------------------------------------------------------------------------
// The long article

#[derive(Default)]
struct Long {
    words: usize,
    html_bytes: u64,
    /// Medians over runs: (paragraph visible, app started, highlights drawn, placement ms,
    /// highlights placed), per case.
    cases: Vec<(String, [f64; 5])>,
    frames: Vec<f64>,
    seed_bytes: Vec<usize>,
}

fn long_document(dir: &Path) -> Long {
    let content = target().join("bench/articles");
    let long_articles =
        reader_core::pipeline::load_library(&content, &repo_root().join("content/images"))
            .unwrap_or_else(|e| panic!("the generated articles do not build: {e:?}"));
    let original = long_articles
        .iter()
        .find(|a| a.slug == LONG)
        .expect("bench prepare ran");
    let text = original.annotatable_text();
    let index = TextIndex::new(&text);
    let paragraphs: Vec<String> = original.paragraphs().collect();
    assert_eq!(
        text,
        corpus::annotatable_text(&paragraphs),
        "the Markdown reads back as the generated text"
    );
    let ranges = corpus::highlight_ranges(&paragraphs, corpus::HIGHLIGHTS, corpus::HIGHLIGHT_SEED);
    let seed_for = |slug: &str| {
        stored(
            ranges
                .iter()
                .enumerate()
                .map(|(i, r)| Record::Highlight(highlight(i, slug, &index, *r)))
                .collect(),
        )
    };
    let mut long = Long {
        words: text.split_whitespace().count(),
        html_bytes: std::fs::metadata(dir.join(format!("articles/{LONG}/index.html")))
            .map(|m| m.len())
            .unwrap_or(0),
        ..Long::default()
    };
    let unchanged = seed_for(LONG);
    long.seed_bytes = unchanged
        .iter()
        .filter(|(k, _)| k.starts_with("reader:hl:"))
        .map(|(k, v)| reader_core::store::storage_bytes(k, v))
        .collect();
    let server = StaticServer::start(dir);
    let cases = [
        ("no highlights", LONG, Vec::new()),
        ("1,000 highlights, text unchanged", LONG, unchanged),
        (
            "1,000 highlights, 5% of the words edited",
            EDITED,
            seed_for(EDITED),
        ),
    ];
    for (name, slug, seed) in cases {
        let mut runs: [Vec<f64>; 5] = Default::default();
        for run in 0..LONG_RUNS {
            let b = browser(false, &seed);
            b.load(&server.url(&format!("/articles/{slug}/")));
            let got = poll(
                &b,
                "the long article",
                "return window.__bench && __bench.app !== undefined && __bench.para !== undefined && (__bench.mark !== undefined || performance.now() - __bench.app > 2000) && __bench",
                Duration::from_secs(120),
            );
            let measured = b.script(
                r#"const m = performance.getEntriesByName('reader:place-highlights', 'measure');
                   return [m.length ? m[0].duration : null,
                           new Set([...document.querySelectorAll('mark[data-hl]')].map(e => e.dataset.hl)).size];"#,
                vec![],
            );
            let at = |k: &str| got[k].as_f64().unwrap_or(f64::NAN);
            let values = [
                at("para"),
                at("app"),
                at("mark"),
                measured[0].as_f64().unwrap_or(f64::NAN),
                measured[1].as_f64().unwrap_or(f64::NAN),
            ];
            say(&format!(
                "  {name}, run {}: paragraph {:.0} ms, app {:.0} ms, highlights {:.0} ms, placement {:.1} ms, {} placed",
                run + 1, values[0], values[1], values[2], values[3], values[4]
            ));
            for (r, v) in runs.iter_mut().zip(values) {
                r.push(v);
            }
            if slug == LONG && !seed.is_empty() && run == 0 {
                long.frames = scroll_frames(&b);
            }
        }
        long.cases.push((name.to_string(), runs.map(median)));
    }
    long
}

/// Frame times (requestAnimationFrame deltas, ms) while the page scrolls from top to bottom in
/// 600 steps, one step per frame.
fn scroll_frames(b: &Browser) -> Vec<f64> {
    let deltas = b.script_async(
        r#"const done = arguments[arguments.length - 1];
           const frames = 600;
           window.scrollTo(0, 0);
           const step = (document.documentElement.scrollHeight - innerHeight) / frames;
           const deltas = [];
           let last = null, i = 0;
           const tick = (t) => {
             if (last !== null) deltas.push(t - last);
             last = t;
             if (i++ >= frames) return done(deltas);
             window.scrollTo(0, i * step);
             requestAnimationFrame(tick);
           };
           requestAnimationFrame(tick);"#,
        vec![],
    );
    serde_json::from_value(deltas).expect("numbers")
}

// ---------------------------------------------------------------------------------------
// Storage and anchoring

struct Storage {
    highlight: usize,
    bookmark: usize,
    meta: usize,
    fit: usize,
    long_mean: f64,
}

/// A typical highlight, as in `docs/storage.md`: a 119-char quote, 32-char contexts, a note.
fn typical(n: usize) -> Highlight {
    let article = articles().into_iter().next().expect("an article");
    let text = article.annotatable_text();
    let index = TextIndex::new(&text);
    let exact = "Christian Solidarity Worldwide is calling on the Chinese government to refrain \
                 from repatriating the defectors who were";
    let start = text
        .find(exact)
        .map(|b| text[..b].chars().count())
        .unwrap_or(0);
    Highlight {
        note: "Compare with the UN report.".into(),
        modified: "2026-11-28T13:07:12.345Z".into(),
        ..highlight(
            n,
            &article.slug,
            &index,
            (start, start + exact.chars().count()),
        )
    }
}

fn storage(long_seed: &[usize]) -> Storage {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    let template = typical(0);
    let h = |n: usize| Highlight {
        id: format!("h-18c2f1a9b3e-{n:010x}"),
        ..template.clone()
    };
    store.put(Record::Highlight(h(0))).unwrap();
    let with_meta = kv.used_bytes();
    store.put(Record::Highlight(h(1))).unwrap();
    let highlight = kv.used_bytes() - with_meta;
    let before = kv.used_bytes();
    store
        .put(Record::Bookmark(Bookmark {
            id: "b-18c2f1b07aa-0d1e2f3a4b".into(),
            article: template.article.clone(),
            block: 3,
            label: "Where the arrests happened".into(),
            created: "2026-11-28T13:10:00.000Z".into(),
            modified: "2026-11-28T13:10:00.000Z".into(),
        }))
        .unwrap();
    let bookmark = kv.used_bytes() - before;

    // Every typical highlight is the same size (ids have a fixed length), so the quota holds
    // this many. (Filling a capacity-limited `MemoryKv` instead is quadratic: it sums every
    // entry on each write.)
    let fit = (QUOTA - (with_meta - highlight)) / highlight;
    Storage {
        highlight,
        bookmark,
        meta: with_meta - highlight,
        fit,
        long_mean: long_seed.iter().sum::<usize>() as f64 / long_seed.len().max(1) as f64,
    }
}

struct Anchoring {
    /// (case, median ns, outcome line)
    cases: Vec<(String, f64, String)>,
}

fn criterion_results() -> Anchoring {
    let outcomes =
        std::fs::read_to_string(target().join("bench/anchoring.txt")).unwrap_or_default();
    let mut cases = Vec::new();
    for case in ["unchanged", "edited"] {
        let estimates = target().join(format!("criterion/anchoring/{case}/new/estimates.json"));
        let ns = std::fs::read_to_string(&estimates)
            .ok()
            .and_then(|s| serde_json::from_str::<Value>(&s).ok())
            .and_then(|v| v["median"]["point_estimate"].as_f64())
            .unwrap_or(f64::NAN);
        let outcome = outcomes
            .lines()
            .find_map(|l| l.strip_prefix(&format!("anchoring-outcome {case}: ")))
            .unwrap_or("")
            .to_string();
        cases.push((case.to_string(), ns, outcome));
    }
    Anchoring { cases }
}

// ---------------------------------------------------------------------------------------
// The report

#[derive(Default)]
struct Doc {
    machine: Vec<(String, String)>,
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn command(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| format!("({program} not found)"))
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

/// The hand-written part of `docs/benchmarks.md`, kept from the current file.
const NOTES_START: &str = "<!-- notes: hand-written, kept by the bench -->";
const NOTES_END: &str = "<!-- end of notes -->";

impl Doc {
    fn machine(&mut self) {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .map(|r| r.trim_start_matches([' ', '\t', ':']))
            })
            .unwrap_or("unknown")
            .to_string();
        let cores = cpuinfo
            .lines()
            .filter(|l| l.starts_with("processor"))
            .count();
        let ram = std::fs::read_to_string("/proc/meminfo")
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or("unknown".into(), |kib| {
                format!("{:.1} GiB", kib / 1024.0 / 1024.0)
            });
        self.machine = vec![
            ("Date".into(), command("date", &["-u"])),
            ("CPU".into(), model),
            ("Cores".into(), cores.to_string()),
            ("RAM".into(), ram),
            ("rustc".into(), command("rustc", &["--version"])),
            ("Chromium".into(), command("chromium", &["--version"])),
            (
                "chromedriver".into(),
                command("chromedriver", &["--version"]),
            ),
        ];
    }

    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        size_rows: &[(String, usize, Size)],
        visit: &Visit,
        paint: &Paint,
        long: &Long,
        storage: &Storage,
        anchoring: &Anchoring,
        _sizes: &Sizes,
    ) {
        let mut md = String::new();
        let mut missed: Vec<String> = Vec::new();
        let w = &mut md;
        let _ = writeln!(w, "# Benchmarks\n");
        let _ = writeln!(
            w,
            "Written by `./scripts/bench.sh` (do not edit by hand, except the notes at the end, \
             which it keeps). Targets are goals, not tests: nothing fails when one is missed.\n"
        );
        let _ = writeln!(w, "| Machine | |\n|---|---|");
        for (k, v) in &self.machine {
            let _ = writeln!(w, "| {k} | {v} |");
        }

        // 1. Size
        let _ = writeln!(w, "\n## 1. Size of the release build (`dist/`)\n");
        let _ = writeln!(
            w,
            "`gzip -9` and `brotli -q 11` of each file, summed per kind.\n"
        );
        let _ = writeln!(
            w,
            "| Files | Count | Raw | gzip | brotli |\n|---|---|---|---|---|"
        );
        let mut total = Size::default();
        for (name, count, s) in size_rows {
            total += *s;
            let _ = writeln!(
                w,
                "| {name} | {count} | {} | {} | {} |",
                kb(s.raw),
                kb(s.gzip),
                kb(s.brotli)
            );
        }
        let _ = writeln!(
            w,
            "| **All files** | | {} | {} | {} |",
            kb(total.raw),
            kb(total.gzip),
            kb(total.brotli)
        );
        let mut page = Size::default();
        let _ = writeln!(
            w,
            "\nA first visit to the article page loads (Resource Timing, cold cache):\n"
        );
        let _ = writeln!(w, "| File | Raw | gzip | brotli |\n|---|---|---|---|");
        for (name, s) in &visit.page {
            page += *s;
            let _ = writeln!(
                w,
                "| `{name}` | {} | {} | {} |",
                kb(s.raw),
                kb(s.gzip),
                kb(s.brotli)
            );
        }
        let _ = writeln!(
            w,
            "| **First visit** | {} | {} | **{}** |",
            kb(page.raw),
            kb(page.gzip),
            kb(page.brotli)
        );
        let met = page.brotli < 150_000;
        let _ = writeln!(
            w,
            "\nTarget: first visit under 150 KB brotli: {}. After the page, the service worker \
             installs and precaches every file of the build. Files named by their hash may come \
             from the HTTP cache, but this benchmark disables it, so here the worker fetches \
             again what the page already loaded: the server sent {} requests, {} brotli ({} raw) \
             in all, by the time the worker was ready.",
            verdict(met),
            visit.worker_requests,
            kb(visit.with_worker.brotli),
            kb(visit.with_worker.raw)
        );
        if !met {
            missed.push(format!(
                "**First visit {} brotli (target 150 KB).** Almost all of it is the \
                 WebAssembly, which holds the whole app (Leptos, router, annotation UI, \
                 settings, storage, export and import, anchoring) and the article bundle. \
                 What would close it: split what a first visit does not need (export/import, \
                 settings dialog, help) out of the first download, or ship a smaller first \
                 module; check `twiggy`-style size profiles for the biggest functions \
                 (serde_json and formatting code are usual suspects). Leptos' \
                 `--cfg erase_components` was tried: 261.8 KB brotli instead of 265.4 KB, \
                 too little to matter; `opt-level = \"s\"` is larger (289.9 KB).",
                kb(page.brotli)
            ));
        }

        // 2. First paint
        let _ = writeln!(
            w,
            "\n## 2. First paint: the article page against a plain static copy\n"
        );
        let _ = writeln!(
            w,
            "Headless Chromium, a fresh profile per load (so no service worker and no cache), \
             HTTP cache disabled, {}×{} window (tall enough for the first story paragraph, about \
             970 px down, to start inside it), files served brotli-compressed by the test \
             server. Times from navigation start (`performance.now()` in a requestAnimationFrame \
             loop injected before the page's scripts): the first story paragraph visible in the \
             window, and the first `mark[data-hl]` of a highlight seeded in local storage \
             (marks exist only once the app runs, and are then clickable). The static copy has \
             the headline, figure and paragraphs with the same stylesheet and no script. \
             Median of {RUNS} loads each, app and static interleaved. Throttled: CPU {CPU_SLOWDOWN}× \
             slower, {RTT_MS} ms latency, 1.6 Mbit/s down, 750 kbit/s up (DevTools network \
             emulation).\n",
            WINDOW.0, WINDOW.1
        );
        let _ = writeln!(
            w,
            "| Conditions | Static: paragraph | App: paragraph | Ratio | App: started | App: highlight drawn | Ratio |\n|---|---|---|---|---|---|---|"
        );
        for (throttled, [st, para, mark, app]) in paint.medians.iter().rev() {
            let _ =
                writeln!(
                w,
                "| {} | {st:.0} ms | {para:.0} ms | {:.2}× | {app:.0} ms | {mark:.0} ms | {:.2}× |",
                if *throttled { "Throttled (slow 4G, 4× CPU)" } else { "Unthrottled" },
                para / st,
                mark / st
            );
        }
        if let Some([st, para, mark, _]) = paint.medians.get(&true) {
            let (r1, r2) = (para / st, mark / st);
            let _ = writeln!(
                w,
                "\nTargets (throttled): first paragraph within 1.1× of the static file: {} \
                 ({r1:.2}×); highlights interactive within 1.5×: {} ({r2:.2}×).",
                verdict(r1 <= 1.1),
                verdict(r2 <= 1.5)
            );
            if r1 > 1.1 {
                missed.push(format!(
                    "**First paragraph {r1:.2}× the static file (target 1.1×).** The page is \
                     prerendered, and nothing of the app is fetched before the first painted \
                     frame (no preloads; the loader imports the app after it). What remains is \
                     the page itself: its HTML carries the whole page (site bar, key facts, the \
                     annotations panel, dialogs; about 4.5 KB brotli against the static copy's \
                     headline, figure and paragraphs), which takes longer to arrive and to lay \
                     out on a 4× slower CPU; runs on this shared 2-core machine also spread by \
                     ±100 ms. Not confirmed with a trace. Would close it: a trace first; then \
                     leaving the dialogs and the empty panel out of the prerendered HTML."
                ));
            }
            if r2 > 1.5 {
                missed.push(format!(
                    "**Highlights drawn {r2:.2}× the static paragraph (target 1.5×).** \
                     Highlights need the app, and the app needs the whole WebAssembly \
                     downloaded ({} brotli at 1.6 Mbit/s is about {:.1} s alone) and compiled \
                     on a 4× slower CPU. Would close it: the size work above; or draw stored \
                     highlights from a small script before the WebAssembly arrives.",
                    kb(page.brotli),
                    page.brotli as f64 * 8.0 / 1.6e6
                ));
            }
        }

        // 3. Anchoring
        let _ = writeln!(
            w,
            "\n## 3. Re-anchoring 1,000 highlights in a 100,000-word text\n"
        );
        let _ = writeln!(
            w,
            "The text is Debian's licence texts (`{}`), repeated to {} words (`core/benches/shared/corpus.rs`); \
             1,000 passages of 3 to 30 words (seed `{:#x}`); the edited copy has {}% of its words \
             replaced, deleted or preceded by an inserted word (seed `{:#x}`). Natively: \
             `cargo bench -p reader-core` (criterion, median; each iteration builds a fresh \
             `TextIndex` as the app does). In the browser: the app's own \
             `performance.measure(\"reader:place-highlights\")` around `place()` \
             (`src/annotations/placement.rs`), median of {LONG_RUNS} page loads.\n",
            corpus::LICENCES,
            long.words,
            corpus::HIGHLIGHT_SEED,
            corpus::EDITED_SHARE * 100.0,
            corpus::EDIT_SEED
        );
        let _ = writeln!(w, "| Text | Native (criterion) | Browser (WebAssembly) | Target (browser) | Outcome (native) |\n|---|---|---|---|---|");
        for (i, (case, ns, outcome)) in anchoring.cases.iter().enumerate() {
            let browser = long.cases.get(i + 1).map_or(f64::NAN, |c| c.1[3]);
            let target = if i == 0 { 50.0 } else { 250.0 };
            let _ = writeln!(
                w,
                "| {case} | {:.1} ms | {browser:.1} ms | under {target:.0} ms: {} | {outcome} |",
                ns / 1e6,
                verdict(browser < target)
            );
            if browser.is_nan() || browser >= target {
                missed.push(format!(
                    "**Re-anchoring, text {case}: {browser:.1} ms in the browser (target {target:.0} ms).**"
                ));
            }
        }

        // 4. Long documents
        let _ = writeln!(w, "\n## 4. The 100,000-word article in the browser\n");
        let _ = writeln!(
            w,
            "Built only for the benchmark (`READER_EXTRA_ARTICLES`, into `target/bench-dist/`; \
             never in `dist/`). Its prerendered page is {} raw. Unthrottled, fresh profile, \
             cold cache, median of {LONG_RUNS} loads; times from navigation start. \"Highlights with \
             a mark\" counts distinct highlight ids drawn: where highlights overlap only the most \
             recent is drawn, so a highlight entirely covered by a later one has no mark of its \
             own (the native outcome above shows how many were placed).\n",
            kb(long.html_bytes)
        );
        let _ = writeln!(w, "| Case | First paragraph visible | App started | Highlights drawn | Placement | Highlights with a mark |\n|---|---|---|---|---|---|");
        for (name, [para, app, mark, place, placed]) in &long.cases {
            let _ = writeln!(
                w,
                "| {name} | {para:.0} ms | {app:.0} ms | {} | {} | {} |",
                if mark.is_nan() {
                    "–".into()
                } else {
                    format!("{mark:.0} ms")
                },
                if place.is_nan() {
                    "–".into()
                } else {
                    format!("{place:.1} ms")
                },
                if placed.is_nan() || *placed == 0.0 {
                    "–".into()
                } else {
                    format!("{placed:.0}")
                },
            );
        }
        if !long.frames.is_empty() {
            let share = |limit: f64| {
                long.frames.iter().filter(|&&f| f > limit).count() as f64 * 100.0
                    / long.frames.len() as f64
            };
            let _ = writeln!(
                w,
                "\nScrolling the page with 1,000 highlights from top to bottom in {} \
                 requestAnimationFrame steps: frame time median {:.1} ms, p95 {:.1} ms, \
                 {:.1}% of frames over 16.7 ms, {:.1}% over 20 ms (a missed frame; at 60 Hz \
                 the timestamps jitter by about 0.1 ms around 16.67 ms, which the 16.7 ms \
                 count includes), longest {:.0} ms. Headless: frames are produced but not shown \
                 on a display.",
                long.frames.len(),
                median(long.frames.clone()),
                percentile(long.frames.clone(), 0.95),
                share(16.7),
                share(20.0),
                long.frames.iter().cloned().fold(0.0, f64::max)
            );
        }

        // 5. Storage
        let _ = writeln!(w, "\n## 5. Storage\n");
        let _ = writeln!(
            w,
            "Measured natively through the core's `Store` over `MemoryKv`, which counts like \
             browsers do (UTF-16 code units of key and value, 2 bytes each), so the figures \
             follow the stored format of the code being built.\n"
        );
        let _ = writeln!(w, "| Record | Bytes as stored |\n|---|---|");
        let _ = writeln!(
            w,
            "| Typical highlight (119-char quote, 32-char contexts, 27-char note) | {} |",
            storage.highlight
        );
        let _ = writeln!(
            w,
            "| Mean of the 1,000 benchmark highlights (3–30 words, no note) | {:.0} |",
            storage.long_mean
        );
        let _ = writeln!(w, "| Bookmark with a label | {} |", storage.bookmark);
        let _ = writeln!(w, "| `reader:meta`, once | {} |", storage.meta);
        let met = storage.fit >= 10_000;
        let _ = writeln!(
            w,
            "\nTypical highlights that fit in a 5 MiB quota (5,242,880 bytes, less `reader:meta`, \
             divided by the bytes of one): **{}**. Target at least 10,000: {}.",
            storage.fit,
            verdict(met)
        );
        if !met {
            missed.push(format!(
                "**{} highlights fit in 5 MiB (target 10,000).** Each record repeats long \
                 JSON field names, the article slug and two full timestamps, and localStorage \
                 stores UTF-16. Would close it: a more compact record (short field names, \
                 slug and timestamps shortened, the position kept and the quote contexts \
                 trimmed).",
                storage.fit
            ));
        }

        // Targets missed
        let _ = writeln!(w, "\n## Targets missed, why, and what would close them\n");
        if missed.is_empty() {
            let _ = writeln!(w, "None: every target was met in this run.");
        }
        for m in &missed {
            let _ = writeln!(w, "- {m}");
        }

        // Notes, kept.
        let path = repo_root().join("docs/benchmarks.md");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let notes = old
            .split_once(NOTES_START)
            .and_then(|(_, rest)| rest.split_once(NOTES_END))
            .map(|(n, _)| n.trim().to_string())
            .unwrap_or_else(|| DEFAULT_NOTES.trim().to_string());
        let _ = writeln!(
            w,
            "\n## What the figures mean\n\n{NOTES_START}\n{notes}\n{NOTES_END}"
        );
        std::fs::write(&path, &md).expect("docs/ is writable");
        println!("\n{md}");
        say(&format!("wrote {}", path.display()));
    }
}

const DEFAULT_NOTES: &str = "
(Hand-written; `./scripts/bench.sh` keeps this section as it is.)
";
