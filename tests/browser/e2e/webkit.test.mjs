// WebKitGTK as it comes (`webkit-default`): cross-origin isolated with the headers, but without
// SharedArrayBuffer (Safari before 15.2 is the same). The other test files run WebKit with
// SharedArrayBuffer, as Safari 15.2+; here the page must name the missing SharedArrayBuffer, not
// the headers, and still run every other mode. Also: the cores WebKit reports are a fixed
// figure, so the page shows the count it measured beside them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
const SMALL = '?workload=primes&limit=200000&tasks=4&workers=2';
const skip = BROWSERS.includes('webkit') ? false : 'WebKit is not among CP_BROWSERS';

describe('WebKit without SharedArrayBuffer (WebKitGTK as it comes)', { skip }, () => {
  const holder = browserFor('webkit-default');

  it('isolated, names the missing SharedArrayBuffer and runs every other mode', async () => {
    const { page, errors } = await open(holder.browser, urls.isolated + SMALL);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'undefined');
    assert.equal(await page.$eval('#threads-available', (e) => e.dataset.support), 'NoSharedArrayBuffer');
    const reason = await page.$eval('#threads-available', (e) => e.textContent);
    assert.match(reason, /SharedArrayBuffer/);
    assert.match(reason, /headers are right/);
    assert.doesNotMatch(reason, /this server does not/);
    assert.match(await page.$eval('#isolated', (e) => e.textContent), /^yes/);
    assert.match(await page.$eval('#shared-memory', (e) => e.textContent), /^yes, but .*no SharedArrayBuffer/);
    await ready(page);
    await run(page);
    const t = await table(page);
    const ran = t.rows.filter((r) => !r.failed);
    assert.deepEqual(ran.map((r) => r.mode), ['sequential', 'processes', 'coroutines']);
    assert.equal(new Set(ran.map((r) => r.checksum)).size, 1);
    for (const mode of ['threads', 'gil']) {
      const row = t.rows.find((r) => r.mode === mode);
      assert.ok(row.failed, `${mode} is shown as unavailable`);
      assert.match(row.cells[1], /^Unavailable: .*SharedArrayBuffer/);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('reports the page\'s own errors to the test, as the other drivers do', async () => {
    const { page, errors } = await open(holder.browser, urls.plain + SMALL);
    await page.evaluate(() => {
      console.error('an error on purpose');
      setTimeout(() => { throw new Error('thrown on purpose'); });
      Promise.reject(new Error('rejected on purpose'));
    });
    await new Promise((r) => setTimeout(r, 200));
    await page.evaluate(() => null);
    assert.equal(errors.length, 3, errors.join('; '));
    for (const expected of [/^console error: an error on purpose$/, /^uncaught: (Error: )?thrown on purpose$/, /^uncaught: rejected on purpose$/]) {
      assert.ok(errors.some((e) => expected.test(e)), `${expected} in ${errors.join('; ')}`);
    }
    await page.close();
  });

  it('not isolated, names the headers', async () => {
    const { page, errors } = await open(holder.browser, urls.plain + SMALL);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
    assert.equal(await page.$eval('#threads-available', (e) => e.dataset.support), 'NotIsolated { in_frame: false }');
    assert.match(await page.$eval('#threads-available', (e) => e.textContent), /cross-origin isolation headers/);
    await ready(page);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
