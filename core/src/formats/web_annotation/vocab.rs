//! The vocabulary both directions share: the JSON-LD context with our `reader:` prefix, our
//! own terms, the annotation ids of records, and the CSS selector of a paragraph.

use serde::Serialize;

use crate::store::RecordKind;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI our `reader:` prefix stands for (docs/storage.md lists the terms).
pub const READER_TERMS: &str = "urn:reader:terms:";
/// Extra target property: the slug of the article the annotation is about.
pub const ARTICLE_PROPERTY: &str = "reader:article";
/// Target `source` of an article the exporter has no URL for.
pub const ARTICLE_URN: &str = "urn:reader:article:";
/// Extra target property: the hash of the text the selectors were made on.
pub const TEXT_HASH_PROPERTY: &str = "reader:textHash";

/// The tag (a `TextualBody` with purpose `tagging`) of a highlight pinned as a key fact; its
/// statement, when the reader wrote one, is a `TextualBody` with purpose `describing`.
pub const KEY_FACT_TAG: &str = "key fact";

/// The `id` prefix of each kind's annotations.
fn id_prefix(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Highlight => "urn:reader:highlight:",
        RecordKind::Bookmark => "urn:reader:bookmark:",
        RecordKind::Saved => "urn:reader:saved:",
        RecordKind::Position => "urn:reader:position:",
    }
}

/// The annotation `id` (an IRI) of a record: the id itself if it already is an absolute IRI
/// (an imported annotation's), otherwise `urn:reader:<kind>:<id>`.
pub fn annotation_id(kind: RecordKind, id: &str) -> String {
    if crate::uri::scheme(id).is_some() && !id.starts_with(id_prefix(kind)) {
        id.to_string()
    } else {
        format!("{}{id}", id_prefix(kind))
    }
}

/// The record id for an annotation `id`: the inverse of [`annotation_id`].
pub fn record_id(kind: RecordKind, annotation_id: &str) -> String {
    annotation_id
        .strip_prefix(id_prefix(kind))
        .unwrap_or(annotation_id)
        .to_string()
}

/// The `CssSelector` value of a bookmarked paragraph.
pub fn block_selector(block: usize) -> String {
    format!("[data-block=\"{block}\"]")
}

/// The paragraph index of a [`block_selector`] (quotes optional, spaces allowed).
pub fn parse_block_selector(value: &str) -> Option<usize> {
    let inner = value.trim().strip_prefix('[')?.strip_suffix(']')?;
    let (name, number) = inner.split_once('=')?;
    if name.trim() != "data-block" {
        return None;
    }
    let number = number.trim();
    let number = number
        .strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .or_else(|| number.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))
        .unwrap_or(number);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// `["http://www.w3.org/ns/anno.jsonld", {"reader": "urn:reader:terms:"}]`.
#[derive(Clone, Copy)]
pub struct Context;

impl Serialize for Context {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(2))?;
        seq.serialize_element(ANNO_CONTEXT)?;
        seq.serialize_element(&std::collections::BTreeMap::from([(
            "reader",
            READER_TERMS,
        )]))?;
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_for_any_id() {
        for id in [
            "h-1",
            "https://hypothes.is/a/x",
            "urn:reader:highlight:x",
            "urn:reader:bookmark:x",
            "a:b c",
            "1:x",
        ] {
            let iri = annotation_id(RecordKind::Highlight, id);
            assert_eq!(record_id(RecordKind::Highlight, &iri), id, "{iri}");
        }
        assert_eq!(
            annotation_id(RecordKind::Highlight, "h-1"),
            "urn:reader:highlight:h-1"
        );
        assert_eq!(
            annotation_id(RecordKind::Highlight, "https://hypothes.is/a/x"),
            "https://hypothes.is/a/x"
        );
    }

    #[test]
    fn block_selectors_round_trip() {
        assert_eq!(parse_block_selector(&block_selector(12)), Some(12));
        assert_eq!(parse_block_selector("[data-block='3']"), Some(3));
        assert_eq!(parse_block_selector(" [ data-block = 4 ] "), Some(4));
        assert_eq!(parse_block_selector("[data-part=\"3\"]"), None);
        assert_eq!(parse_block_selector("[data-block=\"-1\"]"), None);
        assert_eq!(parse_block_selector("p:nth-child(2)"), None);
    }
}
