// Using the lessons as a student does: open a lesson from its permalink, answer, run, and read
// "What happened"; then read every number of the explanation beside the results tables and the
// record (the timelines' tables), and run axe-core on the page.
import { idle } from './playground.mjs';

const POLL = { polling: 100 };

// Settings that keep each lesson's shape but make it quick, by workload (a lesson link's
// settings override the lesson's own).
export const SMALL = {
  sequential: 'limit=200000',
  'gil-cpu': 'limit=200000',
  'free-threaded': 'limit=200000',
  processes: 'limit=200000',
  'io-threads': 'latency_ms=50',
  'io-coroutines': 'latency_ms=50',
  'blocking-coroutine': 'cpu_ms=30&io_ms=10',
  'switch-interval': 'limit=200000',
  'old-gil': 'limit=200000',
  convoy: 'waits=30&cpu_ms=300',
  contention: 'rounds=2000',
  imbalance: 'numbers=300000',
  // Runs only where WebGPU has an adapter: e2e/gpu.test.mjs (Chromium on SwiftShader).
  gpu: 'tasks=4',
  'main-thread': 'limit=300000',
  // The locks lab's lessons (lost updates need their million increments to show on 2 cores).
  'process-copies': 'increments=10000',
  'coroutine-await': 'increments=200',
  queue: 'items=1000',
  'lost-updates': 'increments=1000000',
  'atomic-add': 'increments=200000',
  'lock-contention': 'steps=200',
};


export async function waitForLesson(page) {
  await page.waitForSelector('fieldset.question', { timeout: 30000 });
}

// Chooses answer `index` (or 'skip') as a click on its label.
export async function answer(page, index) {
  await page.click(`label[for="answer-${index}"]`);
}

// Presses Run once it is enabled and waits for the explanation.
export async function runLesson(page, timeout = 120000) {
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 30000 });
  await page.click('#run');
  await page.waitForSelector('[aria-label="What happened"]', { timeout });
  await idle(page);
}

// The explanation's text and its numbers ({ name, text }), with the verdict.
export async function explanation(page) {
  return page.$eval('[aria-label="What happened"]', (e) => ({
    text: e.textContent,
    shown: e.dataset.shown === 'true',
    held: e.dataset.held,
    numbers: [...e.querySelectorAll('[data-quantity]')].map((q) => ({ name: q.dataset.quantity, text: q.textContent })),
  }));
}

// Every results table, by run (1-based): rows keyed by mode, cells keyed by header; and, per
// run and mode, each task's start and end from the timeline's table (the record).
export async function runsOnPage(page) {
  await page.$$eval('.timeline details.as-table', (all) => all.forEach((d) => { d.open = true; }));
  await page.waitForFunction(() => [...document.querySelectorAll('.timeline .as-table tbody')].every((b) => b.children.length > 0), { ...POLL, timeout: 10000 });
  return page.evaluate(() => {
    const runs = {};
    for (const t of document.querySelectorAll('table[id^="results"]')) {
      const run = t.id === 'results' ? 1 : Number(t.id.split('-')[1]);
      const headers = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const rows = {};
      for (const tr of t.querySelectorAll('tbody tr')) {
        const row = {};
        [...tr.children].forEach((c, i) => { row[headers[i]] = c.textContent.trim(); });
        const result = tr.querySelector('[data-checksum]');
        row.switches = result?.dataset.gilSwitches;
        row.failed = tr.classList.contains('failed');
        rows[tr.dataset.mode] = row;
      }
      const section = t.closest('.lesson-run') ?? document;
      const tasks = {};
      const io = {};
      for (const f of section.querySelectorAll('.timeline')) {
        const spans = {};
        const waits = {};
        for (const tr of f.querySelectorAll('.as-table tbody tr')) {
          const [, task, kind, start, length] = [...tr.children].map((td) => td.textContent.trim());
          if (task === '–' || kind.startsWith('warming')) continue;
          const s = Number(start); const e = s + Number(length);
          spans[task] = spans[task] ? [Math.min(spans[task][0], s), Math.max(spans[task][1], e)] : [s, e];
          if (kind === 'waiting for IO') waits[task] = (waits[task] ?? 0) + 1;
        }
        const durations = Object.fromEntries(Object.entries(spans).map(([t, [s, e]]) => [t, e - s]));
        tasks[f.dataset.mode] = Object.values(durations);
        const most = Object.entries(waits).sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0];
        io[f.dataset.mode] = { waits: Object.values(waits).reduce((a, b) => a + b, 0), task: most ? durations[most[0]] : null };
      }
      runs[run] = { rows, tasks, io };
    }
    // The locks lab's results tables, by run: every cell's text.
    for (const section of document.querySelectorAll('.lesson-run')) {
      const cells = [...section.querySelectorAll('.locks-results table th, .locks-results table td')].map((c) => c.textContent.trim());
      if (cells.length) runs[Number(section.dataset.run)] = { ...(runs[Number(section.dataset.run)] ?? {}), lab: cells };
    }
    return runs;
  });
}

