//! The reader's settings as a shared signal: read once from local storage, applied to the
//! page as `data-*` attributes and CSS variables on `<html>`, saved on every change. A save
//! the browser refuses (its storage full, or not allowed) is told to the reader, announced once
//! and shown among the notices until a later change is saved (announced too): the settings
//! still apply until the tab is closed, but the next visit would silently lose them. Another
//! tab's change is taken here too, lest a change made here write back the others as this tab
//! had them.

use leptos::prelude::*;
use reader_core::settings::{Settings, SETTINGS_KEY};
use reader_core::store::KeyValue;

use crate::hooks::use_window_event;
use crate::storage::BrowserKv;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct ReadingSettings(pub RwSignal<Settings>);

/// Call once, in the app shell, after the store (failures to save are told through it).
pub fn provide_settings() {
    let store = crate::store::use_store();
    let settings = RwSignal::new(stored());
    // Whether the last save was refused (its notice, the only one about the settings, may have
    // been dismissed since).
    let mut refused = false;
    Effect::new(move |previous: Option<Settings>| {
        let now = settings.get();
        apply(&now);
        // Saved only when changed, so unreadable stored settings are not overwritten just by
        // opening the app; and not when stored already (another tab's, taken here). A failed
        // save keeps the settings for this visit.
        if previous.is_some_and(|p| p != now) {
            let saved = if stored() == now {
                Ok(())
            } else {
                BrowserKv.set(SETTINGS_KEY, &now.to_json())
            };
            // Said when it changes: the first failure, and a save after one (the reader made
            // room as told, its notice still shown or dismissed); not again at each step while
            // it keeps failing, nor at every save.
            match saved {
                Ok(()) => {
                    store.succeeded(SETTINGS_KEY);
                    if std::mem::take(&mut refused) {
                        store.announce(crate::messages::SETTINGS_SAVED.into());
                    }
                }
                Err(e) => {
                    refused = true;
                    store.still_failed(SETTINGS_KEY, crate::messages::settings_not_saved(&e));
                }
            }
        }
        now
    });
    // Another tab's change (`storage`), or one made while the browser kept this page for Back
    // (shown again, `pageshow`: WebKit drops the other tabs' events meanwhile).
    let take = move || {
        let now = stored();
        if settings.get_untracked() != now {
            settings.set(now);
        }
    };
    use_window_event("storage", false, move |e| {
        let key = e.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
        if key.as_deref() == Some(SETTINGS_KEY) {
            take();
        }
    });
    use_window_event("pageshow", false, move |_| take());
    provide_context(ReadingSettings(settings));
}

/// The settings as stored (the defaults for what is missing or unreadable).
#[inline(never)]
fn stored() -> Settings {
    let stored = BrowserKv.get(SETTINGS_KEY).ok().flatten();
    stored.as_deref().map(Settings::parse).unwrap_or_default()
}

pub fn use_settings() -> RwSignal<Settings> {
    expect_context::<ReadingSettings>().0
}

fn apply(s: &Settings) {
    let Some(html) = document().document_element() else {
        return;
    };
    for (name, value) in [
        ("data-theme", s.theme.value()),
        ("data-font", s.font.value()),
        ("data-spacing", s.spacing.value()),
        ("data-width", s.width.value()),
    ] {
        let _ = html.set_attribute(name, value);
    }
    let _ = html.set_attribute("style", &format!("--text-size: {}", s.text_size_css()));
}
