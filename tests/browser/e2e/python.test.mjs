// The Python beside the results: once a run ends, every mode's program is in the page (in
// `pre code.language-python`), and run with this machine's python3 it prints the checksum the
// page showed. The Download button gives the same text. Mixed takes its rounds from this
// page's calibration, so it checks that the program carries the page's plan. The programs'
// JSON lines, pasted or chosen as a file, give the CPython columns; bad input is refused with
// a sentence and changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
mkdirSync(ARTIFACTS, { recursive: true });
const CASES = [
  'workload=mixed&tasks=4&io_ms=5&cpu_ms=5&seed=5&workers=2&yield_every=2',
  'workload=downloads&tasks=6&latency_ms=20&jitter_ms=10&seed=3&workers=3',
];

function runPython(dir, file, code) {
  writeFileSync(join(dir, file), code);
  return execFileSync('python3', [file], { cwd: dir, encoding: 'utf8', timeout: 120000 });
}

// CPython's columns of the comparison table (#results), by its rows' modes.
async function cpythonTable(page) {
  return page.evaluate(() => [...document.querySelectorAll('#results tbody tr')].map((tr) => ({
    mode: tr.dataset.mode,
    cpythonWall: tr.querySelector('[data-col="cpython-wall"]')?.textContent,
    cpythonSpeedup: tr.querySelector('[data-col="cpython-speedup"]')?.textContent,
    pageSpeedup: tr.querySelector('[data-col="speedup"]')?.textContent,
  })));
}

async function paste(page, text) {
  await page.evaluate((t) => { document.querySelector('#cpython-line').value = t; }, text);
  await page.click('#cpython-read');
  return page.evaluate(() => {
    const m = document.querySelector('#cpython-message');
    return { role: m.getAttribute('role'), text: m.textContent };
  });
}

