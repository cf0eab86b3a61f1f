//! The W3C Web Annotation export meets every MUST of the Web Annotation Data Model
//! (<https://www.w3.org/TR/annotation-model/>, Recommendation of 23 February 2017) and of its
//! Vocabulary's rules for extensions, for every kind of record, whatever the reader typed.
//!
//! The checks are written from the specification's text, section by section; where the W3C
//! Working Group's own test assertions (web-platform-tests, `annotation-model/`) are stricter
//! than the text, as for `styleClass` without a `stylesheet`, they are checked too.

use std::collections::BTreeSet;

use proptest::prelude::*;
use reader_core::anchoring::{Selectors, TextPositionSelector, TextQuoteSelector};
use reader_core::formats::web_annotation::to_web_annotations;
use reader_core::formats::ArticleInfo;
use reader_core::store::{
    Annotations, Bookmark, Color, Highlight, MemoryKv, Record, SavedArticle, Store,
};
use serde_json::{Map, Value};

const ANNO: &str = "http://www.w3.org/ns/anno.jsonld";

/// Every violation found in an exported file, as "where: rule".
fn violations(file: &Value) -> Vec<String> {
    let mut found = Vec::new();
    collection(file, &mut found);
    found
}

fn is_iri(v: &Value) -> bool {
    // An absolute IRI: a scheme, a colon, and no whitespace or control characters.
    let Some(s) = v.as_str() else { return false };
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_utc_datetime(v: &Value) -> bool {
    // xsd:dateTime with the UTC timezone expressed as "Z" (§3.3.1).
    let Some(s) = v.as_str() else { return false };
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
    if !(b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19))
    {
        return false;
    }
    let rest = &s[19..];
    let fraction_ok = match rest.strip_prefix('.') {
        Some(f) => f.len() > 1 && f[..f.len() - 1].bytes().all(|d| d.is_ascii_digit()),
        None => true,
    };
    fraction_ok
        && rest.ends_with('Z')
        && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10))
        && num(11..13) < 24
        && num(14..16) < 60
        && num(17..19) < 60
}

fn non_negative_integer(v: Option<&Value>) -> bool {
    v.is_some_and(|n| n.is_u64())
}

/// §3.1 (and §5.1 for collections): 1 or more @context values, the W3C one among them; a
/// single value as a string. Vocabulary §4: extension contexts must not redefine the W3C keys.
fn context(where_: &str, v: Option<&Value>, found: &mut Vec<String>) -> BTreeSet<String> {
    let mut prefixes = BTreeSet::new();
    match v {
        Some(Value::String(s)) if s == ANNO => {}
        Some(Value::Array(items)) if items.len() >= 2 && items.contains(&Value::from(ANNO)) => {
            for item in items {
                match item {
                    Value::String(_) => {}
                    Value::Object(terms) => {
                        for (term, iri) in terms {
                            const ANNO_TERMS: [&str; 12] = [
                                "id",
                                "type",
                                "source",
                                "selector",
                                "target",
                                "body",
                                "value",
                                "styleClass",
                                "stylesheet",
                                "motivation",
                                "created",
                                "modified",
                            ];
                            if ANNO_TERMS.contains(&term.as_str()) {
                                found.push(format!("{where_}: its context redefines \"{term}\""));
                            }
                            if !is_iri(iri) {
                                found.push(format!(
                                    "{where_}: its context maps \"{term}\" to a non-IRI"
                                ));
                            }
                            prefixes.insert(term.clone());
                        }
                    }
                    _ => found.push(format!(
                        "{where_}: a @context member is neither an IRI nor an object"
                    )),
                }
            }
        }
        other => found.push(format!(
            "{where_}: @context {other:?} is not the W3C context (or an array holding it)"
        )),
    }
    prefixes
}

/// Vocabulary §4: a property that is not the model's must be a term the context defines; a
/// compact IRI ("reader:textHash") needs its prefix declared, or JSON-LD drops it.
fn extension_keys(
    where_: &str,
    object: &Map<String, Value>,
    prefixes: &BTreeSet<String>,
    found: &mut Vec<String>,
) {
    for key in object.keys() {
        if let Some((prefix, _)) = key.split_once(':') {
            if !prefixes.contains(prefix) {
                found.push(format!(
                    "{where_}: \"{key}\" uses the undeclared prefix \"{prefix}\""
                ));
            }
        }
    }
}

