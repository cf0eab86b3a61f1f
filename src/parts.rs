//! Parts of the app's module loaded on first use. With the feature `lazy` (the app's own
//! module, see `index.html`), each `#[wasm_split]` function below its caller is split off after
//! linking by `scripts/build/bin/wasm-bindgen` into a part of its own, fetched the first time
//! it is called (from the service worker's cache once installed). Split functions are
//! `fallible`: a part that cannot be fetched (offline before the service worker kept it, a
//! new version deployed meanwhile) is an error to tell the reader, not a panic, and calling
//! again fetches it afresh.

/// The `<meta name>` by which a prerendered page names the parts the app fetches before it takes
/// the page over (`content`: their names, as in `#[wasm_split(name)]`, separated by spaces). The
/// page's loader fetches their files beside the app's module (scripts/build/split.mjs,
/// `fetchEarly`), rather than once the app has started and asks; the app waits for them
/// (start.rs). Literals, so that the app's selector is one too.
#[cfg(any(feature = "ssr", feature = "lazy"))]
macro_rules! meta {
    () => {
        "reader-parts"
    };
}
/// The library page's part (`lazy_library` in pages/library.rs).
#[cfg(any(feature = "ssr", feature = "lazy"))]
macro_rules! library {
    () => {
        "library"
    };
}
#[cfg(feature = "ssr")]
pub const META: &str = meta!();
#[cfg(feature = "ssr")]
pub const LIBRARY: &str = library!();
/// Matches the `<meta>` of a page that names the library's part.
#[cfg(feature = "lazy")]
pub const NAMES_LIBRARY: &str = concat!(
    "meta[name=\"",
    meta!(),
    "\"][content~=\"",
    library!(),
    "\"]"
);

/// A part of the app's module could not be fetched.
#[cfg(feature = "lazy")]
pub struct PartNotLoaded;

#[cfg(feature = "lazy")]
impl From<leptos::wasm_split::SplitLoaderError> for PartNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartNotLoaded
    }
}

/// What the parts in use share: the part that could not be fetched last, said at the foot of
/// the window until dismissed (one notice, however many places asked for the part), how many
/// fetches failed (the notice carries the count, so a failure is seen to have been handled even
/// when the notice already says it), and a count of the parts fetched, so that a place whose
/// part could not be fetched draws it once another place has fetched it.
#[cfg(feature = "lazy")]
#[derive(Clone, Copy)]
struct Parts {
    failed: leptos::prelude::RwSignal<Option<&'static str>>,
    failures: leptos::prelude::RwSignal<u32>,
    fetched: leptos::prelude::RwSignal<u32>,
}

#[cfg(feature = "lazy")]
impl Parts {
    /// The part for `what` is here: a notice that it could not be fetched goes.
    fn fetched(self, what: &'static str) {
        use leptos::prelude::*;
        if self.failed.get_untracked() == Some(what) {
            self.failed.try_set(None);
        }
        self.fetched.try_update(|n| *n += 1);
    }

    /// The part for `what` could not be fetched: said at the foot of the window.
    fn not_fetched(self, what: &'static str) {
        use leptos::prelude::*;
        self.failed.try_set(Some(what));
        self.failures.try_update(|n| *n += 1);
    }
}

/// For a part called to do something rather than to draw (deleting one of the reader's
/// articles): tells the reader, as a part drawn on first use does (see [`failure_notice`]),
/// whether the part for `what` came. Take it where the context is (a component), call it
/// after the part's function returned.
#[cfg(feature = "lazy")]
pub fn outcome() -> impl Fn(&'static str, bool) + Copy {
    let parts = leptos::prelude::expect_context::<Parts>();
    move |what, came| {
        if came {
            parts.fetched(what)
        } else {
            parts.not_fetched(what)
        }
    }
}

/// Shares the notice of a part that could not be fetched, and draws it. Call once, in the shell,
/// before anything that uses a part.
pub fn failure_notice() -> impl leptos::IntoView {
    #[cfg(feature = "lazy")]
    return {
        use leptos::prelude::*;
        let parts = Parts {
            failed: RwSignal::new(None),
            failures: RwSignal::new(0),
            fetched: RwSignal::new(0),
        };
        provide_context(parts);
        move || {
            parts.failed.get().map(|what| {
                view! {
                    <div class="part-not-loaded floating" role="alert" data-failures=move || parts.failures.get()>
                        <p>{crate::messages::part_not_loaded(what)}</p>
                        <button type="button" class="link-button" on:click=move |_| parts.failed.set(None)>"Dismiss"</button>
                    </div>
                }
            })
        }
    };
    #[cfg(not(feature = "lazy"))]
    ()
}

/// Draws a part from the first time `wanted` is true on: `load` calls its split function. Until
/// the part is here nothing is drawn. If it cannot be fetched, `undo` takes back what asked for
/// it (closes the dialog that was opening), the reader is told that `what` could not be
/// loaded (see [`failure_notice`]), and it is fetched afresh the next time `wanted` is true or
/// once any part has been fetched elsewhere.
#[cfg(feature = "lazy")]
pub fn on_first_use<Fut>(
    what: &'static str,
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    undo: impl Fn() + Copy + Send + Sync + 'static,
    load: impl Fn() -> Fut + Send + Sync + 'static,
) -> impl leptos::IntoView
where
    Fut: std::future::Future<Output = Result<leptos::prelude::AnyView, PartNotLoaded>>
        + Send
        + 'static,
{
    use leptos::prelude::*;
    let drawn = RwSignal::new(false);
    let parts = expect_context::<Parts>();
    Effect::new(move |_| {
        parts.fetched.track();
        if wanted() && !drawn.get_untracked() {
            drawn.set(true);
        }
    });
    move || {
        drawn.get().then(|| {
            let loading = load();
            Suspend::new(async move {
                match loading.await {
                    Ok(view) => {
                        parts.fetched(what);
                        view
                    }
                    Err(PartNotLoaded) => {
                        undo();
                        drawn.try_set(false);
                        parts.not_fetched(what);
                        ().into_any()
                    }
                }
            })
        })
    }
}
