// A returning reader's highlights, drawn while the article's page is read in, before the app
// starts (core/src/early.rs says what the app stores for it and when). The app draws the page
// again once it runs, and these marks go with the prerendered markup. The prerenderer puts this
// script, without these comment lines, at the end of every article page, naming the article in
// `data-slug`. Anything unexpected leaves the page as it is.
(() => {
  try {
    const article = document.querySelector('meta[name="reader-article"]');
    const early = JSON.parse(localStorage.getItem("reader:early:" + document.currentScript.dataset.slug));
    if (!article || !early || early.file !== article.content) return;
    let drawn = 0;
    for (const [part, from, to, id, cls] of early.marks) {
      const root = document.querySelector('[data-part="' + part + '"]');
      if (!root) continue;
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const hits = [];
      for (let at = 0, node; (node = walk.nextNode()) && at < to; at += node.length) {
        if (at + node.length > from) hits.push([node, Math.max(from - at, 0), Math.min(to - at, node.length)]);
      }
      for (let [node, a, b] of hits) {
        if (a > 0) node = node.splitText(a);
        if (b - a < node.length) node.splitText(b - a);
        const mark = document.createElement("mark");
        mark.className = cls;
        mark.dataset.hl = id;
        node.replaceWith(mark);
        mark.append(node);
        drawn++;
      }
    }
    document.documentElement.dataset.earlyHighlights = drawn;
  } catch {
    // Storage switched off, or a value this page cannot read: the app draws them.
  }
})();
