//! The keyboard shortcuts, listed in a dialog opened with `?`.

use leptos::prelude::*;

use super::modal::Modal;
use crate::keymap;

#[component]
pub fn HelpDialog(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Modal open=open title="Keyboard shortcuts" id="help-dialog">
            <p class="modal-hint">
                "Shortcuts are single keys; they never act while you type in a field, and can be turned off in Reading settings."
            </p>
            <dl class="shortcut-list">
                {keymap::help_rows()
                    .map(|(keys, what)| view! { <dt><kbd>{keys}</kbd></dt><dd>{what}</dd> })
                    .collect_view()}
            </dl>
        </Modal>
    }
}
