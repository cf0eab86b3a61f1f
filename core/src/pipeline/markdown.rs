//! Markdown body → blocks of styled runs.
//!
//! Raw HTML is never passed through: HTML blocks and inline tags become ordinary text, which the
//! app renders as text nodes. Links keep only safe schemes. Constructs the reader cannot show
//! well (body images, nested lists, a second level-1 heading) fail the build with a reason.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::article::{Block, BlockKind, Marks, Run};

pub fn parse_body(markdown: &str) -> Result<Vec<Block>, String> {
    build(markdown, Builder::default())
}

/// The body of a reader's own file: nothing refused. A level-1 heading becomes level 2, a
/// nested list's items join the outer list, and an image is its alt text.
pub fn parse_any_body(markdown: &str) -> Vec<Block> {
    let lenient = Builder {
        lenient: true,
        ..Builder::default()
    };
    build(markdown, lenient).unwrap_or_default()
}

fn build(markdown: &str, mut b: Builder) -> Result<Vec<Block>, String> {
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) => b.start(tag)?,
            Event::End(tag) => b.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => b.text(&text),
            Event::Code(text) => {
                b.code += 1;
                b.text(&text);
                b.code -= 1;
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
            other => b.text(&format!("{other:?}")),
        }
    }
    b.flush();
    Ok(b.blocks)
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
            Tag::Image { .. } if self.lenient => {}
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
            TagEnd::Emphasis => self.em -= 1,
            TagEnd::Strong => self.strong -= 1,
            TagEnd::Link => self.link = None,
            _ => {}
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
            if !block.runs.is_empty() {
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
        match runs.last_mut() {
            Some(last) if last.marks == marks && last.link == link && last.facts.is_empty() => {
                last.text.push_str(text)
            }
            _ => runs.push(Run {
                text: text.to_string(),
                marks,
                link,
                facts: Vec::new(),
            }),
        }
    }
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
}
