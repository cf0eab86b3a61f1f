//! Every sentence the reader reads about their data: notices, errors, import reports. The
//! core says what happened as data (`reader_core::store::Notice`, `StoreError`, `Problem`,
//! the import's `Skip`); this module alone puts it into words, so wording can change (or be
//! translated) in one place.

use reader_core::formats::web_annotation::import::{
    Change, ImportError, ImportReport, JsonKind, Page, Shape, Skip,
};
use reader_core::store::{
    Field, Invalid, Notice, Problem, RecordKind, StoreError, Stored, TimeField,
};

/// "1 highlight", "3 highlights".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Which of the reader's articles of one title this is, the first added being copy 1: "copy 2
/// of 3" (the list's line, its Delete button's name, a highlight found by the search).
pub fn copy((n, of): (usize, usize)) -> String {
    format!("copy {n} of {of}")
}

/// Under a highlight the search found whose article is no longer in the library (deleted, and
/// Undo could not put it back), in place of its title (gone with it; the slug of a reader's
/// article is a hash, which would tell them nothing): why nothing links to it.
pub const NOT_IN_LIBRARY: &str = "Its article is no longer in your library";

/// A list in words: "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A size for people: "812 bytes", "12.3 KB", "4.9 MB", "2.1 GB".
pub fn size(bytes: usize) -> String {
    let b = bytes as u64;
    match b {
        b if b < 1 << 10 => format!("{b} bytes"),
        b if b < 1 << 20 => tenths(b, 10, "KB"),
        b if b < 1 << 30 => tenths(b, 20, "MB"),
        b => tenths(b, 30, "GB"),
    }
}

/// `bytes` in units of 2^`shift` bytes, to a tenth ("12.3 KB"): in whole numbers, so that no
/// code formatting floating-point numbers comes into the app (about 17 KB of WebAssembly).
fn tenths(bytes: u64, shift: u32, unit: &str) -> String {
    let n = (bytes * 10 + (1 << (shift - 1))) >> shift;
    format!("{}.{} {unit}", n / 10, n % 10)
}

/// A size the browser reports as a number of any size (a storage quota may exceed what a
/// 32-bit `usize` holds).
pub fn space(bytes: f64) -> String {
    if bytes >= 1_073_741_824.0 {
        tenths(bytes as u64, 30, "GB")
    } else {
        size(bytes.max(0.0) as usize)
    }
}

/// A stored timestamp as a date and time a person reads: "30 November 2026 at 09:48 UTC".
pub fn date_time(timestamp: &str) -> String {
    match timestamp.get(11..16) {
        Some(hm) if hm.as_bytes().get(2) == Some(&b':') => {
            format!("{} at {hm} UTC", date(timestamp))
        }
        _ => date(timestamp),
    }
}

/// A stored timestamp as a date a person reads: "30 November 2026".
pub fn date(timestamp: &str) -> String {
    reader_core::store::time::long_date(timestamp)
}

fn kind_noun(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Highlight => "highlight",
        RecordKind::Bookmark => "bookmark",
        RecordKind::Saved => "reading-list entry",
        RecordKind::Position => "reading position",
    }
}

fn kind_count(kind: RecordKind, n: usize) -> String {
    match kind {
        RecordKind::Highlight => count(n, "highlight", "highlights"),
        RecordKind::Bookmark => count(n, "bookmark", "bookmarks"),
        RecordKind::Saved => count(n, "reading-list entry", "reading-list entries"),
        RecordKind::Position => count(n, "reading position", "reading positions"),
    }
}

/// Why a change could not be saved, and what that means for the reader.
pub fn store_error(e: &StoreError) -> String {
    match e {
        StoreError::QuotaExceeded => "Your browser's storage for this site is full, so changes are kept only until \
             this tab is closed. Export your annotations to keep a copy, or delete some to make room."
            .into(),
        StoreError::Unavailable(detail) => format!(
            "Your browser is not letting this site use its storage ({detail}), so changes are kept \
             only until this tab is closed. Export your annotations to keep a copy."
        ),
        StoreError::ReadOnly { version } => read_only(*version),
        StoreError::Invalid(why) => format!("This change could not be saved: {}.", invalid(why)),
    }
}

/// The reader's reading settings are saved again, after a save that failed.
pub const SETTINGS_SAVED: &str = "Your reading settings are saved.";

