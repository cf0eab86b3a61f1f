//! Export then import into an empty store reproduces every highlight, bookmark and
//! reading-list entry exactly, whatever the text (HTML, script, any Unicode, control
//! characters) and ids.

use proptest::prelude::*;
use reader_core::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use reader_core::formats::markdown::to_markdown;
use reader_core::formats::web_annotation::to_web_annotations;
use reader_core::formats::ArticleInfo;
use reader_core::store::{
    Annotations, Bookmark, Color, Highlight, MemoryKv, Record, SavedArticle, Store,
};

const SLUGS: [&str; 3] = ["a-story", "another-story-2", "third"];

fn articles() -> Vec<ArticleInfo> {
    SLUGS
        .iter()
        .map(|slug| ArticleInfo {
            slug: slug.to_string(),
            title: format!("Title of {slug}"),
            publication: "The Paper".into(),
            date: "10 November 2017".into(),
            url: format!("https://reader.example/articles/{slug}"),
            ..ArticleInfo::default()
        })
        .collect()
}

/// Times before today: later ones are taken as now on import.
fn timestamp() -> impl Strategy<Value = String> {
    (
        2000u32..2026,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
        0u32..1000,
    )
        .prop_map(|(y, mo, d, h, mi, s, ms)| {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
        })
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]-[0-9a-f]{11}-[0-9a-f]{10}",
        "[^\\p{Cc}]{1,24}",
        "urn:reader:(highlight|bookmark):[a-z0-9:]{0,8}",
        "https://example\\.org/anno/[0-9]{1,4}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("<script>alert(\"x\")</script>".to_string()),
        Just("<img src=x onerror=alert(1)> & **bold** [link](javascript:x)".to_string()),
        Just("Ünïcødé — 北朝鮮 🙂 \u{200d} עברית".to_string()),
        any::<String>(),
    ]
}

fn nonempty_text() -> impl Strategy<Value = String> {
    text().prop_filter("exact must not be empty", |t| !t.is_empty())
}

fn highlight() -> impl Strategy<Value = Highlight> {
    (
        id(),
        prop::sample::select(SLUGS.to_vec()),
        (nonempty_text(), text(), text()),
        (0usize..100_000, 0usize..2_000, "[0-9a-f]{16}|"),
        prop::sample::select(Color::all().to_vec()),
        (text(), prop::option::of(text())),
        (timestamp(), timestamp()),
    )
        .prop_map(
            |(
                id,
                slug,
                (exact, prefix, suffix),
                (start, len, hash),
                color,
                (note, fact),
                (created, modified),
            )| {
                Highlight {
                    id,
                    article: slug.to_string(),
                    selectors: Selectors {
                        quote: TextQuoteSelector {
                            exact,
                            prefix,
                            suffix,
                        },
                        position: TextPositionSelector {
                            start,
                            end: start + len,
                        },
                        text_hash: hash,
                    },
                    color,
                    note,
                    fact,
                    created,
                    modified,
                }
            },
        )
}

fn bookmark() -> impl Strategy<Value = Bookmark> {
    (
        id(),
        prop::sample::select(SLUGS.to_vec()),
        0usize..10_000,
        (text(), text()),
        timestamp(),
        timestamp(),
    )
        .prop_map(
            |(id, slug, block, (label, excerpt), created, modified)| Bookmark {
                id,
                article: slug.to_string(),
                block,
                label,
                excerpt,
                created,
                modified,
            },
        )
}

fn annotations() -> impl Strategy<Value = Annotations> {
    (
        prop::collection::vec(highlight(), 0..12),
        prop::collection::vec(bookmark(), 0..6),
        prop::collection::vec((prop::sample::select(SLUGS.to_vec()), timestamp()), 0..3),
    )
        .prop_map(|(highlights, bookmarks, saved)| {
            let mut state = Annotations::default();
            for h in highlights {
                state.insert(Record::Highlight(h));
            }
            for b in bookmarks {
                state.insert(Record::Bookmark(b));
            }
            for (slug, at) in saved {
                state.insert(Record::Saved(SavedArticle {
                    article: slug.to_string(),
                    saved_at: at,
                }));
            }
            state
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn export_then_import_into_an_empty_store_reproduces_everything(original in annotations()) {
        let json = to_web_annotations(&articles(), &original);
        let kv = MemoryKv::new();
        let mut store = Store::open(kv.clone());
        store.set_articles(articles());
        let report = store.import(&json).unwrap();

        prop_assert!(report.skipped.is_empty(), "{:?}", report);
        prop_assert_eq!(
            report.added,
            original.highlights().count() + original.bookmarks().count() + original.saved().count()
        );
        let (ours, theirs) = (store.state(), &original);
        prop_assert_eq!(ours.highlights().collect::<Vec<_>>(), theirs.highlights().collect::<Vec<_>>());
        prop_assert_eq!(ours.bookmarks().collect::<Vec<_>>(), theirs.bookmarks().collect::<Vec<_>>());
        prop_assert_eq!(ours.saved().collect::<Vec<_>>(), theirs.saved().collect::<Vec<_>>());
        // And it was saved: a fresh start shows the same.
        let reopened = Store::open(kv);
        prop_assert_eq!(reopened.state(), store.state());
        // Exporting again gives the same file.
        prop_assert_eq!(to_web_annotations(&articles(), store.state()), json);
    }

    #[test]
    fn markdown_export_keeps_notes_as_typed_with_markup_escaped(original in annotations()) {
        let md = to_markdown(&articles(), &original, "2026-11-28T13:05:00.000Z");
        for h in original.highlights() {
            let one_line = !h.note.contains(['\n', '\r']) && h.note == h.note.trim_start();
            if one_line && !h.note.trim().is_empty() {
                let expected = format!("Note: {}", reader_core::formats::markdown::escape(&h.note));
                prop_assert!(md.contains(&expected), "{:?} not in {}", expected, md);
            }
        }
    }
}
