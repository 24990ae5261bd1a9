// A service worker for hosts that cannot send headers (GitHub Pages): it adds the cross-origin
// isolation headers to every response of the playground that lacks them, so that the page, once
// this worker controls it, is cross-origin isolated and the Threads modes can share memory:
// - Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy isolate a top-level page, in
//   every browser;
// - Document-Isolation-Policy isolates the page inside a course page's frame too, in browsers
//   that support it (Chromium 137 and later), whatever the course page sends;
// - Cross-Origin-Resource-Policy: cross-origin lets another site embed the files.
// It lists the headers it added in Cp-Service-Worker-Added, so that the page can say what
// isolated it (src/model/isolation.rs reads it). Registered by coi-register.js, which reloads the
// page once, the first time.
const ADDED = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ['Document-Isolation-Policy', 'isolate-and-require-corp'],
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Requests the browser answers only from its cache, for other origins, cannot be fetched here.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      // Opaque responses (other origins without CORS) cannot be changed.
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      const added = [];
      for (const [name, value] of ADDED) {
        if (headers.has(name)) continue;
        headers.set(name, value);
        added.push(name);
      }
      if (added.length === 0) return response;
      headers.set('Cp-Service-Worker-Added', added.join(', '));
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