/// Why the reader's reading settings, applied, could not be saved for their next visit.
pub fn settings_not_saved(e: &StoreError) -> String {
    let (why, then) = match e {
        StoreError::QuotaExceeded => (
            "your browser's storage for this site is full".into(),
            " Delete some annotations to make room, then change a setting again.",
        ),
        StoreError::Unavailable(detail) => (
            format!("your browser is not letting this site use its storage ({detail})"),
            "",
        ),
        StoreError::ReadOnly { .. } | StoreError::Invalid(_) => {
            ("your browser refused to store them".into(), "")
        }
    };
    format!("Your reading settings apply until this tab is closed but were not saved: {why}.{then}")
}

/// Why annotations cannot be changed here.
pub fn read_only(version: u32) -> String {
    format!(
        "Your annotations were saved by a newer version of this app (storage version {version}; \
         this one knows up to version {}). They are shown read-only so nothing the newer version \
         saved is changed. Reload the page to get the newer version, then you can edit them again.",
        reader_core::store::SCHEMA_VERSION
    )
}

fn field(f: Field) -> &'static str {
    match f {
        Field::Id => "id",
        Field::Article => "article",
        Field::Quote => "quoted text",
    }
}

fn time_field(f: TimeField) -> &'static str {
    match f {
        TimeField::Created => "created",
        TimeField::Modified => "modified",
        TimeField::Saved => "saved",
        TimeField::Updated => "updated",
    }
}

/// Why a record is not valid, as a clause ("its id is empty").
pub fn invalid(why: &Invalid) -> String {
    match why {
        Invalid::Empty(f) => format!("its {} is empty", field(*f)),
        Invalid::ControlCharacters(f) => format!("its {} contains control characters", field(*f)),
        Invalid::Time { field, value } => format!(
            "its {} time (\"{value}\") is not a date and time in the stored form",
            time_field(*field)
        ),
        Invalid::Inverted { start, end } => {
            format!("its position starts after it ends ({start}..{end})")
        }
        Invalid::BlockBeyond { block } => {
            format!("its paragraph number ({block}) is beyond any article's")
        }
    }
}

/// Why stored data cannot be read, as a clause ("it is not valid JSON (…)").
pub fn problem(p: &Problem) -> String {
    match p {
        Problem::NotJson(detail) => format!("it is not valid JSON ({detail})"),
        Problem::WrongShape(detail) => format!("it does not have the expected fields ({detail})"),
        Problem::NotPacked(detail) => format!("it is not valid packed data: {detail}"),
        Problem::NamesAnother { named, key } => {
            format!("it names \"{named}\" but is stored under \"{key}\"")
        }
        Problem::Invalid(why) => invalid(why),
        Problem::NoVersion => "it has no \"version\"".into(),
        Problem::VersionNotNumber => "its \"version\" is not a whole number".into(),
        Problem::NoSuchVersion(v) => format!("version {v} does not exist"),
        Problem::NotVersion1(v) => {
            format!("it says version {v}, but this key only ever held version 1")
        }
        Problem::NoHighlightList => "it has no list of highlights".into(),
    }
}

fn entries(list: &[(usize, Problem)]) -> String {
    list.iter()
        .map(|(i, p)| format!("highlight {i}: {}", problem(p)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A notice from the store, in words.
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::Unreadable {
            what,
            problem: p,
            backup_key,
            not_kept,
            ..
        } => {
            let what = match what {
                Stored::Record(kind) => format!("A stored {}", kind_noun(*kind)),
                Stored::Meta => "The note of which version your data is".into(),
                Stored::Legacy => "Your highlights from an earlier version of this app".into(),
                Stored::Other(key) => format!("The data stored under \"{key}\""),
            };
            match (backup_key, not_kept) {
                (Some(_), _) => format!(
                    "{what} could not be read: {}. It has been kept aside so nothing is lost; \
                     you can download it. Your other annotations are not affected.",
                    problem(p)
                ),
                (None, e) => format!(
                    "{what} could not be read: {}. It could not be kept aside ({}), so it is left \
                     where it was; you can download it. Your other annotations are not affected.",
                    problem(p),
                    e.as_ref().map_or_else(String::new, store_error)
                ),
            }
        }
        Notice::UnreadableV1 { entries: list, .. } => format!(
            "{} from an earlier version of this app could not be read ({}). The earlier data \
             is kept aside so nothing is lost; you can download it. Your other highlights are \
             not affected.",
            count(list.len(), "of your highlights", "of your highlights"),
            entries(list)
        ),
        Notice::ReadOnly {
            version,
            unreadable,
        } => {
            let mut message = read_only(*version);
            if *unreadable > 0 {
                message.push_str(&format!(
                    " {} could not be shown by this version; they are left untouched.",
                    count(*unreadable, "stored item", "stored items")
                ));
            }
            message
        }
        Notice::Unavailable { error } => format!(
            "Your highlights, notes and bookmarks could not be loaded. {}",
            store_error(error)
        ),
        Notice::MigrationIncomplete {
            error, unreadable, ..
        } => {
            let mut message = format!(
                "Your highlights were upgraded for this version of the app but could not all be saved. {} \
                 They are shown, the ones not saved yet are kept in the earlier copy so nothing is lost, \
                 and saving them is tried again at your next change.",
                store_error(error)
            );
            if !unreadable.is_empty() {
                message.push_str(&format!(
                    " {} could not be read ({}).",
                    count(unreadable.len(), "of them", "of them"),
                    entries(unreadable)
                ));
            }
            message
        }
    }
}

fn json_kind(k: JsonKind) -> &'static str {
    match k {
        JsonKind::Null => "nothing (null)",
        JsonKind::Boolean => "true or false",
        JsonKind::Number => "a number",
        JsonKind::Text => "text",
        JsonKind::List => "a list",
        JsonKind::Object => "an object",
    }
}

