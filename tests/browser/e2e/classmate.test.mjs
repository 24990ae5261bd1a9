// Compare with a classmate: a run downloaded as a file ("Download this run (JSON)") in one
// browser imports into another (by the file field, by pasting its text, by dropping it) in the
// compare view (`compare=1`, in the views module), which the lab links to and hands its run; the
// page shows both tables, both machines and both runs' timelines on one time scale. Every bad
// input is refused with a sentence naming what is wrong, and changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
mkdirSync(ARTIFACTS, { recursive: true });
const QUERY = 'workload=primes&limit=300000&tasks=4&modes=sequential,threads,processes&workers=2';
const dir = mkdtempSync(join(tmpdir(), 'cp-classmate-'));
const both = BROWSERS.includes('chromium') && BROWSERS.includes('firefox');
const chromium = both ? browserFor('chromium') : null;
const firefox = both ? browserFor('firefox') : null;
const webkit = BROWSERS.includes('webkit') ? browserFor('webkit') : null;
const files = {};
const step = (what) => { if (process.env.CP_TRACE) console.log(`# ${what}`); };

// Runs the comparison and returns the page and the text "Download this run (JSON)" gives.
async function runAndExport(browser) {
  const opened = await open(browser, `${urls.isolated}?${QUERY}`);
  const { page } = opened;
  await ready(page);
  await run(page);
  await page.evaluate(() => {
    window.__downloads = [];
    URL.revokeObjectURL = () => {};
    // Downloads read from their blobs: the page's policy refuses fetching a blob: address.
    const create = URL.createObjectURL; window.__blobs = new Map(); URL.createObjectURL = (b) => { const u = create(b); window.__blobs.set(u, b); return u; };
    HTMLAnchorElement.prototype.click = function () { window.__downloads.push({ name: this.download, href: this.href }); };
  });
  await page.click('#export-run');
  const file = await page.evaluate(async () => {
    const d = window.__downloads.at(-1);
    return { name: d.name, text: await window.__blobs.get(d.href).text() };
  });
  assert.equal(file.name, 'playground-primes-run.json');
  await toCompare(page);
  return { ...opened, text: file.text };
}

// Follows the lab's "Compare with a classmate" link: the compare view (the views module) opens
// with the lab's run carried over, and the import box after its table.
async function toCompare(page) {
  const rows = (await table(page)).rows.map((r) => r.checksum);
  assert.equal(await page.$('#classmate'), null, 'the import is not in the lab');
  await page.click('#to-compare');
  await page.waitForFunction(() => /[?&]compare=1/.test(location.search) && document.querySelector('#import-file')
    && document.querySelectorAll('table#results tbody tr').length > 0, { polling: 100, timeout: 30000 });
  assert.deepEqual((await table(page)).rows.map((r) => r.checksum), rows, 'the lab\'s run came along');
  assert.equal(await page.$('#to-compare'), null);
  await ready(page);
}

async function message(page) {
  return page.evaluate(() => {
    const m = document.querySelector('#import-message');
    return { role: m.getAttribute('role'), text: m.textContent };
  });
}

// Pastes `text` (a number n pastes n x's, made in the page: WebDriver need not carry 10 MB).
async function paste(page, text) {
  await page.evaluate((t) => { document.querySelector('#import-text').value = typeof t === 'number' ? 'x'.repeat(t) : t; }, text);
  await page.click('#import-read');
  return message(page);
}

