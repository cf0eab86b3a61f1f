// Trunk's inline loader, rewritten so that nothing of the app shares a slow link with the page
// before its first paint: Trunk's preloads of the JS and the WebAssembly go, and the loader
// imports the app once a frame has been painted. At that moment it also starts fetching the
// data file the app needs before it takes the page over (an article's page its
// `<meta name="reader-article">`, any other page the `reader-library` index), so it downloads
// beside the WebAssembly; the app takes this fetch (`window.readerEarlyFetches`,
// src/articles.rs) instead of asking again. (Not `<link rel=preload as=fetch>`: WebKit does not
// answer a later fetch() from it and downloads each file twice.) The CSP (csp.mjs) hashes the loader as
// rewritten. If Trunk ever writes its loader differently, the build fails here, loudly, rather
// than shipping a page that waits for the app before showing its text.
const LOADER = /import init, \* as bindings from ('[^']+');\nconst wasm = await init\(/;

export function rewriteLoader(html) {
  if (!LOADER.test(html)) throw new Error("post-build: Trunk's loader changed; update scripts/build/loader.mjs");
  return html
    .replace(/<link rel="(module)?preload" [^>]*>/g, "")
    .replace(
      LOADER,
      "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n" +
        "window.readerEarlyFetches = {};\n" +
        "const named = document.querySelector('meta[name=\"reader-article\"]') || document.querySelector('meta[name=\"reader-library\"]');\n" +
        "if (named) {\n" +
        "  readerEarlyFetches[named.content] = fetch(new URL(named.content, document.baseURI));\n" +
        "  readerEarlyFetches[named.content].catch(() => {}); // the app says what failed\n" +
        "}\n" +
        // Resolved here: WebKit resolves an inline script's import() against the page's own
        // URL, not its <base href>, and would look for the app under /articles/<slug>/.
        "const bindings = await import(new URL($1, document.baseURI).href);\n" +
        "const wasm = await bindings.default(",
    );
}