fn collection(v: &Value, found: &mut Vec<String>) {
    let Some(c) = v.as_object() else {
        found.push("collection: not an object".into());
        return;
    };
    context("collection", c.get("@context"), found);
    if !c.get("id").is_some_and(is_iri) {
        found.push("collection: id is not exactly one IRI (§5.1)".into());
    }
    if c.get("type") != Some(&Value::from("AnnotationCollection")) {
        found.push("collection: type is not AnnotationCollection (§5.1)".into());
    }
    if let Some(label) = c.get("label") {
        if !label.is_string() {
            found.push("collection: label is not a string (§5.1)".into());
        }
    }
    let total = c.get("total");
    if total.is_some() && !non_negative_integer(total) {
        found.push("collection: total is not a non-negative integer (§5.1)".into());
    }
    let total = total.and_then(Value::as_u64).unwrap_or(0);
    match c.get("first") {
        None if total > 0 => found.push("collection: total > 0 but no first page (§5.1)".into()),
        None => {}
        Some(page) => {
            let Some(p) = page.as_object() else {
                found.push("collection: first is not an embedded page".into());
                return;
            };
            if !p.get("id").is_some_and(is_iri) {
                found.push("page: id is not exactly one IRI (§5.2)".into());
            }
            if p.get("type") != Some(&Value::from("AnnotationPage")) {
                found.push("page: type is not AnnotationPage (§5.2)".into());
            }
            if p.contains_key("@context") {
                found.push("page: an embedded page has its own @context (§5.2 SHOULD NOT)".into());
            }
            if p.contains_key("startIndex") && !non_negative_integer(p.get("startIndex")) {
                found.push("page: startIndex is not a non-negative integer (§5.2)".into());
            }
            match p.get("items").and_then(Value::as_array) {
                Some(items) if !items.is_empty() => {
                    let start = p.get("startIndex").and_then(Value::as_u64).unwrap_or(0);
                    if start + (items.len() as u64) < total && !p.get("next").is_some_and(is_iri) {
                        found.push("page: not the last page but no next (§5.2)".into());
                    }
                    for (i, item) in items.iter().enumerate() {
                        annotation(&format!("items[{i}]"), item, found);
                    }
                }
                _ => {
                    found.push("page: items is not an array of 1 or more annotations (§5.2)".into())
                }
            }
        }
    }
}

