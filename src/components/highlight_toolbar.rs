//! The small toolbar beside a text selection: highlight in a colour, highlight with a note, pin
//! the words as a key fact, or bookmark the paragraph. Keyboard: `1`–`5` highlight in a colour,
//! `h` in yellow, `n` with a note, `f` as a key fact; Tab from the story moves into the toolbar.
//!
//! It goes below the selected words when it fits there, above them when not, always inside the
//! window and never over the words (unless they fill the window); it follows them as the page
//! scrolls.

use leptos::prelude::*;
use reader_core::store::Color;
use wasm_bindgen::JsCast;

use crate::components::show_if;
use crate::hooks::selection::{self, Rect, Selected};
use crate::hooks::use_document_event;

/// What the reader asked for on the current selection.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SelectionAction {
    Highlight(Color),
    HighlightWithNote,
    PinFact,
    Bookmark,
}

/// Space kept between the toolbar and the selected words, and from the window's edges.
const GAP: f64 = 8.0;

/// Where a toolbar of `size` goes for a selection at `words`, in a window of `view` (all in
/// viewport coordinates): its top-left corner.
pub fn place(words: Rect, size: (f64, f64), view: (f64, f64)) -> (f64, f64) {
    let (width, height) = size;
    let (view_width, view_height) = view;
    // `max` then `min`, not `clamp`: clamp's panic message (for bounds out of order or NaN)
    // formats floats, and that formatting alone was 13 KB of the module.
    let x = (words.left + words.width / 2.0 - width / 2.0)
        .max(GAP)
        .min((view_width - width - GAP).max(GAP));
    let below = words.top + words.height + GAP;
    let above = words.top - GAP - height;
    let y = if below + height + GAP <= view_height {
        below
    } else if above >= GAP {
        above
    } else {
        // The words fill the window: the edge with more of the window free.
        let room_below = view_height - (words.top + words.height).min(view_height);
        if room_below >= words.top.max(0.0) {
            view_height - height - GAP
        } else {
            GAP
        }
    };
    (x, y.max(GAP).min((view_height - height - GAP).max(GAP)))
}

#[component]
pub fn HighlightToolbar(
    selected: RwSignal<Option<Selected>>,
    on_action: Callback<SelectionAction>,
) -> impl IntoView {
    let toolbar = NodeRef::<leptos::html::Div>::new();
    // Scrolling and resizing move the words: the toolbar follows.
    let moved = RwSignal::new(0u32);
    use_document_event("scroll", move |_| moved.update(|n| *n = n.wrapping_add(1)));
    if !crate::dom::PRERENDERING {
        let resize = window_event_listener(leptos::ev::resize, move |_| {
            moved.update(|n| *n = n.wrapping_add(1))
        });
        on_cleanup(move || resize.remove());
    }
    Effect::new(move |_| {
        moved.track();
        let (Some(sel), Some(el)) = (selected.get(), toolbar.get()) else {
            return;
        };
        let words = selection::live_rect().unwrap_or(sel.rect);
        let size = (f64::from(el.offset_width()), f64::from(el.offset_height()));
        let window = window();
        let dimension = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        let view = (
            dimension(window.inner_width()).unwrap_or(1024.0),
            dimension(window.inner_height()).unwrap_or(768.0),
        );
        let (x, y) = place(words, size, view);
        // Whole pixels, formatted as integers (no float formatting in the app).
        let (x, y) = (x.round() as i32, y.round() as i32);
        let _ = el.set_attribute("style", &format!("left: {x}px; top: {y}px"));
    });
    // Buttons act on mousedown-preserved selection: keep the selection when pressed.
    let keep_selection = |e: web_sys::MouseEvent| e.prevent_default();
    view! {
        {show_if(
            move || selected.get().is_some(),
            move || view! {
                <div
                    class="hl-toolbar"
                    role="toolbar"
                    aria-label="Highlight the selection"
                    node_ref=toolbar
                    on:focusout=move |e: web_sys::FocusEvent| left(e, selected)
                >
                    {Color::all()
                        .iter()
                        .enumerate()
                        .map(|(i, &color)| {
                            let name = color.label().to_ascii_lowercase();
                            view! {
                                <button
                                    type="button"
                                    class=format!("swatch hl-{}", color.name())
                                    aria-label=format!("Highlight {name}")
                                    title=format!("Highlight {name} ({})", i + 1)
                                    on:mousedown=keep_selection
                                    on:click=move |_| on_action.run(SelectionAction::Highlight(color))
                                ></button>
                            }
                        })
                        .collect_view()}
                    <button
                        type="button"
                        class="toolbar-text"
                        title="Highlight and add a note (n)"
                        on:mousedown=keep_selection
                        on:click=move |_| on_action.run(SelectionAction::HighlightWithNote)
                    >
                        "Note"
                    </button>
                    <button
                        type="button"
                        class="toolbar-text"
                        title="Pin as a key fact (f)"
                        on:mousedown=keep_selection
                        on:click=move |_| on_action.run(SelectionAction::PinFact)
                    >
                        "Key fact"
                    </button>
                    <button
                        type="button"
                        class="toolbar-text"
                        title="Bookmark this paragraph (b)"
                        on:mousedown=keep_selection
                        on:click=move |_| on_action.run(SelectionAction::Bookmark)
                    >
                        "Bookmark"
                    </button>
                </div>
            },
            ViewFn::default(),
        )}
    }
}

