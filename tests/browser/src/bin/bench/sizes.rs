//! 1. Sizes of the build, per kind of file, raw, gzip and brotli.

use super::*;

#[derive(Clone, Copy, Default)]
pub(crate) struct Size {
    pub(crate) raw: u64,
    pub(crate) gzip: u64,
    pub(crate) brotli: u64,
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, o: Size) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

#[derive(Default)]
pub(crate) struct Sizes(HashMap<PathBuf, Size>);

impl Sizes {
    pub(crate) fn of(&mut self, file: &Path) -> Size {
        if let Some(s) = self.0.get(file) {
            return *s;
        }
        // The copies `precompress` wrote, if they are newer than the file (same settings).
        let modified = |f: &Path| std::fs::metadata(f).and_then(|m| m.modified()).ok();
        let packed = |ext: &str| -> u64 {
            let copy = PathBuf::from(format!("{}.{ext}", file.display()));
            match (modified(&copy), modified(file)) {
                (Some(c), Some(f)) if c >= f => std::fs::metadata(&copy).expect("a copy").len(),
                _ => compressed(file, ext).len() as u64,
            }
        };
        let size = Size {
            raw: std::fs::metadata(file).expect("a file").len(),
            gzip: packed("gz"),
            brotli: packed("br"),
        };
        self.0.insert(file.to_path_buf(), size);
        size
    }

