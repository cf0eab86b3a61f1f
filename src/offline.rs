//! Working offline: registers the build's service worker (`sw.js`, generated at build time),
//! tells the reader when the app is ready offline, and offers a reload when a new version has
//! installed and is waiting. Only the tab whose reader asked reloads: other tabs (where a note
//! may be half typed) keep their page and go on offering the update.

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
}

#[derive(Clone)]
struct Waiting(StoredValue<Option<ServiceWorker>, LocalStorage>);

/// The reader of this tab chose "Reload to update".
#[derive(Clone, Copy)]
struct ReloadAsked(StoredValue<bool>);

/// Registers the service worker; the status is shared through context.
pub fn provide_offline() {
    let status = RwSignal::new(Offline::Preparing);
    let waiting = Waiting(StoredValue::new_local(None));
    let asked = ReloadAsked(StoredValue::new(false));
    provide_context(status);
    provide_context(waiting.clone());
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
        }
    });
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("sw.js")).await else {
            status.set(Offline::Unavailable);
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let controlled = window().navigator().service_worker().controller().is_some();
        let offer = {
            let waiting = waiting.clone();
            move |worker: ServiceWorker| {
                waiting.0.set_value(Some(worker));
                status.set(Offline::UpdateWaiting);
            }
        };
        if let Some(worker) = registration.waiting().filter(|_| controlled) {
            offer(worker);
        } else if registration.active().is_some() && controlled {
            status.set(Offline::Ready);
        }
        // Follows a worker being installed, now or later, to Ready or to an update offer.
        let watch = move |worker: ServiceWorker| {
            let watched = worker.clone();
            listen(&worker, "statechange", move || match watched.state() {
                // With a page already controlled, an installed worker is a new version.
                ServiceWorkerState::Installed
                    if window().navigator().service_worker().controller().is_some() =>
                {
                    offer(watched.clone())
                }
                ServiceWorkerState::Activated
                    if status.get_untracked() != Offline::UpdateWaiting =>
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

/// A line in the banner: ready offline, or a new version with a reload button.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let status = expect_context::<RwSignal<Offline>>();
    let waiting = expect_context::<Waiting>();
    let asked = expect_context::<ReloadAsked>();
    let reload = move |_| {
        asked.0.set_value(true);
        match waiting.0.get_value() {
            // Still waiting: it takes over, and "controllerchange" reloads this tab.
            Some(worker) if worker.state() == ServiceWorkerState::Installed => {
                let _ = worker.post_message(&"skip-waiting".into());
            }
            // Another tab's reader already let it take over: only this page is old.
            _ => {
                let _ = window().location().reload();
            }
        }
    };
    move || {
        match status.get() {
        Offline::Ready => Some(view! { <p class="offline-status" role="status">"Ready to work offline"</p> }.into_any()),
        Offline::UpdateWaiting => Some(
            view! {
                <div class="offline-status update" role="status">
                    "A new version of the reader is ready. "
                    <button type="button" class="update-button" on:click=reload>"Reload to update"</button>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
    }
}

fn listen(target: &web_sys::EventTarget, event: &str, handler: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget(); // lives as long as the app
}
