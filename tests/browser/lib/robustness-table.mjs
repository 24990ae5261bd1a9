// Prints the robustness suite's figures (artifacts/robustness-<browser>.json, written by
// e2e/robustness.test.mjs) and the native hostile-input count as one Markdown table, for
// scripts/robustness and ROBUSTNESS.md.
//
//   node lib/robustness-table.mjs "<the native test's 'hostile inputs: …' line>"
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './harness.mjs';

const native = process.argv[2] ?? '';
const browsers = ['chromium', 'firefox', 'webkit']
  .map((b) => join(ARTIFACTS, `robustness-${b}.json`))
  .filter(existsSync)
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));
const MiB = (b) => (b === undefined ? '–' : `${(b / 1048576).toFixed(2)} MiB`);
const cell = (v) => (v === undefined || v === null ? '–' : String(v));

console.log(`Native: ${native.trim() || 'not run'}`);
console.log();
console.log(`| | ${browsers.map((b) => `${b.browser}${b.full ? '' : ' (short form)'}`).join(' | ')} |`);
console.log(`|---|${browsers.map(() => '---').join('|')}|`);
const rows = [
  ['hostile links loaded (longest, characters)', (b) => `${cell(b.links)} (${cell(b.longestLink)})`],
  ['injections (elements, handlers)', (b) => cell(b.injections)],
  ['console errors on hostile links', (b) => cell(b.linkErrors)],
  ['runs started, then cancelled at a random moment', (b) => `${cell(b.cancelsTried)}, ${cell(b.cancelled)}`],
  ['workers started in that page, left running after', (b) => `${cell(b.workersStarted)}, ${cell(b.workersLeft)}`],
  ['page wasm memory: before the cancels, after, after the checked run', (b) => `${MiB(b.memoryBeforeCancels)}, ${MiB(b.memoryAfterCancels)}, ${MiB(b.memoryEnd)}`],
  ['faults (a failing and a panicking task in each mode), each followed by a clean run', (b) => cell(b.faults)],
  ['consecutive runs in one page', (b) => cell(b.runs)],
  ['page wasm memory: after the first run, after the last', (b) => `${MiB(b.memoryFirstRun)}, ${MiB(b.memoryLastRun)}`],
  ['workers alive between runs (most)', (b) => cell(b.workersLeftBetweenRuns)],
  ['drift: last fifth of the runs over the same work first (median wall-time ratio)', (b) => (b.drift ? `${b.drift.toFixed(2)}×` : '–')],
  ['largest settings: most workers at once, page memory, workers left after cancel', (b) => (b.largest ?? []).map((l) => `${l.workers}, ${MiB(l.memory)}, ${l.left}`).join('; ')],
];
for (const [label, value] of rows) console.log(`| ${label} | ${browsers.map(value).join(' | ')} |`);
