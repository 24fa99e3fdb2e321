// A small static file server for Cairn's dist/ (no dependencies beyond Node).
// `node scripts/serve.mjs [--dir dist] [--host 127.0.0.1] [--port 8080]` serves the app at /
// and at /tools/cairn/ (to show that a sub-path works). The end-to-end tests import
// `startServer` and start it on a free port (port 0).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain',
};
export const SUB_PATH = '/tools/cairn/';

// The build's security headers (scripts/csp.mjs writes them to dist/_headers, in the syntax
// static hosts such as Netlify and Cloudflare Pages read), sent with every response.
function securityHeaders(root) {
  const headers = {};
  try {
    for (const line of fs.readFileSync(path.join(root, '_headers'), 'utf8').split('\n')) {
      const m = line.match(/^\s+([A-Za-z-]+):\s*(.+)$/);
      if (m) headers[m[1].toLowerCase()] = m[2].trim();
    }
  } catch { /* a build without the hook: no extra headers */ }
  return headers;
}

// gzip: answer with gzip -9 bodies when the browser accepts them, as static hosts do (the
// benchmark's slow-link measurement; the tests and `serve` send files as they are).
export function startServer({ dir = 'dist', host = '127.0.0.1', port = 0, gzip = false } = {}) {
  const root = path.resolve(dir);
  const zipped = new Map();
  const security = securityHeaders(root);
  const server = http.createServer((req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (urlPath === SUB_PATH.slice(0, -1)) { res.writeHead(301, { location: SUB_PATH }); return res.end(); }
    if (urlPath.startsWith(SUB_PATH)) urlPath = '/' + urlPath.slice(SUB_PATH.length);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); return res.end('forbidden'); }
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }); return res.end('not found'); }
      const compress = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      if (compress && !zipped.has(file)) zipped.set(file, zlib.gzipSync(body, { level: 9 }));
      res.writeHead(200, {
        ...security,
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
      });
      res.end(compress ? zipped.get(file) : body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const dir = arg('dir', 'dist');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html not found; build first (trunk build --release)`);
    process.exit(1);
  }
  const { url } = await startServer({ dir, host: arg('host', '127.0.0.1'), port: Number(arg('port', 8080)) });
  console.log(`Cairn is served at ${url}/ (and ${url}${SUB_PATH}). Press Ctrl+C to stop.`);
}
