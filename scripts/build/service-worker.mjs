// Writes sw.js for the build in `dir`: what to precache, what to cache when first opened, and a
// cache version that is a hash of every file, so each deploy installs as one whole, separate
// cache.
//
// The app (every file that belongs to no article: pages' assets, the library page, the index,
// 404.html, icons) is always precached, but for the worker (worker-<hash>.js and its
// WebAssembly: exports and imports), which is cached the first time the reader uses it. Articles (each one's page, data file and images) are
// precached newest first, each one that fits within OFFLINE_BUDGET bytes of articles; the
// others are cached whole the first time any of their files is fetched, and the reader can
// keep them all from the library ("Keep all offline"). Set the budget for a build with
// READER_OFFLINE_BUDGET_BYTES.
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { filesUnder } from "./files.mjs";

/** Bytes of articles precached at install: the rest is cached when opened. */
export const OFFLINE_BUDGET = 20 * 1024 * 1024;

export function writeServiceWorker(dir, template, budget = budgetFromEnv()) {
  const files = filesUnder(dir).filter((f) => f !== "sw.js").sort();
  const hash = createHash("sha256").update(readFileSync(template));
  for (const file of files) hash.update(file).update(readFileSync(join(dir, file)));
  const version = hash.digest("hex").slice(0, 16);
  const onUse = files.filter(isCachedOnUse);
  const plan = offlinePlan(
    files.filter((f) => !isCachedOnUse(f)),
    readArticles(dir, files),
    (f) => statSync(join(dir, f)).size,
    budget,
  );
  const source = readFileSync(template, "utf8")
    .replace("__VERSION__", version)
    .replace("__FILES__", JSON.stringify(plan.precache.map(cacheName)))
    .replace("__ON_USE__", JSON.stringify(onUse))
    .replace("__ARTICLES__", JSON.stringify(Object.fromEntries(plan.articles.map((a) => [a.slug, a.files.map(cacheName)]))));
  writeFileSync(join(dir, "sw.js"), source);
  return {
    version,
    files: plan.precache.length,
    onDemand: plan.articles.filter((a) => !a.precached).length,
    onUse: onUse.length,
  };
}

/** The workers' files: rare work, not part of a first visit (see worker.mjs). */
export function isCachedOnUse(file) {
  return /^(worker|extractor)-[0-9a-f]{16}(\.js|_bg\.wasm)$/.test(file);
}

function budgetFromEnv() {
  const set = process.env.READER_OFFLINE_BUDGET_BYTES;
  if (set === undefined || set === "") return OFFLINE_BUDGET;
  const bytes = Number(set);
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new Error(`post-build: READER_OFFLINE_BUDGET_BYTES must be a number of bytes, not ${JSON.stringify(set)}`);
  return bytes;
}

// Pages are cached under the URL readers use for them: the folder ("./", "articles/x/").
function cacheName(file) {
  return file === "index.html" ? "./" : file.replace(/\/index\.html$/, "/");
}

/**
 * The library's articles in index order (newest first), each with the files that are its own:
 * its page, its data file and its images. Read from the index the build wrote.
 */
export function readArticles(dir, files) {
  const index = files.find((f) => /^library-[0-9a-f]{16}\.json$/.test(f));
  if (!index) throw new Error("post-build: the build has no library index (library-<hash>.json)");
  const { articles } = JSON.parse(readFileSync(join(dir, index), "utf8"));
  return articles.map((entry) => {
    const data = JSON.parse(readFileSync(join(dir, entry.data), "utf8"));
    const images = data.photo && !/^[a-z]+:/i.test(data.photo.src) ? [data.photo.src] : [];
    return { slug: entry.slug, files: [`articles/${entry.slug}/index.html`, entry.data, ...images] };
  });
}

/**
 * What to precache: every file that belongs to no article, then articles in the order given,
 * each one whose files (those not already counted) fit in what is left of `budget` bytes.
 * An image shared by articles counts once and belongs to the app if any precached article
 * uses it. Returns the precache list and each article with its files and whether it is
 * precached.
 */
export function offlinePlan(files, articles, size, budget) {
  const ofArticles = new Set(articles.flatMap((a) => a.files));
  const precache = new Set(files.filter((f) => !ofArticles.has(f)));
  let left = budget;
  const planned = articles.map((article) => {
    const own = article.files.filter((f) => files.includes(f));
    const cost = own.filter((f) => !precache.has(f)).reduce((sum, f) => sum + size(f), 0);
    const precached = cost <= left;
    if (precached) {
      left -= cost;
      for (const f of own) precache.add(f);
    }
    return { slug: article.slug, files: own, precached };
  });
  return { precache: [...precache].sort(), articles: planned };
}
