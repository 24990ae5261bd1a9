// A service worker for hosts that cannot send headers (GitHub Pages): it adds the cross-origin
// isolation headers to every response of the playground that lacks them, so that the page, once
// this worker controls it, is cross-origin isolated and the Threads modes can share memory:
// - Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy isolate a top-level page, in
//   every browser;
// - Document-Isolation-Policy isolates the page inside a course page's frame too, in browsers
//   that support it (Chromium 137 and later), whatever the course page sends;
// - Cross-Origin-Resource-Policy: cross-origin lets another site embed the files;
// - Content-Security-Policy: the page's policy (www/_headers; keep the two equal), so that the
//   page and its workers load and run only the playground's own files.
// It touches only the playground's own folder (its scope, the folder this file is in): requests
// for other origins, or for addresses outside the folder, go to the network untouched; and of
// the pages it opens, only the playground's (the folder's address, or its index.html) get the
// headers, so that a deployment at an origin's root, whose folder is the whole origin, leaves
// the origin's other pages as their host sends them (README, "Deploying and embedding").
// It lists the headers it added in Cp-Service-Worker-Added, so that the page can say what
// isolated it (src/model/isolation.rs reads it). Registered by coi-register.js, which reloads the
// page once, the first time.
const ADDED = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ['Document-Isolation-Policy', 'isolate-and-require-corp'],
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Content-Security-Policy', "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'"],
];

// Whether this worker changes the response for `request`: under its folder, and for a page,
// only the playground's own.
function touches(request) {
  const scope = new URL(self.registration.scope);
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  if (request.mode !== 'navigate') return true;
  const rest = url.pathname.slice(scope.pathname.length);
  return rest === '' || rest === 'index.html';
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // Requests the browser answers only from its cache, for other origins, cannot be fetched here.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  // Anything else than the playground's own files: not this worker's business.
  if (!touches(request)) return;
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
