//! Leptos' `Show`, with what it shows erased: each `<Show>` is a copy of Leptos' render code
//! for its own children's type; every `show_if` shares one (the app's thirteen `Show`s made
//! `show_if`s took 827 bytes brotli off the main module).

use leptos::prelude::*;

/// `children` while `when` holds, else `fallback`; each drawn again only when `when` changes
/// (it is a memo, as `Show`'s is: reference-counted, not owned by the component, so a last run
/// of the view after the page it was on is gone still reads it; an owned `Memo` panicked there,
/// in WebKit, once in a fresh clone's run).
pub fn show_if(
    when: impl Fn() -> bool + Send + Sync + 'static,
    children: impl Into<ViewFn>,
    fallback: impl Into<ViewFn>,
) -> impl IntoView {
    shown(
        ArcMemo::new(move |_| when()),
        children.into(),
        fallback.into(),
    )
}

fn shown(when: ArcMemo<bool>, children: ViewFn, fallback: ViewFn) -> impl IntoView {
    move || {
        if when.get() {
            children.run()
        } else {
            fallback.run()
        }
    }
}
