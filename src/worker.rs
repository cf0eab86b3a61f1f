//! The app's workers: WebAssembly modules of their own. One (`src/bin/worker.rs`) makes export
//! and backup files and reads import and backup files (`reader_core::jobs`); the other, the
//! extractor (`src/bin/extractor.rs`), also makes the reader's own files into articles. Each is
//! loaded the first time its work is asked for, never before, so none of that code is in the
//! first download, and an export never loads the extraction; the service worker caches each
//! then, so it works offline afterwards. Their scripts' names are in every page (`<meta
//! name="reader-worker">`, `<meta name="reader-extractor">`, written by the build:
//! scripts/build/worker.mjs).
//!
//! One worker of each kind serves the page: jobs sent before it is ready wait in a queue; each
//! answer finds its job by number. If it cannot be loaded (offline before its first use), every
//! job waiting for it is told, and the next job tries again.

use std::cell::RefCell;
use std::collections::HashMap;

use futures::channel::oneshot;
use reader_core::jobs::{Answer, Job};
use wasm_bindgen::prelude::*;

/// Why a job got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unavailable {
    /// The page names no worker (a build without one).
    NotNamed,
    /// The browser could not load or start it (offline before its first use, most often).
    NotLoaded,
}

/// The worker's reply as posted: `[id, answer]` (the answer as a list of texts:
/// `Answer::to_fields`), and for a reader's file the article's JSON, its entry's JSON and, when
/// the page held any, its images as the store keeps them after them.
type Reply = oneshot::Sender<Result<js_sys::Array, Unavailable>>;

struct Connection {
    worker: web_sys::Worker,
    ready: bool,
    /// Jobs sent before the worker was ready, as they will be posted.
    queue: Vec<js_sys::Array>,
    waiting: HashMap<u32, Reply>,
    next: u32,
    /// Its listeners, kept while it lives.
    _listeners: [Closure<dyn Fn(web_sys::MessageEvent)>; 2],
}

/// Which worker does a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Module {
    /// Exports, imports, backups.
    Jobs,
    /// The reader's own files.
    Extractor,
}

impl Module {
    fn of(job: &Job) -> Module {
        match job {
            Job::OwnArticle { .. } => Module::Extractor,
            _ => Module::Jobs,
        }
    }