// Pastes CPython's lines back: Sequential's and Processes' give the CPython columns; every bad
// input is refused with a sentence naming what is wrong and leaves the table as it was.
async function pasteBack(page, outputs, dir, browser) {
  const last = (mode) => outputs[mode].trim().split('\n').at(-1);
  const accepted = await paste(page, `${outputs.sequential}\n${last('processes')}`);
  assert.equal(accepted.role, 'status', accepted.text);
  assert.match(accepted.text, /Added CPython's times: Sequential on CPython 3\.\d+\.\d+, Processes on CPython/);
  const table = await cpythonTable(page);
  const seqLine = JSON.parse(last('sequential'));
  const procLine = JSON.parse(last('processes'));
  const row = (mode) => table.find((r) => r.mode === mode);
  assert.equal(row('sequential').cpythonWall, seqLine.wall_ms.toFixed(1));
  assert.equal(row('processes').cpythonSpeedup, `${(seqLine.wall_ms / procLine.wall_ms).toFixed(2)}×`);
  assert.equal(row('gil').cpythonWall, '–');
  const summary = await page.$eval('#cpython-summary', (p) => p.textContent);
  assert.match(summary, /CPython: processes \d+\.\d\d×; this page: processes \d+\.\d\d×\./);
  assert.match(summary, /This page ran on \d+ cores .*, CPython 3\.\d+\.\d+ on \d+ cores/);
  const headers = await page.$$eval('#results thead th', (all) => all.map((th) => th.textContent));
  assert.deepEqual(headers.slice(-3), ['CPython wall time (ms)', 'CPython speedup', 'Result']);
  assert.equal(await page.$('#cpython-results'), null, 'no separate CPython table');
  const good = last('gil');
  const wrong = JSON.parse(good);
  const bad = [
    ['not JSON', 'hello, world', /is not JSON/],
    ['another version', good.replace('"version":1', '"version":7'), /version 7; this page reads version 1/],
    ['truncated', good.slice(0, good.length / 2), /truncated/],
    ['10 MB', 'x'.repeat(10 * 1024 * 1024), /at most 512 KB/],
    ['markup', good.replace('"mode":"gil"', '"mode":"<img src=x onerror=alert(1)>"'), /the mode is not one of/],
    ['out of range', good.replace(/"wall_ms":[0-9.]+/, '"wall_ms":-5'), /out of range/],
    ['other settings', JSON.stringify({ ...wrong, settings: { ...wrong.settings, tasks: 5 } }), /other settings \(tasks\)/],
  ];
  for (const [what, text, needle] of bad) {
    const refused = await paste(page, text);
    assert.equal(refused.role, 'alert', `${what}: ${refused.text}`);
    assert.match(refused.text, needle, what);
    assert.deepEqual(await cpythonTable(page), table, `${what} changes nothing`);
  }
  assert.equal(await page.$('img[src=x]'), null, 'markup is never made into elements');
  // The same through the file field: a saved output, and a 10 MB file refused before reading.
  writeFileSync(join(dir, 'gil.txt'), outputs.gil);
  const input = await page.$('#cpython-file');
  await input.uploadFile(join(dir, 'gil.txt'));
  await page.waitForFunction(() => document.querySelector('#cpython-message').textContent.includes('Threads + GIL'));
  assert.notEqual((await cpythonTable(page)).find((r) => r.mode === 'gil').cpythonWall, '–');
  const afterFile = await cpythonTable(page);
  writeFileSync(join(dir, 'big.txt'), 'x'.repeat(10 * 1024 * 1024));
  await input.uploadFile(join(dir, 'big.txt'));
  await page.waitForFunction(() => document.querySelector('#cpython-message').getAttribute('role') === 'alert');
  assert.match(await page.$eval('#cpython-message', (m) => m.textContent), /big\.txt is 10240 KB/);
  assert.deepEqual(await cpythonTable(page), afterFile);
  // The comparison as CSV: a header and a row per mode, with CPython's columns filled in.
  await page.evaluate(() => {
    window.__csv = [];
    URL.revokeObjectURL = () => {};
    // Downloads read from their blobs: the page's policy refuses fetching a blob: address.
    const create = URL.createObjectURL; window.__blobs = new Map(); URL.createObjectURL = (b) => { const u = create(b); window.__blobs.set(u, b); return u; };
    HTMLAnchorElement.prototype.click = function () { window.__csv.push({ name: this.download, href: this.href }); };
  });
  await page.click('#download-csv');
  const csv = await page.evaluate(async () => ({ name: window.__csv[0].name, text: await window.__blobs.get(window.__csv[0].href).text() }));
  assert.equal(csv.name, 'playground-comparison.csv');
  const lines = csv.text.trim().split('\n');
  assert.equal(lines.length, 1 + table.length);
  const header = lines[0].split(',');
  const sequential = lines.find((l) => l.startsWith('sequential,')).split(',');
  assert.equal(Number(sequential[header.indexOf('cpython_wall_ms')]).toFixed(1), seqLine.wall_ms.toFixed(1));
  assert.equal(sequential[header.indexOf('workload')], 'downloads');
  await page.screenshot({ path: join(ARTIFACTS, `python-${browser}-cpython.png`), fullPage: true });
}

for (const name of BROWSERS) {
  describe(`Python programs in ${name}`, () => {
    const holder = browserFor(name);
    for (const query of CASES) {
      const downloads = query.startsWith('workload=downloads');
      it(`${query.split('&')[0]}: every mode's program prints the page's checksum`, async () => {
        const { page, errors } = await open(holder.browser, `${urls.isolated}?${query}`);
        await ready(page);
        assert.equal(await page.$('pre code.language-python'), null, 'no program before a run');
        await run(page);
        const t = await table(page);
        const programs = await page.$$eval('details.python-program', (all) => all.map((d) => ({
          mode: d.dataset.mode,
          summary: d.querySelector('summary').textContent,
          code: d.querySelector('pre code.language-python').textContent,
          buttons: [...d.querySelectorAll('button')].map((b) => b.textContent),
        })));
        assert.deepEqual(programs.map((p) => p.mode), t.rows.map((r) => r.mode));
        const dir = mkdtempSync(join(tmpdir(), 'cp-python-'));
        const outputs = {};
        try {
          for (const program of programs) {
            assert.deepEqual(program.buttons, ['Copy', 'Download']);
            const file = program.summary.match(/\((playground_\w+\.py)\)/)[1];
            const out = runPython(dir, file, program.code);
            const checksum = out.split('\n').find((l) => l.startsWith('checksum ')).slice(9);
            const row = t.rows.find((r) => r.mode === program.mode);
            assert.equal(checksum, row.checksum, `${program.mode}: python ${checksum}, page ${row.checksum}`);
            const line = JSON.parse(out.trim().split('\n').at(-1));
            assert.equal(line.mode, program.mode);
            assert.equal(line.checksum, row.checksum);
            outputs[program.mode] = out;
          }
          if (downloads) await pasteBack(page, outputs, dir, name);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        // Download gives the program shown, under its file name.
        await page.evaluate(() => {
          window.__downloads = [];
          URL.revokeObjectURL = () => {};
          // Downloads read from their blobs: the page's policy refuses fetching a blob: address.
          const create = URL.createObjectURL; window.__blobs = new Map(); URL.createObjectURL = (b) => { const u = create(b); window.__blobs.set(u, b); return u; };
          HTMLAnchorElement.prototype.click = function () { window.__downloads.push({ name: this.download, href: this.href }); };
        });
        await page.click('details.python-program[data-mode="gil"] summary');
        await page.click('details.python-program[data-mode="gil"] .python-download');
        const downloaded = await page.evaluate(async () => {
          const d = window.__downloads[0];
          return { name: d.name, text: await window.__blobs.get(d.href).text() };
        });
        const gil = programs.find((p) => p.mode === 'gil');
        assert.match(downloaded.name, /^playground_\w+_gil\.py$/);
        assert.equal(downloaded.text, gil.code);
        await page.click('details.python-program[data-mode="gil"] button');
        await page.waitForFunction(() => document.querySelector('details.python-program[data-mode="gil"] [role="status"]').textContent !== '');
        await page.screenshot({ path: join(ARTIFACTS, `python-${name}-${query.split('&')[0].slice(9)}.png`), fullPage: true });
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}
