//! How far the reader is through the story: a bar at the top of the window and, beside the
//! story, the share read and the estimated minutes left.
//!
//! The section is drawn once, as prerendered; what moves in it is set by plain DOM code
//! ([`measure`], on every scroll and once the page is drawn), not by views that follow a
//! signal: one of a first visit's features written without Leptos (docs/first-visit.md).

use leptos::prelude::*;
use reader_core::article::Article;

#[component]
pub fn ReadingProgress(article: &'static Article) -> impl IntoView {
    crate::hooks::use_document_event("scroll", |_| measure());
    crate::dom::after_render(measure);
    // Counted once: it reads every word of the story.
    let minutes = article.reading_minutes();
    // A region of its own: the bar and the share read are not part of the story or of either
    // complementary list, and everything on a page belongs to some landmark.
    view! {
        <section class="progress needs-app" aria-label="Reading progress" data-minutes=minutes>
            <div
                class="progress-bar"
                role="progressbar"
                aria-label="Share of the story read"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow="0"
            >
                <div class="progress-fill" style="width: 0%"></div>
            </div>
            <p class="progress-text">{said(0, minutes)}</p>
        </section>
    }
}

/// What the line beside the story says at `percent` read of a story of `minutes`.
fn said(percent: u32, minutes: usize) -> String {
    let remaining = (minutes as f64 * f64::from(100 - percent) / 100.0).ceil() as usize;
    match remaining {
        0 => format!("{percent}% read · Finished"),
        1 => format!("{percent}% read · 1 min left"),
        n => format!("{percent}% read · {n} min left"),
    }
}

/// Shows how far the reader is through the story on the page, if it is an article's. Read
/// from the page alone: it may run a frame after the reader has left the article, and then
/// finds no story and does nothing.
fn measure() {
    let (Some(body), Some(section)) = (
        crate::dom::find(".article-body"),
        crate::dom::find(".progress"),
    ) else {
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
    let (Some(bar), Some(fill), Some(text)) = (
        section.first_element_child(),
        crate::dom::find(".progress-fill"),
        crate::dom::find(".progress-text"),
    ) else {
        return;
    };
    let now = p.to_string();
    if bar.get_attribute("aria-valuenow").as_deref() == Some(now.as_str()) {
        return;
    }
    let minutes = section
        .get_attribute("data-minutes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    let _ = bar.set_attribute("aria-valuenow", &now);
    let _ = fill.set_attribute("style", &format!("width: {now}%"));
    text.set_text_content(Some(&said(p, minutes)));
}
