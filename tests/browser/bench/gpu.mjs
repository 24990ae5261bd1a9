// The GPU mode's benchmark section (scripts/bench gpu): in every browser, whether WebGPU gives
// an adapter (named as the browser reports it); where one does (Chromium here, on SwiftShader,
// a GPU emulated on the CPU, launched as `chromium-gpu`), the GPU mode's start-up (adapter,
// device, kernel fetched and compiled) and wall time beside Sequential's and 2 threads', for
// each workload with a kernel, and how its result compares with Sequential's (the same checksum,
// or for Mandelbrot in f32, how far off, within the tolerance). Medians (min–max) over
// `runs` runs after one warm-up run.
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { number, run, table } from '../lib/playground.mjs';
import { fmt, summary } from './stats.mjs';

const POLL = { polling: 50 };
const CASES = [
  ['primes below 3,000,000', 'workload=primes&limit=3000000&tasks=8'],
  ['primes below 20,000', 'workload=primes&limit=20000&tasks=8'],
  ['Collatz of 1..3,000,000', 'workload=collatz&numbers=3000000&tasks=8'],
  ['2,048 SHA-256 chains of 2,000 rounds', 'workload=hashes&chains=2048&rounds=2000&tasks=8'],
  ['Mandelbrot 800×600, 1,000 iterations, f32', 'workload=mandelbrot&precision=f32&width=800&height=600&iterations=1000&tasks=8'],
];

// Presses Run and waits until the run has ended (a GPU run on an emulated GPU may take a while).
async function runOnce(page) {
  await run(page, 600000);
  return table(page);
}

async function support(page) {
  await page.waitForFunction(() => ['available', 'unavailable'].includes(document.querySelector('#gpu-support')?.dataset.support), { ...POLL, timeout: 30000 });
  return page.$eval('#gpu-support', (e) => ({ support: e.dataset.support, text: e.textContent }));
}

export async function gpu(servers, print, runs) {
  print('## The GPU mode (WebGPU)');
  print();
  const names = [...(BROWSERS.includes('chromium') ? ['chromium-gpu'] : []), ...BROWSERS];
  for (const name of names) {
    const browser = await launch(name);
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${servers.isolated}?modes=sequential,threads,gpu&workers=2`);
    const found = await support(page);
    print(`- ${name}: ${found.text}`);
    if (found.support !== 'available') {
      await browser.close();
      continue;
    }
    print();
    print(`| ${name} | Sequential wall (ms) | Threads ×2 wall (ms) | GPU start-up (ms) | GPU wall (ms) | GPU speedup | GPU speedup with start-up | invocations | result against Sequential's |`);
    print('|---|---|---|---|---|---|---|---|---|');
    for (const [label, query] of CASES) {
      await page.goto(`${servers.isolated}?${query}&modes=sequential,threads,gpu&workers=2`);
      await page.waitForFunction(() => document.querySelector('#calibration')?.dataset.done === 'true', { ...POLL, timeout: 60000 });
      await support(page);
      await runOnce(page);
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await runOnce(page));
      const rows = (mode) => all.map((t) => t.rows.find((r) => r.mode === mode));
      const col = (mode, key) => summary(rows(mode).map((r) => number(r[key])));
      const same = all.every((t) => t.rows.find((r) => r.mode === 'gpu')?.checksum === t.rows.find((r) => r.mode === 'sequential')?.checksum);
      const verdict = await page.$eval('tr[data-mode="gpu"] .agrees, tr[data-mode="gpu"] .differs', (e) => e.textContent).catch(() => '–');
      print(`| ${label} | ${fmt(col('sequential', 'Wall time (ms)'))} | ${fmt(col('threads', 'Wall time (ms)'))} | ${fmt(col('gpu', 'Start-up (ms)'))} | ${fmt(col('gpu', 'Wall time (ms)'))} | ${fmt(col('gpu', 'Speedup'), 2)}× | ${fmt(col('gpu', 'Speedup with start-up'), 2)}× | ${rows('gpu')[0]?.Workers ?? '–'} | ${same ? 'the same checksum' : verdict} |`);
    }
    print();
    await browser.close();
  }
  print();
}
