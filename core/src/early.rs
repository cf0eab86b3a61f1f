//! A returning reader's highlights, drawn before the app starts.
//!
//! Each time the app draws an article's highlights it also writes where their marks are, in
//! a form a few lines of script can draw without the app: the part (`data-part`), the span
//! in UTF-16 units of that part's text (what the browser's text nodes count), the highlight's
//! id and its `<mark>`'s class. The article's prerendered page carries that script
//! (`src/prerender.rs`); on a repeat visit it draws the marks during the page's parse, so the
//! highlights come with the text instead of after the WebAssembly has been compiled and
//! started. The app then draws the page as always and the early marks go with the
//! prerendered markup.
//!
//! It is a copy, never the reader's data: kept under [`PREFIX`] (the store leaves keys it
//! does not know alone), written again whenever the article page draws, removed by the store
//! whenever one of the article's highlights is written or deleted ([`crate::store::Store`];
//! an open article page writes it again right after), and dropped whole when storage is full
//! before any save of the reader's is refused. It
//! names the article's data file, which changes whenever the article does, so marks are never
//! drawn on another version of the text.

use std::fmt::Write;

use crate::placement::Placed;
use crate::store::Highlight;

/// Every early-highlights key starts with this (`reader:early:<slug>`).
pub const PREFIX: &str = "reader:early:";

/// The key of article `slug`'s early highlights.
pub fn key(slug: &str) -> String {
    format!("{PREFIX}{slug}")
}

/// The class of a highlight's `<mark>`: its colour, and whether it has a note or is a key fact.
pub fn mark_class(h: &Highlight) -> String {
    format!(
        "hl hl-{}{}{}",
        h.color.name(),
        if h.note.is_empty() {
            ""
        } else {
            " hl-has-note"
        },
        if h.fact.is_some() { " hl-fact" } else { "" }
    )
}

/// Of the highlights covering one piece of text, the one drawn: the most recent (the last of
/// equally recent ones).
pub fn on_top<'a>(covering: impl Iterator<Item = &'a Placed>) -> Option<&'a Placed> {
    covering.max_by(|a, b| a.highlight.created.cmp(&b.highlight.created))
}

/// One `<mark>` of the early drawing: `[part, from, to, id, class]`, `from..to` in UTF-16
/// units of the part's text.
pub type Mark = (usize, usize, usize, String, String);

/// The stored value, JSON: `{"file":…,"marks":[[part,from,to,id,class],…]}`. Written by hand:
/// serde's serializer for these tuples cost the app's WebAssembly more than this does.
pub fn encode(file: &str, marks: &[Mark]) -> String {
    let mut out = String::from("{\"file\":");
    json_string(&mut out, file);
    out.push_str(",\"marks\":[");
    for (i, (part, from, to, id, class)) in marks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "[{part},{from},{to},");
        json_string(&mut out, id);
        out.push(',');
        json_string(&mut out, class);
        out.push(']');
    }
    out.push_str("]}");
    out
}

