// The wasm-bindgen Trunk runs, through scripts/build/bin/wasm-bindgen (scripts/setup.sh puts
// that folder first on PATH; Trunk takes the first wasm-bindgen of the pinned version it
// finds). For a module with `#[lazy]` functions (the app's), it first splits the linker's
// output at them (wasm-split-cli, from crates.io: wasm_split_cli_support), runs the real
// wasm-bindgen on the main part, drops the classes nothing can make and names the exports that
// call closures short (exports.mjs), optimises that once more and names its imports short
// (imports.mjs), and puts the parts, optimised, where the post-build hook copies them from
// (split.mjs). Any other module (the workers) goes to the real wasm-bindgen as it is.
import { execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { dropClasses, shortenClosureCalls } from "./exports.mjs";
import { shortenImports } from "./imports.mjs";
import { hasSplitPoints, placeParts, SPLIT_TOOL } from "./split.mjs";

const here = join(dirname(fileURLToPath(import.meta.url)), "bin");

/** The first `name` on PATH that is not this one (in `bin`). */
function onPath(name) {
  for (const dir of (process.env.PATH || "").split(delimiter)) {
    if (!dir || resolve(dir) === here) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // not there, or not runnable: the next one
    }
  }
  console.error(`${name} is not installed: run scripts/setup.sh (./scripts/serve.sh or ./scripts/test.sh do)`);
  process.exit(1);
}

const run = (tool, args) => execFileSync(tool, args, { stdio: "inherit" });
const args = process.argv.slice(2);
const real = onPath("wasm-bindgen");
const input = args.find((a) => !a.startsWith("-") && a.endsWith(".wasm"));
try {
  if (!input || !hasSplitPoints(readFileSync(input))) {
    run(real, args);
  } else {
    const value = (flag) => args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
    const [outDir, outName] = [value("--out-dir"), value("--out-name")];
    if (!outDir || !outName) throw new Error(`expected --out-dir= and --out-name= among ${args.join(" ")}`);
    const parts = join(outDir, "wasm-split");
    run(onPath(SPLIT_TOOL), [input, parts, "--out-name", outName]);
    // The main part keeps the exports the parts link to (its table, memory and functions).
    run(real, [...args.map((a) => (a === input ? join(parts, `${outName}.wasm`) : a)), "--keep-lld-exports"]);
    const optimiser = onPath("wasm-opt");
    const optimise = (from, to) => run(optimiser, optimiserArgs(from, to));
    const main = join(outDir, `${outName}_bg.wasm`);
    const script = join(outDir, `${outName}.js`);
    // Classes nothing can make leave the script, and their methods the module's exports, for
    // the pass below to drop their code; the exports that call closures are named short
    // (exports.mjs).
    const unused = dropClasses(readFileSync(main), readFileSync(script, "utf8"));
    const calls = shortenClosureCalls(unused.wasm, unused.js);
    writeFileSync(main, calls.wasm);
    writeFileSync(script, calls.js);
    // Optimised here once before Trunk's own pass (`data-wasm-opt="z"`): measured, the second
    // pass takes about 0.3 KB brotli more out of the main module (no more with a third, none
    // from the parts), which every first visit downloads. Then its imports are named short.
    optimise(main, `${main}.opt`);
    renameSync(`${main}.opt`, main);
    const short = shortenImports(readFileSync(main), readFileSync(script, "utf8"));
    writeFileSync(main, short.wasm);
    writeFileSync(script, short.js);
    placeParts({ parts, outDir, outName, optimise });
  }
} catch (e) {
  // The tools said why (their output is the terminal's); a failure of ours says it here.
  if (e.status === undefined) console.error(`wasm-bindgen (scripts/build/bin): ${e.message}`);
  process.exit(e.status || 1);
}

/** wasm-opt for the main module (before Trunk's own `-Oz`) and for each part, with the features
 * the compiler uses (a part has no section naming them). After `-Oz`, the code is flattened and
 * its control flow rebuilt (`--flatten --rereloop`), then optimised again: measured on
 * 7 December 2026, 1.55 KB brotli less in the main module (197.40 to 195.85 KB), which every
 * first visit downloads, and 0.49 KB less over all the parts (170.94 to 170.45 KB), for about
 * half a minute more of a release build (58 -> 86 s of wasm-opt over the module and the parts,
 * on 2 cores with the end-to-end tests running). */
function optimiserArgs(from, to) {
  const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
  return ["-Oz", "--flatten", "--rereloop", "-Oz", ...features.map((f) => `--enable-${f}`), from, "-o", to];
}
