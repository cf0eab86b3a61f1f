// node --test scripts/build/: 404.html finds the app's root from any address.
import assert from "node:assert/strict";
import { test } from "node:test";

import { notFoundPage } from "./not-found.mjs";

const PAGE = `<head>
    <meta charset="utf-8" />
    <title>Page not found · Reader</title>
    <base href="./" />
    <link rel="stylesheet" href="./main-0123456789abcdef.css" integrity="sha384-x"/>
<script type="module">
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
const bindings = await import(new URL('./reader-0123456789abcdef.js', document.baseURI).href);
</script></head><body><main>Page not found</main></body>`;

test("the loader finds the root before the app and the stylesheet load from it", () => {
  const out = notFoundPage(PAGE);
  assert.doesNotMatch(out, /<link rel="stylesheet"/);
  assert.match(out, /<style>html:not\(\[data-styled\]\) body \{ visibility: hidden; \}<\/style>/);
  // With JavaScript off the later rule, as specific, wins: the page shows.
  assert.match(out, /<style>html:not\(\[data-styled\]\) body \{ visibility: hidden; \}<\/style>\s*<noscript><style>html:not\(\[data-styled\]\) body \{ visibility: visible; \}<\/style><\/noscript>/);
  const loader = out.slice(out.indexOf('<script type="module">'));
  const find = loader.indexOf('manifest.webmanifest');
  const base = loader.indexOf('document.querySelector("base").href = root;');
  const app = loader.indexOf("await import(");
  assert.ok(find > 0 && find < base && base < app, loader);
  assert.match(loader, /new URL\("\.\/main-0123456789abcdef\.css", root\)/);
});

test("a page without its stylesheet or loader fails the build", () => {
  assert.throws(() => notFoundPage("<head></head>"), /404\.html has no stylesheet/);
  assert.throws(() => notFoundPage('<link rel="stylesheet" href="a.css">'), /no module loader/);
});
