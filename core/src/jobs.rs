//! Heavy, rare work the app hands to its worker: a second WebAssembly module
//! (`src/bin/worker.rs`), loaded the first time the reader exports or imports, so that none of
//! this code is in the first download and none of it runs on the page's thread.
//!
//! The app sends a [`Job`] as JSON text; the worker does it ([`run`]) and answers with an
//! [`Answer`] as a list of texts ([`Answer::to_fields`]), the reasons in words. Records travel
//! as the store keeps them (storage key, stored value: see [`crate::store::codec`]), which both
//! sides already read and write. Everything here is plain Rust, tested natively; the worker's
//! own code only passes text in and out.

use serde::{Deserialize, Serialize};

use crate::formats::markdown::to_markdown;
use crate::formats::web_annotation::import::{ImportReport, Imported, Parsed};
use crate::formats::web_annotation::to_web_annotations;
use crate::formats::ArticleInfo;
use crate::store::codec::{decode, Problem};
use crate::store::handle::import::merge_records;
use crate::store::keys::{classify, KeyClass};
use crate::store::{Annotations, Record};

/// A record as stored: its key and its value.
pub type StoredRecord = (String, String);

/// What the worker is asked to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "kebab-case")]
pub enum Job {
    /// The Markdown export of `records`.
    Markdown {
        articles: Vec<ArticleInfo>,
        records: Vec<StoredRecord>,
        /// When, as the export says it ("30 November 2026, 17:40").
        exported_at: String,
    },
    /// The W3C Web Annotation export of `records`.
    WebAnnotations {
        articles: Vec<ArticleInfo>,
        records: Vec<StoredRecord>,
    },
    /// Read an import file (W3C Web Annotation or Hypothesis JSON) and merge what it holds into
    /// `here`, the page's records as stored, as the page's store would merge them
    /// ([`merge_read`]); `articles` name the articles in the report. Done by the worker,
    /// which puts the report into words, not by [`run`]; the page writes the records merged
    /// ([`Answer::Merged`]).
    ReadImport {
        text: String,
        articles: Vec<ArticleInfo>,
        #[serde(default)]
        here: Vec<StoredRecord>,
    },
    /// Make an article of the reader's own file `name`, added on `added` (`YYYY-MM-DD`); its
    /// bytes travel beside the job. Done by the worker's extraction (the `reader-import`
    /// crate), not by [`run`].
    OwnArticle {
        name: String,
        added: String,
        /// Where it goes when not where its text puts it: the slug it takes and when it was
        /// first added (milliseconds since 1970). A newer copy replacing one of the reader's
        /// articles keeps that article's slug, so that its highlights, notes and bookmarks stay
        /// with it, and its date, so that it keeps its place in the library; a text whose slug
        /// an article holding other words took (its own text replaced since) goes at the next
        /// free one. Without it: its text's slug, added now.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<(String, u64)>,
    },
    /// Write the "back up everything" file ([`crate::backup`]) of `records` and `settings`,
    /// and of the reader's own articles, which the worker reads from their store. Done by the
    /// worker, not by [`run`].
    Backup {
        /// When, as stored.
        made: String,
        settings: Option<crate::settings::Settings>,
        records: Vec<StoredRecord>,
    },
    /// Restore a backup file, whose text travels beside the job: the worker adds its articles
    /// to the store, merges its annotations into `here` as [`Job::ReadImport`] does (unless
    /// the page's store is `read_only`, written by that version), and words the report; the
    /// page writes the records merged ([`Answer::Merged`]) and takes the settings, which
    /// travel beside the answer. Done by the worker, not by [`run`].
    Restore {
        here: Vec<StoredRecord>,
        articles: Vec<ArticleInfo>,
        read_only: Option<u32>,
    },
}

/// One record read from an import file, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadRecord {
    /// 1-based position in the file.
    pub item: usize,
    /// Its `id` as written in the file.
    pub id: String,
    pub key: String,
    pub value: String,
}

/// What a job came to, as data: the worker puts it into words ([`Answer`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An export's text.
    File(String),
    /// A record sent that could not be decoded (which, and why), or a job the worker does
    /// itself.
    Undecodable(String),
}

