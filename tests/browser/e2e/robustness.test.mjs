// Robustness, as a student's tab lives through it (issue 17): hostile links from the generated
// corpus (tests/browser/hostile-links.json) each give a visible notice naming the setting and
// inject nothing; runs cancelled at random moments across modes and workloads leave no worker
// behind, keep the page's wasm memory bounded, and are followed by a run with the right
// checksum; a task that fails and one that panics, in every mode, give a message and the next
// run works; many runs in one page keep workers and memory bounded; the largest accepted
// settings start, stay within bounds for a few seconds, and cancel. The page counts its own
// workers and memory (`wasmBindings.cp_diagnostics()`, src/web/diagnostics.rs).
//
// Short by default (scripts/test): 12 links, 4 cancels, 8 runs, one fault per mode (error and
// panic alternating), and half of the largest settings; CP_ROBUST_FULL=1 runs the full form
// (scripts/robustness): every link of the sample, 50 cancels, 200 runs, both faults in every
// mode, every largest setting. Each browser's figures go to
// artifacts/robustness-<browser>.json, which scripts/robustness prints as a table.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, ROOT, browserFor, servers } from '../lib/harness.mjs';
import { idle, openWithFaults, ready, run, table } from '../lib/playground.mjs';

const urls = servers();
const FULL = process.env.CP_ROBUST_FULL === '1';
const COUNT = FULL ? { links: Infinity, cancels: 50, runs: 200 } : { links: 12, cancels: 4, runs: 8 };
const POLL = { polling: 50 };
const LINKS = JSON.parse(readFileSync(join(ROOT, 'tests', 'browser', 'hostile-links.json'), 'utf8'));
const CHECKSUMS = JSON.parse(readFileSync(join(ROOT, 'tests', 'browser', 'expected-checksums.json'), 'utf8'));
const MODES = ['sequential', 'threads', 'gil', 'processes', 'coroutines'];
const PANIC = [/panicked|injected fault|RuntimeError|unreachable/i];
const MiB = 1024 * 1024;

// A deterministic random sequence, so that a failure can be replayed (CP_ROBUST_SEED).
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}
const SEED = Number(process.env.CP_ROBUST_SEED ?? 20261203);

// Every `step`-th link, so that a short sample still spans every kind of hostility.
function sample(links, count) {
  if (count >= links.length) return links;
  const step = links.length / count;
  return Array.from({ length: count }, (_, i) => links[Math.floor(i * step)]);
}

// A name or value of the sample: text, or a long repeat kept as its unit and count.
const text = (x) => (typeof x === 'string' ? x : x.repeat.repeat(x.times));
const query = (pairs) => pairs.map(([k, v]) => `${encodeURIComponent(text(k))}=${encodeURIComponent(text(v))}`).join('&');

// What the page says of itself: workers started and ended, and its wasm memory, added up over
// its two modules (the views module's once one of its views opened).
async function diagnostics(page) {
  return page.evaluate(() => [window.wasmBindings, window.cpViewsBindings]
    .filter((b) => b?.cp_diagnostics)
    .map((b) => b.cp_diagnostics())
    .reduce((a, d) => ({ started: a.started + d.workersStarted, ended: a.ended + d.workersEnded, memory: a.memory + d.memoryBytes }), { started: 0, ended: 0, memory: 0 }));
}

// Waits until every worker the page started has been ended (the page ends a mode's workers
// after they answer, or after 2 s: src/web/between_modes.rs).
async function noWorkerLeft(page, timeout = 10000) {
  await page.waitForFunction(() => {
    const all = [window.wasmBindings, window.cpViewsBindings].filter((b) => b?.cp_diagnostics).map((b) => b.cp_diagnostics());
    return all.every((d) => d.workersStarted === d.workersEnded);
  }, { ...POLL, timeout }).catch(() => {});
  return diagnostics(page);
}

