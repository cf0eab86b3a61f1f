//! Importing a file ([`crate::formats::web_annotation::import`] reads it): each record is
//! merged like another tab's change (new ids added, an existing record replaced only by a
//! newer one) and written under its own key.

use std::collections::HashMap;

use super::clamp_times;
use super::{KeyValue, Store};
use crate::formats::web_annotation::import::{
    self, Change, ImportError, ImportReport, Parsed, Skip, Skipped,
};
use crate::formats::ArticleInfo;
use crate::store::keys::{self, KeyClass};
use crate::store::records::Record;
use crate::store::state::MergeOutcome;
use crate::store::{codec, Annotations, StoreError};

/// An article holds at most this many highlights; an import adding more is cut short with a
/// reason. Far beyond what a reader makes by hand, it bounds the work of placing them all
/// each time the article opens.
pub const MAX_HIGHLIGHTS_PER_ARTICLE: usize = 2_000;

impl<K: KeyValue> Store<K> {
    /// Imports Web Annotation JSON (or Hypothesis's) and merges it by id.
    pub fn import(&mut self, json: &str) -> Result<ImportReport, ImportError> {
        let articles = std::mem::take(&mut self.articles);
        let result = self.import_with(json, &articles);
        self.articles = articles;
        result
    }

    /// [`Store::import`] recognising the articles in `articles`.
    pub fn import_with(
        &mut self,
        json: &str,
        articles: &[ArticleInfo],
    ) -> Result<ImportReport, ImportError> {
        self.ensure_loaded();
        if let Some(version) = self.read_only {
            return Err(ImportError::ReadOnly { version });
        }
        let parsed = import::parse(json, articles)?;
        self.merge_import(parsed)
    }

    /// Merges a file already read (by [`import::parse`], perhaps in another thread: see
    /// [`crate::jobs`]) into the store.
    pub fn merge_import(&mut self, parsed: Parsed) -> Result<ImportReport, ImportError> {
        self.ensure_loaded();
        if let Some(version) = self.read_only {
            return Err(ImportError::ReadOnly { version });
        }
        let (mut report, changed) = merge_records(&mut self.state, parsed, &*self.clock);
        for record in &changed {
            if let Err(e) = self.write(record) {
                report.not_saved += 1;
                report.storage_error.get_or_insert(e);
            }
        }
        self.continue_v1();
        Ok(report)
    }

    /// Merges and writes records another store merged (the worker's: see
    /// [`crate::jobs::merge_read`]), each as another tab's change would be (one changed here
    /// meanwhile keeps the later version): how many of them could not be written, and the first
    /// reason (they are kept in memory).
    pub fn apply_merged(&mut self, records: &[(String, String)]) -> (usize, Option<StoreError>) {
        self.ensure_loaded();
        if let Err(e) = self.check_writable() {
            return (records.len(), Some(e));
        }
        let (mut not_saved, mut first) = (0, None);
        for (key, value) in records {
            let KeyClass::Record { kind, id } = keys::classify(key) else {
                continue;
            };
            let Ok(record) = codec::decode(kind, id, value) else {
                continue;
            };
            if self.state.merge(record.clone()) == MergeOutcome::Skipped {
                continue;
            }
            if let Err(e) = self.write(&record) {
                not_saved += 1;
                first.get_or_insert(e);
            }
        }
        self.continue_v1();
        (not_saved, first)
    }
}

/// Merges the records of a file read into `state`, like another tab's changes (new ids added,
/// a record replaced only by a newer one; times after `now` taken as now; an article's
/// highlights up to [`MAX_HIGHLIGHTS_PER_ARTICLE`]): what it did, and the records added or
/// updated, to write. The store's merge, and the worker's ([`crate::jobs::merge_read`]).
pub fn merge_records(
    state: &mut Annotations,
    parsed: Parsed,
    now: &dyn Fn() -> String,
) -> (ImportReport, Vec<Record>) {
    let mut report = ImportReport {
        skipped: parsed.skipped,
        ..ImportReport::default()
    };
    let mut changed = Vec::new();
    let mut highlights: HashMap<String, usize> = HashMap::new();
    for h in state.highlights() {
        *highlights.entry(h.article.clone()).or_default() += 1;
    }
    for imported in parsed.records {
        let mut record = imported.record;
        clamp_times(&mut record, now);
        let skip = |reason| Skipped {
            item: imported.item,
            id: Some(imported.id.clone()),
            reason,
        };
        let ours = state.get(record.kind(), record.id());
        if matches!(record, Record::Highlight(_)) && ours.is_none() {
            let count = highlights.entry(record.article().to_string()).or_default();
            if *count >= MAX_HIGHLIGHTS_PER_ARTICLE {
                report.skipped.push(skip(Skip::ArticleFull {
                    limit: MAX_HIGHLIGHTS_PER_ARTICLE,
                }));
                continue;
            }
            *count += 1;
        }
        let added = match state.merge(record.clone()) {
            MergeOutcome::Added => true,
            MergeOutcome::Updated => false,
            MergeOutcome::Skipped => {
                report.skipped.push(skip(if ours.as_ref() == Some(&record) {
                    Skip::Unchanged
                } else {
                    Skip::NewerHere
                }));
                continue;
            }
        };
        if added {
            report.added += 1;
        } else {
            report.updated += 1;
        }
        report.changes.push(Change {
            kind: record.kind(),
            article: record.article().to_string(),
            added,
        });
        changed.push(record);
    }
    crate::sort::sort_by_key(&mut report.skipped, |s| s.item);
    (report, changed)
}