/// Why a reader's file gave no article (said by the worker, which alone links the extraction).
#[cfg(feature = "extract")]
pub fn own_refused(refusal: &reader_import::own::Refusal) -> String {
    use reader_import::own::Refusal;
    match refusal {
        Refusal::TooLarge { bytes } => format!(
            "it is {}; files of up to {} can be added",
            size(*bytes),
            size(reader_import::MAX_PAGE_BYTES)
        ),
        Refusal::NotText => {
            "it is not a web page, Markdown or text file (a PDF, an image or an archive cannot be added)".into()
        }
        Refusal::Empty => "it holds no text".into(),
        Refusal::NoArticle(why) => why.clone(),
    }
}

/// What adding `total` files came to: `added` were added, `there` already there, and `images`
/// image files given with them were kept with them.
pub fn added_summary(added: usize, there: usize, total: usize, images: usize) -> String {
    let mut said = format!("Added {added} of {}", count(total, "file", "files"));
    if images > 0 {
        said.push_str(&format!(", with {}", count(images, "image", "images")));
    }
    if there > 0 {
        said.push_str(&format!(
            "; {} already in your library",
            if there == 1 {
                "1 was".to_string()
            } else {
                format!("{there} were")
            }
        ));
    }
    said.push('.');
    said
}

/// Files chosen, dropped or pasted while others are being added: how many wait.
pub fn waiting(files: usize) -> String {
    format!(
        "Then {}, added after these.",
        count(files, "more file", "more files")
    )
}

/// Shown when the app has stopped on an error of its own (a panic).
pub const APP_STOPPED: &str =
    "Something went wrong and the reader stopped. What was saved before this is kept.";
/// The link that goes on after [`APP_STOPPED`].
pub const RELOAD: &str = "Reload the page";
/// A part of the app loaded on first use could not be fetched; `what` names what it draws
/// ("The reading settings", a capital first).
pub fn part_not_loaded(what: &str) -> String {
    format!("{what} could not be loaded. If you are offline, try again once you are online.")
}
/// What the library page's part draws.
pub const LIBRARY_PAGE: &str = "The library";
/// What the library's lazy part (its lower sections) draws.
pub const LIBRARY_PART: &str =
    "Adding articles, searching your highlights, export, import and storage";
/// What the library's lazy part does when the reader deletes one of their articles.
pub const DELETING_PART: &str = "Deleting your article";
/// What the annotating part (the highlight toolbar and editor) draws.
pub const ANNOTATING_PART: &str = "Highlighting and notes";
/// What the storage notices' part draws.
pub const NOTICES_PART: &str = "The notices about your saved data";
/// What the undo bar's part draws.
pub const UNDO_PART: &str = "The offer to undo";
/// What the offer to continue reading (its part) draws.
pub const CONTINUE_PART: &str = "The offer to continue where you left off";
/// What the update button's part draws.
pub const UPDATE_PART: &str = "The button to load the new version";
/// What the dialogs' lazy part draws.
pub const DIALOGS_PART: &str = "The reading settings and the keyboard shortcuts";

/// An image file the reader added that none of the files added with it shows.
pub const IMAGE_NOT_SHOWN: &str = "an image is kept with the saved page or Markdown file that shows it, and none of the files added with it does";

