// The text files every first visit downloads, minified: the app's script (wasm-bindgen's
// glue), the loader of the app's lazy parts and the stylesheet, and the page template's
// comments left out (they are for whoever reads index.html, and every page would carry
// them). Trunk's own minifier (`minify` in Trunk.toml, minify-js for scripts) is not used:
// esbuild (npm, pinned in package.json) is the more widely used and tested of the two. Run
// after the parts are linked (split.mjs) and before the pages are prerendered from the
// template, whose stylesheet link carries the file's integrity hash, and before the service
// worker lists the files.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { transformSync } from "esbuild";

/** `code` minified; `loader` is "js" (an ES module: its imports and exports keep their
 * names) or "css". Comments go, licence comments included (the glue and the stylesheet have
 * none). */
export function minified(code, loader) {
  return transformSync(code, { loader, minify: true, legalComments: "none", charset: "utf8" }).code;
}

/** The `integrity` value (sha384, as Trunk writes it) of `bytes`. */
export function integrity(bytes) {
  return `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
}

/**
 * Minifies in build folder `dir`: the app's script (`reader-<hash>.js`, named in the page
 * `template`'s loader), the parts' loader (`loader`, relative to `dir`, if there are parts)
 * and each stylesheet the template links, whose `integrity` in the template follows. Names
 * stay: each file's hash named the source it was made from, and the same source is always
 * minified alike. The template loses its comments (the prerendered pages' own markers are
 * added after this). Returns the template and the bytes saved.
 */
export function minifyBuild(dir, template, loader) {
  let saved = 0;
  const rewrite = (file, loaderKind) => {
    const path = join(dir, file);
    const before = readFileSync(path, "utf8");
    const after = minified(before, loaderKind);
    writeFileSync(path, after);
    saved += Buffer.byteLength(before) - Buffer.byteLength(after);
    return after;
  };
  const scripts = [...template.matchAll(/import\(new URL\('\.\/(reader-[0-9a-f]+\.js)'/g)].map((m) => m[1]);
  if (scripts.length !== 1) throw new Error(`minify: expected the page's loader to import one app script, found ${scripts.length}`);
  rewrite(scripts[0], "js");
  if (loader) rewrite(loader, "js");
  let sheets = 0;
  const styled = template.replace(
    /(<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity=")([^"]+)(")/g,
    (_, open, file, _old, close) => {
      sheets += 1;
      return `${open}${integrity(rewrite(file, "css"))}${close}`;
    },
  );
  if (sheets === 0) throw new Error("minify: the page links no stylesheet with an integrity hash");
  const bare = styled.replace(/[ \t]*<!--[\s\S]*?-->[ \t]*\n?/g, "");
  saved += Buffer.byteLength(styled) - Buffer.byteLength(bare);
  return { template: bare, saved };
}