    /// One row per kind of file in `dist`, in a fixed order.
    pub(crate) fn table(&mut self, dist: &Path) -> Vec<(String, usize, Size)> {
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

pub(crate) fn kind(rel: &str) -> (usize, &'static str) {
    let ext = rel.rsplit('.').next().unwrap_or("");
    match ext {
        _ if rel == "sw.js" => (5, "Service worker (sw.js)"),
        _ if rel.starts_with("worker-") => {
            (8, "Worker: exports, imports, backups (loaded on first use)")
        }
        _ if rel.starts_with("extractor-") => {
            (9, "Extractor: adding articles (loaded on first use)")
        }
        _ if rel.starts_with("wasm-split-") => (
            10,
            "The app's lazy parts: the library, its lower sections, the dialogs, highlighting, the undo bar, the notices, the offer to continue reading, the update's button (each loaded on first use)",
        ),
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
pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
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

/// Writes `x.br` and `x.gz` beside each file, which the test server sends to browsers that
/// accept them, as a production host would compress.
pub(crate) fn precompress(dir: &Path) {
    let files = files(dir);
    // Two at a time (the machine has two cores): a library of 1,000 articles has thousands.
    let (even, odd): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    std::thread::scope(|scope| {
        for half in [even, odd] {
            scope.spawn(move || {
                for (_, file) in half {
                    precompress_one(file);
                }
            });
        }
    });
}

/// The compressors, by the extension of their output: `gzip -9` and `brotli -q 11`.
const COMPRESSORS: [(&str, &str, &[&str]); 2] = [
    ("gz", "gzip", &["-9", "-n", "-c"]),
    ("br", "brotli", &["-q", "11", "-c"]),
];

/// `file` compressed to the format of extension `ext` ("gz" or "br").
fn compressed(file: &Path, ext: &str) -> Vec<u8> {
    let (_, program, args) = COMPRESSORS
        .iter()
        .find(|(e, _, _)| *e == ext)
        .expect("a known format");
    let out = Command::new(program)
        .args(*args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (scripts/bench.sh installs it)"));
    assert!(
        out.status.success(),
        "{program} failed on {}",
        file.display()
    );
    out.stdout
}

/// Writes `file.gz` and `file.br`.
pub(crate) fn precompress_one(file: &Path) {
    for (ext, _, _) in COMPRESSORS {
        std::fs::write(format!("{}.{ext}", file.display()), compressed(file, ext)).unwrap();
    }
}

/// Section 1 of the report: the build's sizes and what a first visit loads (returned).
pub(crate) fn write(
    w: &mut String,
    size_rows: &[(String, usize, Size)],
    visit: &Visit,
    missed: &mut Vec<String>,
) -> Size {
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
             WebAssembly, which holds the app a first visit runs (Leptos' views and reactive \
             graph, annotation UI, settings, storage and its codec, anchoring); articles are \
             data files beside it and cost a first visit only its own, and export, import, \
             backup and the adding of the reader's own articles run in workers loaded on first \
             use (the Worker and Extractor rows above, not part of a first visit). Parts of \
             the app's module are split off after linking (wasm_split with its `fallible` \
             option, scripts/build/split.mjs) and fetched on first use: the library's lower \
             sections (-36.1 KB brotli from the module), the settings and help dialogs \
             (-4.1 KB), the highlight toolbar and editor (-20.5 KB), the library page \
             (-14.7 KB), the list of the reader's marks beside the story, drawn only when \
             there are some (-8.3 KB), the undo bar (-1.4 KB), the notices about the \
             reader's saved data, drawn only when there is one (-6.4 KB), the offer to \
             continue where the reader left off, drawn only on a return (-0.6 KB), and the \
             button that loads a new version, drawn only when one waits (-0.3 KB); the app's script, \
             the parts' loader and the stylesheet are minified by esbuild (-4.2 KB); the \
             loader now also lists each part's files, so that the library page's part \
             downloads beside the module (+0.2 KB on every first visit). Cut so far \
             with a size profile (twiggy) as the map, among others: the names of the 331 \
             functions the module imports from its script, each carrying a hash that does not \
             compress, made short alike in the module and the script (-8.0 KB brotli: -4.8 KB \
             the module, -3.3 KB the script; scripts/build/imports.mjs), wasm-streams' three \
             classes, which nothing in the app can make, dropped with their code, and the \
             exports that call closures named short (-1.5 KB; scripts/build/exports.mjs), \
             leptos_router replaced by \
             the app's own router (-31.0 KB brotli), the library's files read field by field \
             instead of by serde's derived readers (-10.9 KB), case folded by the browser \
             (-4.6 KB), the annotations in one map instead of four (-4.1 KB). What is left, \
             measured by building without one piece at a time: the article page's own views \
             (its body -6.3 KB, the sidebar's key facts and tabs -6.4 KB, the figure -3.0 KB, \
             the byline and reading-list button -1.6 KB, the offer to continue reading \
             -1.2 KB before its view became a part), the keys (-1.6 KB), the offline status (-1.7 KB, before the update's button became a part); built as one module \
             without parts (295.6 KB), the app with nothing drawn is 49.5 KB (start-up, the \
             reading of the page's files, Leptos' mounting) and its shared state with no view \
             96.4 KB (the store 24.7 KB of it; its reading of what is stored only 1.1 KB, as \
             other tabs' changes and imports use the same codec). The cuts left inside one \
             module are a few hundred bytes to 2 KB each. Tried and dropped: \
             Leptos' `--cfg erase_components` (-1.4%), `opt-level = \"s\"` (+33 KB brotli), \
             wasm-opt `--converge` (no gain), `overflow-checks` (+5.8 KB brotli), the talc \
             allocator instead of dlmalloc (-218 bytes brotli), shorter source paths in panic \
             locations (`--remap-path-prefix`: -45 bytes brotli; std's are fixed), the \
             reading of the reader's own articles from the browser's store in a part (-1.8 KB \
             brotli, measured with it stubbed out). Closing the rest would take a change of \
             approach rather than more parts: keeping the prerendered article and drawing \
             only what the reader acts on (Leptos' islands) would leave out the article's own \
             views (about 18.5 KB by the figures above) but not Leptos' reactive system, the \
             store and the drawing of highlights, so about 200 KB; 150 KB would take a first \
             visit that runs without most of Leptos (a small module that draws highlights \
             into the prerendered page and offers the toolbar, the app a part fetched when \
             the reader does more), an estimate from these figures, not built.",
            kb(page.brotli)
        ));
    }
    page
}
