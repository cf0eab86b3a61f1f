//! A reader's own file as an article: Markdown (with our TOML front matter, a YAML one, or
//! none) or plain text. Unlike the build, nothing is refused for its form: what the build would
//! refuse is made readable (see [`super::markdown::parse_any_body`]), fields the file does not
//! give are left empty, and only a file with no words at all is refused. Markup in the file is
//! text: the body is the same block model of styled runs as the bundled articles.
//!
//! The article's slug is made from its text ([`own_slug`]): the same text added twice is the
//! same article.

use crate::article::{Article, Block, BlockKind, BodyImage, Fact, Marks, Run};
use crate::pub_date::PubDate;

pub use crate::library::OWN_PREFIX;

/// Why a file gives no article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnError {
    /// The file holds no words.
    Empty,
}

/// The fields a file may state about itself.
#[derive(Clone, Debug, Default, PartialEq)]
struct Stated {
    title: Option<String>,
    standfirst: Option<String>,
    byline: Option<String>,
    publication: Option<String>,
    date: Option<PubDate>,
    source: Option<String>,
    facts: Vec<(Option<String>, String, String)>,
}

/// The article of a Markdown file named `name`, added on `added` (its date when the file
/// states none).
pub fn from_markdown(source: &str, name: &str, added: PubDate) -> Result<Article, OwnError> {
    from_markdown_with_sources(source, name, added).map(|(article, _)| article)
}

/// [`from_markdown`], and the address of each of its [`Article::images`] as the file gives it
/// (the caller keeps the images it can: a `data:` one, say).
pub fn from_markdown_with_sources(
    source: &str,
    name: &str,
    added: PubDate,
) -> Result<(Article, Vec<String>), OwnError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (stated, body) = front_matter(source);
    let (heading, body) = match stated.title {
        Some(_) => (None, body),
        None => first_heading(body),
    };
    let (blocks, found) = super::markdown::parse_any_body(body);
    let title = stated.title.clone().or(heading);
    let (images, sources) = found
        .into_iter()
        .map(|f| {
            let image = BodyImage {
                alt: f.alt,
                src: String::new(),
            };
            (image, f.src)
        })
        .unzip();
    let mut article = finish(stated, title, blocks, name, added)?;
    article.images = images;
    Ok((article, sources))
}

/// The article of a plain text file named `name`: paragraphs are separated by blank lines, the
/// first line is the title.
pub fn from_text(text: &str, name: &str, added: PubDate) -> Result<Article, OwnError> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let title = lines.next().map(one_line).filter(|t| !t.is_empty());
    let rest = lines.collect::<Vec<_>>().join("\n");
    let blocks = rest
        .split("\n\n")
        .map(one_line)
        .filter(|p| !p.is_empty())
        .map(|p| Block {
            kind: BlockKind::Paragraph,
            runs: vec![Run {
                text: p,
                marks: Marks::default(),
                link: None,
                facts: Vec::new(),
            }],
        })
        .collect();
    finish(Stated::default(), title, blocks, name, added)
}

/// The slug of a reader's article: [`OWN_PREFIX`] and a hash of its text.
pub fn own_slug(article: &Article) -> String {
    format!(
        "{OWN_PREFIX}{}",
        crate::library::hash(&article.annotatable_text())
    )
}

fn finish(
    stated: Stated,
    title: Option<String>,
    mut blocks: Vec<Block>,
    name: &str,
    added: PubDate,
) -> Result<Article, OwnError> {
    let title = title.filter(|t| !t.is_empty());
    if blocks.is_empty() {
        // A file that is only a title is a one-paragraph article.
        let only = title.clone().ok_or(OwnError::Empty)?;
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            runs: vec![Run {
                text: only,
                marks: Marks::default(),
                link: None,
                facts: Vec::new(),
            }],
        });
    }
    let mut facts = Vec::new();
    for (topic, text, quote) in stated.facts {
        let Ok(id) = u16::try_from(facts.len() + 1) else {
            break;
        };
        // A fact whose words are not found once in the body is left out, not refused.
        if super::facts::tag_quote(&mut blocks, id, &quote).is_ok() {
            facts.push(Fact {
                id,
                topic,
                text,
                quote,
            });
        }
    }
    let mut article = Article {
        slug: String::new(),
        title: title.unwrap_or_else(|| file_title(name)),
        standfirst: stated.standfirst,
        byline: stated.byline.unwrap_or_default(),
        publication: stated.publication.unwrap_or_default(),
        date: stated.date.unwrap_or(added),
        source: stated.source,
        photo: None,
        facts,
        blocks,
        lang: None,
        dir: None,
        images: Vec::new(),
    };
    article.slug = own_slug(&article);
    Ok(article)
}