/// An image file the reader added that a file named but that the app does not keep.
pub const IMAGE_NOT_SHOWABLE: &str = "it is not an image the app keeps (a JPEG, PNG, GIF, WebP or AVIF file of up to 20 MB; an SVG can hold scripts)";

/// In place of an image a reader's saved page named but did not hold (never fetched).
pub const IMAGE_NOT_SAVED: &str = "The image was not saved with the page.";

/// Why the article made of a reader's file was not added beside the one in its place (after
/// "Not added: "): its JSON is not of the shape the worker makes (never expected).
pub const OWN_NOT_MOVED: &str =
    "the article made of it could not be placed beside the one in its place";

/// One of the reader's own articles that is no longer in this browser.
pub const OWN_GONE: &str = "This article is not in this browser’s library: it may have been deleted, or added in another browser.";

/// Why the browser's store of the reader's own articles could not be used.
#[cfg(not(feature = "ssr"))]
pub fn own_store_error(e: &crate::own_store::StoreError) -> String {
    use crate::own_store::StoreError;
    match e {
        StoreError::Unavailable => {
            "this browser does not let the app keep articles (a private window may not)".into()
        }
        StoreError::Full => {
            "the browser’s storage for this site is full: delete some of your articles to make room"
                .into()
        }
        StoreError::Failed(name) => format!("the browser’s store failed ({name})"),
    }
}

/// Said once Undo has put back the reader's article “`title`”, deleted from `slug`, as `put`
/// says: at its slug, beside an article added since in its place, or (its words added again
/// since) into that article, which takes back what was deleted with it.
pub fn own_put_back(title: &str, slug: &str, put: &reader_core::library::Place) -> String {
    use reader_core::library::Place;
    match put {
        Place::At(at) if at == slug => format!("“{title}” restored"),
        Place::At(_) => {
            format!("“{title}” restored beside the article added in its place since")
        }
        Place::Into(_) => {
            format!("“{title}” restored into the copy of it added since")
        }
    }
}

/// Why the reader's article “`title`” was not deleted (nothing of it was).
#[cfg(not(feature = "ssr"))]
pub fn own_not_deleted(title: &str, e: &crate::own_store::StoreError) -> String {
    format!("“{title}” was not deleted: {}", own_store_error(e))
}

/// Why Undo could not put back the reader's article “`title`”.
#[cfg(not(feature = "ssr"))]
pub fn own_not_put_back(title: &str, e: &crate::own_store::StoreError) -> String {
    format!("“{title}” could not be put back: {}", own_store_error(e))
}

/// Why Undo could not put back the earlier copy of the reader's article “`title`”, replaced by
/// a newer one.
#[cfg(not(feature = "ssr"))]
pub fn own_earlier_not_put_back(title: &str, e: &crate::own_store::StoreError) -> String {
    format!(
        "“{title}”’s earlier copy could not be put back: {}",
        own_store_error(e)
    )
}

/// What a backup holds, once downloaded: `articles` of the reader's own, `records`
/// annotations; `unreadable` articles could not be read from the store and are not in it. When
/// the file is `bytes` long beyond what a restore reads ([`reader_core::backup::MAX_BYTES`]),
/// that it cannot be restored and what to do.
pub fn backed_up(articles: usize, records: usize, unreadable: usize, bytes: usize) -> String {
    let mut said = format!(
        "Backup downloaded: your settings, {} you added and {}.",
        count(articles, "article", "articles"),
        count(records, "annotation", "annotations")
    );
    if unreadable > 0 {
        said.push_str(&format!(
            " {} could not be read from this browser’s store and {} not in it.",
            count(unreadable, "article", "articles"),
            if unreadable == 1 { "is" } else { "are" }
        ));
    }
    let most = reader_core::backup::MAX_BYTES;
    if bytes > most {
        said.push_str(&format!(
            " It is {}, more than the {} a restore can read: keep it, and for a backup you can restore, delete some of the articles you added (their images take the most room) and back up again; “Export as JSON” keeps your annotations in a small file.",
            size(bytes),
            size(most)
        ));
    }
    said
}

/// Why a backup file was refused as a whole.
pub fn backup_error(e: &reader_core::backup::BackupError) -> String {
    use reader_core::backup::BackupError;
    match e {
        BackupError::NotJson(_) => {
            "This file is not a backup of this app: it is not JSON. Nothing was changed.".into()
        }
        BackupError::NotABackup => "This file is not a backup of this app (a file of annotations is imported with “Import JSON…”). Nothing was changed.".into(),
        BackupError::Newer(v) => format!(
            "This backup was made by a newer version of this app (backup format {v}); reload the app to update it, then restore again. Nothing was changed."
        ),
        BackupError::TooLarge { bytes } => format!(
            "The file is {}; backups of up to {} can be restored. Nothing was changed.",
            size(*bytes),
            size(reader_core::backup::MAX_BYTES)
        ),
    }
}

