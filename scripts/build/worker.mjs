// The workers (src/bin/worker.rs and src/bin/extractor.rs, built by Trunk as
// `data-type="worker"`) are written unhashed, as worker.js and worker_bg.wasm (extractor.js,
// extractor_bg.wasm), because Trunk leaves it to the app to name them at run time. Here each is
// named by its content's hash like the app's own files (so it is never stale in a cache, and a
// build that does not change it keeps its name), its glue made to start it, and every page told
// its name (`<meta name="reader-worker">`, `<meta name="reader-extractor">`, read by
// src/worker.rs).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Renames the worker `bin` ("worker", "extractor") in `dir` by its hash; returns its script's
 * file name. */
export function hashWorker(dir, bin = "worker") {
  const glue = join(dir, `${bin}.js`);
  const module = join(dir, `${bin}_bg.wasm`);
  if (!existsSync(glue) || !existsSync(module))
    throw new Error(`post-build: Trunk wrote no ${bin} (${bin}.js, ${bin}_bg.wasm); see index.html`);
  const js = readFileSync(glue, "utf8");
  const wasm = readFileSync(module);
  const name = `${bin}-${createHash("sha256").update(js).update(wasm).digest("hex").slice(0, 16)}`;
  writeFileSync(join(dir, `${name}_bg.wasm`), wasm);
  // wasm-bindgen's `no-modules` glue defines `wasm_bindgen`; started with its module's path,
  // relative to the worker's own script (workerScript).
  writeFileSync(join(dir, `${name}.js`), workerScript(js, `${name}_bg.wasm`));
  unlinkSync(glue);
  unlinkSync(module);
  return `${name}.js`;
}

// A module that cannot be fetched or started is thrown again outside the promise, so that the
// page hears it as the worker's `error` event (a rejected promise alone would leave the page
// waiting for "ready").
export function workerScript(glue, wasm) {
  if (!/\bwasm_bindgen\s*=/.test(glue)) throw new Error("post-build: the worker's glue defines no wasm_bindgen");
  return `${glue}\nwasm_bindgen({ module_or_path: "./${wasm}" }).catch((e) => setTimeout(() => { throw e; }));\n`;
}

/** The page with the worker's name in its head, as `<meta name="${meta}">`. */
export function nameWorker(html, script, meta = "reader-worker") {
  if (!html.includes("</head>")) throw new Error("post-build: the page has no </head>");
  return html.replace("</head>", `  <meta name="${meta}" content="${script}" />\n  </head>`);
}
