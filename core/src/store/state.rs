//! The reader's annotations in memory, with the queries the app needs and the merge rule:
//! records are matched by kind and id; the one with the later `modified` wins.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::records::{Bookmark, Highlight, ReadingPosition, Record, RecordKind, SavedArticle};

/// Everything the reader has made, by id (reading list and positions by article slug).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    pub highlights: BTreeMap<String, Highlight>,
    pub bookmarks: BTreeMap<String, Bookmark>,
    pub saved: BTreeMap<String, SavedArticle>,
    pub positions: BTreeMap<String, ReadingPosition>,
}

/// What [`Annotations::merge`] did with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeOutcome {
    /// No record had its id.
    Added,
    /// It replaced an older version.
    Updated,
    /// The version already held is the same or newer; nothing changed.
    Skipped,
}

impl Annotations {
    /// An article's highlights in text order.
    pub fn highlights_for(&self, slug: &str) -> Vec<&Highlight> {
        let mut list: Vec<&Highlight> = self
            .highlights
            .values()
            .filter(|h| h.article == slug)
            .collect();
        crate::sort::sort_by(&mut list, |a, b| {
            let (pa, pb) = (a.selectors.position, b.selectors.position);
            (pa.start, pa.end, &a.created, &a.id).cmp(&(pb.start, pb.end, &b.created, &b.id))
        });
        list
    }

    /// An article's bookmarks in paragraph order.
    pub fn bookmarks_for(&self, slug: &str) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self
            .bookmarks
            .values()
            .filter(|b| b.article == slug)
            .collect();
        crate::sort::sort_by(&mut list, |a, b| {
            (a.block, &a.created, &a.id).cmp(&(b.block, &b.created, &b.id))
        });
        list
    }

    pub fn is_saved(&self, slug: &str) -> bool {
        self.saved.contains_key(slug)
    }

    pub fn position(&self, slug: &str) -> Option<&ReadingPosition> {
        self.positions.get(slug)
    }

    /// Highlights whose quote, note or key-fact statement contains every word of `query`,
    /// ignoring case; most recently changed first. An empty query finds nothing.
    pub fn search(&self, query: &str) -> Vec<&Highlight> {
        let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<&Highlight> = self
            .highlights
            .values()
            .filter(|h| {
                let fact = h.fact.as_deref().unwrap_or_default();
                let text =
                    format!("{}\n{}\n{fact}", h.selectors.quote.exact, h.note).to_lowercase();
                terms.iter().all(|t| text.contains(t.as_str()))
            })
            .collect();
        crate::sort::sort_by(&mut found, |a, b| {
            b.modified.cmp(&a.modified).then(a.id.cmp(&b.id))
        });
        found
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many records there are, of every kind.
    pub fn len(&self) -> usize {
        self.highlights.len() + self.bookmarks.len() + self.saved.len() + self.positions.len()
    }

    /// The record of `kind` with `id`, if any.
    pub fn get(&self, kind: RecordKind, id: &str) -> Option<Record> {
        match kind {
            RecordKind::Highlight => self.highlights.get(id).cloned().map(Record::Highlight),
            RecordKind::Bookmark => self.bookmarks.get(id).cloned().map(Record::Bookmark),
            RecordKind::Saved => self.saved.get(id).cloned().map(Record::Saved),
            RecordKind::Position => self.positions.get(id).cloned().map(Record::Position),
        }
    }

    /// Every record, highlights first.
    pub fn records(&self) -> Vec<Record> {
        let h = self.highlights.values().cloned().map(Record::Highlight);
        let b = self.bookmarks.values().cloned().map(Record::Bookmark);
        let s = self.saved.values().cloned().map(Record::Saved);
        let p = self.positions.values().cloned().map(Record::Position);
        h.chain(b).chain(s).chain(p).collect()
    }

    /// Puts `record` in, replacing any record of its kind and id; returns the one replaced.
    pub fn insert(&mut self, record: Record) -> Option<Record> {
        match record {
            Record::Highlight(h) => self
                .highlights
                .insert(h.id.clone(), h)
                .map(Record::Highlight),
            Record::Bookmark(b) => self.bookmarks.insert(b.id.clone(), b).map(Record::Bookmark),
            Record::Saved(s) => self.saved.insert(s.article.clone(), s).map(Record::Saved),
            Record::Position(p) => self
                .positions
                .insert(p.article.clone(), p)
                .map(Record::Position),
        }
    }

    pub fn remove(&mut self, kind: RecordKind, id: &str) -> Option<Record> {
        match kind {
            RecordKind::Highlight => self.highlights.remove(id).map(Record::Highlight),
            RecordKind::Bookmark => self.bookmarks.remove(id).map(Record::Bookmark),
            RecordKind::Saved => self.saved.remove(id).map(Record::Saved),
            RecordKind::Position => self.positions.remove(id).map(Record::Position),
        }
    }

    /// Merges a version of a record made elsewhere (another tab, an import, a migration):
    /// added if new; replacing ours only if it is newer (see [`newer`]).
    pub fn merge(&mut self, record: Record) -> MergeOutcome {
        match self.get(record.kind(), record.id()) {
            None => {
                self.insert(record);
                MergeOutcome::Added
            }
            Some(ours) if newer(&record, &ours) => {
                self.insert(record);
                MergeOutcome::Updated
            }
            Some(_) => MergeOutcome::Skipped,
        }
    }
}

