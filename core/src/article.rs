//! The article model, as the build bundles it and the app renders it.
//!
//! Body text is a list of blocks, each a flat list of [`Run`]s: a run is text with one set of
//! inline marks. Flat runs (rather than a tree) make it trivial to split text at any character
//! offset, which is how a fact's supporting words are tagged without breaking inline formatting.

use serde::{Deserialize, Serialize};

use crate::pub_date::PubDate;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// URL segment; lowercase letters, digits and hyphens.
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<String>,
    pub byline: String,
    pub publication: String,
    pub date: PubDate,
    /// Where the story was first published (an `http(s)` URL), if known: the reader can go
    /// there, and annotations made on that page elsewhere (Hypothesis) find the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    pub facts: Vec<Fact>,
    pub blocks: Vec<Block>,
    /// The text's language (a BCP 47 tag such as `he`), when known and not the app's English:
    /// a reader's saved page says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `rtl` for text written right to left (`ltr` otherwise, or unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    /// The images of the body, in order: a [`BlockKind::Figure`] names one by its index here.
    /// Only a reader's saved pages have them (the image itself is kept beside the article, when
    /// the page held it); the build's articles have only their photo.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<BodyImage>,
}

/// An image of the body: what it shows, in words (its bytes, when kept, are stored apart).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BodyImage {
    pub alt: String,
    /// Where the app shows it from during a visit (an object URL of the kept image); empty in
    /// what is stored, and where the image was not kept (its words are shown instead).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub src: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    /// Path relative to the site root, e.g. `images/tumen-river.svg`.
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The image shown is a stand-in (the original photo is not bundled); the page says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stand_in: bool,
}

/// A key fact of the story, tied to the exact words of the body that support it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// 1-based, in front-matter order; runs carrying the supporting words list this id.
    pub id: u16,
    /// Short label such as "Who" or "Where".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub text: String,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub runs: Vec<Run>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    Paragraph,
    /// Level 2 to 6 (the article title is the page's only level 1).
    Heading(u8),
    /// A paragraph inside a block quote; consecutive ones form one quote.
    Quote,
    /// An item of a list; consecutive items with the same `ordered` form one list.
    ListItem {
        ordered: bool,
    },
    Code,
    Rule,
    /// An image of the body ([`Article::images`]`[image]`); its runs are its caption (none when
    /// it has no caption).
    Figure {
        image: u16,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "Marks::is_plain")]
    pub marks: Marks,
    /// Link target; only `http(s):`, `mailto:`, in-page and relative links survive the pipeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Ids of the facts these words support.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<u16>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub code: bool,
}

impl Marks {
    pub fn is_plain(&self) -> bool {
        *self == Marks::default()
    }
}

/// What a link within an article is when it is a note's (read from its words, as a reader
/// would): the reference to note `n` in the text (`[1]`, or a saved page's bare `1`), or a
/// note's way back to the text (a Markdown note's `1.`, a saved page's `^` or `↩`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteLink {
    Reference(u32),
    Back(Option<u32>),
}