fn annotation(where_: &str, v: &Value, found: &mut Vec<String>) {
    let Some(a) = v.as_object() else {
        found.push(format!("{where_}: not an object"));
        return;
    };
    let prefixes = context(where_, a.get("@context"), found);
    extension_keys(where_, a, &prefixes, found);
    // §3.1: exactly 1 IRI; 1 or more types, Annotation among them; 1 or more targets.
    if !a.get("id").is_some_and(is_iri) {
        found.push(format!("{where_}: id is not exactly one IRI (§3.1)"));
    }
    let typed = match a.get("type") {
        Some(Value::String(t)) => t == "Annotation",
        Some(Value::Array(ts)) => ts.contains(&Value::from("Annotation")),
        _ => false,
    };
    if !typed {
        found.push(format!(
            "{where_}: Annotation is not among its types (§3.1)"
        ));
    }
    if let Some(m) = a.get("motivation") {
        let strings = match m {
            Value::String(_) => true,
            Value::Array(ms) => ms.iter().all(Value::is_string),
            _ => false,
        };
        if !strings {
            found.push(format!(
                "{where_}: motivation is not a motivation name (§3.3.5)"
            ));
        }
    }
    // §3.3.1: created, modified: at most one each, xsd:dateTime in UTC with "Z".
    for key in ["created", "modified", "generated"] {
        if let Some(t) = a.get(key) {
            if !is_utc_datetime(t) {
                found.push(format!(
                    "{where_}: {key} {t} is not an xsd:dateTime in UTC with Z (§3.3.1)"
                ));
            }
        }
    }
    // §3.2.5: bodyValue excludes body, and is a single string.
    if a.contains_key("bodyValue") && a.contains_key("body") {
        found.push(format!("{where_}: both body and bodyValue (§3.2.5)"));
    }
    if a.get("bodyValue").is_some_and(|b| !b.is_string()) {
        found.push(format!(
            "{where_}: bodyValue is not a single string (§3.2.5)"
        ));
    }
    for (i, body) in one_or_many(a.get("body")).into_iter().enumerate() {
        let at = format!("{where_}.body[{i}]");
        match body {
            Value::String(_) if is_iri(body) => {}
            Value::Object(b) => {
                extension_keys(&at, b, &prefixes, found);
                // §3.2.4: a TextualBody has exactly one value, a string, and no source.
                if b.get("type") == Some(&Value::from("TextualBody")) || b.contains_key("value") {
                    if !b.get("value").is_some_and(Value::is_string) {
                        found.push(format!(
                            "{at}: a TextualBody without exactly one string value (§3.2.4)"
                        ));
                    }
                    if b.contains_key("source") {
                        found.push(format!("{at}: a TextualBody with a source"));
                    }
                }
                if let Some(dir) = b.get("textDirection") {
                    if !["ltr", "rtl", "auto"].contains(&dir.as_str().unwrap_or("")) {
                        found.push(format!(
                            "{at}: textDirection is not ltr, rtl or auto (§3.2.1)"
                        ));
                    }
                }
            }
            _ => found.push(format!(
                "{at}: a body is neither an IRI nor a resource (§3.2)"
            )),
        }
    }
    let targets = one_or_many(a.get("target"));
    if targets.is_empty() {
        found.push(format!("{where_}: no target (§3.1)"));
    }
    let mut style_classes = Vec::new();
    for (i, target) in targets.into_iter().enumerate() {
        let at = format!("{where_}.target[{i}]");
        match target {
            Value::String(_) if is_iri(target) => {}
            Value::Object(t) if t.contains_key("source") => {
                specific_resource(&at, t, &prefixes, &mut style_classes, found)
            }
            // §3.2.1: an External Web Resource has exactly one id, its IRI.
            Value::Object(t) => {
                extension_keys(&at, t, &prefixes, found);
                if !t.get("id").is_some_and(is_iri) {
                    found.push(format!("{at}: a resource without exactly one IRI (§3.2.1)"));
                }
            }
            _ => found.push(format!(
                "{at}: a target is neither an IRI nor a resource (§3.2)"
            )),
        }
    }
    // §4.4: 0 or 1 stylesheet: an IRI or an embedded CssStylesheet. WPT
    // 4.4-styleClassValidIfPresent (must): a styleClass needs an Annotation-level stylesheet,
    // and (§4.4) a class no stylesheet describes is ignored, so each class is described.
    match a.get("stylesheet") {
        None if !style_classes.is_empty() => found.push(format!(
            "{where_}: styleClass without an Annotation-level stylesheet (§4.4)"
        )),
        None => {}
        Some(s) if is_iri(s) => {}
        Some(Value::Object(s)) => {
            if s.get("type").is_some_and(|t| t != "CssStylesheet") {
                found.push(format!(
                    "{where_}: a stylesheet whose type is not CssStylesheet (§4.4)"
                ));
            }
            match (s.get("value"), s.get("id")) {
                (Some(Value::String(css)), None) => {
                    for class in &style_classes {
                        if !css.contains(&format!(".{class} "))
                            && !css.contains(&format!(".{class}{{"))
                        {
                            found.push(format!(
                                "{where_}: the stylesheet does not describe .{class} (§4.4)"
                            ));
                        }
                    }
                }
                (None, Some(id)) if is_iri(id) => {}
                _ => found.push(format!(
                    "{where_}: a stylesheet needs exactly one of value or id (§4.4)"
                )),
            }
        }
        Some(_) => found.push(format!(
            "{where_}: stylesheet is neither an IRI nor a CssStylesheet (§4.4)"
        )),
    }
}

