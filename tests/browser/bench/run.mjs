// The browser benchmark: runs the built page in headless Chromium and Firefox and in WebKit, repeats each
// measurement after a warm-up, and prints medians with their spread as Markdown tables.
//
//   node bench/run.mjs [foundation|engine|first-run|workloads|views|convoy|locks|own-python|programs|gpu|replay|all] [--runs 5]
//
// Native figures (criterion) are read from target/criterion and target/bench-soft/criterion
// when scripts/bench has produced them. Nothing here is a pass/fail check; goals are printed
// beside the figures.
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { webkitVersion } from '../lib/webkit.mjs';
import { startServer } from '../lib/server.mjs';
import { DIST, ROOT } from '../lib/harness.mjs';
import { FIRST_LOAD_BUDGET, firstLoad } from '../lib/first-load.mjs';
import { number, table } from '../lib/playground.mjs';
import { fmt, summary } from './stats.mjs';
import { locks } from './locks.mjs';
import { ownPython } from './own-python.mjs';
import { programs } from './programs.mjs';
import { gpu } from './gpu.mjs';
import { replay } from './replay.mjs';

const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'all';
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const out = [];
const print = (line = '') => { out.push(line); console.log(line); };

const POLL = { polling: 50 };

async function openReady(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#calibration')?.dataset.done === 'true', { ...POLL, timeout: 60000 });
  return page;
}

async function runOnce(page) {
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
  await page.click('#run');
  await page.waitForFunction(() => document.querySelector('#run').disabled, { ...POLL, timeout: 10000 });
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 600000 });
  return table(page);
}

// Runs the page's current settings once to warm up, then RUNS times; returns every run's rows
// keyed by mode.
async function repeat(page, runs = RUNS) {
  await runOnce(page);
  const all = [];
  for (let i = 0; i < runs; i++) {
    const t = await runOnce(page);
    const byMode = {};
    for (const row of t.rows) {
      byMode[row.mode] = {
        failed: row.failed,
        wall: number(row['Wall time (ms)']),
        startup: number(row['Start-up (ms)']),
        speedup: number(row.Speedup),
        speedupStartup: number(row['Speedup with start-up']),
        gap: number(row['Longest frame gap (ms)']),
        gilSwitches: row.gilSwitches,
      };
    }
    all.push(byMode);
  }
  return all;
}

const col = (runs, mode, key) => summary(runs.map((r) => r[mode]?.[key]));

// The best speedup `workers` can reach with the last Sequential run's tasks handed out in order
// (the page states the same bound, computed in Rust): total work over the last finish.
async function inOrderBound(page, workers) {
  const durations = await page.$eval('.timeline[data-mode="sequential"]', async (figure) => {
    const details = figure.querySelector('details.as-table');
    details.open = true;
    for (let i = 0; i < 100 && !figure.querySelector('.as-table tbody tr'); i++) await new Promise((r) => setTimeout(r, 20));
    const perTask = {};
    for (const tr of figure.querySelectorAll('.as-table tbody tr')) {
      const [, task, kind, , duration] = [...tr.children].map((c) => c.textContent);
      if (kind === 'computing') perTask[task] = (perTask[task] ?? 0) + Number(duration);
    }
    return Object.keys(perTask).sort((a, b) => a - b).map((k) => perTask[k]);
  });
  const free = new Array(workers).fill(0);
  for (const d of durations) free[free.indexOf(Math.min(...free))] += d;
  return durations.reduce((a, b) => a + b, 0) / Math.max(...free);
}

