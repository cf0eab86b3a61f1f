//! How close an extraction is to the expected article: word-level precision, recall and F1
//! of the body text (words compared as a bag, case folded), and whether the title and byline
//! are the expected ones. Used by the native test over Mozilla's Readability test pages and by
//! the `readability-pages` benchmark.

use std::collections::HashMap;

/// Precision, recall and F1 of `found`'s words against `expected`'s.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WordScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// The words of `text`: runs of letters and digits, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

pub fn word_score(found: &str, expected: &str) -> WordScore {
    let (found, expected) = (words(found), words(expected));
    if found.is_empty() && expected.is_empty() {
        return WordScore {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for w in &expected {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0usize;
    for w in &found {
        if let Some(n) = counts.get_mut(w.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(common, found.len()), ratio(common, expected.len()));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    WordScore {
        precision,
        recall,
        f1,
    }
}

/// The text of an HTML fragment or page (what the expected articles are given as).
pub fn html_text(html: &str) -> String {
    dom_query::Document::from(html)
        .select("body")
        .text()
        .to_string()
}

/// Whether two metadata values are the same, spaces collapsed (no value and an empty one are
/// the same).
pub fn same(found: Option<&str>, expected: Option<&str>) -> bool {
    let norm = |s: Option<&str>| s.map(crate::one_line).unwrap_or_default();
    norm(found) == norm(expected)
}

/// One of Mozilla's test pages, scored.
#[derive(Clone, Debug, PartialEq)]
pub struct PageScore {
    /// Its folder's name.
    pub name: String,
    pub title: bool,
    pub byline: bool,
    pub words: WordScore,
    /// Why it gave no article, if it gave none (then `words` is all zero).
    pub refused: Option<String>,
}

/// Mozilla's Readability test pages (never copied into the project): `READER_TEST_PAGES` if
/// set, else beside the project at `../shared/readability-test-pages/`, else where this
/// machine keeps them (`/work/shared/`, for a clone made elsewhere). Panics naming the places
/// looked at if none has them: the tests that read them must not pass without them.
pub fn test_pages_dir() -> std::path::PathBuf {
    let beside = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/readability-test-pages");
    let places: Vec<std::path::PathBuf> = std::env::var_os("READER_TEST_PAGES")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([beside, "/work/shared/readability-test-pages".into()])
        .collect();
    places
        .iter()
        .find(|p| p.join("001/source.html").is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "Mozilla's Readability test pages are not in any of {places:?}; set READER_TEST_PAGES to their folder"
            )
        })
}

/// Scores every page under `root` (one folder each: `source.html`, `expected.html`,
/// `expected-metadata.json`), in name order, with the address Mozilla's tests use.
pub fn score_pages(root: &std::path::Path) -> std::io::Result<Vec<PageScore>> {
    let mut dirs: Vec<_> = std::fs::read_dir(root)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|dir| score_page(dir)).collect()
}

fn score_page(dir: &std::path::Path) -> std::io::Result<PageScore> {
    let read =
        |f: &str| std::fs::read(dir.join(f)).map(|b| String::from_utf8_lossy(&b).into_owned());
    let (source, expected, metadata) = (
        read("source.html")?,
        read("expected.html")?,
        read("expected-metadata.json")?,
    );
    let metadata = text_fields(&metadata);
    let field = |name: &str| metadata.get(name).cloned().flatten();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(
        match crate::extract(&source, Some("http://fakehost/test/page.html")) {
            Ok(found) => PageScore {
                name,
                title: same(Some(&found.title), field("title").as_deref()),
                byline: same(found.byline.as_deref(), field("byline").as_deref()),
                words: word_score(&found.paragraphs.join("\n"), &html_text(&expected)),
                refused: None,
            },
            Err(e) => PageScore {
                name,
                title: false,
                byline: false,
                words: WordScore::default(),
                refused: Some(e.to_string()),
            },
        },
    )
}

/// The expected metadata's text fields (a flat JSON object; `null` or any other kind is
/// `None`), read with the JSON reader dom_smoothie brings.
fn text_fields(json: &str) -> HashMap<String, Option<String>> {
    let value = gjson::parse(json);
    let mut out = HashMap::new();
    value.each(|key, value| {
        let v = match value.kind() {
            gjson::Kind::String => Some(value.str().to_string()),
            _ => None,
        };
        out.insert(key.str().to_string(), v);
        true
    });
    out
}

/// Totals over pages: the share with the right title and byline, and the mean word scores.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    pub pages: usize,
    pub refused: usize,
    pub title: f64,
    pub byline: f64,
    pub words: WordScore,
}

pub fn totals(scores: &[PageScore]) -> Totals {
    let n = scores.len().max(1) as f64;
    let mean = |f: &dyn Fn(&PageScore) -> f64| scores.iter().map(f).sum::<f64>() / n;
    Totals {
        pages: scores.len(),
        refused: scores.iter().filter(|s| s.refused.is_some()).count(),
        title: mean(&|s| s.title as u8 as f64),
        byline: mean(&|s| s.byline as u8 as f64),
        words: WordScore {
            precision: mean(&|s| s.words.precision),
            recall: mean(&|s| s.words.recall),
            f1: mean(&|s| s.words.f1),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_as_a_bag() {
        let s = word_score("The cat sat. The cat!", "the cat sat on the mat");
        // 4 of the 5 found words are expected (one "cat" too many); 4 of the 6 expected found.
        assert!((s.precision - 0.8).abs() < 1e-9, "{s:?}");
        assert!((s.recall - 4.0 / 6.0).abs() < 1e-9, "{s:?}");
        assert!((s.f1 - 2.0 * 0.8 * (4.0 / 6.0) / (0.8 + 4.0 / 6.0)).abs() < 1e-9);
        assert_eq!(word_score("", "").f1, 1.0);
        assert_eq!(word_score("something", "").f1, 0.0);
        assert_eq!(
            html_text("<p>One <b>two</b></p><p>three</p>"),
            "One twothree"
        );
        assert!(same(Some(" A  writer "), Some("A writer")) && same(None, Some("")));
    }
}
