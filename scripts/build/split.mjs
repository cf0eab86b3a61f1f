// The app's WebAssembly in parts: its `#[lazy]` functions (Leptos, wasm_split_helpers) are
// split off after linking into parts fetched when first called, so that a first visit
// downloads only what its page runs. scripts/build/bin/wasm-bindgen splits the module and
// places the parts (placeParts); the post-build hook links them to the app's hashed script
// (linkParts). The parts live in `wasm-split-<hash>/` beside the app's script, named by their
// content's hash.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The splitter (crates.io: wasm_split_cli_support, installed by scripts/setup.sh). */
export const SPLIT_TOOL = "wasm-split-cli";
/** The import module the split functions' loaders name until the splitter links them. */
const PLACEHOLDER = "__wasm_split_placeholder__";
/** The loader script the splitter writes, which the main module imports. */
const LOADER = "__wasm_split.js";
/** Where in wasm-bindgen's output folder the parts are placed. */
const LAZY = "lazy-parts";

/** Whether the linker's output `wasm` (bytes) has functions to split off. */
export function hasSplitPoints(wasm) {
  return Buffer.from(wasm).includes(PLACEHOLDER);
}

/**
 * Places the splitter's output (`parts`: the main module `<outName>.wasm`, the parts, the
 * loader) beside wasm-bindgen's (`outDir`): each part optimised (`optimise(from, to)`) into
 * `<outDir>/lazy-parts/wasm-split-<hash>/` with the loader, and wasm-bindgen's script
 * (`<outDir>/<outName>.js`, already made from the main module) importing the loader from
 * there. Trunk does not copy them (the post-build hook does: linkParts). Earlier builds' parts
 * are removed. Returns the folder's name.
 */
export function placeParts({ parts, outDir, outName, optimise }) {
  const lazy = join(outDir, LAZY);
  rmSync(lazy, { recursive: true, force: true });
  const staged = join(lazy, "staged");
  mkdirSync(staged, { recursive: true });
  const hash = createHash("sha256");
  for (const file of readdirSync(parts).sort()) {
    if (!file.endsWith(".wasm") || file === `${outName}.wasm`) continue;
    optimise(join(parts, file), join(staged, file));
    hash.update(file).update(readFileSync(join(staged, file)));
  }
  const loader = readFileSync(join(parts, LOADER), "utf8");
  const main = `from "./${outName}.js"`;
  if (!loader.includes(main)) throw new Error(`the splitter's ${LOADER} does not import ./${outName}.js`);
  // From its folder to the app's script (named by its hash later: linkParts).
  const placed = fetchEarly(loader).replace(main, `from "../${outName}.js"`);
  hash.update(placed);
  writeFileSync(join(staged, LOADER), placed);
  const name = `wasm-split-${hash.digest("hex").slice(0, 16)}`;
  renameSync(staged, join(lazy, name));
  const script = join(outDir, `${outName}.js`);
  writeFileSync(script, importFrom(readFileSync(script, "utf8"), `./${name}/${LOADER}`));
  rmSync(parts, { recursive: true, force: true });
  return name;
}

/** What a chunk's or a part's loader fetches, in the splitter's loader. */
const FETCH = String.raw`const src = fetch\(new URL\("(\./[\w.-]+)", import\.meta\.url\)\);`;

/**
 * The splitter's `loader` with each part's files (its own and the chunks it needs) named, by
 * part, and fetched as soon as the loader is read for the parts the page names in its
 * `<meta name="reader-parts" content="part …">` (the library page names the library's: the app
 * fetches it before it takes the page over, start.rs). They then download beside the app's
 * module rather than once it has started, a round trip and a download later. A part's first
 * load takes each such fetch once (a load that failed fetches afresh next time, as before).
 * If the splitter ever writes its loader differently, the build fails here.
 */
