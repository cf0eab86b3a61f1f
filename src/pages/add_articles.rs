//! "Add articles": the reader's own files (saved web pages, Markdown, text), chosen, dropped on
//! the section or pasted, become articles of the library, kept in this browser (`own_store`).
//! The worker makes each article (`reader_import::own`, loaded on first use); files are done
//! one at a time, with progress, a result per file, and Cancel (which stops the file being made
//! and leaves the rest). Files added while others are being added wait their turn.

use leptos::prelude::*;
use leptos::task::spawn_local;
use reader_core::jobs::{Answer, Job};
use reader_core::library::{added_as, Added as AddedAs};
use reader_core::store::time;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::messages;
use crate::own_store::{self, Added};
use crate::store::{clock, use_store};
use crate::{articles, routes, worker};

/// What one file came to.
#[derive(Clone)]
enum Outcome {
    Added {
        title: String,
        slug: String,
    },
    AlreadyThere {
        title: String,
        slug: String,
    },
    /// A copy of a page already in the library (its address) whose text differs: the reader
    /// may have it replace that article's text.
    Changed {
        title: String,
        slug: String,
        copy: NewerCopy,
    },
    /// That copy being added as an article of its own, beside the one it would replace.
    AddingBeside {
        title: String,
        slug: String,
    },
    /// Added so (`title` and `slug` are the new article's).
    AddedBeside {
        title: String,
        slug: String,
    },
    /// That copy being put in its place.
    Replacing {
        title: String,
        slug: String,
    },
    Replaced {
        title: String,
        slug: String,
    },
    NotAdded(String),
    Cancelled,
    /// An image given with the files, shown in the article named (`by`: the file it was
    /// added from).
    Shown {
        title: String,
        slug: String,
        by: String,
    },
    /// An image given with a newer copy of the article named (`by`: the copy's file): shown
    /// once that copy replaces its text.
    WithCopy {
        title: String,
        slug: String,
        by: String,
    },
}

/// A newer copy of a page the library has, as the reader gave it (its bytes and the images
/// given with it), and when the article it would replace was added: made again, with that
/// article's slug, if the reader has it replace it.
#[derive(Clone)]
struct NewerCopy(
    send_wrapper::SendWrapper<(js_sys::Uint8Array, js_sys::Array)>,
    u64,
);

/// A file to add: one the reader chose or dropped (with its path within the folder it came in,
/// `/`-separated; its name when it came alone), or the text they pasted.
enum Source {
    File(web_sys::File, String),
    Pasted(String),
}

impl Source {
    /// A file chosen or dropped by itself: its path is its name.
    fn file(file: web_sys::File) -> Source {
        let name = file.name();
        Source::File(file, name)
    }

