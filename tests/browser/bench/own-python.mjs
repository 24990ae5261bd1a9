// The Python lab's benchmark section (scripts/bench own-python): in each browser, the
// interpreter's start-up (Pyodide in a module worker, from the worker's creation to Python
// ready) on a cold visit (a fresh browser profile, nothing cached) and on a second visit (its
// files from the HTTP cache, as www/_headers lets a host keep them for a day); the primes
// template's Sequential and Processes (2 workers) wall times and speed-up; and the same code's
// times in native CPython (a for loop, and multiprocessing.Pool(2)). Medians (min–max).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { hostHeaders, startServer } from '../lib/server.mjs';
import { DIST, ROOT } from '../lib/harness.mjs';
import { fmt, summary } from './stats.mjs';

const POLL = { polling: 50 };
const TASKS = 8;
const QUERY = `?lab=python&v=1&template=primes&tasks=${TASKS}&workers=2&modes=sequential,processes&time_limit=600`;

function primesCode() {
  const source = readFileSync(join(ROOT, 'src', 'own_python', 'templates.rs'), 'utf8');
  return /const PRIMES: &str = r#"([\s\S]*?)"#;/.exec(source)[1];
}

// One run of the lab's current code: each mode's start-up and wall time, ms.
async function runOnce(page) {
  await page.waitForFunction(() => document.querySelector('#run') && !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
  await page.click('#run');
  await page.waitForFunction(() => !document.querySelector('#cancel').disabled, { ...POLL, timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('#cancel').disabled, { ...POLL, timeout: 600000 });
  return page.$$eval('#python-results tbody tr', (rows) => Object.fromEntries(rows.map((tr) => [tr.dataset.mode, {
    startup: Number(tr.dataset.startupMs), wall: Number(tr.dataset.wallMs), failed: tr.dataset.failed === 'true',
  }])));
}

async function visit(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  return page;
}

// Native CPython on the same code: the tasks in a for loop, and in multiprocessing.Pool(2).
function cpython(runs) {
  const driver = `${primesCode()}
import json, multiprocessing, time
if __name__ == "__main__":
    out = []
    with multiprocessing.Pool(2) as pool:
        pool.starmap(task, [(0, ${TASKS}), (1, ${TASKS})], chunksize=1)  # the pool's processes started
        for _ in range(${runs}):
            t = time.perf_counter(); [task(i, ${TASKS}) for i in range(${TASKS})]; seq = time.perf_counter() - t
            t = time.perf_counter(); pool.starmap(task, [(i, ${TASKS}) for i in range(${TASKS})], chunksize=1); par = time.perf_counter() - t
            out.append([seq * 1000, par * 1000])
    print(json.dumps(out))
`;
  // A file, not -c: multiprocessing's forkserver and spawn start methods import the main module.
  const file = join(mkdtempSync(join(tmpdir(), 'cp-bench-')), 'primes.py');
  writeFileSync(file, driver);
  return JSON.parse(execFileSync('python3', [file], { encoding: 'utf8' }));
}

export async function ownPython(print, runs) {
  // Every file may be cached for a day here (www/_headers lets hosts keep Pyodide's that long).
  const server = await startServer({ dir: DIST, isolation: true, extraHeaders: hostHeaders('/python/pyodide/*') });
  const url = server.url + QUERY;
  print('## Your own Python (Pyodide)');
  print();
  print(`The primes template (\`scripts/bench own-python\`), ${TASKS} tasks; Processes with 2 workers. Start-up: one interpreter (the Sequential row), from the worker's creation to Python ready. Cold: a fresh browser profile each time (${runs} visits); cached: the same browser's next visits (${runs}), Pyodide's files from the HTTP cache. Medians (min–max).`);
  print();
  print('| browser | start-up, cold (ms) | start-up, cached (ms) | 2 interpreters at once (ms) | Sequential (ms) | Processes ×2 (ms) | speed-up |');
  print('|---|---|---|---|---|---|---|');
  for (const name of BROWSERS) {
    const cold = [];
    const cached = [];
    for (let i = 0; i < runs; i++) {
      const browser = await launch(name);
      try {
        const page = await visit(browser, url);
        cold.push(await runOnce(page));
        await page.close();
        const again = await visit(browser, url);
        cached.push(await runOnce(again));
        await again.close();
      } finally {
        await browser.close();
      }
    }
    const col = (list, mode, key) => summary(list.map((r) => (r[mode] && !r[mode].failed ? r[mode][key] : NaN)));
    const speedups = summary(cached.map((r) => r.sequential.wall / r.processes.wall));
    print(`| ${name} | ${fmt(col(cold, 'sequential', 'startup'), 0)} | ${fmt(col(cached, 'sequential', 'startup'), 0)} | ${fmt(col(cached, 'processes', 'startup'), 0)} | ${fmt(col(cached, 'sequential', 'wall'), 0)} | ${fmt(col(cached, 'processes', 'wall'), 0)} | ${fmt(speedups, 2, 'x')} |`);
  }
  const native = cpython(runs);
  const version = execFileSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim();
  print(`| CPython ${version}, native | – | – | – | ${fmt(summary(native.map((r) => r[0])), 0)} | ${fmt(summary(native.map((r) => r[1])), 0)} | ${fmt(summary(native.map((r) => r[0] / r[1])), 2, 'x')} |`);
  print();
  await server.close();
}
