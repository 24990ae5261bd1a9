// The engine's behaviour as the page shows it: the lecture's shapes (with generous bounds, not
// speed tests), faults in workers reported with the page still working, and runs on the page's
// own main thread measured as the freeze they are.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { number, ready, run, table } from '../lib/playground.mjs';

const urls = servers();
const row = (t, mode) => t.rows.find((r) => r.mode === mode);
const PANIC = [/panicked/, /unreachable/i, /RuntimeError/];

for (const name of BROWSERS) {
  describe(`engine in ${name}`, () => {
    const holder = browserFor(name);

    it('overlaps IO in threads under the GIL and in coroutines', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=downloads&tasks=8&latency_ms=150&workers=8&modes=sequential,gil,coroutines`);
      await ready(page);
      await run(page);
      const t = await table(page);
      // Sequentially 8 waits of 150 ms take 1.2 s; overlapped they take about 150 ms.
      assert.ok(number(row(t, 'sequential')['Wall time (ms)']) >= 1150);
      for (const mode of ['gil', 'coroutines']) {
        assert.ok(number(row(t, mode)['Wall time (ms)']) < 700, `${mode} overlapped its waits: ${row(t, mode)['Wall time (ms)']}`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('records GIL waits and hand-overs for CPU-bound threads', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=hashes&tasks=4&chains=8&rounds=20000&workers=2&modes=gil&switch_ms=1`);
      await ready(page);
      await run(page);
      const t = await table(page);
      assert.match(row(t, 'gil').Result, /\d+ GIL hand-overs/);
      const waits = await page.$$eval('.timeline[data-mode="gil"] path.gil-wait', (paths) => paths.map((p) => p.getAttribute('d').split('M').length - 1));
      assert.ok(waits.length > 0 && waits.every((n) => n > 0), 'the waits for the GIL are drawn');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('reports a task that fails and keeps working', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&modes=sequential,threads,processes,coroutines&fault=error@2`);
      await ready(page);
      await run(page);
      const t = await table(page);
      for (const r of t.rows) {
        assert.ok(r.failed, `${r.mode} failed`);
        assert.match(r.cells[1], /task 2 failed: an injected error/);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('reports a panic in a pool thread, then runs again', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&workers=2&modes=threads,gil&fault=panic@1`, { allowed: PANIC });
      await ready(page);
      await run(page);
      const t = await table(page);
      for (const mode of ['threads', 'gil']) {
        assert.ok(row(t, mode).failed);
        assert.match(row(t, mode).cells[1], /crashed: .*task 1 panicked: an injected fault/);
      }
      assert.deepEqual(errors, []);
      // The page keeps working: the same modes run cleanly without the fault.
      await page.goto(`${urls.isolated}?workload=primes&limit=100000&tasks=4&workers=2&modes=threads,gil`);
      await ready(page);
      await run(page);
      const again = await table(page);
      assert.ok(again.rows.every((r) => !r.failed));
      await page.close();
    });

    it('reports a crashed process and runs again with new ones', async () => {
      const { page, errors } = await open(holder.browser, `${urls.plain}?workload=primes&limit=100000&tasks=4&workers=2&modes=processes,sequential&fault=panic@3`, { allowed: PANIC });
      await ready(page);
      await run(page);
      let t = await table(page);
      assert.ok(row(t, 'processes').failed);
      assert.match(row(t, 'processes').cells[1], /A worker crashed: .*task 3 panicked/);
      assert.ok(row(t, 'sequential').failed);
      assert.deepEqual(errors, []);
      await page.goto(`${urls.plain}?workload=primes&limit=100000&tasks=4&workers=2&modes=processes,sequential`);
      await ready(page);
      await run(page);
      t = await table(page);
      assert.ok(t.rows.every((r) => !r.failed));
      await page.close();
    });

    it('on the main thread, measures the freeze it causes', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=hashes&chains=16&rounds=20000&tasks=4&modes=sequential,coroutines&main_thread=1`);
      await ready(page);
      assert.match(await page.$eval('.main-thread .warning', (e) => e.textContent), /will not answer/);
      await run(page);
      const t = await table(page);
      for (const mode of ['sequential', 'coroutines']) {
        const r = row(t, mode);
        assert.match(r.cells[0], /main thread/);
        // The page could not paint while it computed on its own thread.
        const wall = number(r['Wall time (ms)']);
        assert.ok(number(r['Longest frame gap (ms)']) >= wall * 0.5, `${mode}: gap ${r['Longest frame gap (ms)']} for a ${wall} ms run`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('never starts a main-thread run from a link', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=10000&modes=sequential&main_thread=1&run=1`);
      await ready(page);
      await page.waitForFunction(() => document.querySelector('.notices [data-setting="run"]'), { polling: 100, timeout: 20000 });
      assert.match(await page.$eval('.notices [data-setting="run"]', (e) => e.textContent), /main thread/);
      assert.equal(await page.$('table#results'), null);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
