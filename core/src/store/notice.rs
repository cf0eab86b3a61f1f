//! What the reader should be told about their stored data, as data: the app writes the
//! sentences (so they can be translated or restyled), the store says what happened.

use super::codec::Problem;
use super::kv::StoreError;
use super::records::RecordKind;

/// Something the reader should be told, once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Stored data could not be read. It was kept aside under `backup_key`; or, if that
    /// failed with `not_kept`, it was left where it was.
    Unreadable {
        what: Stored,
        problem: Problem,
        backup_key: Option<String>,
        not_kept: Option<StoreError>,
        raw: String,
    },
    /// Entries of version 1's blob could not be read (1-based positions); the blob is kept
    /// aside under `backup_key`.
    UnreadableV1 {
        entries: Vec<(usize, Problem)>,
        backup_key: String,
        raw: String,
    },
    /// The data was written by a newer version (this storage `version`): read-only here;
    /// `unreadable` of its records could not be shown by this version.
    ReadOnly { version: u32, unreadable: usize },
    /// Storage cannot be used: changes last only as long as the tab.
    Unavailable { error: StoreError },
    /// Upgrading version 1's data could not be finished (storage full): what was not stored
    /// yet is shown, kept in the blob (`raw`), and stored at the next change.
    MigrationIncomplete {
        error: StoreError,
        unreadable: Vec<(usize, Problem)>,
        raw: String,
    },
}

/// What stored data was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    Record(RecordKind),
    /// `reader:meta`, the note of which version the data is.
    Meta,
    /// Version 1's blob.
    Legacy,
    /// Any other key.
    Other(String),
}

/// The kinds of notice, for styling and grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Unreadable,
    ReadOnly,
    Unavailable,
    Migration,
}

impl Notice {
    pub fn kind(&self) -> NoticeKind {
        match self {
            Notice::Unreadable { .. } | Notice::UnreadableV1 { .. } => NoticeKind::Unreadable,
            Notice::ReadOnly { .. } => NoticeKind::ReadOnly,
            Notice::Unavailable { .. } => NoticeKind::Unavailable,
            Notice::MigrationIncomplete { .. } => NoticeKind::Migration,
        }
    }

    /// The data the notice is about, for the reader to download, if any.
    pub fn raw(&self) -> Option<&str> {
        match self {
            Notice::Unreadable { raw, .. }
            | Notice::UnreadableV1 { raw, .. }
            | Notice::MigrationIncomplete { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// Where that data was kept aside, if it was.
    pub fn backup_key(&self) -> Option<&str> {
        match self {
            Notice::Unreadable { backup_key, .. } => backup_key.as_deref(),
            Notice::UnreadableV1 { backup_key, .. } => Some(backup_key),
            _ => None,
        }
    }
}
