//! The lines under a title: byline (article page) or publication (library), date, reading time.

use leptos::prelude::*;
use reader_core::pub_date::PubDate;

/// `byline` is shown on the article's page, `publication` in the library.
#[component]
pub fn ArticleMeta(
    #[prop(optional)] byline: Option<String>,
    #[prop(optional)] publication: Option<String>,
    date: PubDate,
    minutes: usize,
) -> impl IntoView {
    let byline = byline.filter(|b| !b.is_empty());
    let publication = publication.filter(|p| !p.is_empty());
    view! {
        {byline.map(|b| view! { <p class="byline">"By "{b}</p> })}
        <p class="article-meta">
            {publication.map(|p| view! { <span class="publication">{p}</span> })}
            <time datetime=date.iso()>{date.to_string()}</time>
            <span class="reading-time">{format!("{minutes} min read")}</span>
        </p>
    }
}
