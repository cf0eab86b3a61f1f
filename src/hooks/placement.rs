//! Where an article's stored highlights are on the page now (`reader_core::placement`): each
//! one anchored in the current text, or listed as could-not-place (never dropped). Highlights
//! whose exact words are gone are looked for in the background, a few milliseconds at a time,
//! so that even thousands of them never hold up the page; each slice draws what it found.

use leptos::prelude::*;
use reader_core::anchoring::TextIndex;
use reader_core::placement::Placer;
pub use reader_core::placement::{Placed, Placement};

use crate::store::StoreHandle;

/// The `performance.measure` entry each placement leaves in the browser, for
/// `./scripts/bench.sh` to read (a user-timing entry; nothing else looks at it).
pub const MEASURE: &str = "reader:place-highlights";

/// One slice of background work stops after this long, leaving the rest of a frame (16 ms)
/// to the browser.
const SLICE_MS: f64 = 8.0;

/// The placement of article `slug`'s highlights in `text`, kept up to date.
pub fn use_placement(
    store: StoreHandle,
    slug: &'static str,
    text: StoredValue<TextIndex<'static>>,
) -> Memo<Placement> {
    let placer = StoredValue::new(Placer::default());
    let worked = RwSignal::new(0u64);
    let placement = Memo::new(move |_| {
        worked.track();
        let highlights = store.with(|s| {
            s.highlights_for(slug)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        });
        if !crate::dom::PRERENDERING {
            timing::mark("reader:place-highlights:start");
        }
        let mut placement = Placement::default();
        text.with_value(|t| placer.update_value(|p| placement = p.place(t, highlights)));
        if !crate::dom::PRERENDERING {
            timing::measure(MEASURE, "reader:place-highlights:start");
        }
        placement
    });
    if !crate::dom::PRERENDERING {
        let scheduled = StoredValue::new(false);
        Effect::new(move |_| {
            let pending = placement.with(|p| p.pending.clone());
            if pending.is_empty() || scheduled.get_value() {
                return;
            }
            scheduled.set_value(true);
            set_timeout(
                move || {
                    let start = js_sys::Date::now();
                    let mut out_of_time = || js_sys::Date::now() - start > SLICE_MS;
                    // The reader may have left the article since this slice was scheduled: its
                    // text is gone with the page then, and nothing is done (writes to what is
                    // gone do nothing).
                    text.try_with_value(|t| {
                        placer.update_value(|p| {
                            p.work(t, &pending, &mut out_of_time);
                        })
                    });
                    scheduled.set_value(false);
                    worked.update(|n| *n += 1);
                },
                std::time::Duration::ZERO,
            );
        });
    }
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
