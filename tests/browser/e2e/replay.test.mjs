// Replay (issue 26), in every engine: a run's timeline is stepped forward and back with Step and
// Step back, and at each step the page's playhead sits on an event of the downloaded record (an
// interval's start or end) and says what the record says was true then (each thread's doing,
// who held the GIL, the tasks done); the same by keyboard alone (Tab to the slider; arrows,
// Home, End, space); Play moves the playhead to the end and stops; with reduced motion it moves
// in jumps; the downloaded run keeps the playhead, and a classmate's import of it starts there;
// axe-core finds nothing serious with the replay in use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { axeViolations } from '../lib/lessons.mjs';
import { download as save, interceptDownloads } from '../lib/downloads.mjs';
import { ready, run } from '../lib/playground.mjs';

const urls = servers();
const POLL = { polling: 50, timeout: 30000 };
const QUERY = 'workload=primes&limit=200000&tasks=4&modes=sequential,gil&workers=2&switch_ms=1';
const GIL = 'figure.timeline[data-mode="gil"]';

// The words the page uses for each kind of interval (model::record::IntervalKind::label).
const WORDS = {
  Compute: 'computing', Io: 'waiting for IO', GilWait: 'waiting for the GIL', Ready: 'ready, waiting for the event loop',
  Serialize: 'serializing', Startup: 'starting up', WarmUp: 'warming up (not timed)', LockWait: 'waiting for a lock',
  QueueFull: 'blocked on a full queue', QueueEmpty: 'waiting on an empty queue', Upload: 'copying to the GPU',
  ReadBack: 'copying back from the GPU', Dispatch: 'waiting for the GPU\'s queue',
};

// What the record says was true at `t`, read here independently of the page's Rust.
function expected(record, t) {
  const doing = record.lanes.map((lane) => lane.intervals.findLast((iv) => iv.start <= t && t < iv.end) ?? null);
  const lines = record.lanes.map((lane, i) => {
    const iv = doing[i];
    if (!iv) return `${lane.label}: idle`;
    if (iv.kind === 'Compute' && iv.task != null) return `${lane.label}: computing task ${iv.task + 1}`;
    return `${lane.label}: ${WORDS[iv.kind]}${iv.task != null ? ` (task ${iv.task + 1})` : ''}`;
  });
  if (record.mode === 'Gil') {
    const holder = doing.findIndex((iv) => iv?.kind === 'Compute');
    lines.push(holder >= 0 ? `${record.lanes[holder].label} held the GIL.` : 'No thread held the GIL.');
  }
  lines.push(`${record.tasks.filter((task) => task.end <= t).length} of ${record.tasks.length} tasks done.`);
  return lines;
}

const events = (record) => [...new Set(record.lanes.flatMap((l) => l.intervals.flatMap((iv) => [iv.start, iv.end])))].sort((a, b) => a - b);

const shown = (page, figure = GIL) => page.$eval(figure, (f) => ({
  at: f.querySelector('.replay').dataset.atMs === undefined ? null : Number(f.querySelector('.replay').dataset.atMs),
  playing: f.querySelector('.replay-play').textContent === 'Pause',
  lines: [...f.querySelectorAll('.replay-state li')].map((li) => li.textContent),
  heading: f.querySelector('.replay-at')?.textContent ?? null,
  said: f.querySelector('.replay-said').textContent,
  group: f.querySelector('.replay').getAttribute('aria-label'),
  button: f.querySelector('.replay-play').textContent,
  playhead: !!f.querySelector('.playhead'),
}));

const download = async (page, selector) => JSON.parse((await save(page, selector)).text);

// Runs QUERY in a new page and returns it with the Threads + GIL record its download holds.
async function recorded(browser) {
  const { page, errors } = await open(browser, `${urls.isolated}?${QUERY}`);
  await ready(page);
  await run(page);
  await interceptDownloads(page);
  const record = (await download(page, '#export-run')).records.find((r) => r.mode === 'Gil');
  return { page, errors, record };
}

// Waits until the playhead has moved off `before`.
const moved = (page, before, figure = GIL) => page.waitForFunction((f, b) => {
  const at = document.querySelector(f)?.querySelector('.replay').dataset.atMs;
  return at !== undefined && Number(at) !== b;
}, POLL, figure, before);

