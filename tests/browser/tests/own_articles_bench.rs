//! Measures, not tests (ignored by the test command; `./scripts/bench.sh` runs them, see
//! docs/benchmarks.md): adding 100 of Mozilla's Readability test pages at once, and adding one
//! 5 MB page, timed in the page, with the main thread's long tasks (over 50 ms) where the
//! browser reports them (Chromium's Long Tasks API). Prints one JSON line per measure, and with
//! `READER_BENCH_DOC=<file>` writes them as Markdown there (`docs/adding-articles.md`).

use browser_tests::webdriver::Browser;
use browser_tests::App;

/// Mozilla's test pages: `READER_TEST_PAGES`, or beside the project, or where this machine
/// keeps them.
fn test_pages() -> std::path::PathBuf {
    let beside = browser_tests::repo_root().join("../shared/readability-test-pages");
    std::env::var_os("READER_TEST_PAGES")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([beside, "/work/shared/readability-test-pages".into()])
        .find(|p| p.join("001/source.html").is_file())
        .expect("Mozilla's Readability test pages (set READER_TEST_PAGES)")
}

/// Starts watching: when files are chosen, when the adding is over, and long tasks.
fn watch(b: &Browser) {
    b.script(
        r#"window.addBench = { longTasks: [], start: null, end: null };
           try {
             new PerformanceObserver(list => {
               for (const e of list.getEntries()) if (addBench.start !== null && addBench.end === null) addBench.longTasks.push(Math.round(e.duration));
             }).observe({ type: 'longtask', buffered: false });
             addBench.observed = true;
           } catch (e) { addBench.observed = false; }
           document.querySelector('#add-files').addEventListener('change', () => { addBench.start = performance.now(); }, { capture: true });
           new MutationObserver(() => {
             if (addBench.start !== null && addBench.end === null && document.querySelector('.add-results li') && !document.querySelector('.add-progress')) addBench.end = performance.now();
           }).observe(document.querySelector('.add-articles'), { childList: true, subtree: true });"#,
        vec![],
    );
}

fn measured(b: &Browser, what: &str, files: usize) -> serde_json::Value {
    b.wait_until(
        "the adding is over",
        "return window.addBench.end !== null && document.querySelectorAll('.add-results li').length === arguments[0]",
        vec![serde_json::json!(files)],
    );
    let result = b.script(
        "const r = window.addBench; return { ms: Math.round(r.end - r.start), longTasks: r.longTasks, longTasksObserved: r.observed, added: document.querySelectorAll('.add-results .add-added').length, refused: document.querySelectorAll('.add-results .add-refused').length }",
        vec![],
    );
    println!("ADD-BENCH {what} {result}");
    result
}

/// A row of the table: what, files, time, added, refused, long tasks.
fn row(what: &str, files: usize, r: &serde_json::Value) -> String {
    let tasks = r["longTasks"].as_array().map_or(0, Vec::len);
    let longest = r["longTasks"]
        .as_array()
        .and_then(|t| t.iter().filter_map(|d| d.as_u64()).max())
        .map_or("none".to_string(), |ms| format!("{ms} ms"));
    format!(
        "| {what} | {files} | {:.2} s | {} | {} | {tasks} (longest: {longest}) |\n",
        r["ms"].as_f64().unwrap_or(0.0) / 1000.0,
        r["added"],
        r["refused"],
    )
}

#[test]
#[ignore = "a measure: ./scripts/bench.sh"]
fn adding_100_saved_pages_and_one_of_5_mb() {
    let pages = test_pages();
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("source.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let dir = std::env::temp_dir().join(format!("reader-add-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<String> = names
        .iter()
        .take(100)
        .map(|name| {
            let path = dir.join(format!("{name}.html"));
            std::fs::copy(pages.join(name).join("source.html"), &path).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect();

    let app = App::open("/");
    let b = &app.browser;
    b.wait_for(".add-articles");
    watch(b);
    b.choose_files("#add-files", &paths.join("\n"));
    let hundred = measured(b, "100-pages", paths.len());

    // One page of 5 MB: a test page whose story is repeated until the page is that large.
    let page = std::fs::read_to_string(pages.join("001/source.html")).unwrap();
    let (head, rest) = page.split_at(page.find("<body").unwrap());
    let body_start = rest.find('>').unwrap() + 1;
    let (open, body) = rest.split_at(body_start);
    let mut big = format!("{head}{open}");
    while big.len() < 5 * 1024 * 1024 {
        big.push_str(body);
    }
    let path = dir.join("five-megabytes.html");
    std::fs::write(&path, &big).unwrap();
    app.goto("/");
    b.wait_for(".add-articles");
    watch(b);
    b.choose_files("#add-files", path.to_str().unwrap());
    let five = measured(b, &format!("one-page-of-{}-bytes", big.len()), 1);

    if let Some(doc) = std::env::var_os("READER_BENCH_DOC") {
        let text = format!(
            "# Adding the reader's own articles\n\nWritten by `./scripts/bench.sh` (the ignored test `tests/browser/tests/own_articles_bench.rs`, in Chromium, {}). Time from the files being chosen to the last result shown, measured in the page; long tasks are the main thread's tasks over 50 ms while adding (Long Tasks API). Files already in the library (same text or same address) count as neither added nor refused.\n\n| Adding | Files | Time | Added | Refused | Long tasks on the main thread |\n|---|---|---|---|---|---|\n{}{}\nTarget: no long task over 50 ms while a 5 MB page is extracted (the extraction runs in the worker).\n\nOne run's figures: on a shared 2-core machine the same build's times spread widely (on 1 December 2026, a 5 MB page took 1.16 s to 1.92 s over 17 runs of four builds; two builds measured in turn swapped places), so only a difference well beyond that says anything.\n",
            b.script("return navigator.userAgent", vec![]).as_str().unwrap_or_default(),
            row("100 of Mozilla's Readability test pages, chosen at once", paths.len(), &hundred),
            row(&format!("one page of {:.1} MB", big.len() as f64 / 1_048_576.0), 1, &five),
        );
        std::fs::write(doc, text).unwrap();
    }
}
