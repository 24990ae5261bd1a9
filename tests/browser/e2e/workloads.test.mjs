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
          // Every mode draws its image, as the person sees it: opaque pixels of several colours,
          // and the same picture in every mode (the strip at the left, which names the units
          // that computed each band, aside).
          const images = await page.$$eval('.mandelbrot canvas', (canvases) => canvases.map((c) => {
            const strip = 16; // STRIP in src/ui/lab/mandelbrot_view.rs
            const data = c.getContext('2d').getImageData(strip, 0, c.width - strip, c.height).data;
            let opaque = 0;
            const colours = new Set();
            let hash = 0;
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] === 255) opaque += 1;
              const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
              colours.add(rgb);
              hash = (Math.imul(hash, 31) + rgb) | 0;
            }
            return { pixels: data.length / 4, opaque, colours: colours.size, hash };
          }));
          assert.equal(images.length, 5, 'every mode draws its image');
          for (const image of images) {
            assert.ok(image.opaque === image.pixels && image.colours >= 3, JSON.stringify(image));
          }
          assert.equal(new Set(images.map((i) => i.hash)).size, 1, JSON.stringify(images));
        }
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    it('mixed work with computing agrees in every mode', async () => {
      // Its rounds are calibrated on this machine, so there is no native checksum to compare
      // with (src/workloads/tests.rs pins the computing path natively): the modes must agree.
      const { page, errors } = await open(holder.browser, `${urls.isolated}?workload=mixed&tasks=4&io_ms=5&cpu_ms=20&seed=5&workers=2&yield_every=2`);
      await ready(page);
      await run(page);
      const t = await table(page);
      assert.equal(t.rows.length, 5);
      const checksums = new Set(t.rows.map((r) => r.checksum));
      assert.equal(checksums.size, 1, `one checksum: ${[...checksums]}`);
      assert.match([...checksums][0], /^[0-9a-f]{16}$/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
