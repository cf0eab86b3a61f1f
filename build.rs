//! Builds the article bundle: every `content/articles/*.md` through the core pipeline, into
//! `$OUT_DIR/articles.json` for the prerenderer (feature `ssr`), which writes the pages and
//! the library's data files from it. A malformed article fails the build here, with one line
//! per problem naming the file, the field and the reason.
//!
//! The browser's build (`csr`) embeds no article and does not depend on `content/` at all:
//! adding or fixing an article leaves its WebAssembly byte for byte the same.
//!
//! `READER_EXTRA_ARTICLES`, if set, names one more folder of articles to bundle (images still
//! from `content/images`). Only `scripts/bench.sh` uses it, for its long generated article,
//! which must never ship in the normal build.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The app's WebAssembly is split at its `#[lazy]` functions after linking
    // (scripts/build/bin/wasm-bindgen, which Trunk runs): the splitter needs the linker's
    // relocations. The workers have nothing to split, and keep none.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=reader=--emit-relocs");
        // Trunk names the app's files after the linker's output, and the build's scripts then
        // rewrite them (split, optimise, rename imports, minify): the scripts' hash in the
        // linker's output (a build id) makes a change to them a change of name too, so that
        // a browser never holds the same name with two builds' contents.
        println!("cargo:rerun-if-changed=scripts/build");
        println!(
            "cargo:rustc-link-arg-bin=reader=--build-id=0x{:016x}",
            scripts_hash(Path::new("scripts/build"))
        );
    }
    if std::env::var_os("CARGO_FEATURE_SSR").is_none() {
        return;
    }
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-env-changed=READER_EXTRA_ARTICLES");
    let articles_dir = Path::new("content/articles");
    let images_dir = Path::new("content/images");
    let mut library = reader_core::pipeline::load_library(articles_dir, images_dir);
    if let Some(extra) = std::env::var_os("READER_EXTRA_ARTICLES") {
        let extra = Path::new(&extra);
        println!("cargo:rerun-if-changed={}", extra.display());
        let more = reader_core::pipeline::load_library(extra, images_dir);
        library = match (library, more) {
            (Ok(mut articles), Ok(more)) => {
                articles.extend(more);
                reader_core::pipeline::newest_first(&mut articles);
                Ok(articles)
            }
            (Err(mut errors), Err(more)) => {
                errors.extend(more);
                Err(errors)
            }
            (Err(errors), Ok(_)) | (Ok(_), Err(errors)) => Err(errors),
        };
    }
    match library {
        Ok(articles) => {
            let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
                .join("articles.json");
            let json = serde_json::to_string(&articles).expect("articles serialize");
            std::fs::write(&out, json).expect("OUT_DIR is writable");
        }
        Err(errors) => {
            eprintln!("\n{} problem(s) in the articles:", errors.len());
            for e in &errors {
                eprintln!("  error: {e}");
            }
            std::process::exit(1);
        }
    }
}

/// FNV-1a over the names and contents of the files in `dir` and its folders, in name order.
fn scripts_hash(dir: &Path) -> u64 {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d)
            .expect("scripts/build is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for file in files {
        let bytes = std::fs::read(&file).expect("scripts/build's files are readable");
        for b in file.to_string_lossy().bytes().chain(bytes) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
