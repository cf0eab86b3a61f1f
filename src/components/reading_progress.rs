//! How far the reader is through the story: a bar at the top of the window and, beside the
//! story, the share read and the estimated minutes left.

use leptos::prelude::*;
use reader_core::article::Article;

use crate::hooks::use_document_event;

#[component]
pub fn ReadingProgress(article: &'static Article) -> impl IntoView {
    let percent = RwSignal::new(0u32);
    let measure = move || {
        let Some(body) = crate::dom::find(".article-body") else {
            return;
        };
        let rect = body.get_bounding_client_rect();
        let view = window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0);
        // 0% when the story's top reaches the top of the view, 100% when its end is in view.
        let span = (rect.height() - view).max(1.0);
        #[allow(
            clippy::manual_clamp,
            reason = "clamp's panic message formats floats: 13 KB of the module (highlight_toolbar.rs)"
        )]
        let done = (-rect.top() / span).max(0.0).min(1.0);
        let p = (done * 100.0).round() as u32;
        // Also measured after the next frame (below), which may come once the reader has left
        // the article and its signal is gone: then nothing is done.
        if percent.try_get_untracked().is_some_and(|was| was != p) {
            percent.try_set(p);
        }
    };
    use_document_event("scroll", move |_| measure());
    crate::dom::after_render(measure);
    let minutes = article.reading_minutes();
    let left = move || {
        let remaining = (minutes as f64 * (100 - percent.get()) as f64 / 100.0).ceil() as usize;
        match remaining {
            0 => "Finished".to_string(),
            1 => "1 min left".to_string(),
            n => format!("{n} min left"),
        }
    };
    // A region of its own: the bar and the share read are not part of the story or of either
    // complementary list, and everything on a page belongs to some landmark.
    view! {
        <section class="progress needs-app" aria-label="Reading progress">
            <div
                class="progress-bar"
                role="progressbar"
                aria-label="Share of the story read"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent.get().to_string()
            >
                <div class="progress-fill" style=move || format!("width: {}%", percent.get())></div>
            </div>
            <p class="progress-text">{move || format!("{}% read · ", percent.get())}{left}</p>
        </section>
    }
}
