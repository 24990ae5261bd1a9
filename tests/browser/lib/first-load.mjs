// What a visitor's first load transfers: dist/index.html and every file it names (its scripts,
// the module Trunk's loader imports and the wasm it instantiates, the stylesheet, the icon),
// each gzipped as a host would send it. Files fetched later (workers, the service worker,
// lessons) are not counted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// The brief's budget for the first load, gzipped: 400 KB (decimal, as the brief counts).
export const FIRST_LOAD_BUDGET = 400_000;

// Returns [{ file, raw, gzipped }] for index.html and each file it references, and the total.
export function firstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const names = new Set(['index.html']);
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) names.add(m[1]);
  // Trunk's loader, which the build moves into a file (loader-<hash>.js, a <script src>):
  // `import init, ... from './x.js'` and `module_or_path: './x.wasm'`.
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"/g)) {
    if (/^(?:[a-z]+:)?\/\//i.test(m[1])) continue;
    const script = readFileSync(join(dist, m[1].replace(/^\.\//, '')), 'utf8');
    for (const n of script.matchAll(/(?:\bfrom|module_or_path:)\s*['"]([^'"]+)['"]/g)) names.add(n[1]);
  }
  const files = [...names]
    .filter((name) => !/^(?:[a-z]+:)?\/\//i.test(name) && !name.startsWith('data:'))
    .map((name) => {
      const body = readFileSync(join(dist, name.replace(/^\.\//, '')));
      return { file: name.replace(/^\.\//, ''), raw: body.length, gzipped: gzipSync(body, { level: 9 }).length };
    });
  return { files, total: files.reduce((sum, f) => sum + f.gzipped, 0) };
}