/// Focus left the toolbar: where the words are no longer selected (WebKit collapses the
/// selection when a button takes focus), the toolbar goes with them.
fn left(e: web_sys::FocusEvent, selected: RwSignal<Option<Selected>>) {
    let within = |node: &web_sys::Node| {
        e.current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|toolbar| toolbar.contains(Some(node)))
    };
    let still_inside = e
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| within(&n));
    let collapsed = window()
        .get_selection()
        .ok()
        .flatten()
        .is_none_or(|s| s.is_collapsed());
    if !still_inside && collapsed {
        selected.set(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: (f64, f64) = (340.0, 44.0);
    const VIEW: (f64, f64) = (1280.0, 900.0);

    fn words(top: f64, height: f64) -> Rect {
        Rect {
            left: 400.0,
            top,
            width: 300.0,
            height,
        }
    }

    #[test]
    fn below_the_words_when_it_fits_there() {
        let (x, y) = place(words(200.0, 40.0), SIZE, VIEW);
        assert_eq!((x, y), (380.0, 248.0));
    }

    #[test]
    fn above_the_words_near_the_bottom_of_the_window() {
        let w = words(860.0, 22.0);
        let (_, y) = place(w, SIZE, VIEW);
        assert_eq!(y, 860.0 - GAP - 44.0);
        assert!(y + SIZE.1 <= w.top, "not over the words");
        // At phone size too.
        let (_, y) = place(words(815.0, 47.0), SIZE, (390.0, 844.0));
        assert!(y + SIZE.1 <= 815.0 && y >= 0.0);
    }

    #[test]
    fn always_inside_the_window() {
        for top in [-500.0, -10.0, 0.0, 5.0, 400.0, 880.0, 899.0, 2000.0] {
            for left in [-100.0, 0.0, 1200.0, 5000.0] {
                let w = Rect {
                    left,
                    top,
                    width: 50.0,
                    height: 20.0,
                };
                for view in [VIEW, (390.0, 844.0)] {
                    let (x, y) = place(w, SIZE, view);
                    assert!(x >= 0.0 && y >= 0.0, "{w:?} in {view:?}");
                    assert!(y + SIZE.1 <= view.1, "{w:?} in {view:?}");
                    assert!(
                        x + SIZE.0 <= view.0.max(SIZE.0 + 2.0 * GAP),
                        "{w:?} in {view:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_filling_the_window_leave_it_at_an_edge() {
        let (_, y) = place(words(-300.0, 1500.0), SIZE, VIEW);
        assert!(y == VIEW.1 - SIZE.1 - GAP || y == GAP);
    }
}
