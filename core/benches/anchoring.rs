//! Re-anchoring 1,000 highlights in a 100,000-word text, natively: once with the text
//! unchanged, once after 5% of its words were edited. `./scripts/bench.sh` runs it
//! (`cargo bench -p reader-core`) and copies the figures into `docs/benchmarks.md`.
//!
//! Each iteration starts from a fresh `TextIndex`, as the app does when it opens an article,
//! so the lazily built search index and text hash are part of the time.

use criterion::{criterion_group, criterion_main, Criterion};
use reader_core::anchoring::{AnchorMethod, Selectors, TextIndex};

#[path = "shared/corpus.rs"]
mod corpus;

fn anchor_all(text: &str, selectors: &[Selectors]) -> [usize; 4] {
    let index = TextIndex::new(text);
    let mut counts = [0; 4]; // position, quote, fuzzy, not placed
    for s in selectors {
        let slot = match index.anchor(s).map(|a| a.method) {
            Some(AnchorMethod::Position) => 0,
            Some(AnchorMethod::Quote) => 1,
            Some(AnchorMethod::Fuzzy) => 2,
            None => 3,
        };
        counts[slot] += 1;
    }
    counts
}

fn anchoring(c: &mut Criterion) {
    let original = corpus::long_paragraphs();
    let edited = corpus::edit(&original, corpus::EDITED_SHARE, corpus::EDIT_SEED);
    let text = corpus::annotatable_text(&original);
    let edited_text = corpus::annotatable_text(&edited);
    let index = TextIndex::new(&text);
    let selectors: Vec<Selectors> =
        corpus::highlight_ranges(&original, corpus::HIGHLIGHTS, corpus::HIGHLIGHT_SEED)
            .into_iter()
            .map(|(start, end)| index.describe(start, end))
            .collect();
    let words = |t: &str| t.split_whitespace().count();
    for (name, t) in [("unchanged", &text), ("edited", &edited_text)] {
        let [position, quote, fuzzy, lost] = anchor_all(t, &selectors);
        // One line per case for scripts/bench.sh's report.
        println!(
            "anchoring-outcome {name}: words={} chars={} position={position} quote={quote} fuzzy={fuzzy} not_placed={lost}",
            words(t),
            t.chars().count()
        );
    }

    let mut group = c.benchmark_group("anchoring");
    group.sample_size(20);
    for (name, t) in [("unchanged", &text), ("edited", &edited_text)] {
        group.bench_function(name, |b| b.iter(|| anchor_all(t, &selectors)));
    }
    group.finish();
}

criterion_group!(benches, anchoring);
criterion_main!(benches);