/// A file's name as a title: without its folder and extension, `-` and `_` as spaces.
fn file_title(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let title = one_line(&stem.replace(['-', '_'], " "));
    if title.is_empty() {
        "Untitled".into()
    } else {
        title
    }
}

/// The front matter's fields and the body after it; none and the whole file if there is none.
fn front_matter(source: &str) -> (Stated, &str) {
    if let Ok((toml, body)) = super::front_matter::split(source) {
        if let Some(stated) = from_toml(toml) {
            return (stated, body);
        }
    }
    if let Some((yaml, body)) = yaml_block(source) {
        return (from_yaml(yaml), body);
    }
    (Stated::default(), source)
}

fn from_toml(toml_text: &str) -> Option<Stated> {
    let table: toml::Table = toml::from_str(toml_text).ok()?;
    let text = |key: &str| {
        table
            .get(key)
            .and_then(|v| v.as_str())
            .map(one_line)
            .filter(|s| !s.is_empty())
    };
    let facts = table
        .get("facts")
        .and_then(|f| f.as_array())
        .map(|facts| {
            facts
                .iter()
                .filter_map(|f| {
                    let field = |key: &str| f.get(key).and_then(|v| v.as_str()).map(one_line);
                    Some((
                        field("topic").filter(|t| !t.is_empty()),
                        field("text").filter(|t| !t.is_empty())?,
                        field("quote").filter(|t| !t.is_empty())?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Stated {
        title: text("title"),
        standfirst: text("standfirst"),
        byline: text("byline"),
        publication: text("publication"),
        date: text("date").and_then(|d| PubDate::parse(&d).ok()),
        source: text("source").and_then(|s| web_address(&s)),
        facts,
    })
}

/// `---` front matter, as many Markdown tools write it: its `key: value` lines.
fn yaml_block(source: &str) -> Option<(&str, &str)> {
    let rest = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

fn from_yaml(yaml: &str) -> Stated {
    let mut stated = Stated::default();
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = one_line(value.trim().trim_matches(['"', '\'']));
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => stated.title = Some(value),
            "author" | "byline" => stated.byline = Some(value),
            "description" | "subtitle" | "standfirst" => stated.standfirst = Some(value),
            "site" | "publication" | "site_name" => stated.publication = Some(value),
            "date" | "published" => {
                stated.date = value.get(..10).and_then(|d| PubDate::parse(d).ok())
            }
            "source" | "url" | "canonical" => stated.source = web_address(&value),
            _ => {}
        }
    }
    stated
}

/// A first `# Title` line (before any other text) and the body without it.
fn first_heading(body: &str) -> (Option<String>, &str) {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    match rest[..line_end].strip_prefix("# ") {
        Some(title) => (
            Some(one_line(title.trim_end_matches('#'))).filter(|t| !t.is_empty()),
            &rest[line_end..],
        ),
        None => (None, body),
    }
}

/// An http(s) address as a source; anything else is left out.
fn web_address(s: &str) -> Option<String> {
    crate::uri::is_web_address(s).then(|| s.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> PubDate {
        PubDate::parse("2026-11-30").unwrap()
    }

    fn texts(article: &Article) -> Vec<(BlockKind, String)> {
        article
            .blocks
            .iter()
            .map(|b| (b.kind, b.plain_text()))
            .collect()
    }

    #[test]
    fn plain_text_is_a_title_line_and_paragraphs_by_blank_lines() {
        let a = from_text(
            "\u{feff}\n  A walk by the river \r\n\r\nFirst line\r\nsame paragraph.\r\n\r\n\r\n<b>Second</b> & <script>x</script>\n",
            "notes.txt",
            day(),
        )
        .unwrap();
        assert_eq!(a.title, "A walk by the river");
        assert_eq!(
            texts(&a),
            vec![
                (BlockKind::Paragraph, "First line same paragraph.".into()),
                (
                    BlockKind::Paragraph,
                    "<b>Second</b> & <script>x</script>".into()
                ),
            ]
        );
        assert_eq!((a.byline.as_str(), a.publication.as_str()), ("", ""));
        assert_eq!(a.date, day());
        assert!(a.slug.starts_with(OWN_PREFIX) && a.slug.len() == OWN_PREFIX.len() + 16);
        assert_eq!(
            from_text("   \n\n \t", "x.txt", day()),
            Err(OwnError::Empty)
        );
        assert_eq!(
            texts(&from_text("Only a title", "x.txt", day()).unwrap()),
            vec![(BlockKind::Paragraph, "Only a title".into())]
        );
    }

    #[test]
    fn the_same_text_is_the_same_article_and_other_text_another() {
        let a = from_text("Title\n\nBody words.", "a.txt", day()).unwrap();
        let b = from_text(
            "Title\n\nBody words.\n",
            "b.txt",
            PubDate::parse("2020").unwrap(),
        )
        .unwrap();
        let c = from_text("Title\n\nOther words.", "a.txt", day()).unwrap();
        assert_eq!(a.slug, b.slug);
        assert_ne!(a.slug, c.slug);
    }

    #[test]
    fn markdown_without_front_matter_takes_its_title_from_a_first_heading_or_the_file_name() {
        let a = from_markdown(
            "# The title #\n\nSome *words*, [a link](javascript:alert(1)) and ![a chart](x.png).\n\n# Part two\n\n- one\n  - nested\n- two\n",
            "note.md",
            day(),
        )
        .unwrap();
        assert_eq!(a.title, "The title");
        assert_eq!(
            texts(&a),
            vec![
                (
                    BlockKind::Paragraph,
                    "Some words, a link and a chart.".into()
                ),
                (BlockKind::Heading(2), "Part two".into()),
                (BlockKind::ListItem { ordered: false }, "one".into()),
                (BlockKind::ListItem { ordered: false }, "nested".into()),
                (BlockKind::ListItem { ordered: false }, "two".into()),
            ]
        );
        // An unsafe link is its words only.
        assert!(a
            .blocks
            .iter()
            .flat_map(|b| &b.runs)
            .all(|r| r.link.is_none()));
        let b = from_markdown("Just *text* here.", "my_trip-notes.md", day()).unwrap();
        assert_eq!(b.title, "my trip notes");
    }

    #[test]
    fn our_front_matter_is_honoured_and_its_facts_tagged() {
        let a = from_markdown(
            "+++\nslug = \"ignored\"\ntitle = \"Stated\"\nbyline = \"Ann Lee\"\npublication = \"The Paper\"\ndate = \"2024-03-05\"\nsource = \"https://example.org/a\"\n[photo]\nfile = \"x.jpg\"\n[[facts]]\ntext = \"Where\"\nquote = \"by the river\"\n[[facts]]\ntext = \"Missing\"\nquote = \"not in the body\"\n+++\nWe met by the river.\n",
            "a.md",
            day(),
        )
        .unwrap();
        assert_eq!(
            (a.title.as_str(), a.byline.as_str(), a.publication.as_str()),
            ("Stated", "Ann Lee", "The Paper")
        );
        assert_eq!(a.date, PubDate::parse("2024-03-05").unwrap());
        assert_eq!(a.source.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.photo, None);
        assert_eq!(a.facts.len(), 1);
        assert_eq!(a.block_of_fact(1), Some(0));
        assert!(a.slug.starts_with(OWN_PREFIX));
    }

    #[test]
    fn yaml_front_matter_gives_title_author_and_date_and_bad_sources_are_dropped() {
        let a = from_markdown(
            "---\ntitle: \"Notes: day one\"\nauthor: Bo\ndate: 2023-01-02T10:00:00Z\nurl: javascript:alert(1)\n---\nText of the day.\n",
            "a.md",
            day(),
        )
        .unwrap();
        assert_eq!(
            (a.title.as_str(), a.byline.as_str()),
            ("Notes: day one", "Bo")
        );
        assert_eq!(a.date, PubDate::parse("2023-01-02").unwrap());
        assert_eq!(a.source, None);
        assert_eq!(
            texts(&a),
            vec![(BlockKind::Paragraph, "Text of the day.".into())]
        );
    }
}
