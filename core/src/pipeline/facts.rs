//! Tags the body words that support a fact, so the page can take the reader to them.

use crate::article::{Block, Run};

/// Finds `quote` verbatim inside exactly one block and adds `fact_id` to the runs covering it,
/// splitting runs at the quote's edges. A quote must not span blocks and must be unambiguous.
pub fn tag_quote(blocks: &mut [Block], fact_id: u16, quote: &str) -> Result<(), String> {
    let quote_trimmed = quote.trim();
    if quote_trimmed.is_empty() {
        return Err("is empty".into());
    }
    let mut hits = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let text = block.plain_text();
        // Every occurrence, overlapping ones too: "ha ha" is twice in "ha ha ha".
        let mut from = 0;
        while let Some(at) = text[from..].find(quote_trimmed) {
            hits.push((i, from + at));
            from += at + text[from + at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    match hits.as_slice() {
        [] => Err(format!("\"{quote_trimmed}\" is not found verbatim in the body (a quote must lie within one paragraph)")),
        [(block, at)] => {
            mark_range(&mut blocks[*block].runs, *at, at + quote_trimmed.len(), fact_id);
            Ok(())
        }
        many => Err(format!(
            "\"{quote_trimmed}\" occurs {} times in the body; quote more words so it points at one place",
            many.len()
        )),
    }
}

/// Adds `fact_id` to every run within byte range `start..end` of the runs' joined text.
fn mark_range(runs: &mut Vec<Run>, start: usize, end: usize, fact_id: u16) {
    let mut out = Vec::with_capacity(runs.len() + 2);
    let mut offset = 0;
    for run in runs.drain(..) {
        let (run_start, run_end) = (offset, offset + run.text.len());
        offset = run_end;
        if run_end <= start || run_start >= end {
            out.push(run);
            continue;
        }
        let cut_a = start.saturating_sub(run_start);
        let cut_b = end.min(run_end) - run_start;
        let piece = |text: &str, tagged: bool| {
            let mut r = Run {
                text: text.to_string(),
                ..run.clone()
            };
            if tagged {
                r.facts.push(fact_id);
            }
            r
        };
        for (text, tagged) in [
            (&run.text[..cut_a], false),
            (&run.text[cut_a..cut_b], true),
            (&run.text[cut_b..], false),
        ] {
            if !text.is_empty() {
                out.push(piece(text, tagged));
            }
        }
    }
    *runs = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{BlockKind, Marks};

    fn para(runs: &[(&str, bool)]) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            runs: runs
                .iter()
                .map(|(t, em)| Run {
                    text: t.to_string(),
                    marks: Marks {
                        em: *em,
                        ..Marks::default()
                    },
                    ..Run::default()
                })
                .collect(),
        }
    }

    #[test]
    fn tags_a_quote_across_inline_marks() {
        let mut blocks = vec![para(&[
            ("One two ", false),
            ("three", true),
            (" four.", false),
        ])];
        tag_quote(&mut blocks, 7, "two three four").unwrap();
        let runs = &blocks[0].runs;
        let tagged: String = runs
            .iter()
            .filter(|r| r.facts == [7])
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(tagged, "two three four");
        assert_eq!(blocks[0].plain_text(), "One two three four.");
        assert!(runs
            .iter()
            .any(|r| r.text == "three" && r.marks.em && r.facts == [7]));
    }

    #[test]
    fn overlapping_quotes_both_tag() {
        let mut blocks = vec![para(&[("alpha beta gamma", false)])];
        tag_quote(&mut blocks, 1, "alpha beta").unwrap();
        tag_quote(&mut blocks, 2, "beta gamma").unwrap();
        let facts: Vec<_> = blocks[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.facts.clone()))
            .collect();
        assert_eq!(
            facts,
            vec![
                ("alpha ", vec![1]),
                ("beta", vec![1, 2]),
                (" gamma", vec![2])
            ]
        );
    }

    #[test]
    fn missing_and_ambiguous_quotes_are_errors() {
        let mut blocks = vec![
            para(&[("same words. same words.", false)]),
            para(&[("other", false)]),
        ];
        assert!(tag_quote(&mut blocks, 1, "absent")
            .unwrap_err()
            .contains("not found verbatim"));
        assert!(tag_quote(&mut blocks, 1, "same words")
            .unwrap_err()
            .contains("occurs 2 times"));
        assert!(
            tag_quote(&mut blocks, 1, "words. other").is_err(),
            "quotes may not span paragraphs"
        );
    }

    #[test]
    fn overlapping_occurrences_make_a_quote_ambiguous() {
        let mut blocks = vec![para(&[("ha ha ha", false)])];
        assert!(tag_quote(&mut blocks, 1, "ha ha")
            .unwrap_err()
            .contains("occurs 2 times"));
        let mut blocks = vec![para(&[("aaa", false)])];
        assert!(tag_quote(&mut blocks, 1, "aa")
            .unwrap_err()
            .contains("occurs 2 times"));
    }
}
