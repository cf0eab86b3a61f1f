// node --test scripts/build/: the app's lazy parts placed beside wasm-bindgen's output, named
// by their content, imported from there by the app's script, and linked to its hashed name.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { hasSplitPoints, importFrom, linkParts, placeParts } from "./split.mjs";

const GLUE = 'import * as import1 from "./__wasm_split.js"\n\nconst imports = { "./__wasm_split.js": import1 };\n';
const LOADER = 'import { initSync } from "./reader.js";\nfetch(new URL("./split_a_1.wasm", import.meta.url));\n';

/** wasm-bindgen's output folder after the splitter and the real wasm-bindgen ran. */
function bindgenOut(part = "part bytes") {
  const out = mkdtempSync(join(tmpdir(), "split-test-"));
  const parts = join(out, "wasm-split");
  mkdirSync(parts);
  writeFileSync(join(parts, "reader.wasm"), "main");
  writeFileSync(join(parts, "split_a_1.wasm"), part);
  writeFileSync(join(parts, "__wasm_split.js"), LOADER);
  writeFileSync(join(out, "reader.js"), GLUE);
  return { out, parts };
}

const optimise = (from, to) => writeFileSync(to, `optimised ${readFileSync(from, "utf8")}`);

test("only a module with lazy functions is split", () => {
  assert.ok(hasSplitPoints(Buffer.from("\0asm...__wasm_split_placeholder__...")));
  assert.ok(!hasSplitPoints(Buffer.from("\0asm... a worker ...")));
});

test("the parts are placed optimised, named by their content, and imported from there", () => {
  const { out, parts } = bindgenOut();
  const name = placeParts({ parts, outDir: out, outName: "reader", optimise });
  assert.match(name, /^wasm-split-[0-9a-f]{16}$/);
  const placed = join(out, "lazy-parts", name);
  assert.deepEqual(readdirSync(placed).sort(), ["__wasm_split.js", "split_a_1.wasm"]);
  assert.equal(readFileSync(join(placed, "split_a_1.wasm"), "utf8"), "optimised part bytes");
  assert.equal(readFileSync(join(placed, "__wasm_split.js"), "utf8"), LOADER.replace('"./reader.js"', '"../reader.js"'));
  assert.equal(
    readFileSync(join(out, "reader.js"), "utf8"),
    `import * as import1 from "./${name}/__wasm_split.js";\n\nconst imports = { "./__wasm_split.js": import1 };\n`,
  );
  assert.ok(!existsSync(parts), "the splitter's folder is removed");
  // The same parts keep their name; other parts get another, and the earlier ones go.
  assert.equal(placeParts({ ...bindgenOut(), outDir: bindgenOut().out, outName: "reader", optimise }), name);
  const again = bindgenOut("other bytes");
  mkdirSync(join(again.out, "lazy-parts", "wasm-split-0000000000000000"), { recursive: true });
  const other = placeParts({ parts: again.parts, outDir: again.out, outName: "reader", optimise });
  assert.notEqual(other, name);
  assert.deepEqual(readdirSync(join(again.out, "lazy-parts")), [other]);
});

test("every import of the loader is pointed at the parts' folder", () => {
  const two = 'import * as import1 from "./__wasm_split.js";\nimport * as import2 from "./__wasm_split.js"\nconst x = 1;\n';
  assert.equal(
    importFrom(two, "./p/__wasm_split.js"),
    'import * as import1 from "./p/__wasm_split.js";\nimport * as import2 from "./p/__wasm_split.js";\nconst x = 1;\n',
  );
});

test("a script that does not import the loader is refused", () => {
  assert.throws(() => importFrom("const x = 1;\n", "./p/__wasm_split.js"), /does not import \.\/__wasm_split\.js/);
});

test("the build gets the parts, their loader importing the app's hashed script", () => {
  const { out, parts } = bindgenOut();
  const name = placeParts({ parts, outDir: out, outName: "reader", optimise });
  const dist = mkdtempSync(join(tmpdir(), "split-dist-"));
  copyFileSync(join(out, "reader.js"), join(dist, "reader-0123abcd.js"));
  assert.equal(linkParts(dist, out), name);
  assert.equal(readFileSync(join(dist, name, "split_a_1.wasm"), "utf8"), "optimised part bytes");
  assert.equal(
    readFileSync(join(dist, name, "__wasm_split.js"), "utf8"),
    LOADER.replace('"./reader.js"', '"../reader-0123abcd.js"'),
  );
  // Built without the splitting wasm-bindgen: the app could not start, so the build fails.
  const unsplit = mkdtempSync(join(tmpdir(), "split-dist-"));
  writeFileSync(join(unsplit, "reader-0123abcd.js"), 'import * as import1 from "__wasm_split_placeholder__"\n');
  assert.throws(() => linkParts(unsplit, out), /without splitting its lazy parts/);
  // An app without lazy parts has none to link.
  const plain = mkdtempSync(join(tmpdir(), "split-dist-"));
  writeFileSync(join(plain, "reader-0123abcd.js"), "const imports = {};\n");
  assert.equal(linkParts(plain, out), null);
});
