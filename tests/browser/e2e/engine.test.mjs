// The engine's behaviour as the page shows it: the lecture's shapes (with generous bounds, not
// speed tests), faults in workers reported with the page still working, and runs on the page's
// own main thread measured as the freeze they are.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { FRAME_GAP_BOUND_MS, number, openWithFaults, ready, run, table, type } from '../lib/playground.mjs';

const urls = servers();
const row = (t, mode) => t.rows.find((r) => r.mode === mode);
const PANIC = [/panicked/, /unreachable/i, /RuntimeError/];

// Per unit, the computing intervals of a mode's timeline, read from its table: [start, end] ms.
async function computeIntervals(page, mode) {
  const selector = `.timeline[data-mode="${mode}"] details.as-table`;
  await page.$eval(selector, (d) => { d.open = true; });
  await page.waitForFunction((sel) => document.querySelector(`${sel} tbody`)?.children.length > 0, { polling: 50, timeout: 10000 }, selector);
  return page.$eval(selector, (d) => {
    const units = {};
    for (const tr of d.querySelectorAll('tbody tr')) {
      const [unit, , doing, start, duration] = [...tr.children].map((td) => td.textContent);
      if (doing !== 'computing') continue;
      (units[unit] ??= []).push([Number(start), Number(start) + Number(duration)]);
    }
    return units;
  });
}

// The longest stretch during which two different units computed at once, ms.
function longestOverlap(units) {
  let longest = 0;
  const names = Object.keys(units);
  for (const [i, a] of names.entries()) {
    for (const b of names.slice(i + 1)) {
      for (const [s1, e1] of units[a]) {
        for (const [s2, e2] of units[b]) longest = Math.max(longest, Math.min(e1, e2) - Math.max(s1, s2));
      }
    }
  }
  return longest;
}

