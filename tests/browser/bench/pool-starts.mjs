// Pool starts, measured (`scripts/bench pool-starts`): in headless Chromium and Firefox, starts
// a fresh unit worker, a rayon pool of 2 threads in it and a small job on the pool, then ends
// the unit, STARTS times for each way of starting the pool, taking turns: wasm-bindgen-rayon's
// `initThreadPool` ("crate"), the app's spawn handler with the page starting the threads
// ("ours"), the same spawn handler with the unit starting them ("nested": nested workers as the
// crate's, but from a plain address), and, without wasm, a unit that starts two module workers
// that only say hello ("bare"; "both threads ran a job" then means both said hello; "classic",
// not run by default, is the same with classic workers). A start that has not finished its job
// within 10 s counts as hung; for each one it prints every step that did happen and whether the
// unit still answered. Prints Markdown; the raw records go to
// tests/browser/artifacts/pool-starts-<browser>.json.
//
//   node bench/pool-starts.mjs [--starts 200] [--browsers chromium,firefox] [--pools crate,ours,nested,bare,classic]
//       [--gap-ms 0] [--no-isolation] [--no-automation [--remote-agent]]
//
// Expects the reproducer built into tests/pool-starts/dist (scripts/bench does it).
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { startServer } from '../lib/server.mjs';
import { ARTIFACTS, ROOT } from '../lib/harness.mjs';
import { summary } from './stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const STARTS = Number(option('--starts', 200));
const browsers = option('--browsers', BROWSERS.join(',')).split(',');
const POOLS = option('--pools', 'crate,ours,nested,bare').split(',');
const TIMEOUT_MS = 10000;
// A pause between one start's end and the next start, ms (0: the next unit starts at once).
const GAP_MS = Number(option('--gap-ms', 0));
const LABELS = {
  crate: 'wasm-bindgen-rayon 1.3.0 `initThreadPool` (the unit starts the threads)',
  ours: 'ours (the page starts the threads)',
  nested: 'ours, but the unit starts the threads',
  bare: 'no wasm: the unit starts 2 module workers that only say hello',
  classic: 'no wasm: the same with 2 classic workers',
};
const DIR = join(ROOT, 'tests', 'pool-starts', 'dist');
if (!existsSync(join(DIR, 'index.html'))) throw new Error('tests/pool-starts/dist is missing: run scripts/bench pool-starts');

const out = [];
const print = (line = '') => { out.push(line); console.log(line); };
const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const quantile = (values, q) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
};

async function measure(name, url) {
  const browser = await launch(name);
  const version = await browser.version();
  const page = await browser.newPage();
  const console_ = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') console_.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => console_.push(`uncaught: ${e?.message ?? e}`));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'ready', { timeout: 60000 });
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  const records = [];
  for (let i = 0; i < STARTS; i++) {
    for (const pool of [...POOLS.slice(i % POOLS.length), ...POOLS.slice(0, i % POOLS.length)]) {
      const record = await page.evaluate((p, t) => window.startOnce(p, { timeoutMs: t }), pool, TIMEOUT_MS);
      records.push({ start: i, ...record });
      if (GAP_MS) await new Promise((r) => setTimeout(r, GAP_MS));
      if (!record.ok) console.error(`${name} ${pool} start ${i}: ${record.why}`);
    }
    if ((i + 1) % 50 === 0) console.error(`${name}: ${i + 1} of ${STARTS} starts of each pool`);
  }
  await browser.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `pool-starts-${name}.json`), JSON.stringify({ version, isolated, console: console_, records }, null, 1));
  return { name, version, isolated, console: console_, records };
}

