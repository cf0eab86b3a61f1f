//! The extraction against hand-made ground truth (`import/ground-truth/`, see
//! `reader_import::ground_truth`).
//!
//! `cargo run --release -p reader-import --bin ground-truth` prints the scores as Markdown (as
//! the `readability-pages` benchmark does, in docs/extraction.md);
//! `… -- show <page>` prints the text a page's ground truth selects, to check it by eye.

use reader_import::ground_truth::{parse, score_truths, table, truth_dir, truth_text};
use reader_import::score::test_pages_dir;

fn main() {
    let pages = test_pages_dir();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [show, page] = args.as_slice() {
        if show == "show" {
            let truth = std::fs::read_to_string(truth_dir().join(format!("{page}.txt")))
                .map_err(|e| e.to_string())
                .and_then(|t| parse(&t));
            let source = std::fs::read(pages.join(page).join("source.html"))
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            match (truth, source) {
                (Ok(truth), Ok(source)) => match truth_text(&source, &truth) {
                    Ok(text) => println!("{text}"),
                    Err(why) => exit(&why),
                },
                (Err(why), _) => exit(&why),
                (_, Err(why)) => exit(&why.to_string()),
            }
            return;
        }
    }
    let scores = score_truths(&pages).unwrap_or_else(|why| exit(&why));
    print!("{}", table(&scores));
}

fn exit(why: &str) -> ! {
    eprintln!("ground-truth: {why}");
    std::process::exit(1)
}
