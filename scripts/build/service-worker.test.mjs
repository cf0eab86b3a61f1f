// node --test scripts/build/: what the service worker precaches, and what it caches when opened.
import assert from "node:assert/strict";
import { test } from "node:test";

import { offlinePlan } from "./service-worker.mjs";

const FILES = [
  "index.html",
  "library-0123456789abcdef.json",
  "reader-0123456789abcdef_bg.wasm",
  "articles/new/index.html",
  "articles/new/article-1111111111111111.json",
  "articles/big/index.html",
  "articles/big/article-2222222222222222.json",
  "articles/old/index.html",
  "articles/old/article-3333333333333333.json",
  "images/shared.svg",
];
const SIZES = { "articles/big/article-2222222222222222.json": 900 };
const size = (f) => SIZES[f] ?? 10;
const ARTICLES = [
  { slug: "new", files: ["articles/new/index.html", "articles/new/article-1111111111111111.json", "images/shared.svg"] },
  { slug: "big", files: ["articles/big/index.html", "articles/big/article-2222222222222222.json"] },
  { slug: "old", files: ["articles/old/index.html", "articles/old/article-3333333333333333.json", "images/shared.svg"] },
];

test("the app is always precached, articles newest first while they fit", () => {
  const plan = offlinePlan(FILES, ARTICLES, size, 100);
  assert.deepEqual(
    plan.articles.map((a) => [a.slug, a.precached]),
    [["new", true], ["big", false], ["old", true]],
  );
  for (const f of ["index.html", "library-0123456789abcdef.json", "reader-0123456789abcdef_bg.wasm"])
    assert.ok(plan.precache.includes(f), f);
  assert.ok(!plan.precache.some((f) => f.startsWith("articles/big/")));
  assert.ok(plan.precache.includes("images/shared.svg"));
});

test("a shared image counts once", () => {
  // new: 30 bytes with the image; old: 20 more, the image already counted.
  const plan = offlinePlan(FILES, ARTICLES, size, 50);
  assert.deepEqual(plan.articles.map((a) => a.precached), [true, false, true]);
});

test("with no budget only the app is precached, every article when opened", () => {
  const plan = offlinePlan(FILES, ARTICLES, size, 0);
  assert.deepEqual(plan.articles.map((a) => a.precached), [false, false, false]);
  assert.deepEqual(plan.precache, ["index.html", "library-0123456789abcdef.json", "reader-0123456789abcdef_bg.wasm"]);
  assert.deepEqual(plan.articles[2].files, ARTICLES[2].files);
});

test("hash-named files may come from the HTTP cache, whatever the hash's length; others are fetched afresh", async () => {
  const { readFileSync } = await import("node:fs");
  const source = readFileSync(new URL("./sw-template.js", import.meta.url), "utf8");
  const body = source.match(/function fresh\(file\) \{[\s\S]*?\n\}/)[0];
  const fresh = new Function(`${body}\nreturn fresh;`)();
  // Trunk drops the hash's leading zeros: 15 digits here.
  for (const f of ["reader-8e7afed4a39bae9_bg.wasm", "reader-8e7afed4a39bae9.js", "main-0123456789abcdef.css", "worker-0123456789abcdef_bg.wasm", "articles/x/article-0123456789abcdef.json"])
    assert.equal(fresh(f), "default", f);
  for (const f of ["./", "articles/x/", "manifest.webmanifest", "images/tumen-river-stand-in.svg", "icons/icon-192.png"])
    assert.equal(fresh(f), "reload", f);
});

// The worker's fetch handler, run against a cache that answers only exact matches and refuses
// `ignoreSearch` (which makes Chromium read every entry of the cache: 0.3 s a page for a library
// of 1,000 articles).
async function answer(url, mode, cached) {
  const { readFileSync } = await import("node:fs");
  const source = readFileSync(new URL("./sw-template.js", import.meta.url), "utf8")
    .replace("__VERSION__", "v")
    .replace("__FILES__", "[]")
    .replace("__ARTICLES__", "{}")
    .replace("__ON_USE__", "[]");
  const listeners = {};
  const scope = "https://host/app/";
  const cache = {
    async match(request, options) {
      assert.ok(!options?.ignoreSearch, `an exact match, not one that reads the whole cache (${JSON.stringify(options)})`);
      const key = typeof request === "string" ? request : request.url;
      return cached.has(key) ? `cached ${key}` : undefined;
    },
  };
  const self = {
    addEventListener: (type, listener) => (listeners[type] = listener),
    location: new URL(scope),
    registration: { scope },
  };
  const Response = { redirect: (to, status) => `redirect ${status} ${to}` };
  new Function("self", "caches", "Response", "fetch", source)(
    self,
    { open: async () => cache },
    Response,
    async () => "network",
  );
  let responded;
  listeners.fetch({ request: { url, method: "GET", mode }, respondWith: (p) => (responded = p) });
  return responded;
}

test("pages are found by an exact match, whatever their query or index.html", async () => {
  const cached = new Set(["https://host/app/own/", "https://host/app/articles/x/", "https://host/app/reader-1_bg.wasm"]);
  assert.equal(await answer("https://host/app/own/?a=own-1", "navigate", cached), "cached https://host/app/own/");
  assert.equal(await answer("https://host/app/articles/x/index.html?q#p", "navigate", cached), "cached https://host/app/articles/x/");
  assert.equal(await answer("https://host/app/articles/x?q", "navigate", cached), "redirect 301 https://host/app/articles/x/?q");
  assert.equal(await answer("https://host/app/reader-1_bg.wasm", "cors", cached), "cached https://host/app/reader-1_bg.wasm");
  assert.equal(await answer("https://host/app/articles/y/", "navigate", cached), "network");
});
