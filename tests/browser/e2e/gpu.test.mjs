// The GPU mode (WebGPU). In Chromium on SwiftShader (a GPU emulated on the CPU, which every
// machine has): every GPU workload's checksum equals Sequential's, the GPU lane draws its
// phases in order, Cancel ends a GPU run and the next one works, a workload with no kernel says
// why, and Mandelbrot in f32 agrees with the CPU's f32 image within the tolerance, marked
// approximate. In the engines that have no WebGPU here (Firefox on Linux, WebKitGTK, and
// Chromium without the flag): the mode is named unavailable, with WebGPU and the reason,
// before any run and in the table, with no console error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { SMALL, answer, compareNumbers, explanation, runLesson, runsOnPage, waitForLesson } from '../lib/lessons.mjs';
import { idle, openWithFaults, ready, run, table, type } from '../lib/playground.mjs';

const urls = servers();
const POLL = { polling: 100, timeout: 30000 };
const row = (t, mode) => t.rows.find((r) => r.mode === mode);

async function gpuSupport(page) {
  await page.waitForFunction(() => ['available', 'unavailable'].includes(document.querySelector('#gpu-support')?.dataset.support), POLL);
  return page.$eval('#gpu-support', (e) => ({ support: e.dataset.support, text: e.textContent }));
}

