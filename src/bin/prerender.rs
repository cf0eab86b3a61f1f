//! Writes one HTML file per route into a finished build (run by scripts/build/post-build.mjs
//! with Trunk's staging folder): `index.html` becomes the library page, and each article gets
//! `articles/<slug>/index.html`, all from the template Trunk wrote; the library's index
//! (`library-<hash>.json`) and each article's data (`articles/<slug>/article-<hash>.json`)
//! are written beside them.

use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender <build folder containing index.html>");
        std::process::exit(2);
    };
    let template_path = dir.join("index.html");
    let template = std::fs::read_to_string(&template_path).unwrap_or_else(|e| {
        eprintln!("prerender: cannot read {}: {e}", template_path.display());
        std::process::exit(1);
    });
    let pages = reader::prerender::pages();
    for page in &pages {
        let html = reader::prerender::fill(&template, page).unwrap_or_else(|e| {
            eprintln!("prerender: {}: {e}", template_path.display());
            std::process::exit(1);
        });
        let path = dir.join(&page.file);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("the build folder is writable");
        }
        std::fs::write(&path, html).expect("the build folder is writable");
    }
    let files = reader::prerender::data_files();
    for file in &files {
        let path = dir.join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("the build folder is writable");
        }
        std::fs::write(&path, &file.content).expect("the build folder is writable");
    }
    println!(
        "prerender: {} pages and {} data files written",
        pages.len(),
        files.len()
    );
}
