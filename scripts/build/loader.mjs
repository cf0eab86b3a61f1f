// Trunk's inline loader, rewritten so that nothing of the app shares a slow link with the page
// before its first paint: Trunk's preloads of the JS and the WebAssembly go, and the loader
// imports the app once a frame has been painted, fetching its WebAssembly at the same time
// (not once the script has arrived, a round trip later). At that moment it also starts fetching the
// data file the app needs before it takes the page over (an article's page its
// `<meta name="reader-article">`, any other page the `reader-library` index), so it downloads
// beside the WebAssembly; the app takes this fetch (`window.readerEarlyFetches`,
// src/articles.rs) instead of asking again. (Not `<link rel=preload as=fetch>`: WebKit does not
// answer a later fetch() from it and downloads each file twice.) The CSP (csp.mjs) hashes the loader as
// rewritten. If Trunk ever writes its loader differently, the build fails here, loudly, rather
// than shipping a page that waits for the app before showing its text.
const LOADER = /import init, \* as bindings from ('[^']+');\nconst wasm = await init\(\{ module_or_path: ('[^']+') \}\);/;

/** `parts`: the app's lazy parts' loader (`wasm-split-<hash>/__wasm_split.js`, split.mjs), which
 * the app's script imports: imported beside it, it is fetched with the script rather than after
 * it (a round trip later), or null. */
export function rewriteLoader(html, parts = null) {
  if (!LOADER.test(html)) throw new Error("post-build: Trunk's loader changed; update scripts/build/loader.mjs");
  const alongside = parts
    ? `import(new URL('./${parts}', document.baseURI).href).catch(() => {}); // the app's import says what failed\n`
    : "";
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
        alongside +
        // The WebAssembly is fetched beside the script, not once the script has arrived.
        "const module = fetch(new URL($2, document.baseURI));\n" +
        "module.catch(() => {}); // the app's start says what failed\n" +
        "const bindings = await import(new URL($1, document.baseURI).href);\n" +
        "const wasm = await bindings.default({ module_or_path: module });",
    );
}
