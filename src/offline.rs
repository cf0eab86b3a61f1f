//! Working offline: registers the build's service worker (`sw.js`, generated at build time),
//! tells the reader when the app is ready offline, and offers a reload when a new version has
//! installed and is waiting. Only the tab whose reader asked reloads: other tabs (where a note
//! may be half typed) keep their page and go on offering the update.
//!
//! Articles beyond the offline budget are kept when first opened; the service worker says which
//! articles it keeps ([`KeptOffline`]), and the library can ask it to keep them all, keep one,
//! or let one go.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offline {
    /// No service worker in this browser, or it was refused.
    Unavailable,
    Preparing,
    Ready,
    /// A new version is installed and waits for the reader to reload.
    UpdateWaiting,
    /// The reader asked for the new version: it takes over, and this tab reloads, once the
    /// old worker has answered every request in progress (in every engine; a slow download
    /// holds it up).
    Updating,
    /// Still updating after [`UPDATE_SLOW`]: a download in progress holds the new version up.
    UpdateHeld,
}

/// How long an update may take before the reader is told what holds it up.
const UPDATE_SLOW: std::time::Duration = std::time::Duration::from_secs(3);

/// The reader of this tab chose "Reload to update".
#[derive(Clone, Copy)]
struct ReloadAsked(StoredValue<bool>);

/// The slugs of the articles the service worker keeps for offline use, as it last said (None
/// until it has: no service worker, or not yet).
#[derive(Clone, Copy)]
pub struct KeptOffline(pub RwSignal<Option<Vec<String>>>);

impl KeptOffline {
    /// Asks the service worker to keep every article.
    pub fn keep_all(self) {
        post(&"keep-all".into());
    }

    /// Asks the service worker to keep the article `slug`, or to let it go.
    pub fn set(self, slug: &str, keep: bool) {
        let message = js_sys::Object::new();
        let what = if keep { "keep" } else { "remove" };
        let _ = js_sys::Reflect::set(&message, &what.into(), &slug.into());
        post(&message);
    }
}

/// Sends `message` to the service worker that controls the page, if one does.
fn post(message: &wasm_bindgen::JsValue) {
    if let Some(worker) = window().navigator().service_worker().controller() {
        let _ = worker.post_message(message);
    }
}

/// Registers the service worker; the status is shared through context.
pub fn provide_offline() {
    let kept = KeptOffline(RwSignal::new(None));
    provide_context(kept);
    let status = RwSignal::new(Offline::Preparing);
    let asked = ReloadAsked(StoredValue::new(false));
    provide_context(status);
    provide_context(asked);
    if crate::dom::PRERENDERING {
        status.set(Offline::Unavailable);
        return;
    }
    let container = window().navigator().service_worker();
    if container.is_undefined() {
        status.set(Offline::Unavailable);
        return;
    }
    // A new worker took over: this tab loads the new build if its reader asked for it; other
    // tabs keep their page (and what is being typed there) and go on offering the update.
    listen(&container, "controllerchange", move || {
        if asked.0.get_value() {
            let _ = window().location().reload();
        } else {
            post(&"offline-status".into());
        }
    });
    // { offline: [slugs] }: the articles kept, after any change.
    let messages = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let slugs = js_sys::Reflect::get(&event, &"data".into())
            .and_then(|data| js_sys::Reflect::get(&data, &"offline".into()))
            .ok()
            .filter(js_sys::Array::is_array)
            .map(|list| {
                js_sys::Array::from(&list)
                    .iter()
                    .filter_map(|s| s.as_string())
                    .collect::<Vec<_>>()
            });
        if let Some(slugs) = slugs {
            kept.0.set(Some(slugs));
        }
    });
    // Set as `onmessage`, which also starts the delivery of messages.
    container.set_onmessage(Some(messages.as_ref().unchecked_ref()));
    messages.forget(); // lives as long as the app
    post(&"offline-status".into());
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("sw.js")).await else {
            status.set(Offline::Unavailable);
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let controlled = window().navigator().service_worker().controller().is_some();
        let offer = move || status.set(Offline::UpdateWaiting);
        if registration.waiting().is_some() && controlled {
            offer();
        } else if registration.active().is_some() && controlled {
            status.set(Offline::Ready);
        }
        // Follows a worker being installed, now or later, to Ready or to an update offer.
        let reg = registration.clone();
        let watch = move |worker: ServiceWorker| {
            let watched = worker.clone();
            let reg = reg.clone();
            listen(&worker, "statechange", move || match watched.state() {
                // An installed worker is a new version when another one is active. Asking
                // whether the page is controlled is not the same: WebKit may run this handler
                // after the first worker has already claimed the page, and a first visit
                // offered "A new version of the reader is ready".
                ServiceWorkerState::Installed
                    if reg.active().is_some_and(|active| active != watched) =>
                {
                    // The reader of this tab has asked for the new version, and a newer one
                    // came while a download held the update up: it replaced the one asked,
                    // which is gone, and takes over in its place without asking again.
                    if asked.0.get_value() {
                        let _ = watched.post_message(&"skip-waiting".into());
                    } else {
                        offer()
                    }
                }
                ServiceWorkerState::Activated
                    if !matches!(
                        status.get_untracked(),
                        Offline::UpdateWaiting | Offline::Updating | Offline::UpdateHeld
                    ) =>
                {
                    status.set(Offline::Ready)
                }
                _ => {}
            });
        };
        if let Some(worker) = registration.installing() {
            watch(worker);
        }
        let reg = registration.clone();
        listen(&registration, "updatefound", move || {
            if let Some(worker) = reg.installing() {
                watch(worker.clone());
            }
        });
    });
}

