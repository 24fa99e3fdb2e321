// What a fresh visit downloads before the view shows (issue 14): for `/` and each deep link,
// a new browser context (empty cache, service worker blocked so its precaching is not
// counted) opens the page in headless Chromium; a script in the page notes the moment the
// view has rendered (no loading placeholder left), and every file whose request started
// before that moment is counted: raw bytes and gzip -9 bytes of each body (what a static host
// serving gzip sends). What is fetched after the view shows (the codec a fresh visit fetches
// once its first screen is painted, src/codec.rs) is listed apart, as "then".
//
//   node bench/first-screen.mjs [dist]      (bench/size runs it after a build)
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const dist = process.argv[2] || 'dist';
const ROUTES = [
  ['/', ''],
  ['roadmap/goals', '#/roadmap/goals'],
  ['roadmap/capabilities', '#/roadmap/capabilities'],
  ['heatmap', '#/heatmap'],
  ['timeline', '#/timeline'],
  ['landscape', '#/landscape'],
  ['portfolio (summary)', '#/portfolio'],
  ['portfolio/alignment', '#/portfolio/alignment'],
  ['portfolio/finance', '#/portfolio/finance'],
  ['portfolio/vendors', '#/portfolio/vendors'],
  ['portfolio/risk', '#/portfolio/risk'],
  ['portfolio/workforce', '#/portfolio/workforce'],
  ['decide/scoring', '#/decide/scoring'],
  ['decide/optimise', '#/decide/optimise'],
  ['decide/scenarios', '#/decide/scenarios'],
  ['settings', '#/settings'],
];

const server = await startServer({ dir: dist });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps'],
});
const kb = (n) => (n / 1024).toFixed(1).padStart(9);
console.log(`first screen: what a fresh visit downloads before the view shows (${dist}/)`);
console.log(`${'route'.padEnd(24)} ${'files'.padStart(5)} ${'raw KB'.padStart(9)} ${'gzip KB'.padStart(9)}  chunks  split points (VERBOSE=1 lists every chunk)`);
const results = [];
for (const [name, hash] of ROUTES) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', (r) => bodies.push(r.body().then((b) => [r.url(), b]).catch(() => null)));
  await page.addInitScript(() => {
    performance.setResourceTimingBufferSize(100000);
    const shown = () => document.documentElement.dataset.cairnStarted
      && document.querySelector('main') && !document.querySelector('[aria-busy="true"]')
      && document.querySelector('main').children.length > 0;
    // Checked on every change of the page (and every frame): the first moment it holds.
    const note = () => { if (window.__shownAt === undefined && shown()) window.__shownAt = performance.now(); };
    new MutationObserver(note).observe(document, { subtree: true, childList: true, attributes: true });
    const frame = () => { note(); if (window.__shownAt === undefined) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  });
  await page.goto(`${server.url}/${hash}`);
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  // The files whose request started before the view showed (the page itself always).
  const before = new Set(await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= window.__shownAt).map((e) => e.name)));
  let raw = 0, gz = 0;
  const files = [], later = [];
  for (const entry of await Promise.all(bodies)) {
    if (!entry) continue;
    const [url, body] = entry;
    const path = new URL(url).pathname.slice(1);
    if (path !== '' && !url.endsWith('/') && !before.has(url)) { later.push(path); continue; }
    raw += body.length;
    gz += zlib.gzipSync(body, { level: 9 }).length;
    files.push(path);
  }
  const chunks = files.filter((f) => f.endsWith('.wasm') && !/^cairn-.*_bg\.wasm$/.test(f))
    .map((f) => f.replace(/-[0-9a-f]{16}\.wasm$/, ''));
  const named = chunks.filter((c) => !c.startsWith('chunk_'));
  console.log(`${name.padEnd(24)} ${String(files.length).padStart(5)} ${kb(raw)} ${kb(gz)}  ${String(chunks.length).padStart(6)}  ${named.join(' ') || '-'}`
    + (later.length ? `  (then ${later.length} file(s): ${later.map((f) => f.replace(/-[0-9a-f]{16}\./, '.')).join(' ')})` : ''));
  if (process.env.VERBOSE) console.log(`    ${chunks.join(' ')}`);
  results.push({ name, raw, gz, files });
  await context.close();
}
await browser.close();
await server.close();
