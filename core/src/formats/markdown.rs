//! Markdown export: per article its title, publication, date and link, then each highlight
//! as a quote with its colour, whether it is pinned as a key fact (and the reader's statement
//! of it), and its note, then the bookmarks. What the reader typed (and the
//! article's own title) is text: every character that Markdown would read as markup is
//! escaped ([`escape`], [`guard_line`]), so any Markdown viewer shows it as typed, and never
//! as HTML, a link or an image.

use super::{exported_articles, ArticleInfo};
use crate::store::time::long_date;
use crate::store::{Annotations, RecordKind};

/// Everything as a Markdown document; `exported_at` (as the reader reads it: "30 November
/// 2026 at 09:48 UTC") is shown in its heading.
pub fn to_markdown(articles: &[ArticleInfo], state: &Annotations, exported_at: &str) -> String {
    let mut md = String::from("# Highlights, notes and bookmarks\n\n");
    let (h, b, s) = (
        state.count(RecordKind::Highlight),
        state.count(RecordKind::Bookmark),
        state.count(RecordKind::Saved),
    );
    md.push_str(&format!(
        "Exported {exported_at}: {}, {}, {}.\n",
        count(h, "highlight", "highlights"),
        count(b, "bookmark", "bookmarks"),
        count(s, "saved article", "saved articles"),
    ));
    let list = exported_articles(articles, state);
    if list.is_empty() {
        md.push_str("\nNothing yet: no highlights, notes or bookmarks.\n");
    }
    for (slug, info) in list {
        md.push('\n');
        article_section(&mut md, &slug, info, state);
    }
    md
}

fn article_section(md: &mut String, slug: &str, info: Option<&ArticleInfo>, state: &Annotations) {
    let title = info.map_or(slug, |i| i.title.as_str());
    md.push_str(&format!("## {}\n\n", escape(title.trim())));
    if let Some(info) = info {
        let byline: Vec<String> = [&info.publication, &info.date]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| escape(s.trim()))
            .collect();
        let mut lines = Vec::new();
        if !byline.is_empty() {
            lines.push(byline.join(" · "));
        }
        if !info.url.is_empty() {
            lines.push(link(&info.url));
        }
        if !lines.is_empty() {
            md.push_str(&lines.join("\\\n"));
            md.push_str("\n\n");
        }
    } else {
        md.push_str("(This article is no longer in the library.)\n\n");
    }
    if let Some(saved) = state.saved_entry(slug) {
        md.push_str(&format!(
            "On your reading list since {}.\n\n",
            long_date(&saved.saved_at)
        ));
    }
    let highlights = state.highlights_for(slug);
    if !highlights.is_empty() {
        md.push_str("### Highlights\n\n");
        for h in highlights {
            md.push_str(&block(&h.selectors.quote.exact, "> ", "> "));
            md.push_str(&format!(
                "\n\n*{} highlight, {}{}*{}\n\n",
                h.color.label(),
                if h.fact.is_some() {
                    "pinned as a key fact, "
                } else {
                    ""
                },
                long_date(&h.created),
                open_link(info, &format!("hl-{}", h.id))
            ));
            if let Some(statement) = h.fact.as_deref().filter(|s| !s.trim().is_empty()) {
                md.push_str(&block(statement, "Key fact: ", ""));
                md.push_str("\n\n");
            }
            if !h.note.trim().is_empty() {
                md.push_str(&block(&h.note, "Note: ", ""));
                md.push_str("\n\n");
            }
        }
    }
    let bookmarks = state.bookmarks_for(slug);
    if !bookmarks.is_empty() {
        md.push_str("### Bookmarks\n\n");
        for b in bookmarks {
            let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            let label = words(&b.label);
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(": {}", escape(&label))
            };
            let opening = words(&b.excerpt);
            let opening = if opening.is_empty() {
                String::new()
            } else {
                format!(" “{}”", escape(&opening))
            };
            md.push_str(&format!(
                "- Paragraph {}{opening}{label} ({}){}\n",
                b.block.saturating_add(1),
                long_date(&b.created),
                open_link(info, &format!("p-{}", b.block))
            ));
        }
        md.push('\n');
    }
    while md.ends_with("\n\n") {
        md.pop();
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// " · [open](<url#place>)": a link that opens the article at `place`, if it has a URL.
fn open_link(info: Option<&ArticleInfo>, place: &str) -> String {
    match info.map(|i| i.url.as_str()).filter(|u| !u.is_empty()) {
        Some(url) => format!(
            " · [open]({})",
            link(&format!("{url}#{}", crate::uri::encode_component(place)))
        ),
        None => String::new(),
    }
}

fn link(url: &str) -> String {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '>')
    {
        url.to_string()
    } else {
        format!("<{url}>")
    }
}