/// The worker's answer, as sent back: what the page needs and no more. Reasons are already in
/// words (the worker is the app's, and writes them as the page would), so that the page does not
/// carry the code that reads every kind of skipped annotation.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// An export's text.
    File(String),
    /// Records merged (an import's, a backup's: [`Job::ReadImport`], [`Job::Restore`]): those to
    /// write, as stored, and the report in words.
    Merged {
        records: Vec<StoredRecord>,
        headline: String,
        details: Vec<String>,
    },
    /// The import file was refused as a whole, and why; nothing is to change.
    Refused(String),
    /// The article made of a reader's file: what the page says of it (and the address it was
    /// saved from, by which the page finds the same page added before). The article and its
    /// library entry travel beside the answer as the JSON texts the store keeps, so that the
    /// page neither parses nor writes them again (a 5 MB page's article would hold its thread
    /// up).
    OwnArticle {
        slug: String,
        title: String,
        source: Option<String>,
    },
    /// A backup written (its text travels beside the answer): how many articles and records
    /// it holds.
    BackedUp {
        articles: usize,
        records: usize,
        /// Articles in the store that could not be read, and so are not in it.
        unreadable: usize,
    },
    /// The job could not be done (why): a request the worker could not read, or a record it
    /// could not decode.
    Failed(String),
}

impl Job {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<Job, String> {
        serde_json::from_str(text).map_err(|e| format!("the request could not be read: {e}"))
    }
}

impl Answer {
    /// The answer as the worker posts it: a list of texts, its kind first, then its fields in
    /// order (a list as its length, then its items; an absent text as `0`, a present one as
    /// `1` and the text). Not JSON: reading a derived enum put serde's machinery for every
    /// variant into the page's module (12.9 KB before wasm-opt), where this needs one loop.
    pub fn to_fields(&self) -> Vec<String> {
        let mut f = Fields::default();
        match self {
            Answer::File(text) => {
                f.tag("file").text(text);
            }
            Answer::Merged {
                records,
                headline,
                details,
            } => {
                f.tag("merged").count(records.len());
                for (key, value) in records {
                    f.text(key).text(value);
                }
                f.text(headline).count(details.len());
                for line in details {
                    f.text(line);
                }
            }
            Answer::Refused(why) => {
                f.tag("refused").text(why);
            }
            Answer::OwnArticle {
                slug,
                title,
                source,
            } => {
                f.tag("own-article").text(slug).text(title).maybe(source);
            }
            Answer::BackedUp {
                articles,
                records,
                unreadable,
            } => {
                f.tag("backed-up")
                    .count(*articles)
                    .count(*records)
                    .count(*unreadable);
            }
            Answer::Failed(why) => {
                f.tag("failed").text(why);
            }
        }
        f.0
    }

    /// Reads the worker's answer ([`Answer::to_fields`]; an item that is not a text is `None`).
    pub fn from_fields(fields: Vec<Option<String>>) -> Answer {
        let mut fields = Reading(fields.into_iter());
        fields
            .answer()
            .filter(|_| fields.0.next().is_none())
            .unwrap_or_else(|| Answer::Failed("the worker's answer could not be read".into()))
    }

    /// A job's outcome as answered.
    pub fn new(outcome: Outcome) -> Answer {
        match outcome {
            Outcome::File(text) => Answer::File(text),
            Outcome::Undecodable(why) => Answer::Failed(why),
        }
    }
}

