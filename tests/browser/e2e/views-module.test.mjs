// The page's two wasm modules: the first load fetches only the main one; a link to a view the
// views module holds fetches it from views/, and the page it mounts runs every mode (its
// workers start from views/ too); a views module that cannot start is reported on the page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
// The compare view is the main lab (with a classmate's box) in the views module, which lets
// this file run every mode inside the views module.
const IN_VIEWS = '?compare=1&workload=primes&limit=300000&tasks=8&workers=2';
const broken = servers({
  routes: {
    '/views/concurrency-playground-views.js': {
      body: "export default function () { throw new Error('the test broke the views module'); }\n",
      type: 'text/javascript',
    },
  },
});

const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

for (const name of BROWSERS) {
  describe(`views module in ${name}`, () => {
    const holder = browserFor(name);

    it('the main lab does not fetch the views module', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated);
      await ready(page);
      const paths = await fetched(page);
      assert.ok(paths.some((p) => p.endsWith('_bg.wasm')), `the main module loaded: ${paths}`);
      assert.ok(!paths.some((p) => p.includes('/views/')), `nothing from views/: ${paths}`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('a view of the views module fetches it, and every mode runs there', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated + IN_VIEWS);
      await ready(page);
      const paths = await fetched(page);
      assert.ok(paths.includes('/views/concurrency-playground-views_bg.wasm'), `the views module loaded: ${paths}`);
      await run(page);
      const t = await table(page);
      assert.deepEqual(t.rows.map((r) => r.mode), ['sequential', 'threads', 'gil', 'processes', 'coroutines']);
      assert.equal(new Set(t.rows.map((r) => r.checksum)).size, 1, 'every mode computed the same result');
      const workers = (await fetched(page)).filter((p) => p.endsWith('-worker.js') || p.endsWith('pool-thread.js'));
      assert.ok(workers.length > 0 && workers.every((p) => p.startsWith('/views/')), `the workers started from views/: ${workers}`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('a views module that cannot start is reported where the page would be', async () => {
      const { page, errors } = await open(holder.browser, broken.isolated + IN_VIEWS, { waitFor: false });
      await page.waitForFunction(() => document.querySelector('#app[role="alert"]'), { polling: 100, timeout: 30000 });
      const text = await page.$eval('#app', (e) => e.textContent);
      assert.match(text, /This part of the playground could not load/);
      assert.match(text, /the test broke the views module/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
