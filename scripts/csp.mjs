// Trunk post-build hook: gives the built page a strict Content-Security-Policy.
//
// Trunk writes one inline module script into index.html (it loads the wasm). Rather than
// allowing inline scripts in general ('unsafe-inline'), the policy allows exactly that script
// by its SHA-256 hash, computed here from the built file. The policy goes into a <meta> tag
// (works on any static host) and into `_headers` (Netlify / Cloudflare Pages syntax) with
// `frame-ancestors`, which only works as an HTTP header; scripts/serve.mjs sends it too.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = path.join(dir, 'index.html');
let html = fs.readFileSync(file, 'utf8');

const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/.test(m[1])) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
}
export const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  // Style sheets only from the app; style attributes (positions and sizes the views set on
  // elements) are allowed: they cannot run script.
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  // Exports draw the chart SVG into an image (blob:/data:) to make a PNG.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>/i, '');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
const at = html.search(/<meta charset=[^>]*>/i);
if (at < 0) throw new Error('csp: no <meta charset> in index.html');
const end = html.indexOf('>', at) + 1;
html = html.slice(0, end) + meta + html.slice(end);
fs.writeFileSync(file, html);
fs.writeFileSync(path.join(dir, '_headers'), `/*\n  Content-Security-Policy: ${policy}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`);
console.log(`csp: ${hashes.length} inline script(s) allowed by hash`);