async function foundation(servers) {
  print('## Foundation: primes below 5,000,000 in 8 tasks, 2 workers');
  print();
  print(`Medians of ${RUNS} runs after one warm-up run, with (min–max). "Bound" is the best speedup these 8 unequal tasks allow when handed out in order to 2 workers with no overhead at all (from each run's Sequential task times); "even tasks" runs 8 equal hash-chain tasks instead.`);
  print();
  print('| browser | pool start-up (ms) | Sequential wall (ms) | Threads wall (ms) | speedup (goal ≥ 1.8×) | bound for these tasks | speedup, even tasks |');
  print('|---|---|---|---|---|---|---|');
  for (const name of BROWSERS) {
    const browser = await launch(name);
    let page = await openReady(browser, `${servers.isolated}?workload=primes&limit=5000000&tasks=8&workers=2&modes=sequential,threads`);
    await runOnce(page);
    const runs = [];
    const bounds = [];
    for (let i = 0; i < RUNS; i++) {
      const t = await runOnce(page);
      const row = (mode) => t.rows.find((r) => r.mode === mode);
      runs.push({
        sequential: { wall: number(row('sequential')['Wall time (ms)']) },
        threads: { wall: number(row('threads')['Wall time (ms)']), startup: number(row('threads')['Start-up (ms)']), speedup: number(row('threads').Speedup) },
      });
      bounds.push(await inOrderBound(page, 2));
      console.error(`${name} run ${i + 1}: Sequential ${runs[i].sequential.wall} ms, Threads ${runs[i].threads.wall} ms`);
    }
    await page.close();
    page = await openReady(browser, `${servers.isolated}?workload=hashes&chains=64&rounds=40000&tasks=8&workers=2&modes=sequential,threads`);
    const even = await repeat(page);
    print(`| ${name} | ${fmt(col(runs, 'threads', 'startup'))} | ${fmt(col(runs, 'sequential', 'wall'))} | ${fmt(col(runs, 'threads', 'wall'))} | ${fmt(col(runs, 'threads', 'speedup'), 2, '×')} | ${fmt(summary(bounds), 2, '×')} | ${fmt(col(even, 'threads', 'speedup'), 2, '×')} |`);
    await browser.close();
  }
  print();
}

async function cancelLatency(page) {
  // Start, let it run a while, press Cancel, and time (in the page) until Run is enabled again.
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
  await page.click('#run');
  await page.waitForFunction(() => !document.querySelector('#cancel').disabled, { ...POLL, timeout: 60000 });
  await new Promise((r) => setTimeout(r, 800));
  return page.evaluate(() => new Promise((resolve) => {
    const start = performance.now();
    document.querySelector('#cancel').click();
    const check = () => (document.querySelector('#run').disabled ? setTimeout(check, 1) : resolve(performance.now() - start));
    check();
  }));
}