/// Whether `a` beats `b` (two versions of one record): the later `modified` wins; on a tie,
/// differing versions are ordered by their stored values so every tab picks the same winner.
pub fn newer(a: &Record, b: &Record) -> bool {
    match a.modified().cmp(b.modified()) {
        Ordering::Greater => true,
        Ordering::Less => false,
        Ordering::Equal => a != b && a.to_stored() > b.to_stored(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{bookmark, highlight, T0, T1};

    fn with_note(id: &str, note: &str, modified: &str) -> Record {
        let mut h = highlight(id);
        h.note = note.into();
        h.modified = modified.into();
        Record::Highlight(h)
    }

    #[test]
    fn later_modified_wins_and_older_is_skipped() {
        let mut state = Annotations::default();
        assert_eq!(
            state.merge(with_note("a", "first", T0)),
            MergeOutcome::Added
        );
        assert_eq!(
            state.merge(with_note("a", "second", T1)),
            MergeOutcome::Updated
        );
        assert_eq!(
            state.merge(with_note("a", "stale", T0)),
            MergeOutcome::Skipped
        );
        assert_eq!(
            state.merge(with_note("a", "second", T1)),
            MergeOutcome::Skipped
        );
        assert_eq!(state.highlights["a"].note, "second");
    }

    #[test]
    fn ties_pick_the_same_winner_in_either_order() {
        let (x, y) = (with_note("a", "x", T0), with_note("a", "y", T0));
        let mut one = Annotations::default();
        one.merge(x.clone());
        one.merge(y.clone());
        let mut two = Annotations::default();
        two.merge(y);
        two.merge(x);
        assert_eq!(one, two);
    }

    #[test]
    fn queries_filter_by_article_and_order() {
        let mut state = Annotations::default();
        let mut late = highlight("late");
        late.selectors.position.start = 9;
        late.selectors.position.end = 12;
        let mut other = highlight("other");
        other.article = "elsewhere".into();
        for h in [late, highlight("early"), other] {
            state.insert(Record::Highlight(h));
        }
        let ids: Vec<&str> = state
            .highlights_for("an-article")
            .iter()
            .map(|h| h.id.as_str())
            .collect();
        assert_eq!(ids, ["early", "late"]);
        let mut b2 = bookmark("b2");
        b2.block = 1;
        state.insert(Record::Bookmark(bookmark("b1")));
        state.insert(Record::Bookmark(b2));
        let ids: Vec<&str> = state
            .bookmarks_for("an-article")
            .iter()
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(ids, ["b2", "b1"]);
        assert!(state.bookmarks_for("elsewhere").is_empty());
        state.insert(Record::Saved(SavedArticle {
            article: "an-article".into(),
            saved_at: T0.into(),
        }));
        assert!(state.is_saved("an-article") && !state.is_saved("elsewhere"));
        state.insert(Record::Position(ReadingPosition {
            article: "an-article".into(),
            block: 4,
            updated: T1.into(),
        }));
        assert_eq!(state.position("an-article").map(|p| p.block), Some(4));
        assert_eq!(state.len(), 7);
        assert_eq!(state.records().len(), 7);
        assert!(state.remove(RecordKind::Saved, "an-article").is_some());
        assert!(!state.is_saved("an-article"));
    }

    #[test]
    fn search_matches_every_word_in_quote_or_note_ignoring_case() {
        let mut state = Annotations::default();
        state.insert(with_note("a", "Élan and RIVER", T0));
        state.insert(with_note("b", "", T1));
        let ids =
            |q: &str| -> Vec<String> { state.search(q).iter().map(|h| h.id.clone()).collect() };
        assert_eq!(ids("WORDS"), ["b", "a"]);
        assert_eq!(ids("river élan"), ["a"]);
        assert_eq!(ids("words river"), ["a"]);
        assert!(ids("absent").is_empty());
        assert!(ids("   ").is_empty());
    }
}
