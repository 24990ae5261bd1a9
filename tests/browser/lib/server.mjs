// A static file server for the built page, for tests and benchmarks: serves a folder on
// 127.0.0.1, optionally under a sub-path, with or without the headers of www/_headers (the
// cross-origin isolation headers and the Content-Security-Policy; or the same without
// Document-Isolation-Policy, as hosts sent them before it existed, or without the policy).
// HTML pages get a first script that keeps the page's errors and the policy's violations
// (lib/page-errors.mjs), served from /__cp/page-errors.js: the policy refuses inline scripts.
//
//   node serve.mjs --dir ../../dist [--port 0] [--base /sub/path/] [--no-isolation] [--no-dip]
//
// Used as a module, `startServer({dir, port, base, isolation, dip, csp})` resolves to
// {url, port, requests, close}; `requests` lists every path asked for.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLLECTOR_PATH, COLLECTOR_SOURCE, withCollector } from './page-errors.mjs';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));

// Scripts the tests put in pages, from the page's own origin (the policy allows no other).
const HELPERS = {
  [COLLECTOR_PATH]: () => COLLECTOR_SOURCE,
  '/__cp/axe.min.js': () => readFileSync(require.resolve('axe-core/axe.min.js')),
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// The headers www/_headers sends with every file (`Name: value` lines under `/*`), read from
// the file itself so that the tests serve what a host given that file would. (Its other
// sections, such as the Python interpreter's cache lifetime, are left to the benchmark.)
export function hostHeaders(section = '/*') {
  const text = readFileSync(join(HERE, '..', '..', '..', 'www', '_headers'), 'utf8');
  const headers = {};
  let current = null;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('#')) current = line.trim();
    const m = /^\s+([A-Za-z-]+):\s*(.+?)\s*$/.exec(line);
    if (m && current === section) headers[m[1]] = m[2];
  }
  return headers;
}

// www/_headers' headers; `dip: false` leaves out Document-Isolation-Policy, `csp: false` the
// Content-Security-Policy.
export function isolationHeaders({ dip = true, csp = true } = {}) {
  const headers = hostHeaders();
  if (!dip) delete headers['Document-Isolation-Policy'];
  if (!csp) delete headers['Content-Security-Policy'];
  return headers;
}

// `isolation: false` sends none of www/_headers' headers; `csp` (by default as `isolation`) adds
// or leaves out its Content-Security-Policy.
export function startServer({ dir, port = 0, host = '127.0.0.1', base = '/', isolation = true, dip = true, csp = isolation, extraHeaders = {}, routes = {} }) {
  const root = resolve(dir);
  const requests = [];
  // Links as long as the hostile-input sample's (100 KB values, percent-encoded) fit in the
  // request line (Node's default allows 16 KB of headers).
  const server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = decodeURIComponent(url.pathname);
      requests.push(path);
      const policy = isolationHeaders({ dip, csp });
      const chosen = isolation ? policy : csp ? { 'Content-Security-Policy': policy['Content-Security-Policy'] } : {};
      const headers = { 'Cache-Control': 'no-store', ...chosen, ...extraHeaders };
      if (HELPERS[path]) {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', ...headers });
        res.end(HELPERS[path]());
        return;
      }
      if (routes[path]) {
        const route = routes[path];
        const type = route.type || 'text/html; charset=utf-8';
        res.writeHead(200, { 'Content-Type': type, ...headers, ...(route.headers || {}) });
        res.end(type.startsWith('text/html') ? withCollector(route.body) : route.body);
        return;
      }
      if (!path.startsWith(base)) {
        res.writeHead(404, headers).end('not under the base path');
        return;
      }
      path = path.slice(base.length);
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) {
        res.writeHead(403, headers).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, headers).end('not found');
        return;
      }
      const body = await readFile(file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, ...headers });
      // Every page reports its own errors too (lib/page-errors.mjs), for drivers that cannot.
      res.end(type.startsWith('text/html') ? withCollector(body) : body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((done) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      done({ url: `http://${host}:${actual}${base}`, port: actual, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const server = await startServer({
    dir: value('--dir', '../../dist'),
    port: Number(value('--port', '8080')),
    base: value('--base', '/'),
    isolation: !args.includes('--no-isolation'),
    dip: !args.includes('--no-dip'),
  });
  console.log(`serving ${server.url}`);
}
