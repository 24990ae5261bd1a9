// The replay's benchmark section (scripts/bench replay): in every browser, a real run of
// Threads + GIL that fills the page's largest records (4 threads switching every 0.1 ms, so
// that each lane keeps its 20,000 intervals), then its timeline played at 1/10 of real time
// for a few seconds. Each frame that moved the playhead is measured by the page itself
// (`cp-replay-frame`: from the animation frame's start to the render that followed), and the
// gaps between frames from the page too; then Step is pressed many times, each timed from the
// click to its render. Medians with p95 and max; the goal is each frame's work well under
// 16 ms.
import { BROWSERS, launch } from '../lib/browsers.mjs';
import { ready, run } from '../lib/playground.mjs';

const POLL = { polling: 50 };
const QUERY = 'workload=primes&limit=30000000&tasks=8&modes=gil&workers=4&switch_ms=0.1';
const GIL = 'figure.timeline[data-mode="gil"]';
const PLAY_MS = 4000;
const STEPS = 100;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const f = (v) => v.toFixed(2);
const line = (xs) => (xs.length ? `${f(quantile(xs, 0.5))} (p95 ${f(quantile(xs, 0.95))}, max ${f(Math.max(...xs))})` : '–');

async function oneBrowser(name, servers, print) {
  const browser = await launch(name);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${servers.isolated}?${QUERY}`);
    await ready(page, 60000);
    await run(page, 600000);
    const size = await page.$eval(GIL, (f) => ({
      lanes: f.querySelectorAll('.lane').length,
      intervals: Number(f.querySelector('.as-table caption').textContent.split(' ')[0]),
    }));
    // Play for a while, counting the gaps between frames in the page.
    const played = await page.evaluate(async (figure, ms) => {
      performance.clearMeasures('cp-replay-frame');
      const f = document.querySelector(figure);
      f.querySelector('.replay-play').click();
      const gaps = [];
      let last = performance.now();
      const until = last + ms;
      while (performance.now() < until) {
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      f.querySelector('.replay-play').click();
      const work = performance.getEntriesByName('cp-replay-frame', 'measure').map((m) => m.duration);
      return { gaps: gaps.slice(1), work, at: Number(f.querySelector('.replay').dataset.atMs) };
    }, GIL, PLAY_MS);
    // Step many times, each from the click to its render.
    const steps = await page.evaluate(async (figure, count) => {
      const f = document.querySelector(figure);
      const times = [];
      for (let i = 0; i < count; i += 1) {
        const before = f.querySelector('.replay').dataset.atMs;
        const t0 = performance.now();
        f.querySelector('.replay-step').click();
        while (f.querySelector('.replay').dataset.atMs === before) await Promise.resolve().then(() => new Promise((r) => setTimeout(r, 0)));
        times.push(performance.now() - t0);
      }
      return times;
    }, GIL, STEPS);
    print(`| ${name} | ${size.lanes} × ${Math.round(size.intervals / size.lanes).toLocaleString('en')} | ${played.work.length} | ${line(played.work)} | ${line(played.gaps)} | ${line(steps)} |`);
    await page.close();
  } finally {
    await browser.close();
  }
}

export async function replay(servers, print) {
  print('## Replay on the largest records');
  print();
  print(`A real run of Threads + GIL (\`${QUERY}\`), its timeline played at 1/10 of real time for ${PLAY_MS / 1000} s, then Step pressed ${STEPS} times. Work per frame: from the animation frame's start to the render after it moved the playhead (the page's own \`cp-replay-frame\` measure). ms, median (p95, max).`);
  print();
  print('| Browser | Lanes × intervals | Frames | Work per frame (ms) | Gap between frames (ms) | Step, click to render (ms) |');
  print('|---|---|---|---|---|---|');
  for (const name of BROWSERS) await oneBrowser(name, servers, print);
  print();
}
