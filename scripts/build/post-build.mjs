// Trunk post-build hook (Trunk.toml): finishes the staged build in TRUNK_STAGING_DIR.
// 0. no early download of the WebAssembly (see below), the worker named by its hash
//    (worker.mjs), the app's lazy parts linked to its script (split.mjs), and the app's
//    script, the parts' loader and the stylesheet minified (minify.mjs),
// 1. one HTML file per route, prerendered by the app's own components (src/bin/prerender.rs),
//    and 404.html, which finds the app's root from wherever a host serves it (not-found.mjs),
// 2. the Content-Security-Policy of each page (csp.mjs), then
// 3. the service worker that precaches the app and the articles within the offline budget
//    (service-worker.mjs).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { addPolicy } from "./csp.mjs";
import { rewriteLoader } from "./loader.mjs";
import { minifyBuild } from "./minify.mjs";
import { notFoundPage } from "./not-found.mjs";
import { writeServiceWorker } from "./service-worker.mjs";
import { linkParts } from "./split.mjs";
import { hashWorker, nameWorker } from "./worker.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const here = dirname(fileURLToPath(import.meta.url));
// The app's lazy parts, from wasm-bindgen's output folder (in Cargo's target folder), linked to
// its script by the name Trunk gave it (split.mjs).
const { target_directory: target } = JSON.parse(
  execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"], { cwd: join(here, "../.."), encoding: "utf8" }),
);
const profile = process.env.TRUNK_PROFILE === "debug" ? "debug" : "release";
const parts = linkParts(dir, join(target, "wasm-bindgen", profile));
// The page is readable before the app runs: the app loads after the first paint (loader.mjs).
const template = join(dir, "index.html");
const worker = hashWorker(dir, "worker");
const extractor = hashWorker(dir, "extractor");
const loader = parts && `${parts}/__wasm_split.js`;
const named = nameWorker(rewriteLoader(readFileSync(template, "utf8"), loader), worker, "reader-worker");
const minify = minifyBuild(dir, nameWorker(named, extractor, "reader-extractor"), loader);
writeFileSync(template, minify.template);
// A native build of the same crate with the `ssr` feature, in its own target folder so it
// never invalidates the WebAssembly build's.
execFileSync(
  "cargo",
  ["run", "--quiet", "--features", "ssr", "--bin", "prerender", "--target-dir", "target/prerender", "--", dir],
  { cwd: join(here, "../.."), stdio: "inherit" },
);
const notFound = join(dir, "404.html");
writeFileSync(notFound, notFoundPage(readFileSync(notFound, "utf8")));
const pages = addPolicy(dir);
const { version, files, onDemand, onUse } = writeServiceWorker(dir, join(here, "sw-template.js"));
console.log(
  `post-build: CSP added to ${pages} pages; sw.js precaches ${files} files (${onDemand} articles cached when opened, ${onUse} files when first used), cache version ${version}; lazy parts in ${parts}; ${minify.saved} bytes minified away`,
);
