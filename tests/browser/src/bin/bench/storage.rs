//! 5. Bytes per stored record, through the core's store.

use super::*;

pub(crate) struct Storage {
    pub(crate) highlight: usize,
    pub(crate) bookmark: usize,
    pub(crate) meta: usize,
    pub(crate) fit: usize,
    pub(crate) long_mean: f64,
}

/// A typical highlight, as in `docs/storage.md`: a 119-char quote, 32-char contexts, a note.
pub(crate) fn typical(n: usize) -> Highlight {
    let article = articles().into_iter().next().expect("an article");
    let text = article.annotatable_text();
    let index = TextIndex::new(&text);
    let exact = "Christian Solidarity Worldwide is calling on the Chinese government to refrain \
                 from repatriating the defectors who were";
    let start = text
        .find(exact)
        .map(|b| text[..b].chars().count())
        .unwrap_or(0);
    Highlight {
        note: "Compare with the UN report.".into(),
        fact: None,
        modified: "2026-11-28T13:07:12.345Z".into(),
        ..highlight(
            n,
            &article.slug,
            &index,
            (start, start + exact.chars().count()),
        )
    }
}

pub(crate) fn storage(long_seed: &[usize]) -> Storage {
    let kv = MemoryKv::new();
    let mut store = Store::open(kv.clone());
    let template = typical(0);
    let h = |n: usize| Highlight {
        id: format!("h-18c2f1a9b3e-{n:010x}"),
        ..template.clone()
    };
    store.put(Record::Highlight(h(0))).unwrap();
    let with_meta = kv.used_bytes();
    store.put(Record::Highlight(h(1))).unwrap();
    let highlight = kv.used_bytes() - with_meta;
    let before = kv.used_bytes();
    store
        .put(Record::Bookmark(Bookmark {
            id: "b-18c2f1b07aa-0d1e2f3a4b".into(),
            article: template.article.clone(),
            block: 3,
            label: "Where the arrests happened".into(),
            excerpt: String::new(),
            created: "2026-11-28T13:10:00.000Z".into(),
            modified: "2026-11-28T13:10:00.000Z".into(),
        }))
        .unwrap();
    let bookmark = kv.used_bytes() - before;

    // Every typical highlight is the same size (ids have a fixed length), so the quota holds
    // this many. (Filling a capacity-limited `MemoryKv` instead is quadratic: it sums every
    // entry on each write.)
    let fit = (QUOTA - (with_meta - highlight)) / highlight;
    Storage {
        highlight,
        bookmark,
        meta: with_meta - highlight,
        fit,
        long_mean: long_seed.iter().sum::<usize>() as f64 / long_seed.len().max(1) as f64,
    }
}

/// Section 5 of the report: bytes per stored record.
pub(crate) fn write(w: &mut String, storage: &Storage, missed: &mut Vec<String>) {
    // 5. Storage
    let _ = writeln!(w, "\n## 5. Storage\n");
    let _ = writeln!(
        w,
        "Measured natively through the core's `Store` over `MemoryKv`, which counts like \
         browsers do (UTF-16 code units of key and value, 2 bytes each), so the figures \
         follow the stored format of the code being built.\n"
    );
    let _ = writeln!(w, "| Record | Bytes as stored |\n|---|---|");
    let _ = writeln!(
        w,
        "| Typical highlight (119-char quote, 32-char contexts, 27-char note) | {} |",
        storage.highlight
    );
    let _ = writeln!(
        w,
        "| Mean of the 1,000 benchmark highlights (3–30 words, no note) | {:.0} |",
        storage.long_mean
    );
    let _ = writeln!(w, "| Bookmark with a label | {} |", storage.bookmark);
    let _ = writeln!(w, "| `reader:meta`, once | {} |", storage.meta);
    let met = storage.fit >= 10_000;
    let _ = writeln!(
        w,
        "\nTypical highlights that fit in a 5 MiB quota (5,242,880 bytes, less `reader:meta`, \
         divided by the bytes of one): **{}**. Target at least 10,000: {}.",
        storage.fit,
        verdict(met)
    );
    if !met {
        missed.push(format!(
            "**{} highlights fit in 5 MiB (target 10,000).** Each record repeats long \
             JSON field names, the article slug and two full timestamps, and localStorage \
             stores UTF-16. Would close it: a more compact record (short field names, \
             slug and timestamps shortened, the position kept and the quote contexts \
             trimmed).",
            storage.fit
        ));
    }
}
