// The service worker `trunk serve` gets (written as dist/sw.js by scripts/post-build.mjs):
// development must always see the latest build. The dev page registers no service worker, but
// an offline copy that an earlier `trunk build` left on this origin still controls the first
// visit; the browser's update check then finds this file, which removes this lab's caches and
// unregisters. It has no fetch handler: every request goes to the dev server.
const PREFIX = `replab:${self.registration.scope}:`;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX)) await caches.delete(name);
    }
    await self.registration.unregister();
  })());
});
