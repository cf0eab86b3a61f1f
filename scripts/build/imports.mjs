// Short names for the functions the app's module imports from its script. wasm-bindgen names
// each import after what it calls and a hash (`__wbg_getAttribute_80900eec94cb3636`): 331 of
// them, about 16 KB of names in the module and the same again in the script, and the hashes do
// not compress (measured: 8.0 KB brotli of a first visit, 4.8 KB in the module, 3.3 KB in the
// script). Both sides are renamed alike (`a`, `b`, … `aa`, …): the module's import section,
// and the keys of the script's imports object (`__wbg_get_imports`). Run on wasm-bindgen's
// output, before Trunk optimises and hashes it (scripts/build/wasm-bindgen.mjs).

/** The module wasm-bindgen's script gives the app's module its imports as. */
export const SCRIPT_MODULE = "./reader_bg.js";

/** The `n`th short name: a JavaScript identifier of letters. */
export function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/**
 * Renames the imports of `wasm` (bytes) from `SCRIPT_MODULE`, and their keys in `js` (the
 * script): returns both renamed. Throws, naming it, on anything it does not expect (a name the
 * script's imports object lacks, an import kind it cannot read), so that a newer wasm-bindgen
 * fails the build rather than the app.
 */
export function shortenImports(wasm, js) {
  const { sections, imports } = readModule(wasm);
  const names = new Map();
  for (const i of imports) {
    if (i.module === SCRIPT_MODULE && !names.has(i.name)) names.set(i.name, shortName(names.size));
  }
  const start = js.indexOf("function __wbg_get_imports(");
  const end = js.indexOf(`"${SCRIPT_MODULE}":`, start);
  if (start < 0 || end < 0) throw new Error("the script has no __wbg_get_imports giving " + SCRIPT_MODULE);
  let object = js.slice(start, end);
  for (const [long, short] of names) {
    const key = new RegExp(`^(\\s+)${long}:`, "m");
    if (!key.test(object)) throw new Error(`the script's imports object has no key ${long}`);
    object = object.replace(key, `$1${short}:`);
  }
  const renamed = imports.map((i) => (i.module === SCRIPT_MODULE ? { ...i, name: names.get(i.name) } : i));
  const body = () => Buffer.concat([leb(renamed.length), ...renamed.flatMap((i) => [text(i.module), text(i.name), i.desc])]);
  return { wasm: withSection(wasm, sections, 2, body), js: js.slice(0, start) + object + js.slice(end) };
}

/** `wasm`, whose sections are `sections` (from `readModule`), with the body of the section of
 * id `id` as `body` makes it from the old one; every other section byte for byte. */
export function withSection(wasm, sections, id, body) {
  const out = [wasm.subarray(0, 8)];
  for (const s of sections) {
    if (s.id !== id) {
      out.push(wasm.subarray(s.start, s.end));
      continue;
    }
    const made = body(wasm.subarray(s.body, s.end));
    out.push(Buffer.from([id]), leb(made.length), made);
  }
  return Buffer.concat(out);
}

/** The module's sections (id, and where each starts, header included, where its body starts,
 * and where it ends) and imports. */
export function readModule(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("not a WebAssembly module");
  const sections = [];
  let imports = [];
  let at = 8;
  while (at < wasm.length) {
    const start = at;
    const id = wasm[at++];
    const [size, body] = readLeb(wasm, at);
    at = body + size;
    sections.push({ id, start, body, end: at });
    if (id === 2) imports = readImports(wasm.subarray(body, at));
  }
  return { sections, imports };
}

function readImports(bytes) {
  let [count, at] = readLeb(bytes, 0);
  const imports = [];
  const name = () => {
    const [length, from] = readLeb(bytes, at);
    at = from + length;
    return bytes.subarray(from, at).toString("utf8");
  };
  const skipLeb = () => (at = readLeb(bytes, at)[1]);
  const limits = () => {
    const flags = bytes[at++];
    skipLeb();
    if (flags & 1) skipLeb();
  };
  while (count-- > 0) {
    const module = name();
    const field = name();
    const from = at;
    const kind = bytes[at++];
    if (kind === 0) skipLeb(); // a function: its type
    else if (kind === 1) (at++, limits()); // a table: its type of reference, its limits
    else if (kind === 2) limits(); // a memory
    else if (kind === 3) at += 2; // a global: its type, whether it changes
    else throw new Error(`import ${module} ${field} is of a kind (${kind}) this script cannot read`);
    imports.push({ module, name: field, desc: bytes.subarray(from, at) });
  }
  return imports;
}

export function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new Error("the module ends inside a number");
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

export function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

/** A name as a module writes it: its length, then its bytes. */
export const text = (s) => {
  const bytes = Buffer.from(s, "utf8");
  return Buffer.concat([leb(bytes.length), bytes]);
};
