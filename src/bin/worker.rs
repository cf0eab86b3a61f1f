//! The app's worker (built by Trunk as `data-type="worker"`, see index.html; started by the page
//! on first use, src/worker.rs). It says "ready" once it listens, then answers each message
//! `[id, job]` with `[id, answer]`: the job and the answer are JSON text. The work is
//! `reader_core::jobs::run`, tested natively; the reasons are put into words here, with the
//! page's own words (`reader::messages`), so the page never carries the code that reads them.
//!
//! A reader's own file comes as `[id, job, bytes]` (`Job::OwnArticle` and the file's bytes, a
//! `Uint8Array`) and is made an article by `reader_import::own` (feature `extract`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Array;
    use reader_core::jobs::{run, Answer, Job};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let message = Array::from(&event.data());
            let request = message.get(1).as_string().unwrap_or_default();
            // A reader's file may come with its lead image, sent beside the answer.
            #[cfg_attr(not(feature = "extract"), allow(unused_mut))]
            let mut made: Option<Made> = None;
            let answer = match Job::from_json(&request) {
                #[cfg(feature = "extract")]
                Ok(Job::OwnArticle { name, added }) => {
                    let bytes = js_sys::Uint8Array::new(&message.get(2)).to_vec();
                    let (answer, found) = own_article(&name, &added, &bytes);
                    made = found;
                    answer
                }
                Ok(job) => Answer::new(
                    run(job),
                    reader::messages::skip,
                    reader::messages::import_error,
                ),
                Err(why) => Answer::Failed(why),
            };
            let reply = Array::of2(&message.get(0), &JsValue::from_str(&answer.to_json()));
            if let Some(made) = made {
                reply.push(&JsValue::from_str(&made.json));
                reply.push(&JsValue::from_str(&made.entry));
                if let Some((mime, bytes)) = made.image {
                    reply.push(&js_sys::Uint8Array::from(bytes.as_slice()));
                    reply.push(&JsValue::from_str(mime));
                }
            }
            // Posting numbers, strings and bytes cannot fail.
            let _ = scope.post_message(&reply);
        })
    };
    scope.set_onmessage(Some(answer.as_ref().unchecked_ref()));
    // The worker lives as long as its page, and its listener with it.
    answer.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// A reader's article as sent beside the answer: its JSON, and its lead image (type, bytes) if
/// the page held it.
#[cfg(target_arch = "wasm32")]
struct Made {
    json: String,
    /// Its library entry as the store keeps it ([`reader_core::library::OwnEntry`]).
    entry: String,
    image: Option<(&'static str, Vec<u8>)>,
}

/// The article of the reader's file `name` (its entry in the answer, the rest beside it); or
/// why there is none, in words.
#[cfg(all(target_arch = "wasm32", feature = "extract"))]
fn own_article(name: &str, added: &str, bytes: &[u8]) -> (reader_core::jobs::Answer, Option<Made>) {
    use reader_core::jobs::Answer;
    let Ok(added) = reader_core::pub_date::PubDate::parse(added) else {
        return (Answer::Failed(format!("“{added}” is not a date")), None);
    };
    use reader_import::own;
    let refused = |refusal| Answer::Refused(reader::messages::own_refused(&refusal));
    if let Err(refusal) = own::check(bytes) {
        return (refused(refusal), None);
    }
    // Decoded by the browser's own decoders (the WHATWG Encoding Standard's), in the
    // encoding the bytes name or else the one browsers assume.
    let text = reader_import::candidates(bytes).iter().find_map(|label| {
        web_sys::TextDecoder::new_with_label(label)
            .ok()?
            .decode_with_u8_array(bytes)
            .ok()
    });
    let Some(text) = text else {
        return (Answer::Failed("the file could not be decoded".into()), None);
    };
    match own::article_of(name, own::kind(name, bytes), &text, added) {
        Ok(own) => {
            let entry = reader_core::library::entry(&own.article, String::new());
            let kept = reader_core::library::OwnEntry {
                added: js_sys::Date::now(),
                entry: entry.clone(),
            };
            let made = Made {
                json: serde_json::to_string(&own.article).unwrap_or_default(),
                entry: serde_json::to_string(&kept).unwrap_or_default(),
                image: own.image.map(|i| (i.mime, i.bytes)),
            };
            (Answer::OwnArticle(Box::new(entry)), Some(made))
        }
        Err(refusal) => (refused(refusal), None),
    }
}

/// Natively (the workspace's lints and tests) there is no worker to be.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
