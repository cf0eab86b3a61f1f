//! The reading settings dialog: text size, line spacing, column width, typeface, theme and
//! keyboard shortcuts. A modal `<dialog>`: focus stays inside, Escape closes, focus returns.

use leptos::prelude::*;
use reader_core::settings::{Font, Settings, Spacing, Theme, Width, TEXT_SIZES};

use super::modal::Modal;
use crate::reading_settings::use_settings;

#[component]
pub fn SettingsDialog(open: RwSignal<bool>) -> impl IntoView {
    let settings = use_settings();
    view! {
        <Modal open=open title="Reading settings" id="settings-dialog">
            <div class="setting">
                <label for="text-size">"Text size"</label>
                <input
                    id="text-size"
                    type="range"
                    min="0"
                    max=(TEXT_SIZES.len() - 1).to_string()
                    step="1"
                    prop:value=move || settings.get().text_size.to_string()
                    aria-valuetext=move || format!("{} of {}", settings.get().text_size + 1, TEXT_SIZES.len())
                    on:input=move |e| {
                        if let Ok(n) = event_target_value(&e).parse::<usize>() {
                            settings.update(|s| s.text_size = n.min(TEXT_SIZES.len() - 1));
                        }
                    }
                />
            </div>
            {choices("Line spacing", "spacing", Spacing::ALL, |s| s.spacing, |s, v| s.spacing = v, Spacing::label, Spacing::value)}
            {choices("Column width", "width", Width::ALL, |s| s.width, |s, v| s.width = v, Width::label, Width::value)}
            {choices("Typeface", "font", Font::ALL, |s| s.font, |s, v| s.font = v, Font::label, Font::value)}
            {choices("Theme", "theme", Theme::ALL, |s| s.theme, |s, v| s.theme = v, Theme::label, Theme::value)}
            <div class="setting">
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || settings.get().shortcuts
                        on:change=move |e| settings.update(|s| s.shortcuts = event_target_checked(&e))
                    />
                    " Single-key keyboard shortcuts (press ? for the list)"
                </label>
            </div>
            <button type="button" class="link-button" on:click=move |_| settings.set(Settings::default())>
                "Reset to defaults"
            </button>
        </Modal>
    }
}

/// A group of radio buttons for one choice setting.
fn choices<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    name: &'static str,
    all: &'static [T],
    get: fn(&Settings) -> T,
    set: fn(&mut Settings, T),
    label: fn(T) -> &'static str,
    value: fn(T) -> &'static str,
) -> impl IntoView {
    let settings = use_settings();
    view! {
        <fieldset class="setting">
            <legend>{legend}</legend>
            <div class="choices">
                {all
                    .iter()
                    .map(|&choice| {
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=name
                                    value=value(choice)
                                    prop:checked=move || get(&settings.get()) == choice
                                    on:change=move |_| settings.update(|s| set(s, choice))
                                />
                                " "
                                {label(choice)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
