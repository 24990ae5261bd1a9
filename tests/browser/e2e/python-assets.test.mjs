// The files of the "Your own Python" view (dist/python/, tools/python-assets.mjs), under the
// page's Content-Security-Policy (www/_headers), in each browser:
// - Pyodide starts in a module Web Worker (new Worker(..., { type: 'module' })) with
//   loadPyodide({ indexURL: 'python/pyodide/' }) and runs hashlib, asyncio (runPythonAsync),
//   time.sleep and pickle; it fetches only files of the page's origin under python/pyodide/,
//   and nothing violates the policy (the worker's own `securitypolicyviolation` events are
//   kept too, since the page's collector cannot see them);
// - the editor (python/editor.js) mounts, is styled by CodeMirror's styles (a constructable
//   stylesheet: the policy refuses a <style> element), labels its textbox, and reports changes.
// The test page and its scripts are served by the test server (not in dist/), from the same
// origin, with the same headers, and with a cache lifetime so that a second start is timed
// from the HTTP cache. CP_PYTHON_CPU=1 also measures the CPU time the browser spends while
// Python sleeps 2 s (does time.sleep busy-wait?), from /proc.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSERS } from '../lib/browsers.mjs';
import { DIST, browserFor, servers } from '../lib/harness.mjs';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Python assets check</title>
<script type="module" src="./python-check.js"></script></head>
<body><main><div id="editor"></div></main></body></html>`;

const PAGE_SCRIPT = `import { mount } from './python/editor.js';
self.__changes = [];
self.__editor = mount(document.getElementById('editor'), 'def f(x):\\n    return x * 2\\n',
  (text) => self.__changes.push(text), { label: 'Your program' });
