//! The story text: blocks rendered as semantic HTML, each an annotatable part
//! (`data-part`) drawn with its highlights by `annotated_text`. Block N is `#p-N` (links land
//! on it, with or without the app) and carries `data-block="N"`; a bookmarked one is marked.

use leptos::prelude::*;
use reader_core::article::{Article, Block, BlockKind, BodyImage};

use super::annotated_text::{annotated_runs, Drawing};
use crate::store::use_store;

#[component]
pub fn ArticleBody(article: &'static Article, drawing: Drawing) -> impl IntoView {
    let store = use_store();
    let slug = article.slug.as_str();
    // Bookmarked paragraphs show a marker (and their label as a tooltip).
    Effect::new(move |before: Option<Vec<(usize, String)>>| {
        let now: Vec<(usize, String)> = store.with(|s| {
            s.bookmarks_for(slug)
                .into_iter()
                .map(|b| (b.block, b.label.clone()))
                .collect()
        });
        for (block, _) in before.iter().flatten() {
            if let Some(p) = crate::blocks::element(*block) {
                let _ = p.remove_attribute("data-bookmarked");
            }
        }
        for (block, label) in &now {
            if let Some(p) = crate::blocks::element(*block) {
                let said = if label.is_empty() {
                    "Bookmarked"
                } else {
                    label.as_str()
                };
                let _ = p.set_attribute("data-bookmarked", said);
            }
        }
        now
    });
    let starts = article.annotatable_part_starts();
    let part = |i: usize| (article.part_of_block(i), starts[article.part_of_block(i)]);
    let images = article.images.as_slice();
    // Links within the article name its page (see `Block::runs_on_page`).
    let page = crate::routes::article(slug);
    let groups = group(&article.blocks)
        .into_iter()
        .map(|g| group_view(g, &part, &page, images, drawing))
        .collect_view();
    view! { <div class="article-body">{groups}</div> }
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

type PartOf<'a> = &'a dyn Fn(usize) -> (usize, usize);

fn group_view(
    group: Group,
    part: PartOf,
    page: &str,
    images: &'static [BodyImage],
    drawing: Drawing,
) -> AnyView {
    match group {
        Group::Single(i, block) => block_view(i, block, part, page, images, drawing),
        Group::List(ordered, items) => {
            let items = items
                .into_iter()
                .map(|(i, b)| {
                    let (p, start) = part(i);
                    view! { <li id=format!("p-{i}") data-block=i data-part=p>{annotated_runs(b.runs_on_page(page), start, drawing)}</li> }
                })
                .collect_view();
            if ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
        Group::Quote(items) => {
            let paragraphs = items
                .into_iter()
                .map(|(i, b)| {
                    let (p, start) = part(i);
                    view! { <p id=format!("p-{i}") data-block=i data-part=p>{annotated_runs(b.runs_on_page(page), start, drawing)}</p> }
                })
                .collect_view();
            view! { <blockquote>{paragraphs}</blockquote> }.into_any()
        }
    }
}

fn block_view(
    i: usize,
    block: &'static Block,
    part: PartOf,
    page: &str,
    images: &'static [BodyImage],
    drawing: Drawing,
) -> AnyView {
    let (p, start) = part(i);
    let runs = annotated_runs(block.runs_on_page(page), start, drawing);
    match block.kind {
        BlockKind::Heading(2) => {
            view! { <h2 id=format!("p-{i}") data-block=i data-part=p>{runs}</h2> }.into_any()
        }
        BlockKind::Heading(3) => {
            view! { <h3 id=format!("p-{i}") data-block=i data-part=p>{runs}</h3> }.into_any()
        }
        BlockKind::Heading(4) => {
            view! { <h4 id=format!("p-{i}") data-block=i data-part=p>{runs}</h4> }.into_any()
        }
        BlockKind::Heading(5) => {
            view! { <h5 id=format!("p-{i}") data-block=i data-part=p>{runs}</h5> }.into_any()
        }
        BlockKind::Heading(_) => {
            view! { <h6 id=format!("p-{i}") data-block=i data-part=p>{runs}</h6> }.into_any()
        }
        BlockKind::Code => {
            view! { <pre id=format!("p-{i}") data-block=i><code data-part=p>{runs}</code></pre> }
                .into_any()
        }
        BlockKind::Rule => view! { <hr id=format!("p-{i}") data-block=i /> }.into_any(),
        BlockKind::Figure { image } => {
            let image = images.get(usize::from(image)).cloned().unwrap_or_default();
            // The kept image, or its words where the page did not hold it (nothing is fetched).
            let shown = if image.src.is_empty() {
                view! {
                    <div class="figure-fallback">
                        <p class="figure-fallback-title">{crate::messages::IMAGE_NOT_SAVED}</p>
                        <p>{image.alt}</p>
                    </div>
                }
                .into_any()
            } else {
                view! { <img src=image.src alt=image.alt decoding="async" /> }.into_any()
            };
            let caption = (!block.runs.is_empty())
                .then(|| view! { <figcaption data-part=p>{runs}</figcaption> });
            view! {
                <figure class="body-figure" id=format!("p-{i}") data-block=i>
                    {shown}
                    {caption}
                </figure>
            }
            .into_any()
        }
        _ => view! { <p id=format!("p-{i}") data-block=i data-part=p>{runs}</p> }.into_any(),
    }
}
