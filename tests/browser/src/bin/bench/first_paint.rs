//! 2. The first visit and the first paint of the article page, against a plain static copy.

use super::*;

/// The plain page the app is compared with: headline, figure, paragraphs and the same
/// stylesheet, no script, at the same depth as the article so relative URLs match.
pub(crate) fn write_static_page(dir: &Path, article: &Article) {
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
pub(crate) fn stored(records: Vec<Record>) -> Vec<(String, String)> {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    for r in records {
        store.put(r).expect("fits in memory");
    }
    kv.snapshot().into_iter().collect()
}

pub(crate) fn highlight(
    id: usize,
    article: &str,
    index: &TextIndex,
    range: (usize, usize),
) -> Highlight {
    Highlight {
        id: format!("h-18c2f1a9b3e-{id:010x}"),
        article: article.to_string(),
        selectors: index.describe(range.0, range.1),
        color: Color::all()[id % 5],
        note: String::new(),
        fact: None,
        created: "2026-11-28T13:05:00.000Z".into(),
        modified: "2026-11-28T13:05:00.000Z".into(),
    }
}

/// Run in every new document before its scripts: seeds local storage (once per profile) and
/// records, from a requestAnimationFrame loop, when the first `selector` with text (a story
/// paragraph, a library entry) is visible in the window, when the app has started and when the
/// first highlight is drawn.
pub(crate) fn probe_for(seed: &[(String, String)], selector: &str) -> String {
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
    if (b.para === undefined && visible(document.querySelector({}))) b.para = now;
    if (b.app === undefined && document.documentElement.hasAttribute('data-app')) b.app = now;
    if (b.mark === undefined && document.querySelector('mark[data-hl]')) b.mark = now;
    const settled = b.para !== undefined && b.app !== undefined && (b.mark !== undefined || now - b.app > 2000);
    if (!settled) requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"#,
        serde_json::to_string(seed).unwrap(),
        serde_json::to_string(selector).unwrap()
    )
}

pub(crate) fn browser(throttled: bool, seed: &[(String, String)]) -> Browser {
    browser_watching(throttled, seed, ".article-body p")
}

/// [`browser`], its probe watching for the first `selector` (see [`probe_for`]).
pub(crate) fn browser_watching(
    throttled: bool,
    seed: &[(String, String)],
    selector: &str,
) -> Browser {
    let b = Browser::start();
    b.set_window_size(WINDOW.0, WINDOW.1);
    b.cdp("Network.enable", json!({}));
    b.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }));
    if throttled {
        throttle(&b);
    }
    b.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": probe_for(seed, selector) }),
    );
    b
}

/// Slows `b` from now on: CPU 4×, slow 4G.
pub(crate) fn throttle(b: &Browser) {
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

/// Waits until `script` returns something other than null/false; returns it.
pub(crate) fn poll(b: &Browser, what: &str, script: &str, limit: Duration) -> Value {
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

pub(crate) struct Visit {
    pub(crate) page: Vec<(String, Size)>,
    pub(crate) with_worker: Size,
    pub(crate) worker_requests: usize,
}

/// Everything an article page loads on a first visit (Resource Timing), and everything the
/// server sent until the service worker was ready (its precache included).
pub(crate) fn first_visit(server: &StaticServer, article: &Article, sizes: &mut Sizes) -> Visit {
    visit(
        server,
        &target().join("bench/first-paint"),
        &format!("/articles/{}/", article.slug),
        sizes,
    )
}

/// What a first visit to `path` loads, from `server` serving `root`; see [`first_visit`].
pub(crate) fn visit(server: &StaticServer, root: &Path, path: &str, sizes: &mut Sizes) -> Visit {
    let b = browser(false, &[]);
    b.goto(&server.url(path));
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
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // Once each: with the cache disabled here, the figure's image is fetched again
            // when the app draws the page over the prerendered one; a reader's browser takes
            // it from the page's own image cache.
            if !page.iter().any(|(seen, _)| *seen == rel) {
                page.push((rel, sizes.of(&file)));
            }
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
pub(crate) struct Paint {
    /// (throttled?) → medians: static paragraph, app paragraph, app highlight, app started.
    pub(crate) medians: BTreeMap<bool, [f64; 4]>,
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    v[v.len() / 2]
}

pub(crate) fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

pub(crate) fn first_paint(dir: &Path, article: &Article) -> Paint {
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

/// Section 2 of the report: first paint against the static copy.
pub(crate) fn write(w: &mut String, paint: &Paint, page: Size, missed: &mut Vec<String>) {
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
        let _ = writeln!(
            w,
            "| {} | {st:.0} ms | {para:.0} ms | {:.2}× | {app:.0} ms | {mark:.0} ms | {:.2}× |",
            if *throttled {
                "Throttled (slow 4G, 4× CPU)"
            } else {
                "Unthrottled"
            },
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
                "**First paragraph {r1:.2}× the static file (target 1.1×).** A trace and page \
                 variants found the cause of the earlier 1.17×: a policy tag in the markup, \
                 which turns off Chromium's preload scanner (the static copy with one was as \
                 slow as the app); the policy is now added by the page's first script \
                 (scripts/build/csp.mjs). What is left is the page itself: its HTML carries \
                 the site bar, key facts and the empty annotations panel (about 4.5 KB \
                 brotli against the static copy's headline, figure and paragraphs), which take \
                 longer to arrive and to lay out on a 4× slower CPU; single loads on this \
                 shared 2-core machine spread by ±70 ms, so a median of {RUNS} can miss by \
                 that much. Would close it: the sidebar left out of the prerendered HTML \
                 until the app starts."
            ));
        }
        if r2 > 1.5 {
            missed.push(format!(
                "**Highlights drawn {r2:.2}× the static paragraph (target 1.5×).** \
                 Seeded in a fresh profile, these highlights have no copy for the page's own \
                 script to draw (the app writes one at its first drawing: a returning \
                 reader's are drawn by the page, section 6), so they wait for the app, which \
                 needs the whole WebAssembly downloaded ({} brotli at 1.6 Mbit/s is about \
                 {:.1} s alone) and compiled on a 4× slower CPU. Would close it: the size \
                 work above.",
                kb(page.brotli),
                page.brotli as f64 * 8.0 / 1.6e6
            ));
        }
    }
}