/// A line in the banner: ready offline, or a new version with a reload button, then what the
/// update is doing once asked for.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let status = expect_context::<RwSignal<Offline>>();
    let asked = expect_context::<ReloadAsked>();
    // One element of one type whatever it says, so that each change of its words is made in
    // place and a screen reader hears it (a live region drawn anew with its text is not
    // announced in every engine); one view type is also the least code.
    move || {
        let (class, words) = match status.get() {
            Offline::Ready => ("offline-status", "Ready to work offline"),
            Offline::UpdateWaiting => (
                "offline-status update",
                "A new version of the reader is ready. ",
            ),
            Offline::Updating => ("offline-status update", "Loading the new version…"),
            Offline::UpdateHeld => (
                "offline-status update",
                "The new version loads as soon as the downloads in progress finish…",
            ),
            Offline::Unavailable | Offline::Preparing => return None,
        };
        let button = (status.get_untracked() == Offline::UpdateWaiting)
            .then(|| update_button(status, asked));
        Some(view! { <p class=class role="status" tabindex="-1">{words}{button}</p> })
    }
}

/// The button that lets the new version take over. In the app it is a part of its module of
/// its own (see `parts.rs`), with what the click does: only a returning reader is offered an
/// update, and the part then comes from the service worker's cache. If it cannot be fetched,
/// the reader is told so, and it is fetched afresh the next time an update is offered.
fn update_button(status: RwSignal<Offline>, asked: ReloadAsked) -> impl IntoView {
    #[cfg(feature = "lazy")]
    return crate::parts::on_first_use(
        crate::messages::UPDATE_PART,
        || true,
        || (),
        move || lazy_update_button(status, asked),
    );
    #[cfg(not(feature = "lazy"))]
    view! { <UpdateButton status=status asked=asked /> }
}

#[cfg(feature = "lazy")]
#[leptos::wasm_split::wasm_split(update, wasm_split_path = ::leptos::wasm_split, fallible)]
fn lazy_update_button(
    status: RwSignal<Offline>,
    asked: ReloadAsked,
) -> Result<AnyView, crate::parts::PartNotLoaded> {
    Ok(view! { <UpdateButton status=status asked=asked /> }.into_any())
}

#[component]
fn UpdateButton(status: RwSignal<Offline>, asked: ReloadAsked) -> impl IntoView {
    let reload = move |ev: leptos::ev::MouseEvent| {
        // The button goes with this click: the keyboard focus moves to the line that says what
        // happens next (tabindex -1), not to the page's start.
        if let Some(line) = event_target::<web_sys::Element>(&ev)
            .parent_element()
            .and_then(|line| line.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = line.focus();
        }
        asked.0.set_value(true);
        status.set(Offline::Updating);
        set_timeout(
            move || {
                if status.get_untracked() == Offline::Updating {
                    status.set(Offline::UpdateHeld);
                }
            },
            UPDATE_SLOW,
        );
        // The worker waiting now, not the one that was waiting when the offer was made: a
        // newer one may have replaced it since.
        leptos::task::spawn_local(async move {
            let registration =
                JsFuture::from(window().navigator().service_worker().get_registration())
                    .await
                    .ok()
                    .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok());
            match registration.and_then(|r| r.waiting()) {
                // It takes over, and "controllerchange" reloads this tab.
                Some(worker) => {
                    let _ = worker.post_message(&"skip-waiting".into());
                }
                // Another tab's reader already let it take over: only this page is old.
                None => {
                    let _ = window().location().reload();
                }
            }
        });
    };
    view! { <button type="button" class="update-button" on:click=reload>"Reload to update"</button> }
}

fn listen(target: &web_sys::EventTarget, event: &str, handler: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget(); // lives as long as the app
}
