// The reader's service worker, generated at build time by scripts/build/service-worker.mjs.
// It precaches the app and the articles within the offline budget under one versioned cache; a
// new build installs its own cache whole, waits until the page agrees to reload, then removes
// the old caches. Every file, pages included, is answered from the one cache, so a page never
// mixes files of two builds. An article left out of the precache is cached whole (its page, its
// data, its images) the first time any of its files is fetched, and the worker's files (rare
// work: exports and imports) the first time the app loads them. The library asks which articles
// are kept ("offline-status"), to keep every article ("keep-all") or one ({ keep: slug }), or
// to let one go ({ remove: slug }); after each, and whenever an article is kept, every page
// hears { offline: [slugs kept] }.
const VERSION = "__VERSION__";
const FILES = __FILES__;
// Each article's own files, by slug.
const ARTICLES = __ARTICLES__;
// Files cached the first time they are fetched.
const ON_USE = new Set(__ON_USE__);
const CACHE = `reader-${VERSION}`;

// Which article a file belongs to, by its path below the scope.
const OWNER = new Map(Object.entries(ARTICLES).flatMap(([slug, files]) => files.map((f) => [f, slug])));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: fresh(f) })))),
  );
});

// Files named by their content's hash cannot be stale, so the HTTP cache may answer (a first
// visit then does not download the app twice); the others are fetched afresh. Trunk writes its
// hash without leading zeros: 16 hex digits, or fewer.
function fresh(file) {
  return /-[0-9a-f]{10,16}(_bg)?\.[a-z]+$/.test(file) ? "default" : "reload";
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("reader-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === "skip-waiting") self.skipWaiting();
  else if (data === "offline-status") event.waitUntil(changed());
  else if (data === "keep-all") event.waitUntil(keep(Object.keys(ARTICLES)).then(changed));
  else if (data && typeof data.keep === "string") event.waitUntil(keep([data.keep]).then(changed));
  else if (data && typeof data.remove === "string") event.waitUntil(remove(data.remove).then(changed));
});

// Caches the whole of each article named (what is already cached is not fetched again).
async function keep(slugs) {
  const cache = await caches.open(CACHE);
  for (const slug of slugs) {
    const missing = [];
    for (const file of ARTICLES[slug] || []) if (!(await cache.match(file))) missing.push(file);
    // One at a time: a failure (offline) leaves the others kept.
    await cache.addAll(missing.map((f) => new Request(f, { cache: fresh(f) }))).catch(() => {});
  }
}

async function remove(slug) {
  const cache = await caches.open(CACHE);
  const shared = new Set(
    Object.entries(ARTICLES)
      .filter(([other]) => other !== slug)
      .flatMap(([, files]) => files),
  );
  for (const file of ARTICLES[slug] || []) if (!shared.has(file)) await cache.delete(file);
}

// The articles whose every file is in the cache.
async function kept() {
  const cache = await caches.open(CACHE);
  const files = new Set((await cache.keys()).map((request) => below(request.url)));
  return Object.keys(ARTICLES).filter((slug) => ARTICLES[slug].every((f) => files.has(f)));
}

async function changed() {
  const offline = await kept();
  for (const client of await self.clients.matchAll()) client.postMessage({ offline });
}

// The path of `url` below the scope, as the lists name files.
function below(url) {
  const scope = new URL(self.registration.scope);
  const path = new URL(url).pathname;
  return path.startsWith(scope.pathname) ? decodeURIComponent(path.slice(scope.pathname.length)) : null;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const navigation = request.mode === "navigate";
      if (navigation) {
        // A page's address without its final slash: send the browser to the folder's URL, as a
        // static host does, so that the page's relative <base href> resolves to the app's root.
        const folder = new URL(request.url);
        folder.pathname += "/";
        if (!request.url.split(/[?#]/)[0].endsWith("/") && (await cache.match(pageUrl(folder.href))))
          return Response.redirect(folder.href, 301);
      }
      // Always an exact match: one with `ignoreSearch` reads every entry of the cache (Chromium),
      // which for a library of 1,000 articles held up a returning reader's page by 0.3 s.
      const cached = await cache.match(navigation ? pageUrl(request.url) : request);
      if (cached) return cached;
      try {
        const response = await fetch(request);
        // A file of an article not saved yet: it, and the rest of the article, are kept from
        // now on.
        const key = navigation ? pageUrl(request.url) : request.url;
        const slug = OWNER.get(below(key));
        if ((slug || ON_USE.has(below(key))) && response.ok && !response.redirected) {
          await cache.put(key, response.clone());
          if (slug) event.waitUntil(keep([slug]).then(changed));
        }
        return response;
      } catch (offline) {
        // A page this build does not have, with no network: the library, rather than an error.
        if (navigation) return Response.redirect(self.registration.scope, 302);
        throw offline;
      }
    }),
  );
});

// Pages are cached under their folder's URL, without a query (the reader's own articles' page
// names its article in one: "own/?a=…"): ".../articles/x/index.html?q" is ".../articles/x/".
function pageUrl(address) {
  const url = new URL(address);
  url.hash = "";
  url.search = "";
  url.pathname = url.pathname.replace(/\/index\.html$/, "/");
  return url.href;
}