    fn name(&self) -> String {
        match self {
            Source::File(f, _) => f.name(),
            Source::Pasted(text) => {
                let t = text.trim_start();
                if t.starts_with('<') {
                    "Pasted page.html".into()
                } else if t.starts_with("# ") || t.starts_with("+++") || t.starts_with("---") {
                    "Pasted text.md".into()
                } else {
                    "Pasted text.txt".into()
                }
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Adding {
    /// Files done so far, of how many, and the one being done.
    progress: RwSignal<Option<(usize, usize, String)>>,
    /// Whether files are being added (set as soon as they are taken, before the first
    /// file's progress).
    busy: StoredValue<bool>,
    /// Files chosen, dropped or pasted while others were being added, each batch as it came:
    /// added after them.
    waiting: RwSignal<Vec<Vec<Source>>, LocalStorage>,
    results: RwSignal<Vec<(String, Outcome)>>,
    cancelled: RwSignal<bool>,
    /// Whether the browser keeps this site's storage when space runs low, once asked.
    persisted: RwSignal<Option<bool>>,
    /// The browser's estimate of the site's storage (used, allowed), read when the section is
    /// drawn and after each adding.
    space: RwSignal<Option<(f64, f64)>>,
}

impl Adding {
    /// The adding's state, one for the visit: it outlives the section, as the adding does (the
    /// reader may leave the library while files are being added, and come back to their
    /// progress, their results and the files waiting their turn). Its signals belong to the
    /// app's root, not to the section.
    fn for_visit() -> Adding {
        thread_local! {
            static STATE: std::cell::Cell<Option<Adding>> = const { std::cell::Cell::new(None) };
        }
        if let Some(adding) = STATE.get() {
            return adding;
        }
        let make = || Adding {
            progress: RwSignal::new(None),
            busy: StoredValue::new(false),
            waiting: RwSignal::new_local(Vec::new()),
            results: RwSignal::new(Vec::new()),
            cancelled: RwSignal::new(false),
            persisted: RwSignal::new(None),
            space: RwSignal::new(None),
        };
        let mut root = Owner::current();
        while let Some(parent) = root.as_ref().and_then(Owner::parent) {
            root = Some(parent);
        }
        let adding = root.map_or_else(make, |root| root.with(make));
        STATE.set(Some(adding));
        adding
    }

    /// How many files wait their turn.
    fn waiting_files(self) -> usize {
        self.waiting.with(|w| w.iter().map(Vec::len).sum())
    }

    /// The first batch of files waiting their turn, taken.
    fn next_waiting(self) -> Option<Vec<Source>> {
        self.waiting
            .try_update(|w| (!w.is_empty()).then(|| w.remove(0)))
            .flatten()
    }

    fn read_space(self) {
        spawn_local(async move {
            let space = own_store::estimate().await;
            self.space.try_set(space);
        });
    }
}

#[component]
pub fn AddArticles() -> impl IntoView {
    let store = use_store();
    let adding = Adding::for_visit();
    adding.read_space();
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let start = move |sources: Vec<Source>| {
        if sources.is_empty() {
            return;
        }
        if adding.busy.get_value() {
            // Chosen, dropped or pasted while others are being added: added after them, and
            // said so.
            adding.waiting.update(|w| w.push(sources));
            store.announce(messages::waiting(adding.waiting_files()));
            return;
        }
        // Kept until the reader deletes them, if the browser agrees: asked once per visit,
        // apart (Firefox asks the reader, whose answer may come late or never).
        if adding.persisted.get_untracked().is_none() {
            adding.persisted.set(Some(false));
            spawn_local(async move {
                let kept = own_store::persist().await.unwrap_or(false);
                adding.persisted.try_set(Some(kept));
            });
        }
        adding.busy.set_value(true);
        spawn_local(async move {
            let said = add_all(sources, adding).await;
            store.announce(said);
        });
    };
    let chosen = move |e: leptos::ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = input.files().map(files_of).unwrap_or_default();
        // Cleared, so that choosing the same file again adds it again (and says so).
        input.set_value("");
        start(files);
    };
    let dropped = move |e: leptos::ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        // Asked for during the event: the dropped items are gone after it.
        let dropped = e
            .data_transfer()
            .map(|d| dropped_items(&d))
            .unwrap_or_default();
        spawn_local(async move { start(with_folders_read(dropped).await) });
    };
    let add_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        pasted.set(String::new());
        start(vec![Source::Pasted(text)]);
    };
    view! {
        <section
            class="library-section add-articles needs-app"
            class:dragging=move || dragging.get()
            aria-labelledby="add-title"
            on:dragover=move |e: leptos::ev::DragEvent| {
                e.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=dropped
        >
            <h2 id="add-title" class="section-heading">"Add articles"</h2>
            <p class="section-hint">
                "Saved web pages (.html), Markdown (.md) or text (.txt): choose them, drop them here, or paste. Add the images a page or Markdown file shows with it (a page saved complete keeps them in its “_files” folder). They are kept in this browser only."
            </p>
            <p>
                <label class="file-button">
                    "Choose files…"
                    <input
                        type="file"
                        id="add-files"
                        class="visually-hidden"
                        multiple
                        accept=".html,.htm,.md,.markdown,.txt,text/html,text/markdown,text/plain,.jpg,.jpeg,.png,.gif,.webp,.avif,image/jpeg,image/png,image/gif,image/webp,image/avif"
                        on:change=chosen
                    />
                </label>
            </p>
            <label for="add-paste" class="add-paste-label">"Or paste text, Markdown or a page’s HTML"</label>
            <textarea
                id="add-paste"
                class="add-paste"
                rows="4"
                prop:value=move || pasted.get()
                on:input=move |e| pasted.set(event_target_value(&e))
            ></textarea>
            <p>
                <button type="button" id="add-pasted" on:click=add_pasted>"Add pasted text"</button>
            </p>
            {move || adding.progress.get().map(|(done, total, name)| view! {
                <div class="add-progress" aria-busy="true">
                    <progress max=total value=done aria-labelledby="add-progress-label"></progress>
                    <p id="add-progress-label">{format!("Adding {} of {total}: {name}", done + 1)}</p>
                    {move || match adding.waiting_files() {
                        0 => None,
                        n => Some(view! { <p id="add-waiting">{messages::waiting(n)}</p> }),
                    }}
                    <button type="button" id="add-cancel" on:click=move |_| {
                        // The file being made stops too: the worker is stopped (and started
                        // again for the next adding).
                        adding.cancelled.set(true);
                        worker::stop();
                    }>"Cancel"</button>
                </div>
            })}
            <p class="storage-estimate">
                {move || {
                    let space = adding.space.get().map(|(used, quota)| format!(
                        "This site uses {} of about {} the browser allows it.",
                        messages::space(used),
                        messages::space(quota),
                    ));
                    let kept = adding.persisted.get().map(|kept| if kept {
                        " Your articles are kept until you delete them."
                    } else {
                        " The browser may delete your articles if it runs short of space."
                    });
                    format!("{}{}", space.unwrap_or_default(), kept.unwrap_or_default())
                }}
            </p>
            <ul class="add-results">
                // Results are only appended (or all cleared), so items drawn by position keep
                // their elements as `<For>` keyed by position would, without its keyed diff's
                // code (a copy per item type).
                {move || {
                    adding
                        .results
                        .get()
                        .into_iter()
                        .map(|(name, outcome)| result(name, outcome, adding))
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

fn files_of(list: web_sys::FileList) -> Vec<Source> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(Source::file)
        .collect()
}

/// What was dropped, in order: a file, or a folder to read.
enum Dropped {
    File(web_sys::File),
    Entry(web_sys::FileSystemEntry),
}

/// The dropped items: a folder as its entry (its files are read from it), a file as itself.
fn dropped_items(transfer: &web_sys::DataTransfer) -> Vec<Dropped> {
    let items = transfer.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| match item.webkit_get_as_entry().ok().flatten() {
            Some(entry) if entry.is_directory() => Some(Dropped::Entry(entry)),
            _ => item.get_as_file().ok().flatten().map(Dropped::File),
        })
        .collect()
}

/// The files dropped, with those of the dropped folders (and their folders), each with its
/// path from the folder dropped; a folder's files in the order of their paths.
async fn with_folders_read(dropped: Vec<Dropped>) -> Vec<Source> {
    use web_sys::{FileSystemDirectoryEntry, FileSystemFileEntry};
    let mut sources = Vec::new();
    for item in dropped {
        let entry = match item {
            Dropped::File(file) => {
                sources.push(Source::file(file));
                continue;
            }
            Dropped::Entry(entry) => entry,
        };
        let mut found = Vec::new();
        let mut folders = vec![entry];
        while let Some(folder) = folders.pop() {
            let reader = folder
                .unchecked_ref::<FileSystemDirectoryEntry>()
                .create_reader();
            // A folder is read in batches, until one comes empty.
            loop {
                let batch = called_back(|done, failed| {
                    let _ = reader.read_entries_with_callback_and_callback(done, failed);
                })
                .await
                .map(|list| js_sys::Array::from(&list))
                .unwrap_or_default();
                if batch.length() == 0 {
                    break;
                }
                for entry in batch.iter() {
                    let entry: web_sys::FileSystemEntry = entry.unchecked_into();
                    if entry.is_directory() {
                        folders.push(entry);
                        continue;
                    }
                    let file = called_back(|done, failed| {
                        entry
                            .unchecked_ref::<FileSystemFileEntry>()
                            .file_with_callback_and_callback(done, failed);
                    })
                    .await;
                    if let Ok(file) = file {
                        let path = entry.full_path().trim_start_matches('/').to_string();
                        found.push(Source::File(file.unchecked_into(), path));
                    }
                }
            }
        }
        reader_core::sort::sort_by(&mut found, |a, b| match (a, b) {
            (Source::File(_, a), Source::File(_, b)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        });
        sources.extend(found);
    }
    sources
}

/// What an API that answers through two callbacks (done, failed) answered.
async fn called_back(
    call: impl FnOnce(&js_sys::Function, &js_sys::Function),
) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |done, failed| {
        if let Some(call) = call.take() {
            call(&done, &failed);
        }
    });
    JsFuture::from(promise).await
}

fn result(name: String, outcome: Outcome, adding: Adding) -> impl IntoView {
    // One shape for every outcome (a sentence, then the article's link if there is one, then
    // what the reader may do): a view per outcome would cost the app a copy of the view code
    // for each.
    let mut offer = None;
    let (class, said, link) = match outcome {
        Outcome::Added { title, slug } => {
            ("add-added", String::from("Added as "), Some((title, slug)))
        }
        Outcome::AlreadyThere { title, slug } => (
            "add-there",
            "Already in your library as ".into(),
            Some((title, slug)),
        ),
        Outcome::Changed { title, slug, copy } => {
            offer = Some((name.clone(), slug.clone(), title.clone(), copy));
            (
                "add-there",
                "Already in your library, with other text, as ".into(),
                Some((title, slug)),
            )
        }
        Outcome::AddingBeside { title, slug } => (
            "add-there",
            "Adding this copy beside ".into(),
            Some((title, slug)),
        ),
        Outcome::AddedBeside { title, slug } => (
            "add-added add-beside",
            "Added beside the earlier copy as ".into(),
            Some((title, slug)),
        ),
        Outcome::Replacing { title, slug } => (
            "add-there",
            "Replacing the text of ".into(),
            Some((title, slug)),
        ),
        Outcome::Replaced { title, slug } => (
            "add-added add-replaced",
            "Replaced the text of ".into(),
            Some((title, slug)),
        ),
        Outcome::NotAdded(why) => ("add-refused", format!("Not added: {why}"), None),
        Outcome::Cancelled => ("add-refused", "Not added: cancelled".into(), None),
        Outcome::Shown { title, slug, .. } => {
            ("add-added", "Shown in ".into(), Some((title, slug)))
        }
        Outcome::WithCopy { title, slug, .. } => (
            "add-there",
            "Kept with the newer copy of ".into(),
            Some((title, slug)),
        ),
    };
    view! {
        <li class=class>
            <span class="add-file">{format!("{name}: ")}</span>
            {said}
            {link.map(|(title, slug)| view! { <a href=routes::article(&slug)>{title}</a> })}
            {offer.map(|(name, slug, title, copy)| {
                let (store, undo) = (use_store(), crate::components::use_undo());
                let on_replace = {
                    let (name, slug, title, copy) = (name.clone(), slug.clone(), title.clone(), copy.clone());
                    move |_| {
                        let (name, slug, title, copy) = (name.clone(), slug.clone(), title.clone(), copy.clone());
                        spawn_local(replace(name, slug, title, copy, adding, (store, undo)));
                    }
                };
                let on_beside = move |_| {
                    let (name, slug, title, copy) = (name.clone(), slug.clone(), title.clone(), copy.clone());
                    spawn_local(add_beside(name, slug, title, copy, adding, store));
                };
                view! {
                    <button type="button" class="add-replace" on:click=on_replace>
                        "Replace it with this copy"
                    </button>
                    <button type="button" class="add-beside-button" on:click=on_beside>
                        "Keep both"
                    </button>
                }
            })}
        </li>
    }
}

/// Has the copy of `name` replace the text of the reader's article `slug` (“`title`”), its
/// highlights, notes and bookmarks kept (those whose words are gone are listed apart on its
/// page); the earlier copy can be put back with Undo.
async fn replace(
    name: String,
    slug: String,
    title: String,
    copy: NewerCopy,
    adding: Adding,
    (store, undo): (crate::store::StoreHandle, crate::components::UndoOffer),
) {
    let (file, place) = (name.clone(), slug.clone());
    // The images given with this copy (not those of another file, such as the earlier copy
    // added with the same files): shown in the article once it is replaced (`Some`, its new
    // title), kept with the copy again when it is put back.
    let images = {
        let (place, title, file) = (slug.clone(), title.clone(), file.clone());
        move |replaced: Option<&str>| {
            adding.results.try_update(|r| {
                for (_, o) in r.iter_mut() {
                    let (Outcome::WithCopy { slug: s, by, .. }
                    | Outcome::Shown { slug: s, by, .. }) = o
                    else {
                        continue;
                    };
                    if *s != place || *by != file {
                        continue;
                    }
                    let (slug, by) = (place.clone(), file.clone());
                    *o = match replaced {
                        Some(title) => Outcome::Shown {
                            title: title.into(),
                            slug,
                            by,
                        },
                        None => Outcome::WithCopy {
                            title: title.clone(),
                            slug,
                            by,
                        },
                    };
                }
            });
        }
    };
    let set = move |outcome: Outcome| set_offer_line(adding, &file, &place, outcome);
    set(Outcome::Replacing {
        title: title.clone(),
        slug: slug.clone(),
    });
    // Kept for Undo: without it, nothing is replaced.
    let before = match own_store::article(&slug).await {
        Ok(Some(before)) => before,
        Ok(None) => return set(Outcome::NotAdded(messages::OWN_GONE.into())),
        Err(e) => return set(Outcome::NotAdded(messages::own_store_error(&e))),
    };
    let day = time::day(&clock::now()).to_string();
    let job = Job::OwnArticle {
        name,
        added: day,
        place: Some((slug.clone(), copy.1)),
    };
    let (bytes, given) = &*copy.0;
    let (new_title, made) = match make(&job, bytes.clone(), given).await {
        Ok((_, title, _, made)) => (title, made),
        Err(why) => return set(Outcome::NotAdded(why)),
    };
    if let Err(e) = own_store::replace(&slug, &made.json, &made.entry, made.images.as_ref()).await {
        return set(Outcome::NotAdded(messages::own_store_error(&e)));
    }
    crate::own_sync::changed(Some(&slug)).await;
    set(Outcome::Replaced {
        title: new_title.clone(),
        slug: slug.clone(),
    });
    images(Some(&new_title));
    // The button pressed is gone with its line: the focus goes to the article's link in the
    // line that says it was replaced.
    focus_link(".add-replaced", &slug);
    let replaced = format!("“{new_title}” replaced with the copy added");
    store.announce(replaced.clone());
    let restored = format!("“{title}”’s earlier copy put back");
    let kept = own_store::Kept::of(slug.clone(), before);
    let put_back = Callback::new(move |_| {
        let (kept, restored, title, copy) =
            (kept.clone(), restored.clone(), title.clone(), copy.clone());
        let (set, images) = (set.clone(), images.clone());
        spawn_local(async move {
            let (json, entry, images_kept) = &*kept.stored;
            let slug = kept.slug.clone();
            match own_store::replace(&slug, json, entry, images_kept.as_ref()).await {
                Ok(()) => {
                    store.announce(restored);
                    // Put back: the line offers this copy again.
                    set(Outcome::Changed {
                        title,
                        slug: slug.clone(),
                        copy,
                    });
                    images(None);
                }
                Err(e) => store.failed(&slug, messages::own_earlier_not_put_back(&title, &e)),
            }
            crate::own_sync::changed(Some(&slug)).await;
        });
    });
    undo.offer(crate::components::Undoable {
        message: format!("{replaced}."),
        records: Vec::new(),
        restore: crate::components::Restore::Article(put_back),
    });
}

/// Adds the copy of `name` as an article of its own, beside the reader's article `slug`
/// (“`title`”) whose text it would otherwise replace: two versions of the reader's notes, or
/// of a page that changed, both kept. The images given with this copy go with it.
async fn add_beside(
    name: String,
    slug: String,
    title: String,
    copy: NewerCopy,
    adding: Adding,
    store: crate::store::StoreHandle,
) {
    let file = name.clone();
    let set = {
        let (file, place) = (file.clone(), slug.clone());
        move |outcome: Outcome| set_offer_line(adding, &file, &place, outcome)
    };
    set(Outcome::AddingBeside {
        title: title.clone(),
        slug: slug.clone(),
    });
    let day = time::day(&clock::now()).to_string();
    let job = Job::OwnArticle {
        name: name.clone(),
        added: day.clone(),
        place: None,
    };
    let (bytes, given) = &*copy.0;
    let (job_slug, new_title, mut made) = match make(&job, bytes.clone(), given).await {
        Ok((slug, new_title, _, made)) => (slug, new_title, made),
        Err(why) => return set(Outcome::NotAdded(why)),
    };
    // Its text's slug is the earlier copy's when that copy's own text was replaced since: it
    // goes beside it at the next free one.
    let new_slug = match place_of(&job_slug).await {
        Ok(place) => place,
        // This copy's words are already in the library (added meanwhile, in another tab).
        Err((title, slug)) => return set(Outcome::AlreadyThere { title, slug }),
    };
    if new_slug != job_slug {
        if let Err(why) = move_to(&mut made, &new_slug) {
            return set(Outcome::NotAdded(why));
        }
    }
    match own_store::add(&new_slug, &made.json, &made.entry, made.images.as_ref()).await {
        Ok(Added::Added) => {}
        // This copy's text was added meanwhile (in another tab, say).
        Ok(Added::AlreadyThere(there)) => {
            return set(Outcome::AlreadyThere {
                title: there.entry.title,
                slug: there.entry.slug,
            })
        }
        Err(e) => return set(Outcome::NotAdded(messages::own_store_error(&e))),
    }
    crate::own_sync::changed(None).await;
    set(Outcome::AddedBeside {
        title: new_title.clone(),
        slug: new_slug.clone(),
    });
    // The images given with this copy, kept with it until now, are shown in the new article.
    adding.results.try_update(|r| {
        for (_, o) in r.iter_mut() {
            if let Outcome::WithCopy { slug: s, by, .. } = o {
                if *s == slug && *by == file {
                    *o = Outcome::Shown {
                        title: new_title.clone(),
                        slug: new_slug.clone(),
                        by: std::mem::take(by),
                    };
                }
            }
        }
    });
    // The buttons pressed are gone with their line: the focus goes to the new article's link.
    focus_link(".add-beside", &new_slug);
    store.announce(format!("“{new_title}” added beside the earlier copy"));
}

/// Puts `outcome` on the line of `file` that offered a newer copy of the reader's article
/// `place`, wherever that offer is (offered, being replaced or added beside, replaced); unless
/// the list was cleared for other files meanwhile.
fn set_offer_line(adding: Adding, file: &str, place: &str, outcome: Outcome) {
    adding.results.try_update(|r| {
        let line = r.iter_mut().find(|(n, o)| {
            n == file
                && matches!(o, Outcome::Changed { slug: s, .. }
                    | Outcome::Replacing { slug: s, .. }
                    | Outcome::Replaced { slug: s, .. }
                    | Outcome::AddingBeside { slug: s, .. } if s == place)
        });
        if let Some((_, o)) = line {
            *o = outcome;
        }
    });
}

/// Focuses the link to the article `slug` in the result line of class `line`, once it is
/// drawn: the button pressed went with the line it was in.
fn focus_link(line: &str, slug: &str) {
    let link = format!("{line} a[href=\"{}\"]", routes::article(slug));
    request_animation_frame(move || {
        let link = document().query_selector(&link).ok().flatten();
        if let Some(link) = link.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = link.focus();
        }
    });
}

/// The images among the files added: not articles, they are given to the pages and Markdown
/// files that show them (a page saved as "Web page, complete" keeps its images in a folder
/// beside it).
struct Images {
    files: Vec<Source>,
    /// `[[path, File], …]`, as the worker takes them.
    given: js_sys::Array,
    /// What each image came to: shown in the first article added that shows it, or not
    /// shown because it is no image the app shows.
    shown: Vec<Option<Outcome>>,
}

impl Images {
    /// The articles among `sources` and the images; a folder's other files are left out.
    fn split(sources: Vec<Source>) -> (Vec<Source>, Images) {
        let paths: Vec<String> = sources
            .iter()
            .filter_map(|s| match s {
                Source::File(_, path) => Some(path.clone()),
                Source::Pasted(_) => None,
            })
            .collect();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let (mut files, mut articles) = (Vec::new(), Vec::new());
        let given = js_sys::Array::new();
        for source in sources {
            match &source {
                Source::File(file, path) => match added_as(path, &paths) {
                    AddedAs::Article => articles.push(source),
                    AddedAs::Image => {
                        given.push(&js_sys::Array::of2(&path.as_str().into(), file));
                        files.push(source);
                    }
                    AddedAs::LeftOut => {}
                },
                Source::Pasted(_) => articles.push(source),
            }
        }
        let shown = files.iter().map(|_| None).collect();
        let images = Images {
            files,
            given,
            shown,
        };
        (articles, images)
    }

    /// Notes which images the file `by` that came to `outcome` named (`kept`, `refused`).
    fn note(&mut self, by: &str, outcome: &Outcome, (kept, refused): (Vec<usize>, Vec<usize>)) {
        // Those a newer copy shows go with it (shown once it replaces the article's text).
        let (title, slug, added) = match outcome {
            Outcome::Added { title, slug } => (title, slug, true),
            Outcome::Changed { title, slug, .. } => (title, slug, false),
            _ => return,
        };
        for i in kept {
            if let Some(place) = self.shown.get_mut(i) {
                if !matches!(place, Some(Outcome::Shown { .. })) {
                    let (title, slug, by) = (title.clone(), slug.clone(), by.to_string());
                    *place = Some(match added {
                        true => Outcome::Shown { title, slug, by },
                        false => Outcome::WithCopy { title, slug, by },
                    });
                }
            }
        }
        for i in refused {
            if let Some(place @ None) = self.shown.get_mut(i) {
                *place = Some(Outcome::NotAdded(messages::IMAGE_NOT_SHOWABLE.into()));
            }
        }
    }

    /// Each image's result; a folder's image no article shows (an icon, an advert) goes
    /// without a word.
    fn outcomes(self, cancelled: bool) -> Vec<(String, Outcome)> {
        let mut results = Vec::new();
        for (image, place) in self.files.iter().zip(self.shown) {
            let outcome = match place {
                Some(outcome) => outcome,
                None if matches!(image, Source::File(_, path) if path.contains('/')) => continue,
                None if cancelled => Outcome::Cancelled,
                None => Outcome::NotAdded(messages::IMAGE_NOT_SHOWN.into()),
            };
            results.push((image.name(), outcome));
        }
        results
    }
}

/// Adds `sources` one at a time, each with the images among them it shows, then those that
/// came while they were being added; what came of it all, in one sentence.
async fn add_all(sources: Vec<Source>, adding: Adding) -> String {
    adding.cancelled.set(false);
    adding.results.set(Vec::new());
    let now = clock::now();
    let day = time::day(&now).to_string();
    let mut counts = Counts::default();
    let mut batch = sources;
    loop {
        add_batch(batch, adding, &day, &mut counts).await;
        // Files that came meanwhile are added first; then the list is read again before the
        // progress goes: once it is gone, the library shows what was added.
        if let Some(next) = adding.next_waiting() {
            batch = next;
            continue;
        }
        articles::reread_own(None).await;
        match adding.next_waiting() {
            Some(next) => batch = next,
            None => break,
        }
    }
    adding.progress.try_set(None);
    adding.busy.set_value(false);
    adding.read_space();
    crate::own_sync::tell(None);
    messages::added_summary(counts.added, counts.there, counts.total, counts.images)
}

/// Files added so far, already there, and taken in all (images apart); images kept with them.
#[derive(Default)]
struct Counts {
    added: usize,
    there: usize,
    total: usize,
    images: usize,
}

/// Adds one batch of files (those chosen, dropped or pasted at once), after `counts.total`
/// others.
async fn add_batch(sources: Vec<Source>, adding: Adding, day: &str, counts: &mut Counts) {
    let (sources, mut images) = Images::split(sources);
    let before = counts.total;
    let total = before + sources.len();
    counts.total = total;
    // The reader may leave the library while files are being added: they are added all the
    // same (the state is the visit's, see `Adding::for_visit`).
    let cancelled = move || adding.cancelled.try_get_untracked().unwrap_or(false);
    for (i, source) in sources.into_iter().enumerate() {
        let name = source.name();
        let outcome = if cancelled() {
            Outcome::Cancelled
        } else {
            adding
                .progress
                .try_set(Some((before + i, total, name.clone())));
            let mut named = Default::default();
            match add_one(source, &name, day, &images.given, &mut named).await {
                // Stopped in the middle by Cancel: nothing of it was kept.
                Outcome::NotAdded(_) if cancelled() => Outcome::Cancelled,
                outcome => {
                    images.note(&name, &outcome, named);
                    outcome
                }
            }
        };
        match outcome {
            Outcome::Added { .. } => counts.added += 1,
            Outcome::AlreadyThere { .. } | Outcome::Changed { .. } => counts.there += 1,
            _ => {}
        }
        adding.results.try_update(|r| r.push((name, outcome)));
    }
    let shown = images.outcomes(cancelled());
    counts.images += shown
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Shown { .. }))
        .count();
    adding.results.try_update(|r| r.extend(shown));
}

