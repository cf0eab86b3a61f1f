//! The keyboard: one table of keys, what each does and how the help names it. The app's
//! dispatchers (the shell's, [`crate::hooks::article_keys`]) ask [`action`] what a key press
//! means, and the help dialog lists [`KEYMAP`]: the help can never drift from what the keys do.
//!
//! Single-key shortcuts never act while the reader types in a field, with a modifier held, or
//! when the reader switched them off (WCAG 2.1.4); Shift + arrows and Tab are the selection's
//! own and always work.

use reader_core::settings::Settings;
use reader_core::store::Color;

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
    HighlightIn(Color),
    /// Moves focus into the highlight toolbar.
    ToolbarFocus,
    HighlightWithNote,
    /// Pins the selection as a key fact.
    PinFact,
    Bookmark,
    ToggleSaved,
    Search,
    NextTheme,
    Help,
    Undo,
}

/// One row of the keymap.
pub struct Key {
    /// The `KeyboardEvent.key` values that ask for the action.
    pub keys: &'static [&'static str],
    /// Shift must be held.
    pub shift: bool,
    /// Ctrl (⌘ on a Mac) must be held.
    pub ctrl: bool,
    /// Works even with single-key shortcuts switched off (not a single character key).
    pub always: bool,
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
        ctrl: false,
        always: true,
        label: "Shift + ← / →",
        what: "Shrink or extend the selection by a word",
        action: Some(Action::ShrinkSelection),
    },
    Key {
        keys: &["ArrowRight"],
        shift: true,
        ctrl: false,
        always: true,
        label: "",
        what: "",
        action: Some(Action::ExtendSelection),
    },
    Key {
        keys: &["Tab"],
        shift: false,
        ctrl: false,
        always: true,
        label: "Tab, with a selection",
        what: "Move into the highlight toolbar (colours, note, key fact, bookmark)",
        action: Some(Action::ToolbarFocus),
    },
    key(
        &["h"],
        "h",
        "Highlight the selection in yellow",
        Action::Highlight,
    ),
    key(
        &["1"],
        "1 – 5",
        "Highlight the selection in yellow, green, blue, pink or purple",
        Action::HighlightIn(Color::Yellow),
    ),
    colour(&["2"], Color::Green),
    colour(&["3"], Color::Blue),
    colour(&["4"], Color::Pink),
    colour(&["5"], Color::Purple),
    key(
        &["n"],
        "n",
        "Highlight the selection and add a note",
        Action::HighlightWithNote,
    ),
    key(
        &["f"],
        "f",
        "Pin the selection as a key fact",
        Action::PinFact,
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
        keys: &["z", "Z"],
        shift: false,
        ctrl: true,
        always: true,
        label: "Ctrl + Z (⌘ + Z)",
        what: "Undo deleting a highlight or removing a bookmark",
        action: Some(Action::Undo),
    },
    Key {
        keys: &[],
        shift: false,
        ctrl: false,
        always: false,
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
        ctrl: false,
        always: false,
        label,
        what,
        action: Some(action),
    }
}

/// A key that highlights in `color`, listed with `1`.
const fn colour(keys: &'static [&'static str], color: Color) -> Key {
    Key {
        keys,
        shift: false,
        ctrl: false,
        always: false,
        label: "",
        what: "",
        action: Some(Action::HighlightIn(color)),
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
    if event.alt_key() || typing_in_field(event) {
        return None;
    }
    let pressed = event.key();
    let (shift, ctrl) = (event.shift_key(), event.ctrl_key() || event.meta_key());
    KEYMAP.iter().find_map(|k| {
        let matches = k.keys.contains(&pressed.as_str())
            && (!k.shift || shift)
            && k.ctrl == ctrl
            && (k.always || settings.shortcuts);
        matches.then_some(k.action).flatten()
    })
}
