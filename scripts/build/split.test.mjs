// node --test scripts/build/: the app's lazy parts placed beside wasm-bindgen's output, named
// by their content, imported from there by the app's script, and linked to its hashed name.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { fetchEarly, hasSplitPoints, importFrom, linkParts, placeParts } from "./split.mjs";

const GLUE = 'import * as import1 from "./__wasm_split.js"\n\nconst imports = { "./__wasm_split.js": import1 };\n';
/** A chunk's or a part's loader, as the splitter (wasm_split_cli_support 0.2) writes it. */
const load = (file) => `makeLoad(() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
const LOADER = `import { initSync } from "./reader.js";

function makeLoad(fetcher, deps) {}
/* a, b */
const __chunk_6 = ${load("chunk_6.wasm")}, []);
/* b */
const __chunk_7 = ${load("chunk_7.wasm")}, []);
export const __wasm_split_load_a = wrapAsyncCb(${load("split_a_1.wasm")}, [__chunk_6]));
export const __wasm_split_load_b = wrapAsyncCb(${load("split_b.wasm")}, [__chunk_6, __chunk_7]));
`;
/** The loader as placed: its files fetched through fetchEarly's `fetchPart`, from its folder. */
const PLACED = fetchEarly(LOADER).replace('"./reader.js"', '"../reader.js"');

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
  assert.equal(readFileSync(join(placed, "__wasm_split.js"), "utf8"), PLACED);
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
    PLACED.replace('"../reader.js"', '"../reader-0123abcd.js"'),
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

/** Runs the placed loader's own code (not its import) in a page whose head names `parts`, and
 * returns the files it fetched at once, and its `fetchPart`. */
function readInPage(parts) {
  const fetched = [];
  const fetch = (url) => {
    fetched.push(url.href.split("/").pop());
    const response = Promise.resolve({ url: url.href, n: fetched.length });
    return response;
  };
  const document = {
    querySelector: (selector) =>
      selector === 'meta[name="reader-parts"]' && parts !== null ? { content: parts } : null,
  };
  const body = fetchEarly(LOADER)
    .split("\n")
    .slice(1)
    .join("\n")
    .replaceAll("import.meta.url", '"https://host/app/wasm-split-x/__wasm_split.js"')
    .replace(/export const/g, "const");
  const run = new Function("fetch", "globalThis", "wrapAsyncCb", `${body}\nreturn fetchPart;`);
  const fetchPart = run(fetch, { document }, (f) => f);
  return { fetched, fetchPart };
}

test("the files of the parts a page names are fetched as the loader is read, each taken once", async () => {
  const { fetched, fetchPart } = readInPage("b");
  assert.deepEqual(fetched, ["split_b.wasm", "chunk_6.wasm", "chunk_7.wasm"]);
  // The part's first load takes the fetch already made; a second load (after a failure)
  // fetches afresh.
  assert.equal((await fetchPart("./chunk_7.wasm")).n, 3);
  assert.equal(fetched.length, 3);
  assert.equal((await fetchPart("./chunk_7.wasm")).n, 4);
  assert.deepEqual(fetched.slice(3), ["chunk_7.wasm"]);
  // A page that names no part, or an unknown one, fetches nothing early.
  assert.deepEqual(readInPage(null).fetched, []);
  assert.deepEqual(readInPage("c").fetched, []);
  // Every file the loader fetches goes through fetchPart.
  assert.equal((fetchEarly(LOADER).match(/fetch\(new URL\("/g) ?? []).length, 0);
  assert.equal((fetchEarly(LOADER).match(/fetchPart\("/g) ?? []).length, 4);
});

test("a loader written differently fails the build", () => {
  assert.throws(() => fetchEarly('import { initSync } from "./reader.js";\nfetch(new URL("./x.wasm", import.meta.url));\n'), /changed/);
  assert.throws(() => fetchEarly(LOADER.replace("[__chunk_6]", "[__chunk_9]")), /a needs __chunk_9/);
  assert.throws(() => fetchEarly(`// header\n${LOADER}`), /first line/);
});
