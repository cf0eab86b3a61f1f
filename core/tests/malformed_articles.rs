//! Malformed articles fail with the file, the field and the reason; hostile text stays text.

use std::fs;
use std::path::PathBuf;

use reader_core::pipeline::{load_library, ArticleError};

const GOOD_FRONT: &str = r#"slug = "a-story"
title = "A story"
byline = "A. Writer"
publication = "The Paper"
date = "2020-05-01"
"#;

/// A scratch content folder with the given article files and one image, `photo.png`.
struct Content {
    dir: PathBuf,
}

impl Content {
    fn new(name: &str, files: &[(&str, &str)]) -> Content {
        let dir = std::env::temp_dir().join(format!("reader-core-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("articles")).unwrap();
        fs::create_dir_all(dir.join("images")).unwrap();
        fs::write(dir.join("images/photo.png"), b"not really a png").unwrap();
        for (file, text) in files {
            fs::write(dir.join("articles").join(file), text).unwrap();
        }
        Content { dir }
    }

    fn load(&self) -> Result<Vec<reader_core::article::Article>, Vec<ArticleError>> {
        load_library(&self.dir.join("articles"), &self.dir.join("images"))
    }

    fn errors(&self) -> Vec<ArticleError> {
        self.load().expect_err("the content should not build")
    }
}

impl Drop for Content {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn article(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n{body}")
}

fn single_error(name: &str, text: &str) -> ArticleError {
    let content = Content::new(name, &[("story.md", text)]);
    let errors = content.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors.into_iter().next().unwrap();
    assert!(e.file.ends_with("story.md"), "names the file: {e}");
    e
}

#[test]
fn a_good_article_builds() {
    let content = Content::new(
        "good",
        &[("story.md", &article(GOOD_FRONT, "Hello there.\n"))],
    );
    let articles = content.load().unwrap();
    assert_eq!(articles[0].title, "A story");
}

#[test]
fn missing_title() {
    let e = single_error(
        "no-title",
        &article(&GOOD_FRONT.replace("title = \"A story\"\n", ""), "Text.\n"),
    );
    assert_eq!(
        (e.field.as_str(), e.reason.as_str()),
        ("title", "is missing")
    );
    assert_eq!(
        e.to_string(),
        format!("{}: field `title`: is missing", e.file.display())
    );
}

#[test]
fn unparseable_date() {
    let e = single_error(
        "bad-date",
        &article(&GOOD_FRONT.replace("2020-05-01", "May 1st"), "Text.\n"),
    );
    assert_eq!(e.field, "date");
    assert!(e.reason.contains("\"May 1st\" is not a date"), "{e:?}");
}

#[test]
fn quote_not_in_the_body() {
    let front =
        format!("{GOOD_FRONT}\n[[facts]]\ntext = \"A claim\"\nquote = \"words never written\"\n");
    let e = single_error("bad-quote", &article(&front, "Other words entirely.\n"));
    assert_eq!(e.field, "facts[0].quote");
    assert!(e.reason.contains("not found verbatim"), "{e:?}");
}

#[test]
fn photo_file_that_does_not_exist() {
    let front = format!("{GOOD_FRONT}\n[photo]\nfile = \"missing.jpg\"\nalt = \"a\"\ncaption = \"c\"\ncredit = \"d\"\n");
    let e = single_error("no-photo", &article(&front, "Text.\n"));
    assert_eq!(e.field, "photo.file");
    assert!(e.reason.contains("missing.jpg does not exist"), "{e:?}");
}

#[test]
fn photo_may_not_be_hot_linked() {
    let front = format!("{GOOD_FRONT}\n[photo]\nfile = \"https://example.org/p.jpg\"\nalt = \"a\"\ncaption = \"c\"\ncredit = \"d\"\n");
    let e = single_error("hotlink", &article(&front, "Text.\n"));
    assert_eq!(e.field, "photo.file");
    assert!(e.reason.contains("not a path or URL"), "{e:?}");
}

#[test]
fn duplicate_slug_names_both_files() {
    let text = article(GOOD_FRONT, "Text.\n");
    let content = Content::new("dup", &[("one.md", &text), ("two.md", &text)]);
    let errors = content.errors();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].file.ends_with("two.md"));
    assert_eq!(errors[0].field, "slug");
    assert!(errors[0].reason.contains("one.md"), "{}", errors[0]);
}

#[test]
fn unknown_field_and_bad_toml_are_reported() {
    let e = single_error(
        "typo",
        &article(&format!("{GOOD_FRONT}titel = \"x\"\n"), "Text.\n"),
    );
    assert_eq!(e.field, "front matter");
    assert!(e.reason.contains("titel"), "{e:?}");
    let e = single_error("no-fence", "title = \"x\"\n");
    assert_eq!(e.field, "front matter");
}

#[test]
fn every_error_of_every_file_is_reported_at_once() {
    let no_title = article(
        &GOOD_FRONT
            .replace("title = \"A story\"\n", "")
            .replace("2020-05-01", "2020-02-30"),
        "T.\n",
    );
    let content = Content::new("many", &[("a.md", &no_title), ("b.md", "no front matter")]);
    let fields: Vec<String> = content.errors().iter().map(|e| e.field.clone()).collect();
    assert_eq!(fields, ["title", "date", "front matter"]);
}

#[test]
fn hostile_markup_in_an_article_is_text() {
    let body = "<script>alert('x')</script>\n\nLook: <img src=x onerror=alert(1)> and [link](javascript:alert(2)).\n";
    let front = format!("{GOOD_FRONT}standfirst = \"<b onmouseover=alert(3)>bold</b>\"\n");
    let content = Content::new("hostile", &[("story.md", &article(&front, body))]);
    let a = content.load().unwrap().remove(0);
    let paragraphs: Vec<String> = a.paragraphs().collect();
    assert_eq!(paragraphs[0], "<script>alert('x')</script>");
    assert_eq!(
        paragraphs[1],
        "Look: <img src=x onerror=alert(1)> and link."
    );
    assert!(a
        .blocks
        .iter()
        .flat_map(|b| &b.runs)
        .all(|r| r.link.is_none()));
    // Front-matter strings are plain strings too; the app only ever renders them as text nodes.
    assert_eq!(
        a.standfirst.as_deref(),
        Some("<b onmouseover=alert(3)>bold</b>")
    );
}

#[test]
fn more_facts_than_can_be_numbered_fail_the_build_instead_of_panicking() {
    let mut front = GOOD_FRONT.to_string();
    for _ in 0..65_536 {
        front.push_str("[[facts]]\ntext = \"t\"\nquote = \"Hello\"\n");
    }
    let e = single_error("many-facts", &article(&front, "Hello there.\n"));
    assert_eq!(e.field, "facts");
    assert!(e.reason.contains("at most 65535"), "{e:?}");
}

#[test]
fn a_slug_that_names_the_readers_own_articles() {
    let front = GOOD_FRONT.replace("slug = \"a-story\"", "slug = \"own-story\"");
    let e = single_error("own-slug", &article(&front, "Text.\n"));
    assert_eq!(
        (e.field.as_str(), e.reason.as_str()),
        (
            "slug",
            "\"own-story\" starts with \"own-\", which names the reader's own articles"
        )
    );
}
