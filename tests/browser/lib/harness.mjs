// What every browser test file shares: the built page served twice (with the cross-origin
// isolation headers, and without them or the service worker that would add them) for the whole
// file, and each browser launched once.
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browsers.mjs';
import { startServer } from './server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// CP_DIST serves another build (one made beside dist/ while a suite runs on it).
export const DIST = process.env.CP_DIST ?? join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests', 'browser', 'artifacts');

// Starts the servers before the file's tests and stops them after. Returns an object whose
// `isolated` and `plain` fields hold the servers' base URLs once started.
export function servers(options = {}) {
  const urls = {};
  const running = [];
  before(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: build the page first (trunk build --release)');
    const isolated = await startServer({ dir: DIST, isolation: true, ...options });
    // A host without the headers, where the service worker does not help either (as in a
    // browser that refuses service workers): the page stays unisolated. deploy.test.mjs tests
    // the service worker itself.
    const noServiceWorker = { '/coi-register.js': { body: '// service worker disabled for this test\n', type: 'text/javascript' } };
    const plain = await startServer({ dir: DIST, isolation: false, routes: noServiceWorker, ...options });
    running.push(isolated, plain);
    urls.isolated = isolated.url;
    urls.plain = plain.url;
  });
  after(async () => {
    for (const server of running) await server.close();
  });
  return urls;
}

// Launches a browser before the file's tests (of a describe block) and closes it after.
export function browserFor(name) {
  const holder = {};
  before(async () => {
    holder.browser = await launch(name);
  });
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}
