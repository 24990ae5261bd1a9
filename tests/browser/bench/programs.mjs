// The program form's benchmark section (scripts/bench programs): in each browser and in native
// CPython (spawn start method, as the page has it), four programs that time themselves and
// print their figures as JSON on their last line:
// - start-up: from Process.start() to the target's first line (time.time() on both sides; the
//   page's workers share the page's clock), five children one after another: the first start
//   on the interpreters kept ready
//   (min(cores, 4), less the one the main process took), the others on fresh ones, which
//   restore the page's snapshot of a started interpreter (how long the page took to make it:
//   its marks);
// - speed-up: a CPU-bound job (primes in 8 ranges) on Pool(1) and on Pool(2), each pool's
//   processes all started first (each has answered) so that their start-up is not timed;
// - beside sleepers: a computing child's own time alone, then beside 6 processes that sleep
//   (each has said it started before the compute starts);
// - sleepers: 8 processes told to sleep 1 s at once, from the go to the last wake.
// Each is run once the page has made its snapshot and its interpreters ready (as while a
// student reads the program), so that no start-up of the page's runs beside what is timed.
// Medians (min–max) of --runs runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { startServer } from '../lib/server.mjs';
import { DIST } from '../lib/harness.mjs';
import { programValue } from '../lib/programs.mjs';
import { fmt, summary } from './stats.mjs';

const COMMON = `import json, multiprocessing as mp, sys, time

def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True

def count(bounds):
    return sum(1 for n in range(*bounds) if is_prime(n))
`;

const PROGRAMS = {
  startup: `${COMMON}
def first_line(q):
    q.put(time.time())

if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    q, out = mp.Queue(), []
    for _ in range(5):
        t = time.time()
        p = mp.Process(target=first_line, args=(q,))
        p.start()
        out.append((q.get() - t) * 1000)
        p.join()
    # The page keeps min(cores, 4) interpreters ready and the main process took one (natively
    # every child is the same).
    kept = min(mp.cpu_count(), 4) - 1 if sys.platform == "emscripten" else 1
    print(json.dumps({"ready": out[:kept], "fresh": out[kept:]}))
`,
  speedup: `${COMMON}
def whoami(_):
    time.sleep(0.2)
    return mp.current_process().name

if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    ranges = [(i * 60000, (i + 1) * 60000) for i in range(8)]
    times = {}
    for k in (1, 2):
        with mp.Pool(k) as pool:
            # Every process of the pool started before the timed map (each answers once).
            while len(set(pool.map(whoami, range(k), chunksize=1))) < k:
                pass
            t = time.perf_counter()
            pool.map(count, ranges, chunksize=1)
            times[k] = (time.perf_counter() - t) * 1000
    print(json.dumps({"one": times[1], "two": times[2]}))
`,
  beside: `${COMMON}
def compute(q):
    t = time.perf_counter()
    count((0, 150000))
    q.put((time.perf_counter() - t) * 1000)

def sleep(asleep, seconds):
    asleep.put(1)
    time.sleep(seconds)

if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    q, asleep = mp.Queue(), mp.Queue()
    p = mp.Process(target=compute, args=(q,)); p.start(); alone = q.get(); p.join()
    sleepers = [mp.Process(target=sleep, args=(asleep, 60)) for _ in range(6)]
    for s in sleepers:
        s.start()
    # Every sleeper has started (and so is asleep, or about to be) before the timed compute.
    for _ in sleepers:
        asleep.get()
    time.sleep(0.2)
    p = mp.Process(target=compute, args=(q,)); p.start(); beside = q.get(); p.join()
    for s in sleepers:
        s.terminate()
        s.join()
    print(json.dumps({"alone": alone, "beside": beside}))
`,
  sleepers: `${COMMON}
def nap(ready, go, done):
    ready.put(1)
    go.wait()
    time.sleep(1.0)
    done.put(1)

if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    ready, go, done = mp.Queue(), mp.Event(), mp.Queue()
    naps = [mp.Process(target=nap, args=(ready, go, done)) for _ in range(8)]
    for p in naps:
        p.start()
    for _ in naps:
        ready.get()
    t = time.perf_counter()
    go.set()
    for _ in naps:
        done.get()
    elapsed = (time.perf_counter() - t) * 1000
    for p in naps:
        p.join()
    print(json.dumps({"sleepers": elapsed}))
`,
};

