// Deploying and embedding: the build under a sub-path; on a host without headers, the service
// worker's one reload to isolation (and none on the next visit); embedded in a course page on
// another site that sends no headers, from a host that sends the headers and from one that
// sends none (where only browsers with Document-Isolation-Policy isolate the frame, as the
// README's table says); in an isolated course page; and in a sandboxed frame.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, DIST, browserFor } from '../lib/harness.mjs';
import { startServer } from '../lib/server.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const SMALL = 'workload=primes&limit=100000&tasks=4&workers=2';
const servers = {};
const started = [];

// What the README's embedding table promises, by browser: Chromium isolates a frame through
// Document-Isolation-Policy in any course page; Firefox and WebKit do not support it.
const DIP = { chromium: true, firefox: false, webkit: false };

function coursePage(src, attributes = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><title>A course page</title><link rel="icon" href="data:,"></head>
<body><h1>Lecture 9: concurrency</h1><iframe id="playground" src="${src}" width="1100" height="900" ${attributes}></iframe></body></html>`;
}

// Course pages that send no headers, embedding the playground at `base` in the compact view
// (running every mode) and in the full view (whose machine panel says what isolated it).
const coursePages = (base) => ({
  '/course.html': { body: coursePage(`${base}?embed=1&${SMALL}&run=1`) },
  '/course-full.html': { body: coursePage(`${base}?${SMALL}&modes=sequential`) },
});

before(async () => {
  const add = async (name, options) => {
    const server = await startServer({ dir: DIST, ...options });
    started.push(server);
    servers[name] = server;
  };
  await add('subpath', { isolation: true, base: '/courses/python/playground/' });
  await add('bare', { isolation: false });
  await add('playground', { isolation: true });
  // A host that sends COOP/COEP but not Document-Isolation-Policy: only an isolated course page
  // can isolate its frame.
  await add('playgroundNoDip', { isolation: true, dip: false });
  await add('bareFramed', { isolation: false });
  await add('playgroundCors', { isolation: false, extraHeaders: { 'Access-Control-Allow-Origin': '*' } });
  await add('course', { isolation: false, routes: coursePages(servers.playground.url) });
  await add('bareCourse', { isolation: false, routes: coursePages(servers.bareFramed.url) });
  await add('isolatedCourse', {
    // The course page's own headers: isolated, without the playground's policy.
    isolation: true,
    csp: false,
    routes: {
      '/course.html': { body: coursePage(`${servers.playgroundNoDip.url}?embed=1&${SMALL}&modes=threads,sequential&run=1`, 'allow="cross-origin-isolated"') },
      '/course-full.html': { body: coursePage(`${servers.playgroundNoDip.url}?${SMALL}&modes=sequential`, 'allow="cross-origin-isolated"') },
    },
  });
  await add('sandboxCourse', {
    isolation: false,
    routes: {
      '/course.html': { body: coursePage(`${servers.playgroundCors.url}?embed=1&${SMALL}&modes=sequential&run=1`, 'sandbox="allow-scripts"') },
      '/course-same-origin.html': { body: coursePage(`${servers.playgroundCors.url}?embed=1&${SMALL}&modes=sequential&run=1`, 'sandbox="allow-scripts allow-same-origin"') },
    },
  });
});
after(async () => {
  for (const server of started) await server.close();
});

// The course pages are served as "localhost" and the playground as "127.0.0.1": two sites.
const asLocalhost = (url) => url.replace('127.0.0.1', 'localhost');

async function frameOf(page) {
  await page.waitForFunction(() => document.querySelector('#playground'), { polling: 100, timeout: 10000 });
  for (let i = 0; i < 100; i++) {
    const frame = (await page.frames()).find((f) => f !== page.mainFrame() && f.url().includes('127.0.0.1'));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the playground frame did not load');
}

// Evaluates `fn` in the frame until it returns something truthy, across the frame's reloads.
async function settled(page, fn, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const value = await (await frameOf(page)).evaluate(fn);
      if (value) return value;
    } catch {
      // the frame is navigating
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function frameResults(page, count) {
  const fn = new Function(`const rows = document.querySelectorAll('table#results tbody tr');
    if (rows.length < ${count} || document.querySelector('.progress')) return null;
    return [...rows].map((r) => ({ mode: r.dataset.mode, failed: r.classList.contains('failed'), text: r.textContent,
      checksum: r.querySelector('[data-checksum]')?.dataset.checksum ?? null, links: [...r.querySelectorAll('a[target="_blank"]')].map((a) => a.href) }));`);
  return settled(page, fn, 90000);
}

const frameState = () => ({
  isolated: self.crossOriginIsolated,
  controlled: !!navigator.serviceWorker?.controller,
  navigation: performance.getEntriesByType('navigation')[0]?.type,
});

// A screenshot of the course page with the frame scrolled to one of the playground's elements.
async function shoot(page, selector, file) {
  mkdirSync(ARTIFACTS, { recursive: true });
  // $eval, not an element handle: WebKit's adapter has no handles.
  await (await frameOf(page)).$eval(selector, (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(ARTIFACTS, `${file}.png`) });
}

// Every mode ran or explained itself as the browser's support says; Threads agree with Sequential.
function assertEmbeddedRun(name, rows) {
  const bySequential = rows.find((r) => r.mode === 'sequential');
  assert.equal(bySequential.failed, false);
  assert.match(bySequential.checksum, /^[0-9a-f]{16}$/);
  for (const r of rows) {
    if (DIP[name] || !['threads', 'gil'].includes(r.mode)) {
      assert.equal(r.failed, false, `${r.mode} runs in the frame: ${r.text}`);
      assert.equal(r.checksum, bySequential.checksum, `${r.mode} agrees with Sequential`);
    } else {
      assert.ok(r.failed, `${r.mode} cannot run in ${name}'s frame`);
      assert.match(r.text, /lacks Document-Isolation-Policy/);
      assert.match(r.text, /Open the playground in a new tab/);
      assert.equal(r.links.length, 1, 'the row links to a new tab');
      assert.doesNotMatch(r.links[0], /embed=1|run=1/, 'the link opens the full view without running');
    }
  }
  assert.deepEqual(rows.map((r) => r.mode).sort(), ['coroutines', 'gil', 'processes', 'sequential', 'threads']);
}

