//! Where an article's stored highlights are on the page now: each one anchored in the current
//! text, or listed as could-not-place (never dropped).

use reader_core::anchoring::TextIndex;
use reader_core::store::Highlight;

#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub highlight: Highlight,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    /// In document order.
    pub placed: Vec<Placed>,
    /// Highlights whose words could not be found in the current text.
    pub orphans: Vec<Highlight>,
}

/// The `performance.measure` entry each placement leaves in the browser, for
/// `./scripts/bench.sh` to read (a user-timing entry; nothing else looks at it).
pub const MEASURE: &str = "reader:place-highlights";

pub fn place(text: &TextIndex, highlights: impl IntoIterator<Item = Highlight>) -> Placement {
    if !crate::dom::PRERENDERING {
        timing::mark("reader:place-highlights:start");
    }
    let placement = place_all(text, highlights);
    if !crate::dom::PRERENDERING {
        timing::measure(MEASURE, "reader:place-highlights:start");
    }
    placement
}

fn place_all(text: &TextIndex, highlights: impl IntoIterator<Item = Highlight>) -> Placement {
    let mut placement = Placement::default();
    for highlight in highlights {
        match text.anchor(&highlight.selectors) {
            Some(anchor) => placement.placed.push(Placed {
                start: anchor.start,
                end: anchor.end,
                highlight,
            }),
            None => placement.orphans.push(highlight),
        }
    }
    placement.placed.sort_by(|a, b| {
        (a.start, a.end, &a.highlight.created).cmp(&(b.start, b.end, &b.highlight.created))
    });
    placement
}

mod timing {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = mark)]
        pub fn mark(name: &str);
        /// Records the time from the latest mark `start` until now as entry `name`.
        #[wasm_bindgen(js_namespace = performance, js_name = measure)]
        pub fn measure(name: &str, start: &str);
    }
}
