//! `reader-import --text`: the body as plain text, or a non-zero exit with the reason.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reader-import"))
        .args(args)
        .output()
        .expect("the command runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn text_mode_prints_paragraphs_separated_by_blank_lines() {
    let page = reader_import::score::test_pages_dir().join("001/source.html");
    let (code, out, err) = run(&["--text", page.to_str().unwrap()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let paragraphs: Vec<&str> = out.trim_end().split("\n\n").collect();
    assert!(paragraphs.len() > 10, "{out}");
    assert!(
        paragraphs
            .iter()
            .all(|p| !p.trim().is_empty() && !p.contains('\n')),
        "{out}"
    );
    assert!(
        out.starts_with("So finally you're testing your frontend JavaScript code?"),
        "{out}"
    );
}

#[test]
fn a_page_without_an_article_fails_with_the_reason_and_prints_nothing() {
    let page = std::env::temp_dir().join(format!("reader-import-{}.html", std::process::id()));
    std::fs::write(&page, "<html><body><nav>Home · News</nav></body></html>").unwrap();
    let (code, out, err) = run(&["--text", page.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("no article was found in the page (its text is 11 characters long"),
        "{err}"
    );
    let (code, _, err) = run(&["--text", "/no/such/page.html"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("reader-import: /no/such/page.html: "),
        "{err}"
    );
    let (code, _, err) = run(&[]);
    assert_eq!(
        (code, err.trim()),
        (2, "usage: reader-import [--text] page.html [address]")
    );
}
