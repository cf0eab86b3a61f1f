//! 6. Growth: a library of 1 article against one of 1,000.
//!
//! The same figures for both, in one run, so that what each article added costs is a number.
//!
//! `scripts/bench.sh` builds both (`target/bench-library-1/`, `target/bench-library-1000/`),
//! each after a change of `READER_EXTRA_ARTICLES`, so both builds redo the same work: the
//! prerenderer recompiled with its articles, every page prerendered, the service worker
//! written. It times them into `target/bench/build-seconds-<n>.txt`.

use super::*;

/// The size of the large library, the bundled article included.
pub(crate) const LIBRARY: usize = 1_000;
/// Highlights of the returning reader, on the article measured.
const RETURNING_HIGHLIGHTS: usize = 100;
/// Loads per measurement in this section (each 1,000-entry page takes a while to compress
/// and to load throttled). 7, not 3: on a 2-core machine single throttled loads of the
/// library page spread from 460 to 1,091 ms, and medians of 3 ranged from 0.96× to 1.40×.
const GROWTH_RUNS: usize = 7;

/// Writes `count` generated articles to `dir` (the bundled one makes the library's
/// [`LIBRARY`]): real text (Debian's licence texts, 5–11 paragraphs each), varied titles,
/// authors, sites and dates, deterministic.
pub(crate) fn prepare_library(dir: &Path, count: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("a writable folder");
    let paragraphs: Vec<String> = corpus::licence_paragraphs()
        .into_iter()
        .filter(|p| p.split(' ').count() >= 25)
        .collect();
    let mut rng = corpus::Rng::new(0x6c69_6272);
    const FIRST: [&str; 12] = [
        "Ada", "Bruno", "Chiara", "Dmitri", "Esther", "Farid", "Grace", "Hiroshi", "Ines", "Jonas",
        "Kemi", "Luca",
    ];
    const LAST: [&str; 10] = [
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Tanaka",
        "Russo",
        "Novak",
        "Haddad",
        "Silva",
        "Berg",
        "Walsh",
    ];
    const SITES: [&str; 8] = [
        "The Harbour Gazette",
        "Northern Ledger",
        "Civic Review",
        "The Daily Compass",
        "Field Notes Weekly",
        "Open Source Chronicle",
        "Riverside Post",
        "The Commons Journal",
    ];
    const TOPICS: [&str; 10] = [
        "licences",
        "copyright",
        "free software",
        "public domain",
        "warranties",
        "patents",
        "distribution",
        "source code",
        "trademarks",
        "attribution",
    ];
    const HOOKS: [&str; 6] = [
        "What readers should know about",
        "A short history of",
        "Ten questions on",
        "Why courts keep returning to",
        "The quiet economics of",
        "Inside the debate over",
    ];
    for n in 1..=count {
        let title = format!(
            "{} {}, part {n}",
            HOOKS[rng.below(HOOKS.len())],
            TOPICS[rng.below(TOPICS.len())]
        );
        let byline = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())]
        );
        let site = SITES[rng.below(SITES.len())];
        let date = format!(
            "{}-{:02}-{:02}",
            2018 + rng.below(9),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let length = 5 + rng.below(7);
        let start = rng.below(paragraphs.len());
        let body: Vec<String> = (0..length)
            .map(|i| corpus::markdown_paragraph(&paragraphs[(start + i * 7) % paragraphs.len()]))
            .collect();
        let slug = format!("bench-library-{n:04}");
        let text = format!(
            "+++\nslug = \"{slug}\"\ntitle = \"{title}\"\nbyline = \"{byline}\"\n\
             publication = \"{site}\"\ndate = \"{date}\"\n+++\n{}\n",
            body.join("\n\n")
        );
        std::fs::write(dir.join(format!("{slug}.md")), text).expect("a writable folder");
    }
    println!("bench: wrote {count} articles to {}", dir.display());
}

