// Writes sw.js for the build in `dir`: the list of every file to precache and a cache version
// that is a hash of their contents, so each deploy installs as one whole, separate cache.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { filesUnder } from "./files.mjs";

export function writeServiceWorker(dir, template) {
  const files = filesUnder(dir).filter((f) => f !== "sw.js").sort();
  const hash = createHash("sha256").update(readFileSync(template));
  for (const file of files) hash.update(file).update(readFileSync(join(dir, file)));
  const version = hash.digest("hex").slice(0, 16);
  // Pages are cached under the URL readers use for them: the folder ("./", "articles/x/").
  const precache = files.map((f) => (f === "index.html" ? "./" : f.replace(/\/index\.html$/, "/")));
  const source = readFileSync(template, "utf8")
    .replace("__VERSION__", version)
    .replace("__FILES__", JSON.stringify(precache));
  writeFileSync(join(dir, "sw.js"), source);
  return { version, files: precache.length };
}
