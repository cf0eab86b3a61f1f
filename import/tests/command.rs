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
        (
            2,
            "usage: reader-import [--text] [--images DIR] page.html [address]"
        )
    );
}

/// A page saved as "Web page, complete": the page, and its image in a folder beside it.
fn saved_page(dir: &std::path::Path, byline: bool) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("page_files")).unwrap();
    std::fs::write(dir.join("page_files/river.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let author = if byline {
        r#"<meta name="author" content="A. Writer">"#
    } else {
        ""
    };
    let page = format!(
        r#"<html lang="en"><head><title>A long story about the river | The Paper</title>
        <meta property="og:site_name" content="The Paper">{author}
        <meta property="article:published_time" content="2026-11-30T10:00:00Z">
        <meta property="og:image" content="page_files/river.png"></head><body>
        <nav><a href="/">Home</a></nav><article><h1>A long story about the river</h1>
        <figure><img src="page_files/river.png" alt="The river at dawn"><figcaption>The river, as it was.</figcaption></figure>
        <p>The first paragraph of the story says what happened, to whom, and where it happened, in enough words.</p>
        <p>The second paragraph goes on with the details: who said what, and why it matters to the readers.</p>
        </article><footer>Subscribe</footer></body></html>"#
    );
    let path = dir.join("page.html");
    std::fs::write(&path, page).unwrap();
    path
}

#[test]
fn a_saved_page_becomes_an_article_file_and_its_image_is_saved() {
    let dir = std::env::temp_dir().join(format!("reader-import-page-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let page = saved_page(&dir, true);
    let images = dir.join("images");
    let (code, out, err) = run(&["--images", images.to_str().unwrap(), page.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(images.join("a-long-story-about-the-river.png")).unwrap(),
        b"\x89PNG\r\n\x1a\n"
    );
    assert!(err.contains("the lead image is saved as "), "{err}");
    // The photographer is not in the page: the file is written, and what to add is said.
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("to add before building: content/articles/a-long-story-about-the-river.md: field `photo.credit`: is missing"),
        "{err}"
    );
    assert!(
        out.starts_with(
            "+++\nslug = \"a-long-story-about-the-river\"\ntitle = \"A long story about the river\"\nbyline = \"A. Writer\"\npublication = \"The Paper\"\ndate = \"2026-11-30\"\n\n[photo]\nfile = \"a-long-story-about-the-river.png\"\nalt = \"The river at dawn\"\ncaption = \"The river, as it was.\"\n+++\nThe first paragraph of the story"
        ),
        "{out}"
    );
    assert!(!out.contains("Home") && !out.contains("Subscribe"), "{out}");

    // Completed by the author, the file builds.
    let completed = out.replace("caption = ", "credit = \"A. Photographer\"\ncaption = ");
    let article =
        reader_core::pipeline::parse_article(std::path::Path::new("a.md"), &completed, &images)
            .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(article.blocks.len(), 2);

    // Without a byline in the page, the file says nothing of one and the command says so.
    let page = saved_page(&dir.join("no-byline"), false);
    let (code, out, err) = run(&["--images", images.to_str().unwrap(), page.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!out.contains("byline"), "{out}");
    assert!(err.contains("field `byline`: is missing"), "{err}");
}
