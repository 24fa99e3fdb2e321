// The release build split per view (issue 14; src/ui/lazy.rs, scripts/build-release):
// every view, portfolio section and Decide tab opens by deep link and by navigation, each
// loading its own chunk; after one visit every one of them opens offline; a chunk that fails
// to load shows a message with Retry, and Retry recovers with nothing typed lost.
import { test, expect, openApp } from './fixtures.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const dist = process.env.CAIRN_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

// [hash, how to reach it from the navigation, what shows once it is loaded]
const PAGES = [
  ['#/roadmap/goals', ['Roadmap lists', /^Goals/], (p) => p.getByRole('table', { name: 'Business goals' })],
  ['#/roadmap/capabilities', ['Roadmap lists', /^Capabilities/], (p) => p.getByRole('table', { name: 'Capability map' })],
  ['#/heatmap', ['Views', 'Heatmap'], (p) => p.getByRole('heading', { name: 'Capability heatmap', level: 2 })],
  ['#/timeline', ['Views', 'Timeline'], (p) => p.getByRole('heading', { name: 'Timeline', level: 2 })],
  ['#/landscape', ['Views', 'Landscape'], (p) => p.getByRole('heading', { name: 'Landscape', level: 2 })],
  ['#/landscape/applications', ['Landscape parts', /^Applications/], (p) => p.getByRole('table', { name: 'Applications' })],
  ['#/landscape/technologies', ['Landscape parts', /^Technologies/], (p) => p.getByRole('table', { name: 'Technologies' })],
  ['#/landscape/lifecycle', ['Landscape parts', 'Lifecycle roadmap'], (p) => p.getByRole('heading', { name: 'Lifecycle roadmap' })],
  ['#/portfolio', ['Views', 'Portfolio'], (p) => p.locator('#pf-summary-title')],
  ['#/portfolio/alignment', ['Portfolio sections', 'Alignment'], (p) => p.getByRole('heading', { name: 'Alignment matrix' })],
  ['#/portfolio/finance', ['Portfolio sections', 'Finance'], (p) => p.getByRole('heading', { name: 'Spend per fiscal year' })],
  ['#/portfolio/vendors', ['Portfolio sections', 'Vendors'], (p) => p.getByRole('heading', { name: 'Spend per vendor' })],
  ['#/portfolio/risk', ['Portfolio sections', 'Risk and compliance'], (p) => p.getByRole('heading', { name: 'Compliance frameworks' })],
  ['#/portfolio/workforce', ['Portfolio sections', 'Workforce'], (p) => p.getByRole('heading', { name: /FTE demand per quarter/ })],
  ['#/decide/scoring', ['Views', 'Decide'], (p) => p.getByRole('heading', { name: 'Ranking' })],
  ['#/decide/optimise', ['Decide what to fund', 'Optimise'], (p) => p.getByRole('heading', { name: 'Find the best portfolio within the budget' })],
  ['#/decide/scenarios', ['Decide what to fund', /^Scenarios/], (p) => p.getByRole('heading', { name: 'Scenarios of this roadmap' })],
  ['#/settings', ['Views', 'Settings'], (p) => p.getByRole('heading', { name: 'Settings', level: 2 })],
];

/** The chunks (not the main module) this page has fetched so far. */
function chunkLog(page) {
  const chunks = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name.endsWith('.wasm') && !name.startsWith('cairn-') && !name.startsWith('optimiser')) chunks.push(name);
  });
  return chunks;
}

const isSplit = () => fs.readdirSync(dist).some((f) => /^split-[0-9a-f]{16}\.js$/.test(f));

test('each view, section and tab opens by deep link, loading the shell and its own chunk only', async ({ browser, server }) => {
  // Eighteen fresh visits in a row: about 40 s alone, more than the usual minute under the full suite.
  test.setTimeout(240_000);
  const first = new Map();
  for (const [hash, , shown] of PAGES) {
    // A fresh visit: empty cache, no service worker.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const chunks = chunkLog(page);
    await page.goto(`${server.url}/${hash}`);
    await expect(shown(page)).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    first.set(hash, [...chunks]);
    await context.close();
  }
  if (!isSplit()) return;
  // The first screen loads no chunk; each deep link loads chunks, and not those of every page.
  const home = await browser.newContext({ serviceWorkers: 'block' });
  const page = await home.newPage();
  const chunks = chunkLog(page);
  // The moment the first screen showed, noted in the page itself.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (window.__shownAt === undefined && document.querySelector('nav[aria-label="Views"]')) window.__shownAt = performance.now();
    }).observe(document, { subtree: true, childList: true });
  });
  await openApp(page, `${server.url}/`);
  // The codec (src/codec.rs) came after the first screen, and the demo roadmap was saved with it.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')).length)).toBe(1);
  expect(chunks.filter((c) => c.startsWith('split_')).map((c) => c.replace(/-[0-9a-f]{16}\.wasm$/, '')),
    'the editor needs no chunk; after its first screen, the codec only').toEqual(['split_codec']);
  const early = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('.wasm') && !/\/cairn-[0-9a-f]{16}_bg\.wasm$/.test(e.name) && e.startTime < window.__shownAt)
    .map((e) => e.name));
  expect(early, 'no chunk is fetched before the first screen shows').toEqual([]);
  await home.close();
  const all = new Set([...first.values()].flat());
  for (const [hash, loaded] of first) {
    expect(loaded.length, `${hash} loads its chunk`).toBeGreaterThan(0);
    expect(loaded.length, `${hash} loads only its own chunks`).toBeLessThan(all.size);
  }
});

