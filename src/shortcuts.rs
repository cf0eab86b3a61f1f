//! Single-key keyboard shortcuts: the list shown in the help dialog, and the check every
//! handler makes first (turned on, no modifier, not typing in a field; WCAG 2.1.4).

use reader_core::settings::Settings;

use crate::dom::typing_in_field;

/// Keys and what they do, as the help dialog lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("j", "Next paragraph"),
    ("k", "Previous paragraph"),
    ("x", "Select the next sentence of the current paragraph"),
    ("Shift + ← / →", "Shrink or extend the selection by a word"),
    ("h", "Highlight the selection"),
    ("n", "Highlight the selection and add a note"),
    ("b", "Bookmark the current paragraph"),
    ("s", "Save the article to the reading list, or remove it"),
    ("/", "Search your highlights and notes"),
    ("t", "Next colour theme"),
    ("?", "Show this list"),
    (
        "Tab, Enter, Escape",
        "Move between highlights and controls, open, close",
    ),
];

/// The key of a single-key shortcut, or None when this key press is not one.
pub fn shortcut_key(event: &web_sys::KeyboardEvent, settings: &Settings) -> Option<String> {
    if !settings.shortcuts
        || event.ctrl_key()
        || event.meta_key()
        || event.alt_key()
        || typing_in_field(event)
    {
        return None;
    }
    Some(event.key())
}
