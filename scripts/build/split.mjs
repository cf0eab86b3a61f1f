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
  const placed = loader.replace(main, `from "../${outName}.js"`);
  hash.update(placed);
  writeFileSync(join(staged, LOADER), placed);
  const name = `wasm-split-${hash.digest("hex").slice(0, 16)}`;
  renameSync(staged, join(lazy, name));
  const script = join(outDir, `${outName}.js`);
  writeFileSync(script, importFrom(readFileSync(script, "utf8"), `./${name}/${LOADER}`));
  rmSync(parts, { recursive: true, force: true });
  return name;
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
