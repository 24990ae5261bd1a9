// The Python beside the results: once a run ends, every mode's program is in the page (in
// `pre code.language-python`), and run with this machine's python3 it prints the checksum the
// page showed. The Download button gives the same text. Mixed takes its rounds from this
// page's calibration, so it checks that the program carries the page's plan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { ARTIFACTS, browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
const CASES = [
  'workload=mixed&tasks=4&io_ms=5&cpu_ms=5&seed=5&workers=2&yield_every=2',
  'workload=downloads&tasks=6&latency_ms=20&jitter_ms=10&seed=3&workers=3',
];

function runPython(dir, file, code) {
  writeFileSync(join(dir, file), code);
  return execFileSync('python3', [file], { cwd: dir, encoding: 'utf8', timeout: 120000 });
}

for (const name of BROWSERS) {
  describe(`Python programs in ${name}`, () => {
    const holder = browserFor(name);
    for (const query of CASES) {
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
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        // Download gives the program shown, under its file name.
        await page.evaluate(() => {
          window.__downloads = [];
          URL.revokeObjectURL = () => {};
          HTMLAnchorElement.prototype.click = function () { window.__downloads.push({ name: this.download, href: this.href }); };
        });
        await page.click('details.python-program[data-mode="gil"] summary');
        await page.click('details.python-program[data-mode="gil"] .python-download');
        const downloaded = await page.evaluate(async () => {
          const d = window.__downloads[0];
          return { name: d.name, text: await (await fetch(d.href)).text() };
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