/// What in a backup was not restored, and why.
pub fn backup_skip(s: &reader_core::backup::Skip) -> String {
    use reader_core::backup::Skip;
    match s {
        Skip::ArticleUnreadable { item, why } => {
            format!("Article {item} of the backup could not be read ({why}).")
        }
        Skip::NotOwnArticle { item, slug } => format!(
            "Article {item} of the backup (“{slug}”) is not one you added; only articles you added are restored."
        ),
        Skip::ImageUnreadable { title } => {
            format!("The image of “{title}” could not be read; the article is restored without it.")
        }
        Skip::RecordUnreadable { item, key, why } => match key {
            Some(key) => format!("Annotation {item} of the backup ({key}) could not be read ({why})."),
            None => format!("Annotation {item} of the backup could not be read ({why})."),
        },
    }
}

/// What restoring the reader's own articles from a backup came to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticlesRestored {
    pub added: usize,
    pub there: usize,
    /// Articles not added: title, and why.
    pub failed: Vec<(String, String)>,
}

/// What restoring a backup made on `made` came to, in words: its articles, its annotations
/// (merged as an import is: their report, or why they were not), its settings; `skipped` is
/// what the backup held that could not be read (in words).
pub fn restore_report(
    made: &str,
    articles: &ArticlesRestored,
    annotations: Option<Result<ImportSummary, String>>,
    settings: bool,
    skipped: Vec<String>,
) -> ImportSummary {
    let mut headline = if made.is_empty() {
        "Backup restored.".to_string()
    } else {
        format!("Backup of {} restored.", date_time(made))
    };
    let total = articles.added + articles.there + articles.failed.len();
    if total > 0 {
        let parts: Vec<String> = [
            (articles.added, "added"),
            (articles.there, "already here"),
            (articles.failed.len(), "not added"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, said)| format!("{n} {said}"))
        .collect();
        headline.push_str(&format!(
            " Your {}: {}.",
            if total == 1 { "article" } else { "articles" },
            parts.join(", ")
        ));
    }
    let mut details = skipped;
    details.extend(
        articles
            .failed
            .iter()
            .map(|(title, why)| format!("“{title}” was not added: {why}.")),
    );
    match annotations {
        Some(Ok(summary)) => {
            headline.push_str(&format!(" Annotations: {}", summary.headline));
            details.extend(summary.details);
        }
        Some(Err(why)) => headline.push_str(&format!(" Annotations not restored: {why}")),
        None => {}
    }
    if settings {
        headline.push_str(" Settings restored.");
    }
    ImportSummary { headline, details }
}

/// Why a file was refused as a whole.
pub fn import_error(e: &ImportError) -> String {
    let expected = "It should be an export from this app (W3C Web Annotation JSON) or a search \
                    exported from Hypothesis.";
    match e {
        ImportError::TooLarge { bytes } => format!(
            "The file is {}; imports are limited to {}. Nothing was changed.",
            size(*bytes),
            size(reader_core::formats::web_annotation::IMPORT_MAX_BYTES)
        ),
        ImportError::InvalidJson(_) => {
            format!("This file is not a file of annotations: it is not JSON. {expected} Nothing was changed.")
        }
        ImportError::WrongShape(shape) => {
            let found = match shape {
                Shape::Found(k) => format!("it holds {}", json_kind(*k)),
                Shape::OtherType(t) => format!("it holds a “{t}”, not annotations"),
                Shape::NoType => "it holds an object that does not say what it is".into(),
                Shape::PagesAreLinks => {
                    "its pages of annotations are links to elsewhere, not in the file".into()
                }
                Shape::FirstIs(k) | Shape::ItemsIs(k) => {
                    format!("its list of annotations is {}", json_kind(*k))
                }
                Shape::PageWithoutItems => "a page of it has no annotations".into(),
            };
            format!(
                "This file is not a file of annotations: {found}. {expected} Nothing was changed."
            )
        }
        ImportError::ReadOnly { version } => {
            format!("{} Nothing was imported.", read_only(*version))
        }
    }
}

/// Why a backup's annotations were not merged into the reader's (`why`: the record that could
/// not be read, and how), after "Annotations not restored: ". Its articles may have been added,
/// so not "Nothing was changed".
pub fn records_unmerged(why: &str) -> String {
    format!("a record could not be read ({why}); your annotations are as they were.")
}

