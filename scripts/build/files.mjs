// Every file of a build folder, as "/"-separated paths relative to it.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export function filesUnder(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join("/")];
  });
}
