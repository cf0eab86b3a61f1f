//! Heavy, rare work the app hands to its worker: a second WebAssembly module
//! (`src/bin/worker.rs`), loaded the first time the reader exports or imports, so that none of
//! this code is in the first download and none of it runs on the page's thread.
//!
//! The app sends a [`Job`] as JSON text; the worker does it ([`run`]) and answers with an
//! [`Answer`] as JSON text, the reasons in words. Records travel as the store keeps them
//! (storage key, stored value: see [`crate::store::codec`]), which both sides already read and
//! write. Everything here is
//! plain Rust, tested natively; the worker's own code only passes text in and out.

use serde::{Deserialize, Serialize};

use crate::formats::markdown::to_markdown;
use crate::formats::web_annotation::import::{self, ImportError, Imported, Parsed, Skip};
use crate::formats::web_annotation::to_web_annotations;
use crate::formats::ArticleInfo;
use crate::store::codec::{decode, Problem};
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
    /// Read an import file (W3C Web Annotation or Hypothesis JSON); the app merges it.
    ReadImport {
        text: String,
        articles: Vec<ArticleInfo>,
    },
    /// Make an article of the reader's own file `name`, added on `added` (`YYYY-MM-DD`); its
    /// bytes travel beside the job. Done by the worker's extraction (the `reader-import`
    /// crate), not by [`run`].
    OwnArticle { name: String, added: String },
    /// Write the "back up everything" file ([`crate::backup`]) of `records` and `settings`,
    /// and of the reader's own articles, which travel beside the job as the store keeps them.
    /// Done by the worker, not by [`run`].
    Backup {
        /// When, as stored.
        made: String,
        settings: Option<crate::settings::Settings>,
        records: Vec<StoredRecord>,
    },
    /// Read a backup file, whose text travels beside the job; the app restores it. Done by
    /// the worker, not by [`run`].
    ReadBackup,
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
    /// An import file read.
    Read(Parsed),
    /// The import file was refused as a whole.
    Refused(ImportError),
    /// A record sent that could not be decoded (which, and why).
    Undecodable(String),
}

