//! The lines under a title: byline (article page) or publication (library), date, reading time.

use leptos::prelude::*;
use reader_core::article::Article;

#[component]
pub fn ArticleMeta(article: &'static Article, with_byline: bool) -> impl IntoView {
    let minutes = article.reading_minutes();
    view! {
        {with_byline.then(|| view! { <p class="byline">"By "{article.byline.clone()}</p> })}
        <p class="article-meta">
            {(!with_byline).then(|| view! { <span class="publication">{article.publication.clone()}</span> })}
            <time datetime=article.date.iso()>{article.date.to_string()}</time>
            <span class="reading-time">{format!("{minutes} min read")}</span>
        </p>
    }
}