/// What a screen reader says for a note's link, whose words (`[1]`, `1.`, `^`) say little.
pub fn note_link(link: reader_core::article::NoteLink) -> String {
    use reader_core::article::NoteLink;
    match link {
        NoteLink::Reference(n) => format!("Note {n}"),
        NoteLink::Back(Some(n)) => format!("Note {n}: back to the text"),
        NoteLink::Back(None) => "Back to the text".into(),
    }
}

/// Why a job handed to a worker could not be done (`what`: "The export", "Adding it"): its
/// reason, or `None` when the part of the app that does it could not be loaded.
pub fn job_failed(what: &str, why: Option<&str>) -> String {
    match why {
        None => format!(
            "{what} could not be done: the part of the app that does it could not be loaded. \
             It is loaded the first time it is used; if you are offline, try again once you are \
             online. Nothing was changed."
        ),
        Some(reason) => format!("{what} could not be done ({reason}). Nothing was changed."),
    }
}

fn page(p: &Page) -> String {
    match &p.title {
        Some(title) => format!("“{title}” ({})", p.uri),
        None => p.uri.clone(),
    }
}

/// Why one annotation of a file was not imported, as a clause.
pub fn skip(s: &Skip) -> String {
    match s {
        Skip::NotAnObject(k) => format!("it is {}, not an annotation", json_kind(*k)),
        Skip::NotAnAnnotation => "it is not an annotation".into(),
        Skip::NoId => "it has no id".into(),
        Skip::NotText { field, found } => {
            format!("its “{field}” is {}, not text", json_kind(*found))
        }
        Skip::NoDate => "it has no date".into(),
        Skip::BadDate { field, value } => format!("its {field} date (“{value}”) is not a date"),
        Skip::NoTarget => "it does not say what it is about".into(),
        Skip::TargetIs(k) => format!("what it is about is {}", json_kind(*k)),
        Skip::NoSource => "it does not say which article it is about".into(),
        Skip::UnknownArticle(source) => {
            format!("it is about an article this library does not have ({source})")
        }
        Skip::NotAParagraph(selector) => {
            format!("it bookmarks “{selector}”, which is not a paragraph")
        }
        Skip::OtherPart => "it bookmarks a part of an article other than a paragraph".into(),
        Skip::OnlyALink => "it is a highlight without its words".into(),
        Skip::NoQuote => "it is a highlight without its words (no TextQuoteSelector)".into(),
        Skip::NoPosition => {
            "it is a highlight without its position (no TextPositionSelector)".into()
        }
        Skip::NoExact => "its highlighted words are missing".into(),
        Skip::MissingNumber(field) => format!("its position has no “{field}”"),
        Skip::NotWholeNumber(field) => format!("its position's “{field}” is not a whole number"),
        Skip::Motivation(list) => format!(
            "it is a kind of annotation this app does not keep ({})",
            list.join(", ")
        ),
        Skip::Invalid(why) => invalid(why),
        Skip::Duplicate => "it is in the file twice; the newer copy was used".into(),
        Skip::Unchanged => "it is already here".into(),
        Skip::NewerHere => "a newer version is already here".into(),
        Skip::ArticleFull { limit } => {
            format!("its article already has {limit} highlights, the most one article can hold")
        }
        Skip::Reply(p) => format!(
            "it is a reply in a discussion of {}; replies are not kept",
            page(p)
        ),
        Skip::PageNote(p) => format!(
            "it is a note on the whole of {}, not on a passage; this app keeps notes on passages",
            page(p)
        ),
        Skip::OtherPage(p) => format!("it is about {}, which is not in this library", page(p)),
        Skip::EmptyQuote(p) => format!("its highlighted words on {} are empty", page(p)),
    }
}

/// An import report: a sentence in words, and the details to fold away.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub headline: String,
    pub details: Vec<String>,
}

/// Said after an import's report when `n` of its records could not be written (`e`, the first
/// reason): " 2 of them could not be saved: …".
pub fn not_saved(n: usize, e: &StoreError) -> String {
    format!(
        " {} could not be saved: {}",
        count(n, "of them", "of them"),
        store_error(e)
    )
}

