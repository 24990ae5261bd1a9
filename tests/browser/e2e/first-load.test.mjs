// The first load's budget: index.html and what it loads (script, wasm, stylesheet) must stay at
// most 400 KB gzipped. No browser: it reads the built dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../lib/harness.mjs';
import { FIRST_LOAD_BUDGET, firstLoad } from '../lib/first-load.mjs';

test('the first load is at most 400 KB gzipped', () => {
  assert.ok(existsSync(join(DIST, 'index.html')), 'dist/ is missing: build the page first (trunk build --release)');
  const { files, total } = firstLoad(DIST);
  const kinds = files.map((f) => f.file.split('.').pop());
  for (const kind of ['wasm', 'js', 'css']) assert.ok(kinds.includes(kind), `index.html loads a .${kind} file (${kinds})`);
  const list = files.map((f) => `${f.file}: ${f.gzipped} B`).join(', ');
  assert.ok(total <= FIRST_LOAD_BUDGET, `the first load is ${total} B gzipped, over ${FIRST_LOAD_BUDGET} B (${list})`);
});
