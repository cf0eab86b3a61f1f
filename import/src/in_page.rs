//! A reader's article's links within itself (`#name`: a footnote, a contents entry, "back to
//! the notes"). The app draws an article's blocks numbered (`id="p-N"`), with none of the
//! names of the page or file it came from, so such a link is pointed at the block that holds
//! its target (`#p-N`, which the app scrolls to).
//!
//! A saved page's targets are its elements' `id`s (and old `<a name>`s), which its Markdown
//! drops: [`mark`] puts a marker holding a number at the start of each element a link of the
//! page names, before the Markdown is written; [`resolve`] notes the block each marker ends up
//! in, takes the markers out, and points the links. A Markdown file's links name its headings
//! as GitHub's do (`#part-two` for "## Part two").
//!
//! Only the app's article is marked ([`crate::article_file::article_file_with_images`]): the
//! command's file and the extraction's scores never see a marker.

use std::borrow::Cow;
use std::collections::HashSet;

use reader_core::article::{Article, BlockKind};

/// A marker's ends, around its number: a Unicode noncharacter (which text for people never
/// holds) inside braces. The braces are punctuation, so the Markdown's emphasis beside a
/// marker reads as it would without it (`**^**` after a marker is bold only if what comes
/// before it is punctuation or space).
const OPEN: &str = "{\u{FDD0}";
const CLOSE: &str = "\u{FDD1}}";

/// Elements that hold no text, so no marker.
const VOID: [&str; 12] = [
    "area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// Elements whose text is in their parts (a table's cells, a list's items, a figure's image
/// and caption), and links (one may wrap an image, which must stay first on its line): the
/// marker goes just before them, and names what comes next.
const WHOLES: [&str; 10] = [
    "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "figure", "a",
];

/// Marks, in `doc`, the start of each element that a link of `doc` names (`href="#name"`, the
/// first element of each name); the names, by the number of their marker.
pub fn mark(doc: &dom_query::Document) -> Vec<String> {
    let wanted: HashSet<String> = doc
        .select("a[href]")
        .nodes()
        .iter()
        .filter_map(|a| {
            let href = a.attr("href")?;
            let name = href.strip_prefix('#').filter(|n| !n.is_empty())?;
            Some([name.to_string(), crate::own::percent_decoded(name)])
        })
        .flatten()
        .collect();
    let mut names = Vec::new();
    if wanted.is_empty() {
        return names;
    }
    let mut done = HashSet::new();
    for node in doc.select("[id], a[name]").nodes() {
        let named = |attr: &str| node.attr(attr).filter(|n| wanted.contains(&**n));
        let Some(name) = named("id").or_else(|| named("name")) else {
            continue;
        };
        let tag = node.node_name().unwrap_or_default().to_ascii_lowercase();
        if VOID.contains(&tag.as_str()) || !done.insert(name.to_string()) {
            continue;
        }
        let marker = node.tree.new_text(format!("{OPEN}{}{CLOSE}", names.len()));
        match WHOLES.contains(&tag.as_str()) {
            true => node.insert_before(&marker),
            false => node.prepend_child(&marker),
        }
        names.push(name.to_string());
    }
    names
}

/// `text` without its markers.
pub fn unmarked(text: &str) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut text = text.to_string();
    taken(&mut text);
    Cow::Owned(text)
}

/// The markers `line` starts with (and the spaces after them), and the rest of it.
pub fn leading(line: &str) -> (&str, &str) {
    let mut rest = line;
    while let Some(after) = rest.strip_prefix(OPEN) {
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match after[digits..].strip_prefix(CLOSE) {
            Some(next) if digits > 0 => rest = next.trim_start(),
            _ => break,
        }
    }
    line.split_at(line.len() - rest.len())
}

