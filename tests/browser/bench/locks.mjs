// The locks lab's benchmark section (scripts/bench locks): in each browser, from the lab's
// permalinks, the share of updates the unsynchronized counter loses with 2 threads, the time
// per increment of the three counters, and throughput against threads for two lock shares.
// Medians (min–max) over `runs` runs after one warm-up run.
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { number } from '../lib/playground.mjs';
import { fmt, summary } from './stats.mjs';

const POLL = { polling: 50 };
const COUNTERS = '?lab=locks&v=1&experiment=counters&threads=2&increments=2000000';
const CONTENTION = '?lab=locks&v=1&experiment=contention&threads=2&steps=800&lock_share=50';

async function runOnce(page) {
  await page.waitForFunction(() => !document.querySelector('#run').disabled, { ...POLL, timeout: 60000 });
  await page.click('#run');
  await page.waitForFunction(() => !document.querySelector('#cancel').disabled, { ...POLL, timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('#cancel').disabled, { ...POLL, timeout: 600000 });
}

async function counterRows(page) {
  return page.$$eval('table.counters tbody tr', (rows) => Object.fromEntries(rows.map((tr) => {
    const cells = [...tr.children].map((c) => c.textContent);
    return [tr.dataset.row, { expected: cells[1], lost: cells[3], perIncrement: cells[5], wait: cells[6] }];
  })));
}

async function contentionRows(page) {
  return page.$$eval('table.contention tbody tr', (rows) => rows.map((tr) => {
    const c = [...tr.children].map((td) => td.textContent);
    return { threads: Number(c[0]), share: Number(c[1]), throughput: Number(c[3]) };
  }));
}

async function open(browser, url) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url);
  await page.waitForSelector('.locks-lab #run', { timeout: 60000 });
  return page;
}

export async function locks(servers, print, runs) {
  print('## Locks lab: lost updates, counters, contention');
  print();
  print(`Counters: \`${COUNTERS}\`; contention: \`${CONTENTION}\` (the sweep runs 1 to 4 threads at 50% and 100% of each step inside the lock). Median (min–max) of ${runs} runs after a warm-up run.`);
  print();
  const sweeps = {};
  print('| browser | lost updates, unsynchronized, 2 threads (% of 4,000,000) | ns per increment: unsynchronized | mutex | atomic | mutex: lock waits (ms) |');
  print('|---|---|---|---|---|---|');
  for (const name of BROWSERS) {
    const browser = await launch(name);
    const page = await open(browser, servers.isolated + COUNTERS);
    await runOnce(page);
    const m = { lost: [], unsynchronized: [], mutex: [], atomic: [], wait: [] };
    for (let i = 0; i < runs; i++) {
      await runOnce(page);
      const r = await counterRows(page);
      m.lost.push((100 * number(r.unsynchronized.lost)) / number(r.unsynchronized.expected));
      for (const kind of ['unsynchronized', 'mutex', 'atomic']) m[kind].push(number(r[kind].perIncrement));
      m.wait.push(number(r.mutex.wait));
    }
    print(`| ${name} | ${fmt(summary(m.lost), 1, '%')} | ${fmt(summary(m.unsynchronized), 2)} | ${fmt(summary(m.mutex), 2)} | ${fmt(summary(m.atomic), 2)} | ${fmt(summary(m.wait))} |`);
    await page.goto(servers.isolated + CONTENTION);
    await page.waitForSelector('.locks-lab #run', { timeout: 60000 });
    await runOnce(page);
    const points = {};
    for (let i = 0; i < runs; i++) {
      await runOnce(page);
      const rows = await contentionRows(page);
      for (const p of rows) (points[`${p.share}/${p.threads}`] ??= []).push(p.throughput);
      for (const share of [50, 100]) {
        const at = (n) => rows.find((p) => p.share === share && p.threads === n)?.throughput;
        (points[`${share}/ratio`] ??= []).push(at(2) / at(1));
      }
    }
    sweeps[name] = points;
    await browser.close();
  }
  print();
  print('Throughput (steps per ms, as the lab\'s table prints it; a step is 200,000 rounds of a xorshift-multiply, about 0.3 ms) against threads, and 2 threads over 1 in the same run (one thread at a time inside the lock bounds it at 2x with half of each step inside, 1x with all of it):');
  print();
  print('| browser | share inside the lock | 1 thread | 2 threads | 3 threads | 4 threads | 2 threads / 1 |');
  print('|---|---|---|---|---|---|---|');
  for (const [name, points] of Object.entries(sweeps)) {
    for (const share of [50, 100]) {
      const cells = [1, 2, 3, 4].map((n) => fmt(summary(points[`${share}/${n}`] ?? []), 1));
      print(`| ${name} | ${share}% | ${cells.join(' | ')} | ${fmt(summary(points[`${share}/ratio`] ?? []), 2, '×')} |`);
    }
  }
  print();
}
