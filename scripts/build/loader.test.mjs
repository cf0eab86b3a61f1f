// node --test scripts/build/: the loader rewrite, on the loader Trunk 0.21.14 writes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { rewriteLoader } from "./loader.mjs";

// As Trunk 0.21.14 writes it (src/pipelines/rust/output.rs, `default_initializer`, with
// bindings imported and wasm-bindgen's object form of init).
const TRUNK = `<head>
<link rel="modulepreload" href="./reader-0123456789abcdef.js" crossorigin="anonymous" integrity="sha384-x">
<link rel="preload" href="./reader-0123456789abcdef_bg.wasm" crossorigin="anonymous" integrity="sha384-y" as="fetch" type="application/wasm">
<script type="module">
import init, * as bindings from './reader-0123456789abcdef.js';
const wasm = await init({ module_or_path: './reader-0123456789abcdef_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script></head>`;

test("the app, its WebAssembly and the data file the page needs first are fetched after the first paint, relative to the page's base", () => {
  const out = rewriteLoader(TRUNK);
  assert.doesNotMatch(out, /rel="(module)?preload"/);
  assert.match(
    out,
    /<script type="module">\nawait new Promise\(\(painted\) => requestAnimationFrame\(\(\) => setTimeout\(painted\)\)\);\nwindow\.readerEarlyFetches = \{\};\nconst named = document\.querySelector\('meta\[name="reader-article"\]'\) \|\| document\.querySelector\('meta\[name="reader-library"\]'\);\nif \(named\) \{\n  readerEarlyFetches\[named\.content\] = fetch\(new URL\(named\.content, document\.baseURI\)\);\n[^\n]*\n\}\nconst module = fetch\(new URL\('\.\/reader-0123456789abcdef_bg\.wasm', document\.baseURI\)\);\nmodule\.catch\(\(\) => \{\}\);[^\n]*\nconst bindings = await import\(new URL\('\.\/reader-0123456789abcdef\.js', document\.baseURI\)\.href\);\nconst wasm = await bindings\.default\(\{ module_or_path: module \}\);/,
  );
  assert.match(out, /window\.wasmBindings = bindings;/);
});

test("the lazy parts' loader, which the app's script imports, is fetched beside it", () => {
  const out = rewriteLoader(TRUNK, "wasm-split-0123456789abcdef/__wasm_split.js");
  assert.match(
    out,
    /\n\}\nimport\(new URL\('\.\/wasm-split-0123456789abcdef\/__wasm_split\.js', document\.baseURI\)\.href\)\.catch\(\(\) => \{\}\);[^\n]*\nconst module = fetch/,
  );
  assert.doesNotMatch(rewriteLoader(TRUNK), /__wasm_split/);
});

test("a loader Trunk writes differently fails the build", () => {
  const changed = TRUNK.replace("import init, * as bindings from", "import init from");
  assert.throws(() => rewriteLoader(changed), /Trunk's loader changed/);
  assert.throws(() => rewriteLoader("<head></head>"), /Trunk's loader changed/);
});
