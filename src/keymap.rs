//! The keyboard: one table of keys, what each does and how the help names it. The app's
//! dispatchers (the shell's, [`crate::hooks::article_keys`]) ask [`action`] what a key press
//! means, and the help dialog lists [`KEYMAP`]: the help can never drift from what the keys do.
//!
//! Single-key shortcuts never act while the reader types in a field, with a modifier held, or
//! when the reader switched them off (WCAG 2.1.4); keys with Shift are a selection's own.

use reader_core::settings::Settings;

use crate::dom::typing_in_field;

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    NextParagraph,
    PreviousParagraph,
    SelectNextSentence,
    ExtendSelection,
    ShrinkSelection,
    Highlight,
    HighlightWithNote,
    Bookmark,
    ToggleSaved,
    Search,
    NextTheme,
    Help,
}

/// One row of the keymap.
pub struct Key {
    /// The `KeyboardEvent.key` values that ask for the action.
    pub keys: &'static [&'static str],
    /// Shift must be held (and the single-key switch does not apply).
    pub shift: bool,
    /// How the help shows the keys.
    pub label: &'static str,
    /// What they do, as the help says it.
    pub what: &'static str,
    /// `None` for rows that only describe the browser's own keys.
    pub action: Option<Action>,
}

/// Every key, in the order the help lists them.
pub const KEYMAP: &[Key] = &[
    key(&["j"], "j", "Next paragraph", Action::NextParagraph),
    key(&["k"], "k", "Previous paragraph", Action::PreviousParagraph),
    key(
        &["x"],
        "x",
        "Select the next sentence of the current paragraph",
        Action::SelectNextSentence,
    ),
    Key {
        keys: &["ArrowLeft"],
        shift: true,
        label: "Shift + ← / →",
        what: "Shrink or extend the selection by a word",
        action: Some(Action::ShrinkSelection),
    },
    Key {
        keys: &["ArrowRight"],
        shift: true,
        label: "",
        what: "",
        action: Some(Action::ExtendSelection),
    },
    key(&["h"], "h", "Highlight the selection", Action::Highlight),
    key(
        &["n"],
        "n",
        "Highlight the selection and add a note",
        Action::HighlightWithNote,
    ),
    key(
        &["b"],
        "b",
        "Bookmark the current paragraph",
        Action::Bookmark,
    ),
    key(
        &["s"],
        "s",
        "Save the article to the reading list, or remove it",
        Action::ToggleSaved,
    ),
    key(
        &["/"],
        "/",
        "Search your highlights and notes",
        Action::Search,
    ),
    key(&["t"], "t", "Next colour theme", Action::NextTheme),
    key(&["?"], "?", "Show this list", Action::Help),
    Key {
        keys: &[],
        shift: false,
        label: "Tab, Enter, Escape",
        what: "Move between highlights and controls, open, close",
        action: None,
    },
];

const fn key(
    keys: &'static [&'static str],
    label: &'static str,
    what: &'static str,
    action: Action,
) -> Key {
    Key {
        keys,
        shift: false,
        label,
        what,
        action: Some(action),
    }
}

/// The rows the help lists (a row without a label continues the one before).
pub fn help_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    KEYMAP
        .iter()
        .filter(|k| !k.label.is_empty())
        .map(|k| (k.label, k.what))
}

/// What this key press asks for, if anything.
pub fn action(event: &web_sys::KeyboardEvent, settings: &Settings) -> Option<Action> {
    if event.ctrl_key() || event.meta_key() || event.alt_key() || typing_in_field(event) {
        return None;
    }
    let pressed = event.key();
    let shift = event.shift_key();
    KEYMAP.iter().find_map(|k| {
        let matches = k.keys.contains(&pressed.as_str())
            && (!k.shift || shift)
            && (k.shift || settings.shortcuts);
        matches.then_some(k.action).flatten()
    })
}