/// Text typed by the reader as Markdown blocks: lines kept (hard breaks), blank lines as
/// paragraph breaks; the first line starts with `first`, the others with `rest`. Markup
/// within a line is escaped ([`escape`]); lines that begin a Markdown line are guarded
/// ([`guard_line`]), the first not when `first` is text.
fn block(text: &str, first: &str, rest: &str) -> String {
    let guard_first = first.trim_start_matches('>').trim().is_empty();
    let mut out = String::from(first);
    let mut pending_break = false;
    let mut started = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            pending_break = started;
            continue;
        }
        let line = escape(line.trim_start());
        let line = line.as_str();
        if started {
            if pending_break {
                out.push('\n');
                out.push_str(rest.trim_end());
                out.push('\n');
            } else {
                out.push_str("\\\n");
            }
            out.push_str(rest);
            out.push_str(&guard_line(line));
        } else if guard_first {
            out.push_str(&guard_line(line));
        } else {
            out.push_str(line);
        }
        started = true;
        pending_break = false;
    }
    out
}

/// Characters that open markup anywhere in a line: HTML and autolinks (`<`), entities (`&`),
/// links and images (`[`, `]`), emphasis, code, strike-through and tables, and the escape
/// character itself. Each gets a backslash, which every Markdown viewer removes again.
const INLINE_MARKUP: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '~', '|'];

