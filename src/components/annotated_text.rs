//! Drawing text with its highlights: one annotatable part (a paragraph, or the caption) as
//! runs cut at highlight edges (`reader_core::highlight_layout`), each highlighted piece in a
//! `<mark>`. Text is always rendered as text nodes, never parsed as HTML.

use leptos::prelude::*;
use reader_core::article::Run;
use reader_core::early::{mark_class, on_top};
use reader_core::highlight_layout::{pieces, Span};

use crate::hooks::placement::Placement;

/// The highlights drawn on the page and the highlight the reader opened, shared by all parts.
#[derive(Clone, Copy)]
pub struct Drawing {
    pub placement: Memo<Placement>,
    pub opened: RwSignal<Option<String>>,
}

impl Drawing {
    /// The highlight after the one with `id` in the text, or else the one before it.
    pub fn neighbour(&self, id: &str) -> Option<String> {
        self.placement.with_untracked(|p| {
            let at = p.placed.iter().position(|x| x.highlight.id == id)?;
            p.placed
                .get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|i| p.placed.get(i)))
                .map(|x| x.highlight.id.clone())
        })
    }
}

/// The runs of part `part`, which starts at char `part_start` of the annotatable text.
pub fn annotated_runs(runs: Vec<Run>, part_start: usize, drawing: Drawing) -> impl IntoView {
    let part_end = part_start + runs.iter().map(|r| r.text.chars().count()).sum::<usize>();
    move || {
        let placement = drawing.placement.read();
        let here: Vec<_> = placement
            .placed
            .iter()
            .filter(|p| p.start < part_end && p.end > part_start)
            .collect();
        let spans: Vec<Span> = here
            .iter()
            .map(|p| Span {
                start: p.start,
                end: p.end,
            })
            .collect();
        let mut at = part_start;
        pieces(&runs, part_start, &spans)
            .into_iter()
            .map(|piece| {
                let piece_start = at;
                at += piece.text.chars().count();
                let content = run_view(&runs[piece.run], piece.text);
                // Where highlights overlap, the most recent one is drawn and opened.
                let Some(top) = on_top(piece.covered_by.iter().map(|&i| here[i])) else {
                    return content;
                };
                let h = &top.highlight;
                let id = h.id.clone();
                let first = piece_start == top.start;
                let class = mark_class(h);
                let open = move || drawing.opened.set(Some(id.clone()));
                let open_key = open.clone();
                // A click opens the highlight; a drag that selected words is a selection, and
                // the toolbar for it appears instead.
                let open_click = move || {
                    if !crate::hooks::selection::has_selection() {
                        open()
                    }
                };
                view! {
                    <mark
                        class=class
                        data-hl=h.id.clone()
                        id=first.then(|| format!("hl-{}", h.id))
                        tabindex=first.then_some("0")
                        aria-describedby=(first && !h.note.is_empty()).then(|| format!("note-{}", h.id))
                        on:click=move |_| open_click()
                        on:keydown=move |e| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                open_key();
                            }
                        }
                    >
                        {content}
                    </mark>
                }
                .into_any()
            })
            .collect_view()
    }
}

/// One run's text wrapped in its marks, innermost first. Words supporting a key fact carry
/// `data-facts` so the facts sidebar can find them.
fn run_view(run: &Run, text: String) -> AnyView {
    let mut view = text.into_any();
    if run.marks.code {
        view = view! { <code>{view}</code> }.into_any();
    }
    if run.marks.em {
        view = view! { <em>{view}</em> }.into_any();
    }
    if run.marks.strong {
        view = view! { <strong>{view}</strong> }.into_any();
    }
    if let Some(href) = &run.link {
        // A note's number or arrow is named for what it does.
        let label = run.note_link().map(crate::messages::note_link);
        view = view! { <a href=href.clone() aria-label=label rel="noopener noreferrer">{view}</a> }
            .into_any();
    }
    if !run.facts.is_empty() {
        let ids = run
            .facts
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        view = view! { <span class="fact-source" data-facts=ids tabindex="-1">{view}</span> }
            .into_any();
    }
    view
}