async function engine(servers) {
  print('## Engine: the lecture\'s shapes');
  print();
  const cpu = 'workload=primes&limit=5000000&tasks=8&workers=2&modes=sequential,threads,gil,processes,coroutines';
  const io = 'workload=downloads&tasks=16&latency_ms=200&workers=16&modes=sequential,threads,gil,processes,coroutines';
  for (const name of BROWSERS) {
    const browser = await launch(name);
    print(`### ${name}`);
    print();
    let page = await openReady(browser, `${servers.isolated}?${cpu}`);
    let runs = await repeat(page);
    print(`CPU-bound: primes below 5,000,000, 8 tasks, 2 workers. Medians of ${RUNS} runs after a warm-up, (min–max).`);
    print();
    print('| mode | wall (ms) | start-up (ms) | speedup | speedup with start-up | goal |');
    print('|---|---|---|---|---|---|');
    const goals = { sequential: '', threads: '≥ 1.8×', gil: '≤ 1.1×', processes: '≥ 1.8×', coroutines: '≈ 1× (no overlap)' };
    for (const mode of Object.keys(goals)) {
      print(`| ${mode} | ${fmt(col(runs, mode, 'wall'))} | ${fmt(col(runs, mode, 'startup'))} | ${fmt(col(runs, mode, 'speedup'), 2, '×')} | ${fmt(col(runs, mode, 'speedupStartup'), 2, '×')} | ${goals[mode]} |`);
    }
    const switches = runs.map((r) => r.gil?.gilSwitches);
    print();
    print(`GIL hand-overs per run: ${fmt(summary(switches), 0)}; per second of GIL run: ${fmt(summary(runs.map((r, i) => switches[i] / (r.gil.wall / 1000))), 0)}.`);
    print();
    await page.close();
    // The old GIL (Python 2: the holder lets go every `ticks` steps and usually takes the lock
    // straight back), in the same sitting, beside the new one's row above.
    page = await openReady(browser, `${servers.isolated}?${cpu.replace(/modes=[^&]*/, 'modes=sequential,gil')}&gil=old&ticks=1`);
    const old = await repeat(page);
    const oldSwitches = old.map((r) => r.gil?.gilSwitches);
    print('| Threads + GIL, old GIL (`gil=old&ticks=1`) | wall (ms) | speedup | hand-overs per second | goal |');
    print('|---|---|---|---|---|');
    print(`| old GIL | ${fmt(col(old, 'gil', 'wall'))} | ${fmt(col(old, 'gil', 'speedup'), 2, '×')} | ${fmt(summary(old.map((r, i) => oldSwitches[i] / (r.gil.wall / 1000))), 0)} | < 1× on 2 cores (Beazley 2010) |`);
    print();
    await page.close();
    page = await openReady(browser, `${servers.isolated}?${io}`);
    runs = await repeat(page, Math.min(RUNS, 3));
    print(`IO-bound: 16 downloads of 200 ms, 16 workers. Medians of ${Math.min(RUNS, 3)} runs, (min–max).`);
    print();
    print('| mode | wall (ms) | speedup | goal |');
    print('|---|---|---|---|');
    for (const mode of ['sequential', 'threads', 'gil', 'processes', 'coroutines']) {
      const goal = mode === 'gil' || mode === 'coroutines' ? '≥ 8×' : '';
      print(`| ${mode} | ${fmt(col(runs, mode, 'wall'))} | ${fmt(col(runs, mode, 'speedup'), 1, '×')} | ${goal} |`);
    }
    print();
    await page.close();
    print('Cancel: time from the click to the end of the run (ms), median of 5 (min–max); goal under 200 ms.');
    print();
    print('| mode | cancel latency (ms) |');
    print('|---|---|');
    for (const mode of ['sequential', 'threads', 'gil', 'processes', 'coroutines']) {
      page = await openReady(browser, `${servers.isolated}?workload=primes&limit=60000000&tasks=16&workers=2&modes=${mode}`);
      const times = [];
      for (let i = 0; i < 5; i++) times.push(await cancelLatency(page));
      print(`| ${mode} | ${fmt(summary(times))} |`);
      await page.close();
    }
    print();
    await browser.close();
  }
}

// The longest warm-up of each mode's units in the last run, from its timeline's table (ms).
async function longestWarmUps(page, modes) {
  return page.evaluate(async (modes) => {
    const out = {};
    for (const mode of modes) {
      const figure = document.querySelector(`.timeline[data-mode="${mode}"]`);
      const details = figure?.querySelector('details.as-table');
      if (!details) continue;
      details.open = true;
      for (let i = 0; i < 100 && !figure.querySelector('.as-table tbody tr'); i++) await new Promise((r) => setTimeout(r, 20));
      let longest = 0;
      for (const tr of figure.querySelectorAll('.as-table tbody tr')) {
        const [, , kind, , duration] = [...tr.children].map((c) => c.textContent);
        if (kind.startsWith('warming up')) longest = Math.max(longest, Number(duration));
      }
      out[mode] = longest;
    }
    return out;
  }, modes);
}

