//! The records the reader keeps: highlights (with an optional note), bookmarks, the reading
//! list and the reading position, and what makes one valid ([`Record::validate`]). How they
//! are stored is [`super::codec`]'s business, under which key [`super::keys`]'s. The serde
//! shapes here are the version 2 values, still read.
//!
//! Timestamps are RFC 3339 UTC strings made by the app ("2026-11-28T13:05:00.000Z"); they
//! compare as strings (see [`super::time`]).

use serde::{Deserialize, Serialize};

use super::time;
use crate::anchoring::Selectors;

/// A highlighted passage of an article, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    pub id: String,
    /// The article's slug.
    pub article: String,
    pub selectors: Selectors,
    #[serde(default)]
    pub color: Color,
    /// The reader's note, plain text (never interpreted as HTML); empty means none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Pinned as a key fact of the article: `Some` with the reader's short statement of it,
    /// empty when the highlighted words are the fact; `None` for a highlight only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    pub created: String,
    pub modified: String,
}

/// The longest statement of a key fact the editor takes, in characters: a line, not a note.
pub const MAX_FACT: usize = 200;

/// Highlight colours.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Color {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
}

const COLORS: [Color; 5] = [
    Color::Yellow,
    Color::Green,
    Color::Blue,
    Color::Pink,
    Color::Purple,
];

impl Color {
    /// Every colour, in the order the toolbar offers them.
    pub fn all() -> &'static [Color; 5] {
        &COLORS
    }

    /// The stored name, lowercase ("yellow"); also used in CSS classes.
    pub fn name(self) -> &'static str {
        match self {
            Color::Yellow => "yellow",
            Color::Green => "green",
            Color::Blue => "blue",
            Color::Pink => "pink",
            Color::Purple => "purple",
        }
    }

    /// The name shown to the reader ("Yellow").
    pub fn label(self) -> &'static str {
        match self {
            Color::Yellow => "Yellow",
            Color::Green => "Green",
            Color::Blue => "Blue",
            Color::Pink => "Pink",
            Color::Purple => "Purple",
        }
    }

    /// A colour from its name, ignoring case and surrounding space.
    pub fn from_name(name: &str) -> Option<Color> {
        let name = name.trim();
        COLORS
            .iter()
            .copied()
            .find(|c| c.name().eq_ignore_ascii_case(name))
    }

    /// The colour as CSS (the light theme's, `style/main.css`): "#fde68a".
    pub fn css(self) -> &'static str {
        match self {
            Color::Yellow => "#fde68a",
            Color::Green => "#bbf7d0",
            Color::Blue => "#bfdbfe",
            Color::Pink => "#fbcfe8",
            Color::Purple => "#ddd6fe",
        }
    }

    /// The Web Annotation `styleClass` of the target: "highlight-yellow".
    pub fn style_class(self) -> String {
        format!("highlight-{}", self.name())
    }

    /// The colour of a `styleClass` made by [`Color::style_class`].
    pub fn from_style_class(class: &str) -> Option<Color> {
        class
            .split_whitespace()
            .find_map(|c| c.strip_prefix("highlight-").and_then(Color::from_name))
    }
}

/// A bookmarked paragraph (block index in `Article::blocks`), with an optional label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub article: String,
    pub block: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The paragraph's opening words when it was bookmarked, to name it by (empty if unknown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub excerpt: String,
    pub created: String,
    pub modified: String,
}

/// An article on the reading list; one per article, keyed by its slug.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedArticle {
    pub article: String,
    pub saved_at: String,
}

/// Where the reader last was in an article (block index); one per article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPosition {
    pub article: String,
    pub block: usize,
    pub updated: String,
}

/// The kinds of record, each with its own key space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Highlight,
    Bookmark,
    /// Reading list entry; its id is the article slug.
    Saved,
    /// Reading position; its id is the article slug.
    Position,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Highlight,
        RecordKind::Bookmark,
        RecordKind::Saved,
        RecordKind::Position,
    ];
}

