//! Hand-made ground truth for the body text of Mozilla's test pages, kept as selectors, not as
//! text (the pages are never copied into the project): for each page, someone reading the
//! saved page itself (never an extractor's result) chose the elements that hold the article's
//! body and, inside them, what is not the article (share bars, advertisements, related links).
//! Files in `import/ground-truth/`, one per page (`<page>.txt`), lines of `body: <CSS
//! selector>` and `drop: <CSS selector>`, applied in order; `#` starts a comment.

/// A page's hand-made ground truth.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Truth {
    /// The elements holding the article's body, in reading order.
    pub body: Vec<String>,
    /// What is removed from the page before the body is read.
    pub drop: Vec<String>,
}

/// Reads a ground-truth file; the reason, with its line, if a line is not understood.
pub fn parse(text: &str) -> Result<Truth, String> {
    let mut truth = Truth::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
            Some(("body", selector)) if !selector.is_empty() => truth.body.push(selector.into()),
            Some(("drop", selector)) if !selector.is_empty() => truth.drop.push(selector.into()),
            _ => {
                return Err(format!(
                    "line {}: expected `body: <selector>` or `drop: <selector>`, found `{line}`",
                    n + 1
                ))
            }
        }
    }
    if truth.body.is_empty() {
        return Err("no `body:` line".into());
    }
    Ok(truth)
}

/// The body text `truth` selects in `html` (blocks on lines of their own); the reason if a
/// selector selects nothing or one body element holds another (its words would count twice).
pub fn truth_text(html: &str, truth: &Truth) -> Result<String, String> {
    let doc = dom_query::Document::from(html);
    // Never text a reader sees.
    doc.select("script, style, noscript, template").remove();
    for selector in &truth.drop {
        let found = doc.try_select(selector).ok_or(format!(
            "drop: `{selector}` selects nothing (or is not a selector)"
        ))?;
        found.remove();
    }
    let mut parts = Vec::new();
    let mut nodes = Vec::new();
    for selector in &truth.body {
        let found = doc.try_select(selector).ok_or(format!(
            "body: `{selector}` selects nothing (or is not a selector)"
        ))?;
        for node in found.nodes() {
            let within = |inner: &dom_query::NodeRef, outer: &dom_query::NodeRef| {
                inner.ancestors(None).iter().any(|a| a.id == outer.id)
            };
            if nodes
                .iter()
                .any(|n: &dom_query::NodeRef| n.id == node.id || within(n, node) || within(node, n))
            {
                return Err(format!(
                    "body: `{selector}` selects an element inside another body element, or holding one"
                ));
            }
            parts.push(node.formatted_text().to_string());
            nodes.push(*node);
        }
    }
    Ok(parts.join("\n"))
}

/// The ground truth's folder: `import/ground-truth/`.
pub fn truth_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ground-truth")
}

/// A page scored against its ground truth.
#[derive(Clone, Debug, PartialEq)]
pub struct TruthScore {
    pub name: String,
    /// How many words the ground truth holds.
    pub words: usize,
    pub score: crate::score::WordScore,
    /// Why no article was extracted, if none was.
    pub refused: Option<String>,
}

/// Scores the extraction of every page that has a ground-truth file, in name order; the
/// reason if a file cannot be read or selects nothing.
pub fn score_truths(pages: &std::path::Path) -> Result<Vec<TruthScore>, String> {
    let mut files: Vec<_> = std::fs::read_dir(truth_dir())
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let name = file
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let fail = |why: String| format!("{}: {why}", file.display());
            let truth = parse(&std::fs::read_to_string(file).map_err(|e| fail(e.to_string()))?)
                .map_err(fail)?;
            let source = std::fs::read(pages.join(&name).join("source.html"))
                .map_err(|e| fail(e.to_string()))?;
            let source = String::from_utf8_lossy(&source);
            let expected = truth_text(&source, &truth).map_err(fail)?;
            let words = crate::score::words(&expected).len();
            Ok(
                match crate::extract(&source, Some("http://fakehost/test/page.html")) {
                    Ok(found) => TruthScore {
                        name,
                        words,
                        score: crate::score::word_score(&found.paragraphs.join("\n"), &expected),
                        refused: None,
                    },
                    Err(e) => TruthScore {
                        name,
                        words,
                        score: Default::default(),
                        refused: Some(e.to_string()),
                    },
                },
            )
        })
        .collect()
}

/// The scores as a Markdown table, one row per page and their mean.
pub fn table(scores: &[TruthScore]) -> String {
    let mut out = String::from(
        "| Page | Words (ground truth) | Precision | Recall | F1 | Note |\n|---|---|---|---|---|---|\n",
    );
    for s in scores {
        out += &format!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {} |\n",
            s.name,
            s.words,
            s.score.precision,
            s.score.recall,
            s.score.f1,
            s.refused.as_deref().unwrap_or("")
        );
    }
    let mean = mean(scores);
    out += &format!(
        "| **Mean of {} pages** | | {:.3} | {:.3} | **{:.3}** | |\n",
        scores.len(),
        mean.precision,
        mean.recall,
        mean.f1
    );
    out
}

/// The mean of the pages' word scores (a page with no article counting 0).
pub fn mean(scores: &[TruthScore]) -> crate::score::WordScore {
    let n = scores.len().max(1) as f64;
    let sum = |f: fn(&crate::score::WordScore) -> f64| {
        scores.iter().map(|s| f(&s.score)).sum::<f64>() / n
    };
    crate::score::WordScore {
        precision: sum(|s| s.precision),
        recall: sum(|s| s.recall),
        f1: sum(|s| s.f1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body><nav>Home News</nav><article><h1>Title</h1>
        <div class="body"><p>First words here.</p><div class="share">Share this</div>
        <p>Second<script>var x = 1;</script> words.</p></div><aside>Related story</aside>
        </article></body></html>"#;

    #[test]
    fn the_body_is_what_the_selectors_hold_without_what_is_dropped() {
        let truth = parse("# a page\nbody: .body\ndrop: .share\n").unwrap();
        assert_eq!(
            crate::score::words(&truth_text(PAGE, &truth).unwrap()),
            vec!["first", "words", "here", "second", "words"]
        );
    }

    #[test]
    fn a_ground_truth_that_selects_nothing_or_twice_is_refused() {
        assert!(parse("drop: .share").unwrap_err().contains("no `body:`"));
        assert!(parse("body .body").unwrap_err().contains("line 1"));
        let none = parse("body: .missing").unwrap();
        assert!(truth_text(PAGE, &none).unwrap_err().contains(".missing"));
        let twice = parse("body: article\nbody: .body").unwrap();
        assert!(truth_text(PAGE, &twice).unwrap_err().contains(".body"));
    }
}
