// Trunk's post_build hook (Trunk.toml): moves every inline <script> of the built index.html into
// a file of its own beside it, named by its content's hash (loader-<hash>.js), and fails the
// build if the page still has an inline script, an inline style attribute or an event-handler
// attribute. The page's Content-Security-Policy (www/_headers, and the <meta> in index.html)
// allows scripts only from the page's own origin and no inline style, so Trunk's inline loader
// (which imports the wasm-bindgen glue and starts the wasm) must be a file; the file's
// relative imports resolve against its own address, which is the page's folder.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('externalize-scripts: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(1);
}
const page = join(staging, 'index.html');
let html = readFileSync(page, 'utf8');
let moved = 0;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attributes, body) => {
  if (/\bsrc\s*=/i.test(attributes) || body.trim() === '') return whole;
  const name = `loader-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  writeFileSync(join(staging, name), `${body.trim()}\n`);
  moved += 1;
  return `<script${attributes} src="./${name}"></script>`;
});
// What the policy would refuse, outside comments.
const markup = html.replace(/<!--[\s\S]*?-->/g, '');
const refused = [
  [/<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/i, 'an inline <script>'],
  [/<[a-z][^>]*\sstyle\s*=/i, 'a style attribute'],
  [/<[a-z][^>]*\son[a-z]+\s*=/i, 'an event-handler attribute'],
  [/<style\b/i, 'a <style> element'],
].filter(([pattern]) => pattern.test(markup));
if (refused.length > 0) {
  console.error(`externalize-scripts: index.html has ${refused.map(([, what]) => what).join(', ')}, which the Content-Security-Policy refuses`);
  process.exit(1);
}
writeFileSync(page, html);
console.log(`externalize-scripts: ${moved} inline script(s) moved to files`);