/// What an import did, in words: "4 highlights and 2 bookmarks added to “Title”; 1 already
/// here." `read_skips` are the annotations the worker skipped as it read the file (position,
/// why: [`skip`]'s words), beside those the merge skipped (in `report`); `title` names an
/// article by its slug.
pub fn import_report(
    report: &ImportReport,
    read_skips: &[(usize, String)],
    title: impl Fn(&str) -> String,
) -> ImportSummary {
    // Per article, in file order: what was added and updated, by kind.
    let mut articles: Vec<(&str, Vec<&Change>)> = Vec::new();
    for change in &report.changes {
        match articles
            .iter_mut()
            .find(|(slug, _)| *slug == change.article)
        {
            Some((_, list)) => list.push(change),
            None => articles.push((&change.article, vec![change])),
        }
    }
    let mut parts = Vec::new();
    for (slug, changes) in &articles {
        for (added, verb) in [(true, "added to"), (false, "updated in")] {
            let kinds: Vec<String> = RecordKind::ALL
                .iter()
                .filter_map(|&kind| {
                    let n = changes
                        .iter()
                        .filter(|c| c.kind == kind && c.added == added)
                        .count();
                    (n > 0).then(|| kind_count(kind, n))
                })
                .collect();
            if !kinds.is_empty() {
                parts.push(format!("{} {verb} “{}”", and_list(&kinds), title(slug)));
            }
        }
    }
    let here = report
        .skipped
        .iter()
        .filter(|s| matches!(s.reason, Skip::Unchanged))
        .count();
    let other = report.skipped.len() - here + read_skips.len();
    let mut headline = if parts.is_empty() {
        "Nothing new was added".to_string()
    } else {
        parts.join("; ")
    };
    if here > 0 {
        headline.push_str(&format!("; {here} already here"));
    }
    if other > 0 {
        headline.push_str(&format!(
            "; {} not imported",
            count(other, "annotation", "annotations")
        ));
    }
    headline.push('.');
    if let Some(e) = &report.storage_error {
        headline.push_str(&not_saved(report.not_saved, e));
    }
    let mut details: Vec<(usize, String)> = report
        .skipped
        .iter()
        .filter(|s| !matches!(s.reason, Skip::Unchanged))
        .map(|s| (s.item, skip(&s.reason)))
        .chain(read_skips.iter().cloned())
        .collect();
    reader_core::sort::sort_by_key(&mut details, |(item, _)| *item);
    let details = details
        .into_iter()
        .map(|(item, why)| format!("Annotation {item} of the file: {why}."))
        .collect();
    ImportSummary { headline, details }
}

