//! `reader-import [--text] [--images DIR] page.html [address]`: the article of a saved web page.
//!
//! By default it prints an article file for `content/articles/` (front matter and Markdown
//! body) and saves the lead image, when the saved page holds it, into `content/images/` (or
//! `--images DIR`). It then checks the file as the build will: with a field the page did not
//! give (a byline, a date, the photo's credit) it still prints the file, says what to add on
//! stderr and exits 1.
//!
//! With `--text`, prints only the body as plain text, paragraphs separated by blank lines, so
//! that it can be scored against other extractors. Either way it exits non-zero with the reason
//! on stderr when the page gives no article. `address` is where the page was saved from, if
//! known (its relative links resolve against it, and it becomes the article's `source`).

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: reader-import [--text] [--images DIR] page.html [address]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut text_only, mut images, mut rest) = (false, PathBuf::from("content/images"), vec![]);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--text" => text_only = true,
            "--images" => match args.next() {
                Some(dir) => images = dir.into(),
                None => return usage(),
            },
            _ => rest.push(arg),
        }
    }
    let (Some(path), address, None) = (rest.first(), rest.get(1), rest.get(2)) else {
        return usage();
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return fail(&format!("{path}: {e}")),
    };
    let (html, _) = reader_import::decode(&bytes);
    let address = address.map(String::as_str);
    if text_only {
        return match reader_import::extract(&html, address) {
            Ok(article) => {
                println!("{}", article.paragraphs.join("\n\n"));
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("{path}: {e}")),
        };
    }
    let page_dir = Path::new(path)
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let beside = |relative: &str| {
        let relative = Path::new(relative);
        // Only files below the page's folder.
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return None;
        }
        std::fs::read(page_dir.join(relative)).ok()
    };
    let file = match reader_import::article_file::article_file(&html, address, &beside) {
        Ok(file) => file,
        Err(e) => return fail(&format!("{path}: {e}")),
    };
    if let Some((name, bytes)) = &file.image {
        let to = images.join(name);
        if std::fs::read(&to).is_ok_and(|there| &there != bytes) {
            return fail(&format!(
                "{} exists and is another image; move it, or name another folder with --images",
                to.display()
            ));
        }
        if let Err(e) = std::fs::create_dir_all(&images).and_then(|_| std::fs::write(&to, bytes)) {
            return fail(&format!("{}: {e}", to.display()));
        }
        eprintln!("reader-import: the lead image is saved as {}", to.display());
    }
    if let Some(src) = &file.image_elsewhere {
        eprintln!(
            "reader-import: the lead image is on the web ({src}) and is not fetched: save it into {} and add a [photo] table",
            images.display()
        );
    }
    print!("{}", file.text);
    let name = format!("content/articles/{}.md", file.slug);
    match reader_core::pipeline::parse_article(Path::new(&name), &file.text, &images) {
        Ok(_) => ExitCode::SUCCESS,
        Err(errors) => {
            for e in errors {
                eprintln!("reader-import: to add before building: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn fail(reason: &str) -> ExitCode {
    eprintln!("reader-import: {reason}");
    ExitCode::FAILURE
}
