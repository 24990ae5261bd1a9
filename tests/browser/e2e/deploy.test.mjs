// Deploying and embedding: the build under a sub-path; on a host without headers, the service
// worker's one reload to isolation (and none on the next visit); embedded in a course page on
// another site, without isolation and with it; and in a sandboxed frame.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { DIST, browserFor } from '../lib/harness.mjs';
import { startServer } from '../lib/server.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const SMALL = 'workload=primes&limit=100000&tasks=4&workers=2';
const servers = {};
const started = [];

function coursePage(src, attributes = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><title>A course page</title><link rel="icon" href="data:,"></head>
<body><h1>Lecture 9: concurrency</h1><iframe id="playground" src="${src}" width="1100" height="900" ${attributes}></iframe></body></html>`;
}

before(async () => {
  const add = async (name, options) => {
    const server = await startServer({ dir: DIST, ...options });
    started.push(server);
    servers[name] = server;
  };
  await add('subpath', { isolation: true, base: '/courses/python/playground/' });
  await add('bare', { isolation: false });
  await add('playground', { isolation: true });
  await add('playgroundCors', { isolation: false, extraHeaders: { 'Access-Control-Allow-Origin': '*' } });
  const frame = (query) => `${servers.playground.url}?${query}`;
  await add('course', { isolation: false, routes: { '/course.html': { body: coursePage(frame(`embed=1&${SMALL}&run=1`)) } } });
  await add('isolatedCourse', {
    isolation: true,
    routes: { '/course.html': { body: coursePage(frame(`embed=1&${SMALL}&modes=threads,sequential&run=1`), 'allow="cross-origin-isolated"') } },
  });
  await add('sandboxCourse', {
    isolation: false,
    routes: { '/course.html': { body: coursePage(`${servers.playgroundCors.url}?embed=1&${SMALL}&modes=sequential&run=1`, 'sandbox="allow-scripts"') } },
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
    const frame = (await page.frames()).find((f) => f !== page.mainFrame() && f.url().includes('embed=1'));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the playground frame did not load');
}

async function frameResults(frame, count) {
  await frame.waitForFunction((n) => document.querySelectorAll('table#results tbody tr').length >= n && !document.querySelector('.progress'), { polling: 100, timeout: 60000 }, count);
  return frame.$$eval('table#results tbody tr', (rows) => rows.map((r) => ({ mode: r.dataset.mode, failed: r.classList.contains('failed'), text: r.textContent })));
}

for (const name of BROWSERS) {
  describe(`deploying and embedding in ${name}`, () => {
    const holder = browserFor(name);

    it('works under a sub-path', async () => {
      assert.match(servers.subpath.url, /\/courses\/python\/playground\/$/);
      const { page, errors } = await open(holder.browser, `${servers.subpath.url}?${SMALL}&modes=sequential,threads,processes`);
      await ready(page);
      await run(page);
      const t = await table(page);
      assert.deepEqual(t.rows.map((r) => [r.mode, r.failed]), [['sequential', false], ['threads', false], ['processes', false]]);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('without headers, the service worker isolates the page with one reload, and not again', async () => {
      const { page, errors } = await open(holder.browser, `${servers.bare.url}?${SMALL}&modes=threads`);
      await page.waitForFunction(() => self.crossOriginIsolated, { polling: 100, timeout: 30000 });
      await ready(page);
      // The register script marks its one reload (WebKit reports that navigation as 'navigate').
      assert.equal(await page.evaluate(() => sessionStorage.getItem('cp-coi-reloaded')), '1');
      await run(page);
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

    it('in a course page on another site without isolation, every mode but threads runs', async () => {
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.course.url}course.html`), { waitFor: false });
      const frame = await frameOf(page);
      assert.equal(await frame.evaluate(() => self.crossOriginIsolated), false);
      const rows = await frameResults(frame, 5);
      const ran = rows.filter((r) => !r.failed).map((r) => r.mode);
      assert.deepEqual(ran, ['sequential', 'processes', 'coroutines']);
      for (const r of rows.filter((x) => x.failed)) {
        assert.match(r.text, /embedded in one that is not isolated/);
        assert.match(r.text, /Open the playground in a new tab/);
      }
      assert.ok(await frame.$('header.embed-header a[target="_blank"]'), 'the compact view links to the full playground');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('in an isolated course page that allows it, threads run where the browser supports it', async () => {
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.isolatedCourse.url}course.html`), { waitFor: false });
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the course page is isolated');
      const frame = await frameOf(page);
      const isolated = await frame.evaluate(() => self.crossOriginIsolated);
      const rows = await frameResults(frame, 2);
      const threads = rows.find((r) => r.mode === 'threads');
      if (isolated) {
        assert.equal(threads.failed, false, 'threads run inside the isolated frame');
      } else {
        assert.ok(threads.failed);
        assert.match(threads.text, /Open the playground in a new tab/);
      }
      console.log(`# ${name}: the frame of an isolated course page is ${isolated ? '' : 'not '}cross-origin isolated`);
      assert.equal(rows.find((r) => r.mode === 'sequential').failed, false);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('in a sandboxed frame, says that workers are unavailable', async () => {
      const { page, errors } = await open(holder.browser, asLocalhost(`${servers.sandboxCourse.url}course.html`), { waitFor: false });
      const frame = await frameOf(page);
      await frame.waitForFunction(() => document.querySelector('#threads-available, table#results, .loading[role="alert"]'), { polling: 100, timeout: 40000 });
      const rows = await frameResults(frame, 1);
      assert.equal(rows[0].mode, 'sequential');
      assert.ok(rows[0].failed);
      assert.match(rows[0].text, /sandboxed frame/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