// Runs `code` as main.py in the page at `base`: its last line, parsed.
async function inPage(browser, base, code) {
  const program = { main: 'main.py', argv: [], files: { 'main.py': code } };
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  try {
    await page.goto(`${base}?lab=python&v=1&program=${await programValue(program)}`);
    await page.waitForFunction(() => document.querySelector('.file-tab[aria-selected="true"]') && !document.querySelector('#run').disabled, { polling: 100, timeout: 60000 });
    // Time for the form to make its snapshot and its interpreters ready, as while a student
    // reads the program (so that no start-up runs beside what is timed).
    await page.waitForFunction(() => {
      const d = self.cpViewsBindings?.cp_diagnostics();
      return performance.getEntriesByName('cp-snapshot-made').length > 0 && d?.pythonReady > 0 && d.pythonWarm === d.pythonReady;
    }, { polling: 100, timeout: 120000 });
    await page.click('#run');
    await page.waitForFunction(() => document.querySelector('#exit-status') && document.querySelector('#cancel').disabled, { polling: 100, timeout: 600000 });
    const text = await page.evaluate(() => document.querySelector('#terminal').textContent);
    // The page's marks around its snapshot of a started interpreter (src/web/python_snapshot.rs).
    const snapshot = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
      return at('cp-snapshot-made') - at('cp-snapshot-asked');
    });
    return { ...JSON.parse(text.trim().split('\n').at(-1)), snapshot };
  } finally {
    await page.close();
  }
}

function native(code) {
  const dir = mkdtempSync(join(tmpdir(), 'cp-bench-'));
  try {
    writeFileSync(join(dir, 'main.py'), code);
    const out = execFileSync('python3', ['main.py'], { cwd: dir, encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function programs(print, runs) {
  const server = await startServer({ dir: DIST, isolation: true });
  print('## Whole programs in the Python lab (multiprocessing on Pyodide)');
  print();
  print(`\`scripts/bench programs\`: each program times itself (see tests/browser/bench/programs.mjs); ${runs} runs each, a fresh page per run in one browser. Start-up: Process.start() to the target's first line, 5 children started one after another, Run pressed once the page has made its snapshot and its interpreters ready (each program): the first ones on interpreters kept ready (min(cores, 4) less the main process's), the others on fresh workers that restore the page's snapshot of a started interpreter (made once per page: "snapshot made", from the page's marks). Speed-up: primes in 8 ranges, Pool(1) against Pool(2), every process of each pool started (each has answered) before the timed map. Beside sleepers: a computing child's own time alone and beside 6 sleeping processes. Sleepers: 8 processes told to sleep 1 s at once, from the go to the last wake. Medians (min–max).`);
  print();
  print('| where | snapshot made (ms) | child start-up, ready (ms) | child start-up, fresh (ms) | Pool(1) (ms) | Pool(2) (ms) | speed-up | computing alone (ms) | beside 6 sleepers (ms) | 8 sleepers of 1 s (ms) |');
  print('|---|---|---|---|---|---|---|---|---|---|');
  const row = (where, results) => {
    const pick = (name, key) => summary(results[name].map((r) => r[key]));
    const ready = summary(results.startup.flatMap((r) => r.ready));
    const fresh = summary(results.startup.flatMap((r) => r.fresh));
    const speedups = summary(results.speedup.map((r) => r.one / r.two));
    const made = results.startup.map((r) => r.snapshot).filter(Number.isFinite);
    print(`| ${where} | ${made.length ? fmt(summary(made), 0) : '–'} | ${fmt(ready, 0)} | ${fmt(fresh, 0)} | ${fmt(pick('speedup', 'one'), 0)} | ${fmt(pick('speedup', 'two'), 0)} | ${fmt(speedups, 2, 'x')} | ${fmt(pick('beside', 'alone'), 0)} | ${fmt(pick('beside', 'beside'), 0)} | ${fmt(pick('sleepers', 'sleepers'), 0)} |`);
  };
  for (const name of BROWSERS) {
    const browser = await launch(name);
    const results = {};
    try {
      for (const [key, code] of Object.entries(PROGRAMS)) {
        results[key] = [];
        for (let i = 0; i < runs; i++) results[key].push(await inPage(browser, server.url, code));
      }
    } finally {
      await browser.close();
    }
    row(name, results);
  }
  const results = Object.fromEntries(Object.entries(PROGRAMS).map(([key, code]) => [key, Array.from({ length: runs }, () => native(code))]));
  const version = execFileSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim();
  row(`CPython ${version}, native, spawn`, results);
  print();
  await server.close();
}
