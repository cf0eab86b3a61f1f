//! The benchmark figures of `./scripts/bench.sh` (not a test: nothing here fails on a missed
//! target). `bench prepare <folder>` writes the long generated articles, `bench
//! prepare-library <folder>` the 999 articles of the large library; `bench run` measures the
//! release builds (`dist/`, `target/bench-dist/`, `target/bench-library-{1,1000}/`), reads the
//! criterion results, prints every figure and rewrites `docs/benchmarks.md`.

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

#[path = "../../../../../core/benches/shared/corpus.rs"]
mod corpus;

mod anchoring;
mod first_paint;
mod growth;
mod long;
mod report;
mod sizes;
mod storage;

// Each module's items, for `run` and for the other modules (`use super::*`).
use anchoring::*;
use first_paint::*;
use growth::*;
use long::*;
use report::*;
use sizes::*;
use storage::*;

const LONG: &str = "bench-long";
const EDITED: &str = "bench-long-edited";
/// Repeats of each browser measurement (the median is reported).
const RUNS: usize = 11;
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
        (Some("prepare-library"), Some(dir)) => prepare_library(Path::new(dir), LIBRARY - 1),
        (Some("run"), None) => run(),
        (Some("growth"), None) => {
            // Section 6 alone, printed (docs/benchmarks.md is left as it is).
            let article = articles().into_iter().next().expect("an article");
            let mut sizes = Sizes::default();
            let [small, large] = growth_figures(&article, &mut sizes);
            let mut text = String::new();
            growth::write(&mut text, &small, &large, &mut Vec::new());
            println!("{text}");
        }
        (Some("returning"), Some(dist)) => {
            let article = articles().into_iter().next().expect("an article");
            let [plain, drawn, started] = growth::returning_alone(Path::new(dist), &article);
            println!(
                "returning reader: static paragraph {plain:.0} ms, highlights drawn {drawn:.0} ms \
                 ({:.2}×), app started {started:.0} ms",
                drawn / plain
            );
        }
        (Some("first-paint"), Some(dist)) => {
            // Section 2 alone, on the build `dist` (a static copy of the article is written
            // into it), printed.
            let article = articles().into_iter().next().expect("an article");
            first_paint::write_static_page(Path::new(dist), &article);
            let paint = first_paint::first_paint(Path::new(dist), &article);
            for (throttled, [plain, para, mark, app]) in &paint.medians {
                println!(
                    "{}: static paragraph {plain:.0} ms, app paragraph {para:.0} ms ({:.2}×), \
                     highlight {mark:.0} ms ({:.2}×), app started {app:.0} ms",
                    if *throttled {
                        "throttled"
                    } else {
                        "unthrottled"
                    },
                    para / plain,
                    mark / plain
                );
            }
        }
        (Some("library-page"), Some(dist)) => {
            let [plain, app, started] = growth::library_page_alone(Path::new(dist));
            println!(
                "library page: static list {plain:.0} ms, app {app:.0} ms, {:.2}×; app started {started:.0} ms",
                app / plain
            );
        }
        _ => {
            eprintln!(
                "usage: bench prepare <articles folder> | bench prepare-library <folder> | \
                 bench run | bench growth (section 6 alone, after scripts/bench.sh built it) | \
                 bench returning <build> (a returning reader alone) | \
                 bench first-paint <build> (a first visit's paint and start alone) | \
                 bench library-page <build> (the library page alone)"
            );
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
    let _ = std::fs::remove_dir_all(&fp_dir);
    browser_tests::copy_dir(&dist, &fp_dir);
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

    say("growth: the library of 1 article and of 1,000 (target/bench-library-*/)");
    let growth = growth_figures(&article, &mut sizes);

    doc.write(&Figures {
        size_rows,
        visit,
        paint,
        long,
        storage,
        anchoring,
        growth,
    });
}

/// Section 6's figures: the library of 1 article, then of [`LIBRARY`].
fn growth_figures(article: &Article, sizes: &mut Sizes) -> [Library; 2] {
    [1, LIBRARY].map(|n| library(&target().join(format!("bench-library-{n}")), article, sizes))
}

/// Every figure of one run, for the report.
pub(crate) struct Figures {
    pub(crate) size_rows: Vec<(String, usize, Size)>,
    pub(crate) visit: Visit,
    pub(crate) paint: Paint,
    pub(crate) long: Long,
    pub(crate) storage: Storage,
    pub(crate) anchoring: Anchoring,
    /// The 1-article library, then the 1,000-article one.
    pub(crate) growth: [Library; 2],
}