self.__python = (what) => new Promise((resolve) => {
  const worker = new Worker('./python/check-worker.js', { type: 'module' });
  worker.onmessage = (e) => { if (e.data.ready) { worker.postMessage(what); return; } resolve(e.data); worker.terminate(); };
  worker.onerror = (e) => { resolve({ error: 'worker error: ' + (e.message || 'no message') }); worker.terminate(); };
});
self.__ready = true;
`;

const WORKER = `const violations = [];
self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' refused ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber));
import { loadPyodide } from './pyodide/pyodide.mjs';
self.onmessage = async ({ data: what }) => {
  try {
    const started = performance.now();
    const py = await loadPyodide({ indexURL: new URL('./pyodide/', import.meta.url).href });
    const loadMs = performance.now() - started;
    const out = { loadMs, version: py.version, python: py.runPython('import sys; sys.version.split()[0]') };
    out.sha = py.runPython("import hashlib; hashlib.sha256(b'x').hexdigest()");
    let t = performance.now();
    out.asyncioResult = await py.runPythonAsync('import asyncio\\nawait asyncio.sleep(0.1)\\n"slept"');
    out.asyncioMs = performance.now() - t;
    t = performance.now();
    py.runPython('import time; time.sleep(0.2)');
    out.sleepMs = performance.now() - t;
    out.pickle = py.runPython("import pickle; d = {'a': [1, 2.5, 'x'], 'b': (None, True)}; pickle.loads(pickle.dumps(d)) == d and len(pickle.dumps(d))");
    if (what === 'sleep2') {
      t = performance.now();
      py.runPython('import time; time.sleep(2)');
      out.sleep2Ms = performance.now() - t;
    }
    out.resources = performance.getEntriesByType('resource').map((r) => ({ name: r.name, bytes: r.transferSize, ms: Math.round(r.duration) }));
    out.violations = violations;
    postMessage(out);
  } catch (error) {
    postMessage({ error: String(error && error.stack || error), violations });
  }
};
postMessage({ ready: true });
`;

const routes = {
  '/python-check.html': { body: PAGE },
  '/python-check.js': { body: PAGE_SCRIPT, type: 'text/javascript; charset=utf-8' },
  '/python/check-worker.js': { body: WORKER, type: 'text/javascript; charset=utf-8' },
  // The page names no icon: without this the browser's request for one is a 404 error.
  '/favicon.ico': { body: '', type: 'image/x-icon' },
};
const urls = servers({ routes, extraHeaders: { 'Cache-Control': 'max-age=600' } });

// CPU time (ms) used so far by a process and its descendants, from /proc.
function treeCpuMs(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push({ pid: Number(name), cpu: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone meanwhile
    }
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    for (const child of children.get(stack.pop()) ?? []) {
      ticks += child.cpu;
      stack.push(child.pid);
    }
  }
  return ticks * 10; // USER_HZ is 100
}

async function openCheck(browser) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
  await page.goto(`${urls.isolated}python-check.html`);
  await page.waitForFunction(() => self.__ready === true, { timeout: 30000 });
  return { page, errors };
}

for (const name of BROWSERS) {
  describe(`dist/python in ${name}`, () => {
    const holder = browserFor(name);

    it('dist/python has Pyodide\'s files, the editor and the licences', () => {
      for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json']) {
        assert.ok(existsSync(join(DIST, 'python', 'pyodide', file)), `dist/python/pyodide/${file}`);
      }
      for (const file of ['editor.js', 'licenses/README.txt', 'licenses/Pyodide-LICENSE.txt', 'licenses/CPython-LICENSE.txt', 'licenses/codemirror__view.LICENSE.txt']) {
        assert.ok(existsSync(join(DIST, 'python', file)), `dist/python/${file}`);
      }
    });

    it('Pyodide runs the standard library in a module worker under the policy, from python/pyodide/ only', async (t) => {
      const { page, errors } = await openCheck(holder.browser);
      const cold = await page.evaluate(() => self.__python('check'));
      assert.equal(cold.error, undefined, cold.error);
      assert.equal(cold.sha, '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881');
      assert.equal(cold.asyncioResult, 'slept');
      assert.ok(cold.asyncioMs >= 95, `asyncio.sleep(0.1) took ${cold.asyncioMs} ms`);
      assert.ok(cold.sleepMs >= 195, `time.sleep(0.2) took ${cold.sleepMs} ms`);
      assert.ok(Number(cold.pickle) > 0, `pickle round trip: ${cold.pickle}`);
      assert.deepEqual(cold.violations, []);
      const origin = new URL(urls.isolated).origin;
      for (const { name: url } of cold.resources) {
        assert.ok(url.startsWith(`${origin}/python/pyodide/`), `the worker fetched ${url}`);
      }
      // A second start in a new page: Pyodide's files from the HTTP cache.
      const second = await openCheck(holder.browser);
      const warm = await second.page.evaluate(() => self.__python('check'));
      assert.equal(warm.error, undefined, warm.error);
      let cpu = null;
      if (process.env.CP_PYTHON_CPU) {
        const root = holder.browser.process?.()?.pid ?? holder.browser.processes?.[0]?.pid;
        const before = treeCpuMs(root);
        const started = Date.now();
        const slept = await second.page.evaluate(() => self.__python('sleep2'));
        // The worker loads Pyodide again first; that is subtracted with a run without the sleep.
        const withSleep = treeCpuMs(root) - before;
        const wall = Date.now() - started;
        const before2 = treeCpuMs(root);
        await second.page.evaluate(() => self.__python('check'));
        const without = treeCpuMs(root) - before2;
        cpu = { withSleepMs: withSleep, withoutSleepMs: without, sleep2Ms: slept.sleep2Ms, wallMs: wall };
      }
      t.diagnostic(JSON.stringify({
        browser: name, version: cold.version, python: cold.python,
        coldLoadMs: Math.round(cold.loadMs), warmLoadMs: Math.round(warm.loadMs),
        asyncioMs: Math.round(cold.asyncioMs), sleepMs: Math.round(cold.sleepMs), pickleBytes: cold.pickle,
        files: cold.resources.map((r) => `${new URL(r.name).pathname} ${r.bytes}B ${r.ms}ms`),
        warmFiles: warm.resources.map((r) => `${new URL(r.name).pathname} ${r.bytes}B`),
        cpu,
      }));
      assert.deepEqual(errors, []);
      assert.deepEqual(second.errors, []);
      await page.close();
      await second.page.close();
    });

    it('the editor mounts styled, labelled, and reports changes, with no violation', async () => {
      const { page, errors } = await openCheck(holder.browser);
      const state = await page.evaluate(() => {
        const content = document.querySelector('#editor .cm-content');
        const gutters = document.querySelector('#editor .cm-gutters');
        const editor = document.querySelector('#editor .cm-editor');
        const highlighted = document.querySelectorAll('#editor .cm-line span').length;
        self.__editor.set('print("hi")\n');
        return {
          highlighted,
          label: content?.getAttribute('aria-label'),
          role: content?.getAttribute('role'),
          // CodeMirror's base theme makes the editor a flex column and its gutters flex items:
          // unstyled, the editor is a block.
          editorDisplay: editor && getComputedStyle(editor).display,
          gutterDisplay: gutters && getComputedStyle(gutters).display,
          styleElements: document.querySelectorAll('style').length,
          adopted: document.adoptedStyleSheets?.length ?? null,
          text: self.__editor.get(),
          changes: self.__changes.slice(),
          violations: self.__cpViolations.slice(),
        };
      });
      assert.equal(state.label, 'Your program');
      assert.equal(state.role, 'textbox');
      assert.equal(state.editorDisplay, 'flex');
      assert.equal(state.gutterDisplay, 'flex');
      assert.equal(state.styleElements, 0);
      assert.ok(state.adopted >= 1, `adoptedStyleSheets: ${state.adopted}`);
      assert.ok(state.highlighted > 0, 'highlighted tokens');
      assert.equal(state.text, 'print("hi")\n');
      assert.deepEqual(state.changes, ['print("hi")\n']);
      assert.deepEqual(state.violations, []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
