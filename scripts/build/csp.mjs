// Adds a strict Content-Security-Policy to every HTML page of the build. Trunk's loader is an
// inline module script, so the policy allows exactly that script by its SHA-256 hash (computed
// from this build's own bytes) and nothing else inline.
//
// The policy goes at one fixed place: right after the `<meta charset>` that opens `<head>`
// (the first thing the browser must see). Every page is made from our own template, and every
// text in it (titles included) is escaped, so in the head a `<` can only open a real tag. A
// page whose head does not start that way, or that already has a policy, fails the build.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { filesUnder } from "./files.mjs";

const CHARSET = '<meta charset="utf-8" />';
const POLICY_TAG = /<meta\s+http-equiv=["']?content-security-policy["'\s>]/gi;

// The page with its policy, or an Error naming what is wrong with it.
export function withPolicy(html, name) {
  const open = html.match(/<head>\s*/);
  const close = html.indexOf("</head>");
  if (!open || close < open.index) throw new Error(`${name}: no <head> … </head>`);
  const start = open.index + open[0].length;
  const head = html.slice(start, close);
  if (!head.startsWith(CHARSET)) throw new Error(`${name}: <head> does not begin with ${CHARSET}`);
  if ((html.match(POLICY_TAG) || []).length > 0) throw new Error(`${name}: it already has a Content-Security-Policy`);
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
  const at = start + CHARSET.length;
  const out = `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
  if (policies(out) !== 1) throw new Error(`${name}: the policy could not be placed once`);
  return out;
}

// How many policy tags a page has.
export function policies(html) {
  return (html.match(POLICY_TAG) || []).length;
}

// Returns how many pages got the policy.
export function addPolicy(dir) {
  const pages = filesUnder(dir).filter((f) => f.endsWith(".html"));
  for (const name of pages) {
    const file = join(dir, name);
    writeFileSync(file, withPolicy(readFileSync(file, "utf8"), name));
  }
  return pages.length;
}
