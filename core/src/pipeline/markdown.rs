//! Markdown body → blocks of styled runs.
//!
//! Raw HTML is never passed through: HTML blocks and inline tags become ordinary text, which the
//! app renders as text nodes. Links keep only safe schemes. Constructs the reader cannot show
//! well (body images, nested lists, a second level-1 heading) fail the build with a reason.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::article::{Block, BlockKind, Marks, Run};

pub fn parse_body(markdown: &str) -> Result<Vec<Block>, String> {
    build(markdown, &mut Builder::default())
}

/// An image of a reader's file: its description and its address as the file gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundImage {
    pub alt: String,
    pub src: String,
}

/// The body of a reader's own file: nothing refused. A level-1 heading becomes level 2 and a
/// nested list's items join the outer list. An image that opens a paragraph is a figure (a
/// [`BlockKind::Figure`] naming its index in the images returned), the rest of the paragraph
/// its caption; an image amid text is its description. Footnotes (`[^label]`, and
/// `[^label]: …` where the file puts it) are numbered in the order they are first referred to:
/// a reference reads `[1]`, a link to its note (`#p-N`, its first block), which starts
/// `1. `, its number a link back to the block of its first reference.
pub fn parse_any_body(markdown: &str) -> (Vec<Block>, Vec<FoundImage>) {
    let mut lenient = Builder {
        lenient: true,
        ..Builder::default()
    };
    let blocks = build(markdown, &mut lenient).unwrap_or_default();
    (blocks, lenient.images)
}

/// A footnote reference's link until its note's block is known: no address starts so.
const NOTE: &str = "\u{0}note:";
/// A note's link back to its first reference until that block is known.
const BACK: &str = "\u{0}back:";

fn build(markdown: &str, b: &mut Builder) -> Result<Vec<Block>, String> {
    let options = match b.lenient {
        true => Options::ENABLE_FOOTNOTES,
        false => Options::empty(),
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => b.start(tag)?,
            Event::End(tag) => b.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => match &mut b.alt {
                Some(alt) => alt.push_str(&text),
                None => b.text(&text),
            },
            Event::Code(text) => {
                b.code += 1;
                b.text(&text);
                b.code -= 1;
            }
            Event::SoftBreak | Event::HardBreak if b.alt.is_some() => {
                b.alt.as_mut().expect("an image's description").push(' ')
            }
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.text("\n"),
            Event::Rule => {
                b.flush();
                b.blocks.push(Block {
                    kind: BlockKind::Rule,
                    runs: Vec::new(),
                });
            }
            Event::FootnoteReference(label) => {
                let n = b.note_number(&label);
                if !b.referred.iter().any(|(l, _)| **l == *label) {
                    // The block the reference is in: the one open, or the next one.
                    b.referred.push((label.to_string(), b.blocks.len()));
                }
                let outer = b.link.replace(Some(format!("{NOTE}{label}")));
                b.text(&format!("[{n}]"));
                b.link = outer;
            }
            other => b.text(&format!("{other:?}")),
        }
    }
    b.flush();
    b.point_notes();
    Ok(std::mem::take(&mut b.blocks))
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    open: Option<Block>,
    quote_depth: usize,
    lists: Vec<bool>,
    em: usize,
    strong: usize,
    code: usize,
    link: Option<Option<String>>,
    /// A reader's own file: what the build refuses is made readable instead.
    lenient: bool,
    /// The figures' images found so far (lenient only).
    images: Vec<FoundImage>,
    /// The description of the figure's image being read, with its address.
    alt: Option<String>,
    src: String,
    /// Footnotes' labels, by number (lenient only).
    notes: Vec<String>,
    /// Each footnote's label and the block its note starts at.
    note_at: Vec<(String, usize)>,
    /// Each footnote's label and the block of its first reference.
    referred: Vec<(String, usize)>,
    /// The number that starts the note being read, until its first words, and its label.
    note_number: Option<(String, String)>,
}

