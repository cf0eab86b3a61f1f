//! The library as data files: a small index of every article (what the library page, search,
//! exports and imports need) and one data file per article (what its page needs), written by
//! the build next to the prerendered pages and loaded by the app when it needs them. The app
//! itself holds no article, so adding or fixing one changes only these files.
//!
//! Files are named after a hash of their content (`library-<hash>.json`,
//! `articles/<slug>/article-<hash>.json`): a changed article gets a new name, an unchanged one
//! keeps its name and stays cached.

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::fields::{self, Fields, Misread};
use crate::pub_date::PubDate;

mod read;

/// The index's format; a reader of another version refuses it instead of misreading it.
pub const INDEX_VERSION: u32 = 1;

/// What the library knows of an article without loading it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub slug: String,
    pub title: String,
    pub byline: String,
    pub publication: String,
    pub date: PubDate,
    /// Where the story was first published, if known (imports from Hypothesis find it by it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The standfirst or opening words, as the library shows them.
    pub excerpt: String,
    pub minutes: usize,
    /// How many blocks the article has (how far a reading position is, as a share).
    pub blocks: usize,
    /// The article's data file, relative to the app's root.
    pub data: String,
}

/// Slugs of the reader's own articles start with this; the build refuses it for bundled ones,
/// and the app tells the two apart by it.
pub const OWN_PREFIX: &str = "own-";

/// The places a reader's article whose words make the slug `slug` may take, in order: that
/// slug, then `slug-2`, `slug-3`… An article keeps the slug of its first copy's words when a
/// newer copy replaces them, so those words, added again, can find their slug held by other
/// words. Which of these places `other` is: 1 for `slug` itself, `n` for `slug-n`; `None` for
/// any other slug (`slug-1`, `slug-02` included: each place is written one way).
pub fn copy_number(slug: &str, other: &str) -> Option<u32> {
    match other.strip_prefix(slug)? {
        "" => Some(1),
        rest => {
            let n = rest.strip_prefix('-')?;
            if n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            n.parse().ok().filter(|n| *n >= 2)
        }
    }
}

/// The first of the places of the words whose slug is `slug` (see [`copy_number`]) that is not
/// among `taken`.
pub fn free_copy(slug: &str, taken: &[u32]) -> String {
    match (1..).find(|n| !taken.contains(n)) {
        Some(1) | None => slug.to_string(),
        Some(n) => format!("{slug}-{n}"),
    }
}

/// The first of the places `slug` is one of (see [`copy_number`]): `slug` less its copy number.
pub fn first_place(slug: &str) -> &str {
    match slug.rsplit_once('-') {
        Some((first, _))
            if first.len() > OWN_PREFIX.len() && copy_number(first, slug).is_some() =>
        {
            first
        }
        _ => slug,
    }
}

/// Where a reader's article goes among the places of its words (see [`copy_number`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// At this slug, free: the first place of its words, or the first free one beside it when
    /// an article there holds other words (its first copy's, replaced since).
    At(String),
    /// Its words are held already by the article at this slug: nothing is added over it (Undo
    /// gives back to it what was deleted with the article, its highlights).
    Into(String),
}

/// Where the reader's article whose words hash to `words` goes among `there`: the reader's
/// articles now in the places of `first` (its words' slug, see [`copy_number`]), each with the
/// hash of its words, `None` when they could not be read. Into the first place, in order, that
/// holds these words, else the first place free: never over an article of other words. An
/// article whose words could not be read holds these words if `unread_same` (adding: rather
/// than a second copy of what may be them), other words if not (Undo: rather than lose what
/// was deleted with the article into one that may not be its).
pub fn place(
    first: &str,
    words: &str,
    there: &[(String, Option<String>)],
    unread_same: bool,
) -> Place {
    let mut places: Vec<(u32, &str, Option<&str>)> = there
        .iter()
        .filter_map(|(s, w)| Some((copy_number(first, s)?, s.as_str(), w.as_deref())))
        .collect();
    places.sort_by_key(|p| p.0);
    if let Some((_, s, _)) = places
        .iter()
        .find(|(_, _, w)| w.map_or(unread_same, |w| w == words))
    {
        return Place::Into(s.to_string());
    }
    let taken: Vec<u32> = places.iter().map(|p| p.0).collect();
    Place::At(free_copy(first, &taken))
}

/// Where Undo puts back the reader's article deleted from `slug`, whose words hash to `words`,
/// among `there` (the reader's articles now in the places of [`first_place`]`(slug)`, as for
/// [`place`]): at `slug` if it is free, else as [`place`] says. An article added since is never
/// written over.
pub fn put_back(slug: &str, words: &str, there: &[(String, Option<String>)]) -> Place {
    if !there.iter().any(|(s, _)| *s == slug) {
        return Place::At(slug.to_string());
    }
    place(first_place(slug), words, there, false)
}

