//! Re-anchoring highlights in generated documents: unchanged text, edits around a highlight,
//! and small edits inside it.

use proptest::prelude::*;
use proptest::sample::Index;
use reader_core::anchoring::{Anchor, AnchorMethod, TextIndex, CONTEXT_CHARS};

/// Words of the generated documents, some of them non-ASCII.
const VOCABULARY: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "was",
    "it",
    "that",
    "she",
    "he",
    "they",
    "river",
    "house",
    "morning",
    "letter",
    "window",
    "garden",
    "winter",
    "light",
    "road",
    "city",
    "walked",
    "opened",
    "found",
    "said",
    "remembered",
    "wrote",
    "waited",
    "carried",
    "slowly",
    "again",
    "never",
    "always",
    "under",
    "between",
    "after",
    "before",
    "quiet",
    "old",
    "small",
    "bright",
    "cold",
    "long",
    "café",
    "naïve",
    "façade",
    "résumé",
    "Zürich",
    "São",
    "Paulo",
    "—",
    "it’s",
    "don’t",
    "über",
    "coöperate",
    "año",
    "smörgåsbord",
    "Ελλάδα",
    "日本",
];

/// Chars used to edit inside a highlight.
const EDIT_CHARS: &[char] = &['x', 'e', ' ', ',', 'é', '’', '—', 'ß'];

fn sentence() -> impl Strategy<Value = String> {
    let word = (prop::sample::select(VOCABULARY), prop::bool::weighted(0.1));
    (
        prop::collection::vec(word, 3..14),
        prop::sample::select(&[".", ".", ".", "?", "!"][..]),
    )
        .prop_map(|(words, end)| {
            let mut s = String::new();
            for (i, (w, comma)) in words.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(w);
                if *comma && i + 1 < words.len() {
                    s.push(',');
                }
            }
            s + end
        })
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..5).prop_map(|s| s.join(" "))
}

/// A document of a few paragraphs separated by blank lines.
fn document(paragraphs: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(paragraph(), paragraphs).prop_map(|p| p.join("\n\n"))
}

/// A run of words to insert.
fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 1..6).prop_map(|w| w.join(" ") + " ")
}

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

/// `text` with chars `start..end` replaced by `with`.
fn splice(text: &[char], start: usize, end: usize, with: &str) -> String {
    text[..start]
        .iter()
        .copied()
        .chain(with.chars())
        .chain(text[end..].iter().copied())
        .collect()
}

/// Char offsets of every occurrence (overlapping ones too) of `needle` in `text`.
fn occurrences(text: &[char], needle: &[char]) -> Vec<usize> {
    if needle.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - needle.len())
        .filter(|&i| text[i..i + needle.len()] == *needle)
        .collect()
}

#[derive(Clone, Copy, Debug)]
enum Edit {
    Insert,
    Delete,
    Replace,
}

