// The views as a person uses them: links that run by themselves, the table read by its headers
// and checked against the timeline's record, one lane per unit, bars reachable by keyboard,
// broken links that load with a notice, and screenshots at desktop and phone sizes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, browserFor, servers } from '../lib/harness.mjs';
import { idle, number, ready, table } from '../lib/playground.mjs';

const urls = servers();
const RUN_ALL = '?workload=collatz&numbers=300000&tasks=6&workers=3&modes=sequential,threads,gil,processes,coroutines&run=1';

async function waitForResults(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('table#results tbody tr').length >= n, { polling: 100, timeout: 60000 }, count);
  await idle(page);
}

// Per mode, from the timeline's table: the first task interval's start and the last one's end.
async function recordSpans(page) {
  await page.$$eval('.timeline details.as-table', (all) => all.forEach((d) => { d.open = true; }));
  await page.waitForFunction(() => [...document.querySelectorAll('.timeline .as-table tbody')].every((b) => b.children.length > 0), { polling: 50, timeout: 10000 });
  return page.$$eval('.timeline', (figures) => figures.map((f) => {
    const rows = [...f.querySelectorAll('.as-table tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    const withTask = rows.filter((r) => r[1] !== '–');
    const starts = withTask.map((r) => Number(r[3]));
    const ends = withTask.map((r) => Number(r[3]) + Number(r[4]));
    return { mode: f.dataset.mode, lanes: f.querySelectorAll('.lane').length, first: Math.min(...starts), last: Math.max(...ends) };
  }));
}

for (const name of BROWSERS) {
  describe(`views in ${name}`, () => {
    const holder = browserFor(name);

    it('a link with run=1 runs every mode, and the table matches the record', async () => {
      const { page, errors } = await open(holder.browser, urls.isolated + RUN_ALL);
      await waitForResults(page, 5);
      const t = await table(page);
      assert.equal(t.rows.length, 5);
      const spans = await recordSpans(page);
      const expectedLanes = { sequential: 1, threads: 3, gil: 3, processes: 4, coroutines: 7 };
      for (const span of spans) {
        const r = t.rows.find((x) => x.mode === span.mode);
        const wall = number(r['Wall time (ms)']);
        assert.ok(Math.abs(wall - (span.last - span.first)) < 0.11, `${span.mode}: table ${wall}, record ${span.last - span.first}`);
        assert.equal(span.lanes, expectedLanes[span.mode], `${span.mode} lanes`);
      }
      const seq = number(t.rows[0]['Wall time (ms)']);
      for (const r of t.rows) {
        // The table shows times to 0.1 ms and speedups to 0.01, so allow for that rounding.
        const speedup = number(r.Speedup);
        const wall = number(r['Wall time (ms)']);
        const slack = 0.006 + (seq / wall) * (0.05 / seq + 0.05 / wall);
        assert.ok(Math.abs(speedup - seq / wall) <= slack, `${r.mode} speedup ${speedup}, times ${seq} / ${wall}`);
      }
      // Tasks of 1, 2, ... 6 shares, measured on a fine clock: the summary names the imbalance.
      assert.match(await page.$eval('#summary', (e) => e.textContent), /let 3 workers reach at most \d\.\d\d× .*\(load imbalance\)/);
      // The address keeps the settings (without run=1, so a reload does not run again).
      const address = await page.evaluate(() => location.search);
      assert.match(address, /workload=collatz/);
      assert.doesNotMatch(address, /run=1/);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('a bar can be reached by keyboard and tells what it was', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=50000&tasks=2&modes=sequential&run=1`);
      await waitForResults(page, 1);
      let reached = false;
      for (let i = 0; i < 120 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.classList?.contains('lane-bars') ?? false);
      }
      assert.ok(reached, 'Tab reached a lane of the timeline');
      const details = () => page.$eval('.timeline .details', (e) => e.textContent);
      assert.match(await details(), /^worker: no task, starting up, from 0[.0]* ms for [\d.,]+ ms/, 'focus chose the first bar');
      await page.keyboard.press('ArrowRight');
      assert.match(await details(), /^worker: no task, warming up \(not timed\), from [\d.,]+ ms/, 'the arrow key moved to the next bar');
      await page.keyboard.press('ArrowRight');
      assert.match(await details(), /^worker: task 0, computing, from [\d.,]+ ms for [\d.,]+ ms/);
      await page.keyboard.press('End');
      assert.match(await details(), /^worker: task 1, computing/);
      assert.equal(await page.$$eval('.timeline rect.chosen', (r) => r.length), 1, 'the chosen bar is outlined');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('the sweep plots speedup against workers with an Amdahl fit, and cores can be counted', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=hashes&chains=16&rounds=4000&tasks=8&workers=2`);
      await ready(page);
      await page.waitForFunction(() => !document.querySelector('#sweep').disabled, { polling: 100, timeout: 30000 });
      await page.click('#sweep');
      await page.waitForFunction(() => document.querySelector('#sweep-fits') && !document.querySelector('.progress'), { polling: 100, timeout: 60000 });
      const points = await page.$$eval('.sweep-table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
      assert.deepEqual(points.map((p) => [p[0], p[1]]), [['Threads', '1'], ['Threads', '2'], ['Processes', '1'], ['Processes', '2']]);
      assert.ok(points.every((p) => Number(p[2].replace('×', '')) > 0));
      assert.match(await page.$eval('#sweep-fits', (e) => e.textContent), /Threads: parallel fraction p = [01]\.\d{3}/);
      assert.equal(await page.$$eval('.sweep-chart circle', (c) => c.length), 4);
      await page.click('#measure-cores');
      await page.waitForFunction(() => /^\d+\.\d \(of \d+ workers/.test(document.querySelector('#cores-measured').textContent), { polling: 100, timeout: 30000 });
      const cores = parseFloat(await page.$eval('#cores-measured', (e) => e.textContent));
      assert.ok(cores > 0.5 && cores < 64, `measured ${cores} cores`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    const broken = [
      ['limit=abc', 'limit'],
      ['tasks=-1&workers=1000', 'tasks'],
      ['colour=red', 'colour'],
      ['workload=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'workload'],
      [`limit=${'9'.repeat(5000)}`, 'limit'],
      ['modes=', 'modes'],
      ['switch_ms=NaN', 'switch_ms'],
      ['limit=%E0%A4%A', 'limit'],
      ['v=2', 'v'],
      ['workload=mandelbrot&width=4000&height=4000', 'height'],
      ['<b>bold</b>=1', '<b>bold</b>'],
    ];
    it('broken links load with a notice that names the setting', async () => {
      const { page, errors } = await open(holder.browser, urls.plain);
      page.on('dialog', () => assert.fail('a link opened a dialog'));
      for (const [query, setting] of broken) {
        await page.goto(`${urls.plain}?${query}`);
        await page.waitForSelector('.notices li', { timeout: 20000 });
        const notices = await page.$$eval('.notices li', (items) => items.map((li) => [li.dataset.setting, li.textContent]));
        assert.ok(notices.some(([s]) => s === setting), `${query}: ${JSON.stringify(notices)}`);
        assert.ok(notices.every(([, text]) => text.length < 400));
        assert.equal(await page.$('.notices b'), null, 'markup in a link is shown as text');
        // Run is enabled once the page has measured the machine.
        await page.waitForFunction(() => !document.querySelector('#run').disabled, { polling: 100, timeout: 20000 });
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('looks right at desktop and phone sizes', async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const [width, height] of [[1280, 900], [390, 844]]) {
        const { page, errors } = await open(holder.browser, urls.isolated + RUN_ALL, { width, height });
        await waitForResults(page, 5);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `the page is ${overflow}px wider than a ${width}px screen`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}x${height}.png`), fullPage: true });
        assert.deepEqual(errors, []);
        await page.close();
      }
    });
  });
}