impl Run {
    /// The note link these words are, when they link to a block of this article (`#p-N`, as
    /// written or on the article's page) and read as one; `None` for any other words.
    pub fn note_link(&self) -> Option<NoteLink> {
        let link = self.link.as_deref()?;
        let (page, place) = link.rsplit_once('#')?;
        if page.contains(':') || !place.starts_with("p-") {
            return None;
        }
        let number = |s: &str| {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let text = self.text.trim();
        let inner = text.strip_prefix('[').and_then(|t| t.strip_suffix(']'));
        if let Some(n) = number(inner.unwrap_or(text)) {
            return Some(NoteLink::Reference(n));
        }
        if let Some(n) = text.strip_suffix('.').and_then(number) {
            return Some(NoteLink::Back(Some(n)));
        }
        matches!(text, "^" | "↩" | "↩\u{fe0e}" | "↑").then_some(NoteLink::Back(None))
    }
}

impl Block {
    /// The block's text without markup.
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The block's runs as the article's page at `page` (its address from the app's root,
    /// such as `articles/<slug>/`) draws them: a link within the article (`#notes`) names that
    /// page with its fragment. Every page's `<base>` is the app's root, so `#notes` as it is
    /// would be the library's: copied, opened in a new tab, or followed before the app runs.
    pub fn runs_on_page(&self, page: &str) -> Vec<Run> {
        let mut runs = self.runs.clone();
        for run in &mut runs {
            if let Some(link) = run.link.as_mut().filter(|l| l.starts_with('#')) {
                *link = format!("{page}{link}");
            }
        }
        runs
    }
}

/// Whether `name` (a fragment, without its `#`) is the app's name for one of an article's
/// `blocks` blocks (`p-N`, the places its links can reach in the app).
pub fn is_block_name(name: &str, blocks: usize) -> bool {
    name.strip_prefix("p-")
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n < blocks)
}

impl Article {
    /// Points each link to a place in this article that is not one of its blocks (`#notes`: a
    /// saved page's own name for a place, kept by articles added before such names were
    /// resolved; nothing on the app's page bears it) at that place in the page the article was
    /// saved from, or, with no such page, leaves its words as text. A link that leads
    /// somewhere stays as it is.
    pub fn mend_in_page_links(&mut self) {
        let page = self
            .source
            .as_deref()
            .map(|s| s.split('#').next().unwrap_or(s).to_string());
        let blocks = self.blocks.len();
        for run in self.blocks.iter_mut().flat_map(|b| &mut b.runs) {
            let Some(name) = run.link.as_deref().and_then(|l| l.strip_prefix('#')) else {
                continue;
            };
            if is_block_name(name, blocks) {
                continue;
            }
            run.link = page
                .as_ref()
                .filter(|_| !name.is_empty())
                .map(|page| format!("{page}#{name}"));
        }
    }

    /// Body text without markup, one block per paragraph separated by a blank line.
    pub fn plain_text(&self) -> String {
        self.blocks
            .iter()
            .map(Block::plain_text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The text highlights are anchored in: the photo caption (it can be highlighted too), then
    /// every block, each followed by a blank line. Anchoring offsets count `char`s of this text.
    pub fn annotatable_text(&self) -> String {
        let mut text = String::new();
        for part in self.annotatable_parts() {
            text.push_str(&part);
            text.push_str("\n\n");
        }
        text
    }

    /// The annotatable parts in order: the caption (if any), then each block's plain text.
    pub fn annotatable_parts(&self) -> impl Iterator<Item = String> + '_ {
        self.photo
            .iter()
            .map(|p| p.caption.clone())
            .chain(self.blocks.iter().map(Block::plain_text))
    }

    /// The char offset at which each annotatable part starts in [`Article::annotatable_text`].
    pub fn annotatable_part_starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.annotatable_parts()
            .map(|part| {
                let start = at;
                at += part.chars().count() + 2;
                start
            })
            .collect()
    }

    /// The annotatable part index of block `block` (the caption, when present, is part 0).
    pub fn part_of_block(&self, block: usize) -> usize {
        block.saturating_add(usize::from(self.photo.is_some()))
    }

    /// The block an annotatable part is, the inverse of [`Article::part_of_block`]; the
    /// caption (part 0 when there is a photo) counts as block 0.
    pub fn block_of_part(&self, part: usize) -> usize {
        part.saturating_sub(usize::from(self.photo.is_some()))
    }

