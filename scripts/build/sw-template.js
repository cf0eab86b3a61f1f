// The reader's service worker, generated at build time by scripts/build/service-worker.mjs.
// It precaches every file of one build under one versioned cache; a new build installs its own
// cache whole, waits until the page agrees to reload, then removes the old caches. Every file,
// pages included, is answered from the one cache, so a page never mixes files of two builds.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `reader-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: fresh(f) })))),
  );
});

// Files named by their content's hash cannot be stale, so the HTTP cache may answer (a first
// visit then does not download the app twice); the others are fetched afresh.
function fresh(file) {
  return /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(file) ? "default" : "reload";
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
  if (event.data === "skip-waiting") self.skipWaiting();
});

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
        if (!request.url.split(/[?#]/)[0].endsWith("/") && (await cache.match(folder, { ignoreSearch: true })))
          return Response.redirect(folder.href, 301);
      }
      const cached = await cache.match(navigation ? pageUrl(request.url) : request, { ignoreSearch: navigation });
      if (cached) return cached;
      try {
        return await fetch(request);
      } catch (offline) {
        // A page this build does not have, with no network: the library, rather than an error.
        if (navigation) return Response.redirect(self.registration.scope, 302);
        throw offline;
      }
    }),
  );
});

// Pages are cached under their folder's URL: ".../articles/x/index.html" is ".../articles/x/".
function pageUrl(address) {
  const url = new URL(address);
  url.hash = "";
  url.pathname = url.pathname.replace(/\/index\.html$/, "/");
  return url.href;
}