/// §4: exactly one source; selectors of the right shape (§4.2.2, §4.2.4, §4.2.5); styleClass
/// a string or strings (§4.4). WPT recognises a Specific Resource only by one of selector,
/// state, styleClass, purpose, renderedVia or scope besides its source.
fn specific_resource(
    at: &str,
    t: &Map<String, Value>,
    prefixes: &BTreeSet<String>,
    style_classes: &mut Vec<String>,
    found: &mut Vec<String>,
) {
    extension_keys(at, t, prefixes, found);
    if !t.get("source").is_some_and(is_iri) {
        found.push(format!("{at}: source is not exactly one IRI (§4)"));
    }
    if ![
        "selector",
        "state",
        "styleClass",
        "purpose",
        "renderedVia",
        "scope",
    ]
    .iter()
    .any(|k| t.contains_key(*k))
    {
        found.push(format!("{at}: a Specific Resource with nothing but its source (WPT 3.2-targetObjectsRecognized)"));
    }
    match t.get("styleClass") {
        None => {}
        Some(Value::String(c)) => style_classes.push(c.clone()),
        Some(Value::Array(cs)) if !cs.is_empty() && cs.iter().all(Value::is_string) => {
            style_classes.extend(cs.iter().filter_map(Value::as_str).map(str::to_string))
        }
        Some(_) => found.push(format!(
            "{at}: styleClass is not a string or strings (§4.4)"
        )),
    }
    for (j, selector) in one_or_many(t.get("selector")).into_iter().enumerate() {
        let at = format!("{at}.selector[{j}]");
        let Some(s) = selector.as_object() else {
            if !is_iri(selector) {
                found.push(format!("{at}: neither an IRI nor a selector"));
            }
            continue;
        };
        extension_keys(&at, s, prefixes, found);
        let single_string = |k: &str| s.get(k).is_some_and(Value::is_string);
        match s.get("type").and_then(Value::as_str) {
            Some("TextQuoteSelector") => {
                if !single_string("exact") {
                    found.push(format!("{at}: exact is not exactly one string (§4.2.4)"));
                }
                for k in ["prefix", "suffix"] {
                    if s.contains_key(k) && !single_string(k) {
                        found.push(format!("{at}: {k} is not one string (§4.2.4)"));
                    }
                }
            }
            Some("TextPositionSelector") => {
                for k in ["start", "end"] {
                    if !non_negative_integer(s.get(k)) {
                        found.push(format!("{at}: {k} is not a non-negative integer (§4.2.5)"));
                    }
                }
            }
            Some("CssSelector") => {
                if !single_string("value") {
                    found.push(format!("{at}: value is not exactly one string (§4.2.2)"));
                }
            }
            Some(_) => {}
            None => found.push(format!("{at}: a selector without exactly one type")),
        }
    }
}

fn one_or_many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    }
}

fn article(slug: &str) -> ArticleInfo {
    ArticleInfo {
        slug: slug.into(),
        title: format!("Title of {slug}"),
        publication: "The Paper".into(),
        date: "10 November 2017".into(),
        url: format!("http://127.0.0.1:8080/articles/{slug}/"),
        ..ArticleInfo::default()
    }
}

const NOTES: [&str; 6] = [
    "",
    "A plain note.",
    "<script>alert(1)</script> <b>bold</b> & [link](javascript:x)",
    "Emoji 🙂👍🏽 and 北朝鮮, עברית\nsecond line",
    "\"quotes\" \\ backslash \u{0} nul \u{7} bell",
    "@context: {\"reader\": \"x\"}",
];

fn every_kind() -> Annotations {
    let mut state = Annotations::default();
    for (i, note) in NOTES.iter().enumerate() {
        state.insert(Record::Highlight(Highlight {
            id: format!("h-{i}"),
            article: "a-story".into(),
            selectors: Selectors {
                quote: TextQuoteSelector {
                    exact: format!("words {note}"),
                    prefix: if i % 2 == 0 {
                        String::new()
                    } else {
                        "before ".into()
                    },
                    suffix: "after".into(),
                },
                position: TextPositionSelector {
                    start: i,
                    end: i + 6,
                },
                text_hash: if i == 0 {
                    String::new()
                } else {
                    "0123456789abcdef".into()
                },
            },
            color: Color::all()[i % 5],
            note: note.to_string(),
            // A highlight only, a key fact without and with a statement of its own.
            fact: match i % 3 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("fact {note}")),
            },
            created: "2026-11-28T13:05:00.000Z".into(),
            modified: "2026-11-28T14:05:00.123Z".into(),
        }));
        state.insert(Record::Bookmark(Bookmark {
            id: format!("b-{i}"),
            article: "a-story".into(),
            block: i,
            label: note.to_string(),
            excerpt: format!("Opening words {note}"),
            created: "2026-11-28T13:05:00.000Z".into(),
            modified: "2026-11-28T13:05:00.000Z".into(),
        }));
    }
    // An imported annotation keeps its own IRI as id; an article gone from the library.
    state.insert(Record::Highlight(Highlight {
        id: "https://hypothes.is/a/552Y9uITEe6aKwJCrBEABA".into(),
        article: "gone".into(),
        ..state.highlight("h-1").unwrap().clone()
    }));
    state.insert(Record::Saved(SavedArticle {
        article: "a-story".into(),
        saved_at: "2026-11-27T10:00:00.000Z".into(),
    }));
    state
}

#[test]
fn every_kind_of_record_meets_every_must_of_the_model() {
    let file: Value =
        serde_json::from_str(&to_web_annotations(&[article("a-story")], &every_kind())).unwrap();
    assert_eq!(violations(&file), Vec::<String>::new());
    assert_eq!(file["total"], 2 * NOTES.len() + 2);
}