/// Why a library file (the index, or an article's data) could not be read.
#[cfg_attr(feature = "ssr", allow(dead_code))]
pub fn load_error(file: &str, e: &reader_core::library::LoadError) -> String {
    use reader_core::library::LoadError;
    match e {
        LoadError::Malformed(_) => {
            format!("{file} is damaged or not a library file; reloading may fetch a good copy.")
        }
        LoadError::Version(v) => format!(
            "{file} is from another version of this site (format {v}); reloading will fetch this version's."
        ),
        LoadError::WrongArticle { expected, found } => {
            format!("{file} holds the article “{found}”, not “{expected}”.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reader_core::formats::web_annotation::import::Skipped;

    #[test]
    fn an_adding_says_what_came_of_the_files_and_their_images() {
        assert_eq!(added_summary(1, 0, 1, 0), "Added 1 of 1 file.");
        assert_eq!(
            added_summary(2, 1, 4, 1),
            "Added 2 of 4 files, with 1 image; 1 was already in your library."
        );
        assert_eq!(
            added_summary(1, 0, 1, 2),
            "Added 1 of 1 file, with 2 images."
        );
    }

    #[test]
    fn a_backup_and_a_restore_say_what_they_hold() {
        assert_eq!(
            backed_up(1, 12, 0, 5_000),
            "Backup downloaded: your settings, 1 article you added and 12 annotations."
        );
        assert_eq!(
            backed_up(0, 1, 2, 5_000),
            "Backup downloaded: your settings, 0 articles you added and 1 annotation. 2 articles could not be read from this browser’s store and are not in it."
        );
        assert_eq!(
            backed_up(300, 0, 0, 450 << 20),
            "Backup downloaded: your settings, 300 articles you added and 0 annotations. It is 450.0 MB, more than the 400.0 MB a restore can read: keep it, and for a backup you can restore, delete some of the articles you added (their images take the most room) and back up again; “Export as JSON” keeps your annotations in a small file."
        );
        let articles = ArticlesRestored {
            added: 2,
            there: 1,
            failed: vec![(
                "A page".into(),
                "the browser’s store failed (UnknownError)".into(),
            )],
        };
        let annotations = ImportSummary {
            headline: "1 highlight added to “A page”.".into(),
            details: vec!["Annotation 3 of the file: why.".into()],
        };
        let summary = restore_report(
            "2026-12-01T00:10:00.000Z",
            &articles,
            Some(Ok(annotations)),
            true,
            vec!["Article 4 of the backup could not be read (why).".into()],
        );
        assert_eq!(
            summary.headline,
            "Backup of 1 December 2026 at 00:10 UTC restored. Your articles: 2 added, 1 already here, 1 not added. Annotations: 1 highlight added to “A page”. Settings restored."
        );
        assert_eq!(
            summary.details,
            [
                "Article 4 of the backup could not be read (why).",
                "“A page” was not added: the browser’s store failed (UnknownError).",
                "Annotation 3 of the file: why."
            ]
        );
        let only_there = ArticlesRestored {
            there: 1,
            ..ArticlesRestored::default()
        };
        let summary = restore_report(
            "",
            &only_there,
            Some(Err("annotations are read-only here.".into())),
            false,
            vec![],
        );
        assert_eq!(
            summary.headline,
            "Backup restored. Your article: 1 already here. Annotations not restored: annotations are read-only here."
        );
        // A record that cannot be read stops the merge, not the articles already added.
        let one_added = ArticlesRestored {
            added: 1,
            ..ArticlesRestored::default()
        };
        let why = records_unmerged("hl:h1: MissingField(\"quote\")");
        let summary = restore_report("", &one_added, Some(Err(why)), false, vec![]);
        assert_eq!(
            summary.headline,
            "Backup restored. Your article: 1 added. Annotations not restored: a record could not be read (hl:h1: MissingField(\"quote\")); your annotations are as they were."
        );
    }

    #[test]
    fn plurals_lists_and_sizes_read_as_words() {
        assert_eq!(count(1, "article", "articles"), "1 article");
        assert_eq!(count(0, "match", "matches"), "0 matches");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(3 * 1024 * 1024 * 1024), "3.0 GB");
        assert_eq!(space(12.0 * 1_073_741_824.0), "12.0 GB");
        assert_eq!(space(2048.0), "2.0 KB");
        assert_eq!(size(12_595), "12.3 KB");
        // Rounded to the nearest tenth, as `{:.1}` of the quotient did.
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(1024), "1.0 KB");
        assert_eq!(size(5_138_022), "4.9 MB");
        assert_eq!(size(400 << 20), "400.0 MB");
        assert_eq!(size((1 << 20) - 1), "1024.0 KB");
        assert_eq!(date("2026-11-30T09:48:28.697Z"), "30 November 2026");
        assert_eq!(
            date_time("2026-11-30T09:48:28.697Z"),
            "30 November 2026 at 09:48 UTC"
        );
    }

    #[test]
    fn an_import_report_is_summed_up_in_words_with_details_apart() {
        let change = |kind, added| Change {
            kind,
            article: "a-story".into(),
            added,
        };
        let report = ImportReport {
            added: 6,
            updated: 0,
            changes: [RecordKind::Highlight; 4]
                .into_iter()
                .chain([RecordKind::Bookmark; 2])
                .map(|k| change(k, true))
                .collect(),
            skipped: vec![
                Skipped {
                    item: 7,
                    id: Some("urn:reader:highlight:h-1a22bd733a7-x".into()),
                    reason: Skip::Unchanged,
                },
                Skipped {
                    item: 8,
                    id: None,
                    reason: Skip::NoId,
                },
            ],
            not_saved: 0,
            storage_error: None,
        };
        let summary = import_report(&report, &[], |_| "10 North Korean Defectors".into());
        assert_eq!(
            summary.headline,
            "4 highlights and 2 bookmarks added to “10 North Korean Defectors”; 1 already here; 1 annotation not imported."
        );
        assert_eq!(summary.details, ["Annotation 8 of the file: it has no id."]);
        // Skipped as the worker read the file: counted, and listed in file order.
        let read = [(9, skip(&Skip::NoDate)), (2, skip(&Skip::Duplicate))];
        let summary = import_report(&report, &read, |_| "10 North Korean Defectors".into());
        assert!(summary
            .headline
            .ends_with("; 1 already here; 3 annotations not imported."));
        assert_eq!(
            summary.details,
            [
                "Annotation 2 of the file: it is in the file twice; the newer copy was used.",
                "Annotation 8 of the file: it has no id.",
                "Annotation 9 of the file: it has no date."
            ]
        );
        assert!(!summary.headline.contains("urn:"));
    }
}
