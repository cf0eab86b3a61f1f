//! Parts of the app's module loaded on first use. With the feature `lazy` (the app's own
//! module, see `index.html`), each `#[wasm_split]` function below its caller is split off after
//! linking by `scripts/build/bin/wasm-bindgen` into a part of its own, fetched the first time
//! it is called (from the service worker's cache once installed). Split functions are
//! `fallible`: a part that cannot be fetched (offline before the service worker kept it, a
//! new version deployed meanwhile) is an error to tell the reader, not a panic, and calling
//! again fetches it afresh.

/// A part of the app's module could not be fetched.
#[cfg(feature = "lazy")]
pub struct PartNotLoaded;

#[cfg(feature = "lazy")]
impl From<leptos::wasm_split::SplitLoaderError> for PartNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartNotLoaded
    }
}

/// Draws a part from the first time `wanted` is true on: `load` calls its split function. Until
/// the part is here nothing is drawn. If it cannot be fetched, `undo` takes back what asked for
/// it (closes the dialog that was opening), the reader is told that `what` could not be
/// loaded, and the next time `wanted` is true it is fetched afresh.
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
    let failed = RwSignal::new(false);
    Effect::new(move |_| {
        if wanted() {
            drawn.set(true);
        }
    });
    let part = move || {
        drawn.get().then(|| {
            let loading = load();
            Suspend::new(async move {
                match loading.await {
                    Ok(view) => {
                        failed.try_set(false);
                        view
                    }
                    Err(PartNotLoaded) => {
                        undo();
                        drawn.try_set(false);
                        failed.try_set(true);
                        ().into_any()
                    }
                }
            })
        })
    };
    view! {
        {part}
        {move || failed.get().then(|| view! {
            <div class="part-not-loaded floating" role="alert">
                <p>{crate::messages::part_not_loaded(what)}</p>
                <button type="button" class="link-button" on:click=move |_| failed.set(false)>"Dismiss"</button>
            </div>
        })}
    }
}