    /// The page's `<meta>` naming its script.
    fn meta(self) -> &'static str {
        match self {
            Module::Jobs => "meta[name=\"reader-worker\"]",
            Module::Extractor => "meta[name=\"reader-extractor\"]",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

thread_local! {
    static CONNECTIONS: RefCell<[Option<Connection>; 2]> = const { RefCell::new([None, None]) };
}

/// Runs `f` on the connection to `module` (none until its first job, or after it failed).
fn with_connection<R>(module: Module, f: impl FnOnce(&mut Option<Connection>) -> R) -> R {
    CONNECTIONS.with(|c| f(&mut c.borrow_mut()[module.slot()]))
}

/// What the reader is told of a job that did not come to the answer asked for (`what`: "The
/// export", "Adding it"): the worker refused it (its reason, as it is), could not do it,
/// answered as to another job, or could not be loaded.
pub fn not_done(what: &str, answer: Result<Answer, Unavailable>) -> String {
    match answer {
        Ok(Answer::Refused(why)) => why,
        Ok(Answer::Failed(why)) => crate::messages::job_failed(what, Some(&why)),
        Ok(_) => crate::messages::job_failed(what, Some("the worker answered another job")),
        Err(_) => crate::messages::job_failed(what, None),
    }
}

/// Has the worker do `job`; its answer.
pub async fn run(job: &Job) -> Result<Answer, Unavailable> {
    let reply = run_with(job, &[]).await?;
    Ok(answer_of(&reply))
}

/// What the worker made of a reader's file besides its answer: the article as JSON text (kept
/// a JavaScript string: the page stores it as it is), and the images it kept, if any.
#[cfg(not(feature = "ssr"))]
pub struct Made {
    pub json: JsValue,
    /// Its library entry as the store keeps it (`OwnEntry` as JSON, made by the worker).
    pub entry: JsValue,
    /// As the store keeps them (`own_store::Images`).
    pub images: Option<JsValue>,
    /// Which of the image files given with it the file named (their places in the list):
    /// those it shows, and those that are not images it can show.
    pub named: (Vec<usize>, Vec<usize>),
}

/// Has the worker do `job` with `beside` (what the job needs that is not JSON: a file's text
/// or bytes, articles as stored); its answer, and its whole reply (`[id, answer, …]`: what it
/// sends beside the answer from index 2).
#[cfg(not(feature = "ssr"))]
pub async fn run_beside(
    job: &Job,
    beside: JsValue,
) -> Result<(Answer, js_sys::Array), Unavailable> {
    let reply = run_with(job, &[beside]).await?;
    Ok((answer_of(&reply), reply))
}

/// Has the worker do `job` on `bytes` (a reader's file), with `given`, the image files given
/// with it (`[[path, File], …]`); its answer, and what it made.
#[cfg(not(feature = "ssr"))]
pub async fn run_on(
    job: &Job,
    bytes: js_sys::Uint8Array,
    given: &js_sys::Array,
) -> Result<(Answer, Made), Unavailable> {
    let reply = run_with(job, &[bytes.into(), given.into()]).await?;
    let made = Made {
        json: reply.get(2),
        entry: reply.get(3),
        images: Some(reply.get(4)).filter(|i| i.is_array()),
        named: {
            // Only an article made has them (`Array.from` throws on what is not there).
            let list = |value: JsValue| value.dyn_into::<js_sys::Array>().ok();
            let places = |value: JsValue| -> Vec<usize> {
                list(value)
                    .map(|l| {
                        l.iter()
                            .filter_map(|i| i.as_f64())
                            .map(|i| i as usize)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            match list(reply.get(5)) {
                Some(named) => (places(named.get(0)), places(named.get(1))),
                None => Default::default(),
            }
        },
    };
    Ok((answer_of(&reply), made))
}

/// The answer in the reply: its texts (`Answer::to_fields`).
fn answer_of(reply: &js_sys::Array) -> Answer {
    let fields = reply.get(1).dyn_into::<js_sys::Array>().ok();
    Answer::from_fields(fields.map_or_else(Vec::new, |f| f.iter().map(|v| v.as_string()).collect()))
}

async fn run_with(job: &Job, with: &[JsValue]) -> Result<js_sys::Array, Unavailable> {
    let (answer, answered) = oneshot::channel();
    let json = job.to_json();
    let module = Module::of(job);
    let sent = with_connection(module, |c| {
        if c.is_none() {
            *c = Some(connect(module)?);
        }
        let connection = c.as_mut().expect("connected above");
        let id = connection.next;
        connection.next += 1;
        connection.waiting.insert(id, answer);
        let message = js_sys::Array::of2(&id.into(), &json.into());
        for value in with {
            message.push(value);
        }
        if connection.ready {
            return Ok(connection.worker.post_message(&message).is_ok());
        }
        connection.queue.push(message);
        Ok(true)
    });
    if !sent? {
        fail_all(module);
    }
    answered.await.unwrap_or(Err(Unavailable::NotLoaded))
}

fn connect(module: Module) -> Result<Connection, Unavailable> {
    let document = leptos::prelude::document();
    let script = document
        .query_selector(module.meta())
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .ok_or(Unavailable::NotNamed)?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url = web_sys::Url::new_with_base(&script, &base)
        .map(|u| u.href())
        .map_err(|_| Unavailable::NotNamed)?;
    let worker = web_sys::Worker::new(&url).map_err(|_| Unavailable::NotLoaded)?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some("ready") {
                became_ready(module);
                return;
            }
            let message = js_sys::Array::from(&data);
            if let Some(id) = message.get(0).as_f64().map(|n| n as u32) {
                let answer =
                    with_connection(module, |c| c.as_mut().and_then(|c| c.waiting.remove(&id)));
                if let Some(answer) = answer {
                    let _ = answer.send(Ok(message));
                }
            }
        });
    // A script that cannot be fetched or a module that cannot start: `error` on the worker.
    let on_error = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| fail_all(module));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Connection {
        worker,
        ready: false,
        queue: Vec::new(),
        waiting: HashMap::new(),
        next: 0,
        _listeners: [on_message, on_error],
    })
}

fn became_ready(module: Module) {
    let sent = with_connection(module, |c| {
        let Some(connection) = c.as_mut() else {
            return true;
        };
        connection.ready = true;
        std::mem::take(&mut connection.queue)
            .into_iter()
            .all(|message| connection.worker.post_message(&message).is_ok())
    });
    if !sent {
        fail_all(module);
    }
}

/// Stops the extractor mid-job (the reader cancelled adding articles): every job waiting for
/// it is told it is gone, and the next one starts a new one. An export under way goes on.
#[cfg(not(feature = "ssr"))]
pub fn stop() {
    fail_all(Module::Extractor);
}

/// Tells every job waiting for `module` that it is gone, and lets the next job start a new one.
fn fail_all(module: Module) {
    // Taken out first: the listeners dropped with it must not run while it is borrowed.
    let gone = with_connection(module, Option::take);
    let Some(mut connection) = gone else {
        return;
    };
    connection.worker.terminate();
    for (_, answer) in connection.waiting.drain() {
        let _ = answer.send(Err(Unavailable::NotLoaded));
    }
    // Dropped once this listener has returned (it may be the one running now).
    leptos::prelude::set_timeout(move || drop(connection), std::time::Duration::ZERO);
}
