// The app shell: loads from the release build at / and under a sub-path, every view is
// reachable through the navigation and through a deep link, and a panic shows an error screen.
import { test, expect, openApp } from './fixtures.mjs';

const VIEWS = [
  ['Roadmap', '#/roadmap'],
  ['Heatmap', '#/heatmap'],
  ['Timeline', '#/timeline'],
  ['Landscape', '#/landscape'],
  ['Portfolio', '#/portfolio'],
  ['Decide', '#/decide'],
  ['Settings', '#/settings'],
];

for (const where of ['/', '/tools/cairn/']) {
  test(`every view through the navigation and by deep link, served at ${where}`, async ({ page, server }) => {
    const base = `${server.url}${where}`;
    await openApp(page, base);
    await expect(page.getByText('Loading Cairn')).toHaveCount(0);
    const nav = page.getByRole('navigation', { name: 'Views' });
    for (const [name, hash] of VIEWS) {
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${hash.replace('/', '\\/')}`));
      await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    }
    for (const [name, hash] of VIEWS) {
      await page.goto(`${base}${hash}`);
      await page.reload();
      await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    }
    await page.goto(`${base}#/settings`);
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  });
}

test('the release build loads nothing from another origin', async ({ page, server }) => {
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url()); });
  await openApp(page, '/');
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  expect(foreign).toEqual([]);
});

test('a panic shows an error screen that offers the stored data', async ({ page, pageErrors }) => {
  await openApp(page, '/');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.goto('/#/debug/panic');
  const alert = page.getByRole('alert').filter({ hasText: 'Cairn ran into a problem' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('the test page #/debug/panic was opened');
  const link = page.getByRole('link', { name: 'Download my stored data' });
  await expect(link).toHaveAttribute('href', /^blob:/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString());
  const stored = JSON.parse(text);
  expect(Object.keys(stored)).toContain('cairn.index');
  // The panic itself is logged as an error: expected here.
  expect(pageErrors.some((e) => e.includes('debug/panic'))).toBe(true);
  pageErrors.length = 0;
});