// Sets the form as a person would, one setting at a time (the workload first, so that its
// own fields are there), waiting for the page to take each.
async function setSettings(page, text) {
  const pairs = [...new URLSearchParams(text)];
  const order = (n) => (n === 'workload' ? 0 : n === 'modes' ? 1 : 2);
  pairs.sort((a, b) => order(a[0]) - order(b[0]));
  for (const [name, value] of pairs) {
    if (name === 'modes') {
      const wanted = value.split(',');
      for (const mode of MODES) {
        const changed = await page.evaluate((m, on) => {
          const box = document.querySelector(`#mode-${m}`);
          if (!box || box.checked === on) return false;
          box.checked = on;
          box.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        }, mode, wanted.includes(mode));
        if (changed) await page.waitForFunction((m, on) => document.querySelector(`#mode-${m}`).checked === on, { ...POLL, timeout: 5000 }, mode, wanted.includes(mode));
      }
      continue;
    }
    await page.evaluate((n, v) => {
      const el = document.querySelector(`[name="${n}"]`);
      // The form shows workers only for the modes that have them.
      if (!el && n === 'workers') return;
      if (!el) throw new Error(`no field ${n}`);
      el.value = v;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }, name, value);
    await page.waitForFunction((n, v) => { const el = document.querySelector(`[name="${n}"]`); return !el || el.value === v; }, { ...POLL, timeout: 5000 }, name, value);
  }
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 10000 });
}

// Presses a button if it is enabled, in one step in the page (the page may redraw it between a
// driver's finding it and clicking it). Returns whether it was pressed.
async function press(page, selector) {
  return page.evaluate((sel) => {
    const button = document.querySelector(sel);
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }, selector);
}

// Writes this browser's figures; a run of some of the tests (--test-name-pattern) keeps the
// figures of the others from an earlier run of the same form and seed, and says when each was
// measured.
function save(name, figures) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `robustness-${name}.json`);
  let earlier = {};
  try {
    earlier = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    earlier = {};
  }
  const same = earlier.full === FULL && earlier.seed === SEED;
  const measured = { ...(same ? earlier.measured : {}) };
  for (const key of Object.keys(figures)) measured[key] = new Date().toISOString().slice(0, 16);
  const all = { ...(same ? earlier : {}), full: FULL, seed: SEED, ...figures, measured };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

