// The reader's service worker, generated at build time by scripts/build/service-worker.mjs.
// It precaches every file of one build under one versioned cache; a new build installs its own
// cache whole, waits until the page agrees to reload, then removes the old caches. Pages are
// answered with the cached index.html, so a page never mixes files of two builds.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `reader-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("reader-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = request.mode === "navigate" ? await cache.match("./") : await cache.match(request);
      return cached || fetch(request);
    }),
  );
});