/// The worker's answer, as sent back: what the page needs and no more. Reasons are already in
/// words (the worker is the app's, and writes them as the page would), so that the page does not
/// carry the code that reads every kind of skipped annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// An export's text.
    File(String),
    /// An import file read: what to merge, and what was skipped (position in the file, why).
    Read {
        records: Vec<ReadRecord>,
        skipped: Vec<(usize, String)>,
    },
    /// The import file was refused as a whole, and why; nothing is to change.
    Refused(String),
    /// The article made of a reader's file: its library entry. The article itself travels
    /// beside the answer as the JSON text the store keeps, so that the page neither parses nor
    /// writes it again (a 5 MB page's article would hold its thread up).
    OwnArticle(Box<crate::library::Entry>),
    /// A backup written (its text travels beside the answer): how many articles and records
    /// it holds.
    BackedUp {
        articles: usize,
        records: usize,
        /// Articles in the store that could not be read, and so are not in it.
        unreadable: usize,
    },
    /// A backup file read: what to restore besides the articles (which travel beside the
    /// answer, as the store keeps them: slug, article, entry, image), and what was skipped, in
    /// words.
    Restore {
        made: String,
        /// The settings as stored (`Settings::to_json`), read by the page as it reads its own.
        settings: Option<String>,
        records: Vec<ReadRecord>,
        skipped: Vec<String>,
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
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the worker's answer.
    pub fn from_json(text: &str) -> Answer {
        serde_json::from_str(text).unwrap_or_else(|e| {
            Answer::Failed(format!("the worker's answer could not be read: {e}"))
        })
    }

    /// A job's outcome in words: `skipped` words why an annotation was skipped, `refused` why
    /// a file was refused.
    pub fn new(
        outcome: Outcome,
        skipped: impl Fn(&Skip) -> String,
        refused: impl Fn(&ImportError) -> String,
    ) -> Answer {
        match outcome {
            Outcome::Read(parsed) => Answer::Read {
                records: parsed
                    .records
                    .into_iter()
                    .map(|i| ReadRecord {
                        item: i.item,
                        id: i.id,
                        key: i.record.key(),
                        value: i.record.to_stored(),
                    })
                    .collect(),
                skipped: parsed
                    .skipped
                    .iter()
                    .map(|s| (s.item, skipped(&s.reason)))
                    .collect(),
            },
            Outcome::File(text) => Answer::File(text),
            Outcome::Refused(e) => Answer::Refused(refused(&e)),
            Outcome::Undecodable(why) => Answer::Failed(why),
        }
    }

    /// The records of a read import file, decoded as the store decodes its own, and what was
    /// skipped; any other answer as it is, or `Failed` for a record that cannot be decoded.
    pub fn into_records(self) -> Result<(Parsed, Vec<(usize, String)>), Answer> {
        let Answer::Read { records, skipped } = self else {
            return Err(self);
        };
        let records = records
            .into_iter()
            .map(|r| {
                Ok(Imported {
                    item: r.item,
                    record: record_from(&r.key, &r.value)?,
                    id: r.id,
                })
            })
            .collect::<Result<Vec<_>, String>>()
            .map_err(Answer::Failed)?;
        Ok((
            Parsed {
                records,
                skipped: Vec::new(),
            },
            skipped,
        ))
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
        Job::ReadImport { text, articles } => match import::parse(&text, &articles) {
            Ok(parsed) => Outcome::Read(parsed),
            Err(e) => Outcome::Refused(e),
        },
        Job::OwnArticle { .. } | Job::Backup { .. } | Job::ReadBackup => Outcome::Undecodable(
            "this job needs what travels beside it, which only the worker has".into(),
        ),
    }
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

    /// What the worker does with a request: the job read, done, and put into (test) words.
    fn worker(request: &str) -> String {
        match Job::from_json(request) {
            Ok(job) => Answer::new(run(job), |s| format!("{s:?}"), |e| format!("{e:?}")),
            Err(e) => Answer::Failed(e),
        }
        .to_json()
    }

    #[test]
    fn an_export_made_by_the_worker_is_the_one_made_in_place() {
        let state = annotations();
        let records = stored(state.records());
        let md = Answer::from_json(&worker(
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
        let json = Answer::from_json(&worker(
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

        let answer = Answer::from_json(&worker(
            &Job::ReadImport {
                text: file,
                articles: articles(),
            }
            .to_json(),
        ));
        let (parsed, skipped) = answer.into_records().expect("the file is read");
        assert!(skipped.is_empty());
        let mut there = Store::open(MemoryKv::new());
        assert_eq!(there.merge_import(parsed), Ok(expected));
        assert_eq!(there.state(), here.state());
    }

    #[test]
    fn a_refused_file_and_skipped_annotations_come_back_in_words() {
        let answer = Answer::from_json(&worker(
            &Job::ReadImport {
                text: "[1, {\"type\": \"Annotation\"}".into(),
                articles: articles(),
            }
            .to_json(),
        ));
        assert!(
            matches!(&answer, Answer::Refused(why) if why.starts_with("InvalidJson(")),
            "{answer:?}"
        );
        let answer = Answer::from_json(&worker(
            &Job::ReadImport {
                text: r#"[1, {"type": "Annotation", "id": "urn:x"}]"#.into(),
                articles: articles(),
            }
            .to_json(),
        ));
        let (parsed, skipped) = answer.into_records().expect("the file is read");
        assert!(parsed.records.is_empty());
        assert_eq!(
            skipped,
            vec![
                (1, "NotAnObject(Number)".to_string()),
                (2, "NoDate".to_string())
            ]
        );
    }

    #[test]
    fn what_the_worker_cannot_read_fails_with_a_reason() {
        let answer = Answer::from_json(&worker("{\"job\": \"sing\"}"));
        assert!(
            matches!(&answer, Answer::Failed(e) if e.starts_with("the request could not be read")),
            "{answer:?}"
        );
        let answer = Answer::from_json("nonsense");
        assert!(
            matches!(&answer, Answer::Failed(e) if e.starts_with("the worker's answer could not be read")),
            "{answer:?}"
        );
        let answer = Answer::Read {
            records: vec![ReadRecord {
                item: 1,
                id: "x".into(),
                key: "reader:hl:x".into(),
                value: "not a record".into(),
            }],
            skipped: vec![],
        };
        assert!(
            matches!(answer.into_records(), Err(Answer::Failed(e)) if e.starts_with("reader:hl:x: "))
        );
        let answer = Answer::from_json(&worker(
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
}
