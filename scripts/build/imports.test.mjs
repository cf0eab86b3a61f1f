// node --test scripts/build/: the app module's imports from its script renamed short, alike in
// the module and in the script's imports object, and nothing else changed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SCRIPT_MODULE, shortenImports, shortName } from "./imports.mjs";

const bytes = (...b) => Buffer.from(b.flat());
const text = (s) => bytes(s.length, ...Buffer.from(s));
/** A section: its id, its size (LEB128, at most two bytes here), its body. */
const section = (id, ...body) => {
  const size = body.flat().length;
  return bytes(id, size < 128 ? [size] : [(size & 0x7f) | 0x80, size >> 7], body.flat());
};

/** A module importing a function and a global from the script, a function and a memory from
 * the parts' loader, with a custom section after. */
function module(alert, global) {
  return Buffer.concat([
    bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00),
    section(1, [1, 0x60, 0, 0]),
    section(
      2,
      [4],
      [...text(SCRIPT_MODULE), ...text(alert), 0, 0],
      [...text("./__wasm_split.js"), ...text("__wasm_split_load_a"), 0, 0],
      [...text(SCRIPT_MODULE), ...text(global), 3, 0x7f, 0],
      [...text("./__wasm_split.js"), ...text("memory"), 2, 0, 1],
    ),
    section(0, [...text("x"), 0x79, 0x7a]),
  ]);
}

const script = (alert, global) => `wasm.${"__wbg_alert_0123456789abcdef"}_free();
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        ${alert}: function(arg0) {
            alert(arg0);
        },
        ${global}: 1,
    };
    return {
        __proto__: null,
        "./reader_bg.js": import0,
        "./__wasm_split.js": import1,
    };
}
`;

const LONG = ["__wbg_alert_0123456789abcdef", "__wbindgen_g"];

test("the script's imports are renamed alike in the module and the script, the rest kept", () => {
  const short = shortenImports(module(...LONG), script(...LONG));
  assert.deepEqual(short.wasm, module("a", "b"));
  // The script's first line names an export that begins like an import: kept.
  assert.equal(short.js, script("a", "b"));
  assert.deepEqual(
    WebAssembly.Module.imports(new WebAssembly.Module(short.wasm)).map((i) => `${i.module} ${i.name} ${i.kind}`),
    [`${SCRIPT_MODULE} a function`, "./__wasm_split.js __wasm_split_load_a function", `${SCRIPT_MODULE} b global`, "./__wasm_split.js memory memory"],
  );
});

test("an import the script does not give fails the build, naming it", () => {
  assert.throws(
    () => shortenImports(module(...LONG), script("__wbg_other_0000000000000000", LONG[1])),
    /the script's imports object has no key __wbg_alert_0123456789abcdef/,
  );
  assert.throws(() => shortenImports(module(...LONG), "const imports = {};"), /no __wbg_get_imports/);
  // A module cut short in a section's size: an error, not a loop past its end.
  assert.throws(() => shortenImports(module(...LONG).subarray(0, 9), script(...LONG)), /ends inside a number/);
});

test("short names are letters, one then two", () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53, 52 + 52 * 52].map(shortName), ["a", "b", "z", "A", "Z", "aa", "ab", "aaa"]);
});
