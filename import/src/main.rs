//! `reader-import [--text] page.html [address]`: the article of a saved web page.
//!
//! With `--text`, prints only the body as plain text, paragraphs separated by blank lines, so
//! that it can be scored against other extractors; it exits non-zero with the reason on stderr
//! when the page gives no article. `address` is where the page was saved from, if known (its
//! relative links resolve against it).
//!
//! Without `--text` (an article file for `content/articles/`) it is not built yet: it says so
//! and exits non-zero.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--text").collect();
    let (Some(path), address) = (rest.first(), rest.get(1)) else {
        eprintln!("usage: reader-import [--text] page.html [address]");
        return ExitCode::from(2);
    };
    if !text_only {
        eprintln!(
            "reader-import: writing an article file is not built yet; --text prints the body"
        );
        return ExitCode::from(2);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("reader-import: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let html = String::from_utf8_lossy(&bytes);
    match reader_import::extract(&html, address.map(|a| a.as_str())) {
        Ok(article) => {
            println!("{}", article.paragraphs.join("\n\n"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("reader-import: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
