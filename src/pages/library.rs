//! The library: every bundled article with its publication, date, reading time and excerpt.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::articles;
use crate::components::ArticleMeta;
use crate::document::set_title;

#[component]
pub fn LibraryPage() -> impl IntoView {
    set_title("Library");
    let items = articles::all()
        .iter()
        .map(|article| {
            view! {
                <li class="library-item">
                    <article aria-labelledby=format!("title-{}", article.slug)>
                        <h2 class="library-title" id=format!("title-{}", article.slug)>
                            <A href=articles::href(article)>{article.title.clone()}</A>
                        </h2>
                        <ArticleMeta article=article with_byline=false />
                        <p class="library-excerpt">{article.excerpt()}</p>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="library">
            <h1 class="page-title">"Library"</h1>
            <p class="page-lede">{format!("{} bundled article(s), readable offline once loaded.", articles::all().len())}</p>
            <ul class="library-list">{items}</ul>
        </div>
    }
}