async function drop(page, text, name) {
  await page.evaluate((t, n) => {
    const data = new DataTransfer();
    data.items.add(new File([t], n, { type: 'application/json' }));
    document.querySelector('#classmate').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text, name);
}

// What the page shows of the classmate's run.
async function beside(page) {
  return page.evaluate(() => ({
    rows: [...document.querySelectorAll('#classmate-results tbody tr')].map((tr) => tr.dataset.mode),
    html: document.querySelector('#classmate-results')?.outerHTML ?? null,
    machines: document.querySelector('#machines')?.textContent ?? null,
    theirs: [...document.querySelectorAll('#classmate-timelines figure.timeline')].map((f) => f.dataset.mode),
    scales: [...document.querySelectorAll('figure.timeline')].map((f) => Number(f.dataset.scaleMs)),
  }));
}

async function seeBeside(page, from, here) {
  const seen = await beside(page);
  assert.deepEqual(seen.rows, ['sequential', 'threads', 'processes']);
  assert.deepEqual(seen.theirs, ['sequential', 'threads', 'processes']);
  assert.match(seen.machines, new RegExp(`This page${here} .*Your classmate's${from} .*\\d+ cores reported`));
  assert.equal(seen.scales.length, 6, 'both runs\' timelines');
  assert.ok(seen.scales.every((s) => s === seen.scales[0] && s > 0), `one time scale: ${seen.scales}`);
  return seen;
}

// Every bad input: a sentence naming what is wrong, and nothing changes.
async function refuseBadInput(page, good, browser) {
  const before = await beside(page);
  const value = JSON.parse(good);
  const otherWork = structuredClone(value);
  otherWork.settings.limit = 400000;
  for (const r of otherWork.records) r.settings.limit = 400000;
  const marked = structuredClone(value);
  marked.records[1].lanes[0].label = '<img src=x onerror=alert(1)>';
  const outOfRange = structuredClone(value);
  outOfRange.records[0].wall_ms = -5;
  const cases = [
    ['not JSON', 'hello, world', /is not valid JSON/],
    ['another version', good.replace('"version":1', '"version":7'), /version 7; this page reads version 1/],
    ['truncated', good.slice(0, good.length / 2), /cut short \(truncated\)/],
    ['10 MB', 10 * 1024 * 1024, /at most 4096 KB/],
    ['markup', JSON.stringify(marked), /markup \(< or >\) in a string, at records\[1\]\.lanes\[0\]\.label/],
    ['out of range', JSON.stringify(outOfRange), /Sequential record: wall_ms, startup_ms or serialize_ms is out of range/],
    ['a huge number', good.replace(/"cores":\d+/, '"cores":1e999'), /number out of range/],
    ['other work', JSON.stringify(otherWork), /other work \(limit 400000 there, 300000 here\)/],
    ['a CPython line', '{"format":"concurrency-playground-python","version":1}', /CPython program's line/],
  ];
  for (const [what, text, needle] of cases) {
    step(`${browser}: ${what}`);
    const refused = await paste(page, text);
    assert.equal(refused.role, 'alert', `${what}: ${refused.text}`);
    assert.match(refused.text, needle, what);
    assert.deepEqual(await beside(page), before, `${what} changes nothing`);
  }
  assert.equal(await page.$('img[src=x]'), null, 'markup is never made into elements');
  writeFileSync(join(dir, 'big.json'), 'x'.repeat(10 * 1024 * 1024));
  await (await page.$('#import-file')).uploadFile(join(dir, 'big.json'));
  await page.waitForFunction(() => /big\.json is 10240 KB/.test(document.querySelector('#import-message').textContent));
  assert.equal((await message(page)).role, 'alert');
  assert.deepEqual(await beside(page), before);
  await page.screenshot({ path: join(ARTIFACTS, `classmate-${browser}-refused.png`), fullPage: true });
}

describe('compare with a classmate', { skip: !both && 'needs chromium and firefox' }, () => {
  it('a Firefox run imports into Chromium by its file: both tables, machines and timelines on one scale', async () => {
    const fx = await runAndExport(firefox.browser);
    files.firefox = fx.text;
    const file = JSON.parse(fx.text);
    assert.equal(file.format, 'concurrency-playground-run');
    assert.equal(file.version, 1);
    assert.match(file.machine.browser, /^Firefox/);
    assert.deepEqual(file.records.map((r) => r.mode), ['Sequential', 'Threads', 'Processes']);
    assert.ok(file.records.every((r) => r.lanes.length > 0));
    const cr = await runAndExport(chromium.browser);
    files.chromium = cr.text;
    writeFileSync(join(dir, 'firefox-run.json'), fx.text);
    await (await cr.page.$('#import-file')).uploadFile(join(dir, 'firefox-run.json'));
    await cr.page.waitForFunction(() => document.querySelector('#import-message').textContent !== '');
    assert.deepEqual(await message(cr.page), { role: 'status', text: `Imported a run of 3 modes from ${file.machine.browser}.` });
    await seeBeside(cr.page, 'Firefox', 'Chromium');
    assert.equal((await table(cr.page)).rows.length, 3, 'this page\'s own table stays');
    await cr.page.screenshot({ path: join(ARTIFACTS, 'classmate-chromium.png'), fullPage: true });
    await refuseBadInput(cr.page, cr.text, 'chromium');
    assert.deepEqual(cr.errors, []);
    assert.deepEqual(fx.errors, []);
    await cr.page.close();
    await fx.page.close();
  });

  it('a Chromium run imports into Firefox by pasting and by dropping; bad input is refused', async () => {
    assert.ok(files.chromium, 'the first test exported it');
    const fx = await runAndExport(firefox.browser);
    const pasted = await paste(fx.page, files.chromium);
    assert.equal(pasted.role, 'status', pasted.text);
    await seeBeside(fx.page, 'Chromium', 'Firefox');
    await drop(fx.page, files.firefox, 'mine.json');
    await fx.page.waitForFunction(() => /from Firefox/.test(document.querySelector('#import-message').textContent));
    await seeBeside(fx.page, 'Firefox', 'Firefox');
    await fx.page.screenshot({ path: join(ARTIFACTS, 'classmate-firefox.png'), fullPage: true });
    await refuseBadInput(fx.page, fx.text, 'firefox');
    assert.deepEqual(fx.errors, []);
    await fx.page.close();
  });
});

describe('compare with a classmate in WebKit', { skip: !webkit && 'webkit not chosen' }, () => {
  it('a run imports by the file field (as WebDriver gives a file), by pasting and by dropping; bad input is refused', async () => {
    step('webkit: run and export');
    const wk = await runAndExport(webkit.browser);
    step('webkit: file field');
    const theirs = files.chromium ?? wk.text;
    const from = files.chromium ? 'Chromium' : 'WebKitGTK';
    writeFileSync(join(dir, 'theirs-run.json'), theirs);
    await (await wk.page.$('#import-file')).uploadFile(join(dir, 'theirs-run.json'));
    await wk.page.waitForFunction(() => document.querySelector('#import-message').textContent !== '');
    const said = await message(wk.page);
    assert.equal(said.role, 'status', said.text);
    await seeBeside(wk.page, from, 'WebKitGTK');
    step('webkit: paste');
    const pasted = await paste(wk.page, files.firefox ?? wk.text);
    assert.equal(pasted.role, 'status', pasted.text);
    step('webkit: drop');
    await drop(wk.page, wk.text, 'mine.json');
    await wk.page.waitForFunction(() => /from WebKitGTK/.test(document.querySelector('#import-message').textContent));
    await seeBeside(wk.page, 'WebKitGTK', 'WebKitGTK');
    await wk.page.screenshot({ path: join(ARTIFACTS, 'classmate-webkit.png'), fullPage: true });
    await refuseBadInput(wk.page, wk.text, 'webkit');
    assert.deepEqual(wk.errors, []);
    await wk.page.close();
  });
});