/// The figures of one library.
pub(crate) struct Library {
    pub(crate) articles: usize,
    pub(crate) build_seconds: f64,
    pub(crate) index: Size,
    /// Every file of the build, summed.
    pub(crate) all_files: Size,
    pub(crate) to_library: Visit,
    pub(crate) to_article: Visit,
    /// Throttled medians: static list's first entry, app's first entry, app started.
    pub(crate) library_open: [f64; 3],
    /// Throttled medians: static paragraph, app paragraph, app started.
    pub(crate) article_open: [f64; 3],
    /// Throttled medians on a repeat visit: static paragraph, app highlight drawn.
    pub(crate) returning: [f64; 3],
}

/// Measures the library built into `dist` (already precompressed).
pub(crate) fn library(dist: &Path, article: &Article, sizes: &mut Sizes) -> Library {
    // The build's own files (not the static copies of an earlier `bench growth`).
    let files: Vec<PathBuf> = files(dist)
        .into_iter()
        .filter(|f| !f.starts_with(dist.join("bench-static")))
        .collect();
    let articles = files
        .iter()
        .filter(|f| {
            f.ends_with("index.html")
                && f.parent()
                    .is_some_and(|p| p.parent().is_some_and(|a| a.ends_with("articles")))
        })
        .count();
    let build_seconds = std::fs::read_to_string(
        target().join(format!("bench/build-seconds-{}.txt", label(articles))),
    )
    .ok()
    .and_then(|s| s.trim().parse().ok())
    .unwrap_or(f64::NAN);
    let index_file = files
        .iter()
        .find(|f| {
            f.parent() == Some(dist)
                && f.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("library-"))
        })
        .expect("a library index");
    write_static_page(dist, article);
    write_static_library(dist);
    precompress(dist);
    let index = sizes.of(index_file);
    let mut all_files = Size::default();
    for f in &files {
        all_files += sizes.of(f);
    }

    let server = StaticServer::start(dist);
    let to_library = visit(&server, dist, "/", sizes);
    drop(server);
    let server = StaticServer::start(dist);
    let to_article = visit(
        &server,
        dist,
        &format!("/articles/{}/", article.slug),
        sizes,
    );
    drop(server);

    let server = StaticServer::start(dist);
    let library_open = library_open(&server);
    let article_open = open_against_static(
        &server,
        &format!("/articles/{}/", article.slug),
        &format!("/bench-static/{}/", article.slug),
        ".article-body p",
    );
    let returning = returning_reader(&server, article);
    Library {
        articles,
        build_seconds,
        index,
        all_files,
        to_library,
        to_article,
        library_open,
        article_open,
        returning,
    }
}

/// "1" or "1000": the name of a library's files in `target/bench/`.
pub(crate) fn label(articles: usize) -> String {
    articles.to_string()
}

/// The library page as a plain list: the prerendered page's own list of entries, with the
/// same stylesheet and no script, at the same depth as the article's static copy.
fn write_static_library(dir: &Path) {
    let page = std::fs::read_to_string(dir.join("index.html")).expect("the library page");
    let start = page
        .find("<ul class=\"library-list\"")
        .expect("the library's list");
    let end = start + page[start..].find("</ul>").expect("the list's end") + "</ul>".len();
    let css = files(dir)
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "css"))
        .expect("a stylesheet");
    let css = css.file_name().unwrap().to_string_lossy().into_owned();
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Library</title><base href=\"../../\"><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main class=\"library\"><h1 class=\"page-title\">Library</h1>{}</main></body></html>\n",
        &page[start..end]
    );
    let folder = dir.join("bench-static/library");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("index.html"), html).unwrap();
}

/// A returning reader's figures alone, on the build in `dist` ([`returning_reader`]'s medians:
/// static paragraph, highlight drawn, app started): `bench returning <build>`, to try a change
/// to what a repeat visit runs without the whole section.
pub(crate) fn returning_alone(dist: &Path, article: &Article) -> [f64; 3] {
    write_static_page(dist, article);
    precompress(dist);
    let server = StaticServer::start(dist);
    returning_reader(&server, article)
}