/// Records read from a file as stored (a backup's), decoded as the store decodes its own, to
/// merge as an import's are ([`merge_read`]); or why one cannot be decoded.
pub fn decode_records(records: Vec<ReadRecord>) -> Result<Parsed, String> {
    let records = records
        .into_iter()
        .map(|r| {
            Ok(Imported {
                item: r.item,
                record: record_from(&r.key, &r.value)?,
                id: r.id,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Parsed {
        records,
        skipped: Vec::new(),
    })
}

/// An answer being written as texts.
#[derive(Default)]
struct Fields(Vec<String>);

impl Fields {
    fn tag(&mut self, tag: &str) -> &mut Self {
        self.text(tag)
    }

    fn text(&mut self, text: &str) -> &mut Self {
        self.0.push(text.to_string());
        self
    }

    fn count(&mut self, n: usize) -> &mut Self {
        self.0.push(n.to_string());
        self
    }

    fn maybe(&mut self, text: &Option<String>) -> &mut Self {
        match text {
            Some(text) => self.count(1).text(text),
            None => self.count(0),
        }
    }
}

/// An answer being read from its texts: `None` for one that is not as written.
struct Reading(std::vec::IntoIter<Option<String>>);

impl Reading {
    fn text(&mut self) -> Option<String> {
        self.0.next().flatten()
    }

    fn count(&mut self) -> Option<usize> {
        self.text()?.parse().ok()
    }

    fn maybe(&mut self) -> Option<Option<String>> {
        match self.count()? {
            0 => Some(None),
            1 => self.text().map(Some),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut one: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        (0..n).map(|_| one(self)).collect()
    }

    fn answer(&mut self) -> Option<Answer> {
        Some(match self.text()?.as_str() {
            "file" => Answer::File(self.text()?),
            "merged" => Answer::Merged {
                records: self.list(|f| Some((f.text()?, f.text()?)))?,
                headline: self.text()?,
                details: self.list(Self::text)?,
            },
            "refused" => Answer::Refused(self.text()?),
            "own-article" => Answer::OwnArticle {
                slug: self.text()?,
                title: self.text()?,
                source: self.maybe()?,
            },
            "backed-up" => Answer::BackedUp {
                articles: self.count()?,
                records: self.count()?,
                unreadable: self.count()?,
            },
            "failed" => Answer::Failed(self.text()?),
            _ => return None,
        })
    }
}

/// The stored form of `records`, to send to the worker.
pub fn stored(records: impl IntoIterator<Item = Record>) -> Vec<StoredRecord> {
    records
        .into_iter()
        .map(|r| (r.key(), r.to_stored()))
        .collect()
}

/// Does a job: the worker's work, as data.
pub fn run(job: Job) -> Outcome {
    match job {
        Job::Markdown {
            articles,
            records,
            exported_at,
        } => match annotations(&records) {
            Ok(state) => Outcome::File(to_markdown(&articles, &state, &exported_at)),
            Err(e) => Outcome::Undecodable(e),
        },
        Job::WebAnnotations { articles, records } => match annotations(&records) {
            Ok(state) => Outcome::File(to_web_annotations(&articles, &state)),
            Err(e) => Outcome::Undecodable(e),
        },
        Job::ReadImport { .. }
        | Job::OwnArticle { .. }
        | Job::Backup { .. }
        | Job::Restore { .. } => Outcome::Undecodable(
            "this job is done by the worker itself, with what travels beside it".into(),
        ),
    }
}

/// Merges `read` (records read from a file) into `here` (the page's records as stored) by the
/// store's own rules ([`merge_records`]; `now` tells the time): what the merge did, and the
/// records it added or updated, as stored, which the page merges and writes in turn
/// ([`Store::apply_merged`](crate::store::Store::apply_merged)); or why `here` could not be
/// read.
pub fn merge_read(
    here: &[StoredRecord],
    read: Parsed,
    now: &dyn Fn() -> String,
) -> Result<(ImportReport, Vec<StoredRecord>), String> {
    let mut state = annotations(here)?;
    let (report, changed) = merge_records(&mut state, read, now);
    Ok((report, stored(changed)))
}

fn annotations(records: &[StoredRecord]) -> Result<Annotations, String> {
    let mut state = Annotations::default();
    for (key, value) in records {
        state.insert(record_from(key, value)?);
    }
    Ok(state)
}

fn record_from(key: &str, value: &str) -> Result<Record, String> {
    match classify(key) {
        KeyClass::Record { kind, id } => {
            decode(kind, id, value).map_err(|p: Problem| format!("{key}: {p:?}"))
        }
        _ => Err(format!("{key}: not a record's key")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::web_annotation::import;
    use crate::store::fixtures;
    use crate::store::{MemoryKv, SavedArticle, Store};

    fn articles() -> Vec<ArticleInfo> {
        vec![ArticleInfo {
            slug: "an-article".into(),
            title: "An article".into(),
            url: "https://reader.example/articles/an-article/".into(),
            ..ArticleInfo::default()
        }]
    }

    /// Two highlights (one with a note that looks like markup), a bookmark, a saved article.
    fn annotations() -> Annotations {
        let mut state = Annotations::default();
        state.insert(Record::Highlight(fixtures::highlight("h1")));
        let mut noted = fixtures::highlight("h2");
        noted.note = "<script>alert(1)</script> *not emphasis*".into();
        noted.modified = fixtures::T1.into();
        state.insert(Record::Highlight(noted));
        state.insert(Record::Bookmark(fixtures::bookmark("b1")));
        state.insert(Record::Saved(SavedArticle {
            article: "an-article".into(),
            saved_at: fixtures::T1.into(),
        }));
        state
    }

    /// What the worker does with a request: the job read, done, and put into (test) words, as
    /// it posts them.
    fn worker(request: &str) -> Vec<Option<String>> {
        match Job::from_json(request) {
            Ok(job) => Answer::new(run(job)),
            Err(e) => Answer::Failed(e),
        }
        .to_fields()
        .into_iter()
        .map(Some)
        .collect()
    }

    #[test]
    fn an_export_made_by_the_worker_is_the_one_made_in_place() {
        let state = annotations();
        let records = stored(state.records());
        let md = Answer::from_fields(worker(
            &Job::Markdown {
                articles: articles(),
                records: records.clone(),
                exported_at: "30 November 2026 at 17:40 UTC".into(),
            }
            .to_json(),
        ));
        assert_eq!(
            md,
            Answer::File(to_markdown(
                &articles(),
                &state,
                "30 November 2026 at 17:40 UTC"
            ))
        );
        let json = Answer::from_fields(worker(
            &Job::WebAnnotations {
                articles: articles(),
                records,
            }
            .to_json(),
        ));
        assert_eq!(json, Answer::File(to_web_annotations(&articles(), &state)));
    }

    #[test]
    fn an_import_read_by_the_worker_merges_as_one_read_in_place() {
        let file = to_web_annotations(&articles(), &annotations());
        let mut here = Store::open(MemoryKv::new());
        here.set_articles(articles());
        let expected = here.import(&file).expect("the file imports");
        assert_eq!((expected.added, expected.skipped.len()), (4, 0));

        // As the worker reads it (`src/bin/worker.rs`).
        let parsed = import::parse(&file, &articles()).expect("the file is read");
        assert!(parsed.skipped.is_empty());
        let mut there = Store::open(MemoryKv::new());
        assert_eq!(there.merge_import(parsed), Ok(expected));
        assert_eq!(there.state(), here.state());
    }

    #[test]
    fn a_merge_done_by_the_worker_and_applied_by_the_page_is_the_merge_done_in_place() {
        let file = to_web_annotations(&articles(), &annotations());
        // The page holds one of the file's records as it is, a newer version of another, and
        // one of its own.
        let page = || {
            let mut store = Store::open(MemoryKv::new());
            store.set_articles(articles());
            store
                .put(Record::Highlight(fixtures::highlight("h1")))
                .unwrap();
            let mut newer = fixtures::highlight("h2");
            newer.note = "rewritten here".into();
            newer.modified = "2026-11-29T09:00:00.000Z".into();
            store.put(Record::Highlight(newer)).unwrap();
            store
                .put(Record::Bookmark(fixtures::bookmark("mine")))
                .unwrap();
            store
        };
        let mut in_place = page();
        let expected = in_place.import(&file).expect("the file imports");
        assert_eq!((expected.added, expected.skipped.len()), (2, 2));

        let parsed = import::parse(&file, &articles()).expect("the file is read");
        let mut applied = page();
        let here = stored(applied.state().records());
        let now = || "2026-11-30T00:00:00.000Z".to_string();
        let (report, written) = merge_read(&here, parsed, &now).expect("merged");
        assert_eq!(report, expected);
        assert_eq!(
            written.len(),
            2,
            "only what the merge added is written: {written:?}"
        );
        assert_eq!(applied.apply_merged(&written), (0, None));
        assert_eq!(applied.state(), in_place.state());
    }

    #[test]
    fn records_merged_elsewhere_that_storage_refuses_are_counted_and_kept_in_memory() {
        let written = stored(annotations().records());
        let kv = MemoryKv::with_capacity(200);
        let mut page = Store::open(kv.clone());
        let (not_saved, error) = page.apply_merged(&written);
        assert_eq!(error, Some(crate::store::StoreError::QuotaExceeded));
        assert!(not_saved > 0 && not_saved < written.len(), "{not_saved}");
        assert_eq!(page.state(), &annotations());
        // A store that is read-only here writes nothing, and says so.
        let mut newer = Store::open(MemoryKv::new());
        newer.apply_storage_event(Some("reader:meta"), Some("{\"version\":99}"));
        assert_eq!(
            newer.apply_merged(&written),
            (4, Some(crate::store::StoreError::ReadOnly { version: 99 }))
        );
        assert!(newer.state().records().is_empty());
    }

    #[test]
    fn jobs_the_worker_does_itself_are_not_done_here() {
        let answer = Answer::from_fields(worker(
            &Job::ReadImport {
                text: "[]".into(),
                articles: articles(),
                here: Vec::new(),
            }
            .to_json(),
        ));
        assert!(
            matches!(&answer, Answer::Failed(e) if e.starts_with("this job is done by the worker itself")),
            "{answer:?}"
        );
    }

    #[test]
    fn what_the_worker_cannot_read_fails_with_a_reason() {
        let answer = Answer::from_fields(worker("{\"job\": \"sing\"}"));
        assert!(
            matches!(&answer, Answer::Failed(e) if e.starts_with("the request could not be read")),
            "{answer:?}"
        );
        // A backup's record that cannot be decoded.
        let decoded = decode_records(vec![ReadRecord {
            item: 1,
            id: "x".into(),
            key: "reader:hl:x".into(),
            value: "not a record".into(),
        }]);
        assert!(matches!(decoded, Err(e) if e.starts_with("reader:hl:x: ")));
        let answer = Answer::from_fields(worker(
            &Job::Markdown {
                articles: articles(),
                records: vec![("reader:bm:b".into(), "{}".into())],
                exported_at: String::new(),
            }
            .to_json(),
        ));
        assert!(
            matches!(&answer, Answer::Failed(e) if e.starts_with("reader:bm:b: ")),
            "{answer:?}"
        );
    }

    #[test]
    fn a_file_replacing_an_article_names_it_and_a_plain_one_reads_as_before() {
        let replacing = Job::OwnArticle {
            name: "walk.html".into(),
            added: "2026-12-03".into(),
            place: Some(("own-0123456789abcdef".into(), 1_764_000_000_000)),
        };
        assert_eq!(Job::from_json(&replacing.to_json()), Ok(replacing));
        // A request without it (as the app sent before) reads, and is written the same way.
        let plain = r#"{"job":"own-article","name":"walk.html","added":"2026-12-03"}"#;
        let job = Job::from_json(plain).unwrap();
        assert_eq!(
            job,
            Job::OwnArticle {
                name: "walk.html".into(),
                added: "2026-12-03".into(),
                place: None,
            }
        );
        assert_eq!(job.to_json(), plain);
    }

    fn every_answer() -> Vec<Answer> {
        vec![
            Answer::Merged {
                records: vec![
                    ("reader:hl:a".into(), "{\"t\":\"a\"}".into()),
                    ("0".into(), String::new()),
                ],
                headline: "1 highlight added to “A”; 1 already here.".into(),
                details: vec!["Annotation 2 of the file: no date.".into(), String::new()],
            },
            Answer::Merged {
                records: vec![],
                headline: String::new(),
                details: vec![],
            },
            Answer::File("# Export\n\nwith \"quotes\", 0 and 1, and nothing after\n".into()),
            Answer::File(String::new()),
            Answer::Refused("not JSON".into()),
            Answer::OwnArticle {
                slug: "a-walk".into(),
                title: "A walk, “at last”".into(),
                source: Some("https://example.org/walk".into()),
            },
            Answer::OwnArticle {
                slug: "1".into(),
                title: "0".into(),
                source: None,
            },
            Answer::OwnArticle {
                slug: "x".into(),
                title: "y".into(),
                source: Some(String::new()),
            },
            Answer::BackedUp {
                articles: 2,
                records: 0,
                unreadable: 12_345_678,
            },
            Answer::Failed("the file could not be decoded".into()),
        ]
    }

    #[test]
    fn every_answer_reads_back_as_written() {
        for answer in every_answer() {
            let fields = answer.to_fields().into_iter().map(Some).collect();
            assert_eq!(Answer::from_fields(fields), answer);
        }
    }

    #[test]
    fn an_answer_not_as_written_fails_and_never_reads_as_another() {
        let unreadable = Answer::Failed("the worker's answer could not be read".into());
        let read = |fields: Vec<Option<&str>>| {
            Answer::from_fields(fields.into_iter().map(|f| f.map(String::from)).collect())
        };
        assert_eq!(read(vec![]), unreadable);
        assert_eq!(read(vec![Some("sing")]), unreadable);
        assert_eq!(read(vec![None, Some("x")]), unreadable);
        assert_eq!(read(vec![Some("file")]), unreadable);
        assert_eq!(read(vec![Some("file"), None]), unreadable);
        assert_eq!(
            read(vec![Some("backed-up"), Some("1"), Some("-2"), Some("0")]),
            unreadable
        );
        assert_eq!(
            read(vec![
                Some("own-article"),
                Some("s"),
                Some("t"),
                Some("2"),
                Some("u")
            ]),
            unreadable
        );
        // A list longer than what follows it, and a field too many.
        assert_eq!(
            read(vec![Some("merged"), Some("99999999999"), Some("1")]),
            unreadable
        );
        assert_eq!(
            read(vec![Some("refused"), Some("why"), Some("more")]),
            unreadable
        );
        // Every answer cut short anywhere is refused, not read as something else.
        for answer in every_answer() {
            let fields = answer.to_fields();
            for end in 0..fields.len() {
                let cut = fields[..end].iter().cloned().map(Some).collect();
                assert_eq!(
                    Answer::from_fields(cut),
                    unreadable,
                    "{answer:?} cut at {end}"
                );
            }
        }
    }
}
