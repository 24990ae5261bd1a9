// The Content-Security-Policy (README, "The page's Content-Security-Policy"): the same policy on
// every deployment path (www/_headers, Trunk's dev server, the service worker, the <meta> of
// index.html, without frame-ancestors there), no inline script or style left in the build, and
// in each browser a full session (the main lab running every mode on Mandelbrot, the lessons
// index and a lesson, the locks lab, the Python lab running Pyodide, the compare view) served with the headers and served
// without them (the <meta> alone): no request to any origin but the page's, and no violation
// of the policy. A violation is reported by the test server's first script
// (lib/page-errors.mjs) as a console error and kept in `self.__cpViolations`; the last test
// checks that an inline style attribute is refused and reported, so that this file can fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS } from '../lib/browsers.mjs';
import { DIST, ROOT, browserFor, servers } from '../lib/harness.mjs';
import { hostHeaders } from '../lib/server.mjs';
import { ready, run, table } from '../lib/playground.mjs';
import { answer, runLesson, waitForLesson } from '../lib/lessons.mjs';

const urls = servers();
const POLICY = hostHeaders()['Content-Security-Policy'];
const POLL = { polling: 100 };
const MANDELBROT = 'workload=mandelbrot&width=160&height=120&iterations=200&tasks=4&workers=2&modes=sequential,threads,gil,processes,coroutines';
const PRIMES = 'workload=primes&limit=100000&tasks=4&workers=2';

// The directives of a policy, by name.
const directives = (policy) => Object.fromEntries(policy.split(';').map((d) => d.trim()).filter(Boolean)
  .map((d) => { const [name, ...values] = d.split(/\s+/); return [name, values.join(' ')]; }));

describe('the policy is the same on every deployment path', () => {
  it('www/_headers says what the issue asks, and leaves frame-ancestors open', () => {
    assert.deepEqual(directives(POLICY), {
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self'",
      'worker-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
    });
  });

  it('index.html (source and build), Trunk.toml and the service worker carry the same policy', () => {
    const meta = (html) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    assert.equal(meta(readFileSync(join(ROOT, 'index.html'), 'utf8')), POLICY, 'index.html');
    assert.equal(meta(readFileSync(join(DIST, 'index.html'), 'utf8')), POLICY, 'dist/index.html');
    const trunk = readFileSync(join(ROOT, 'Trunk.toml'), 'utf8');
    const served = /^headers = \{(.*)\}$/m.exec(trunk)[1];
    const trunkHeaders = Object.fromEntries([...served.matchAll(/"([^"]+)" = "([^"]+)"/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(trunkHeaders, hostHeaders(), 'Trunk.toml [serve] headers equal www/_headers (CORP included)');
    const worker = readFileSync(join(ROOT, 'www', 'coi-sw.js'), 'utf8');
    assert.ok(worker.includes(`['Content-Security-Policy', "${POLICY}"]`), 'coi-sw.js adds the policy');
    assert.ok(!POLICY.includes('frame-ancestors'), 'frame-ancestors left open');
  });

  it('the built index.html has no inline script, style or event handler', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length >= 2, 'the loader and coi-register.js');
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, /\ssrc="\.?\/?[\w.-]+\.js"/, `a script from a file: ${attributes}`);
      assert.equal(body.trim(), '', 'no inline script');
    }
    assert.doesNotMatch(html, /<[a-z][^>]*\s(?:style|on[a-z]+)\s*=/i, 'no style or event-handler attribute');
    assert.doesNotMatch(html, /<style\b/i);
    const loader = /<script type="module" src="\.\/(loader-[0-9a-f]{16}\.js)"><\/script>/.exec(html)?.[1];
    assert.ok(loader, 'Trunk\'s loader moved to a file');
    assert.match(readFileSync(join(DIST, loader), 'utf8'), /import init, \* as bindings from '\.\/concurrency-playground-[0-9a-f]+\.js'/);
  });
});

// Opens `url` in a new page of `browser`, recording console errors, uncaught errors and every
// request the driver reports (Chromium and Firefox; WebKit's driver reports none).
async function openPage(browser, url, record) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => { if (m.type() === 'error') record.errors.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => record.errors.push(`uncaught: ${e?.message ?? e}`));
  page.on('request', (r) => record.requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// What the page itself saw: every resource and navigation its document fetched, and the
// policy's violations it heard of.
async function seen(page, record) {
  const { resources, violations } = await page.evaluate(() => ({
    resources: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => e.name),
    violations: self.__cpViolations ?? ['the test server\'s error script did not run'],
  }));
  record.requests.push(...resources);
  record.violations.push(...violations);
}

// The addresses in `requests` that are not of `origin` (data: addresses are no request).
function offOrigin(requests, origin) {
  return requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
}