if (BROWSERS.includes('chromium')) {
  describe('the GPU mode in chromium on SwiftShader', () => {
    const holder = browserFor('chromium-gpu');

    const WORKLOADS = [
      ['primes', 'limit=300000&tasks=4'],
      ['collatz', 'numbers=200000&tasks=3&split=uneven'],
      ['hashes', 'chains=64&rounds=3000&tasks=4'],
    ];
    for (const [workload, settings] of WORKLOADS) {
      it(`computes ${workload} exactly, with its phases on the GPU lane in order`, async () => {
        const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=${workload}&${settings}&modes=sequential,gpu`);
        await ready(page);
        const gpu = await gpuSupport(page);
        assert.equal(gpu.support, 'available', gpu.text);
        assert.match(gpu.text, /swiftshader/i);
        assert.match(gpu.text, /emulated on the CPU/);
        await run(page);
        const t = await table(page);
        const [sequential, onGpu] = [row(t, 'sequential'), row(t, 'gpu')];
        assert.ok(!onGpu.failed, `the GPU ran: ${onGpu.cells.join(' | ')}`);
        assert.ok(sequential.checksum && onGpu.checksum === sequential.checksum, `${onGpu.checksum} against ${sequential.checksum}`);
        // The GPU's lane: start-up first, then each dispatch's upload, compute and read-back.
        const phases = await page.evaluate(() => {
          const lane = [...document.querySelectorAll('.lane')].find((l) => /^GPU /.test(l.querySelector('.lane-label')?.textContent ?? ''));
          if (!lane) return null;
          const first = (kind) => Math.min(...[...lane.querySelectorAll(`path.iv.${kind}`)].map((p) => Number(p.getAttribute('d').match(/M\s*([\d.]+)/)[1])));
          return { label: lane.querySelector('.lane-label').textContent, startup: first('startup'), upload: first('upload'), dispatch: first('dispatch'), compute: first('compute'), readBack: first('read-back') };
        });
        assert.ok(phases, 'the timeline has a GPU lane');
        assert.match(phases.label, /swiftshader, emulated on the CPU\): .* invocations/);
        assert.ok(phases.startup <= phases.upload && phases.upload <= phases.compute && phases.compute <= phases.readBack, JSON.stringify(phases));
        // Where the adapter has timestamp queries, the GPU timed its passes: the rest of each
        // wait for the queue is drawn as dispatch, before the computing.
        if (/; timestamp queries/.test(gpu.text)) {
          assert.match(phases.label, /each pass timed by the GPU's own clock/);
          assert.ok(phases.upload <= phases.dispatch && phases.dispatch <= phases.compute, JSON.stringify(phases));
        } else {
          assert.ok(!/own clock/.test(phases.label), phases.label);
        }
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    it('runs on a page that is not cross-origin isolated (WebGPU needs no shared memory)', async () => {
      const { page, errors } = await open(holder.browser, `${urls.plain}?workload=primes&limit=200000&tasks=4&modes=sequential,gpu`);
      await ready(page);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
      assert.equal((await gpuSupport(page)).support, 'available');
      await run(page);
      const t = await table(page);
      assert.ok(!row(t, 'gpu').failed, row(t, 'gpu').cells.join(' | '));
      assert.equal(row(t, 'gpu').checksum, row(t, 'sequential').checksum);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('cancels a GPU run between dispatches, and the next run works', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=100000000&tasks=4&modes=gpu`);
      await ready(page);
      await gpuSupport(page);
      await page.click('#run');
      await page.waitForFunction(() => !document.querySelector('#cancel').disabled, POLL);
      await new Promise((r) => setTimeout(r, 1500));
      await page.click('#cancel');
      await idle(page, 30000);
      assert.match(await page.$eval('.run-message', (e) => e.textContent), /Cancelled/);
      await type(page, 'limit', '100000');
      await page.click('#mode-sequential');
      await run(page);
      const t = await table(page);
      assert.equal(row(t, 'gpu').checksum, row(t, 'sequential').checksum);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('the gpu lesson runs and explains with the numbers of its runs', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?lesson=gpu&v=1&${SMALL.gpu}`, { waitFor: false });
      await waitForLesson(page);
      await answer(page, 1);
      await runLesson(page);
      const said = await explanation(page);
      assert.match(said.text, /Your prediction|You predicted|You chose/);
      const compared = compareNumbers(said.numbers, await runsOnPage(page), assert);
      assert.ok(compared >= 4, `numbers compared: ${JSON.stringify(said.numbers)}`);
      assert.ok(!said.numbers.some((n) => n.text === '–'), JSON.stringify(said.numbers));
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('reports a lost device on the page, and the next run gets a new one', async () => {
      const { page, errors } = await openWithFaults(holder.browser, `${urls.isolated}?workload=primes&limit=300000&tasks=4&modes=sequential,gpu&fault=lose@1`);
      await ready(page);
      await gpuSupport(page);
      await run(page);
      const lost = row(await table(page), 'gpu');
      assert.ok(lost.failed);
      assert.match(lost.cells[1], /^Did not finish: The GPU device was lost \(Destroyed.*The next run asks for a new one/);
      await run(page);
      const t = await table(page);
      assert.ok(!row(t, 'gpu').failed, row(t, 'gpu').cells.join(' | '));
      assert.equal(row(t, 'gpu').checksum, row(t, 'sequential').checksum);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('says why Mandelbrot in 64-bit floats has no GPU kernel, and which floats to choose', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=mandelbrot&width=64&height=48&modes=sequential,gpu`);
      await ready(page);
      await gpuSupport(page);
      await run(page);
      const gpu = row(await table(page), 'gpu');
      assert.ok(gpu.failed);
      assert.match(gpu.cells[1], /^Unavailable: .*no 64-bit floats.*precision=f32/);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('computes Mandelbrot in 32-bit floats, compared with the CPU\'s within the tolerance and marked approximate', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=mandelbrot&precision=f32&width=240&height=180&iterations=500&tasks=3&modes=sequential,threads,gpu`);
      await ready(page);
      await gpuSupport(page);
      assert.equal(await page.$eval('[name="precision"]', (e) => e.value), 'f32', 'the form shows the link\'s floats');
      await run(page);
      const t = await table(page);
      const [sequential, threads, onGpu] = ['sequential', 'threads', 'gpu'].map((m) => row(t, m));
      assert.ok(!onGpu.failed, `the GPU ran: ${onGpu.cells.join(' | ')}`);
      assert.equal(threads.checksum, sequential.checksum, 'the CPU modes agree exactly in f32');
      const verdict = await page.$eval('tr[data-mode="gpu"] .agrees, tr[data-mode="gpu"] .differs', (e) => ({ cls: e.className, text: e.textContent }));
      assert.equal(verdict.cls, 'agrees', verdict.text);
      if (onGpu.checksum === sequential.checksum) {
        assert.equal(verdict.text, '✓ same as Sequential');
      } else {
        assert.match(verdict.text, /^≈ within \d+\.\d\d% of Sequential \(floats: approximate\)$/);
        const summary = await page.$eval('#summary', (e) => e.textContent);
        assert.match(summary, /GPU computed it in floats, approximately: as many pixels, and iterations within \d+\.\d\d% of Sequential's \(the tolerance is 1\.00%\)/);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

for (const name of BROWSERS) {
  describe(`without a GPU adapter in ${name}`, () => {
    const holder = browserFor(name);

    it('names the GPU mode unavailable, with WebGPU and the reason, before and after a run', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=20000&tasks=2&modes=sequential,gpu`);
      await ready(page);
      const gpu = await gpuSupport(page);
      assert.equal(gpu.support, 'unavailable', gpu.text);
      assert.match(gpu.text, /^unavailable: .*WebGPU/);
      const note = await page.$eval('label[for="mode-gpu"] .unavailable-note', (e) => ({ text: e.textContent, title: e.title }));
      assert.match(note.text, /unavailable here/);
      assert.match(note.title, /WebGPU/);
      await run(page);
      const t = await table(page);
      assert.ok(!row(t, 'sequential').failed);
      assert.ok(row(t, 'gpu').failed);
      assert.match(row(t, 'gpu').cells[1], /^Unavailable: .*WebGPU/);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('the gpu lesson says why it cannot run here', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?lesson=gpu&v=1&${SMALL.gpu}`, { waitFor: false });
      await waitForLesson(page);
      await answer(page, 'skip');
      await runLesson(page);
      const said = await explanation(page);
      assert.equal(said.shown, false);
      assert.match(said.text, /GPU could not run here: .*WebGPU/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
