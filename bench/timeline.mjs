// Timeline benchmark: Cairn's timeline and frappe-gantt (a widely used JavaScript Gantt chart,
// from npm) on the same 2,000 generated initiatives (about 3,000 dependencies), in the same
// headless Chromium. Reports first paint and one drag frame, as the work up to style and
// layout (forced at once) and as the time to the next frame; medians of several runs.
// Run through `bench/run` (it builds the release first).
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../scripts/serve.mjs';

const RUNS = 5;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Measures `action` (run in the page) until the app's effects have run and style and layout are
// done ("work"), and until the next frame ("frame").
const MEASURE = `async (action) => {
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const t0 = performance.now();
  await action();
  for (let i = 0; i < 30; i++) await Promise.resolve();
  document.body.offsetHeight;
  const work = performance.now() - t0;
  await new Promise((r) => requestAnimationFrame(r));
  return { work, frame: performance.now() - t0 };
}`;

const server = await startServer({ dir: 'dist' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
const results = {};
try {
  // ---- Cairn ---------------------------------------------------------------------------
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  await page.goto(`${server.url}/#/debug/generate/2000`);
  await page.getByRole('table', { name: 'Initiatives' }).waitFor();
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to file' }).click()]);
  const roadmap = JSON.parse(Buffer.concat(await (await download.createReadStream()).toArray()).toString()).roadmap;
  const dated = roadmap.initiatives.filter((i) => i.start);
  const deps = dated.reduce((n, i) => n + i.depends_on.length, 0);
  await page.goto(`${server.url}/#/timeline`);
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await page.getByRole('group', { name: /^Initiatives on the timeline/ }).waitFor();
  const first = [], drag = [];
  for (let run = 0; run < RUNS; run++) {
    // From the (small) settings view, so the figure is the timeline's own, not the teardown
    // of the 2,000-row initiative table.
    await page.evaluate(() => { history.replaceState(null, '', '#/settings'); dispatchEvent(new HashChangeEvent('hashchange')); });
    await page.waitForTimeout(100);
    first.push(await page.evaluate(`(${MEASURE})(async () => { history.replaceState(null, '', '#/timeline'); dispatchEvent(new HashChangeEvent('hashchange')); })`));
  }
  const ok = await page.evaluate(() => document.querySelectorAll('.bar-hit').length);
  // A drag: press on the first bar's middle, then move a month at a time.
  const hits = page.getByRole('group', { name: /^Initiatives on the timeline/ });
  const target = hits.getByRole('button', { name: / to \d{4}-\d{2}, / }).first();
  const box = await target.boundingBox();
  const host = await hits.boundingBox();
  const start = { x: box.x - host.x + box.width / 2, y: box.y - host.y + box.height / 2 };
  await hits.dispatchEvent('pointerdown', { button: 0, pointerId: 1, clientX: host.x + start.x, clientY: host.y + start.y, bubbles: true });
  for (let step = 1; step <= 7; step++) {
    drag.push(await page.evaluate(`(${MEASURE})(async () => {
      document.querySelector('.timeline-hits').dispatchEvent(new PointerEvent('pointermove', { pointerId: 1, clientX: ${host.x + start.x} + ${step} * 28 + 2, clientY: ${host.y + start.y}, bubbles: true }));
    })`));
  }
  await hits.dispatchEvent('pointerup', { button: 0, pointerId: 1, bubbles: true });
  // A scroll: the canvas holds the part in view and is redrawn for each new place.
  const scroll = [];
  for (let run = 0; run < RUNS; run++) {
    scroll.push(await page.evaluate(`(${MEASURE})(async () => {
      const s = document.querySelector('.timeline-scroll');
      s.scrollTop += 600; s.scrollLeft += 200;
      await new Promise((r) => s.addEventListener('scroll', r, { once: true }));
    })`));
  }
  results.cairn = { first, drag, scroll, bars: dated.length, buttons: ok };
  await page.close();

  // ---- frappe-gantt ----------------------------------------------------------------------
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-frappe-'));
  for (const f of ['frappe-gantt.umd.js', 'frappe-gantt.css']) fs.copyFileSync(path.join('node_modules/frappe-gantt/dist', f), path.join(dir, f));
  const lastDay = (m) => { const [y, mo] = m.split('-').map(Number); return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10); };
  const tasks = dated.map((i) => ({ id: i.id, name: i.name, start: `${i.start}-01`, end: lastDay(i.end), progress: 0, dependencies: i.depends_on.filter((d) => dated.some((x) => x.id === d)).join(', ') }));
  fs.writeFileSync(path.join(dir, 'tasks.json'), JSON.stringify(tasks));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><meta charset=utf-8><link rel=stylesheet href=frappe-gantt.css><script src=frappe-gantt.umd.js></script><div id=gantt></div>`);
  const frappeServer = await startServer({ dir });
  const fp = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await fp.goto(`${frappeServer.url}/`);
  await fp.evaluate(async () => { window.tasks = await (await fetch('tasks.json')).json(); });
  const ffirst = [], fdrag = [];
  for (let run = 0; run < RUNS; run++) {
    ffirst.push(await fp.evaluate(`(${MEASURE})(async () => { document.getElementById('gantt').innerHTML = ''; window.gantt = new Gantt('#gantt', window.tasks, { view_mode: 'Month', readonly: false }); })`));
  }
  const fbars = await fp.evaluate(() => document.querySelectorAll('.bar-wrapper').length);
  // A drag on the first bar, as frappe listens for it (mousedown on the bar, mousemove on the SVG).
  const fbox = await fp.locator('.bar-wrapper .bar').first().boundingBox();
  await fp.locator('.bar-wrapper .bar').first().dispatchEvent('mousedown', { clientX: fbox.x + fbox.width / 2, clientY: fbox.y + fbox.height / 2, bubbles: true });
  for (let step = 1; step <= 7; step++) {
    fdrag.push(await fp.evaluate(`(${MEASURE})(async () => {
      document.querySelector('#gantt svg').dispatchEvent(new MouseEvent('mousemove', { clientX: ${fbox.x + fbox.width / 2} + ${step} * 30, clientY: ${fbox.y + fbox.height / 2}, bubbles: true }));
    })`));
  }
  await fp.locator('#gantt svg').dispatchEvent('mouseup', { bubbles: true });
  results.frappe = { first: ffirst, drag: fdrag, bars: fbars };
  await frappeServer.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const row = (name, r) => `| ${name} | ${r.bars} | ${median(r.first.map((x) => x.work)).toFixed(0)} ms | ${median(r.first.map((x) => x.frame)).toFixed(0)} ms | ${median(r.drag.map((x) => x.work)).toFixed(1)} ms | ${median(r.drag.map((x) => x.frame)).toFixed(1)} ms |`;
  console.log(`\ntimeline, ${dated.length} dated initiatives, ${deps} dependencies (budget: first paint 100 ms, drag frame 16 ms):`);
  console.log('| chart | bars placed | first paint, work | first paint, to next frame | drag frame, work | drag frame, to next frame |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('Cairn (plotters on a canvas)', results.cairn));
  console.log(row('frappe-gantt 1.2.2 (SVG)', results.frappe));
  const sc = results.cairn.scroll;
  console.log(`\nCairn lays out all ${results.cairn.bars} bars and draws the part in view: a scroll redraws it in ${median(sc.map((x) => x.work)).toFixed(1)} ms of work (${median(sc.map((x) => x.frame)).toFixed(1)} ms to the next frame); ${results.cairn.buttons} bar buttons are in the page near the view. frappe-gantt draws every bar as SVG up front; the browser scrolls it.`);
} finally {
  await browser.close();
  await server.close();
}