// A first run in a fresh browser against warmed ones. Each sample launches the browser anew
// (a new profile: nothing compiled or cached), opens the page (which calibrates), runs the
// modes once (the first run), then twice more in the same page (warmed).
async function firstRun(servers) {
  const modes = ['sequential', 'threads', 'processes'];
  const settings = `workload=primes&limit=5000000&tasks=8&workers=2&modes=${modes.join(',')}`;
  print('## First run in a fresh browser, against warmed runs');
  print();
  print(`\`${settings}\`. ${RUNS} launches of each browser, each with a fresh profile; in each, the first run, then two more in the same page (warmed): medians (min–max) of ${RUNS} first runs and ${2 * RUNS} warmed ones. "Warm-up" is the longest any unit or pool thread of the mode warmed up before its clock started (drawn, not timed). "Flagged" counts the rows whose speedup the page flagged as more than the cores or workers allow.`);
  print();
  for (const name of BROWSERS) {
    const first = [];
    const warmed = [];
    for (let i = 0; i < RUNS; i++) {
      const browser = await launch(name);
      try {
        const page = await openReady(browser, `${servers.isolated}?${settings}`);
        for (let run = 0; run < 3; run++) {
          const t = await runOnce(page);
          const warmUps = await longestWarmUps(page, modes);
          const flagged = await page.evaluate(() => document.querySelectorAll('#results small.beyond-cores').length);
          const byMode = { flagged };
          for (const row of t.rows) {
            byMode[row.mode] = {
              wall: number(row['Wall time (ms)']),
              speedup: number(row.Speedup),
              efficiency: number(row.Efficiency),
              warmUp: warmUps[row.mode],
            };
          }
          (run === 0 ? first : warmed).push(byMode);
          console.error(`${name} launch ${i + 1} run ${run + 1}: ${modes.map((m) => `${m} ${byMode[m]?.wall} ms (${byMode[m]?.speedup}×, warm-up ${byMode[m]?.warmUp} ms)`).join(', ')}; flagged ${flagged}`);
        }
        await page.close();
      } finally {
        await browser.close();
      }
    }
    const flags = (runs) => `${runs.reduce((n, r) => n + (r.flagged > 0 ? 1 : 0), 0)} of ${runs.length}`;
    print(`### ${name}`);
    print();
    print('| mode | wall, first (ms) | wall, warmed (ms) | speedup, first | speedup, warmed | efficiency, first | warm-up, first (ms) | warm-up, warmed (ms) |');
    print('|---|---|---|---|---|---|---|---|');
    for (const mode of modes) {
      const eff = mode === 'sequential' ? '–' : fmt(col(first, mode, 'efficiency'), 0, '%');
      const speed = (runs) => (mode === 'sequential' ? '–' : fmt(col(runs, mode, 'speedup'), 2, '×'));
      print(`| ${mode} | ${fmt(col(first, mode, 'wall'))} | ${fmt(col(warmed, mode, 'wall'))} | ${speed(first)} | ${speed(warmed)} | ${eff} | ${fmt(col(first, mode, 'warmUp'), 0)} | ${fmt(col(warmed, mode, 'warmUp'), 0)} |`);
    }
    print();
    print(`Runs with a flagged row: first ${flags(first)}, warmed ${flags(warmed)}. First run's Sequential over the warmed median: ${fmt(summary(first.map((r) => r.sequential?.wall / col(warmed, 'sequential', 'wall').median)), 2, '×')}.`);
    print();
  }
}

function criterionMedian(dir, name) {
  const file = join(ROOT, dir, 'criterion', 'sequential', name, 'new', 'estimates.json');
  if (!existsSync(file)) return NaN;
  return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate / 1e6;
}