export function fetchEarly(loader) {
  const chunks = new Map(
    [...loader.matchAll(new RegExp(String.raw`const (__chunk_\d+) = makeLoad\(\(\) => \{\s*${FETCH}`, "g"))].map(
      ([, chunk, file]) => [chunk, file],
    ),
  );
  const parts = {};
  const exported = new RegExp(
    String.raw`export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*${FETCH}[^\[]*\[([^\]]*)\]\)\);`,
    "g",
  );
  for (const [, part, file, deps] of loader.matchAll(exported)) {
    const needed = deps.split(",").map((d) => d.trim()).filter(Boolean);
    parts[part] = [file, ...needed.map((d) => chunks.get(d) ?? fail(`${part} needs ${d}, which it does not fetch`))];
  }
  const fetches = [...loader.matchAll(new RegExp(FETCH, "g"))].length;
  if (!fetches || fetches !== chunks.size + Object.keys(parts).length) {
    fail(`found ${fetches} fetches for ${chunks.size} chunks and ${Object.keys(parts).length} parts`);
  }
  const early = [
    "// The build's (scripts/build/split.mjs, fetchEarly): the files of the parts the page names,",
    "// fetched now; each taken once, by its part's first load.",
    `const PART_FILES = ${JSON.stringify(parts)};`,
    "const early = new Map();",
    'for (const part of globalThis.document?.querySelector(\'meta[name="reader-parts"]\')?.content.split(" ") ?? []) {',
    "  for (const file of PART_FILES[part] ?? []) {",
    "    const started = fetch(new URL(file, import.meta.url));",
    "    started.catch(() => {}); // the part's load says what failed",
    "    early.set(file, started);",
    "  }",
    "}",
    "function fetchPart(file) {",
    "  const started = early.get(file);",
    "  early.delete(file);",
    "  return started ?? fetch(new URL(file, import.meta.url));",
    "}",
  ].join("\n");
  const [first, ...rest] = loader.split("\n");
  if (!first.startsWith("import ")) fail("its first line is not its import of the app's script");
  const fetched = rest.join("\n").replace(/fetch\(new URL\("(\.\/[\w.-]+)", import\.meta\.url\)\)/g, 'fetchPart("$1")');
  return `${first}\n${early}\n${fetched}`;
}

function fail(why) {
  throw new Error(`the splitter's ${LOADER} changed (${why}); update fetchEarly in scripts/build/split.mjs`);
}

/** wasm-bindgen's script `js` with its imports of the loader (`./__wasm_split.js`) from `path`
 * (each import's name for the module stays the one the main module uses). wasm-bindgen writes
 * one import per group of split functions' loaders the main module names: with two parts, two
 * imports of the same loader. */
export function importFrom(js, path) {
  const line = new RegExp(`^(import \\* as \\w+ from )"\\./${LOADER.replace(".", "\\.")}";?$`, "gm");
  if (!line.test(js)) throw new Error(`wasm-bindgen's script does not import ./${LOADER}`);
  return js.replace(line, (_, start) => `${start}"${path}";`);
}

/**
 * Copies the app's parts into the build `dir` from wasm-bindgen's output folder `bindgenOut`
 * (placeParts) and links their loader to the app's script (`reader-<hash>.js`, named by
 * Trunk after the parts were placed). A build whose script still names the placeholder was
 * made without scripts/build/bin on PATH and could not start: it fails here. Returns the
 * parts' folder, or null when the app has none.
 */
export function linkParts(dir, bindgenOut, app = "reader") {
  const scripts = readdirSync(dir).filter((f) => new RegExp(`^${app}-[0-9a-f]+\\.js$`).test(f));
  if (scripts.length !== 1) throw new Error(`post-build: expected one ${app}-<hash>.js, found ${scripts.length}`);
  const [script] = scripts;
  const js = readFileSync(join(dir, script), "utf8");
  if (js.includes(PLACEHOLDER)) {
    throw new Error(
      `post-build: ${script} was made without splitting its lazy parts: build with ./scripts/serve.sh, ` +
        "./scripts/test.sh, or `source scripts/setup.sh` first (it puts scripts/build/bin on PATH)",
    );
  }
  const folder = js.match(/from\s*["']\.\/(wasm-split-[0-9a-f]{16})\/__wasm_split\.js["']/)?.[1];
  if (!folder) return null;
  const from = join(bindgenOut, LAZY, folder);
  if (!existsSync(from)) throw new Error(`post-build: ${script} imports ${folder}, which ${join(bindgenOut, LAZY)} lacks`);
  cpSync(from, join(dir, folder), { recursive: true });
  const loader = join(dir, folder, LOADER);
  const unhashed = `from "../${app}.js"`;
  const text = readFileSync(loader, "utf8");
  if (!text.includes(unhashed)) throw new Error(`post-build: ${loader} does not import ../${app}.js`);
  writeFileSync(loader, text.replace(unhashed, `from "../${script}"`));
  return folder;
}