/// Takes the markers out of `text`; their numbers, in order.
fn taken(text: &mut String) -> Vec<usize> {
    let mut numbers = Vec::new();
    if !text.contains(OPEN) {
        return numbers;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match (after[..digits].parse(), after[digits..].strip_prefix(CLOSE)) {
            (Ok(n), Some(next)) => {
                numbers.push(n);
                rest = next;
            }
            // Not a marker of ours: left as it is.
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    *text = out;
    numbers
}

/// Takes the markers out of `article` (made from Markdown marked by [`mark`], whose names are
/// `names`), and points each in-page link at the block that holds its target: the element
/// named, or, in a Markdown file, the heading whose GitHub name it is. A block that held only
/// markers (an element that wrapped others) goes; its names are the next block's. A link whose
/// target is not in the article (an element the extraction left out, a heading the file lacks)
/// leads to it in the page the article says it was saved from; without one it leads nowhere,
/// and is no longer a link (one that does nothing would be a trap for a keyboard).
pub fn resolve(article: &mut Article, names: &[String]) {
    let mut at: Vec<Option<usize>> = vec![None; names.len()];
    let mut gone = vec![false; article.blocks.len()];
    for (i, block) in article.blocks.iter_mut().enumerate() {
        let mut marked = false;
        for run in &mut block.runs {
            for n in taken(&mut run.text) {
                marked = true;
                if let Some(place) = at.get_mut(n) {
                    place.get_or_insert(i);
                }
            }
        }
        if !marked {
            continue;
        }
        // The element's own text starts after its marker: no space before it, as the Markdown
        // would have had none (but code keeps the indent of its first line).
        block.runs.retain(|r| !r.text.is_empty());
        let code = block.kind == BlockKind::Code;
        while let Some(first) = block.runs.first_mut() {
            let space = &first.text[..first.text.len() - first.text.trim_start().len()];
            let cut = match code {
                true => space.rfind('\n').map_or(0, |at| at + 1),
                false => space.len(),
            };
            first.text.drain(..cut);
            if !first.text.is_empty() {
                break;
            }
            block.runs.remove(0);
        }
        gone[i] = block.runs.is_empty()
            && !matches!(block.kind, BlockKind::Rule | BlockKind::Figure { .. });
    }
    for image in &mut article.images {
        if let Cow::Owned(alt) = unmarked(&image.alt) {
            image.alt = alt;
        }
    }
    // A block's number once those gone are gone; one gone takes the next one's.
    let mut number = Vec::with_capacity(gone.len());
    let mut kept = 0;
    for &g in &gone {
        number.push(kept);
        kept += usize::from(!g);
    }
    let mut i = 0;
    article.blocks.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    let target = |block: usize| Some(number[block]).filter(|&n| n < kept);
    let mut by_name: std::collections::HashMap<&str, usize> = names
        .iter()
        .zip(&at)
        .filter_map(|(name, at)| Some((name.as_str(), target((*at)?)?)))
        .collect();
    let headings = heading_names(article);
    for (name, block) in &headings {
        by_name.entry(name.as_str()).or_insert(*block);
    }
    for run in article.blocks.iter_mut().flat_map(|b| &mut b.runs) {
        let Some(name) = run.link.as_deref().and_then(|l| l.strip_prefix('#')) else {
            continue;
        };
        let block = by_name
            .get(name)
            .or_else(|| by_name.get(crate::own::percent_decoded(name).as_str()));
        if let Some(block) = block {
            run.link = Some(format!("#p-{block}"));
        }
    }
    // The rest: a block's already (a Markdown file's footnote and its way back) stays, any other
    // leads to that place in the page it was saved from (always http or https: the article's
    // source is nothing else).
    article.mend_in_page_links();
}

/// Each heading's name as GitHub gives it (lower case, spaces as hyphens, other punctuation
/// left out; `-1`, `-2`… after a name already given), with its block.
fn heading_names(article: &Article) -> Vec<(String, usize)> {
    let mut given: HashSet<String> = HashSet::new();
    let mut names = Vec::new();
    for (i, block) in article.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let base: String = block
            .plain_text()
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut name = base.clone();
        let mut n = 0;
        while !given.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        names.push((name, i));
    }
    names
}

#[cfg(test)]
mod tests {
    use reader_core::article::{Article, BlockKind};
    use reader_core::pub_date::PubDate;

    use crate::own::{article_of, page, Kind};
    use reader_core::pipeline::own;

    fn day() -> PubDate {
        PubDate::parse("2026-12-02").unwrap()
    }

    /// Each in-page link's words and target, in order.
    fn links(article: &Article) -> Vec<(String, String)> {
        article
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .filter_map(|r| {
                Some((
                    r.text.clone(),
                    r.link.clone().filter(|l| l.starts_with('#'))?,
                ))
            })
            .collect()
    }

    /// The link of the run that reads `words` (`None` when no run does).
    fn link_of(article: &Article, words: &str) -> Option<Option<String>> {
        article
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .find(|r| r.text == words)
            .map(|r| r.link.clone())
    }

    /// The block a `#p-N` link points at, as its kind and text.
    fn target(article: &Article, link: &str) -> (BlockKind, String) {
        let n: usize = link.strip_prefix("#p-").unwrap().parse().unwrap();
        let block = &article.blocks[n];
        (block.kind, block.plain_text())
    }

    const PAGE: &str = r##"<html><head><title>Footnotes and contents</title></head><body><article>
        <h1>Footnotes and contents</h1>
        <p><a href="#History">History</a> · <a href="#Sources">Sources</a> · <a href="#old">Old anchor</a> · <a href="#why%3F">Why?</a> · <a href="#table-1">Table</a> · <a href="#photo">Photo</a> · <a href="#elsewhere">Gone</a></p>
        <p>The first paragraph is long enough to read as the body of an article, with a claim that needs a source<sup id="ref-1"><a href="#note-1">[1]</a></sup> and another after it that needs one too<sup id="ref-2"><a href="#note-2">[2]</a></sup>, then more words so that the extractor keeps it.</p>
        <h2><span id="History">History</span></h2>
        <p>A second paragraph, about history, long enough to be kept by the extractor as part of the article's body text without any doubt at all.</p>
        <section id="Sources"><h2>Sources</h2><p>Where the claims come from, told in a paragraph long enough for the extractor to keep it as well.</p></section>
        <p><a name="old">An old-style anchor</a> starts this paragraph, which is long enough to be kept too, like the others before it here.</p>
        <h2 id="why?">Why</h2>
        <p>Because a name may hold a question mark, written escaped in the link that names it; this paragraph is long enough to stay.</p>
        <p><a id="photo" href="https://example.com/big.jpg"><img src="https://example.com/path.jpg" alt="The path through the pines"></a></p>
        <table id="table-1"><tr><td>A cell of the table</td><td>Another cell</td></tr></table>
        <pre id="code-1"><a href="#code-1">A line of code</a></pre>
        <ol><li id="note-1"><b><a href="#ref-1">^</a></b> The first note, <em>with words</em>.</li><li id="note-2"><a href="#ref-2">^</a> The second note.</li></ol>
    </article></body></html>"##;

    #[test]
    fn a_saved_pages_links_within_itself_point_at_the_blocks_that_hold_their_targets() {
        let own = page("page.html", PAGE, day(), &|_| None, true).unwrap();
        let article = &own.article;
        let found: Vec<(String, (BlockKind, String))> = links(article)
            .into_iter()
            .filter(|(_, l)| l.starts_with("#p-"))
            .map(|(words, link)| (words, target(article, &link)))
            .collect();
        // The block that reads `text`, or starts so when it ends with a space.
        let p = |text: &str| {
            let block = article.blocks.iter().find(|b| {
                let words = b.plain_text();
                words == text || (text.ends_with(' ') && words.starts_with(text))
            });
            (block.unwrap().kind, block.unwrap().plain_text())
        };
        assert_eq!(
            found,
            [
                ("History".to_string(), p("History")),
                ("Sources".into(), p("Sources")),
                ("Old anchor".into(), p("An old-style anchor starts ")),
                ("Why?".into(), p("Why")),
                // A table's marker is put before it: its target is what follows, its cells.
                ("Table".into(), p("| ")),
                // A linked image stays a figure (its marker before the link).
                (
                    "Photo".into(),
                    (BlockKind::Figure { image: 0 }, String::new())
                ),
                ("[1]".into(), p("^ The first note, with words.")),
                ("[2]".into(), p("^ The second note.")),
                ("^".into(), p("The first paragraph ")),
                ("^".into(), p("The first paragraph ")),
            ]
        );
        // A target the article lacks, in a page that does not say where it was saved from:
        // no link (its words stay).
        let gone = |a: &Article| link_of(a, "Gone");
        assert_eq!(gone(article), Some(None));
        // In one that says it, the link leads there, to the same name.
        let saved = PAGE.replace(
            "<head>",
            "<head><link rel=\"canonical\" href=\"https://paper.example/notes#top\">",
        );
        let saved = page("page.html", &saved, day(), &|_| None, true).unwrap();
        assert_eq!(
            gone(&saved.article),
            Some(Some("https://paper.example/notes#elsewhere".into()))
        );
        assert_eq!(links(&saved.article), links(article));
        // Nothing of the markers is left, and the text is as it is without them.
        let without = page("page.html", PAGE, day(), &|_| None, false).unwrap();
        assert_eq!(
            article.annotatable_text(),
            without.article.annotatable_text()
        );
        assert!(!article.annotatable_text().contains('\u{FDD0}'));
        assert_eq!(article.slug, without.article.slug);
        let shape = |a: &Article| -> Vec<_> {
            a.blocks
                .iter()
                .map(|b| {
                    (
                        b.kind,
                        b.runs
                            .iter()
                            .map(|r| (r.text.clone(), r.marks))
                            .collect::<Vec<_>>(),
                    )
                })
                .collect()
        };
        assert_eq!(shape(article), shape(&without.article));
        // The note's back-link is still bold beside its marker.
        assert!(p("^ The first note, with words.").0 == BlockKind::ListItem { ordered: true });
        let note = article
            .blocks
            .iter()
            .find(|b| b.plain_text().starts_with("^ The first"));
        let note = note.unwrap();
        assert!(note.runs[0].marks.strong, "{:?}", note.runs);
    }

    #[test]
    fn a_markdown_files_links_to_its_headings_point_at_them() {
        let text = "# Notes\n\nSee [part two](#part-two), [the second one](#part-two-1), [café](#caf%C3%A9--au-lait) and [nowhere](#nowhere).\n\n## Part two\n\nWords.\n\n## Part two\n\nMore words.\n\n### Café — au lait!\n\nThe end.\n";
        let own = article_of("notes.md", Kind::Markdown, text, day(), &|_| None).unwrap();
        let article = &own.article;
        let found: Vec<(String, String)> = links(article)
            .into_iter()
            .map(|(words, link)| match link.strip_prefix("#p-") {
                Some(_) => (words, target(article, &link).1),
                None => (words, link),
            })
            .collect();
        assert_eq!(
            found,
            [
                ("part two".to_string(), "Part two".to_string()),
                ("the second one".into(), "Part two".into()),
                ("café".into(), "Café — au lait!".into()),
            ]
        );
        // A heading the file lacks: no link, as the file says nowhere else it could be.
        let nowhere = |a: &Article| link_of(a, "nowhere");
        assert_eq!(nowhere(article), Some(None));
        // A file that says where it came from: there.
        let sourced = format!("---\nurl: https://notes.example/day-one\n---\n{text}");
        let own = article_of("notes.md", Kind::Markdown, &sourced, day(), &|_| None).unwrap();
        assert_eq!(
            nowhere(&own.article),
            Some(Some("https://notes.example/day-one#nowhere".into()))
        );
        // The two "Part two"s are told apart.
        let n = |words: &str| {
            links(article)
                .into_iter()
                .find(|(w, _)| w == words)
                .unwrap()
                .1
        };
        assert_ne!(n("part two"), n("the second one"));
    }

    #[test]
    fn a_markdown_files_footnotes_reach_their_notes_when_an_empty_figure_before_them_goes() {
        // An image not given, with no words: no figure. The note's block moves up one, and
        // the claim's with it (the note's number leads back to it).
        let text = "# Walk\n\n![](gone.png)\n\nA claim[^1].\n\n[^1]: Its source.\n";
        let own = article_of("walk.md", Kind::Markdown, text, day(), &|_| None).unwrap();
        let found: Vec<(String, String)> = links(&own.article)
            .into_iter()
            .map(|(words, link)| (words, target(&own.article, &link).1))
            .collect();
        let found: Vec<(&str, &str)> = found.iter().map(|(w, t)| (&**w, &**t)).collect();
        assert_eq!(found, [("[1]", "1. Its source."), ("1.", "A claim[1].")]);
        assert_eq!(own.article.blocks.len(), 2);
    }

    /// Mozilla's test pages with links within themselves (a Wikipedia article's notes and
    /// contents, an RFC's sections, a book's tables): the links reach their targets, and the
    /// article is otherwise the one made without markers.
    #[test]
    fn the_test_pages_links_within_themselves_reach_their_targets_and_leave_their_text_alone() {
        let dir = crate::score::test_pages_dir();
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        let (mut pages, mut linked, mut pointed, mut elsewhere) = (0, 0, 0, 0);
        for name in names {
            let Ok(html) = std::fs::read_to_string(dir.join(&name).join("source.html")) else {
                continue;
            };
            if !html.contains("href=\"#") {
                continue;
            }
            let made = |in_page| page("page.html", &html, day(), &|_| None, in_page);
            let (Ok(with), Ok(without)) = (made(true), made(false)) else {
                continue;
            };
            let (with, without) = (with.article, without.article);
            assert_eq!(
                with.annotatable_text(),
                without.annotatable_text(),
                "{name}"
            );
            assert_eq!(with.blocks.len(), without.blocks.len(), "{name}");
            assert!(!with.annotatable_text().contains('\u{FDD0}'), "{name}");
            pages += 1;
            // The article's links within itself before they are pointed anywhere.
            let address = crate::own::saved_from(&html);
            let file = crate::article_file::made(&html, address.as_deref(), &|_| None, true, false);
            let before = own::from_markdown_with_sources(&file.unwrap().text, "page.html", day());
            let before = before.unwrap().0;
            linked += links(&before).len();
            // Each reaches its target's block, or the page it was saved from, or is no link:
            // none leads nowhere.
            let with_links = links(&with);
            assert!(
                with_links.iter().all(|(_, l)| l.starts_with("#p-")),
                "{name}"
            );
            pointed += with_links.len();
            if let Some(source) = &with.source {
                let page = format!("{}#", source.split('#').next().unwrap());
                let there = |a: &Article| {
                    a.blocks
                        .iter()
                        .flat_map(|b| &b.runs)
                        .filter(|r| r.link.as_ref().is_some_and(|l| l.starts_with(&page)))
                        .count()
                };
                // Less any link of the page that was written so already.
                // Less those of the page written so already (a marker inside a link's words
                // may make it two runs: counted twice).
                elsewhere += there(&with).saturating_sub(there(&before));
            }
        }
        eprintln!(
            "{pages} pages, {linked} links within themselves: {pointed} pointed at a block, \
             about {elsewhere} at the page saved, the others no longer links"
        );
        assert!(pages >= 10, "{pages} pages");
        assert!(pointed * 100 >= linked * 95, "{pointed} of {linked}");
    }
}
