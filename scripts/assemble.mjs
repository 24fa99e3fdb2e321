// Part of scripts/build-release: writes dist/ from the built modules the way trunk does for
// index.html's <link data-trunk> lines, so that one index.html serves both build paths.
//
//   node scripts/assemble.mjs <stage> <dist>
//
// <stage>/web: cairn.js + cairn_bg.wasm (wasm-bindgen --target web); <stage>/split: the
// chunks and their loader __wasm_split.js (absent without the split); <stage>/worker:
// optimiser.js + optimiser_bg.wasm (wasm-bindgen --target no-modules, names fixed: the
// worker's script public/optimiser-worker.js loads them by name, as with trunk).
//
// Names carry content hashes (cache busting; the service worker's list). The main module's
// glue and the chunks' loader import each other, so both take one hash of the pair's content
// (with the chunks' hashed names written in); every .wasm takes the hash of its own bytes.
// Every address is relative: the same dist/ works at / and under any sub-path.
// The JavaScript and the style sheet are minified with esbuild (npm; issue 14: the glue is
// 11 KB gzip as wasm-bindgen writes it); names still come from the unminified content.
import crypto from 'node:crypto';
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const [stage, dist] = process.argv.slice(2);
if (!stage || !dist) throw new Error('usage: node scripts/assemble.mjs <stage> <dist>');
const hash = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
};
const read = (...p) => fs.readFileSync(path.join(...p));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
const write = (name, data) => fs.writeFileSync(path.join(dist, name), data);
const minify = (code, loader) => transformSync(code, { loader, minify: true, ...(loader === 'js' ? { format: 'esm' } : {}) }).code;

// The chunks: each named by its own content; the loader refers to them as "./<name>.wasm".
const splitDir = path.join(stage, 'split');
const loaderPath = path.join(splitDir, '__wasm_split.js');
const split = fs.existsSync(loaderPath);
let loader = split ? fs.readFileSync(loaderPath, 'utf8') : null;
const chunks = [];
if (split) {
  for (const file of fs.readdirSync(splitDir).sort()) {
    if (!file.endsWith('.wasm') || file === 'cairn.wasm') continue;
    const bytes = read(splitDir, file);
    const stem = file.slice(0, -'.wasm'.length);
    const hashed = `${stem}-${hash(bytes)}.wasm`;
    const ref = new RegExp(`(["'])\\./${escape(file)}\\1`, 'g');
    if (!ref.test(loader)) throw new Error(`assemble: __wasm_split.js does not load ./${file}`);
    loader = loader.replace(ref, `$1./${hashed}$1`);
    write(hashed, bytes);
    chunks.push(hashed);
  }
}

// The main module and its glue.
let glue = read(stage, 'web', 'cairn.js').toString('utf8');
const wasm = read(stage, 'web', 'cairn_bg.wasm');
const wasmName = `cairn-${hash(wasm)}_bg.wasm`;
write(wasmName, wasm);
const pair = hash(glue, loader ?? '');
const glueName = `cairn-${pair}.js`;
const loaderName = `split-${pair}.js`;
if (split) {
  const toLoader = /(from\s*["'])\.\/__wasm_split\.js(["'])/g;
  if (!toLoader.test(glue)) throw new Error('assemble: cairn.js does not import ./__wasm_split.js');
  glue = glue.replace(toLoader, `$1./${loaderName}$2`);
  const toGlue = /(from\s*["'])\.\/cairn\.js(["'])/g;
  if (!toGlue.test(loader)) throw new Error('assemble: __wasm_split.js does not import ./cairn.js');
  loader = loader.replace(toGlue, `$1./${glueName}$2`);
  // The loader holds an entry and the dependency list of every chunk (hundreds: 17 KB gzip),
  // yet the first screen loads no chunk. So the page imports a stub with the same exports
  // (the split points' loads, which the main module imports) that imports the table on the
  // first chunk load; if that import fails (offline before the first visit), the load
  // reports failure the way the loader does (the callback with `false`: Retry appears).
  const names = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  if (names.length === 0 || names.some((n) => !n.startsWith('__wasm_split_load_'))) {
    throw new Error(`assemble: __wasm_split.js exports something else than split point loads: ${names.join(', ')}`);
  }
  const tableName = `split-table-${hash(loader)}.js`;
  write(tableName, minify(loader, 'js'));
  const stub = [
    '// The chunk loaders: the table is imported on the first chunk load (scripts/assemble.mjs).',
    `import { initSync } from "./${glueName}";`,
    'let table;',
    `const loaders = () => (table ??= import("./${tableName}").catch((e) => { table = undefined; throw e; }));`,
    'const failed = (index, data, e) => {',
    '  console.error(e);',
    '  initSync(undefined, undefined).__indirect_function_table.get(index)(data, false);',
    '};',
    ...names.map((n) => `export const ${n} = (index, data) => loaders().then((t) => t.${n}(index, data), (e) => failed(index, data, e));`),
    '',
  ].join('\n');
  write(loaderName, minify(stub, 'js'));
}
write(glueName, minify(glue, 'js'));

// The optimiser's Web Worker: fixed names, as trunk writes workers.
for (const f of ['optimiser.js', 'optimiser_bg.wasm']) write(f, read(stage, 'worker', f));

// index.html: each <link data-trunk ...> becomes what trunk would have written.
let html = fs.readFileSync('index.html', 'utf8');
const attr = (tag, name) => (tag.match(new RegExp(`${name}="([^"]*)"`)) || [])[1];
html = html.replace(/[ \t]*<link data-trunk [^>]*>\n?/g, (tag) => {
  const rel = attr(tag, 'rel');
  const indent = tag.match(/^[ \t]*/)[0];
  if (rel === 'rust' && attr(tag, 'data-type') === 'worker') return '';
  if (rel === 'rust') {
    return [
      `<link rel="modulepreload" href="./${glueName}">`,
      // The glue imports the chunks' loader stub: fetched with the glue, not after it.
      ...(split ? [`<link rel="modulepreload" href="./${loaderName}">`] : []),
      `<link rel="preload" href="./${wasmName}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
      `<script type="module">import init from './${glueName}';await init({ module_or_path: './${wasmName}' });</script>`,
    ].map((l) => indent + l + '\n').join('');
  }
  if (rel === 'css') {
    const href = attr(tag, 'href');
    const css = read(href);
    const name = `${path.basename(href, '.css')}-${hash(css)}.css`;
    write(name, minify(css.toString('utf8'), 'css'));
    return `${indent}<link rel="stylesheet" href="./${name}">\n`;
  }
  if (rel === 'copy-dir') {
    const from = attr(tag, 'href');
    fs.cpSync(from, path.join(dist, path.basename(from)), { recursive: true });
    return '';
  }
  if (rel === 'copy-file') {
    const from = attr(tag, 'href');
    fs.copyFileSync(from, path.join(dist, path.basename(from)));
    return '';
  }
  throw new Error(`assemble: index.html has a trunk link this script does not know: ${tag}`);
});
write('index.html', html);
console.log(`assemble: ${glueName}, ${wasmName}, ${chunks.length} chunk(s)${split ? ` and ${loaderName} (its table on first use)` : ''}`);
