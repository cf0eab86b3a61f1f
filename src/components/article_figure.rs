//! The article's photo as a real figure. If the image cannot be loaded, its description takes
//! its place so the figure, caption and credit still read well.

use leptos::prelude::*;
use reader_core::article::{Photo, Run};

use super::annotated_text::{annotated_runs, Drawing};
use crate::components::show_if;

#[component]
pub fn ArticleFigure(photo: Photo, drawing: Drawing) -> impl IntoView {
    // No image to show (a reader's page that did not hold its lead image): its words instead.
    let kept = !photo.src.is_empty();
    let (failed, set_failed) = signal(!kept);
    let ratio = match (photo.width, photo.height) {
        (Some(w), Some(h)) => format!("aspect-ratio: {w} / {h}"),
        _ => "aspect-ratio: 3 / 2".to_string(),
    };
    let Photo {
        src,
        alt,
        caption,
        credit,
        width,
        height,
        stand_in,
    } = photo;
    let fallback_alt = alt.clone();
    view! {
        <figure class="article-figure">
            <div class="figure-media" style=ratio>
                {show_if(
                    move || !failed.get(),
                    move || view! {
                        <img
                            src=src.clone()
                            alt=alt.clone()
                            width=width
                            height=height
                            decoding="async"
                            on:error=move |_| set_failed.set(true)
                        />
                    },
                    move || {
                        view! {
                            <div class="figure-fallback">
                                <p class="figure-fallback-title">
                                    {if kept { "The image could not be loaded." } else { crate::messages::IMAGE_NOT_SAVED }}
                                </p>
                                <p>{fallback_alt.clone()}</p>
                            </div>
                        }
                    },
                )}
            </div>
            <figcaption>
                // The caption is annotatable part 0, at the start of the annotatable text.
                <span class="caption" data-part="0">
                    {annotated_runs(vec![Run { text: caption, ..Run::default() }], 0, drawing)}
                </span>
                " "
                {(!credit.is_empty()).then(|| view! { <span class="credit">"Photo: "{credit}</span> })}
                {stand_in
                    .then(|| {
                        view! {
                            <span class="stand-in-note">
                                "The original photo is not included; a drawn illustration stands in for it."
                            </span>
                        }
                    })}
            </figcaption>
        </figure>
    }
}