async function workloads(servers) {
  const cases = JSON.parse(readFileSync(new URL('./workloads.json', import.meta.url), 'utf8'));
  print('## Workloads: wasm against native, same source');
  print();
  print(`Sequential wall time (ms): browsers, medians of ${RUNS} runs after a warm-up run; native, criterion's median (\`cargo bench --bench workloads\`). Ratio = wasm / native (goal ≤ 1.3×). Native SHA-256 uses the crate's portable backend, as wasm does; the figure with the CPU's SHA instructions is beside it.`);
  print();
  const wasm = {};
  for (const name of BROWSERS) {
    const browser = await launch(name);
    for (const [kind, query] of Object.entries(cases)) {
      const page = await openReady(browser, `${servers.isolated}?${query}&modes=sequential`);
      const runs = await repeat(page);
      wasm[`${name}/${kind}`] = col(runs, 'sequential', 'wall');
      await page.close();
    }
    await browser.close();
  }
  print('| workload | native (ms) | Chromium (ms) | ratio | Firefox (ms) | ratio |');
  print('|---|---|---|---|---|---|');
  for (const kind of Object.keys(cases)) {
    const native = criterionMedian('target/bench-soft', kind);
    const hw = criterionMedian('target', kind);
    const nativeText = kind === 'hashes' ? `${native.toFixed(1)} (with SHA instructions: ${hw.toFixed(1)})` : native.toFixed(1);
    const c = wasm[`chromium/${kind}`];
    const f = wasm[`firefox/${kind}`];
    print(`| ${kind} | ${nativeText} | ${fmt(c)} | ${(c.median / native).toFixed(2)}× | ${fmt(f)} | ${(f.median / native).toFixed(2)}× |`);
  }
  const recordingFile = join(ROOT, 'target/bench-soft/recording.json');
  if (existsSync(recordingFile)) {
    const { recorded_ms: recorded, bare_ms: bare } = JSON.parse(readFileSync(recordingFile, 'utf8'));
    print();
    print(`Recording (native, primes, medians of 11 alternated runs): ${recorded.toFixed(1)} ms with the unit's log, ${bare.toFixed(1)} ms without: ${(100 * (recorded / bare - 1)).toFixed(2)}% (goal under 2%).`);
  }
  print();
}

function transferSize() {
  let raw = 0;
  let gz = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (!entry.startsWith('.')) {
        const body = readFileSync(path);
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
      }
    }
  };
  walk(DIST);
  return { raw, gz };
}

// The first load: index.html and the script, wasm and stylesheet it names (the lessons file and
// the workers' scripts load later, when used).
function firstLoadSize() {
  const html = readFileSync(join(DIST, 'index.html'));
  const names = [...html.toString().matchAll(/(?:href|src)="\.?\/?([^"?#]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  const files = [...new Set(names)];
  let gz = gzipSync(html, { level: 9 }).length;
  for (const name of files) gz += gzipSync(readFileSync(join(DIST, name)), { level: 9 }).length;
  return { gz, files };
}

async function views(servers) {
  print('## Views: start-up, size, drawing');
  print();
  const size = transferSize();
  print(`What the page transfers (every file of dist/): ${(size.raw / 1024).toFixed(0)} KB, ${(size.gz / 1024).toFixed(0)} KB gzipped (goal under 350 KB).`);
  const first = firstLoad(DIST);
  const parts = first.files.map((f) => `${f.file.replace(/-[0-9a-f]{16}/, '')} ${f.gzipped}`).join(', ');
  print(`First load (index.html and the files it names, gzipped at level 9): ${first.total} B (budget ${FIRST_LOAD_BUDGET} B; e2e/first-load.test.mjs fails over it): ${parts}.`);
  print();
  print('| browser | navigation to interactive, cold cache (ms) | timeline of ~10,000 intervals: results to drawn (ms) |');
  print('|---|---|---|');
  const dense = 'workload=hashes&chains=40&rounds=12800&tasks=40&modes=coroutines&yield_every=1';
  for (const name of BROWSERS) {
    const browser = await launch(name);
    const starts = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(servers.isolated);
      await page.waitForFunction(() => { const b = document.querySelector('#run'); return b && !b.disabled; }, { polling: 'mutation', timeout: 60000 });
      const t = await page.evaluate(() => performance.now());
      if (i > 0) starts.push(t);
      await context.close();
    }
    const page = await openReady(browser, `${servers.isolated}?${dense}`);
    const draws = [];
    let intervals = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      await page.evaluate(() => performance.clearMarks());
      await runOnce(page);
      const d = await page.evaluate(() => {
        const done = performance.getEntriesByName('cp-mode-finished').pop();
        const drawn = performance.getEntriesByName('cp-timeline-drawn').pop();
        return done && drawn ? drawn.startTime - done.startTime : NaN;
      });
      intervals = await page.$$eval('.timeline .as-table caption', (c) => Number(c[0].textContent.split(' ')[0]));
      if (i > 0) draws.push(d);
    }
    print(`| ${name} | ${fmt(summary(starts))} | ${fmt(summary(draws))} for ${intervals} intervals (goal under 100 ms) |`);
    await browser.close();
  }
  print();
}