/// Adds one file, with `given`, the image files given with it; what came of it. `named` is
/// set to the images it named (those it shows, those it cannot show).
async fn add_one(
    source: Source,
    name: &str,
    day: &str,
    given: &js_sys::Array,
    named: &mut (Vec<usize>, Vec<usize>),
) -> Outcome {
    let bytes = match source {
        Source::File(file, _) => match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer),
            Err(_) => return Outcome::NotAdded("the file could not be read".into()),
        },
        Source::Pasted(text) => js_sys::Uint8Array::from(text.as_bytes()),
    };
    let job = Job::OwnArticle {
        name: name.to_string(),
        added: day.to_string(),
        place: None,
    };
    let (slug, title, source, mut made) = match make(&job, bytes.clone(), given).await {
        Ok(made) => made,
        Err(why) => return Outcome::NotAdded(why),
    };
    *named = std::mem::take(&mut made.named);
    // The same page saved twice (its address), or the same file again (a file without an
    // address: one of the reader's of the same name and title): already there; if it is the
    // reader's and its text differs, this copy may replace it.
    let own = articles::own_index();
    // A copy kept beside another of the same page or file: the one holding these words is
    // found by its slug, before those of the same address or name (whose text may differ).
    let place = match place_of(&slug).await {
        Ok(place) => place,
        Err((title, slug)) => return Outcome::AlreadyThere { title, slug },
    };
    let there = match &source {
        Some(source) => articles::index()
            .iter()
            .chain(own.iter().copied())
            .find(|e| e.source.as_ref() == Some(source)),
        None => own.iter().copied().find(|e| {
            e.source.is_none()
                && e.title == title
                && articles::own_file(&e.slug).as_deref() == Some(name)
        }),
    }
    .map(|e| (e.title.clone(), e.slug.clone()));
    if let Some((title, there_slug)) = there {
        if let Some(added) = changed_copy(&there_slug, &slug).await {
            return Outcome::Changed {
                title,
                slug: there_slug,
                copy: NewerCopy(
                    send_wrapper::SendWrapper::new((bytes, given.clone())),
                    added,
                ),
            };
        }
        return Outcome::AlreadyThere {
            title,
            slug: there_slug,
        };
    }
    if place != slug {
        if let Err(why) = move_to(&mut made, &place) {
            return Outcome::NotAdded(why);
        }
    }
    match own_store::add(&place, &made.json, &made.entry, made.images.as_ref()).await {
        Ok(Added::Added) => {
            // Known at once: a copy of it among the files after it is found as one.
            let entry = made.entry.as_string();
            if let Some(entry) = entry.and_then(|e| reader_core::library::parse_own_entry(&e).ok())
            {
                articles::remember_own(entry);
            }
            Outcome::Added { title, slug: place }
        }
        Ok(Added::AlreadyThere(there)) => Outcome::AlreadyThere {
            title: there.entry.title,
            slug: there.entry.slug,
        },
        Err(e) => Outcome::NotAdded(messages::own_store_error(&e)),
    }
}

