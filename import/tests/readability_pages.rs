//! Every one of Mozilla's 130 Readability test pages, extracted and compared with what
//! Readability.js makes of it (`reader_import::score`). The floors are a little under what the
//! extraction reaches today (docs/extraction.md): a change that makes it worse fails here.

use reader_import::score::{score_pages, test_pages_dir, totals};

#[test]
fn mozillas_test_pages_extract_as_readability_does() {
    let scores = score_pages(&test_pages_dir()).expect("../shared/readability-test-pages/");
    let t = totals(&scores);
    assert_eq!(t.pages, 130);
    let report = || {
        scores
            .iter()
            .filter(|s| s.words.f1 < 0.9 || !s.title)
            .map(|s| format!("{}: {:?} {:?}", s.name, s.words, s.refused))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(t.refused <= 5, "{}", report());
    assert!(t.words.f1 >= 0.955, "F1 {:.3}\n{}", t.words.f1, report());
    assert!(t.title >= 0.96, "titles {:.3}\n{}", t.title, report());
    assert!(t.byline >= 0.89, "bylines {:.3}", t.byline);
    // Every page that gives an article gives most of Readability's words.
    for s in scores.iter().filter(|s| s.refused.is_none()) {
        assert!(s.words.f1 >= 0.9, "{}: {:?}", s.name, s.words);
    }
}

/// Real pages among them, against each article's body as chosen page by page from the saved
/// page alone (`import/ground-truth/`): the target is a mean word F1 of 0.95 (Readability.js
/// reaches about that on such sets); today's is 0.973 over 24 pages, the lowest page 0.813
/// (wikipedia: the references and "See also" are extracted too).
#[test]
fn against_hand_made_ground_truth_the_body_words_score_at_least_0_95() {
    use reader_import::ground_truth::{mean, score_truths, table};
    let scores = score_truths(&test_pages_dir()).unwrap_or_else(|why| panic!("{why}"));
    assert!(scores.len() >= 24, "{} pages", scores.len());
    let f1 = mean(&scores).f1;
    assert!(f1 >= 0.95, "mean F1 {f1:.3}\n{}", table(&scores));
    for s in &scores {
        assert!(
            s.score.f1 >= 0.8,
            "{}: {:?}\n{}",
            s.name,
            s.score,
            table(&scores)
        );
    }
}

/// The same pages as a reader adds them in the app: each article's figures name its images in
/// order, the images kept are those the page held, and no image address reaches the text.
#[test]
fn mozillas_test_pages_as_readers_articles_keep_their_figures_in_order() {
    use reader_core::article::BlockKind;
    use reader_import::own::{own_article, Refusal};
    let day = reader_core::pub_date::PubDate::parse("2026-12-01").unwrap();
    let (mut pages, mut with_figures, mut figures, mut kept) = (0, 0, 0, 0);
    let mut dirs: Vec<_> = std::fs::read_dir(test_pages_dir())
        .expect("../shared/readability-test-pages/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let bytes = std::fs::read(dir.join("source.html")).unwrap();
        let own = match own_article("source.html", &bytes, day) {
            Ok(own) => own,
            Err(Refusal::NoArticle(_)) => continue,
            Err(other) => panic!("{}: {other:?}", dir.display()),
        };
        pages += 1;
        let a = &own.article;
        let named: Vec<u16> = a
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Figure { image } => Some(image),
                _ => None,
            })
            .collect();
        let expected: Vec<u16> = (0..a.images.len() as u16).collect();
        assert_eq!(named, expected, "{}", dir.display());
        assert_eq!(own.images.len(), a.images.len(), "{}", dir.display());
        for (image, held) in a.images.iter().zip(&own.images) {
            assert!(
                image.src.is_empty() && !image.alt.contains("]("),
                "{image:?}"
            );
            if let Some(held) = held {
                assert!(held.mime.starts_with("image/") && !held.bytes.is_empty());
            }
        }
        let text = a.annotatable_text();
        assert!(
            !text.contains("](data:") && !text.contains("](http"),
            "{}: an image's Markdown in the text",
            dir.display()
        );
        with_figures += usize::from(!named.is_empty());
        figures += named.len();
        kept += own.images.iter().flatten().count();
    }
    eprintln!(
        "{pages} articles, {with_figures} with figures: {figures} figures, {kept} images kept"
    );
    assert!(pages >= 125, "{pages}");
    assert!(with_figures >= 20, "{with_figures} pages with figures");
}