for (const name of BROWSERS) {
  describe(`deploying and embedding in ${name}`, () => {
    const holder = browserFor(name);

    it('works under a sub-path, isolated by the host\'s headers', async () => {
      assert.match(servers.subpath.url, /\/courses\/python\/playground\/$/);
      const { page, errors } = await open(holder.browser, `${servers.subpath.url}?${SMALL}&modes=sequential,threads,processes`);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
      await ready(page);
      await page.waitForSelector('#isolated[data-mechanism]');
      assert.equal(await page.$eval('#isolated', (e) => e.dataset.mechanism), 'coop-coep-host');
      await run(page);
      const t = await table(page);
      assert.deepEqual(t.rows.map((r) => [r.mode, r.failed]), [['sequential', false], ['threads', false], ['processes', false]]);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('without headers, the service worker isolates the page with one reload, and not again', async () => {
      // run=1: the reload keeps the link's address (the app drops run=1 from it once started).
      const { page, errors } = await open(holder.browser, `${servers.bare.url}?${SMALL}&modes=threads&run=1`, { waitFor: false });
      // The reload may come while the driver is waiting in the first document (Firefox's driver
      // then loses its reference to it): wait again in the new one.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await page.waitForFunction(() => self.crossOriginIsolated, { polling: 100, timeout: 30000 });
          break;
        } catch (error) {
          if (attempt >= 3 || !/no such node|context|destroyed|detached/i.test(String(error?.message))) throw error;
        }
      }
      await ready(page);
      // The register script marks its one reload (WebKit reports that navigation as 'navigate',
      // Chromium and Firefox as 'reload').
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cp-coi-reloaded')), '1');
      await page.waitForSelector('#isolated[data-mechanism]');
      assert.equal(await page.$eval('#isolated', (e) => e.dataset.mechanism), 'coop-coep-service-worker');
      await page.waitForFunction(() => document.querySelector('table#results tbody tr') && !document.querySelector('.progress'), { polling: 100, timeout: 60000 });
      const t = await table(page);
      assert.equal(t.rows[0].mode, 'threads');
      assert.equal(t.rows[0].failed, false, 'threads run once the page is isolated');
      await page.close();
      // A second visit: the worker is already there, so the page is isolated from the start.
      const second = await open(holder.browser, `${servers.bare.url}?${SMALL}`);
      // A mark in the page's globals: a reload would take it away.
      await second.page.evaluate(() => { self.cpVisit = 'second'; });
      assert.equal(await second.page.evaluate(() => self.crossOriginIsolated), true);
      assert.equal(await second.page.evaluate(() => performance.getEntriesByType('navigation')[0].type), 'navigate');
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(await second.page.evaluate(() => self.cpVisit), 'second', 'no reload on the second visit');
      assert.deepEqual([...errors, ...second.errors], []);
      await second.page.close();
    });

    it(`in a course page on another site without headers, from a host that sends them, ${DIP[name] ? 'every mode runs' : 'every mode but threads runs'}`, async () => {
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.course.url}course.html`), { waitFor: false });
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), false, 'the course page is not isolated');
      const rows = await frameResults(page, 5);
      const state = await settled(page, frameState);
      assert.equal(state.isolated, DIP[name], `the frame is ${DIP[name] ? '' : 'not '}cross-origin isolated`);
      assert.equal(state.controlled, false, 'the host sends the headers: no service worker');
      assert.equal(state.navigation, 'navigate', 'no reload');
      assertEmbeddedRun(name, rows);
      const frame = await frameOf(page);
      assert.ok(await frame.$('header.embed-header a[target="_blank"]'), 'the compact view links to the full playground');
      await shoot(page, 'table#results', `embedded-${name}`);
      assert.deepEqual(errors, []);
      await page.close();
      // The full view in the same kind of frame says what isolated it.
      const full = await open(holder.browser, asLocalhost(`${servers.course.url}course-full.html`), { waitFor: false });
      const mechanism = await settled(full.page, () => document.querySelector('#isolated[data-mechanism]')?.dataset.mechanism);
      assert.equal(mechanism, DIP[name] ? 'dip-host' : 'none');
      const said = await settled(full.page, () => document.querySelector('#isolated').textContent + ' | ' + document.querySelector('#threads-available').textContent);
      if (DIP[name]) assert.match(said, /Document-Isolation-Policy, which the host sends.* \| available/);
      else assert.match(said, /^no \| .*lacks Document-Isolation-Policy.*Open in a new tab/);
      await shoot(full.page, 'section.machine', `embedded-full-${name}`);
      assert.deepEqual(full.errors, []);
      await full.page.close();
    });

    it(`in a course page on another site without headers, from a host without headers, ${DIP[name] ? 'the service worker isolates the frame with one reload' : 'every mode but threads runs, without a reload'}`, async () => {
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.bareCourse.url}course.html`), { waitFor: false });
      // Results only from the load that stays: after the reload where there is one.
      if (DIP[name]) await settled(page, () => self.crossOriginIsolated);
      const rows = await frameResults(page, 5);
      const state = await settled(page, frameState);
      assert.deepEqual(state, DIP[name]
        ? { isolated: true, controlled: true, navigation: 'reload' }
        : { isolated: false, controlled: false, navigation: 'navigate' });
      assertEmbeddedRun(name, rows);
      await shoot(page, 'table#results', `embedded-no-headers-${name}`);
      assert.deepEqual(errors, []);
      await page.close();
      // The next visit from the same course site: isolated (or not) from the first load, no reload.
      const full = await open(holder.browser, asLocalhost(`${servers.bareCourse.url}course-full.html`), { waitFor: false });
      const mechanism = await settled(full.page, () => document.querySelector('#isolated[data-mechanism]')?.dataset.mechanism);
      assert.equal(mechanism, DIP[name] ? 'dip-service-worker' : 'none');
      const again = await settled(full.page, frameState);
      assert.deepEqual(again, { isolated: DIP[name], controlled: DIP[name], navigation: 'navigate' });
      await shoot(full.page, 'section.machine', `embedded-full-no-headers-${name}`);
      assert.deepEqual(full.errors, []);
      await full.page.close();
    });

    it('in an isolated course page that allows it, the frame is isolated and threads run', async () => {
      // The README: a course page that is itself isolated gives every browser every mode (the
      // playground's host here sends COOP/COEP but no Document-Isolation-Policy).
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.isolatedCourse.url}course.html`), { waitFor: false });
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the course page is isolated');
      const rows = await frameResults(page, 2);
      assert.equal(await settled(page, () => String(self.crossOriginIsolated)), 'true', 'the frame is isolated');
      assert.deepEqual(rows.map((r) => [r.mode, r.failed]).sort(), [['sequential', false], ['threads', false]]);
      assert.equal(rows[0].checksum, rows[1].checksum);
      assert.deepEqual(errors, []);
      await page.close();
      const full = await open(holder.browser, asLocalhost(`${servers.isolatedCourse.url}course-full.html`), { waitFor: false });
      const mechanism = await settled(full.page, () => document.querySelector('#isolated[data-mechanism]')?.dataset.mechanism);
      assert.equal(mechanism, 'embedding-page', 'the machine panel names the course page as what isolated the frame');
      assert.deepEqual(full.errors, []);
      await full.page.close();
    });

    // A frame sandboxed with allow-scripts alone has an opaque origin. Chromium and Firefox
    // match the policy's 'self' against the frame's address and run the page's scripts there;
    // WebKit matches it against the opaque origin and refuses them, so the page never starts
    // and says so without a script (the README tells instructors to add allow-same-origin).
    const startsSandboxed = name !== 'webkit';
    it(`in a frame sandboxed without allow-same-origin, ${startsSandboxed ? 'says that workers are unavailable' : 'says that it did not start'}`, async () => {
      // In WebKit the policy refuses the page's own scripts and stylesheet there, and the test
      // server's error script (which comes before the policy's <meta>) reports each refusal.
      const refused = /Content-Security-Policy violation: (script|style)-src-elem refused http:\/\/127\.0\.0\.1:\d+\/[\w./-]+\.(js|css) /;
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.sandboxCourse.url}course.html`), { waitFor: false, allowed: startsSandboxed ? [] : [refused] });
      if (startsSandboxed) {
        const rows = await frameResults(page, 1);
        assert.equal(rows[0].mode, 'sequential');
        assert.ok(rows[0].failed);
        assert.match(rows[0].text, /sandboxed frame/);
      } else {
        // index.html's loading text says, without a script (and here without its stylesheet,
        // refused too), that the playground did not start.
        const said = await settled(page, () => {
          const late = document.querySelector('#app .loading .not-started');
          return late && getComputedStyle(late).visibility === 'visible' && document.querySelector('#app').textContent;
        }, 40000);
        assert.match(said, /^Loading the playground… If this is all you see, the playground did not start here: .*Try opening it in its own tab\.$/);
        assert.equal(await settled(page, () => String(document.styleSheets.length)), '0', 'the stylesheet was refused too');
        assert.equal(await settled(page, () => String(document.querySelector('#run'))), 'null', 'the app never started');
      }
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('in a frame sandboxed with allow-scripts allow-same-origin, starts and runs', async () => {
      // What the README tells instructors who must sandbox: with the playground's own origin the
      // policy's 'self' matches in every browser, WebKit included.
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.sandboxCourse.url}course-same-origin.html`), { waitFor: false });
      const rows = await frameResults(page, 1);
      assert.equal(rows[0].mode, 'sequential');
      assert.equal(rows[0].failed, false, rows[0].text);
      assert.match(rows[0].checksum, /^[0-9a-f]{16}$/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
