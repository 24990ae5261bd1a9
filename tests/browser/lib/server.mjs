// A static file server for the built page, for tests and benchmarks: serves a folder on
// 127.0.0.1, optionally under a sub-path, with or without the cross-origin isolation headers
// (those of www/_headers, or the same without Document-Isolation-Policy, as hosts sent them
// before it existed). HTML pages get a first script that keeps the page's errors
// (lib/page-errors.mjs).
//
//   node serve.mjs --dir ../../dist [--port 0] [--base /sub/path/] [--no-isolation] [--no-dip]
//
// Used as a module, `startServer({dir, port, base, isolation, dip})` resolves to {url, close}.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withCollector } from './page-errors.mjs';

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

// The headers of www/_headers; `dip: false` leaves out Document-Isolation-Policy.
export function isolationHeaders({ dip = true } = {}) {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    ...(dip ? { 'Document-Isolation-Policy': 'isolate-and-require-corp' } : {}),
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };
}

export function startServer({ dir, port = 0, host = '127.0.0.1', base = '/', isolation = true, dip = true, extraHeaders = {}, routes = {} }) {
  const root = resolve(dir);
  // Links as long as the hostile-input sample's (100 KB values, percent-encoded) fit in the
  // request line (Node's default allows 16 KB of headers).
  const server = createServer({ maxHeaderSize: 4 * 1024 * 1024 }, async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      let path = decodeURIComponent(url.pathname);
      const headers = { 'Cache-Control': 'no-store', ...(isolation ? isolationHeaders({ dip }) : {}), ...extraHeaders };
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
      done({ url: `http://${host}:${actual}${base}`, port: actual, close: () => new Promise((r) => server.close(r)) });
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
