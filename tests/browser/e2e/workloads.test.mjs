// Every workload in every mode gives the checksum computed natively from the same link
// (tests/browser/expected-checksums.json, kept current by `cargo test --test checksums`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BROWSERS, open } from '../lib/browsers.mjs';
import { browserFor, servers } from '../lib/harness.mjs';
import { ready, run, table } from '../lib/playground.mjs';

const urls = servers();
const expected = JSON.parse(readFileSync(new URL('../expected-checksums.json', import.meta.url), 'utf8'));

for (const name of BROWSERS) {
  describe(`workloads in ${name}`, () => {
    const holder = browserFor(name);
    for (const [query, checksum] of Object.entries(expected)) {
      it(`${query.split('&')[0]} agrees with the native checksum in every mode`, async () => {
        const { page, errors } = await open(holder.browser, `${urls.isolated}?${query}&workers=3&yield_every=2`);
        await ready(page);
        await run(page);
        const t = await table(page);
        assert.deepEqual(t.rows.map((r) => r.mode), ['sequential', 'threads', 'gil', 'processes', 'coroutines']);
        for (const row of t.rows) {
          assert.equal(row.checksum, checksum, `${row.mode}: ${row.checksum}, native ${checksum}`);
        }
        if (query.includes('mandelbrot')) {
          assert.equal(await page.$$eval('.mandelbrot canvas', (c) => c.length), 5, 'every mode draws its image');
        }
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}
