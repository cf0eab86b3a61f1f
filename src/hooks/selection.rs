//! The reader's text selection as char offsets in the article's annotatable text
//! ([`use_selection`]), and ways to make one from the keyboard.
//!
//! Every annotatable element (the caption, each block) carries `data-part="<n>"` and holds only
//! that part's text, so a DOM point maps to `part start + chars before it within the part`.

use leptos::prelude::*;
use reader_core::anchoring::TextIndex;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

use super::use_document_event;

/// Where something is on screen, in viewport coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// A selected passage: char offsets, and where it is on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Selected {
    pub start: usize,
    pub end: usize,
    pub rect: Rect,
}

/// The selection inside `root` (the article), kept up to date as the reader selects.
pub fn use_selection(
    root: NodeRef<leptos::html::Article>,
    part_starts: StoredValue<Vec<usize>>,
    text: StoredValue<TextIndex<'static>>,
) -> RwSignal<Option<Selected>> {
    let selected = RwSignal::new(None::<Selected>);
    use_document_event("selectionchange", move |_| {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let now = text.with_value(|t| part_starts.with_value(|starts| current(&root, starts, t)));
        // Keyboard focus moved into the selection's toolbar: WebKit collapses the selection
        // there, but the words chosen are still the ones the toolbar acts on.
        if now.is_none() && focus_in_toolbar() {
            return;
        }
        if now != selected.get_untracked() {
            selected.set(now);
        }
    });
    selected
}

/// Whether keyboard focus is inside the selection toolbar.
pub fn focus_in_toolbar() -> bool {
    let active = document().active_element();
    crate::dom::find(".hl-toolbar").is_some_and(|toolbar| {
        let toolbar: &web_sys::Node = &toolbar;
        toolbar.contains(active.as_ref().map(|a| a.as_ref()))
    })
}

/// The current selection inside `root`, trimmed of surrounding whitespace; None when nothing
/// annotatable is selected.
fn current(root: &Element, part_starts: &[usize], text: &TextIndex) -> Option<Selected> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let parts = root.query_selector_all("[data-part]").ok()?;
    let (mut start, mut end) = (None, None);
    for i in 0..parts.length() {
        let Some(part) = parts.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if !range.intersects_node(&part).unwrap_or(false) {
            continue;
        }
        let Some(base) = part
            .get_attribute("data-part")
            .and_then(|p| p.parse::<usize>().ok())
            .and_then(|p| part_starts.get(p).copied())
        else {
            continue;
        };
        let part_node: &Node = part.as_ref();
        if start.is_none() {
            let container = range.start_container().ok()?;
            let within = if part_node.contains(Some(&container)) {
                chars_before(&part, &container, range.start_offset().ok()?)?
            } else {
                0
            };
            start = Some(base + within);
        }
        let container = range.end_container().ok()?;
        let within = if part_node.contains(Some(&container)) {
            chars_before(&part, &container, range.end_offset().ok()?)?
        } else {
            part.text_content().unwrap_or_default().chars().count()
        };
        end = Some(base + within);
    }
    let (start, end) = trim(text, start?, end?)?;
    let r = range.get_bounding_client_rect();
    Some(Selected {
        start,
        end,
        rect: Rect {
            left: r.left(),
            top: r.top(),
            width: r.width(),
            height: r.height(),
        },
    })
}

/// Chars of `part`'s text before the DOM point (`node`, `offset`).
fn chars_before(part: &Element, node: &Node, offset: u32) -> Option<usize> {
    let before: Range = leptos::prelude::document().create_range().ok()?;
    before.select_node_contents(part).ok()?;
    before.set_end(node, offset).ok()?;
    Some(String::from(before.to_string()).chars().count())
}

/// Narrows `start..end` to exclude whitespace at either edge; None if nothing is left.
fn trim(text: &TextIndex, start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let selected = text.slice(start, end);
    let lead = selected.chars().take_while(|c| c.is_whitespace()).count();
    let trail = selected
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let (start, end) = (start + lead, end.saturating_sub(trail));
    (start < end).then_some((start, end))
}

/// Where the selected words are on screen now (they move as the page scrolls).
pub fn live_rect() -> Option<Rect> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let r = selection.get_range_at(0).ok()?.get_bounding_client_rect();
    Some(Rect {
        left: r.left(),
        top: r.top(),
        width: r.width(),
        height: r.height(),
    })
}

/// Whether the reader has selected some text (a drag, not a click).
pub fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// Clears the page's selection (after it became a highlight).
pub fn clear() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}

/// Grows or shrinks the page's selection by a word (`direction` is "forward" or "backward").
pub fn extend_by_word(direction: &str) {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.modify("extend", direction, "word");
    }
}

/// Selects the sentence after the current selection within `part` (or its first sentence),
/// wrapping to the first after the last: a way to select text without a pointer.
pub fn select_next_sentence(part: &Element) {
    let text = part.text_content().unwrap_or_default();
    let sentences = sentences(&text);
    if sentences.is_empty() {
        return;
    }
    let after = web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .filter(|s| !s.is_collapsed())
        .and_then(|s| {
            let node = s.focus_node()?;
            let part_node: &Node = part.as_ref();
            part_node
                .contains(Some(&node))
                .then(|| chars_before(part, &node, s.focus_offset()))?
        });
    let (start, end) = match after {
        Some(at) => sentences
            .iter()
            .copied()
            .find(|&(s, _)| s >= at)
            .unwrap_or(sentences[0]),
        None => sentences[0],
    };
    select_chars(part, start, end);
}

/// Sentence spans (in chars) of `text`: ends after `.`, `!` or `?` (and closing quotes)
/// followed by whitespace.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let mut end = i + 1;
        if matches!(chars[i], '.' | '!' | '?') {
            while end < chars.len() && matches!(chars[end], '"' | '\'' | '”' | '’' | ')') {
                end += 1;
            }
            if end == chars.len() || chars[end].is_whitespace() {
                out.push((start, end));
                start = end;
                while start < chars.len() && chars[start].is_whitespace() {
                    start += 1;
                }
                i = start;
                continue;
            }
        }
        i = end;
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

/// Selects chars `start..end` of `part`'s text.
fn select_chars(part: &Element, start: usize, end: usize) {
    let Some(walker) = leptos::prelude::document()
        .create_tree_walker_with_what_to_show(part, 4)
        .ok()
    else {
        return;
    };
    let (mut at, mut from, mut to) = (0usize, None, None);
    while let Ok(Some(node)) = walker.next_node() {
        let data = node.text_content().unwrap_or_default();
        let len = data.chars().count();
        let utf16 =
            |chars: usize| data.chars().take(chars).map(char::len_utf16).sum::<usize>() as u32;
        if from.is_none() && start < at + len {
            from = Some((node.clone(), utf16(start - at)));
        }
        if to.is_none() && end <= at + len {
            to = Some((node.clone(), utf16(end - at)));
            break;
        }
        at += len;
    }
    if let (Some((a, ao)), Some((b, bo)), Some(Ok(Some(selection)))) =
        (from, to, web_sys::window().map(|w| w.get_selection()))
    {
        let _ = selection.set_base_and_extent(&a, ao, &b, bo);
    }
}
