// Trunk post-build hook (Trunk.toml): finishes the staged build in TRUNK_STAGING_DIR.
// 1. the Content-Security-Policy of each page (csp.mjs), then
// 2. the service worker that precaches the finished files (service-worker.mjs).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { addPolicy } from "./csp.mjs";
import { writeServiceWorker } from "./service-worker.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
addPolicy(dir);
const here = dirname(fileURLToPath(import.meta.url));
const { version, files } = writeServiceWorker(dir, join(here, "sw-template.js"));
console.log(`post-build: CSP added; sw.js precaches ${files} files, cache version ${version}`);