// The locks lab's quantities that its tables show (lessons::lab::LabKind's rows marked "(table)").
const LAB_TABLE = ['expected', 'lost', 'actual_unsynchronized', 'actual_mutex', 'actual_atomic',
  'ns_unsynchronized', 'ns_mutex', 'ns_atomic', 'mutex_wait', 'share', 'other_share', 'threads', 'past',
  'rate_one', 'rate_threads', 'rate_past', 'other_rate_one', 'other_rate_threads', 'lock_wait_threads',
  'consumed', 'duplicates', 'missing', 'sentinels', 'blocked_full', 'waited_empty', 'parent',
  'from_messages', 'lost_between', 'lost_inside', 'lost_locked'];

// The results table's column for each quantity it shows.
const COLUMNS = {
  wall: 'Wall time (ms)', speedup: 'Speedup', speedup_startup: 'Speedup with start-up', efficiency: 'Efficiency',
  startup: 'Start-up (ms)', frame_gap: 'Longest frame gap (ms)', workers: 'Workers',
};

// Checks each number of the explanation against the table (exactly as printed) or the record
// (the task durations, within the timeline table's rounding). Returns how many were compared.
export function compareNumbers(numbers, runs, assert) {
  let compared = 0;
  for (const { name, text } of numbers) {
    const [base, at] = name.split('@');
    const run = runs[Number(at ?? 1)];
    const [kind, mode] = base.split('.');
    if (kind === 'cores' || kind === 'setting') continue;
    assert.ok(run, `${name}: run ${at ?? 1} has a table`);
    if (kind === 'lab') {
      if (LAB_TABLE.includes(mode)) {
        assert.ok(run.lab.includes(text), `${name}: ${text} is a cell of the lab's table (${run.lab.join(' | ')})`);
        compared += 1;
      } else {
        assert.match(text, /^[\d.,]+( ?[×%])?$/, `${name} is a number: ${text}`);
      }
      continue;
    }
    const row = run.rows[mode];
    if (COLUMNS[kind]) {
      assert.ok(row, `${name}: the table has a ${mode} row`);
      assert.equal(text, row[COLUMNS[kind]], `${name} as the table prints it`);
      compared += 1;
    } else if (kind === 'bytes' || kind === 'serialize') {
      assert.ok(row.Result.includes(text), `${name}: ${text} as the table's result cell says (${row.Result})`);
      compared += 1;
    } else if (kind === 'waits') {
      assert.equal(Number(text), run.io[mode].waits, `${name}: the record's IO waits`);
      compared += 1;
    } else if (kind === 'io_task') {
      const value = run.io[mode].task;
      assert.ok(Math.abs(Number(text) - value) <= 0.06, `${name}: ${text} against the record's ${value}`);
      compared += 1;
    } else if (kind === 'switches') {
      assert.equal(text, row.switches, `${name}: the GIL hand-overs of the record`);
      compared += 1;
    } else if (['task_sum', 'longest_task', 'shortest_task'].includes(kind)) {
      const durations = run.tasks[mode];
      const value = { task_sum: durations.reduce((a, b) => a + b, 0), longest_task: Math.max(...durations), shortest_task: Math.min(...durations) }[kind];
      assert.ok(Math.abs(Number(text) - value) <= 0.05 + 0.002 * durations.length, `${name}: ${text} against the record's ${value}`);
      compared += 1;
    } else {
      assert.match(text, /^[\d.,]+( ?[×%]| ms| bytes| KB| MB| µs| s)?$/, `${name} is a number: ${text}`);
    }
  }
  return compared;
}

// Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page.
export async function axeViolations(page) {
  // From the test server (lib/server.mjs), at the page's origin: the page's policy refuses
  // inline scripts and other origins.
  await page.addScriptTag({ url: new URL('/__cp/axe.min.js', page.url()).href });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
}