impl Builder {
    fn start(&mut self, tag: Tag) -> Result<(), String> {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.open_block(self.context_kind()),
            Tag::Heading { level, .. } => {
                if level == HeadingLevel::H1 && self.lenient {
                    self.open_block(BlockKind::Heading(2));
                    return Ok(());
                }
                if level == HeadingLevel::H1 {
                    return Err("a level-1 heading (`# ...`) in the body: the title is the page's only level-1 heading; use `##` or deeper".into());
                }
                self.open_block(BlockKind::Heading(level as u8));
            }
            Tag::CodeBlock(_) => self.open_block(BlockKind::Code),
            Tag::FootnoteDefinition(label) => {
                self.flush();
                let n = self.note_number(&label);
                self.note_at.push((label.to_string(), self.blocks.len()));
                self.note_number = Some((format!("{n}."), label.to_string()));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::List(start) => {
                if !self.lists.is_empty() && !self.lenient {
                    return Err("nested lists are not supported".into());
                }
                self.flush();
                self.lists.push(start.is_some());
            }
            Tag::Item => self.open_block(self.context_kind()),
            Tag::Emphasis => self.em += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => self.link = Some(crate::uri::safe_link(&dest_url)),
            Tag::Image { dest_url, .. } if self.lenient => {
                let opens = match &self.open {
                    None => true,
                    Some(b) => {
                        b.runs.iter().all(|r| r.text.trim().is_empty())
                            && !matches!(b.kind, BlockKind::Heading(_) | BlockKind::Code)
                    }
                };
                if opens && u16::try_from(self.images.len()).is_ok() {
                    self.alt = Some(String::new());
                    self.src = dest_url.to_string();
                }
            }
            Tag::Image { .. } => {
                return Err("images in the body are not supported: put the article's photo in the front matter's [photo] table".into())
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::Item => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth -= 1;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.note_number = None;
            }
            TagEnd::Emphasis => self.em -= 1,
            TagEnd::Strong => self.strong -= 1,
            TagEnd::Link => self.link = None,
            TagEnd::Image => {
                if let Some(alt) = self.alt.take() {
                    let image = self.images.len() as u16;
                    self.images.push(FoundImage {
                        alt: one_line(&alt),
                        src: std::mem::take(&mut self.src),
                    });
                    self.flush();
                    // Kept with no caption: a figure is shown for its image.
                    self.open = Some(Block {
                        kind: BlockKind::Figure { image },
                        runs: Vec::new(),
                    });
                }
            }
            _ => {}
        }
    }

    /// The footnote `label`'s number: the next one if it is new.
    fn note_number(&mut self, label: &str) -> usize {
        match self.notes.iter().position(|l| l == label) {
            Some(at) => at + 1,
            None => {
                self.notes.push(label.to_string());
                self.notes.len()
            }
        }
    }

    /// Points each footnote reference at its note's first block, and each note's number back
    /// at its first reference's block; one without the other is text.
    fn point_notes(&mut self) {
        let blocks = self.blocks.len();
        for run in self.blocks.iter_mut().flat_map(|b| &mut b.runs) {
            let Some(link) = run.link.as_deref() else {
                continue;
            };
            let (label, places) = match (link.strip_prefix(NOTE), link.strip_prefix(BACK)) {
                (Some(label), _) => (label, &self.note_at),
                (None, Some(label)) => (label, &self.referred),
                (None, None) => continue,
            };
            let at = places.iter().find(|(l, _)| l == label).map(|n| n.1);
            run.link = at.filter(|&at| at < blocks).map(|at| format!("#p-{at}"));
        }
        // A number that leads nowhere joins the words after it.
        for block in &mut self.blocks {
            block.runs.dedup_by(|next, run| {
                let same = next.facts.is_empty() && continues(run, next.marks, &next.link);
                if same {
                    run.text.push_str(&next.text);
                }
                same
            });
        }
    }