// The convoy lesson as a student runs it (its own settings: 100 waits of 1 ms beside a task that
// computes, under the GIL), its figures read from "What happened", which quotes the record.
async function convoy(servers) {
  print('## The convoy effect: the page beside CPython');
  print();
  print(`The convoy lesson's own settings (\`?lesson=convoy\`: one task waits 1 ms 100 times, a little work after each wait, beside one task computing 1 s, 2 workers, the new GIL, 5 ms). Medians of ${RUNS} runs after a warm-up, (min–max). "Served late" is the time from a wait's end until the task computed again, summed; CPython's row (run in this sitting by \`cpython_shapes.py convoy\`) follows.`);
  print();
  print('| browser | IO task alone, Sequential (ms) | IO task beside computing, Threads + GIL (ms) | beside / alone | served late per wait (ms) | late / IO task total |');
  print('|---|---|---|---|---|---|');
  const quantity = (page, name) => page.$eval(`[data-quantity="${name}"]`, (e) => Number(e.textContent.replace(/[^0-9.]/g, '')));
  for (const name of BROWSERS) {
    const browser = await launch(name);
    const page = await browser.newPage();
    await page.goto(`${servers.isolated}?lesson=convoy&v=1`);
    await page.waitForSelector('label[for="answer-skip"]', { timeout: 60000 });
    await page.click('label[for="answer-skip"]');
    const rows = [];
    for (let i = 0; i < RUNS + 1; i++) {
      await runOnce(page);
      await page.waitForSelector('[aria-label="What happened"]', { timeout: 60000 });
      const alone = await quantity(page, 'io_task.sequential');
      const beside = await quantity(page, 'io_task.gil');
      const late = await quantity(page, 'served_late_total.gil');
      const perWait = await quantity(page, 'served_late_mean.gil');
      if (i > 0) rows.push({ alone, beside, ratio: beside / alone, perWait, share: late / beside });
    }
    const s = (key) => summary(rows.map((r) => r[key]));
    print(`| ${name} | ${fmt(s('alone'))} | ${fmt(s('beside'))} | ${fmt(s('ratio'), 2, '×')} | ${fmt(s('perWait'), 2)} | ${fmt(summary(rows.map((r) => r.share * 100)), 0, '%')} |`);
    await browser.close();
  }
  print();
}

const servers = {};
const isolated = await startServer({ dir: DIST, isolation: true });
servers.isolated = isolated.url;
print(`# Benchmark run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
print();
// What ran, as the programs themselves report it (not typed by hand).
print(`Machine: ${cpus().length} logical CPUs (${cpus()[0]?.model.trim()}), Linux ${release()}; Node ${process.version}.`);
for (const name of BROWSERS) {
  const browser = await launch(name);
  print(`- ${name}: ${await browser.version()}`);
  await browser.close();
}
print();
if (BROWSERS.includes('webkit')) {
  print(`webkit: WebKitGTK ${webkitVersion()} (Safari's engine), its MiniBrowser driven by WebKitWebDriver (W3C WebDriver, selenium-webdriver) on Xvfb, with JSC_useSharedArrayBuffer=1 (SharedArrayBuffer on isolated pages, as Safari 15.2+) and without accelerated compositing (no GPU here).`);
  print();
}
const sections = { foundation, engine, 'first-run': firstRun, workloads, views, convoy, locks: (s) => locks(s, print, RUNS), 'own-python': () => ownPython(print, RUNS), programs: () => programs(print, RUNS), gpu: (s) => gpu(s, print, RUNS), replay: (s) => replay(s, print) };
for (const [name, section] of Object.entries(sections)) {
  if (which === 'all' || which === name) await section(servers);
}
await isolated.close();
export default out;
