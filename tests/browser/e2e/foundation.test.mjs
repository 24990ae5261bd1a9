// The foundation, as a person uses it: the page loads served with and without cross-origin
// isolation, runs the modes, agrees on the result, keeps painting while it runs, explains why
// threads are unavailable without isolation, can be cancelled, and rejects bad input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { FRAME_GAP_BOUND_MS, fieldError, idle, number, ready, run, table, type } from '../lib/playground.mjs';

const urls = servers();
const SMALL = '?workload=primes&limit=300000&tasks=8&workers=2';

for (const name of BROWSERS) {
  describe(`foundation in ${name}`, () => {
    const holder = browserFor(name);

    it('runs every mode with isolation and every result agrees', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated + SMALL);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
      await ready(page);
      await run(page);
      const t = await table(page);
      assert.deepEqual(t.headers.slice(0, 7), ['Mode', 'Workers', 'Wall time (ms)', 'Speedup', 'Efficiency', 'Start-up (ms)', 'Speedup with start-up']);
      assert.deepEqual(t.rows.map((r) => r.mode), ['sequential', 'threads', 'gil', 'processes', 'coroutines']);
      const checksums = new Set(t.rows.map((r) => r.checksum));
      assert.equal(checksums.size, 1, `one checksum for all modes: ${[...checksums]}`);
      for (const row of t.rows) {
        assert.ok(number(row['Wall time (ms)']) > 0, `${row.mode} has a wall time`);
        assert.match(row.Result, row.mode === 'sequential' ? /✓ the 4 other modes agree/ : /✓ same as Sequential/);
      }
      assert.match(await page.$eval('#summary', (e) => e.textContent), /The 5 modes that ran computed the same result/);
      assert.equal(t.rows.find((r) => r.mode === 'threads').Workers, '2');
      assert.match(await page.$eval('#isolated', (e) => e.textContent), /^yes/);
      const lanes = await page.$$eval('.timeline[data-mode="threads"] .lane', (l) => l.length);
      assert.equal(lanes, 2, 'one lane per thread');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('keeps painting through a 2-second run in workers', async () => {
      // Sequential alone computes for about 2 s here; a page thread blocked for any part of it
      // would leave a gap far over the bound.
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=9000000&tasks=8&workers=2&modes=sequential,processes`);
      await ready(page);
      await run(page);
      const t = await table(page);
      const sequential = t.rows.find((r) => r.mode === 'sequential');
      assert.ok(number(sequential['Wall time (ms)']) >= 1500, `the run lasted ${sequential['Wall time (ms)']} ms`);
      for (const row of t.rows) {
        assert.ok(number(row['Longest frame gap (ms)']) < FRAME_GAP_BOUND_MS, `${row.mode} held up the page: ${row['Longest frame gap (ms)']} ms`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('without isolation runs the other modes and says why threads cannot run', async () => {
      const { page, errors } = await open(holder.browser, urls.plain + SMALL);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
      const reason = await page.$eval('#threads-available', (e) => e.textContent);
      assert.match(reason, /cross-origin isolation headers/);
      await ready(page);
      await run(page);
      const t = await table(page);
      const ran = t.rows.filter((r) => !r.failed);
      assert.deepEqual(ran.map((r) => r.mode), ['sequential', 'processes', 'coroutines']);
      assert.equal(new Set(ran.map((r) => r.checksum)).size, 1);
      assert.match(await page.$eval('#summary', (e) => e.textContent), /The 3 modes that ran computed the same result/);
      for (const mode of ['threads', 'gil']) {
        const row = t.rows.find((r) => r.mode === mode);
        assert.ok(row.failed, `${mode} is shown as unavailable`);
        assert.match(row.cells[1], /^Unavailable: .*isolation/);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('cancels a long run, and the next run works', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=60000000&tasks=16&modes=threads,sequential&workers=2`);
      await ready(page);
      await page.click('#run');
      await page.waitForFunction(() => !document.querySelector('#cancel').disabled, { polling: 50, timeout: 30000 });
      await new Promise((r) => setTimeout(r, 1500));
      const clicked = Date.now();
      await page.click('#cancel');
      await idle(page, 10000);
      assert.ok(Date.now() - clicked < 10000);
      assert.match(await page.$eval('.run-message', (e) => e.textContent), /Cancelled/);
      await type(page, 'limit', '200000');
      await run(page);
      const t = await table(page);
      assert.equal(t.rows.filter((r) => !r.failed).length, 2);
      // Threads is compared with Sequential, which ran after it.
      assert.match(t.rows.find((r) => r.mode === 'threads').Result, /✓ same as Sequential/);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('rejects bad input next to the field and does not run', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated);
      await ready(page);
      const cases = [
        ['limit', '', /limit: it is empty/],
        ['limit', '-5', /negative/],
        ['limit', 'abc', /not a whole number/],
        ['limit', '1000000000000000', /too large; it takes a whole number from 2 to 100,000,000/],
        ['tasks', '0', /too small/],
        ['workers', '1000', /workers: "1000" is too large; it takes a whole number from 1 to 64/],
      ];
      for (const [field, text, expected] of cases) {
        await type(page, field, text);
        const message = await fieldError(page, field);
        assert.match(message ?? '', expected, `${field}=${JSON.stringify(text)}`);
        assert.equal(await page.$eval('#run', (b) => b.disabled), true, 'Run is disabled');
        await type(page, field, field === 'limit' ? '2000000' : field === 'tasks' ? '8' : '2');
        assert.equal(await fieldError(page, field), null);
      }
      assert.equal(await page.$('table#results'), null, 'nothing ran');
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