/// A reader's article as stored (its JSON and its entry's, see [`OwnEntry`]) moved to the
/// slug `to`, everything else as it was (fields this version does not know included); `None`
/// if either is not an object of that shape.
pub fn moved_own(article: &str, entry: &str, to: &str) -> Option<(String, String)> {
    let mut article = fields::value(article).ok()?;
    let mut entry = fields::value(entry).ok()?;
    for slug in [
        article.get_mut("slug")?,
        entry.get_mut("entry")?.get_mut("slug")?,
    ] {
        slug.as_str()?;
        *slug = to.into();
    }
    Some((article.to_string(), entry.to_string()))
}

/// Which of the articles of the same title each of `titles` is (the reader's articles, most
/// recently added first): `(n, of)`, the first added being 1, for a title `of` > 1 articles
/// share; `None` for a title of its own. How two copies of a text, kept both, are told apart.
/// Each title is compared with every other: quadratic, but a few hundred bytes of WebAssembly
/// where a map of titles cost 1.4 KB brotli and keeping the result in a memo 1.0 KB, in the
/// library page's part; 6.8 ms natively for a thousand titles alike in their first 30 letters
/// (the library works it out as it filters, at each letter typed in its search field).
pub fn same_titles(all: &[&str]) -> Vec<Option<(usize, usize)>> {
    all.iter()
        .enumerate()
        .map(|(i, title)| {
            let of = all.iter().filter(|t| *t == title).count();
            let older = all[i + 1..].iter().filter(|t| *t == title).count();
            (of > 1).then_some((older + 1, of))
        })
        .collect()
}

/// A reader's own article as the library lists it: its entry (whose `data` is empty: the article
/// is in the browser's store) and when it was added (milliseconds since 1970).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnEntry {
    pub added: f64,
    pub entry: Entry,
    /// The name of the file it was made from (for pasted text, the name the page gives it,
    /// "Pasted text.md"); with its title, how a newer copy of a file without an address is
    /// known (`src/pages/add_articles.rs`). Absent from entries stored before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// The library index: every article, in library order (newest first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub version: u32,
    pub articles: Vec<Entry>,
}

/// One file the build writes: its path under the build folder and its content.
#[derive(Clone, Debug, PartialEq)]
pub struct DataFile {
    pub path: String,
    pub content: String,
}

/// The index's file and each article's, for `articles` (in library order).
pub fn files(articles: &[Article]) -> (DataFile, Vec<DataFile>) {
    let mut entries = Vec::with_capacity(articles.len());
    let mut data = Vec::with_capacity(articles.len());
    for article in articles {
        let content = serde_json::to_string(article).expect("an article serializes");
        let path = format!("articles/{}/article-{}.json", article.slug, hash(&content));
        entries.push(entry(article, path.clone()));
        data.push(DataFile { path, content });
    }
    let index = serde_json::to_string(&Index {
        version: INDEX_VERSION,
        articles: entries,
    })
    .expect("the index serializes");
    let index = DataFile {
        path: format!("library-{}.json", hash(&index)),
        content: index,
    };
    (index, data)
}

/// The index entry of `article`, whose data file is at `data`.
pub fn entry(article: &Article, data: String) -> Entry {
    Entry {
        slug: article.slug.clone(),
        title: article.title.clone(),
        byline: article.byline.clone(),
        publication: article.publication.clone(),
        date: article.date,
        source: article.source.clone(),
        excerpt: article.excerpt(),
        minutes: article.reading_minutes(),
        blocks: article.blocks.len(),
        data,
    }
}

/// Why an index or an article file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// Not JSON of the expected shape (the parser's reason).
    Malformed(String),
    /// An index of another format version.
    Version(u32),
    /// An article file that holds another article than the one asked for.
    WrongArticle { expected: String, found: String },
}

impl From<Misread> for LoadError {
    fn from(Misread(why): Misread) -> Self {
        LoadError::Malformed(why)
    }
}

/// Reads an index file.
pub fn parse_index(json: &str) -> Result<Index, LoadError> {
    let value = fields::value(json)?;
    let o = Fields::of(&value, "the index")?;
    let version = o.whole("version")?;
    if version != INDEX_VERSION {
        return Err(LoadError::Version(version));
    }
    let articles = o.objects("articles", read::entry)?;
    Ok(Index { version, articles })
}

/// Reads an article file.
pub fn read_article(json: &str) -> Result<Article, LoadError> {
    Ok(read::article(&fields::value(json)?)?)
}

