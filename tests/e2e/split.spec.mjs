// The release build split per view (issue 14; src/views/lazy.rs, scripts/build-release):
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
  ['#/heatmap', ['Views', 'Heatmap'], (p) => p.getByRole('heading', { name: 'Capability heatmap', level: 2 })],
  ['#/timeline', ['Views', 'Timeline'], (p) => p.getByRole('heading', { name: 'Timeline', level: 2 })],
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
  await openApp(page, `${server.url}/`);
  await page.waitForLoadState('networkidle');
  expect(chunks, 'the editor needs no chunk').toEqual([]);
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
