// node --test scripts/build/: the worker named by its hash, started by its script, and named in
// every page; cached when first used, not at install.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { isCachedOnUse } from "./service-worker.mjs";
import { hashWorker, nameWorker } from "./worker.mjs";

const GLUE = "let wasm_bindgen;\n(function() { wasm_bindgen = Object.assign(function init() {}, {}); })();\n";

function build(wasm, bin = "worker") {
  const dir = mkdtempSync(join(tmpdir(), "worker-test-"));
  writeFileSync(join(dir, `${bin}.js`), GLUE);
  writeFileSync(join(dir, `${bin}_bg.wasm`), wasm);
  return dir;
}

test("the worker is named by its content and its script starts its own module", () => {
  const dir = build("module one");
  const script = hashWorker(dir);
  assert.match(script, /^worker-[0-9a-f]{16}\.js$/);
  const name = script.slice(0, -".js".length);
  assert.deepEqual(readdirSync(dir).sort(), [script, `${name}_bg.wasm`].sort());
  assert.equal(readFileSync(join(dir, `${name}_bg.wasm`), "utf8"), "module one");
  assert.equal(
    readFileSync(join(dir, script), "utf8"),
    `${GLUE}\nwasm_bindgen({ module_or_path: "./${name}_bg.wasm" }).catch((e) => setTimeout(() => { throw e; }));\n`,
  );
  assert.equal(hashWorker(build("module one")), script, "the same worker keeps its name");
  assert.notEqual(hashWorker(build("module two")), script, "a changed worker gets a new name");
  assert.ok(isCachedOnUse(script) && isCachedOnUse(`${name}_bg.wasm`));
  assert.ok(!isCachedOnUse("reader-0123456789abcdef_bg.wasm") && !isCachedOnUse("worker.js"));
});

test("the extractor is a worker of its own, named and cached on use the same way", () => {
  const dir = build("extraction", "extractor");
  const script = hashWorker(dir, "extractor");
  assert.match(script, /^extractor-[0-9a-f]{16}\.js$/);
  const name = script.slice(0, -".js".length);
  assert.deepEqual(readdirSync(dir).sort(), [script, `${name}_bg.wasm`].sort());
  assert.ok(isCachedOnUse(script) && isCachedOnUse(`${name}_bg.wasm`));
  assert.ok(!isCachedOnUse("extractor.js"));
  assert.throws(() => hashWorker(build("x"), "extractor"), /Trunk wrote no extractor/);
});

test("a build without its worker, or with glue of another kind, fails loudly", () => {
  const dir = mkdtempSync(join(tmpdir(), "worker-test-"));
  assert.throws(() => hashWorker(dir), /Trunk wrote no worker/);
  const odd = build("module");
  writeFileSync(join(odd, "worker.js"), "export default function init() {}\n");
  assert.throws(() => hashWorker(odd), /defines no wasm_bindgen/);
});

test("every page is told the worker's name", () => {
  const html = "<html><head><title>x</title></head><body></body></html>";
  assert.equal(
    nameWorker(html, "worker-0123456789abcdef.js"),
    '<html><head><title>x</title>  <meta name="reader-worker" content="worker-0123456789abcdef.js" />\n  </head><body></body></html>',
  );
  assert.equal(
    nameWorker(html, "extractor-0123456789abcdef.js", "reader-extractor"),
    '<html><head><title>x</title>  <meta name="reader-extractor" content="extractor-0123456789abcdef.js" />\n  </head><body></body></html>',
  );
  assert.throws(() => nameWorker("<p>no head</p>", "w.js"), /no <\/head>/);
});
