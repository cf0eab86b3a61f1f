// 404.html: the app's own not-found page, which static hosts (GitHub Pages, Netlify, most
// nginx set-ups) serve for any unknown address, at any depth. Its relative <base href> cannot
// know where it is served from, so its loader first finds the app's root: the nearest folder
// above the address that holds the app's manifest. Then the base points there, the stylesheet
// loads from there, and the app starts and shows its not-found page, with the way back. Until
// the stylesheet is in, the page stays hidden (no unstyled flash); with JavaScript off it shows as plain HTML. Everything stays within the
// page's policy: the loader is hashed like any inline script (csp.mjs), and the probes are
// requests to the page's own origin.
const STYLESHEET = /\n?\s*<link rel="stylesheet" href="([^"]+)"[^>]*>/;
const LOADER = "<script type=\"module\">\n";
const HIDDEN_UNTIL_STYLED = "<style>html:not([data-styled]) body { visibility: hidden; }</style>";
// With JavaScript off nothing would ever mark the page styled: it is shown as plain text.
const SHOWN_WITHOUT_SCRIPT = "<noscript><style>html:not([data-styled]) body { visibility: visible; }</style></noscript>";

export function notFoundPage(html) {
  const css = html.match(STYLESHEET);
  if (!css) throw new Error("post-build: 404.html has no stylesheet link; update scripts/build/not-found.mjs");
  if (!html.includes(LOADER)) throw new Error("post-build: 404.html has no module loader; update scripts/build/not-found.mjs");
  const find = `const root = await (async () => {
  const folders = location.pathname.split("/").slice(0, -1);
  for (let n = folders.length; n > 0; n--) {
    const folder = location.origin + folders.slice(0, n).join("/") + "/";
    try {
      if ((await fetch(folder + "manifest.webmanifest", { method: "HEAD" })).ok) return folder;
    } catch (offline) {}
  }
  return location.origin + "/";
})();
document.querySelector("base").href = root;
const style = document.createElement("link");
style.rel = "stylesheet";
style.href = new URL(${JSON.stringify(css[1])}, root).href;
style.onload = style.onerror = () => document.documentElement.setAttribute("data-styled", "");
document.head.append(style);
`;
  return html
    .replace(STYLESHEET, `\n    ${HIDDEN_UNTIL_STYLED}\n    ${SHOWN_WITHOUT_SCRIPT}`)
    .replace(LOADER, LOADER + find);
}