/// Any one stored record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Highlight(Highlight),
    Bookmark(Bookmark),
    Saved(SavedArticle),
    Position(ReadingPosition),
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Highlight(_) => RecordKind::Highlight,
            Record::Bookmark(_) => RecordKind::Bookmark,
            Record::Saved(_) => RecordKind::Saved,
            Record::Position(_) => RecordKind::Position,
        }
    }

    /// The record's id within its kind (the slug for reading list and position).
    pub fn id(&self) -> &str {
        match self {
            Record::Highlight(h) => &h.id,
            Record::Bookmark(b) => &b.id,
            Record::Saved(s) => &s.article,
            Record::Position(p) => &p.article,
        }
    }

    /// The article the record belongs to.
    pub fn article(&self) -> &str {
        match self {
            Record::Highlight(h) => &h.article,
            Record::Bookmark(b) => &b.article,
            Record::Saved(s) => &s.article,
            Record::Position(p) => &p.article,
        }
    }

    /// The record as it is for the article `slug` (a reader's article put back at another
    /// slug); a reading list entry's or position's id, the slug, moves with it.
    pub fn moved_to(mut self, slug: &str) -> Record {
        let article = match &mut self {
            Record::Highlight(h) => &mut h.article,
            Record::Bookmark(b) => &mut b.article,
            Record::Saved(s) => &mut s.article,
            Record::Position(p) => &mut p.article,
        };
        *article = slug.to_string();
        self
    }

    /// When it last changed; the later one wins when two versions meet.
    pub fn modified(&self) -> &str {
        match self {
            Record::Highlight(h) => &h.modified,
            Record::Bookmark(b) => &b.modified,
            Record::Saved(s) => &s.saved_at,
            Record::Position(p) => &p.updated,
        }
    }

    /// Every timestamp of the record, by name.
    fn times(&self) -> Vec<(TimeField, &str)> {
        match self {
            Record::Highlight(h) => vec![
                (TimeField::Created, h.created.as_str()),
                (TimeField::Modified, h.modified.as_str()),
            ],
            Record::Bookmark(b) => vec![
                (TimeField::Created, b.created.as_str()),
                (TimeField::Modified, b.modified.as_str()),
            ],
            Record::Saved(s) => vec![(TimeField::Saved, s.saved_at.as_str())],
            Record::Position(p) => vec![(TimeField::Updated, p.updated.as_str())],
        }
    }

    /// Every timestamp of the record, to change.
    pub(crate) fn times_mut(&mut self) -> Vec<&mut String> {
        match self {
            Record::Highlight(h) => vec![&mut h.created, &mut h.modified],
            Record::Bookmark(b) => vec![&mut b.created, &mut b.modified],
            Record::Saved(s) => vec![&mut s.saved_at],
            Record::Position(p) => vec![&mut p.updated],
        }
    }

    /// Makes this the version changed at `time`.
    pub(crate) fn set_modified(&mut self, time: String) {
        match self {
            Record::Highlight(h) => h.modified = time,
            Record::Bookmark(b) => b.modified = time,
            Record::Saved(s) => s.saved_at = time,
            Record::Position(p) => p.updated = time,
        }
    }

    /// Checks what the schema requires beyond the JSON shape.
    pub fn validate(&self) -> Result<(), Invalid> {
        check_id(Field::Id, self.id())?;
        check_id(Field::Article, self.article())?;
        for (field, value) in self.times() {
            if !time::is_canonical(value) {
                return Err(Invalid::Time {
                    field,
                    value: value.to_string(),
                });
            }
        }
        match self {
            Record::Highlight(h) => {
                if h.selectors.quote.exact.is_empty() {
                    return Err(Invalid::Empty(Field::Quote));
                }
                let p = h.selectors.position;
                if p.start > p.end {
                    return Err(Invalid::Inverted {
                        start: p.start,
                        end: p.end,
                    });
                }
            }
            Record::Bookmark(Bookmark { block, .. })
            | Record::Position(ReadingPosition { block, .. })
                if *block > MAX_BLOCK =>
            {
                return Err(Invalid::BlockBeyond { block: *block });
            }
            _ => {}
        }
        Ok(())
    }
}