/// Reads the data file of the article `slug`.
pub fn parse_article(json: &str, slug: &str) -> Result<Article, LoadError> {
    let article = read_article(json)?;
    if article.slug != slug {
        return Err(LoadError::WrongArticle {
            expected: slug.to_string(),
            found: article.slug,
        });
    }
    Ok(article)
}

/// Reads a reader's own article's entry as the store keeps it.
pub fn parse_own_entry(json: &str) -> Result<OwnEntry, LoadError> {
    Ok(read::own_entry(&fields::value(json)?)?)
}

/// What a file the reader adds is taken as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    /// Made an article (or refused, saying why).
    Article,
    /// An image, kept with the articles that show it.
    Image,
    /// Left out without a word: a folder's file that is neither (a style sheet, a script, a
    /// page a saved page embedded).
    LeftOut,
}

/// The image files' extensions (their bytes say whether they are shown).
const IMAGE_EXTENSIONS: [&str; 8] = ["jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp"];
/// The articles' extensions, in a folder given whole.
const ARTICLE_EXTENSIONS: [&str; 7] = ["html", "htm", "xhtml", "md", "markdown", "txt", "text"];

/// What the file at `path` (its name, or `/`-separated path within a folder the reader gave
/// whole) is taken as, among the files at `paths` added with it. A file given by itself is an
/// article unless it is an image (so any file gets its result). In a folder, only articles
/// and images are taken, and a page's own folder (browsers save "Page.html" with a
/// "Page_files" folder, its name varying by language: "Page-Dateien", "Page_fichiers") holds
/// only its images: the pages saved in it (frames of the page) are left out.
pub fn added_as(path: &str, paths: &[&str]) -> Added {
    let (folders, name) = match path.rsplit_once('/') {
        Some((folders, name)) => (Some(folders), name),
        None => (None, path),
    };
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if IMAGE_EXTENSIONS.contains(&ext.as_str()) {
        return Added::Image;
    }
    let Some(folders) = folders else {
        return Added::Article;
    };
    let in_a_pages_folder = folders.split('/').any(|folder| {
        folder.ends_with("_files")
            || paths.iter().any(|p| {
                let page = p.rsplit('/').next().unwrap_or(p);
                let stem = page
                    .strip_suffix(".html")
                    .or_else(|| page.strip_suffix(".htm"))
                    .filter(|s| !s.is_empty());
                stem.and_then(|s| folder.strip_prefix(s))
                    .is_some_and(|rest| rest.starts_with(['_', '-', ' ', '.']))
            })
    });
    if in_a_pages_folder || !ARTICLE_EXTENSIONS.contains(&ext.as_str()) {
        Added::LeftOut
    } else {
        Added::Article
    }
}