for (const name of BROWSERS) {
  describe(`robustness in ${name}`, () => {
    const holder = browserFor(name);
    const figures = { browser: name };
    after(() => save(name, figures));

    it('hostile links: a visible notice naming the setting, nothing injected, no error', async () => {
      const links = sample(LINKS, COUNT.links);
      const { page, errors } = await open(holder.browser, urls.isolated);
      const baseline = await page.evaluate(() => document.querySelectorAll('script, iframe, object, embed, img').length);
      let injected = 0;
      let longest = 0;
      for (const link of links) {
        await page.goto(`${urls.isolated}?${query(link.pairs)}`, { waitUntil: 'load' });
        await page.waitForSelector('#run', { timeout: 30000 });
        const seen = await page.evaluate((setting) => {
          const notice = [...document.querySelectorAll('.notices [data-setting]')].find((n) => n.dataset.setting === setting);
          const box = notice?.getBoundingClientRect();
          return {
            notice: Boolean(notice && box.width > 0 && box.height > 0),
            longest: Math.max(0, ...[...document.querySelectorAll('.notices li')].map((n) => n.textContent.length)),
            added: document.querySelectorAll('script, iframe, object, embed, img').length,
            handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
          };
        }, link.notice);
        assert.ok(seen.notice, `${JSON.stringify(link.pairs).slice(0, 200)}: a visible notice naming ${link.notice}`);
        longest = Math.max(longest, query(link.pairs).length);
        assert.ok(seen.longest <= 400, `a notice of ${seen.longest} characters echoes the value`);
        if (seen.added !== baseline || seen.handlers > 0) injected += 1;
      }
      figures.links = links.length;
      figures.longestLink = longest;
      figures.injections = injected;
      figures.linkErrors = errors.length;
      assert.equal(injected, 0, 'elements or handlers injected');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('runs cancelled at random moments leave no worker behind, and the next run is right', async () => {
      const next = random(SEED);
      const works = Object.keys(CHECKSUMS).filter((w) => !w.includes('convoy'));
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&tasks=5&limit=100000`);
      await ready(page);
      // One whole run of every workload first: the memory the largest of them needs.
      for (const work of works) {
        await setSettings(page, `${work}&modes=${MODES.join(',')}&workers=2`);
        await run(page);
      }
      const before = await noWorkerLeft(page);
      let cancelled = 0;
      for (let i = 0; i < COUNT.cancels; i++) {
        const work = works[Math.floor(next() * works.length)];
        const modes = MODES.filter(() => next() < 0.6);
        if (!modes.length) modes.push(MODES[Math.floor(next() * MODES.length)]);
        await setSettings(page, `${work}&modes=${modes.join(',')}&workers=${1 + Math.floor(next() * 4)}`);
        await press(page, '#run');
        await new Promise((r) => setTimeout(r, Math.floor(next() * 400)));
        if (await press(page, '#cancel')) cancelled += 1;
        await idle(page, 30000);
      }
      const afterCancels = await noWorkerLeft(page);
      await setSettings(page, `workload=primes&tasks=5&limit=100000&modes=${MODES.join(',')}&workers=2`);
      await run(page);
      const t = await table(page);
      for (const row of t.rows) {
        assert.ok(!row.failed, `${row.mode} ran`);
        assert.equal(row.checksum, CHECKSUMS['workload=primes&tasks=5&limit=100000'], `${row.mode}'s checksum`);
      }
      const end = await noWorkerLeft(page);
      Object.assign(figures, {
        cancelsTried: COUNT.cancels,
        cancelled,
        workersStarted: end.started,
        workersLeft: end.started - end.ended,
        memoryBeforeCancels: before.memory,
        memoryAfterCancels: afterCancels.memory,
        memoryEnd: end.memory,
      });
      assert.equal(end.started - end.ended, 0, `workers left: ${JSON.stringify(end)}`);
      assert.ok(end.memory <= before.memory + 16 * MiB, `memory grew from ${before.memory} to ${end.memory}`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('a task that fails, and one that panics, in every mode: a message, and the next run works', async () => {
      for (const fault of ['error@2', 'panic@2']) {
        for (const mode of MODES.filter((_, i) => FULL || (i % 2 === 0) === (fault === 'error@2'))) {
          const { page, errors } = await openWithFaults(holder.browser, `${urls.isolated}?workload=primes&limit=100000&tasks=4&workers=2&modes=${mode}&fault=${fault}`, { allowed: PANIC });
          await ready(page);
          await run(page);
          let t = await table(page);
          assert.ok(t.rows[0].failed, `${mode} with ${fault} failed`);
          assert.match(t.rows[0].cells[1], /task 2 (failed|panicked)/, `${mode} with ${fault}: ${t.rows[0].cells[1]}`);
          // The same tab runs the same mode again, from a link without the fault.
          await page.goto(`${urls.isolated}?workload=primes&limit=100000&tasks=4&workers=2&modes=${mode}`);
          await ready(page);
          await run(page);
          t = await table(page);
          assert.ok(!t.rows[0].failed, `${mode} runs again after ${fault}`);
          assert.match(t.rows[0].checksum ?? '', /^[0-9a-f]{16}$/);
          assert.deepEqual(errors.filter((e) => !PANIC.some((p) => p.test(e))), []);
          await page.close();
        }
      }
      figures.faults = FULL ? MODES.length * 2 : MODES.length;
    });

    it('many runs in one page keep workers and memory bounded', async () => {
      const next = random(SEED + 1);
      const works = ['workload=primes&tasks=5&limit=100000', 'workload=hashes&tasks=4&chains=12&rounds=500&seed=7', 'workload=downloads&tasks=6&latency_ms=20&jitter_ms=10&seed=3', 'workload=mandelbrot&tasks=6&width=120&height=90&iterations=200'];
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&tasks=5&limit=100000`);
      await ready(page);
      const walls = [];
      const memory = [];
      let peakWorkers = 0;
      for (let i = 0; i < COUNT.runs; i++) {
        const work = works[i % works.length];
        const modes = i % 5 === 4 ? MODES : [MODES[Math.floor(next() * MODES.length)]];
        await setSettings(page, `${work}&modes=${modes.join(',')}&workers=2`);
        await run(page);
        const t = await table(page);
        assert.ok(t.rows.every((r) => !r.failed && r.checksum === CHECKSUMS[work]), `run ${i + 1}: ${work} ${modes}`);
        const d = await noWorkerLeft(page);
        peakWorkers = Math.max(peakWorkers, d.started - d.ended);
        memory.push(d.memory);
        walls.push({ work, modes: modes.join(','), wall: t.rows.map((r) => Number(r['Wall time (ms)'])) });
      }
      // Drift: the same work and modes, first fifth against last fifth of the runs, as medians.
      const fifth = Math.max(1, Math.floor(walls.length / 5));
      const key = (w) => `${w.work}|${w.modes}`;
      const firsts = new Map();
      for (const w of walls.slice(0, walls.length - fifth)) if (!firsts.has(key(w))) firsts.set(key(w), w.wall);
      const pairs = walls.slice(-fifth).filter((w) => firsts.has(key(w)))
        .flatMap((w) => w.wall.map((v, i) => [v, firsts.get(key(w))[i]])).filter(([v, f]) => Number.isFinite(v / f));
      const median = (values) => (values.length ? values.sort((a, b) => a - b)[Math.floor(values.length / 2)] : null);
      const drift = median(pairs.map(([v, f]) => v / f));
      const added = median(pairs.map(([v, f]) => v - f));
      Object.assign(figures, { runs: COUNT.runs, memoryFirstRun: memory[0], memoryLastRun: memory.at(-1), workersLeftBetweenRuns: peakWorkers, drift });
      assert.equal(peakWorkers, 0, 'no worker outlived its run');
      assert.ok(memory.at(-1) <= memory[0] + 32 * MiB, `memory grew from ${memory[0]} to ${memory.at(-1)}`);
      // Liveness, not speed: a page that slowed down many times over, by whole seconds, is
      // broken. (Runs of a few ms can take 4x as long on a busy machine: a ratio alone is no
      // sign; the figures above report the drift itself.)
      assert.ok(drift === null || drift < 3 || added < 1000, `the last runs took ${drift}x the first (${added} ms more)`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('the largest accepted settings start, stay within bounds for a few seconds, and cancel', async () => {
      const largest = [
        'workload=primes&limit=100000000&tasks=1000&workers=64&modes=threads,processes',
        'workload=mandelbrot&width=4000&height=1000&iterations=100000&tasks=1000&workers=64&modes=threads',
        'workload=hashes&chains=100000&rounds=10000000&tasks=1000&workers=64&modes=gil',
        'workload=collatz&numbers=100000000&split=uneven&tasks=1000&workers=64&modes=sequential,processes',
        'workload=downloads&latency_ms=10000&jitter_ms=10000&tasks=1000&workers=64&modes=coroutines,threads',
        'workload=mixed&io_ms=10000&cpu_ms=10000&tasks=1000&workers=64&modes=gil,processes',
      ];
      // The locks lab's largest: its own page, its own form.
      const lab = [
        'experiment=counters&threads=16&increments=10000000',
        'experiment=contention&threads=16&steps=1000000&lock_share=100',
        'experiment=queue&producers=8&consumers=8&capacity=100000&items=1000000',
        'experiment=processes&threads=16&increments=10000000',
      ].map((q) => `lab=locks&v=1&${q}`);
      const { page, errors } = await open(holder.browser, urls.isolated);
      await ready(page);
      const seen = [];
      const all = [...largest, ...lab];
      // The short form: every other one (each workload's or experiment's turn comes in the full).
      for (const settings of FULL ? all : all.filter((_, i) => i % 2 === 0)) {
        if (settings.startsWith('lab=')) {
          await page.goto(`${urls.isolated}?${settings}`, { waitUntil: 'load' });
          await page.waitForFunction(() => document.querySelector('.locks-lab #run')?.disabled === false, { ...POLL, timeout: 30000 });
        } else {
          await setSettings(page, settings);
        }
        await press(page, '#run');
        let peak = { workers: 0, memory: 0 };
        for (let i = 0; i < 6; i++) {
          await new Promise((r) => setTimeout(r, 500));
          const d = await diagnostics(page);
          peak = { workers: Math.max(peak.workers, d.started - d.ended), memory: Math.max(peak.memory, d.memory) };
        }
        const going = await press(page, '#cancel');
        const message = await page.$eval('.run-message', (m) => m.textContent).catch(() => null);
        const finished = await page.evaluate(() => Boolean(document.querySelector('.locks-results')));
        assert.ok(going || message || finished, `${settings}: runs (or has finished), or says why not`);
        await idle(page, 30000);
        const d = await noWorkerLeft(page);
        seen.push({ settings, ...peak, left: d.started - d.ended, finished });
        assert.ok(peak.workers > 0 || message || finished, `${settings}: the page counted the workers it started`);
        assert.ok(peak.workers <= 64 + 64 + 1, `${settings}: ${peak.workers} workers at once`);
        assert.ok(peak.memory <= 1024 * MiB, `${settings}: the page's memory ${peak.memory}`);
        assert.equal(d.started - d.ended, 0, `${settings}: workers left after cancel`);
      }
      figures.largest = seen;
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
