//! Annotations made with Hypothesis on an article's original page come in as highlights with
//! notes, placed by their quotes; everything else in the file is reported by name.

use std::path::Path;

use reader_core::anchoring::TextIndex;
use reader_core::formats::web_annotation::import::{Page, Skip};
use reader_core::formats::ArticleInfo;
use reader_core::placement::Placer;
use reader_core::store::{MemoryKv, Store};

fn seed() -> reader_core::article::Article {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    reader_core::pipeline::load_library(
        &root.join("content/articles"),
        &root.join("content/images"),
    )
    .unwrap()
    .remove(0)
}

#[test]
fn a_hypothesis_search_imports_onto_the_article_whose_original_it_annotates() {
    let article = seed();
    let source = article
        .source
        .clone()
        .expect("the seed article names its original");
    let info = ArticleInfo {
        slug: article.slug.clone(),
        title: article.title.clone(),
        url: format!("http://127.0.0.1:8080/articles/{}/", article.slug),
        source,
        ..ArticleInfo::default()
    };
    let file = include_str!("fixtures/hypothesis-search.json");
    let mut store = Store::open(MemoryKv::new());
    store.set_articles(vec![info]);
    let report = store.import(file).unwrap();

    assert_eq!(report.added, 2, "{report:?}");
    let reasons: Vec<&Skip> = report.skipped.iter().map(|s| &s.reason).collect();
    let page = Page {
        title: Some(article.title.clone()),
        uri: article.source.clone().unwrap(),
    };
    assert_eq!(
        reasons,
        [
            &Skip::PageNote(page.clone()),
            &Skip::Reply(page),
            &Skip::OtherPage(Page {
                title: Some("Other Story".into()),
                uri: "https://example.com/other-story".into()
            }),
        ]
    );

    let annotated = &store
        .state()
        .highlight("https://hypothes.is/a/552Y9uITEe6aKwJCrBEABA")
        .unwrap();
    assert_eq!(annotated.article, article.slug);
    assert!(annotated
        .note
        .starts_with("Forced labour is the standard punishment"));
    assert!(annotated
        .note
        .ends_with("Tags: north korea, human rights, forced labor"));
    assert_eq!(annotated.created, "2024-03-14T15:02:41.318Z");
    assert_eq!(annotated.modified, "2024-03-14T15:04:09.772Z");

    // Placed by their quotes in the article's own text.
    let text = article.annotatable_text();
    let index = TextIndex::new(&text);
    let highlights: Vec<_> = store.state().highlights().cloned().collect();
    let mut placer = Placer::default();
    let pending = placer.place(&index, highlights.clone()).pending;
    placer.work(&index, &pending, &mut || false);
    let placement = placer.place(&index, highlights);
    let words: Vec<&str> = placement
        .placed
        .iter()
        .map(|p| index.slice(p.start, p.end))
        .collect();
    assert_eq!(
        words,
        [
            "Considering that it is illegal",
            "Defectors are often forced into labor camps"
        ]
    );

    // The same file again adds nothing.
    let again = store.import(file).unwrap();
    assert_eq!((again.added, again.updated), (0, 0), "{again:?}");
}