test('each view, section and tab opens through the navigation', async ({ page }) => {
  await openApp(page, '/');
  for (const [hash, [nav, link], shown] of PAGES) {
    await page.getByRole('navigation', { name: nav }).getByRole('link', typeof link === 'string' ? { name: link, exact: true } : { name: link }).click();
    await expect(page).toHaveURL(new RegExp(hash === '#/decide/scoring' ? '#/decide' : hash.replace(/\//g, '\\/') + '$'));
    await expect(shown(page)).toBeVisible();
  }
});

/** A copy of the build, served by its own server (stopped to play "offline"). */
async function servedCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-dist-'));
  fs.cpSync(dist, dir, { recursive: true });
  const server = await startServer({ dir });
  return { server, close: async () => { await server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

test('after one visit every view, section and tab opens offline (every chunk is precached)', async ({ page, context }) => {
  const copy = await servedCopy();
  try {
    // One visit to the first screen only: the service worker caches every file of the version.
    await openApp(page, `${copy.server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await copy.server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    for (const [hash, , shown] of PAGES) {
      await page.goto(`${copy.server.url}/${hash}`);
      await expect(shown(page)).toBeVisible();
    }
  } finally {
    await context.setOffline(false);
    await copy.close();
  }
});

test('a chunk that fails to load shows a message with Retry; Retry recovers and nothing typed is lost', async ({ page, pageErrors }) => {
  test.skip(!isSplit(), 'one module: nothing loads later');
  let failing = true;
  // Every chunk fails until the network "comes back".
  await page.route(/\/[^/]+-[0-9a-f]{16}\.wasm$/, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (failing && !name.startsWith('cairn-')) return route.abort('internetdisconnected');
    return route.continue();
  });
  // The chunk loaders' table too (scripts/assemble.mjs: imported on the first chunk load).
  await page.route(/\/split-table-[0-9a-f]{16}\.js$/, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await openApp(page, '/');
  // Something typed in the editor before moving away.
  await page.getByLabel('New initiative name').fill('Typed before the network went down');
  await page.getByLabel('New initiative name').press('Enter');
  await expect(page.getByRole('button', { name: 'Typed before the network went down' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Heatmap', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'could not load the heatmap' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Capability heatmap', level: 2 })).toHaveCount(0);
  // Retry while still offline: the same message again.
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toBeVisible();

  failing = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'Capability heatmap', level: 2 })).toBeVisible();
  await expect(alert).toHaveCount(0);
  // The roadmap still has what was typed.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Roadmap', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Typed before the network went down' })).toBeVisible();
  // The failed fetches were logged by the loader (console.error): expected here.
  pageErrors.length = 0;
});

test('a returning visitor\'s roadmaps open once the codec is loaded; if it cannot be, the page says so and they are untouched', async ({ browser, server }) => {
  test.skip(!isSplit(), 'one module: nothing loads later');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await openApp(page, `${server.url}/`);
  await page.getByLabel('New initiative name').fill('Kept between visits');
  await page.getByLabel('New initiative name').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const stored = await page.evaluate(() => ({ ...localStorage }));

  // The codec fails to load (offline before the service worker had it, a server gone).
  const blocked = await context.newPage();
  blocked.on('pageerror', () => {});
  await blocked.route(/\/split_codec-[0-9a-f]{16}\.wasm$/, (route) => route.abort('internetdisconnected'));
  await blocked.goto(`${server.url}/`);
  await expect(blocked.getByRole('alert')).toContainText('could not load the code that reads your roadmaps');
  await expect(blocked.getByRole('alert')).toContainText('Your roadmaps are safe in this browser');
  expect(await blocked.evaluate(() => ({ ...localStorage })), 'storage untouched').toEqual(stored);
  await blocked.close();

  // With the codec, the next visit opens the roadmap as it was left.
  const again = await context.newPage();
  await again.goto(`${server.url}/`);
  await expect(again.getByRole('button', { name: 'Kept between visits' })).toBeVisible();
  await context.close();
});

test('a fresh visit whose codec cannot be loaded keeps its changes in the tab, says they are not saved, and saves them on Try again', async ({ browser, server }) => {
  test.skip(!isSplit(), 'one module: nothing loads later');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', () => {});
  let failing = true;
  let lastRefused = 0;
  await page.route(/\/split_codec-[0-9a-f]{16}\.wasm$/, (route) => {
    if (!failing) return route.continue();
    lastRefused = Date.now();
    return route.abort('internetdisconnected');
  });
  await page.goto(`${server.url}/`);
  await page.getByLabel('New initiative name').fill('Typed while the codec was missing');
  await page.getByLabel('New initiative name').press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: 'your latest changes are not saved yet' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Not saved$/ })).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')))).toEqual([]);
  // Every save waiting for the codec (the first one and the edit's) has tried and failed:
  // none is left to load it on its own once the connection is back, before Try again.
  await expect.poll(() => Date.now() - lastRefused, { timeout: 30_000 }).toBeGreaterThan(1500);

  failing = false;
  await alert.getByRole('button', { name: 'Try saving again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')).length);
  expect(saved).toBe(1);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Typed while the codec was missing' })).toBeVisible();
  await context.close();
});

test('a fresh visit whose codec is slow to come: a new roadmap opens at once, a switch and an import wait for it, a scenario says why not yet, and nothing typed is lost', async ({ browser, server }) => {
  test.skip(!isSplit(), 'one module: nothing loads later');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  let release;
  const codecMayCome = new Promise((resolve) => { release = resolve; });
  await page.route(/\/split_codec-[0-9a-f]{16}\.wasm$/, async (route) => {
    await codecMayCome;
    await route.continue();
  });
  await page.goto(`${server.url}/`);
  const status = page.getByRole('banner').getByRole('status');
  await page.getByLabel('New initiative name').fill('Typed before the codec came');
  await page.getByLabel('New initiative name').press('Enter');
  await expect(page.getByRole('button', { name: 'Typed before the codec came' })).toBeVisible();
  await expect(status).toHaveText('Saving…');

  // A new roadmap opens at once; the demo, as it was left, waits for the codec to be saved.
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  await page.getByRole('button', { name: 'New roadmap…' }).click();
  await page.getByLabel('Blank').check();
  await page.getByRole('button', { name: 'Create roadmap' }).click();
  const switcher = page.getByLabel('Open roadmap');
  const open = () => switcher.evaluate((s) => s.selectedOptions[0].textContent);
  await expect.poll(open).toBe('New roadmap');
  await expect(page.getByRole('button', { name: 'Typed before the codec came' })).toHaveCount(0);

  // A scenario is written with the codec: not yet, and the page says why.
  await page.getByRole('link', { name: 'Decide', exact: true }).click();
  await page.getByRole('navigation', { name: 'Decide what to fund' }).getByRole('link', { name: /^Scenarios/ }).click();
  await page.getByLabel('New scenario name').fill('Early');
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Scenarios are saved by code Cairn is still loading' })).toBeVisible();

  // A file chosen now is read once the codec is here.
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  await page.getByLabel('Import from file…').setInputFiles(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fuzz-corpus/json/small.cairn.json'));
  // Going back to the demo waits for the codec too (it is read with it).
  await switcher.selectOption({ label: 'Nordhaven Logistics — IT strategy 2026–2028' });
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')))).toEqual([]);

  release();
  await expect(page.getByRole('status').filter({ hasText: 'Imported "Generated roadmap (12 initiatives, seed 5)"' })).toBeVisible();
  await expect(status).toHaveText('All changes saved');
  const names = await page.evaluate(() => JSON.parse(localStorage.getItem('cairn.index')).roadmaps.map((e) => e.name));
  expect(names).toEqual(['Nordhaven Logistics — IT strategy 2026–2028', 'New roadmap', 'Generated roadmap (12 initiatives, seed 5)']);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')).length)).toBe(3);

  // Each is stored as it was left: the demo with the initiative typed and its applications.
  await switcher.selectOption({ label: 'Nordhaven Logistics — IT strategy 2026–2028' });
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Typed before the codec came' })).toBeVisible();
  await page.reload();
  await expect.poll(open).toBe('Nordhaven Logistics — IT strategy 2026–2028');
  await expect(page.getByRole('button', { name: 'Typed before the codec came' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Landscape' }).click();
  await expect(page.getByRole('table', { name: 'Applications', exact: true }).getByRole('row')).not.toHaveCount(1);
  await context.close();
});
