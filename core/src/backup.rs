//! "Back up everything": one file holding the reader's own articles (with their lead images),
//! every annotation record (highlights and notes, bookmarks, the reading list, reading
//! positions) and the reading settings; restored into any browser, empty or not.
//!
//! The file is JSON (`reader-backup`, version [`VERSION`]):
//!
//! ```json
//! { "format": "reader-backup", "version": 1, "made": "2026-12-01T00:10:00.000Z",
//!   "settings": { "theme": "dark", ... },
//!   "records": [["reader:hl:h-1", "<the record as the store keeps it>"], ...],
//!   "articles": [{ "added": 1764547800000, "article": { <the article> },
//!                  "image": "data:image/png;base64,...",
//!                  "figures": ["data:image/jpeg;base64,...", null], "file": "notes.md" }] }
//! ```
//!
//! `image` is the lead image; `figures` the body's images the article kept, in the order of
//! its `images` (`null` for one whose words stand in for it); `file` the name of the file it
//! was made from, when it was one. All three are left out when empty:
//!
//! ```json
//! ```
//!
//! Records travel as the store keeps them (key and value), which every later version of the
//! store reads (its codec reads all its earlier forms). An article's library entry is not
//! written: it is made again from the article, so the two cannot disagree.
//!
//! A backup is untrusted on the way in (anyone can write one): each article is read on its
//! own, and made as safe as one the worker extracted (its slug must be a reader's slug, its
//! links only those a page may keep, no image address: the image is the one the file holds);
//! a record that cannot be read is skipped, never stored. What is skipped is reported as data
//! ([`Skip`]); the app writes the sentences.

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::article::{Article, BlockKind};
use crate::jobs::{ReadRecord, StoredRecord};
use crate::library::{entry, OwnEntry, OWN_PREFIX};
use crate::settings::Settings;
use crate::store::keys::parse_record;

pub const FORMAT: &str = "reader-backup";
/// The file format's version; a newer one is refused (this app would misread it).
pub const VERSION: u32 = 1;
/// The largest backup restored: the browser holds the file's text whole while it is read
/// (JavaScript engines cap a string at about 512 million characters).
pub const MAX_BYTES: usize = 400 * 1024 * 1024;

/// A reader's article as a backup holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnArticle {
    /// When it was added (milliseconds since 1970).
    pub added: f64,
    pub article: Article,
    pub image: Option<Image>,
    /// The body's images kept, in the order of the article's `images` (as long, or shorter).
    pub figures: Vec<Option<Image>>,
    /// The name of the file it was made from ([`OwnEntry::file`]).
    pub file: Option<String>,
}

impl OwnArticle {
    /// Its library entry, as the store keeps it.
    pub fn entry(&self) -> OwnEntry {
        OwnEntry {
            added: self.added,
            entry: entry(&self.article, String::new()),
            file: self.file.clone(),
        }
    }
}

/// A lead image: its type and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// What the reader keeps, to write into a backup.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Everything {
    pub settings: Option<Settings>,
    pub records: Vec<StoredRecord>,
    pub articles: Vec<OwnArticle>,
}

/// A backup file read: what to restore, and what was skipped.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Restored {
    /// When it was made, as written.
    pub made: String,
    pub settings: Option<Settings>,
    /// Records to merge, as stored, in file order.
    pub records: Vec<ReadRecord>,
    pub articles: Vec<OwnArticle>,
    pub skipped: Vec<Skip>,
}

/// Something in a backup that was not restored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The `item`th article (1-based) could not be read (the parser's reason).
    ArticleUnreadable { item: usize, why: String },
    /// The `item`th article is not a reader's own article (its slug).
    NotOwnArticle { item: usize, slug: String },
    /// The article's image could not be read: the article is restored without it.
    ImageUnreadable { title: String },
    /// The `item`th record could not be read (its key, if it had one, and the reason).
    RecordUnreadable {
        item: usize,
        key: Option<String>,
        why: String,
    },
}

