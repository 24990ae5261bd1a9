// Trunk's post_build hook (Trunk.toml, after externalize-scripts.mjs): puts the files of the
// "Your own Python" view in their own folder, <dist>/python/, from the npm packages of
// tools/package.json (scripts/setup installs them; nothing comes from a CDN):
//
//   python/pyodide/   Pyodide's core, what loadPyodide({ indexURL: 'python/pyodide/' }) fetches
//                     to run the standard library: pyodide.mjs, pyodide.asm.mjs,
//                     pyodide.asm.wasm, python_stdlib.zip and pyodide-lock.json. No packages.
//   python/editor.js  www/python/editor-entry.mjs and CodeMirror 6, bundled by esbuild (ESM,
//                     minified): mount(parent, text, onChange, { label }).
//   python/licenses/  the licences of all of it: Pyodide's (MPL-2.0), CPython's (PSF), and one
//                     per npm package bundled into editor.js, with README.txt naming each.
//
// The main page never loads any of these: only the view that needs Python does.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(TOOLS);
const MODULES = join(TOOLS, 'node_modules');
const fail = (message) => {
  console.error(`python-assets: ${message}`);
  process.exit(1);
};

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');

// The packages tools/package.json pins must be installed, at those versions.
const SETUP = 'run scripts/setup (it runs npm ci in tools/)';
const wanted = JSON.parse(readFileSync(join(TOOLS, 'package.json'), 'utf8')).dependencies;
if (!existsSync(MODULES)) fail(`tools/node_modules is missing: ${SETUP}`);
for (const [name, version] of Object.entries(wanted)) {
  const manifest = join(MODULES, name, 'package.json');
  if (!existsSync(manifest)) fail(`the npm package ${name} is not installed in tools/node_modules: ${SETUP}`);
  const installed = JSON.parse(readFileSync(manifest, 'utf8')).version;
  if (installed !== version) fail(`tools/node_modules has ${name} ${installed}, tools/package.json pins ${version}: ${SETUP}`);
}
const { build } = await import(join(MODULES, 'esbuild', 'lib', 'main.js')).then((m) => m.default ?? m);

const out = join(staging, 'python');
// Only what this hook writes: Trunk copies the view's own worker (www/python/worker.js) here
// before the hook runs.
for (const made of ['pyodide', 'licenses', 'editor.js']) rmSync(join(out, made), { recursive: true, force: true });
mkdirSync(join(out, 'pyodide'), { recursive: true });
mkdirSync(join(out, 'licenses'), { recursive: true });

// --- Pyodide ------------------------------------------------------------------------------
// What loadPyodide fetches before it runs Python (checked in Chromium, Firefox and WebKit's
// network logs): the loader, the Emscripten module it imports, its wasm, the standard library
// and the lock file (read at start-up even when no package is loaded).
const PYODIDE = join(MODULES, 'pyodide');
for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
  const from = join(PYODIDE, file);
  if (!existsSync(from)) fail(`pyodide ${wanted.pyodide} has no ${file}: has its layout changed?`);
  if (file === 'pyodide.mjs') {
    // Its source map is not shipped: leave out the comment that would make devtools ask for it.
    const text = readFileSync(from, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    writeFileSync(join(out, 'pyodide', file), text);
  } else {
    copyFileSync(from, join(out, 'pyodide', file));
  }
}
const python = JSON.parse(readFileSync(join(PYODIDE, 'pyodide-lock.json'), 'utf8')).info.python;

