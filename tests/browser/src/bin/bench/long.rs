//! 4. The 100,000-word article with 1,000 highlights in the browser.

use super::*;

#[derive(Default)]
pub(crate) struct Long {
    pub(crate) words: usize,
    pub(crate) html_bytes: u64,
    /// Medians over runs: (paragraph visible, app started, highlights drawn, placement ms,
    /// highlights placed), per case.
    pub(crate) cases: Vec<(String, [f64; 5])>,
    pub(crate) frames: Vec<f64>,
    pub(crate) seed_bytes: Vec<usize>,
}

pub(crate) fn long_document(dir: &Path) -> Long {
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
pub(crate) fn scroll_frames(b: &Browser) -> Vec<f64> {
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

/// Section 4 of the report: the long article in the browser.
pub(crate) fn write(w: &mut String, long: &Long) {
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
}
