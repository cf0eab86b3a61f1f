//! One article: header, figure and body in the reading column, key facts beside it.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::articles;
use crate::components::{ArticleBody, ArticleFigure, ArticleMeta, FactsSidebar};
use crate::document::set_title;
use crate::pages::NotFound;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        match articles::by_slug(&slug) {
            Some(article) => {
                set_title(&article.title);
                view! {
                    <div class="article-layout">
                        <article class="article" aria-labelledby="article-title">
                            <header class="article-header">
                                <p class="article-kicker">{article.publication.clone()}</p>
                                <h1 id="article-title" class="article-title">{article.title.clone()}</h1>
                                {article.standfirst.clone().map(|s| view! { <p class="article-standfirst">{s}</p> })}
                                <ArticleMeta article=article with_byline=true />
                            </header>
                            {article.photo.clone().map(|photo| view! { <ArticleFigure photo=photo /> })}
                            <ArticleBody blocks=&article.blocks />
                        </article>
                        <FactsSidebar facts=&article.facts />
                    </div>
                }
                .into_any()
            }
            None => view! { <NotFound missing=slug /> }.into_any(),
        }
    }
}