// --- The editor ---------------------------------------------------------------------------
// style-mod (CodeMirror's styles) writes its CSS into a <style> element in a document and uses
// a constructable stylesheet (adoptedStyleSheets) only in a shadow root. The page's
// Content-Security-Policy (style-src 'self') refuses that <style>, and the editor would be
// unstyled; a constructable stylesheet filled with insertRule is not governed by style-src. So
// style-mod is built to adopt its sheet in documents too (Chromium 73+, Firefox 101+, Safari
// 16.4+). If a new style-mod changes that line, the build stops here rather than ship an
// unstyled editor.
const STYLE_MOD_FROM = 'if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet)';
const STYLE_MOD_TO = 'if (root.adoptedStyleSheets && win.CSSStyleSheet)';
let styleModPatched = false;
const adoptInDocuments = {
  name: 'style-mod-adopted-stylesheets-in-documents',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]style-mod[\\/].+\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(STYLE_MOD_FROM)) {
        throw new Error(`style-mod (${args.path}) no longer has "${STYLE_MOD_FROM}": check how it mounts its styles`);
      }
      styleModPatched = true;
      return { contents: source.replace(STYLE_MOD_FROM, STYLE_MOD_TO), loader: 'js' };
    });
  },
};
let result;
try {
  result = await build({
    entryPoints: [join(ROOT, 'www', 'python', 'editor-entry.mjs')],
    outfile: join(out, 'editor.js'),
    absWorkingDir: ROOT,
    nodePaths: [MODULES],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [adoptInDocuments],
  });
} catch (error) {
  fail(`bundling the editor failed: ${error.message}`);
}
if (!styleModPatched) fail('editor.js was built without style-mod: CodeMirror mounts its styles another way now; check them against the policy');

// --- Licences -----------------------------------------------------------------------------
// One per npm package with code in editor.js (esbuild's inputs that left bytes in it), then
// Pyodide's and CPython's, which the pyodide package does not ship (www/python/licenses/).
const bundled = new Set();
const [output] = Object.values(result.metafile.outputs);
for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
  if (bytesInOutput === 0) continue;
  const parts = relative(MODULES, join(ROOT, input)).split(sep);
  if (parts[0] === '..' || parts.length < 2) continue;
  bundled.add(parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
}
const lines = [];
for (const name of [...bundled].sort()) {
  const dir = join(MODULES, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!licence) fail(`the npm package ${name}, bundled into editor.js, ships no licence file`);
  const target = `${name.replace('/', '__').replace(/^@/, '')}.LICENSE.txt`;
  copyFileSync(join(dir, licence), join(out, 'licenses', target));
  lines.push(`${target}: ${name} ${manifest.version} (${manifest.license}), bundled into ../editor.js`);
}
for (const file of readdirSync(join(ROOT, 'www', 'python', 'licenses'))) {
  copyFileSync(join(ROOT, 'www', 'python', 'licenses', file), join(out, 'licenses', file));
}
writeFileSync(join(out, 'licenses', 'README.txt'), `The licences of the files in python/.

Pyodide-LICENSE.txt: Pyodide ${wanted.pyodide} (MPL-2.0), the files in ../pyodide/, unmodified
  (pyodide.mjs less its source-map comment). Its npm package ships no licence file: this is the
  text of the Mozilla Public License 2.0, which is Pyodide's LICENSE. Source:
  github.com/pyodide/pyodide, tag ${wanted.pyodide}.
CPython-LICENSE.txt: CPython ${python} (Python Software Foundation License Version 2, with the
  historical licences in CPython's LICENSE file), compiled into ../pyodide/pyodide.asm.wasm, with
  its standard library in ../pyodide/python_stdlib.zip. This text is CPython 3.13.0's LICENSE
  file; ${python}'s differs only in the notice its PSF License Agreement asks to keep, which reads
  "Copyright (c) 2001 Python Software Foundation; All Rights Reserved".
${lines.join('\n')}
`);

// --- Summary ------------------------------------------------------------------------------
const sizes = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else sizes.push(statSync(path).size);
  }
};
walk(out);
const total = sizes.reduce((a, b) => a + b, 0);
console.log(`python-assets: python/ has ${sizes.length} files, ${(total / 1e6).toFixed(1)} MB (Pyodide ${wanted.pyodide}, CPython ${python}, editor.js ${(statSync(join(out, 'editor.js')).size / 1e3).toFixed(0)} kB, licences of ${bundled.size} bundled packages)`);
