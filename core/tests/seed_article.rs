//! The bundled seed article against the raw page text it came from: every story paragraph
//! word for word and in order, and none of the page clutter.

use std::path::Path;

use reader_core::article::Article;
use reader_core::pipeline::load_library;

const SEED: &str = include_str!("fixtures/seed-christian-post.txt");
const SLUG: &str = "north-korean-defectors-arrested-in-china";

/// Page furniture around the story in the raw text, one paragraph opening per line; none of it
/// is story text. The browser tests check the rendered page against the same list.
const CLUTTER_FILE: &str = include_str!("fixtures/seed-clutter.txt");

fn clutter() -> Vec<&'static str> {
    CLUTTER_FILE.lines().filter(|l| !l.is_empty()).collect()
}

fn seed_article() -> Article {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let articles = load_library(&root.join("content/articles"), &root.join("content/images"))
        .unwrap_or_else(|errors| panic!("content does not build: {errors:#?}"));
    articles
        .into_iter()
        .find(|a| a.slug == SLUG)
        .expect("seed article is bundled")
}

/// The raw page split into its blank-line separated paragraphs.
fn seed_paragraphs() -> Vec<&'static str> {
    SEED.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn is_clutter(paragraph: &str) -> bool {
    clutter().iter().any(|c| paragraph.starts_with(c))
}

#[test]
fn headline_caption_and_credit_match_the_seed() {
    let article = seed_article();
    let paragraphs = seed_paragraphs();
    assert_eq!(article.title, paragraphs[1]);
    let photo = article.photo.expect("the seed has a photo");
    let mut caption_lines = paragraphs[2].lines();
    assert_eq!(caption_lines.next(), Some(photo.caption.as_str()));
    // The seed repeats the caption with the credit appended; the credit is taken from there.
    assert_eq!(
        caption_lines.next(),
        Some(format!("{} | (Photo: {})", photo.caption, photo.credit).as_str())
    );
    assert_eq!(photo.credit, "REUTERS/Staff");
}

#[test]
fn every_story_paragraph_is_reproduced_word_for_word_in_order() {
    let article = seed_article();
    let expected: Vec<&str> = seed_paragraphs()[3..]
        .iter()
        .copied()
        .filter(|p| !is_clutter(p))
        .collect();
    let actual: Vec<String> = article.paragraphs().collect();
    assert_eq!(actual.len(), expected.len(), "paragraph count");
    for (i, (a, e)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(a, e, "paragraph {} differs", i + 1);
    }
    // Every seed paragraph is accounted for: title, caption block, story, or named clutter.
    assert_eq!(
        seed_paragraphs().len(),
        3 + expected.len() + clutter().len() - 1
    );
}

#[test]
fn no_page_clutter_reaches_the_article() {
    let article = seed_article();
    let everything = format!(
        "{}\n{}\n{:?}\n{:?}",
        article.title,
        article.plain_text(),
        article.photo,
        article.facts
    );
    for clutter in clutter() {
        assert!(
            !everything.contains(clutter),
            "clutter {clutter:?} is in the article"
        );
    }
    // The caption appears once, in the figure, not duplicated with its credit.
    assert!(!everything.contains("| (Photo:"));
}

#[test]
fn facts_cover_the_story_and_point_at_its_words() {
    let article = seed_article();
    assert!(article.facts.len() >= 8);
    let text = article.plain_text();
    for needle in [
        "3-year-old",
        "over 60",
        "Shenyang",
        "Nov. 4",
        "police station",
        "North Hamgyong",
        "consultative status",
        "at least 41",
        "2014",
        "Sept. 22",
        "2017 World Watch List",
        "Grace Jo",
    ] {
        assert!(
            article.facts.iter().any(|f| f.quote.contains(needle)),
            "no fact is supported by words containing {needle:?}"
        );
    }
    for fact in &article.facts {
        assert!(
            text.contains(&fact.quote),
            "fact {} quote is in the body",
            fact.id
        );
        let tagged: String = article
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .filter(|r| r.facts.contains(&fact.id))
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(
            tagged, fact.quote,
            "fact {} tags exactly its quote",
            fact.id
        );
    }
}

#[test]
fn blocks_and_annotatable_parts_map_both_ways() {
    let article = seed_article();
    let starts = article.annotatable_part_starts();
    assert!(article.photo.is_some(), "the caption is part 0");
    assert_eq!(
        article.block_at(&starts, 0),
        0,
        "the caption counts as block 0"
    );
    for block in 0..article.blocks.len() {
        let part = article.part_of_block(block);
        assert_eq!(article.block_of_part(part), block);
        assert_eq!(article.block_at(&starts, starts[part]), block);
        if part + 1 < starts.len() {
            assert_eq!(article.block_at(&starts, starts[part + 1] - 1), block);
        }
    }
    assert_eq!(article.part_of_block(usize::MAX), usize::MAX, "no overflow");
    for fact in &article.facts {
        let block = article
            .block_of_fact(fact.id)
            .expect("every fact's words are in the story");
        assert!(
            article.blocks[block]
                .plain_text()
                .contains(fact.quote.trim()),
            "{}",
            fact.quote
        );
    }
    assert_eq!(article.block_of_fact(u16::MAX), None);
}
