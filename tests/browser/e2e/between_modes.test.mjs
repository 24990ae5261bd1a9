// Between two modes: a mode's workers are ended before the next mode's clock starts, so that
// none of them takes a core from the next mode (src/web/between_modes.rs). Read from the
// timelines: each carries its mode's clock origin, the end of its last interval and when its
// workers were ended (after they answered the page, or after the page stopped waiting).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { openWithFaults, ready, run, table } from '../lib/playground.mjs';

const urls = servers();

// Each mode's timeline, in the order the modes ran, on the page's clock (absolute ms).
async function spans(page) {
  return page.$$eval('.timeline[data-mode]', (figures) => figures.map((f) => {
    const origin = Number(f.dataset.originMs);
    return {
      mode: f.dataset.mode,
      origin,
      lastEnd: origin + Number(f.dataset.spanMs),
      ended: f.dataset.endedMs === undefined ? null : origin + Number(f.dataset.endedMs),
    };
  }));
}

// Unit clocks are put on the page's within a small error.
const CLOCK_SLACK_MS = 2;

for (const name of BROWSERS) {
  describe(`between modes in ${name}`, () => {
    const holder = browserFor(name);

    it('ends every mode\'s workers, after they answered, before the next mode starts', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=primes&limit=600000&tasks=8&workers=2&modes=sequential,threads,gil,processes,coroutines`);
      await ready(page);
      await run(page);
      const t = await table(page);
      assert.ok(t.rows.every((r) => !r.failed), 'every mode ran');
      const seen = await spans(page);
      assert.deepEqual(seen.map((s) => s.mode), t.rows.map((r) => r.mode), 'one timeline per mode, in run order');
      for (const [i, s] of seen.entries()) {
        assert.notEqual(s.ended, null, `${s.mode} ran in workers, and its record says when they were ended`);
        assert.ok(s.lastEnd <= s.ended + CLOCK_SLACK_MS, `${s.mode}: an interval ends at ${s.lastEnd}, after its workers were ended at ${s.ended}`);
        const next = seen[i + 1];
        if (next) {
          assert.ok(s.ended <= next.origin, `${s.mode}'s workers were ended at ${s.ended}, after ${next.mode}'s clock started at ${next.origin}`);
        }
      }
      assert.equal(await page.$('.unanswered'), null, 'every worker answered');
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('ends a worker that does not answer after a bounded wait, and says so', async () => {
      // fault=linger@0: the worker that ran task 0 (a process; Sequential's one worker) computes
      // for 10 s before it answers.
      const { page, errors } = await openWithFaults(holder.browser, `${urls.isolated}?workload=primes&limit=200000&tasks=4&workers=2&modes=processes,sequential&fault=linger@0`);
      await ready(page);
      const started = Date.now();
      await run(page);
      const took = Date.now() - started;
      const t = await table(page);
      assert.ok(t.rows.every((r) => !r.failed), 'both modes ran');
      const note = (mode) => page.$eval(`tr[data-mode="${mode}"] .unanswered`, (e) => ({ count: e.dataset.unanswered, text: e.textContent }));
      const processesNote = await note('processes');
      assert.equal(processesNote.count, '1');
      assert.match(processesNote.text, /^1 of 2 workers did not answer within 2 s after the last task and was ended anyway/);
      assert.match((await note('sequential')).text, /^The worker did not answer within 2 s/);
      const [processes, sequential] = await spans(page);
      for (const s of [processes, sequential]) {
        const waited = s.ended - s.lastEnd;
        assert.ok(waited >= 1900 && waited < 6000, `${s.mode}: the page waited ${waited} ms for the worker, not 2 s`);
      }
      assert.ok(processes.ended <= sequential.origin);
      assert.ok(took < 60000, `the run took ${took} ms`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
