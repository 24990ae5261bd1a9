// The generated Python programs beside the page, from one sitting: for each experiment the page
// runs every mode in Chromium (after a warm-up run), then the programs it shows for that run
// are run with this machine's python3, one after another. Prints Markdown: each mode's wall
// time and speedup over its own Sequential, on the page and in CPython, and whether the
// checksums agree. Not a test: nothing here passes or fails.
//
//   node bench/python.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../lib/browsers.mjs';
import { startServer } from '../lib/server.mjs';
import { DIST } from '../lib/harness.mjs';
import { number, table } from '../lib/playground.mjs';

const EXPERIMENTS = [
  ['primes below 1,000,000 in 8 tasks, 2 workers', 'workload=primes&tasks=8&limit=1000000&workers=2'],
  ['16 downloads of 200 ms, 16 workers', 'workload=downloads&tasks=16&latency_ms=200&jitter_ms=0&workers=16'],
  ['mixed: 8 tasks of 20 ms wait and 20 ms computing, 2 workers', 'workload=mixed&tasks=8&io_ms=20&cpu_ms=20&workers=2'],
];
const MODES = 'sequential,threads,gil,processes,coroutines';
const POLL = { polling: 50 };

async function runPage(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => /per ms|guess/.test(document.querySelector('#calibration')?.textContent ?? ''), { ...POLL, timeout: 60000 });
  for (let i = 0; i < 2; i++) { // a warm-up run, then the measured one
    await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('#run').disabled, { ...POLL, timeout: 10000 });
    await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 600000 });
  }
  const rows = (await table(page)).rows;
  const programs = await page.$$eval('details.python-program', (all) => all.map((d) => ({
    mode: d.dataset.mode,
    code: d.querySelector('pre code.language-python').textContent,
  })));
  await page.close();
  return { rows, programs };
}

const server = await startServer({ dir: DIST, isolation: true });
const browser = await launch('chromium');
const dir = mkdtempSync(join(tmpdir(), 'cp-bench-python-'));
const version = execFileSync('python3', ['-c', 'import platform; print(platform.python_implementation(), platform.python_version())'], { encoding: 'utf8' }).trim();
console.log(`## The generated Python programs beside the page (Chromium and ${version}, one sitting, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
console.log();
console.log('Each mode\'s wall time and speedup over its own Sequential: the page (Rust in wasm, after a warm-up run) and the program the page showed for that run, run with python3.');
for (const [title, query] of EXPERIMENTS) {
  const { rows, programs } = await runPage(browser, `${server.url}?${query}&modes=${MODES}`);
  const cpython = {};
  for (const { mode, code } of programs) {
    const file = join(dir, `${mode}.py`);
    writeFileSync(file, code);
    const out = execFileSync('python3', [file], { cwd: dir, encoding: 'utf8', timeout: 600000 });
    cpython[mode] = JSON.parse(out.trim().split('\n').at(-1));
  }
  console.log();
  console.log(`### ${title}`);
  console.log();
  console.log('| mode | page wall (ms) | page speedup | CPython wall (ms) | CPython speedup | same checksum |');
  console.log('|---|---|---|---|---|---|');
  const base = cpython.sequential?.wall_ms;
  for (const row of rows) {
    const py = cpython[row.mode];
    const pageWall = row.failed ? 'did not run' : number(row['Wall time (ms)']).toFixed(1);
    const pySpeedup = py && base ? `${(base / py.wall_ms).toFixed(2)}×` : '–';
    console.log(`| ${row.mode} | ${pageWall} | ${row.Speedup ?? '–'} | ${py ? py.wall_ms.toFixed(1) : '–'} | ${pySpeedup} | ${py && py.checksum === row.checksum ? 'yes' : 'NO'} |`);
  }
}
rmSync(dir, { recursive: true, force: true });
await browser.close();
await server.close();