/// `text` with every [`INLINE_MARKUP`] character escaped, so it reads as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if INLINE_MARKUP.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A marker at the start of a line that would open a heading, quote, list, rule or code fence
/// gets a backslash, so the text stays inside its quote or note (run on a line already
/// [`escape`]d: what remains is `#`, `-`, `+`, `=`, digits and the like).
pub(crate) fn guard_line(line: &str) -> String {
    let rest_starts_blank = |from: usize| {
        line[from..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
    };
    let guarded = match line.chars().next() {
        Some('>') => true,
        Some('#') => {
            let hashes = line.chars().take_while(|&c| c == '#').count();
            hashes <= 6 && rest_starts_blank(hashes)
        }
        Some('-' | '+' | '*') => rest_starts_blank(1) || is_rule(line),
        Some('_') => is_rule(line),
        Some('=') => line.trim_end().chars().all(|c| c == '='),
        Some('`') => line.starts_with("```"),
        Some('~') => line.starts_with("~~~"),
        _ => false,
    };
    if guarded {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && line[digits..].starts_with(['.', ')'])
        && rest_starts_blank(digits + 1)
    {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A thematic break: three or more of one of `-`, `*`, `_`, spaces allowed.
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::fixtures::{bookmark, highlight};
    use crate::store::records::{Record, SavedArticle};

    fn info() -> ArticleInfo {
        ArticleInfo {
            slug: "an-article".into(),
            title: "A *great* story".into(),
            publication: "The Paper".into(),
            date: "10 November 2017".into(),
            url: "https://example.org/articles/an-article".into(),
            source: String::new(),
        }
    }

    #[test]
    fn text_is_kept_as_typed_except_block_markers_at_line_start() {
        let html = "<script>alert(1)</script> *x* & [y](z)";
        assert_eq!(guard_line(html), html);
        assert_eq!(guard_line("- item"), "\\- item");
        assert_eq!(guard_line("-1 degrees"), "-1 degrees");
        assert_eq!(guard_line("12. item"), "12\\. item");
        assert_eq!(guard_line("2026. A year"), "2026\\. A year");
        assert_eq!(guard_line("1234567890. x"), "1234567890. x");
        assert_eq!(guard_line("# head"), "\\# head");
        assert_eq!(guard_line("#hashtag"), "#hashtag");
        assert_eq!(guard_line("> quoted"), "\\> quoted");
        assert_eq!(guard_line("* * *"), "\\* * *");
        assert_eq!(guard_line("==="), "\\===");
        assert_eq!(guard_line("```rust"), "\\```rust");
        assert_eq!(guard_line("plain 1. text"), "plain 1. text");
    }

    #[test]
    fn blocks_keep_lines_and_paragraphs() {
        assert_eq!(
            block("one\ntwo\n\nthree", "> ", "> "),
            "> one\\\n> two\n>\n> three"
        );
        assert_eq!(block("a\n\n\nb", "Note: ", ""), "Note: a\n\nb");
        assert_eq!(block("# a\n# b", "Note: ", ""), "Note: # a\\\n\\# b");
        assert_eq!(block("# a", "> ", "> "), "> \\# a");
    }

    #[test]
    fn an_article_with_highlights_bookmarks_and_reading_list() {
        let mut state = Annotations::default();
        let mut h = highlight("h-1");
        h.note = "Look <b>here</b>\nand here".into();
        state.insert(Record::Highlight(h));
        let mut b = bookmark("b-1");
        b.label = "The  arrests".into();
        b.excerpt = "Ten *North Korean* defectors".into();
        state.insert(Record::Bookmark(b));
        state.insert(Record::Saved(SavedArticle {
            article: "an-article".into(),
            saved_at: "2026-11-27T10:00:00.000Z".into(),
        }));
        let md = to_markdown(&[info()], &state, "28 November 2026 at 13:05 UTC");
        let expected = "# Highlights, notes and bookmarks

Exported 28 November 2026 at 13:05 UTC: 1 highlight, 1 bookmark, 1 saved article.

## A \\*great\\* story

The Paper · 10 November 2017\\
<https://example.org/articles/an-article>

On your reading list since 27 November 2026.

### Highlights

> words

*Green highlight, 28 November 2026* · [open](<https://example.org/articles/an-article#hl-h-1>)

Note: Look \\<b\\>here\\</b\\>\\
and here

### Bookmarks

- Paragraph 4 “Ten \\*North Korean\\* defectors”: The arrests (28 November 2026) · [open](<https://example.org/articles/an-article#p-3>)
";
        assert_eq!(md, expected);
    }

    #[test]
    fn a_key_fact_says_so_with_its_statement_as_text() {
        let mut state = Annotations::default();
        let mut h = highlight("h-1");
        h.fact = Some("Most are *sent back*".into());
        h.note = "mine".into();
        state.insert(Record::Highlight(h.clone()));
        h.id = "h-2".into();
        h.fact = Some(String::new());
        h.note.clear();
        h.selectors.position.start = 20;
        h.selectors.position.end = 25;
        state.insert(Record::Highlight(h));
        let md = to_markdown(&[info()], &state, "now");
        assert!(
            md.contains("*Green highlight, pinned as a key fact, 28 November 2026* · [open](<https://example.org/articles/an-article#hl-h-1>)\n\nKey fact: Most are \\*sent back\\*\n\nNote: mine\n\n> words"),
            "{md}"
        );
        assert!(md.ends_with("*Green highlight, pinned as a key fact, 28 November 2026* · [open](<https://example.org/articles/an-article#hl-h-2>)\n"), "{md}");
    }

    #[test]
    fn unknown_articles_and_empty_exports() {
        let empty = to_markdown(&[info()], &Annotations::default(), "now");
        assert!(empty.contains("Nothing yet"));
        let mut state = Annotations::default();
        let mut h = highlight("h-1");
        h.article = "gone".into();
        state.insert(Record::Highlight(h));
        let md = to_markdown(&[info()], &state, "now");
        assert!(md.contains("## gone\n\n(This article is no longer in the library.)"));
        assert!(!md.contains("A \\*great"));
    }

    /// Renders `md` as a Markdown viewer would and returns its HTML, failing on any raw HTML
    /// or any link other than `allowed`.
    #[cfg(feature = "pipeline")]
    fn render_as_text_only(md: &str, allowed: &[&str]) -> String {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let mut html = String::new();
        let events: Vec<Event> = Parser::new_ext(md, Options::all()).collect();
        for event in &events {
            match event {
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
                // The article, or a place in it: the export's own links.
                Event::Start(Tag::Link { dest_url, .. }) => assert!(
                    allowed
                        .iter()
                        .any(|a| dest_url.as_ref() == *a || dest_url.starts_with(&format!("{a}#"))),
                    "a link to {dest_url:?} in\n{md}"
                ),
                Event::Start(Tag::Image { dest_url, .. }) => {
                    panic!("an image {dest_url:?} in\n{md}")
                }
                _ => {}
            }
        }
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[cfg(feature = "pipeline")]
    #[test]
    fn any_markdown_viewer_shows_notes_quotes_and_labels_as_text() {
        let hostile = [
            "see\n<!--",
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "<https://evil.example>",
            "![img](https://evil.example/x.png)",
            "&lt;b&gt; &amp; &#60;",
            "`code` *em* __strong__ ~~gone~~ | a | b |",
            "<img src=x onerror=alert(1)>",
            "line\n<div>\nblock</div>",
            "[ref]\n\n[ref]: javascript:alert(1)",
            "trailing backslash \\",
        ];
        let mut state = Annotations::default();
        for (i, text) in hostile.iter().enumerate() {
            let mut h = highlight(&format!("h-{i}"));
            h.selectors.quote.exact = text.to_string();
            h.note = text.to_string();
            h.selectors.position.start = i;
            state.insert(Record::Highlight(h));
            let mut b = bookmark(&format!("b-{i}"));
            b.label = text.to_string();
            b.block = usize::MAX; // and no panic counting paragraphs from 1
            state.insert(Record::Bookmark(b));
        }
        let mut title = info();
        title.title = "<script>alert(1)</script> [t](javascript:x)".into();
        let md = to_markdown(&[title], &state, "now");
        let html = render_as_text_only(&md, &["https://example.org/articles/an-article"]);
        for text in hostile {
            let first_line = text.lines().next().unwrap().trim_end_matches('\\').trim();
            let shown = first_line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                html.contains(&shown),
                "{first_line:?} is not shown as typed in\n{html}"
            );
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; [t](javascript:x)"));
    }
}
