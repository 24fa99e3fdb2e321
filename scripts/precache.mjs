// Trunk post-build hook (after scripts/csp.mjs): makes the build installable and usable
// offline.
//
// - draws the PNG app icons into icons/ (scripts/icons.mjs; the manifest lists them),
// - writes sw.js, the service worker (pwa/sw.js), with the list of every file of the build
//   and a version: a hash of all their contents. Trunk puts a content hash in the names of
//   the script, the WebAssembly and the style sheet, so this list can only be made once the
//   build is done. Paths are relative (the app may live under a sub-path).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { icons } from './icons.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';

fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
for (const [name, png] of Object.entries(icons())) fs.writeFileSync(path.join(dir, 'icons', name), png);

// Files the app may load; not the host's header file, not the worker itself.
const SKIP = new Set(['_headers', 'sw.js']);
function list(folder, prefix = '') {
  return fs.readdirSync(path.join(dir, folder), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    if (e.isDirectory()) return list(path.join(folder, e.name), `${rel}/`);
    return SKIP.has(rel) || e.name.startsWith('.') ? [] : [rel];
  });
}
const files = list('.').sort();
if (!files.includes('index.html')) throw new Error('precache: no index.html in the build');

const hash = crypto.createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
const version = hash.digest('hex').slice(0, 16);

const template = fs.readFileSync(path.join(here, '..', 'pwa', 'sw.js'), 'utf8');
const worker = template
  .replace("'__CAIRN_VERSION__'", JSON.stringify(version))
  .replace('__CAIRN_FILES__', JSON.stringify(files));
if (worker.includes('__CAIRN_')) throw new Error('precache: pwa/sw.js placeholders not filled');
fs.writeFileSync(path.join(dir, 'sw.js'), worker);
console.log(`precache: sw.js version ${version}, ${files.length} files`);