    /// The block holding the words of key fact `fact` (the first, if they were in several).
    pub fn block_of_fact(&self, fact: u16) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.runs.iter().any(|r| r.facts.contains(&fact)))
    }

    /// The author's key facts as the list the page shows (`<ol class="facts-list">`, as HTML):
    /// each a link to the block holding its words (`href_of(block)`), so that it works without
    /// the app too, carrying its id in `data-fact`. Every text and attribute is escaped: an
    /// article's words are always shown as text. Written as one string, not as a view of each
    /// fact, because a first visit downloads less code so (see docs/first-visit.md).
    pub fn facts_list_html(&self, href_of: impl Fn(usize) -> String) -> String {
        let mut html = String::from("<ol class=\"facts-list\">");
        for fact in &self.facts {
            html.push_str("<li><a class=\"fact\" data-fact=\"");
            html.push_str(&fact.id.to_string());
            html.push('"');
            if let Some(block) = self.block_of_fact(fact.id) {
                html.push_str(" href=\"");
                html.push_str(&escape_html(&href_of(block)));
                html.push('"');
            }
            html.push('>');
            if let Some(topic) = &fact.topic {
                html.push_str("<span class=\"fact-topic\">");
                html.push_str(&escape_html(topic));
                html.push_str("</span>");
            }
            html.push_str("<span class=\"fact-text\">");
            html.push_str(&escape_html(&fact.text));
            html.push_str(
                "</span><span class=\"visually-hidden\"> Show in the story.</span></a></li>",
            );
        }
        html.push_str("</ol>");
        html
    }

    /// The block that holds char `at` of the annotatable text (`part_starts` as
    /// [`Article::annotatable_part_starts`] gives them).
    pub fn block_at(&self, part_starts: &[usize], at: usize) -> usize {
        let part = part_starts.iter().rposition(|&s| s <= at).unwrap_or(0);
        self.block_of_part(part)
    }

    /// Paragraph-like blocks as plain text, in order (headings, rules and code left out).
    pub fn paragraphs(&self) -> impl Iterator<Item = String> + '_ {
        self.blocks
            .iter()
            .filter(|b| {
                matches!(
                    b.kind,
                    BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem { .. }
                )
            })
            .map(Block::plain_text)
    }
}