/// The library page's figures alone, on the build in `dist` ([`open_against_static`]'s
/// medians: static list's first entry, app's, app started): `bench library-page <build>`.
pub(crate) fn library_page_alone(dist: &Path) -> [f64; 3] {
    write_static_library(dist);
    precompress(dist);
    library_open(&StaticServer::start(dist))
}

/// The library page against its static list ([`open_against_static`]).
fn library_open(server: &StaticServer) -> [f64; 3] {
    open_against_static(server, "/", "/bench-static/library/", ".library-title")
}

/// Throttled, fresh profile per load, app and static interleaved: medians of the first
/// `selector` visible (static, app) and of the app started.
fn open_against_static(server: &StaticServer, app: &str, plain: &str, selector: &str) -> [f64; 3] {
    let mut runs: [Vec<f64>; 3] = Default::default();
    for run in 0..GROWTH_RUNS {
        for is_app in [true, false] {
            let b = browser_watching(true, &[], selector);
            b.load(&server.url(if is_app { app } else { plain }));
            let wait = if is_app {
                "return window.__bench && __bench.para !== undefined && __bench.app !== undefined && __bench"
            } else {
                "return window.__bench && __bench.para !== undefined && __bench"
            };
            let got = poll(&b, "the first paint", wait, Duration::from_secs(120));
            let at = |k: &str| got[k].as_f64().unwrap_or(f64::NAN);
            if is_app {
                runs[1].push(at("para"));
                runs[2].push(at("app"));
            } else {
                runs[0].push(at("para"));
            }
            say(&format!(
                "  {app} run {}: {} {selector} {:.0} ms",
                run + 1,
                if is_app { "app" } else { "static" },
                at("para")
            ));
        }
    }
    runs.map(median)
}

/// A returning reader: the first visit installs the service worker and stores
/// [`RETURNING_HIGHLIGHTS`] highlights; the second, throttled, is timed (static copy: the same
/// two visits, from the HTTP cache). Medians of the static paragraph, the first highlight drawn
/// (by the page's early script, `src/early_highlights.js`, or by the app) and the app started
/// (the highlights usable).
fn returning_reader(server: &StaticServer, article: &Article) -> [f64; 3] {
    let seed = stored(many_highlights(article, RETURNING_HIGHLIGHTS));
    let app = server.url(&format!("/articles/{}/", article.slug));
    let plain = server.url(&format!("/bench-static/{}/", article.slug));
    let mut runs: [Vec<f64>; 3] = Default::default();
    for run in 0..GROWTH_RUNS {
        for is_app in [true, false] {
            let b = Browser::start();
            b.set_window_size(WINDOW.0, WINDOW.1);
            b.cdp("Network.enable", json!({}));
            b.cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": probe_for(&seed, ".article-body p") }),
            );
            let url = if is_app { &app } else { &plain };
            b.load(url);
            if is_app {
                poll(
                    &b,
                    "the service worker in control and the highlights drawn",
                    "return !!navigator.serviceWorker.controller && document.querySelectorAll('mark[data-hl]').length > 0",
                    Duration::from_secs(120),
                );
            } else {
                poll(
                    &b,
                    "the static page",
                    "return window.__bench && __bench.para !== undefined",
                    Duration::from_secs(60),
                );
            }
            throttle(&b);
            b.load(url);
            let wait = if is_app {
                "return window.__bench && __bench.para !== undefined && __bench.mark !== undefined && __bench.app !== undefined && __bench"
            } else {
                "return window.__bench && __bench.para !== undefined && __bench"
            };
            let got = poll(&b, "the repeat visit", wait, Duration::from_secs(120));
            let at = |k: &str| got[k].as_f64().unwrap_or(f64::NAN);
            if is_app {
                runs[1].push(at("mark"));
                runs[2].push(at("app"));
            } else {
                runs[0].push(at("para"));
            }
            say(&if is_app {
                format!(
                    "  returning run {}: app, highlight {:.0} ms, started {:.0} ms",
                    run + 1,
                    at("mark"),
                    at("app")
                )
            } else {
                format!(
                    "  returning run {}: static, paragraph {:.0} ms",
                    run + 1,
                    at("para")
                )
            });
        }
    }
    runs.map(median)
}

