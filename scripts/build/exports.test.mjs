// node --test scripts/build/: classes nothing can make dropped from the script, and the
// exports only they called from the module; the exports that call closures named short; and
// anything else kept byte for byte.
import assert from "node:assert/strict";
import { test } from "node:test";

import { dropClasses, shortenClosureCalls } from "./exports.mjs";

const bytes = (...b) => Buffer.from(b.flat());
const text = (s) => bytes(s.length, ...Buffer.from(s));
/** A section: its id, its size (LEB128, at most two bytes here), its body. */
const section = (id, ...body) => {
  const size = body.flat().length;
  return bytes(id, size < 128 ? [size] : [(size & 0x7f) | 0x80, size >> 7], body.flat());
};

/** A module of two functions, exported under `names` (name, function index), with a custom
 * section after. */
function module(names) {
  return Buffer.concat([
    bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00),
    section(1, [1, 0x60, 0, 0]),
    section(3, [2, 0, 0]),
    section(7, [names.length], ...names.map(([name, index]) => [...text(name), 0, index])),
    section(10, [2, 2, 0, 0x0b, 2, 0, 0x0b]),
    section(0, [...text("x"), 0x79]),
  ]);
}

const ALL = [
  ["main", 0],
  ["__wbg_intounderlyingsource_free", 1],
  ["intounderlyingsource_pull", 1],
  ["__wbindgen_free", 0],
];

/** wasm-bindgen's script, with the class (or `cls` in its place) and what the rest calls. */
const script = (cls, rest = "") => `import * as import1 from "./__wasm_split.js";

${cls}
export function main() {
    wasm.main(__wbindgen_enum_ScrollBehavior[1]);
}${rest}

${cls ? 'const __wbindgen_enum_ReadableStreamType = ["bytes"];\n' : ""}const __wbindgen_enum_ScrollBehavior = ["auto", "instant", "smooth"];
${cls ? REGISTRY : ""}
function passString(ptr, len) {
    wasm.__wbindgen_free(ptr, len, 1);
}
`;

const CLASS = `export class IntoUnderlyingSource {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        IntoUnderlyingSourceFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsource_free(ptr, 0);
    }
    /**
     * @param {ReadableStreamDefaultController} controller
     * @returns {Promise<any>}
     */
    pull(controller) {
        const ret = wasm.intounderlyingsource_pull(this.__wbg_ptr, controller);
        wasm.__wbindgen_free(0, 0, 1);
        return [ret, __wbindgen_enum_ReadableStreamType[0], __wbindgen_enum_ScrollBehavior[0]];
    }
}
if (Symbol.dispose) IntoUnderlyingSource.prototype[Symbol.dispose] = IntoUnderlyingSource.prototype.free;
`;

const REGISTRY = `const IntoUnderlyingSourceFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsource_free(ptr, 1));
`;

test("a class nothing makes leaves the script, and its methods the module's exports", () => {
  const out = dropClasses(module(ALL), script(CLASS));
  assert.equal(out.js, script(""));
  // __wbindgen_free, which the rest of the script calls too, is kept; and the list of values
  // only the class read goes (ReadableStreamType), the one the rest reads stays.
  assert.deepEqual(out.dropped, ["__wbg_intounderlyingsource_free", "intounderlyingsource_pull"]);
  assert.deepEqual(out.wasm, module([ALL[0], ALL[3]]));
  assert.deepEqual(
    WebAssembly.Module.exports(new WebAssembly.Module(out.wasm)).map((e) => e.name),
    ["main", "__wbindgen_free"],
  );
});

test("a script without the classes is left as it is", () => {
  const wasm = module([ALL[0], ALL[3]]);
  const out = dropClasses(wasm, script(""));
  assert.equal(out.js, script(""));
  assert.equal(out.wasm, wasm);
  assert.deepEqual(out.dropped, []);
});

test("a class the script makes, or writes another way, fails the build naming it", () => {
  const made = "\nfunction wrap(arg0) {\n    return IntoUnderlyingSource.__wrap(arg0);\n}";
  assert.throws(() => dropClasses(module(ALL), script(CLASS, made)), /the script still names IntoUnderlyingSource/);
  const other = CLASS.replace(/^if \(Symbol.dispose\).*\n/m, "");
  assert.throws(() => dropClasses(module(ALL), script(other)), /class IntoUnderlyingSource is not in the form/);
  const missing = [ALL[0], ALL[2], ALL[3]];
  assert.throws(() => dropClasses(module(missing), script(CLASS)), /no export __wbg_intounderlyingsource_free/);
});

const CALL = "wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f";
const CALLS = [
  ["main", 0],
  [CALL, 1],
  [`${CALL}_13`, 1],
];
/** wasm-bindgen's wrappers of the closure calls, calling the module's exports `a` and `b`. */
const wrappers = (a, b) => `function ${CALL}(arg0) {
    wasm.${a}(arg0);
}

function ${CALL}_13(arg0, arg1) {
    return wasm.${b}(arg0, arg1);
}
const f = (a) => ${CALL}_13(a, 1);
`;

test("the exports that call closures are named short, alike in the module and the script", () => {
  const out = shortenClosureCalls(module(CALLS), wrappers(CALL, `${CALL}_13`));
  assert.deepEqual(out.wasm, module([CALLS[0], ["c0", 1], ["c1", 1]]));
  // The wrappers keep their names (the minifier's to shorten): only the exports change.
  assert.equal(out.js, wrappers("c0", "c1"));
  const none = shortenClosureCalls(module(ALL), script(""));
  assert.deepEqual([none.wasm, none.js], [module(ALL), script("")]);
});

test("an export that calls a closure, looked up another way, fails the build naming it", () => {
  const js = wrappers(CALL, `${CALL}_13`);
  assert.throws(() => shortenClosureCalls(module(CALLS), `${js}wasm["${CALL}"](1);\n`), /names wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f otherwise/);
  assert.throws(() => shortenClosureCalls(module(CALLS), js.replace(`wasm.${CALL}(`, "(")), /does not call wasm\.wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f$/);
  assert.throws(() => shortenClosureCalls(module([...CALLS, ["c1", 0]]), js), /already exports c1/);
});
