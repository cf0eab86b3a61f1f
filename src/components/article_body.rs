//! The story text: blocks of runs rendered as semantic HTML, always as text nodes (never as
//! HTML strings). Words that support a key fact carry `data-facts` so the sidebar can find them.

use leptos::prelude::*;
use reader_core::article::{Block, BlockKind, Run};

#[component]
pub fn ArticleBody(blocks: &'static [Block]) -> impl IntoView {
    view! { <div class="article-body">{group(blocks).into_iter().map(group_view).collect_view()}</div> }
}

/// Consecutive list items (of one kind) and quote paragraphs render inside one container.
enum Group {
    Single(usize, &'static Block),
    List(bool, Vec<(usize, &'static Block)>),
    Quote(Vec<(usize, &'static Block)>),
}

fn group(blocks: &'static [Block]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match (block.kind, groups.last_mut()) {
            (BlockKind::ListItem { ordered }, Some(Group::List(o, items))) if *o == ordered => {
                items.push((i, block))
            }
            (BlockKind::ListItem { ordered }, _) => {
                groups.push(Group::List(ordered, vec![(i, block)]))
            }
            (BlockKind::Quote, Some(Group::Quote(items))) => items.push((i, block)),
            (BlockKind::Quote, _) => groups.push(Group::Quote(vec![(i, block)])),
            _ => groups.push(Group::Single(i, block)),
        }
    }
    groups
}

fn group_view(group: Group) -> AnyView {
    match group {
        Group::Single(i, block) => block_view(i, block),
        Group::List(ordered, items) => {
            let items = items
                .into_iter()
                .map(|(i, b)| view! { <li data-block=i>{runs_view(&b.runs)}</li> })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Group::Quote(items) => view! {
            <blockquote>
                {items.into_iter().map(|(i, b)| view! { <p data-block=i>{runs_view(&b.runs)}</p> }).collect_view()}
            </blockquote>
        }
        .into_any(),
    }
}

fn block_view(i: usize, block: &'static Block) -> AnyView {
    let runs = runs_view(&block.runs);
    match block.kind {
        BlockKind::Heading(2) => view! { <h2 data-block=i>{runs}</h2> }.into_any(),
        BlockKind::Heading(3) => view! { <h3 data-block=i>{runs}</h3> }.into_any(),
        BlockKind::Heading(4) => view! { <h4 data-block=i>{runs}</h4> }.into_any(),
        BlockKind::Heading(5) => view! { <h5 data-block=i>{runs}</h5> }.into_any(),
        BlockKind::Heading(_) => view! { <h6 data-block=i>{runs}</h6> }.into_any(),
        BlockKind::Code => view! { <pre data-block=i><code>{runs}</code></pre> }.into_any(),
        BlockKind::Rule => view! { <hr /> }.into_any(),
        _ => view! { <p data-block=i>{runs}</p> }.into_any(),
    }
}

fn runs_view(runs: &'static [Run]) -> Vec<AnyView> {
    runs.iter().map(run_view).collect()
}

/// One run: its text wrapped in its marks, innermost first.
fn run_view(run: &'static Run) -> AnyView {
    let mut view = run.text.as_str().into_any();
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
        view = view! { <a href=href.as_str() rel="noopener noreferrer">{view}</a> }.into_any();
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