/// `count` highlights spread over the article's paragraphs, a few words each, none overlapping.
fn many_highlights(article: &Article, count: usize) -> Vec<Record> {
    let text = article.annotatable_text();
    let index = TextIndex::new(&text);
    let starts = article.annotatable_part_starts();
    let blocks = article.blocks.len();
    let per_block = count.div_ceil(blocks);
    let mut out = Vec::new();
    for id in 0..count {
        let block = id % blocks;
        let slot = id / blocks;
        let start = starts[article.part_of_block(block)];
        let len = article.blocks[block].plain_text().chars().count();
        let step = len / (per_block + 1);
        if step < 4 {
            continue;
        }
        let from = start + slot * step;
        out.push(Record::Highlight(highlight(
            id,
            &article.slug,
            &index,
            (from, from + step / 2),
        )));
    }
    out
}

/// Section 6 of the report: both libraries side by side.
pub(crate) fn write(w: &mut String, small: &Library, large: &Library, missed: &mut Vec<String>) {
    let _ = writeln!(
        w,
        "\n## 6. Growth: a library of {} article against one of {}\n",
        small.articles, large.articles
    );
    let _ = writeln!(
        w,
        "Two builds in one run: `dist/` as shipped, and the same with {} generated articles \
         added (`bench prepare-library`: Debian's licence texts, 5–11 paragraphs each, varied \
         titles, authors, sites and dates; bench builds only). Each build is timed after a \
         change of its articles (the prerenderer recompiled, every page prerendered, the \
         service worker written; the app's WebAssembly is the same and comes from cache). \
         Sizes brotli (`-q 11`). Times throttled (slow 4G, 4× CPU), fresh profile per load, \
         median of {GROWTH_RUNS}; the static copies are the library's own prerendered list \
         and the article's paragraphs, with the same stylesheet and no script. The article \
         measured is the bundled one, in both libraries.\n",
        large.articles - small.articles
    );
    let per = |a: f64, b: f64| (b - a) / (large.articles - small.articles) as f64;
    let _ = writeln!(
        w,
        "| | {} article | {} articles | Each article added |\n|---|---|---|---|",
        small.articles, large.articles
    );
    let row = |w: &mut String, name: &str, a: String, b: String, each: String| {
        let _ = writeln!(w, "| {name} | {a} | {b} | {each} |");
    };
    let bytes = |w: &mut String, name: &str, a: u64, b: u64| {
        row(
            w,
            name,
            kb(a),
            kb(b),
            format!("{:.0} B", per(a as f64, b as f64)),
        );
    };
    row(
        w,
        "Build (`trunk build --release`, content changed)",
        format!("{:.0} s", small.build_seconds),
        format!("{:.0} s", large.build_seconds),
        format!(
            "{:.0} ms",
            1000.0 * per(small.build_seconds, large.build_seconds)
        ),
    );
    bytes(
        w,
        "Every file of the build",
        small.all_files.brotli,
        large.all_files.brotli,
    );
    bytes(
        w,
        "Library index (`library-*.json`)",
        small.index.brotli,
        large.index.brotli,
    );
    let total = |v: &Visit| {
        let mut s = Size::default();
        for (_, size) in &v.page {
            s += *size;
        }
        s
    };
    bytes(
        w,
        "First visit to the library page, every file",
        total(&small.to_library).brotli,
        total(&large.to_library).brotli,
    );
    bytes(
        w,
        "First visit to one article, every file",
        total(&small.to_article).brotli,
        total(&large.to_article).brotli,
    );
    row(
        w,
        "Service worker install (first visit to the library, until it is ready)",
        format!(
            "{} ({} requests)",
            kb(small.to_library.with_worker.brotli),
            small.to_library.worker_requests
        ),
        format!(
            "{} ({} requests)",
            kb(large.to_library.with_worker.brotli),
            large.to_library.worker_requests
        ),
        format!(
            "{:.0} B",
            per(
                small.to_library.with_worker.brotli as f64,
                large.to_library.with_worker.brotli as f64
            )
        ),
    );
    let times = |w: &mut String, name: &str, a: f64, b: f64| {
        row(
            w,
            name,
            format!("{a:.0} ms"),
            format!("{b:.0} ms"),
            format!("{:.2} ms", per(a, b)),
        );
    };
    let ratio = |w: &mut String, name: &str, a: f64, b: f64| {
        row(
            w,
            name,
            format!("{a:.2}×"),
            format!("{b:.2}×"),
            String::new(),
        );
    };
    let [sl, al, started_l] = small.library_open;
    let [sl2, al2, started_l2] = large.library_open;
    times(w, "Library page: first entry visible, static list", sl, sl2);
    times(w, "Library page: first entry visible, app", al, al2);
    ratio(
        w,
        "Library page: app against static list",
        al / sl,
        al2 / sl2,
    );
    times(w, "Library page: app started", started_l, started_l2);
    let [sa, aa, started_a] = small.article_open;
    let [sa2, aa2, started_a2] = large.article_open;
    times(w, "Article: first paragraph visible, static copy", sa, sa2);
    times(w, "Article: first paragraph visible, app", aa, aa2);
    ratio(w, "Article: app against static copy", aa / sa, aa2 / sa2);
    times(w, "Article: app started", started_a, started_a2);
    let [rs, rh, ra] = small.returning;
    let [rs2, rh2, ra2] = large.returning;
    times(
        w,
        "Returning reader: static paragraph (HTTP cache)",
        rs,
        rs2,
    );
    times(
        w,
        &format!("Returning reader: {RETURNING_HIGHLIGHTS} highlights drawn (service worker)"),
        rh,
        rh2,
    );
    ratio(
        w,
        "Returning reader: highlights against static paragraph",
        rh / rs,
        rh2 / rs2,
    );
    times(
        w,
        "Returning reader: app started (highlights usable)",
        ra,
        ra2,
    );
    let (lib_ratio, ret_ratio) = (al2 / sl2, rh2 / rs2);
    let _ = writeln!(
        w,
        "\nTargets (throttled, {} articles): the library page within 1.1× of a static list of \
         the same entries: {} ({lib_ratio:.2}×); a returning reader's highlights within 1.5× of \
         the static page's first paragraph: {} ({ret_ratio:.2}×).",
        large.articles,
        verdict(lib_ratio <= 1.1),
        verdict(ret_ratio <= 1.5)
    );
    if lib_ratio > 1.1 {
        missed.push(format!(
            "**Library page of {} articles {lib_ratio:.2}× the static list (target 1.1×).** The \
             prerendered page carries more than the list (site bar, search, export and \
             import); the policy tag that held up every page's first paint is gone \
             (scripts/build/csp.mjs), and single loads spread by ±70 ms on this machine.",
            large.articles
        ));
    }
    if ret_ratio > 1.5 {
        missed.push(format!(
            "**A returning reader's highlights {ret_ratio:.2}× the static paragraph (target \
             1.5×).** The page's own script draws them from the copy the app keeps \
             (`reader:early:<slug>`) as soon as the text is read in; a figure above the \
             static page's means that copy was missing or stale, and the highlights waited \
             for the app."
        ));
    }
}
