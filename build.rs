//! Builds the article bundle: every `content/articles/*.md` through the core pipeline, into
//! `$OUT_DIR/articles.json` for the app to embed. A malformed article fails the build here,
//! with one line per problem naming the file, the field and the reason.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=content");
    let articles_dir = Path::new("content/articles");
    let images_dir = Path::new("content/images");
    match reader_core::pipeline::load_library(articles_dir, images_dir) {
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
