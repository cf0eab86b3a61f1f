// Writes sw.js for the build in `dir`: the list of every file to precache and a cache version
// that is a hash of their contents, so each deploy installs as one whole, separate cache.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

function filesUnder(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join("/")];
  });
}

export function writeServiceWorker(dir, template) {
  const files = filesUnder(dir).filter((f) => f !== "sw.js").sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(readFileSync(join(dir, file)));
  const version = hash.digest("hex").slice(0, 16);
  // "./" is the app's start URL: the cached index.html answers every navigation.
  const precache = ["./", ...files];
  const source = readFileSync(template, "utf8")
    .replace("__VERSION__", version)
    .replace("__FILES__", JSON.stringify(precache));
  writeFileSync(join(dir, "sw.js"), source);
  return { version, files: precache.length };
}