/// Has the worker make the article of a file (its `bytes`, with `given`, the images given with
/// it) for `job`: the answer's slug, title and source, and what it made; or why not, in words.
async fn make(
    job: &Job,
    bytes: js_sys::Uint8Array,
    given: &js_sys::Array,
) -> Result<(String, String, Option<String>, worker::Made), String> {
    match worker::run_on(job, bytes, given).await {
        Ok((
            Answer::OwnArticle {
                slug,
                title,
                source,
            },
            made,
        )) => Ok((slug, title, source, made)),
        other => Err(worker::not_done(
            "Adding it",
            other.map(|(answer, _)| answer),
        )),
    }
}

/// Moves the article `made` to the slug `to` (a place free beside an article holding other
/// words), all else as made: its text is not made again.
fn move_to(made: &mut worker::Made, to: &str) -> Result<(), String> {
    let (json, entry) = own_store::moved(&made.json, &made.entry, to)
        .ok_or_else(|| messages::OWN_NOT_MOVED.to_string())?;
    (made.json, made.entry) = (json, entry);
    Ok(())
}

/// Where the reader's article made of a text whose slug is `slug` goes: `Ok`, that slug, or,
/// when the article there holds other words (its first copy's text replaced since), the first
/// of `slug-2`, `slug-3`… free; `Err`, the article (title, slug) holding these words already,
/// at that slug or one of those (the one before it may have been deleted since). An article
/// whose words cannot be read is taken to hold these.
async fn place_of(slug: &str) -> Result<String, (String, String)> {
    use reader_core::library::{place, Place};
    let own = articles::own_index();
    let there = own_store::places(slug, own.iter().map(|e| e.slug.as_str())).await;
    match place(slug, words(slug), &there, true) {
        Place::At(at) => Ok(at),
        Place::Into(at) => {
            let title = own.iter().find(|e| e.slug == at).map(|e| e.title.clone());
            Err((title.unwrap_or_default(), at))
        }
    }
}

/// The hash of the words that make the slug `slug` (a slug is the prefix and their hash).
fn words(slug: &str) -> &str {
    slug.strip_prefix(reader_core::library::OWN_PREFIX)
        .unwrap_or(slug)
}

/// When the reader's article `there` was added, if a copy whose text makes the slug `slug`
/// differs from it (an article's slug is that of its first copy's text, so its text is read).
async fn changed_copy(there: &str, slug: &str) -> Option<u64> {
    if !articles::is_own(there) {
        return None;
    }
    let (text, added) = own_store::words_of(there).await?;
    (words(slug) != text).then_some(added)
}
