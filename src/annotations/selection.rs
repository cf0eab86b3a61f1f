//! The reader's text selection as char offsets in the article's annotatable text.
//!
//! Every annotatable element (the caption, each block) carries `data-part="<n>"` and holds only
//! that part's text, so a DOM point maps to `part start + chars before it within the part`.

use reader_core::anchoring::TextIndex;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

/// A selected passage: char offsets, and where it is on screen (viewport coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Selected {
    pub start: usize,
    pub end: usize,
    pub rect: (f64, f64, f64, f64),
}

/// The current selection inside `root`, trimmed of surrounding whitespace; None when nothing
/// annotatable is selected.
pub fn current(root: &Element, part_starts: &[usize], text: &TextIndex) -> Option<Selected> {
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
        rect: (r.left(), r.top(), r.width(), r.height()),
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

/// Clears the page's selection (after it became a highlight).
pub fn clear() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}
