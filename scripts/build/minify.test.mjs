// node --test scripts/build/: the app's script, the parts' loader and the stylesheet minified,
// with what other files rely on kept: the script's exports and imports, the stylesheet's
// integrity in the page.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { integrity, minifyBuild } from "./minify.mjs";

const SCRIPT = `import * as parts from "./wasm-split-0123/__wasm_split.js";
let wasm;
/** The module's exports, as wasm-bindgen writes them. */
export function initSync(module) {
    const instance = new WebAssembly.Instance(module, { parts });
    wasm = instance.exports;
    return wasm;
}
export default initSync;
`;
const LOADER = `import { initSync } from "../reader-0123.js";
export function load(name) {
    // fetched on first use
    return fetch(new URL(name, import.meta.url)).then((r) => r.arrayBuffer()).then((b) => initSync(new WebAssembly.Module(b)));
}
`;
const STYLE = `/* The reading column. */
.article {
    max-width: 40rem;
    margin: 0 auto;
}
`;

function build() {
  const dir = mkdtempSync(join(tmpdir(), "minify-test-"));
  mkdirSync(join(dir, "wasm-split-0123"));
  writeFileSync(join(dir, "reader-0123.js"), SCRIPT);
  writeFileSync(join(dir, "wasm-split-0123/__wasm_split.js"), LOADER);
  writeFileSync(join(dir, "main-0123.css"), STYLE);
  const template = `<head>
    <!-- Read by whoever edits the page. -->
    <script type="module">const bindings = await import(new URL('./reader-0123.js', document.baseURI).href);</script>
    <link rel="stylesheet" href="./main-0123.css" integrity="${integrity(STYLE)}"/>
  </head>`;
  return { dir, template };
}

test("the script, the loader and the stylesheet are minified, and the page links the new stylesheet", async () => {
  const { dir, template } = build();
  const { template: after, saved } = minifyBuild(dir, template, "wasm-split-0123/__wasm_split.js");
  const script = readFileSync(join(dir, "reader-0123.js"), "utf8");
  const loader = readFileSync(join(dir, "wasm-split-0123/__wasm_split.js"), "utf8");
  const style = readFileSync(join(dir, "main-0123.css"), "utf8");
  assert.ok(script.length < SCRIPT.length && loader.length < LOADER.length && style.length < STYLE.length);
  assert.equal(
    saved,
    SCRIPT.length + LOADER.length + STYLE.length + template.length - script.length - loader.length - style.length - after.length,
  );
  // What other files name stays: the imports' paths and the exports' names.
  assert.match(script, /from"\.\/wasm-split-0123\/__wasm_split\.js"/);
  assert.match(loader, /import\{initSync as \w+\}from"\.\.\/reader-0123\.js"/);
  assert.equal(style, ".article{max-width:40rem;margin:0 auto}\n");
  // The page names the stylesheet by its new integrity and loses its comment; nothing else of
  // it changed.
  assert.equal(
    after,
    template.replace(integrity(STYLE), integrity(style)).replace("    <!-- Read by whoever edits the page. -->\n", ""),
  );
  assert.notEqual(integrity(style), integrity(STYLE));
  // The two still link as modules, with the same exports.
  const app = await import(pathToFileURL(join(dir, "reader-0123.js")));
  const parts = await import(pathToFileURL(join(dir, "wasm-split-0123/__wasm_split.js")));
  assert.deepEqual(Object.keys(app).sort(), ["default", "initSync"]);
  assert.equal(app.default, app.initSync);
  assert.equal(typeof parts.load, "function");
});

test("a page whose loader names no app script is a build error, not a page left unminified", () => {
  const { dir } = build();
  assert.throws(() => minifyBuild(dir, "<head></head>", undefined), /expected the page's loader to import one app script, found 0/);
});

test("a stylesheet that minifying leaves as it is keeps its page as it is", () => {
  // Minified already: its integrity does not change, and that is not "no stylesheet".
  const { dir, template } = build();
  const once = minifyBuild(dir, template, "wasm-split-0123/__wasm_split.js").template;
  const style = readFileSync(join(dir, "main-0123.css"), "utf8");
  const twice = minifyBuild(dir, once, "wasm-split-0123/__wasm_split.js");
  assert.equal(twice.template, once);
  assert.equal(twice.saved, 0);
  assert.equal(readFileSync(join(dir, "main-0123.css"), "utf8"), style);
});