/// `text` as HTML text or a quoted attribute's value: shown as written, never read as markup.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, link: Option<&str>) -> Run {
        Run {
            text: text.into(),
            link: link.map(str::to_string),
            ..Run::default()
        }
    }

    /// An article "walk" of 2026 with these facts and paragraphs of these runs.
    fn walk(facts: Vec<Fact>, paragraphs: Vec<Vec<Run>>) -> Article {
        Article {
            slug: "walk".into(),
            title: "A walk".into(),
            standfirst: None,
            byline: String::new(),
            publication: String::new(),
            date: PubDate {
                year: 2026,
                month: None,
                day: None,
                approximate: false,
            },
            source: None,
            photo: None,
            facts,
            lang: None,
            dir: None,
            images: Vec::new(),
            blocks: paragraphs
                .into_iter()
                .map(|runs| Block {
                    kind: BlockKind::Paragraph,
                    runs,
                })
                .collect(),
        }
    }

    #[test]
    fn a_notes_links_are_told_by_their_words_and_where_they_lead() {
        use NoteLink::*;
        let cases = [
            ("[1]", Some("#p-3"), Some(Reference(1))),
            ("12", Some("articles/walk/#p-40"), Some(Reference(12))),
            (" [2] ", Some("#p-3"), Some(Reference(2))),
            ("1.", Some("articles/walk/#p-0"), Some(Back(Some(1)))),
            ("^", Some("#p-0"), Some(Back(None))),
            ("↩\u{fe0e}", Some("#p-0"), Some(Back(None))),
            // Words, another place, another page, or no link: not a note's.
            ("the notes", Some("#p-3"), None),
            ("[1]", Some("#notes"), None),
            ("[1]", Some("https://example.com/walk#p-2"), None),
            ("[1]", None, None),
            ("[]", Some("#p-3"), None),
            ("[x]", Some("#p-3"), None),
            ("123456", Some("#p-3"), None),
            (".", Some("#p-3"), None),
        ];
        for (text, link, expected) in cases {
            assert_eq!(
                run(text, link).note_link(),
                expected,
                "{text:?} -> {link:?}"
            );
        }
    }

    #[test]
    fn links_within_the_article_name_its_page_and_others_stay_as_written() {
        let block = Block {
            kind: BlockKind::Paragraph,
            runs: vec![
                run("See ", None),
                run("the notes", Some("#notes")),
                run(", ", None),
                run("the source", Some("https://example.com/a#b")),
                run(", ", None),
                run("another article", Some("articles/other/")),
                run(" and ", None),
                run("the top", Some("#")),
            ],
        };
        let links: Vec<Option<String>> = block
            .runs_on_page("own/?a=own-walk")
            .into_iter()
            .map(|r| r.link)
            .collect();
        assert_eq!(
            links,
            [
                None,
                Some("own/?a=own-walk#notes".into()),
                None,
                Some("https://example.com/a#b".into()),
                None,
                Some("articles/other/".into()),
                None,
                Some("own/?a=own-walk#".into()),
            ]
        );
        // The text and the rest of each run are the block's.
        assert_eq!(
            block.runs_on_page("articles/walk/")[1],
            run("the notes", Some("articles/walk/#notes"))
        );
    }

    #[test]
    fn in_page_links_that_lead_nowhere_lead_to_the_saved_page_or_become_text() {
        let mut article = walk(
            Vec::new(),
            vec![
                vec![
                    run("a note", Some("#p-1")),
                    run("the notes", Some("#notes")),
                    run("no block", Some("#p-2")),
                    run("the top", Some("#")),
                ],
                vec![
                    run("elsewhere", Some("https://example.org/#x")),
                    run("mail", Some("mailto:a@example.com")),
                    run("another article", Some("articles/other/")),
                    run("plain", None),
                ],
            ],
        );
        article.source = Some("https://example.com/walk#top".into());
        let links = |a: &Article| -> Vec<Option<String>> {
            a.blocks
                .iter()
                .flat_map(|b| &b.runs)
                .map(|r| r.link.clone())
                .collect()
        };
        let elsewhere = [
            Some("https://example.org/#x".to_string()),
            Some("mailto:a@example.com".into()),
            Some("articles/other/".into()),
            None,
        ];
        article.mend_in_page_links();
        let mut expected = vec![
            Some("#p-1".to_string()),
            Some("https://example.com/walk#notes".into()),
            Some("https://example.com/walk#p-2".into()),
            None,
        ];
        expected.extend(elsewhere.clone());
        assert_eq!(links(&article), expected);
        // Without the page it was saved from, such words are text; the words stay.
        article.source = None;
        article.blocks[0].runs[1].link = Some("#notes".into());
        article.mend_in_page_links();
        expected[1] = None;
        assert_eq!(links(&article), expected);
        assert_eq!(article.blocks[0].runs[1].text, "the notes");
        assert!(is_block_name("p-0", 1) && !is_block_name("p-1", 1) && !is_block_name("p-x", 9));
    }

    #[test]
    fn the_authors_facts_list_links_each_to_its_words_and_shows_hostile_text_as_text() {
        let fact_run = |text: &str, id: u16| Run {
            text: text.into(),
            facts: vec![id],
            ..Run::default()
        };
        let article = walk(
            vec![
                Fact {
                    id: 1,
                    topic: Some("Who & <b>".into()),
                    text: "<img src=x onerror=alert(1)> \"quoted\" 'single'".into(),
                    quote: String::new(),
                },
                Fact {
                    id: 2,
                    topic: None,
                    text: "Nowhere in the text".into(),
                    quote: String::new(),
                },
            ],
            vec![
                vec![run("first", None)],
                vec![run("then ", None), fact_run("the words", 1)],
            ],
        );
        assert_eq!(
            article.facts_list_html(|b| format!("own/?a=x&y=\"{b}\"#p-{b}")),
            concat!(
                "<ol class=\"facts-list\">",
                "<li><a class=\"fact\" data-fact=\"1\" href=\"own/?a=x&amp;y=&quot;1&quot;#p-1\">",
                "<span class=\"fact-topic\">Who &amp; &lt;b&gt;</span>",
                "<span class=\"fact-text\">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39;</span>",
                "<span class=\"visually-hidden\"> Show in the story.</span></a></li>",
                "<li><a class=\"fact\" data-fact=\"2\">",
                "<span class=\"fact-text\">Nowhere in the text</span>",
                "<span class=\"visually-hidden\"> Show in the story.</span></a></li>",
                "</ol>"
            )
        );
    }
}
