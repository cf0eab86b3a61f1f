// The app module's exports for its script, made smaller. wasm-bindgen's script and the module
// agree on them by name: both sides change alike, on wasm-bindgen's output, before the module
// is optimised once more (scripts/build/wasm-bindgen.mjs).
//
// Classes nothing can make: Leptos turns on server_fn's "browser" feature whatever the app
// uses, and with it wasm-streams, whose three classes adapt Rust streams to the browser's
// (`new ReadableStream(new IntoUnderlyingSource(…))`). This app has no server functions: no
// import of the script hands such an object to JavaScript (wasm-bindgen would write
// `IntoUnderlyingSource.__wrap`), yet each class's methods are exports of the module, so their
// code is kept, with the classes in the script. Both are dropped: the classes from the script,
// their methods from the module's exports, and wasm-opt then drops their code. Measured: 3.9 KB
// of the module (1.1 KB brotli) and 1.5 KB of the script.
//
// The exports that call closures are named with a hash each, which does not compress; they are
// named short.

import { leb, readLeb, readModule, text, withSection } from "./imports.mjs";

/** wasm-streams' classes, as wasm-bindgen names them. */
export const UNUSED_CLASSES = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/**
 * Drops `classes` from `js` (the script) with the lists of enum values only they read, and
 * from `wasm` (bytes) the exports only they called: returns both, and the names of the exports
 * dropped. A class the script does not have is skipped (a build without wasm-streams). Throws,
 * naming it, on anything it does not expect (a class written in another form, a class the rest
 * of the script still names, an export the module lacks), so that a newer wasm-bindgen fails
 * the build rather than the app.
 */
export function dropClasses(wasm, js, classes = UNUSED_CLASSES) {
  const called = new Set();
  const enums = new Set();
  for (const name of classes) {
    const start = js.indexOf(`export class ${name} {`);
    if (start < 0 && !new RegExp(`\\b${name}\\b`).test(js)) continue;
    const dispose = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
    const end = js.indexOf(dispose, start);
    const registry = new RegExp(
      `^const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n.*\\n.*;\\n`,
      "m",
    ).exec(js);
    if (start < 0 || end < 0 || !registry) throw new Error(`the script's class ${name} is not in the form this script knows`);
    const dropped = js.slice(start, end + dispose.length) + registry[0];
    for (const [, f] of dropped.matchAll(/\bwasm\.(\w+)\(/g)) called.add(f);
    for (const [e] of dropped.matchAll(/\b__wbindgen_enum_\w+/g)) enums.add(e);
    js = js.slice(0, start) + js.slice(end + dispose.length);
    js = js.replace(registry[0], "");
  }
  for (const name of classes) {
    if (new RegExp(`\\b${name}\\b`).test(js)) throw new Error(`the script still names ${name}`);
  }
  // The lists of an enum's values only a class read (`ReadableStreamType`).
  for (const e of enums) {
    const list = new RegExp(`^const ${e} = \\[.*\\];\\n`, "m").exec(js);
    if (list && !js.replace(list[0], "").includes(e)) js = js.replace(list[0], "");
  }
  const names = [...called].filter((f) => !new RegExp(`\\bwasm\\.${f}\\b`).test(js));
  if (names.length === 0) return { wasm, js, dropped: [] };
  wasm = rewriteExports(wasm, (exports) => {
    for (const n of names) {
      if (!exports.some((e) => e.name === n)) throw new Error(`the module has no export ${n}, which the script's classes call`);
    }
    return exports.filter((e) => !names.includes(e.name));
  });
  return { wasm, js, dropped: names };
}

/** wasm-bindgen's name for a function that calls a closure, exported for the script: a hash
 * in it, and a number after when two share one. */
const CLOSURE_CALL = /^wasm_bindgen__convert__closures_____invoke__h[0-9a-f]{16}(_\d+)?$/;

/**
 * Names short, alike in `wasm` (bytes) and `js` (the script), the module's exports that call
 * closures (`wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f`, 9 of them in the
 * app's module: their hashes do not compress). Throws, naming it, on an export the script
 * does not call as `wasm.<name>`, or names otherwise, and on a short name taken.
 */
export function shortenClosureCalls(wasm, js) {
  const renamed = new Map();
  wasm = rewriteExports(wasm, (exports) => {
    for (const e of exports) if (CLOSURE_CALL.test(e.name)) renamed.set(e.name, `c${renamed.size}`);
    const taken = exports.find((e) => [...renamed.values()].includes(e.name));
    if (taken) throw new Error(`the module already exports ${taken.name}`);
    return exports.map((e) => (renamed.has(e.name) ? { ...e, name: renamed.get(e.name) } : e));
  });
  for (const [long, short] of renamed) {
    const call = new RegExp(`\\bwasm\\.${long}\\b`, "g");
    if (!call.test(js)) throw new Error(`the script does not call wasm.${long}`);
    js = js.replace(call, `wasm.${short}`);
    // The script's own wrapper of it keeps the long name (the minifier shortens it); a
    // property or a string of that name would be the export looked up another way.
    if (new RegExp(`[.'"\`]${long}\\b`).test(js)) throw new Error(`the script names ${long} otherwise than as wasm.${long}`);
  }
  return { wasm, js };
}

/** `wasm` with its exports as `change` returns them (given them as names and descriptions). */
function rewriteExports(wasm, change) {
  return withSection(wasm, readModule(wasm).sections, 7, (old) => {
    const exports = change(readExports(old));
    return Buffer.concat([leb(exports.length), ...exports.flatMap((e) => [text(e.name), e.desc])]);
  });
}

/** An export section's exports: each one's name, and its kind and index as bytes. */
function readExports(bytes) {
  let [count, at] = readLeb(bytes, 0);
  const exports = [];
  while (count-- > 0) {
    const [length, from] = readLeb(bytes, at);
    const name = bytes.subarray(from, from + length).toString("utf8");
    const desc = from + length;
    at = readLeb(bytes, desc + 1)[1];
    exports.push({ name, desc: bytes.subarray(desc, at) });
  }
  return exports;
}