/// The highest paragraph (block) index a bookmark or reading position may name: far beyond
/// any real article, and small enough that counting from it never overflows.
pub const MAX_BLOCK: usize = 1_000_000;

/// Why a record is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// The field is empty.
    Empty(Field),
    /// The field holds control characters.
    ControlCharacters(Field),
    /// A time is not in the stored form.
    Time { field: TimeField, value: String },
    /// The position starts after it ends.
    Inverted { start: usize, end: usize },
    /// The paragraph number is beyond [`MAX_BLOCK`].
    BlockBeyond { block: usize },
}

/// A field of a record named in an [`Invalid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Article,
    Quote,
}

/// A record's timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeField {
    Created,
    Modified,
    /// When an article was put on the reading list.
    Saved,
    /// When a reading position was last moved.
    Updated,
}

fn check_id(field: Field, id: &str) -> Result<(), Invalid> {
    if id.is_empty() {
        Err(Invalid::Empty(field))
    } else if id.chars().any(char::is_control) {
        Err(Invalid::ControlCharacters(field))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;

    #[test]
    fn colours_have_names_labels_and_style_classes() {
        assert_eq!(Color::all().len(), 5);
        assert_eq!(Color::default(), Color::Yellow);
        for &c in Color::all() {
            assert_eq!(Color::from_name(c.name()), Some(c));
            assert_eq!(Color::from_name(c.label()), Some(c));
            assert_eq!(Color::from_style_class(&c.style_class()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.name())
            );
        }
        assert_eq!(
            Color::from_style_class("x highlight-pink"),
            Some(Color::Pink)
        );
        assert_eq!(Color::from_name("mauve"), None);
    }

    #[test]
    fn a_record_moved_to_another_article_is_that_articles_and_otherwise_the_same() {
        use crate::store::fixtures::bookmark;
        let saved = Record::Saved(SavedArticle {
            article: "own-a".into(),
            saved_at: "2026-12-05T01:00:00.000Z".into(),
        });
        let position = Record::Position(ReadingPosition {
            article: "own-a".into(),
            block: 3,
            updated: "2026-12-05T01:00:00.000Z".into(),
        });
        for record in [
            Record::Highlight(highlight("h-1")),
            Record::Bookmark(bookmark("b-1")),
            saved,
            position,
        ] {
            let moved = record.clone().moved_to("own-a-2");
            assert_eq!(moved.article(), "own-a-2");
            assert_eq!(moved.kind(), record.kind());
            assert_eq!(moved.modified(), record.modified());
            match record.kind() {
                RecordKind::Saved | RecordKind::Position => assert_eq!(moved.id(), "own-a-2"),
                _ => assert_eq!(moved.id(), record.id()),
            }
            assert_eq!(moved.moved_to(record.article()), record);
        }
    }

    #[test]
    fn empty_note_is_left_out_of_the_json_and_read_back_as_empty() {
        let h = highlight("h-1");
        let json = serde_json::to_string(&h).unwrap();
        assert!(!json.contains("note"));
        assert_eq!(serde_json::from_str::<Highlight>(&json).unwrap(), h);
    }

    #[test]
    fn validation_names_the_problem() {
        let mut h = highlight("h-1");
        assert_eq!(Record::Highlight(h.clone()).validate(), Ok(()));
        h.selectors.position.start = 11;
        assert_eq!(
            Record::Highlight(h.clone()).validate(),
            Err(Invalid::Inverted { start: 11, end: 10 })
        );
        h.id = String::new();
        assert_eq!(
            Record::Highlight(h.clone()).validate(),
            Err(Invalid::Empty(Field::Id))
        );
        h.id = "h-1".into();
        h.modified = "zzz".into();
        assert_eq!(
            Record::Highlight(h).validate(),
            Err(Invalid::Time {
                field: TimeField::Modified,
                value: "zzz".into()
            })
        );
    }
}