// A whole session on the page served at `base`, in `browser`.
async function session(browser, base, isolated, record) {
  // The main lab: every mode on Mandelbrot (bar chart, timelines, the image and its legend).
  let page = await openPage(browser, `${base}?${MANDELBROT}`, record);
  await page.waitForSelector('#run', { timeout: 30000 });
  await ready(page);
  await run(page, 180000);
  const rows = (await table(page)).rows;
  assert.deepEqual(rows.map((r) => r.mode).sort(), ['coroutines', 'gil', 'processes', 'sequential', 'threads']);
  for (const r of rows) {
    const ran = isolated || !['threads', 'gil'].includes(r.mode);
    assert.equal(r.failed, !ran, `${r.mode}: ${r.cells.join(' | ')}`);
  }
  await seen(page, record);
  assert.deepEqual(record.violations, [], 'violations of the policy in the main lab');
  // The lengths that used to be style attributes, set through the CSSOM.
  const styled = await page.evaluate(() => ({
    bars: [...document.querySelectorAll('.bar-chart .bar.wall')].map((b) => b.style.width),
    // Each row's start-up and wall time, as percents of the longest sum.
    sums: [...document.querySelectorAll('.bar-chart .bar-track')].map((t) => parseFloat(t.querySelector('.bar.startup').style.width) + parseFloat(t.querySelector('.bar.wall').style.width)),
    ticks: [...document.querySelectorAll('.timeline .tick')].map((t) => t.style.left).slice(0, 3),
    lanes: [...document.querySelectorAll('.timeline .lane')].map((l) => getComputedStyle(l).height).slice(0, 3),
    swatches: [...document.querySelectorAll('.mandelbrot .swatch')].map((s) => s.style.backgroundColor),
  }));
  assert.ok(styled.bars.length >= 3 && styled.bars.every((w) => /^\d+(\.\d+)?%$/.test(w)), `bar widths: ${styled.bars}`);
  assert.ok(styled.sums.some((w) => Math.abs(w - 100) < 0.02), `the longest bar fills its track: ${styled.sums}`);
  assert.ok(styled.ticks.length > 0 && styled.ticks.every((l) => /%$/.test(l)), `ticks: ${styled.ticks}`);
  assert.ok(styled.lanes.length > 0 && styled.lanes.every((h) => parseFloat(h) > 0), `lanes: ${styled.lanes}`);
  assert.ok(styled.swatches.length > 0 && styled.swatches.every((c) => /^rgb\(/.test(c)), `swatches: ${styled.swatches}`);
  await page.close();

  // The lessons index, then a lesson answered and run.
  page = await openPage(browser, `${base}?lessons=1`, record);
  await page.waitForSelector('.lesson-index a', { timeout: 30000 });
  await seen(page, record);
  await page.close();
  page = await openPage(browser, `${base}?lesson=sequential&v=1&limit=200000`, record);
  await waitForLesson(page);
  await answer(page, 0);
  await runLesson(page);
  await seen(page, record);
  await page.close();

  // The locks lab: the coroutines experiment (it runs in one worker, in every browser).
  page = await openPage(browser, `${base}?lab=locks&v=1&experiment=coroutines&threads=2&increments=200&run=1`, record);
  await page.waitForFunction(() => document.querySelector('.locks-results[data-experiment="coroutines"]') || document.querySelector('.run-message'), { ...POLL, timeout: 60000 });
  assert.equal(await page.$eval('.run-message', (m) => m.textContent).catch(() => null), null);
  await seen(page, record);
  await page.close();

  // The Python lab: the editor (its styles a constructable style sheet) and Pyodide's workers,
  // Sequential and Coroutines on the download template.
  page = await openPage(browser, `${base}?lab=python&v=1&template=download&tasks=2&modes=sequential,coroutines`, record);
  await page.waitForSelector('.code-editor[data-editor="codemirror"]', { timeout: 60000 });
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#python-results') || document.querySelector('.python-traceback'), { ...POLL, timeout: 120000 });
  assert.equal(await page.$$eval('#python-results tbody tr[data-failed="false"]', (rows) => rows.length), 2);
  await seen(page, record);
  await page.close();

  // The compare view, run there.
  page = await openPage(browser, `${base}?compare=1&${PRIMES}&modes=sequential,coroutines`, record);
  await page.waitForSelector('#import-file', { timeout: 30000 });
  await ready(page);
  await run(page);
  assert.equal((await table(page)).rows.length, 2);
  await seen(page, record);
  await page.close();
}

for (const name of BROWSERS) {
  describe(`the policy in ${name}`, () => {
    const holder = browserFor(name);

    for (const served of ['with the headers', 'without headers (the <meta> alone)']) {
      it(`a full session ${served}: nothing from another origin, no violation`, async () => {
        const isolated = served === 'with the headers';
        const base = isolated ? urls.isolated : urls.plain;
        const record = { errors: [], requests: [], violations: [] };
        await session(holder.browser, base, isolated, record);
        const origin = new URL(base).origin;
        const off = offOrigin(record.requests, origin);
        console.log(`${name}, ${served}: ${record.requests.length} requests seen, ${off.length} to another origin, ${record.violations.length} violations`);
        assert.ok(record.requests.some((u) => u.endsWith('.wasm')), 'the session\'s requests were seen');
        assert.deepEqual(off, [], 'requests to another origin');
        assert.deepEqual(record.violations, [], 'violations of the policy');
        assert.deepEqual(record.errors, []);
      });
    }

    it('an inline style attribute is refused, and reported as a violation', async () => {
      for (const base of [urls.isolated, urls.plain]) {
        const record = { errors: [], requests: [], violations: [] };
        const page = await openPage(holder.browser, `${base}?${PRIMES}`, record);
        await page.waitForSelector('#run', { timeout: 30000 });
        const colour = await page.evaluate(async () => {
          const probe = document.createElement('div');
          probe.innerHTML = '<p style="color: rgb(255, 0, 0)">refused</p>';
          document.body.append(probe);
          await new Promise((r) => setTimeout(r, 200));
          return getComputedStyle(probe.firstChild).color;
        });
        assert.notEqual(colour, 'rgb(255, 0, 0)', `the style attribute was not applied (${base})`);
        await seen(page, record);
        assert.ok(record.violations.length >= 1, 'the violation was reported');
        for (const v of record.violations) assert.match(v, /^style-src(-attr)? refused inline/);
        assert.ok(record.errors.some((e) => /Content-Security-Policy violation: style-src/.test(e)), 'reported as a console error');
        await page.close();
      }
    });
  });
}