// The same measurement with no automation at all (`--no-automation`): the browser is started as
// a plain process with a fresh profile and the page's address, the page runs the starts itself
// and posts each record to a small server here. Rules out the driver (WebDriver BiDi, CDP) as a
// cause. Console messages are not collected this way.
const EXECUTABLES = { chromium: ['chromium', 'chromium-browser'], firefox: ['firefox-esr', 'firefox'] };
async function measureWithoutAutomation(name, url) {
  const executable = EXECUTABLES[name]
    .map((n) => { try { return execSync(`command -v ${n}`, { shell: '/bin/sh', encoding: 'utf8' }).trim(); } catch { return ''; } })
    .find(Boolean);
  if (!executable) throw new Error(`${name} is not installed: run scripts/setup`);
  const version = execSync(`${executable} --version`, { encoding: 'utf8' }).trim();
  const profile = mkdtempSync(join(tmpdir(), 'pool-starts-'));
  const records = [];
  let isolated;
  let finish;
  const finished = new Promise((r) => { finish = r; });
  const reports = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' }).end();
      if (req.method !== 'POST') return;
      const record = JSON.parse(body);
      if (record.done) { isolated = record.isolated; finish(); return; }
      records.push(record);
      if (!record.ok) console.error(`${name} ${record.pool} start ${record.start}: ${record.why}`);
    });
  });
  await new Promise((r) => reports.listen(0, '127.0.0.1', r));
  const query = new URLSearchParams({ pools: POOLS.join(','), starts: String(STARTS), report: `http://127.0.0.1:${reports.address().port}/` });
  const address = `${url}?${query}`;
  let command;
  if (name === 'firefox') {
    // No first-run pages or background tabs: the page must stay the visible tab.
    writeFileSync(join(profile, 'user.js'), ['browser.aboutwelcome.enabled', 'datareporting.policy.dataSubmissionEnabled',
      'toolkit.telemetry.reporting.enabled', 'browser.shell.checkDefaultBrowser', 'app.update.enabled']
      .map((pref) => `user_pref("${pref}", false);`).concat('user_pref("browser.startup.homepage_override.mstone", "ignore");').join('\n'));
    // --remote-agent: Firefox's remote agent (what WebDriver BiDi talks to) listens, unused.
    const agent = args.includes('--remote-agent') ? ['--remote-debugging-port', '0'] : [];
    command = ['--headless', '--no-remote', ...agent, '--profile', profile, address];
  } else {
    command = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${profile}`, address];
  }
  // Its own process group, so that ending it ends its helper processes too.
  const browser = spawn(executable, command, { stdio: 'ignore', detached: true });
  const limit = setTimeout(finish, STARTS * POOLS.length * (TIMEOUT_MS + 2000));
  await finished;
  clearTimeout(limit);
  const exited = new Promise((r) => browser.once('exit', r));
  process.kill(-browser.pid, 'SIGTERM');
  await exited;
  await new Promise((r) => setTimeout(r, 1000));
  await new Promise((r) => reports.close(r));
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `pool-starts-${name}.json`), JSON.stringify({ version, isolated, records }, null, 1));
  const how = args.includes('--remote-agent') ? 'no automation, remote agent listening' : 'no automation';
  return { name, version: `${version}, ${how}`, isolated, console: null, records };
}

function report({ name, version, isolated, console: messages, records }) {
  print(`### ${name} (${version}), cross-origin isolated: ${isolated}`);
  print();
  print('| pool | starts | finished | hung (no job done within 10 s) | failed otherwise | pool start, median (p90, max) ms | unit created to job done, median (p90) ms | both threads ran a job |');
  print('|---|---|---|---|---|---|---|---|');
  for (const pool of POOLS) {
    const mine = records.filter((r) => r.pool === pool);
    const ok = mine.filter((r) => r.ok);
    const hung = mine.filter((r) => r.why === 'timeout');
    const other = mine.filter((r) => !r.ok && r.why !== 'timeout');
    const poolMs = ok.map((r) => r.steps.find((s) => s.what === 'pool started')?.poolMs);
    const total = ok.map((r) => r.steps.find((s) => s.what === 'job done')?.ms);
    const both = ok.filter((r) => r.threadMask === 3).length;
    const label = LABELS[pool] ?? pool;
    print(`| ${label} | ${mine.length} | ${ok.length} | ${hung.length} | ${other.length} | ${ms(summary(poolMs).median)} (${ms(quantile(poolMs, 0.9))}, ${ms(summary(poolMs).max)}) | ${ms(summary(total).median)} (${ms(quantile(total, 0.9))}) | ${both} of ${ok.length} |`);
  }
  print();
  const failed = records.filter((r) => !r.ok);
  for (const r of failed) {
    const answered = r.unitAnswered === undefined ? '' : r.unitAnswered ? ', the unit still answered messages' : ', the unit did not answer a ping within 1 s';
    print(`- ${r.pool} start ${r.start}: ${r.why}${answered}. Steps (ms after the unit was created): ${r.steps.map((s) => `${s.what} ${s.ms}`).join('; ')}`);
  }
  if (failed.length) print();
  const distinct = [...new Set(messages ?? [])];
  if (messages) print(`Console errors and warnings of the page and its workers: ${distinct.length ? distinct.map((m) => `\`${m}\``).join(', ') : 'none'}.`);
  else print('Console messages: not collected (no automation).');
  print();
}

// Without cross-origin isolation only the no-wasm ways can run (no shared memory).
const server = await startServer({ dir: DIR, isolation: !args.includes('--no-isolation') });
print(`## Pool starts, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
print();
print(`${STARTS} starts of each pool in each browser, taking turns${GAP_MS ? `, ${GAP_MS} ms apart` : ''}; each start is a fresh unit worker, a pool of 2 threads, a job on each of its threads (\`rayon::broadcast\`) and a parallel sum over 0..1,000,000.`);
print();
print(`Machine: ${cpus().length} logical CPUs (${cpus()[0]?.model.trim()}), Linux ${release()}; Node ${process.version}.`);
print();
const run = args.includes('--no-automation') ? measureWithoutAutomation : measure;
for (const name of browsers) report(await run(name, `${server.url}index.html`));
await server.close();
writeFileSync(join(ARTIFACTS, 'pool-starts.md'), `${out.join('\n')}\n`);