fn edit_kind() -> impl Strategy<Value = Edit> {
    prop_oneof![Just(Edit::Insert), Just(Edit::Delete), Just(Edit::Replace)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// 1. In unchanged text, any range re-anchors to itself by position (also after the
    ///    selectors went through JSON, as they do in storage).
    #[test]
    fn unchanged_text_anchors_every_range_by_position(
        doc in document(1..4),
        a in any::<Index>(),
        b in any::<Index>(),
    ) {
        let index = TextIndex::new(&doc);
        let n = index.char_len();
        let (a, b) = (a.index(n), b.index(n));
        let (start, end) = (a.min(b), a.max(b) + 1);
        let selectors = index.describe(start, end);
        prop_assert_eq!(&selectors.quote.exact, index.slice(start, end));
        let stored: reader_core::anchoring::Selectors =
            serde_json::from_str(&serde_json::to_string(&selectors).unwrap()).unwrap();
        prop_assert_eq!(
            index.anchor(&stored),
            Some(Anchor { start, end, method: AnchorMethod::Position })
        );
    }

    /// 2. An edit outside the highlight and its context windows leaves it on the same words,
    ///    shifted by the edit, even when the words occur elsewhere too.
    #[test]
    fn edits_around_a_highlight_leave_it_on_the_same_words(
        doc in document(3..6),
        start in any::<Index>(),
        len in any::<Index>(),
        copies in prop::collection::vec(any::<Index>(), 0..4),
        kind in edit_kind(),
        before in any::<bool>(),
        at in any::<Index>(),
        cut in any::<Index>(),
        insert in words(),
    ) {
        let base = chars(&doc);
        let mut start = start.index(base.len());
        let mut end = start + 1 + len.index(60.min(base.len() - start));
        let quote: String = base[start..end].iter().collect();

        // Plant copies of the highlighted words elsewhere.
        let mut text = base;
        for at in copies {
            let at = at.index(text.len() + 1);
            if at > start && at < end {
                continue;
            }
            text = splice(&text, at, at, &quote).chars().collect();
            if at <= start {
                start += quote.chars().count();
                end += quote.chars().count();
            }
        }
        let n = text.len();
        let doc: String = text.iter().collect();
        let selectors = TextIndex::new(&doc).describe(start, end);

        // An edit region a..b clear of the context windows, on the side asked for if there is
        // room there for the edit.
        let room_before = (0, start.saturating_sub(CONTEXT_CHARS));
        let room_after = ((end + CONTEXT_CHARS).min(n), n);
        let needs_room = !matches!(kind, Edit::Insert);
        let before = if needs_room {
            match (room_before.1 > room_before.0, room_after.1 > room_after.0) {
                (true, false) => true,
                (false, true) => false,
                (true, true) => before,
                (false, false) => return Err(TestCaseError::reject("no room to edit")),
            }
        } else {
            before
        };
        let (room_lo, room_hi) = if before { room_before } else { room_after };
        let (a, b, with) = match kind {
            Edit::Insert => {
                let a = room_lo + at.index(room_hi - room_lo + 1);
                (a, a, insert.as_str())
            }
            Edit::Delete | Edit::Replace => {
                let a = room_lo + at.index(room_hi - room_lo);
                let b = a + 1 + cut.index(40.min(room_hi - a));
                (a, b, if matches!(kind, Edit::Delete) { "" } else { insert.as_str() })
            }
        };
        let edited = splice(&text, a, b, with);
        let shift = if before { with.chars().count() as isize - (b - a) as isize } else { 0 };
        let (want_start, want_end) =
            (start.wrapping_add_signed(shift), end.wrapping_add_signed(shift));

        let index = TextIndex::new(&edited);
        let found = index.anchor(&selectors);
        prop_assert!(found.is_some(), "lost {:?}", selectors.quote.exact);
        let found = found.unwrap();
        prop_assert_eq!((found.start, found.end), (want_start, want_end));
        prop_assert!(matches!(found.method, AnchorMethod::Position | AnchorMethod::Quote));
        prop_assert_eq!(index.slice(found.start, found.end), selectors.quote.exact.as_str());
    }

    /// 3. One char inserted, deleted or replaced inside a highlight of 20 chars or more: the
    ///    highlight is still found, within 2 chars of where the edited words now are.
    #[test]
    fn a_small_edit_inside_a_highlight_is_still_found(
        doc in document(2..5),
        start in any::<Index>(),
        len in any::<Index>(),
        kind in edit_kind(),
        at in any::<Index>(),
        with in prop::sample::select(EDIT_CHARS),
    ) {
        let text = chars(&doc);
        prop_assume!(text.len() >= 20);
        let start = start.index(text.len() - 19);
        let end = start + 20 + len.index(100.min(text.len() - start - 19));
        let selectors = TextIndex::new(&doc).describe(start, end);

        let (edited, new_end) = match kind {
            Edit::Insert => {
                let at = start + 1 + at.index(end - start - 1);
                (splice(&text, at, at, &with.to_string()), end + 1)
            }
            Edit::Delete => {
                let at = start + at.index(end - start);
                (splice(&text, at, at + 1, ""), end - 1)
            }
            Edit::Replace => {
                let at = start + at.index(end - start);
                let with = match with {
                    c if c != text[at] => c,
                    'x' => 'q',
                    _ => 'x',
                };
                (splice(&text, at, at + 1, &with.to_string()), end)
            }
        };
        // If the edit left the exact words elsewhere, step 2 rightly picks them there.
        let stray = occurrences(&chars(&edited), &chars(&selectors.quote.exact))
            .into_iter()
            .any(|at| at.abs_diff(start) > 2);
        prop_assume!(!stray);

        let index = TextIndex::new(&edited);
        let found = index.anchor(&selectors);
        prop_assert!(found.is_some(), "lost {:?}", selectors.quote.exact);
        let found = found.unwrap();
        // Position only where the edit happens to leave the exact words on the recorded
        // offsets (say "le" → "lee"): the recorded position does still hold them.
        let still_there = (found.start, found.end) == (start, end)
            && index.slice(start, end) == selectors.quote.exact;
        prop_assert!(
            matches!(found.method, AnchorMethod::Fuzzy | AnchorMethod::Quote)
                || (found.method == AnchorMethod::Position && still_there),
            "found {:?}", found
        );
        prop_assert!(
            found.start.abs_diff(start) <= 2 && found.end.abs_diff(new_end) <= 2,
            "found {:?}, edited words at {}..{}", found, start, new_end
        );
    }
}

#[test]
fn a_quote_repeated_three_times_is_told_apart_by_its_context() {
    let doc = "In Zürich the café opened early. \
               In São Paulo the café opened early. \
               In Kyoto the café opened early.";
    let index = TextIndex::new(doc);
    let quote = "the café opened early";
    let starts: Vec<usize> = occurrences(&chars(doc), &chars(quote));
    assert_eq!(starts.len(), 3);
    let all: Vec<_> = starts
        .iter()
        .map(|&s| index.describe(s, s + quote.chars().count()))
        .collect();

    // The text changes so that every recorded position is off.
    let edited = format!("Prologue, much revised. {doc}");
    let shift = "Prologue, much revised. ".chars().count();
    let edited_index = TextIndex::new(&edited);
    for (selectors, &s) in all.iter().zip(&starts) {
        let found = edited_index.anchor(selectors).unwrap();
        assert_eq!(found.method, AnchorMethod::Quote);
        assert_eq!((found.start, found.end), (s + shift, s + shift + 21));
    }

    // Even with a recorded position pointing at the wrong one, context wins.
    let mut misplaced = all[2].clone();
    misplaced.position = all[0].position;
    let found = index.anchor(&misplaced).unwrap();
    assert_eq!(
        (found.start, found.method),
        (starts[2], AnchorMethod::Quote)
    );
}

#[test]
fn a_highlight_whose_words_were_removed_is_not_found() {
    let doc = "The ferry left at dawn. Gulls followed the naïve tourists for an hour. \
               By noon the harbour was empty.";
    let index = TextIndex::new(doc);
    let quote = "Gulls followed the naïve tourists for an hour.";
    let start = occurrences(&chars(doc), &chars(quote))[0];
    let selectors = index.describe(start, start + quote.chars().count());
    let edited = doc.replace(quote, "").replace("  ", " ");
    assert_eq!(TextIndex::new(&edited).anchor(&selectors), None);
}