#[test]
fn an_empty_export_is_a_valid_empty_collection() {
    let file: Value =
        serde_json::from_str(&to_web_annotations(&[], &Annotations::default())).unwrap();
    assert_eq!(violations(&file), Vec::<String>::new());
    assert_eq!(file["total"], 0);
    let mut store = Store::open(MemoryKv::new());
    let report = store.import(&file.to_string()).unwrap();
    assert_eq!((report.added, report.skipped.len()), (0, 0));
}

/// The file's first highlight with a note.
fn item(f: &mut Value) -> &mut Value {
    let items = f["first"]["items"].as_array_mut().unwrap();
    items
        .iter_mut()
        .find(|a| a.get("body").is_some() && a.get("stylesheet").is_some())
        .unwrap()
}

#[test]
fn the_checks_catch_what_they_are_about() {
    let file: Value =
        serde_json::from_str(&to_web_annotations(&[article("a-story")], &every_kind())).unwrap();
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut f = file.clone();
        change(&mut f);
        violations(&f)
    };
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str)> = vec![
        (
            Box::new(|f| {
                item(f).as_object_mut().unwrap().remove("stylesheet");
            }),
            "styleClass without an Annotation-level stylesheet",
        ),
        (
            Box::new(|f| item(f)["@context"] = Value::from(ANNO)),
            "undeclared prefix \"reader\"",
        ),
        (
            Box::new(|f| item(f)["@context"] = serde_json::json!([ANNO])),
            "is not the W3C context",
        ),
        (
            Box::new(|f| item(f)["id"] = Value::from("h-1")),
            "id is not exactly one IRI",
        ),
        (
            Box::new(|f| item(f)["modified"] = Value::from("2026-11-28T14:05:00+01:00")),
            "not an xsd:dateTime in UTC with Z",
        ),
        (
            Box::new(|f| item(f)["bodyValue"] = Value::from("x")),
            "both body and bodyValue",
        ),
        (
            Box::new(|f| item(f)["target"]["selector"][1]["start"] = Value::from(-1)),
            "start is not a non-negative integer",
        ),
        (
            Box::new(|f| {
                item(f)["target"]["selector"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("exact");
            }),
            "exact is not exactly one string",
        ),
        (
            Box::new(|f| {
                item(f).as_object_mut().unwrap().remove("target");
            }),
            "no target",
        ),
        (
            Box::new(|f| {
                f["first"]["items"] = serde_json::json!([]);
            }),
            "items is not an array of 1 or more",
        ),
    ];
    for (change, expected) in cases {
        let found = broken(&*change);
        assert!(
            found.iter().any(|v| v.contains(expected)),
            "{expected:?} not in {found:?}"
        );
    }
}

#[test]
fn the_colour_survives_a_round_trip_through_style_class_and_stylesheet() {
    let state = every_kind();
    let json = to_web_annotations(&[article("a-story")], &state);
    let mut store = Store::open(MemoryKv::new());
    store.set_articles(vec![article("a-story")]);
    store.import(&json).unwrap();
    for h in state.highlights() {
        if h.article == "a-story" {
            let id = &h.id;
            assert_eq!(store.state().highlight(id).unwrap().color, h.color, "{id}");
        }
    }
}

#[test]
fn an_export_made_on_one_copy_attaches_to_the_same_articles_on_another() {
    let json = to_web_annotations(&[article("a-story")], &every_kind());
    // Served elsewhere, under a path that does not end in the slug.
    let elsewhere = ArticleInfo {
        url: "https://example.org/reader/articles/a-story/".into(),
        ..article("a-story")
    };
    let moved = json.replace(
        "http://127.0.0.1:8080/articles/a-story/",
        "https://old.example/r?id=7",
    );
    let mut store = Store::open(MemoryKv::new());
    store.set_articles(vec![elsewhere]);
    let report = store.import(&moved).unwrap();
    assert_eq!(report.added, 2 * NOTES.len() + 1, "{report:?}");
    assert!(store.state().highlights().all(|h| h.article == "a-story"));
}

proptest! {
    #[test]
    fn any_note_exports_within_the_model(note in any::<String>(), label in any::<String>(), block in 0usize..100_000) {
        let mut state = every_kind();
        let mut h = state.highlight("h-1").unwrap().clone();
        h.note = note;
        state.insert(Record::Highlight(h));
        let mut b = state.bookmark("b-1").unwrap().clone();
        b.label = label;
        b.block = block;
        state.insert(Record::Bookmark(b));
        let file: Value = serde_json::from_str(&to_web_annotations(&[article("a-story")], &state)).unwrap();
        prop_assert_eq!(violations(&file), Vec::<String>::new());
    }
}
