// Adds a strict Content-Security-Policy to every HTML page of the build. Trunk's loader is an
// inline module script, so the policy allows exactly that script by its SHA-256 hash (computed
// from this build's own bytes) and nothing else inline.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { filesUnder } from "./files.mjs";

// Returns how many pages got the policy.
export function addPolicy(dir) {
  const pages = filesUnder(dir).filter((f) => f.endsWith(".html"));
  for (const name of pages) {
    const file = join(dir, name);
    const html = readFileSync(file, "utf8");
    const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
    );
    const policy = [
      "default-src 'self'",
      `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
      // Leptos sets a few style attributes (figure ratio, toolbar position, progress width).
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self' blob:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'none'",
    ].join("; ");
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
    if (!html.includes('http-equiv="Content-Security-Policy"')) {
      writeFileSync(file, html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`));
    }
  }
  return pages.length;
}
