//! The long document of the benchmarks, shared by `benches/anchoring.rs` (criterion, native)
//! and `tests/browser/src/bin/bench.rs` (the browser figures, through `#[path]`): real, freely
//! licensed text (Debian's licence texts) repeated to 100,000 words, 1,000 highlight ranges in
//! it, and the same text with 5% of its words edited. Everything is deterministic (fixed seeds).

#![allow(dead_code)] // each user takes what it needs

use std::path::Path;

/// Where Debian keeps the licence texts (package `base-files`).
pub const LICENCES: &str = "/usr/share/common-licenses";
pub const WORDS: usize = 100_000;
pub const HIGHLIGHTS: usize = 1_000;
/// Share of the words touched by [`edit`].
pub const EDITED_SHARE: f64 = 0.05;
pub const HIGHLIGHT_SEED: u64 = 0x6869_6768;
pub const EDIT_SEED: u64 = 0x0065_6469_7473;

/// A small deterministic generator (SplitMix64), so the benchmarks need no extra crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The paragraphs of every licence text (regular files only: the symlinks repeat them), in
/// name order, each with its whitespace collapsed to single spaces.
pub fn licence_paragraphs() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(LICENCES)
        .unwrap_or_else(|e| panic!("{LICENCES}: {e} (Debian's base-files provides it)"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .collect();
    files.sort();
    let mut paragraphs = Vec::new();
    for file in files {
        let text = std::fs::read(&file).expect("readable licence text");
        let text = String::from_utf8_lossy(&text);
        for block in text.split("\n\n") {
            let words: Vec<&str> = block.split_whitespace().collect();
            if !words.is_empty() {
                paragraphs.push(words.join(" "));
            }
        }
    }
    paragraphs
}

/// The licence paragraphs, repeated until the text has at least [`WORDS`] words.
pub fn long_paragraphs() -> Vec<String> {
    let source = licence_paragraphs();
    let mut out = Vec::new();
    let mut words = 0;
    for p in source.iter().cycle() {
        if words >= WORDS {
            break;
        }
        words += p.split(' ').count();
        out.push(p.clone());
    }
    out
}

/// The text highlights anchor in, as the article model makes it: paragraphs, each followed by
/// a blank line (`Article::annotatable_text` of an article without a photo).
pub fn annotatable_text(paragraphs: &[String]) -> String {
    paragraphs.iter().map(|p| format!("{p}\n\n")).collect()
}

/// The char offset of each paragraph in [`annotatable_text`].
pub fn paragraph_starts(paragraphs: &[String]) -> Vec<usize> {
    let mut at = 0;
    paragraphs
        .iter()
        .map(|p| {
            let start = at;
            at += p.chars().count() + 2;
            start
        })
        .collect()
}

/// `n` passages of 3 to 30 words, each inside one paragraph, as char ranges of
/// [`annotatable_text`].
pub fn highlight_ranges(paragraphs: &[String], n: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut rng = Rng::new(seed);
    let starts = paragraph_starts(paragraphs);
    let mut ranges = Vec::with_capacity(n);
    while ranges.len() < n {
        let i = rng.below(paragraphs.len());
        let p: Vec<char> = paragraphs[i].chars().collect();
        // Word boundaries: (start, end) char offsets of each word of the paragraph.
        let mut words = Vec::new();
        let mut word_start = None;
        for (at, c) in p.iter().chain([&' ']).enumerate() {
            match (c.is_whitespace(), word_start) {
                (false, None) => word_start = Some(at),
                (true, Some(s)) => {
                    words.push((s, at));
                    word_start = None;
                }
                _ => {}
            }
        }
        if words.len() < 3 {
            continue;
        }
        let len = 3 + rng.below(28).min(words.len() - 3);
        let first = rng.below(words.len() - len + 1);
        let (start, end) = (words[first].0, words[first + len - 1].1);
        ranges.push((starts[i] + start, starts[i] + end));
    }
    ranges
}

/// The same paragraphs with about `share` of the words edited: each word is, with that
/// probability, replaced by another word of the text, deleted, or preceded by an inserted one.
pub fn edit(paragraphs: &[String], share: f64, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let vocabulary: Vec<&str> = paragraphs
        .iter()
        .take(200)
        .flat_map(|p| p.split(' '))
        .collect();
    paragraphs
        .iter()
        .map(|p| {
            let mut out: Vec<&str> = Vec::new();
            for word in p.split(' ') {
                if !rng.chance(share) {
                    out.push(word);
                    continue;
                }
                let other = vocabulary[rng.below(vocabulary.len())];
                match rng.below(3) {
                    0 => out.push(other),
                    1 => {}
                    _ => out.extend([other, word]),
                }
            }
            if out.is_empty() {
                out.push(p.split(' ').next().unwrap_or("x"));
            }
            out.join(" ")
        })
        .collect()
}

/// A paragraph as Markdown that reads back as exactly the same plain text: every ASCII
/// punctuation mark escaped, so nothing becomes emphasis, a list, a link or a heading.
pub fn markdown_paragraph(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + p.len() / 8);
    for c in p.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes an article without photo or facts as `<dir>/<slug>.md`.
pub fn write_article(dir: &Path, slug: &str, title: &str, paragraphs: &[String]) {
    let body: Vec<String> = paragraphs.iter().map(|p| markdown_paragraph(p)).collect();
    let text = format!(
        "+++\nslug = \"{slug}\"\ntitle = \"{title}\"\nbyline = \"Debian base-files\"\n\
         publication = \"Benchmark\"\ndate = \"2026\"\n+++\n{}\n",
        body.join("\n\n")
    );
    std::fs::create_dir_all(dir).expect("a writable folder");
    std::fs::write(dir.join(format!("{slug}.md")), text).expect("a writable folder");
}