/// `text` as a JSON string.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The marks of `placed` in an article whose annotatable text is `text` (parts starting at
/// the chars `part_starts`, each followed by a blank line): each stretch of text drawn as one
/// highlight (the one [`on_top`]) within one part, in text order. Stretches of the blank lines
/// between parts are left out, as the page has no text there.
pub fn marks(text: &str, part_starts: &[usize], placed: &[Placed]) -> Vec<Mark> {
    if placed.is_empty() {
        return Vec::new();
    }
    // UTF-16 offset of every char boundary.
    let mut units = Vec::with_capacity(text.len() + 1);
    let mut at = 0;
    units.push(0);
    for c in text.chars() {
        at += c.len_utf16();
        units.push(at);
    }
    let chars = units.len() - 1;
    // A part ends two chars (its blank line) before the next begins.
    let part_end = |part: usize| {
        part_starts
            .get(part + 1)
            .map_or(chars.saturating_sub(2), |next| next.saturating_sub(2))
    };
    let mut cuts: Vec<usize> = placed
        .iter()
        .flat_map(|p| [p.start, p.end])
        .chain(part_starts.iter().copied())
        .chain((0..part_starts.len()).map(part_end))
        .filter(|&c| c <= chars)
        .collect();
    crate::sort::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Mark> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(part) = part_starts.iter().rposition(|&s| s <= a) else {
            continue;
        };
        if b > part_end(part) {
            continue;
        }
        let covering = placed
            .iter()
            .filter(|p| p.start <= a && p.end >= b && p.start < p.end);
        let Some(top) = on_top(covering) else {
            continue;
        };
        let start = units[part_starts[part]];
        let (from, to) = (units[a] - start, units[b] - start);
        match out.last_mut() {
            Some(last) if last.0 == part && last.2 == from && last.3 == top.highlight.id => {
                last.2 = to
            }
            _ => out.push((
                part,
                from,
                to,
                top.highlight.id.clone(),
                mark_class(&top.highlight),
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::highlight;
    use crate::store::Color;

    fn placed(id: &str, start: usize, end: usize, created: &str) -> Placed {
        let mut h = highlight(id);
        h.created = created.into();
        Placed {
            highlight: h,
            start,
            end,
        }
    }

    #[test]
    fn marks_are_cut_at_parts_and_overlaps_with_the_newest_on_top() {
        // Parts: "Caption é" (0..9), "Ab 😀 cd" (11..18), "Last" (20..24).
        let text = "Caption é\n\nAb 😀 cd\n\nLast\n\n";
        let starts = [0, 11, 20];
        let older = placed("old", 8, 16, "2026-01-01T00:00:00.000Z");
        let newer = placed("new", 14, 22, "2026-02-01T00:00:00.000Z");
        let got = marks(text, &starts, &[older, newer]);
        let class = "hl hl-green".to_string();
        assert_eq!(
            got,
            vec![
                (0, 8, 9, "old".into(), class.clone()),
                // "Ab 😀" then the newer highlight from "😀" on: the emoji is two units.
                (1, 0, 3, "old".into(), class.clone()),
                (1, 3, 8, "new".into(), class.clone()),
                (2, 0, 2, "new".into(), class),
            ]
        );
    }

    #[test]
    fn the_class_says_colour_note_and_fact() {
        let mut h = highlight("h");
        assert_eq!(mark_class(&h), "hl hl-green");
        h.color = Color::Blue;
        h.note = "why".into();
        h.fact = Some(String::new());
        assert_eq!(mark_class(&h), "hl hl-blue hl-has-note hl-fact");
    }

    #[test]
    fn the_value_names_the_file_and_lists_the_marks() {
        let marks = vec![(2, 0, 5, "h-\"1".to_string(), "hl hl-blue".to_string())];
        assert_eq!(
            encode("articles/a/article-1.json", &marks),
            r#"{"file":"articles/a/article-1.json","marks":[[2,0,5,"h-\"1","hl hl-blue"]]}"#
        );
        assert_eq!(super::marks("a\n\n", &[0], &[]), Vec::<Mark>::new());
        // Whatever an id holds (an imported one may hold anything), the value is JSON that
        // reads back as it was.
        let odd = "\"\\\n\u{1}\u{7f}é😀</script>";
        let marks = vec![
            (0, 1, 2, odd.to_string(), "hl".to_string()),
            (1, 0, 3, "b".to_string(), "hl hl-pink".to_string()),
        ];
        let back: serde_json::Value = serde_json::from_str(&encode(odd, &marks)).unwrap();
        assert_eq!(
            back,
            serde_json::json!({ "file": odd, "marks": [[0, 1, 2, odd, "hl"], [1, 0, 3, "b", "hl hl-pink"]] })
        );
        assert_eq!(encode("f", &[]), r#"{"file":"f","marks":[]}"#);
    }
}
