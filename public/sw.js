// The lab's service worker: after the first visit it keeps every shipped file (page, both
// wasm bins and their JS, CSS, icons, datasets) so a reload with the network off loads and trains.
//
// The worker builds' wasm files are the exception: a visitor runs one of them (WebGPU, the CPU
// only, threaded, or either of the last two with relaxed SIMD), so each is kept once it is used (`onUse` in the
// list; the page says which it started, and a fetch through this worker keeps it too) instead of
// all of them downloading on the first visit.
//
// This is a template: `scripts/post-build.mjs` (a Trunk post_build hook) writes the built copy
// into dist/ with BUILD replaced by the real file list, each file's SHA-256 and a version that
// is a hash of every shipped file. Any change to any file gives a new sw.js, which the browser
// installs beside the running one; the page then offers the update (`update-banner`).
const BUILD = { version: "unbuilt", files: [] }; // replaced by scripts/post-build.mjs

const SCOPE = self.registration.scope;
// Cache Storage is per origin: the scope in the name keeps two copies of the lab on one host apart.
const PREFIX = `replab:${SCOPE}:`;
const CACHE = PREFIX + BUILD.version;
const FILES = new Map(BUILD.files.map((f) => [f.path, f]));

/** The scope-relative path a request maps to, `index.html` for the scope itself, or null. */
function precachedPath(request) {
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return null;
  const url = new URL(request.url);
  const path = decodeURIComponent(url.pathname.slice(new URL(SCOPE).pathname.length));
  const file = path === "" ? "index.html" : path;
  return FILES.has(file) ? file : null;
}

// Fetch every file fresh (past the HTTP cache) and check it against the build's hash, so a
// half-finished deploy can never be cached under this version: install fails and is retried.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(BUILD.files.filter((f) => !f.onUse).map((f) =>
      new Request(new URL(f.path, SCOPE), { cache: "reload", integrity: f.integrity })))),
  );
});

// Drop the older versions' caches and take over the open pages (the first visit included).
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// What the lab serves is cross-origin isolated (SharedArrayBuffer, so the CPU worker's thread
// pool): the headers a host would send, added here for hosts that cannot set headers. The page,
// first loaded without them, reloads once when this worker takes it over (src/ui/service_worker.rs).
// Every subresource of the lab is same-origin, so `require-corp` blocks nothing.
const ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/** `response` with the isolation headers (opaque and error responses pass unchanged). */
function isolated(response) {
  if (response.type === "opaque" || response.type === "opaqueredirect" || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Cache first for the shipped files (queries such as `?v=<build>` or the lab's settings are
// ignored: the cache holds exactly this version); everything else goes to the network untouched.
self.addEventListener("fetch", (event) => {
  const path = precachedPath(event.request);
  if (path === null) return;
  event.respondWith((async () => {
    const cached = await caches.match(new URL(path, SCOPE), { cacheName: CACHE });
    if (cached) return isolated(cached);
    if (FILES.get(path).onUse) {
      const kept = await keep(path).catch(() => null);
      if (kept) return isolated(kept);
    }
    return isolated(await fetch(event.request));
  })());
});

/**
 * Fetch an `onUse` file of this version (from the HTTP cache where it is there: the page has
 * just downloaded it) and keep it; resolves to the response, or rejects when its hash is not
 * this version's (a newer deploy: then nothing is kept).
 */
async function keep(path) {
  const url = new URL(path, SCOPE);
  const response = await fetch(new Request(url, { integrity: FILES.get(path).integrity }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const cache = await caches.open(CACHE);
  await cache.put(url, response.clone());
  return response;
}

// The page's update banner asks the waiting version to take over.
// The page names the worker build it started (`{ keep: [path] }`): kept for offline use, as the
// page may have fetched it before this worker controlled it (the first visit).
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  const paths = event.data?.keep;
  if (Array.isArray(paths)) {
    event.waitUntil(Promise.all(paths.filter((p) => FILES.get(p)?.onUse).map(async (p) => {
      if (await caches.match(new URL(p, SCOPE), { cacheName: CACHE })) return;
      await keep(p).catch((e) => console.warn(`sw: ${p} not kept for offline use:`, e));
    })));
  }
});