/// A short name for `content`: 16 hex digits of its 64-bit FNV-1a hash. Enough to tell
/// versions of a file apart for caching; not a security measure.
pub fn hash(content: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in content.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_places_of_a_text_are_its_slug_then_numbered_copies_each_written_one_way() {
        let slug = "own-0123456789abcdef";
        assert_eq!(free_copy(slug, &[]), slug);
        assert_eq!(free_copy(slug, &[2]), slug, "its own slug free again");
        assert_eq!(free_copy(slug, &[1]), "own-0123456789abcdef-2");
        assert_eq!(free_copy(slug, &[1, 2, 4]), "own-0123456789abcdef-3");
        for n in 1..=120 {
            let taken: Vec<u32> = (1..n).collect();
            let place = free_copy(slug, &taken);
            assert_eq!(copy_number(slug, &place), Some(n), "{place}");
        }
        for other in [
            "own-0123456789abcdef-1",
            "own-0123456789abcdef-02",
            "own-0123456789abcdef-",
            "own-0123456789abcdef-x",
            "own-0123456789abcdef-+3",
            "own-0123456789abcdef-99999999999",
            "own-0123456789abcdef2",
            "own-0123456789abcdee",
            "own-0123456789abcde",
        ] {
            assert_eq!(copy_number(slug, other), None, "{other}");
        }
    }
    #[test]
    fn undo_puts_a_deleted_article_back_in_its_place_or_beside_never_over_one_added_since() {
        let slug = "own-0123456789abcdef";
        let at = |s: &str, w: Option<&str>| (s.to_string(), w.map(String::from));
        assert_eq!(first_place(slug), slug);
        assert_eq!(first_place("own-0123456789abcdef-2"), slug);
        assert_eq!(first_place("own-0123456789abcdef-12"), slug);
        for own in ["own-0123456789abcdef-1", "own-0123456789abcdef-x", "own-12"] {
            assert_eq!(first_place(own), own);
        }
        // Its place free: there again, whatever the other places hold.
        let put = |s: &str, there: &[(String, Option<String>)]| put_back(s, "w1", there);
        assert_eq!(put(slug, &[]), Place::At(slug.into()));
        let copy = "own-0123456789abcdef-2";
        assert_eq!(put(slug, &[at(copy, Some("w1"))]), Place::At(slug.into()));
        assert_eq!(put(copy, &[at(slug, Some("w9"))]), Place::At(copy.into()));
        // Its place held by its own words, added again: back into that article.
        assert_eq!(put(slug, &[at(slug, Some("w1"))]), Place::Into(slug.into()));
        assert_eq!(
            put(slug, &[at(slug, Some("w9")), at(copy, Some("w1"))]),
            Place::Into(copy.into())
        );
        // Held by other words (or words not read): the first place free beside it.
        assert_eq!(put(slug, &[at(slug, Some("w9"))]), Place::At(copy.into()));
        assert_eq!(put(slug, &[at(slug, None)]), Place::At(copy.into()));
        assert_eq!(
            put(copy, &[at(slug, Some("w8")), at(copy, Some("w9"))]),
            Place::At("own-0123456789abcdef-3".into())
        );
        assert_eq!(
            put(
                "own-0123456789abcdef-3",
                &[
                    at(copy, Some("w8")),
                    at("own-0123456789abcdef-3", Some("w9"))
                ]
            ),
            Place::At(slug.into())
        );
        // Places of other words are not its.
        assert_eq!(
            put(
                slug,
                &[at(slug, Some("w9")), at("own-0123456789abcdee", Some("w1"))]
            ),
            Place::At(copy.into())
        );
    }

    #[test]
    fn an_added_text_goes_into_its_words_or_the_first_place_free_never_over_other_words() {
        let slug = "own-0123456789abcdef";
        let (copy, third) = ("own-0123456789abcdef-2", "own-0123456789abcdef-3");
        let at = |s: &str, w: Option<&str>| (s.to_string(), w.map(String::from));
        let add = |there: &[(String, Option<String>)]| place(slug, "w1", there, true);
        assert_eq!(add(&[]), Place::At(slug.into()));
        assert_eq!(add(&[at(slug, Some("w1"))]), Place::Into(slug.into()));
        // Its first copy's words replaced since: beside it, or into the copy of it there.
        assert_eq!(add(&[at(slug, Some("w9"))]), Place::At(copy.into()));
        assert_eq!(
            add(&[at(copy, Some("w1")), at(slug, Some("w9"))]),
            Place::Into(copy.into())
        );
        // A place freed by a deletion is taken again; places of other words are not its.
        assert_eq!(
            add(&[at(third, Some("w8")), at(slug, Some("w9"))]),
            Place::At(copy.into())
        );
        assert_eq!(
            add(&[at("own-0123456789abcdee", Some("w1"))]),
            Place::At(slug.into())
        );
        // Words that cannot be read: taken for these when adding, not when putting back.
        assert_eq!(add(&[at(slug, None)]), Place::Into(slug.into()));
        assert_eq!(
            place(slug, "w1", &[at(slug, None)], false),
            Place::At(copy.into())
        );
    }

    #[test]
    fn articles_of_the_same_title_are_numbered_from_the_first_added() {
        let titles = ["Tides", "Notes", "Tides", "Delta", "Tides", "Notes"];
        assert_eq!(
            same_titles(&titles),
            vec![
                Some((3, 3)),
                Some((2, 2)),
                Some((2, 3)),
                None,
                Some((1, 3)),
                Some((1, 2))
            ]
        );
        assert_eq!(same_titles(&[]), Vec::new());
        // Many: each title's copies are numbered 1 to their count, from the last listed.
        let names = ["a", "b", "c", "d", "e", "f", "g"];
        let many: Vec<&str> = (0..500).map(|i| names[(i * i + 3 * i) % 7]).collect();
        let copies = same_titles(&many);
        for name in names {
            let numbers: Vec<_> = many
                .iter()
                .zip(&copies)
                .rev()
                .filter(|(t, _)| **t == name)
                .map(|(_, c)| c.expect("shared"))
                .collect();
            let of = numbers.len();
            let expected: Vec<_> = (1..=of).map(|n| (n, of)).collect();
            assert_eq!(numbers, expected, "{name}");
        }
    }

    #[test]
    fn an_article_moved_to_another_slug_keeps_everything_else_it_holds() {
        let slug = "own-0123456789abcdef";
        let kept = article(slug, "Words kept.");
        let json = serde_json::to_string(&kept).unwrap();
        // A field a later version may add is kept too.
        let json = json.replacen('{', r#"{"later":[1,2],"#, 1);
        let entry = OwnEntry {
            added: 1_764_000_000_000.0,
            entry: entry(&kept, String::new()),
            file: Some("notes.md".into()),
        };
        let entry_json = serde_json::to_string(&entry).unwrap();
        let to = "own-0123456789abcdef-2";
        let (moved, moved_entry) = moved_own(&json, &entry_json, to).unwrap();
        let mut expected = kept.clone();
        expected.slug = to.into();
        assert_eq!(parse_article(&moved, to).unwrap(), expected);
        assert!(moved.contains(r#""later":[1,2]"#), "{moved}");
        let mut expected = entry.clone();
        expected.entry.slug = to.into();
        assert_eq!(parse_own_entry(&moved_entry).unwrap(), expected);
        for (a, e) in [
            ("[]", entry_json.as_str()),
            (r#"{"slug":1}"#, entry_json.as_str()),
            (json.as_str(), r#"{"entry":{}}"#),
            (json.as_str(), "not json"),
        ] {
            assert_eq!(moved_own(a, e, to), None, "{a} / {e}");
        }
    }

    #[test]
    fn files_given_or_found_in_folders_are_taken_as_articles_images_or_left_out() {
        let paths = [
            "notes.md",
            "a.pdf",
            "photo.JPG",
            "Saved/The wall.html",
            "Saved/The wall_files/wall.png",
            "Saved/The wall_files/frame.html",
            "Saved/The wall_files/style.css",
            "Saved/Die Mauer.htm",
            "Saved/Die Mauer-Dateien/ad.html",
            "Saved/Other_files/page.html",
            "Saved/notes/river.md",
            "Saved/notes/.DS_Store",
            "Saved/notes/diagram.svg",
        ];
        let taken: Vec<Added> = paths.iter().map(|p| added_as(p, &paths)).collect();
        use Added::*;
        assert_eq!(
            taken,
            vec![
                Article, Article, Image, Article, Image, LeftOut, LeftOut, Article, LeftOut,
                LeftOut, Article, LeftOut, Image
            ]
        );
    }

    use crate::article::{Block, BlockKind, Run};

    fn article(slug: &str, words: &str) -> Article {
        Article {
            slug: slug.into(),
            title: format!("Title of {slug}"),
            standfirst: None,
            byline: "A. Writer".into(),
            publication: "The Paper".into(),
            date: PubDate::parse("2017-11-10").unwrap(),
            source: Some(format!("https://example.org/{slug}")),
            photo: None,
            facts: Vec::new(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                runs: vec![Run {
                    text: words.into(),
                    ..Run::default()
                }],
            }],
            lang: None,
            dir: None,
            images: Vec::new(),
        }
    }

    #[test]
    fn each_article_gets_a_file_named_by_its_content_and_an_entry_in_the_index() {
        let articles = [
            article("one", "First words."),
            article("two", "Second words."),
        ];
        let (index, data) = files(&articles);
        assert_eq!(data.len(), 2);
        assert!(
            data[0].path.starts_with("articles/one/article-") && data[0].path.ends_with(".json")
        );
        let parsed = parse_index(&index.content).unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].data, data[1].path);
        assert_eq!(parsed.articles[0].excerpt, "First words.");
        assert_eq!(parsed.articles[0].blocks, 1);
        assert_eq!(parse_article(&data[1].content, "two").unwrap(), articles[1]);
        assert_eq!(index.path, format!("library-{}.json", hash(&index.content)));
    }

    #[test]
    fn a_changed_article_gets_a_new_name_and_the_others_keep_theirs() {
        let before = files(&[
            article("one", "First words."),
            article("two", "Second words."),
        ]);
        let after = files(&[
            article("one", "First words."),
            article("two", "Second words, fixed."),
        ]);
        assert_eq!(before.1[0].path, after.1[0].path);
        assert_ne!(before.1[1].path, after.1[1].path);
        assert_ne!(before.0.path, after.0.path);
    }

    #[test]
    fn files_of_another_version_or_article_are_refused() {
        let (index, data) = files(&[article("one", "Words.")]);
        let other = index.content.replace("\"version\":1", "\"version\":2");
        assert_eq!(parse_index(&other), Err(LoadError::Version(2)));
        assert!(matches!(parse_index("{"), Err(LoadError::Malformed(_))));
        assert_eq!(
            parse_article(&data[0].content, "two"),
            Err(LoadError::WrongArticle {
                expected: "two".into(),
                found: "one".into()
            })
        );
    }
}