for (const name of BROWSERS) {
  describe(`replay in ${name}`, () => {
    const holder = browserFor(name);

    it('Step and Step back land on the record\'s events and say what it says; the download keeps the playhead', async () => {
      const { page, errors, record } = await recorded(holder.browser);
      const times = events(record);
      assert.ok(times.length > 8, `${times.length} events`);
      assert.equal((await shown(page)).playhead, false, 'no playhead before the student places it');
      // Forward through the first events, one by one, then back.
      for (let i = 0; i < 6; i += 1) {
        const before = (await shown(page)).at;
        await page.click(`${GIL} .replay-step`);
        await moved(page, before);
        const now = await shown(page);
        assert.equal(now.at, times[i], `step ${i + 1}`);
        assert.deepEqual(now.lines, expected(record, now.at), `at ${now.at} ms`);
        assert.equal(now.heading, `At ${now.at.toFixed(3)} ms:`);
        assert.equal(now.said, `At ${now.at.toFixed(3)} ms: ${now.lines.join('; ')}`, 'each step is read out');
        assert.equal(now.group, 'Replay');
        assert.ok(now.playhead);
      }
      for (let i = 4; i >= 2; i -= 1) {
        const before = (await shown(page)).at;
        await page.click(`${GIL} .replay-back`);
        await moved(page, before);
        const now = await shown(page);
        assert.equal(now.at, times[i], `back to event ${i + 1}`);
        assert.deepEqual(now.lines, expected(record, now.at));
      }
      // A moment in the middle, where the threads take turns at the GIL.
      const middle = times[Math.floor(times.length / 2)];
      await page.$eval(`${GIL} .replay-scrub`, (input, t) => {
        input.value = String(t);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, middle);
      await moved(page, times[2]);
      const dragged = await shown(page);
      assert.ok(Math.abs(dragged.at - middle) < 1e-6 * Math.max(1, middle), `${dragged.at} ≈ ${middle}`);
      assert.deepEqual(dragged.lines, expected(record, dragged.at));
      assert.ok(dragged.lines.some((l) => / held the GIL\.$/.test(l)), dragged.lines.join(' | '));
      assert.deepEqual(await axeViolations(page), [], 'axe with the replay in use');
      // The downloaded run keeps where the playhead is.
      const kept = await download(page, '#export-run');
      const rows = Object.fromEntries(kept.results.map((row) => [row.mode, row]));
      assert.equal(rows.Gil.playhead_ms, dragged.at);
      assert.equal(rows.Sequential.playhead_ms, undefined, 'the other timeline\'s playhead was never placed');
      // Imported as a classmate's run (the compare view), its timeline opens where it was left.
      await page.click('#to-compare');
      await page.waitForSelector('#import-text', POLL);
      await page.evaluate((text) => { document.querySelector('#import-text').value = text; }, JSON.stringify(kept));
      await page.click('#import-read');
      const theirs = '#classmate-timelines figure.timeline[data-mode="gil"]';
      await page.waitForSelector(`${theirs} .replay[data-at-ms]`, POLL);
      const opened = await shown(page, theirs);
      assert.equal(opened.at, dragged.at);
      assert.deepEqual(opened.lines, dragged.lines);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('by keyboard alone: Tab to the slider, arrows, Home, End and space', async () => {
      const { page, errors, record } = await recorded(holder.browser);
      const times = events(record);
      await page.evaluate(() => { document.activeElement?.blur(); });
      let found = false;
      for (let i = 0; i < 200 && !found; i += 1) {
        await page.keyboard.press('Tab');
        found = await page.evaluate((f) => document.activeElement === document.querySelector(f)?.querySelector('.replay-scrub'), GIL);
      }
      assert.ok(found, 'the slider is reached by Tab');
      const press = async (key, want) => {
        const before = (await shown(page)).at;
        await page.keyboard.press(key);
        if (want !== before) await moved(page, before);
        const now = await shown(page);
        assert.equal(now.at, want, key);
        assert.deepEqual(now.lines, expected(record, now.at), `${key}: at ${now.at} ms`);
        assert.equal(now.said, `At ${now.at.toFixed(3)} ms: ${now.lines.join('; ')}`);
      };
      await press('ArrowRight', times[0]);
      await press('ArrowRight', times[1]);
      await press('ArrowRight', times[2]);
      await press('ArrowLeft', times[1]);
      await press('End', times.at(-1));
      await press('Home', times[0]);
      // Space plays (the button says Pause) and space again pauses.
      await page.keyboard.press(' ');
      await page.waitForFunction((f) => document.querySelector(f).querySelector('.replay-play').textContent === 'Pause', POLL, GIL);
      assert.equal((await shown(page)).button, 'Pause');
      assert.equal((await shown(page)).said, '', 'not read out while playing');
      await page.keyboard.press(' ');
      await page.waitForFunction((f) => document.querySelector(f).querySelector('.replay-play').textContent === 'Play', POLL, GIL);
      const paused = await shown(page);
      assert.equal(paused.button, 'Play');
      assert.equal(paused.said, `At ${paused.at.toFixed(3)} ms: ${paused.lines.join('; ')}`, 'the moment it paused at is read out');
      assert.deepEqual(paused.lines, expected(record, paused.at));
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('Play runs to the end of the record and stops; with reduced motion it moves in jumps', async () => {
      const { page, errors } = await open(holder.browser, `${urls.isolated}?${QUERY}`);
      await ready(page);
      await run(page);
      const end = await page.$eval(GIL, (f) => Number(f.dataset.spanMs));
      assert.equal(await page.$eval(`${GIL} .replay-speed select`, (s) => s.value), '10', 'it plays at 1/10 until told otherwise');
      await page.click(`${GIL} .replay-play`);
      await page.waitForFunction((f) => document.querySelector(f).querySelector('.replay-play').textContent === 'Pause', POLL, GIL);
      // At 1/10 of real time a run of tens of ms plays in a second or so (generous bound).
      await page.waitForFunction((f) => document.querySelector(f).querySelector('.replay-play').textContent === 'Play', { polling: 20, timeout: 120000 }, GIL);
      const last = await shown(page);
      assert.ok(Math.abs(last.at - end) < 1e-9 * Math.max(1, end), `stopped at ${last.at}, the record's end ${end}`);
      assert.equal(last.button, 'Play');
      if (name === 'chromium') {
        // Reduced motion: while playing at 1/1000 the playhead moves at most about twice a second.
        await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
        await page.select(`${GIL} .replay-speed select`, '1000');
        await page.click(`${GIL} .replay-play`);
        const positions = await page.evaluate(async (f) => {
          const replay = document.querySelector(f).querySelector('.replay');
          const values = new Set();
          const until = performance.now() + 1600;
          while (performance.now() < until) { values.add(replay.dataset.atMs); await new Promise((r) => requestAnimationFrame(r)); }
          return values.size;
        }, GIL);
        assert.ok(positions <= 6, `${positions} positions in 1.6 s with reduced motion`);
        await page.click(`${GIL} .replay-play`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