/// Why a file is refused as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// Not JSON (the parser's reason).
    NotJson(String),
    /// JSON, but not a backup of this app (an annotations export, for example).
    NotABackup,
    /// A backup of a later format version.
    Newer(u64),
    /// Larger than [`MAX_BYTES`] (its size).
    TooLarge { bytes: usize },
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    made: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<&'a Settings>,
    records: &'a [StoredRecord],
    articles: Vec<ArticleOut<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    added: f64,
    article: &'a Article,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    figures: Vec<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
}

#[derive(Deserialize)]
struct FileIn {
    format: Option<String>,
    version: Option<u64>,
    #[serde(default)]
    made: String,
    #[serde(default)]
    settings: Option<serde_json::Value>,
    #[serde(default)]
    records: Vec<serde_json::Value>,
    #[serde(default)]
    articles: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct ArticleIn {
    #[serde(default)]
    added: f64,
    article: Article,
    #[serde(default)]
    image: Option<String>,
    #[serde(default)]
    figures: Vec<Option<String>>,
    #[serde(default)]
    file: Option<String>,
}

/// The backup file of `everything`, made at `made` (a stored time).
pub fn write(made: &str, everything: &Everything) -> String {
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        made,
        settings: everything.settings.as_ref(),
        records: &everything.records,
        articles: everything
            .articles
            .iter()
            .map(|a| ArticleOut {
                added: a.added,
                article: &a.article,
                image: a.image.as_ref().map(data_url),
                figures: a.figures.iter().map(|f| f.as_ref().map(data_url)).collect(),
                file: a.file.as_deref(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("a backup serializes")
}

/// Reads a backup file: everything it holds that can be restored, and what cannot (why).
pub fn read(text: &str) -> Result<Restored, BackupError> {
    if text.len() > MAX_BYTES {
        return Err(BackupError::TooLarge { bytes: text.len() });
    }
    let file: FileIn = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            BackupError::NotABackup
        } else {
            BackupError::NotJson(e.to_string())
        }
    })?;
    if file.format.as_deref() != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    match file.version {
        Some(v) if v > u64::from(VERSION) => return Err(BackupError::Newer(v)),
        Some(_) => {}
        None => return Err(BackupError::NotABackup),
    }
    let mut restored = Restored {
        made: file.made,
        settings: file
            .settings
            .filter(|s| s.is_object())
            .map(|s| Settings::parse(&s.to_string())),
        ..Restored::default()
    };
    for (i, value) in file.records.into_iter().enumerate() {
        let item = i + 1;
        match record(value) {
            Ok(record) => restored.records.push(ReadRecord { item, ..record }),
            Err((key, why)) => restored
                .skipped
                .push(Skip::RecordUnreadable { item, key, why }),
        }
    }
    for (i, value) in file.articles.into_iter().enumerate() {
        let item = i + 1;
        let read = match serde_json::from_value::<ArticleIn>(value) {
            Ok(read) => read,
            Err(e) => {
                let why = e.to_string();
                restored.skipped.push(Skip::ArticleUnreadable { item, why });
                continue;
            }
        };
        let mut article = read.article;
        if !is_own_slug(&article.slug) {
            let slug = article.slug;
            restored.skipped.push(Skip::NotOwnArticle { item, slug });
            continue;
        }
        made_safe(&mut article);
        let image = match read.image.as_deref().map(from_data_url) {
            None => None,
            Some(Some(image)) => Some(image),
            Some(None) => {
                let title = article.title.clone();
                restored.skipped.push(Skip::ImageUnreadable { title });
                None
            }
        };
        // The body's images: as many as the article names at most; one that cannot be read
        // leaves its words.
        let mut unreadable = false;
        let mut figures: Vec<Option<Image>> = read
            .figures
            .iter()
            .take(article.images.len())
            .map(|f| {
                let image = f.as_deref().map(from_data_url)?;
                unreadable |= image.is_none();
                image
            })
            .collect();
        while figures.last() == Some(&None) {
            figures.pop();
        }
        let lead_unreadable = read.image.is_some() && image.is_none();
        if unreadable && !lead_unreadable {
            let title = article.title.clone();
            restored.skipped.push(Skip::ImageUnreadable { title });
        }
        let added = if read.added.is_finite() && read.added >= 0.0 {
            read.added
        } else {
            0.0
        };
        restored.articles.push(OwnArticle {
            added,
            article,
            image,
            figures,
            file: read.file,
        });
    }
    Ok(restored)
}

/// A record written as `[key, value]`, read as the store reads its own; or its key (if any)
/// and why not.
fn record(value: serde_json::Value) -> Result<ReadRecord, (Option<String>, String)> {
    let (key, stored) = serde_json::from_value::<(String, String)>(value)
        .map_err(|_| (None, "not a pair of key and value".to_string()))?;
    let record = match parse_record(&key, &stored) {
        None => return Err((Some(key), "not a record's key".into())),
        Some(Err(problem)) => return Err((Some(key), format!("{problem:?}"))),
        Some(Ok(record)) => record,
    };
    if let Err(invalid) = record.validate() {
        return Err((Some(key), format!("{invalid:?}")));
    }
    Ok(ReadRecord {
        item: 0,
        id: record.id().to_string(),
        key,
        value: record.to_stored(),
    })
}

/// A reader's slug: the prefix, then lowercase letters, digits and hyphens.
fn is_own_slug(slug: &str) -> bool {
    slug.strip_prefix(OWN_PREFIX).is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// What a hand-made file could put in an article that an extracted one never has: a link a
/// page may not keep (it becomes its words), an image address (the image shown is the one the
/// file holds, never one fetched), a direction other than the two there are.
fn made_safe(article: &mut Article) {
    for run in article.blocks.iter_mut().flat_map(|b| b.runs.iter_mut()) {
        run.link = run.link.take().and_then(|l| crate::uri::safe_link(&l));
    }
    if let Some(photo) = article.photo.as_mut() {
        photo.src.clear();
        photo.stand_in = false;
    }
    for image in &mut article.images {
        image.src.clear();
    }
    // A figure names one of the article's images, or is the words of its caption.
    let images = article.images.len();
    for block in &mut article.blocks {
        if let BlockKind::Figure { image } = block.kind {
            if usize::from(image) >= images {
                block.kind = BlockKind::Paragraph;
            }
        }
    }
    if !matches!(article.dir.as_deref(), None | Some("ltr" | "rtl")) {
        article.dir = None;
    }
    article.lang = article.lang.take().filter(|l| {
        !l.is_empty() && l.len() <= 35 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
}

fn data_url(image: &Image) -> String {
    format!(
        "data:{};base64,{}",
        image.mime,
        base64::engine::general_purpose::STANDARD.encode(&image.bytes)
    )
}

/// An image from a `data:image/…;base64,` address.
fn from_data_url(url: &str) -> Option<Image> {
    let (head, payload) = url.strip_prefix("data:")?.split_once(',')?;
    let mime = head.strip_suffix(";base64")?;
    let subtype = mime.strip_prefix("image/")?;
    if subtype.is_empty()
        || !subtype
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .ok()?;
    Some(Image {
        mime: mime.to_string(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, BlockKind, Photo, Run};
    use crate::jobs::stored;
    use crate::pub_date::PubDate;
    use crate::settings::Theme;
    use crate::store::fixtures;
    use crate::store::records::Record;

    fn article(slug: &str) -> Article {
        let run = |text: &str, link: Option<&str>| Run {
            text: text.into(),
            link: link.map(str::to_string),
            ..Run::default()
        };
        Article {
            slug: slug.into(),
            title: "A page of mine".into(),
            standfirst: None,
            byline: String::new(),
            publication: "example.org".into(),
            date: PubDate::parse("2026-11-30").unwrap(),
            source: Some("https://example.org/a".into()),
            photo: Some(Photo {
                src: String::new(),
                alt: "A lighthouse".into(),
                caption: "The lighthouse.".into(),
                credit: String::new(),
                width: None,
                height: None,
                stand_in: false,
            }),
            facts: vec![],
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                runs: vec![
                    run("Words, and ", None),
                    run("a link", Some("https://example.org/b")),
                ],
            }],
            lang: Some("en".into()),
            dir: None,
            images: Vec::new(),
        }
    }

    /// `article` with two figures of the body.
    fn with_figures(mut article: Article) -> Article {
        for (image, caption) in [(0, "A boat."), (1, "")] {
            article.blocks.push(Block {
                kind: BlockKind::Figure { image },
                runs: vec![Run {
                    text: caption.into(),
                    ..Run::default()
                }]
                .into_iter()
                .filter(|r| !r.text.is_empty())
                .collect(),
            });
        }
        article.images = ["A boat at night", "A map"]
            .map(|alt| crate::article::BodyImage {
                alt: alt.into(),
                src: String::new(),
            })
            .to_vec();
        article
    }

    fn everything() -> Everything {
        let mut noted = fixtures::highlight("h2");
        noted.article = "own-0123abcd".into();
        noted.note = "A note with \"quotes\" and <b>markup</b>".into();
        Everything {
            settings: Some(Settings {
                theme: Theme::Dark,
                ..Settings::default()
            }),
            records: stored([
                Record::Highlight(fixtures::highlight("h1")),
                Record::Highlight(noted),
                Record::Bookmark(fixtures::bookmark("b1")),
            ]),
            articles: vec![
                OwnArticle {
                    added: 1_764_547_800_000.0,
                    article: with_figures(article("own-0123abcd")),
                    image: Some(Image {
                        mime: "image/png".into(),
                        bytes: vec![0x89, b'P', b'N', b'G', 0, 255, 7],
                    }),
                    // The second figure's image was not kept.
                    figures: vec![Some(Image {
                        mime: "image/jpeg".into(),
                        bytes: vec![0xFF, 0xD8, 0xFF, 1, 2],
                    })],
                    file: Some("A walk.html".into()),
                },
                OwnArticle {
                    added: 1_764_547_900_000.0,
                    article: article("own-4567ef"),
                    image: None,
                    figures: vec![],
                    file: None,
                },
            ],
        }
    }

    #[test]
    fn a_backup_restores_everything_it_holds() {
        let all = everything();
        let file = write("2026-12-01T00:10:00.000Z", &all);
        let restored = read(&file).expect("the backup reads");
        assert_eq!(restored.made, "2026-12-01T00:10:00.000Z");
        assert_eq!(restored.settings, all.settings);
        assert_eq!(restored.articles, all.articles);
        assert_eq!(restored.skipped, vec![]);
        let records: Vec<StoredRecord> = restored
            .records
            .iter()
            .map(|r| (r.key.clone(), r.value.clone()))
            .collect();
        assert_eq!(records, all.records);
        assert_eq!(
            restored.records.iter().map(|r| r.item).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(restored.articles[0].entry().entry.title, "A page of mine");
        // Written again, the same file.
        let again = Everything {
            settings: restored.settings,
            records: records.clone(),
            articles: restored.articles,
        };
        assert_eq!(write("2026-12-01T00:10:00.000Z", &again), file);
    }

    #[test]
    fn other_files_are_refused_with_the_reason() {
        assert!(matches!(read("{\"format\""), Err(BackupError::NotJson(_))));
        assert_eq!(read("[1, 2]"), Err(BackupError::NotABackup));
        assert_eq!(
            read(r#"{"@context": "http://www.w3.org/ns/anno.jsonld"}"#),
            Err(BackupError::NotABackup)
        );
        assert_eq!(
            read(r#"{"format": "reader-backup"}"#),
            Err(BackupError::NotABackup)
        );
        assert_eq!(
            read(r#"{"format": "reader-backup", "version": 2}"#),
            Err(BackupError::Newer(2))
        );
        assert_eq!(
            read(r#"{"format": "reader-backup", "version": 1}"#),
            Ok(Restored::default())
        );
    }

    #[test]
    fn what_cannot_be_read_is_skipped_and_the_rest_restored() {
        let mut file: serde_json::Value =
            serde_json::from_str(&write("2026-12-01T00:10:00.000Z", &everything())).unwrap();
        file["records"][0] = serde_json::json!(["reader:hl:h1", "not a record"]);
        file["records"][1] = serde_json::json!(["reader:settings", "{}"]);
        file["records"][2] = serde_json::json!(42);
        file["articles"][0]["image"] = serde_json::json!("data:text/html;base64,PGI+");
        // Its body image too: one sentence for the article.
        file["articles"][0]["figures"][0] = serde_json::json!("data:image/png;base64,!!");
        file["articles"][1]["article"]["slug"] = serde_json::json!("the-bundled-one");
        file["articles"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"article": {"slug": "own-x"}}));
        let restored = read(&file.to_string()).expect("the backup reads");
        assert_eq!(restored.records, vec![]);
        assert_eq!(restored.articles.len(), 1);
        assert_eq!(restored.articles[0].image, None);
        assert_eq!(restored.articles[0].figures, vec![]);
        assert_eq!(restored.skipped.len(), 6);
        assert!(matches!(
            &restored.skipped[0],
            Skip::RecordUnreadable { item: 1, key: Some(k), .. } if k == "reader:hl:h1"
        ));
        assert_eq!(
            restored.skipped[1],
            Skip::RecordUnreadable {
                item: 2,
                key: Some("reader:settings".into()),
                why: "not a record's key".into()
            }
        );
        assert!(matches!(
            &restored.skipped[2],
            Skip::RecordUnreadable {
                item: 3,
                key: None,
                ..
            }
        ));
        assert_eq!(
            restored.skipped[3],
            Skip::ImageUnreadable {
                title: "A page of mine".into()
            }
        );
        assert_eq!(
            restored.skipped[4],
            Skip::NotOwnArticle {
                item: 2,
                slug: "the-bundled-one".into()
            }
        );
        assert!(matches!(
            &restored.skipped[5],
            Skip::ArticleUnreadable { item: 3, why } if why.contains("missing field")
        ));
    }

    #[test]
    fn a_hand_made_article_is_made_as_safe_as_an_extracted_one() {
        let mut file: serde_json::Value =
            serde_json::from_str(&write("2026-12-01T00:10:00.000Z", &everything())).unwrap();
        let a = &mut file["articles"][1]["article"];
        a["blocks"][0]["runs"][1]["link"] = serde_json::json!("javascript:alert(1)");
        a["blocks"][0]["runs"][0]["link"] = serde_json::json!(" //evil.example/x");
        a["photo"]["src"] = serde_json::json!("https://tracker.example/pixel.png");
        a["dir"] = serde_json::json!("\" onload=\"x");
        a["lang"] = serde_json::json!("en\" x=\"");
        file["articles"][1]["added"] = serde_json::json!(-5);
        // A figure naming an image the article does not have is its caption's words; an image
        // address is never kept; more figures' images than the article names are left out.
        let figured = &mut file["articles"][0];
        figured["article"]["blocks"][1]["kind"] = serde_json::json!({"Figure": {"image": 9}});
        figured["article"]["images"][1]["src"] = serde_json::json!("https://tracker.example/p.png");
        figured["figures"] = serde_json::json!([null, null, "data:image/png;base64,AAAA"]);
        let restored = read(&file.to_string()).expect("the backup reads");
        let article = &restored.articles[1].article;
        let links: Vec<_> = article.blocks[0]
            .runs
            .iter()
            .map(|r| r.link.clone())
            .collect();
        assert_eq!(links, [Some("https://evil.example/x".to_string()), None]);
        assert_eq!(article.photo.as_ref().unwrap().src, "");
        assert_eq!(
            (article.dir.as_deref(), article.lang.as_deref()),
            (None, None)
        );
        assert_eq!(restored.articles[1].added, 0.0);
        let figured = &restored.articles[0];
        let kinds: Vec<BlockKind> = figured.article.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Figure { image: 1 }
            ]
        );
        assert_eq!(figured.article.images[1].src, "");
        assert_eq!(figured.figures, vec![]);
        assert_eq!(restored.skipped, vec![]);
    }
}
