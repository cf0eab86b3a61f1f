//! The article's blocks on the page: each paragraph-like block carries `data-block="N"` (its
//! index in `Article::blocks`). One place finds block N and brings it to the reader, and tells
//! which block the reader is at.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{find, reveal};

/// How far below the top of the window a block must reach to count as in view (the banner
/// covers about this much).
const TOP_MARGIN: f64 = 80.0;

/// The element of block `block` in the story.
pub fn element(block: usize) -> Option<web_sys::HtmlElement> {
    find(&format!(".article-body [data-block=\"{block}\"]"))
}

/// Scrolls block `block` into view and moves focus to it; false if there is no such block.
pub fn reveal_block(block: usize) -> bool {
    match element(block) {
        Some(p) => {
            reveal(&p);
            true
        }
        None => false,
    }
}

/// The block holding focus or the selection, if any.
pub fn current() -> Option<usize> {
    let from_node = |node: Option<web_sys::Node>| -> Option<usize> {
        let mut node = node?;
        loop {
            if let Some(el) = node.dyn_ref::<web_sys::Element>() {
                if let Some(block) = el.get_attribute("data-block") {
                    return block.parse().ok();
                }
            }
            node = node.parent_node()?;
        }
    };
    let selection = window()
        .get_selection()
        .ok()
        .flatten()
        .and_then(|s| s.anchor_node());
    from_node(selection).or_else(|| from_node(document().active_element().map(Into::into)))
}

/// The first block whose bottom is below the top of the view.
pub fn first_visible() -> usize {
    let Ok(blocks) = document().query_selector_all(".article-body [data-block]") else {
        return 0;
    };
    for i in 0..blocks.length() {
        let Some(el) = blocks
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if el.get_bounding_client_rect().bottom() > TOP_MARGIN {
            return el
                .get_attribute("data-block")
                .and_then(|b| b.parse().ok())
                .unwrap_or(0);
        }
    }
    0
}

/// The block the reader is at: where focus or the selection is, else the first in view.
pub fn at_reader() -> usize {
    current().unwrap_or_else(first_visible)
}