// Runs `url` up to three times until `holds(table, cores)`, since the machine may be busy, where
// `cores` is the fewer of what the page measured when it opened and right after the run (its
// machine panel's "Cores measured": how many workers spinning at once ran at full speed).
// Returns the last table and that count.
async function upToThreeTries(browser, url, holds) {
  let t;
  let cores;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const { page, errors } = await open(browser, url);
    await ready(page);
    await page.waitForFunction(() => /^\d/.test(document.querySelector('#cores-measured')?.textContent ?? ''), { polling: 100, timeout: 30000 });
    cores = number((await page.$eval('#cores-measured', (e) => e.textContent)).split('(')[0]);
    await run(page);
    t = await table(page);
    // Measured again after the run: a machine that became busier while it ran has fewer cores
    // free than the page measured when it opened, and the fewer of the two is what the run had.
    await page.click('#measure-cores');
    await new Promise((r) => setTimeout(r, 100));
    await page.waitForFunction(() => !document.querySelector('#measure-cores').disabled && /^\d/.test(document.querySelector('#cores-measured').textContent), { polling: 100, timeout: 30000 });
    cores = Math.min(cores, number((await page.$eval('#cores-measured', (e) => e.textContent)).split('(')[0]));
    assert.deepEqual(errors, []);
    await page.close();
    if (holds(t, cores)) break;
  }
  return { t, cores };
}

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

    it('threads compute at the same time, and under the GIL never', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=hashes&tasks=8&chains=8&rounds=20000&workers=2&modes=threads,gil`);
      await ready(page);
      await run(page);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      // Table times have 3 decimals, and pool threads read one clock within about 0.01 ms.
      const gil = longestOverlap(await computeIntervals(page, 'gil'));
      assert.ok(gil <= 0.05, `two threads computed together for ${gil} ms under the GIL`);
      if (cores >= 2) {
        const threads = longestOverlap(await computeIntervals(page, 'threads'));
        assert.ok(threads > 1, `without a GIL two threads overlapped only ${threads} ms`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('shows the lecture\'s shapes on two or more cores', async (context) => {
      // The one test that looks at speed: it guards the page's central claim, with generous
      // margins, not a performance target.
      const probe = await open(holder.browser, urls.isolated);
      const cores = await probe.page.evaluate(() => navigator.hardwareConcurrency);
      await probe.page.close();
      if (cores < 2) {
        context.skip(`the browser reports ${cores} core: threads and processes cannot run in parallel`);
        return;
      }
      const speedup = (t, mode) => number(row(t, mode).Speedup);
      // Two workers can run at once only as far as the machine has cores free: on an idle
      // machine the page measures about 2 and the bar is 1.3x; with another program keeping a
      // core busy it measures less, and the bar for Threads and Processes falls with it
      // (0.65 x the cores measured, at most 1.3x). Under the GIL, threads never speed up.
      const bar = (cores) => Math.min(1.3, 0.65 * cores);
      const shapes = (t, cores) => speedup(t, 'threads') > bar(cores) && speedup(t, 'gil') < 1.2 && speedup(t, 'processes') > bar(cores);
      const { t, cores: measured } = await upToThreeTries(holder.browser, `${urls.isolated}?workload=primes&limit=3000000&tasks=8&workers=2&modes=sequential,threads,gil,processes`, shapes);
      const seen = ['threads', 'gil', 'processes'].map((m) => `${m} ${row(t, m).Speedup}`).join(', ');
      assert.ok(shapes(t, measured), `three tries without the lecture's shapes: ${seen} (cores measured ${measured}, so more than ${bar(measured).toFixed(2)}x was expected)`);
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

    it('ignores a fault in a plain link, with a notice', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&modes=sequential,threads&fault=error@2`);
      await ready(page);
      assert.match(await page.$eval('.notices [data-setting="fault"]', (e) => e.textContent), /ignored/);
      await run(page);
      const t = await table(page);
      assert.ok(t.rows.every((r) => !r.failed), 'no task failed');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('reports a task that fails and keeps working', async () => {
      const { page, errors } = await openWithFaults(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&modes=sequential,threads,processes,coroutines&fault=error@2`);
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
      const { page, errors } = await openWithFaults(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&workers=2&modes=threads,gil&fault=panic@1`, { allowed: PANIC });
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
      const { page, errors } = await openWithFaults(holder.browser, `${urls.plain}?workload=primes&limit=100000&tasks=4&workers=2&modes=processes,sequential&fault=panic@3`, { allowed: PANIC });
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
      // The work is sized from this page's own calibration (the hash speed the machine panel
      // shows), so that each mode freezes the page for over a second on any machine: long
      // enough to show a freeze (2 x FRAME_GAP_BOUND_MS) even where the calibration ran slower
      // than the run (a busy machine, code not yet optimized), and both modes together within
      // the 3 s main-thread cap. Should the page still estimate the freeze over its cap, the
      // work shrinks by a fifth until Run is allowed: the test never depends on the machine's
      // speed.
      const chains = 16;
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=hashes&chains=${chains}&rounds=1000&tasks=4&modes=sequential,coroutines&main_thread=1`);
      await ready(page);
      const speed = await page.$eval('#calibration', (e) => e.textContent);
      assert.match(speed, /SHA-256 rounds per ms/, `the page measured its hash speed: ${speed}`);
      const perMs = number(speed.split('SHA-256')[0]);
      let refused = '';
      for (let perMode = 1150; perMode > 300; perMode *= 0.8) {
        const rounds = Math.max(1000, Math.round((perMode * perMs) / chains));
        await type(page, 'rounds', String(rounds));
        await page.waitForFunction((r) => new URLSearchParams(location.search).get('rounds') === String(r), { polling: 50, timeout: 10000 }, rounds);
        refused = await page.$eval('[name="main_thread"]', (e) => e.closest('.field').querySelector('.error')?.textContent ?? '');
        if (!refused) break;
      }
      assert.equal(refused, '', 'the freeze is within the main-thread cap');
      assert.match(await page.$eval('.main-thread .warning', (e) => e.textContent), /will not answer/);
      await run(page);
      const t = await table(page);
      for (const mode of ['sequential', 'coroutines']) {
        const r = row(t, mode);
        assert.match(r.cells[0], /main thread/);
        // The page could not paint while it computed on its own thread.
        const wall = number(r['Wall time (ms)']);
        const gap = number(r['Longest frame gap (ms)']);
        assert.ok(wall >= 2 * FRAME_GAP_BOUND_MS, `${mode} ran ${wall} ms, too short to show a freeze`);
        assert.ok(gap >= wall * 0.5 && gap > FRAME_GAP_BOUND_MS, `${mode}: gap ${gap} for a ${wall} ms run`);
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
