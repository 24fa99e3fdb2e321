// Offline and installable, on the release build: the service worker (pwa/sw.js, written by
// scripts/precache.mjs) keeps the app usable with the network off after one visit, at / and
// under a sub-path; a new version installs beside the running one, the page offers a
// reload, and after it only the new version's files are left.
import { test, expect, openApp } from './fixtures.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const dist = process.env.CAIRN_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

/** Waits until this page's service worker is active (its files are in its cache). */
async function offlineReady(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, caches: await caches.keys() };
  });
}

/** A copy of the build, served by its own server (its files can be changed under it). */
async function servedCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-dist-'));
  fs.cpSync(dist, dir, { recursive: true });
  const server = await startServer({ dir });
  return { dir, server, close: async () => { await server.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

test('after one visit the app opens with the network off, and edits still save', async ({ page, context }) => {
  const copy = await servedCopy();
  try {
    await openApp(page, `${copy.server.url}/#/roadmap/initiatives`);
    const ready = await offlineReady(page);
    expect(ready.scope).toBe(`${copy.server.url}/`);
    expect(ready.caches).toHaveLength(1);

    // The network is off, and the server is gone too.
    await copy.server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    await page.getByLabel('New initiative name').fill('Offline workshop idea');
    await page.getByLabel('New initiative name').press('Enter');
    await expect(page.getByRole('button', { name: 'Offline workshop idea' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('button', { name: 'Offline workshop idea' })).toBeVisible();
    // Every view opens offline.
    for (const view of ['Heatmap', 'Timeline', 'Portfolio', 'Settings']) {
      await page.getByRole('link', { name: view, exact: true }).click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    }
  } finally {
    await context.setOffline(false);
    await copy.close();
  }
});

test('under a sub-path the offline copy is scoped to it and works too', async ({ page, context, subPathURL }) => {
  await openApp(page, `${subPathURL}#/timeline`);
  const ready = await offlineReady(page);
  expect(ready.scope).toBe(subPathURL);
  expect(ready.caches.every((name) => name.startsWith('cairn:/tools/cairn/:'))).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Timeline', level: 2 })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('a new version is offered as a reload; after it only the new version is left', async ({ page }) => {
  const copy = await servedCopy();
  try {
    await openApp(page, `${copy.server.url}/`);
    const before = await offlineReady(page);
    expect(before.caches).toHaveLength(1);
    const oldTitle = await page.title();

    // A new build: another version of the worker, and a page that says so.
    const worker = fs.readFileSync(path.join(copy.dir, 'sw.js'), 'utf8');
    const version = worker.match(/const VERSION = "([0-9a-f]+)"/)[1];
    fs.writeFileSync(path.join(copy.dir, 'sw.js'), worker.replace(`"${version}"`, `"${version}-next"`));
    const html = fs.readFileSync(path.join(copy.dir, 'index.html'), 'utf8');
    fs.writeFileSync(path.join(copy.dir, 'index.html'), html.replace('<title>', '<title>Next: '));

    // The next visit still runs the version in use (no mix), and offers the new one.
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Cairn is ready' });
    // The new worker first fetches every file of the build (nearly 800): on a loaded 2-core
    // machine that has taken more than 10 s.
    await expect(notice).toBeVisible({ timeout: 30_000 });
    expect(await page.title()).toBe(oldTitle);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page).toHaveTitle(`Next: ${oldTitle}`);
    await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await expect.poll(async () => (await offlineReady(page)).caches).toEqual([`cairn:/:${version}-next`]);
    const active = await page.evaluate(() => new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data.cairnVersion), { once: true });
      navigator.serviceWorker.controller.postMessage('cairn-version');
    }));
    expect(active).toBe(`${version}-next`);
  } finally {
    await copy.close();
  }
});

test('the app can be installed: manifest, icons and worker as the browser wants them', async ({ page, baseURL }) => {
  await openApp(page, '/');
  await offlineReady(page);
  const cdp = await page.context().newCDPSession(page);
  // Chromium's own checks. A test's browser context is private ("in-incognito"), where no
  // app is ever installed; that is the only objection allowed.
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const { errors, url } = await cdp.send('Page.getAppManifest');
  expect(url).toBe(`${baseURL}manifest.webmanifest`);
  expect(errors).toEqual([]);

  const manifest = await (await page.request.get(`${baseURL}manifest.webmanifest`)).json();
  expect(manifest).toMatchObject({ name: 'Cairn — IT strategy roadmaps', short_name: 'Cairn', start_url: './', scope: './', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, baseURL).href);
    expect(response.ok(), icon.src).toBe(true);
    if (icon.type === 'image/png') {
      const png = await response.body();
      const [w, h] = icon.sizes.split('x').map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], icon.src).toEqual([w, h]);
    }
  }
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
});