    fn context_kind(&self) -> BlockKind {
        if let Some(&ordered) = self.lists.last() {
            BlockKind::ListItem { ordered }
        } else if self.quote_depth > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Opens a block unless an empty one of the same kind is already open (a loose list item's
    /// paragraph arrives inside the item that opened it).
    fn open_block(&mut self, kind: BlockKind) {
        if matches!(&self.open, Some(b) if b.runs.is_empty() && b.kind == kind) {
            return;
        }
        self.flush();
        self.open = Some(Block {
            kind,
            runs: Vec::new(),
        });
    }

    fn flush(&mut self) {
        if let Some(mut block) = self.open.take() {
            trim_block(&mut block);
            if !block.runs.is_empty() || matches!(block.kind, BlockKind::Figure { .. }) {
                self.blocks.push(block);
            }
        }
    }

    fn text(&mut self, text: &str) {
        if self.open.is_none() {
            self.open_block(self.context_kind());
        }
        let marks = Marks {
            em: self.em > 0,
            strong: self.strong > 0,
            code: self.code > 0,
        };
        let link = self.link.clone().flatten();
        let runs = &mut self.open.as_mut().expect("a block is open").runs;
        if let Some((number, label)) = self.note_number.take() {
            runs.push(Run {
                text: number,
                link: Some(format!("{BACK}{label}")),
                ..Run::default()
            });
            runs.push(Run {
                text: " ".into(),
                ..Run::default()
            });
        }
        match runs.last_mut() {
            Some(last) if continues(last, marks, &link) => last.text.push_str(text),
            _ => runs.push(Run {
                text: text.to_string(),
                marks,
                link,
                facts: Vec::new(),
            }),
        }
    }
}

/// Whether words with `marks` and `link` continue the run `last` (rather than start a run).
fn continues(last: &Run, marks: Marks, link: &Option<String>) -> bool {
    last.marks == marks && last.link == *link && last.facts.is_empty()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims the block's outer whitespace (HTML blocks and code blocks end in a newline).
fn trim_block(block: &mut Block) {
    if let Some(first) = block.runs.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = block.runs.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    block.runs.retain(|r| !r.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(BlockKind, String)> {
        blocks.iter().map(|b| (b.kind, b.plain_text())).collect()
    }

    #[test]
    fn paragraphs_keep_their_words_and_typography() {
        let blocks =
            parse_body("He said \"hi\" — and 'left'.\nSame paragraph.\n\nSecond… one.\n").unwrap();
        assert_eq!(
            texts(&blocks),
            vec![
                (
                    BlockKind::Paragraph,
                    "He said \"hi\" — and 'left'. Same paragraph.".into()
                ),
                (BlockKind::Paragraph, "Second… one.".into())
            ]
        );
    }

    #[test]
    fn inline_marks_become_runs() {
        let blocks = parse_body("a *b* **c** `d` [e](https://example.org/x)").unwrap();
        let runs = &blocks[0].runs;
        assert!(runs.iter().any(|r| r.text == "b" && r.marks.em));
        assert!(runs.iter().any(|r| r.text == "c" && r.marks.strong));
        assert!(runs.iter().any(|r| r.text == "d" && r.marks.code));
        assert!(runs
            .iter()
            .any(|r| r.text == "e" && r.link.as_deref() == Some("https://example.org/x")));
    }

    #[test]
    fn raw_html_stays_text() {
        let blocks =
            parse_body("<script>alert(1)</script>\n\nA photo <img src=x onerror=alert(2)> here.\n")
                .unwrap();
        assert_eq!(
            texts(&blocks),
            vec![
                (BlockKind::Paragraph, "<script>alert(1)</script>".into()),
                (
                    BlockKind::Paragraph,
                    "A photo <img src=x onerror=alert(2)> here.".into()
                )
            ]
        );
    }

    #[test]
    fn unsafe_links_lose_their_target_but_keep_their_text() {
        let blocks = parse_body(
            "[click](javascript:alert(1)) [ok](/a) [mail](mailto:x@y.z) [data](DATA:text/html,x)",
        )
        .unwrap();
        let links: Vec<_> = blocks[0]
            .runs
            .iter()
            .map(|r| (r.text.trim(), r.link.as_deref()))
            .collect();
        assert!(links.contains(&("click", None)));
        assert!(links.contains(&("ok", Some("/a"))));
        assert!(links.contains(&("mail", Some("mailto:x@y.z"))));
        assert!(links.contains(&("data", None)));
    }

    #[test]
    fn control_characters_and_other_hosts_do_not_sneak_a_scheme_past_the_filter() {
        let md = concat!(
            "[a](java&#9;script:alert(1)) [b](java&#10;script:alert(1)) [c](&#1;javascript:alert(1)) ",
            "<java\tscript:alert(1)> [d](//evil.example/x) ",
            r"[e](\\\\evil.example/x)"
        );
        let blocks = parse_body(md).unwrap();
        let links: Vec<_> = blocks[0]
            .runs
            .iter()
            .filter_map(|r| r.link.as_deref())
            .collect();
        assert_eq!(
            links,
            ["https://evil.example/x", "https://evil.example/x"],
            "{:?}",
            blocks[0].runs
        );
    }

    #[test]
    fn lists_quotes_headings_and_code() {
        let md = "## Head\n\n> quoted\n> more\n\n- one\n- two\n\n1. first\n\n```\ncode <b>\n```\n\n---\n";
        assert_eq!(
            texts(&parse_body(md).unwrap()),
            vec![
                (BlockKind::Heading(2), "Head".into()),
                (BlockKind::Quote, "quoted more".into()),
                (BlockKind::ListItem { ordered: false }, "one".into()),
                (BlockKind::ListItem { ordered: false }, "two".into()),
                (BlockKind::ListItem { ordered: true }, "first".into()),
                (BlockKind::Code, "code <b>".into()),
                (BlockKind::Rule, "".into()),
            ]
        );
    }

    #[test]
    fn unsupported_constructs_are_named() {
        assert!(parse_body("# Title again").unwrap_err().contains("level-1"));
        assert!(parse_body("![x](https://example.org/x.png)")
            .unwrap_err()
            .contains("images"));
        assert!(parse_body("- a\n  - b\n").unwrap_err().contains("nested"));
    }

    #[test]
    fn a_readers_images_become_figures_with_their_captions() {
        let md = "Text before.\n\n![The river at dawn](data:image/png;base64,AAAA)The river, as it *was*.\n\n\
                  [![A   linked\none](https://example.org/a.jpg)](https://example.org/a)\n\n\
                  Words with ![an inline one](x.png) inside.\n\n\
                  - ![listed](y.png) Its caption\n\n## ![Not in a heading](z.png)\n";
        let (blocks, images) = parse_any_body(md);
        assert_eq!(
            texts(&blocks),
            vec![
                (BlockKind::Paragraph, "Text before.".into()),
                (
                    BlockKind::Figure { image: 0 },
                    "The river, as it was.".into()
                ),
                (BlockKind::Figure { image: 1 }, "".into()),
                (
                    BlockKind::Paragraph,
                    "Words with an inline one inside.".into()
                ),
                (BlockKind::Figure { image: 2 }, "Its caption".into()),
                (BlockKind::Heading(2), "Not in a heading".into()),
            ]
        );
        assert!(blocks[1].runs[1].marks.em, "{:?}", blocks[1].runs);
        let found = |alt: &str, src: &str| FoundImage {
            alt: alt.into(),
            src: src.into(),
        };
        assert_eq!(
            images,
            vec![
                found("The river at dawn", "data:image/png;base64,AAAA"),
                found("A linked one", "https://example.org/a.jpg"),
                found("listed", "y.png"),
            ]
        );
        // The build still refuses them (above); its articles have only their photo.
    }

    proptest::proptest! {
        /// Whatever a reader's file holds, each figure names one image found, in order, and
        /// each image found has its figure.
        #[test]
        fn every_figure_names_its_own_image(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "![a](x.png)", "![b c](data:image/png;base64,AA)", "words", "*em*", "\n\n",
                    "\n", "- ", "> ", "## ", "[", "](l)", "`", "\n```\n", " ", "1. ", "<img src=y>",
                ]),
                0..40,
            )
        ) {
            let (blocks, images) = parse_any_body(&parts.concat());
            let named: Vec<u16> = blocks
                .iter()
                .filter_map(|b| match b.kind {
                    BlockKind::Figure { image } => Some(image),
                    _ => None,
                })
                .collect();
            let expected: Vec<u16> = (0..images.len() as u16).collect();
            proptest::prop_assert_eq!(named, expected);
        }
    }

    #[test]
    fn a_readers_footnotes_are_numbered_and_their_references_link_to_their_notes() {
        let md = "Walkers rest at the top[^view] and at the lake[^1], then at the top again[^view]; [^none] is no note.\n\n## Notes\n\n[^1]: The lake is *cold*.\n\n[^view]: The view is best in the morning.\n\n    It fades by noon.\n";
        let (blocks, _) = parse_any_body(md);
        assert_eq!(
            texts(&blocks),
            [
                (
                    BlockKind::Paragraph,
                    "Walkers rest at the top[1] and at the lake[2], then at the top again[1]; [^none] is no note.".to_string()
                ),
                (BlockKind::Heading(2), "Notes".into()),
                (BlockKind::Paragraph, "2. The lake is cold.".into()),
                (BlockKind::Paragraph, "1. The view is best in the morning.".into()),
                (BlockKind::Paragraph, "It fades by noon.".into()),
            ]
        );
        let links: Vec<(&str, Option<&str>)> = blocks[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.link.as_deref()))
            .collect();
        assert_eq!(
            links,
            [
                ("Walkers rest at the top", None),
                ("[1]", Some("#p-3")),
                (" and at the lake", None),
                ("[2]", Some("#p-2")),
                (", then at the top again", None),
                ("[1]", Some("#p-3")),
                ("; [^none] is no note.", None),
            ]
        );
        // Each note's number leads back to the paragraph of its first reference.
        let runs = |block: &Block| -> Vec<(String, Option<String>)> {
            block
                .runs
                .iter()
                .map(|r| (r.text.clone(), r.link.clone()))
                .collect()
        };
        let back = |n: &str| (n.to_string(), Some("#p-0".to_string()));
        let text = |t: &str| (t.to_string(), None);
        assert_eq!(runs(&blocks[2])[..2], [back("2."), text(" The lake is ")]);
        assert_eq!(
            runs(&blocks[3]),
            [back("1."), text(" The view is best in the morning.")]
        );
        assert_eq!(runs(&blocks[4]), [text("It fades by noon.")]);
        // A note referred to only from another note leads back to that note; one nothing
        // refers to has a number only.
        let (blocks, _) = parse_any_body(
            "Intro.\n\n[^a]: A note that cites another[^b].\n\n[^b]: The other.\n\n[^c]: Alone.\n",
        );
        assert_eq!(
            runs(&blocks[1]),
            [
                text("1. A note that cites another"),
                ("[2]".to_string(), Some("#p-2".to_string())),
                text("."),
            ]
        );
        assert_eq!(
            runs(&blocks[2]),
            [
                ("2.".to_string(), Some("#p-1".to_string())),
                text(" The other.")
            ]
        );
        assert_eq!(runs(&blocks[3]), [text("3. Alone.")]);
        // The build's Markdown has no footnotes: the words stay as they are.
        let built = parse_body("A claim[^1].\n\n[^1]: Its source.\n").unwrap();
        assert_eq!(
            texts(&built),
            [
                (BlockKind::Paragraph, "A claim[^1].".to_string()),
                (BlockKind::Paragraph, "[^1]: Its source.".into()),
            ]
        );
    }
}
