// Storage faults, for real in Chromium: a full quota, a corrupted stored value, two tabs, and
// no localStorage at all. In each, the user's data survives and the page says what happened.
import { test, expect, openApp, downloadText } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary');

async function addInitiative(page, name) {
  await page.getByLabel('New initiative name').fill(name);
  await page.getByLabel('New initiative name').press('Enter');
  await expect(page.getByRole('table', { name: 'Initiatives' })).toContainText(name);
}

async function renameInPanel(page, name) {
  const field = panel(page).getByLabel('Name', { exact: true });
  await field.fill(name);
  await field.press('Tab');
}

test('storage full: a warning, the last saved copy intact, the roadmap offered as a file', async ({ page }) => {
  await openApp(page, '/');
  await addInitiative(page, 'Saved before the disk filled');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  // Fill localStorage to its quota with other data, as another app on the origin might.
  const filled = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20), n = 0;
    while (chunk.length > 8) {
      try { localStorage.setItem(`filler.${n++}`, chunk); } catch { chunk = chunk.slice(0, chunk.length / 2); }
    }
    return n;
  });
  expect(filled).toBeGreaterThan(3);
  // Long enough that the packed roadmap grows past the few characters the filler leaves free
  // (a short name grew it by 14 characters, which could still fit).
  await addInitiative(page, 'Typed after the disk filled, with the steering committee notes on scope, budget, vendors and timing');
  const alert = page.getByRole('alert').filter({ hasText: 'storage for Cairn is full' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: storage full' })).toBeVisible();
  const file = await downloadText(page, () => alert.getByRole('button', { name: 'Download the roadmap' }).click());
  expect(file.text).toContain('Typed after the disk filled');
  // The last saved copy is intact: a reload shows it (without the unsaved change).
  await page.reload();
  const table = page.getByRole('table', { name: 'Initiatives' });
  await expect(table).toContainText('Saved before the disk filled');
  await expect(table).not.toContainText('Typed after the disk filled');
});

test('roadmaps are stored packed: a 20,000-initiative roadmap fits next to the demo and reloads', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, '/');
  await page.goto('/#/debug/generate/20000');
  await page.getByRole('table', { name: 'Initiatives' }).waitFor({ timeout: 120_000 });
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible({ timeout: 60_000 });
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.roadmap.')).map((k) => localStorage.getItem(k)));
  expect(stored.length).toBe(2);
  for (const v of stored) expect(v).toMatch(/^cairn:z1:\d+:[0-9a-f]{8}:/);
  const used = stored.reduce((n, v) => n + v.length, 0);
  expect(used).toBeLessThan(5 * 1024 * 1024 / 2);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Initiatives' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText(/20,000 initiatives|20000 initiatives/).first()).toBeVisible();
});

test('a corrupted stored value: the app starts, says so, keeps the raw text and offers it', async ({ page }) => {
  await openApp(page, '/');
  await addInitiative(page, 'Will be damaged');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  const key = await page.evaluate(() => {
    const k = Object.keys(localStorage).find((k) => k.startsWith('cairn.roadmap.'));
    localStorage.setItem(k, '{"schema":1,"revision":3,"roadmap":{"name": garbage');
    return k;
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toBeVisible();
  const file = await downloadText(page, () => alert.getByRole('button', { name: 'Download the damaged data' }).click());
  expect(file.text).toBe('{"schema":1,"revision":3,"roadmap":{"name": garbage');
  // Still kept aside, unchanged, while the user works on.
  await addInitiative(page, 'Work goes on');
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe('{"schema":1,"revision":3,"roadmap":{"name": garbage');
  await alert.getByRole('button', { name: 'Delete the damaged data' }).click();
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
});

test('garbage in the index key: the app rebuilds it from the stored roadmaps', async ({ page }) => {
  await openApp(page, '/');
  await addInitiative(page, 'Survives a broken index');
  await page.evaluate(() => localStorage.setItem('cairn.index', '<<not json>>'));
  await page.reload();
  await expect(page.getByRole('table', { name: 'Initiatives' })).toContainText('Survives a broken index');
});

test('two tabs: a change in one reaches the other, never silently overwritten', async ({ page, context }) => {
  await openApp(page, '/');
  await addInitiative(page, 'Shared item');
  const other = await context.newPage();
  await openApp(other, '/');
  await expect(other.getByRole('table', { name: 'Initiatives' })).toContainText('Shared item');

  // A change in the first tab appears in the second.
  await renameInPanel(page, 'Renamed in tab one');
  await expect(other.getByRole('status').filter({ hasText: 'Updated with changes made in another tab' })).toBeVisible();
  await expect(other.getByRole('table', { name: 'Initiatives' })).toContainText('Renamed in tab one');

  // A write the second tab has not seen (the storage event arrives late): its next save
  // must not overwrite it; it asks instead.
  // (Written the way an earlier Cairn stored roadmaps, as plain JSON: that still reads.)
  await other.getByRole('button', { name: 'Roadmaps' }).click();
  const exported = JSON.parse((await downloadText(other, () => other.getByRole('button', { name: 'Export to file' }).click())).text);
  await other.keyboard.press('Escape');
  await other.evaluate((roadmap) => {
    const k = Object.keys(localStorage).find((k) => k.startsWith('cairn.roadmap.'));
    const revision = Number(localStorage.getItem(k).match(/^cairn:z1:(\d+):/)[1]);
    localStorage.setItem(k, JSON.stringify({ schema: 1, revision: revision + 5, roadmap: { ...roadmap, name: 'Written elsewhere' } }));
  }, exported.roadmap);
  await addInitiative(other, 'Typed in tab two');
  const ask = other.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await expect(ask).toBeVisible();
  await expect(other.getByRole('status').filter({ hasText: 'Not saved: changed in another tab' })).toBeVisible();
  await ask.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Written elsewhere');
  // Undo brings this tab's version back; nothing was lost.
  await other.getByRole('button', { name: 'Undo' }).click();
  await expect(other.getByRole('table', { name: 'Initiatives' })).toContainText('Typed in tab two');
});

test('localStorage unavailable: the app runs in memory and says nothing will be kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
  });
  await openApp(page, '/');
  await expect(page.getByRole('alert').filter({ hasText: 'nothing will be kept' })).toBeVisible();
  await addInitiative(page, 'Only in memory');
  await expect(page.getByRole('status').filter({ hasText: 'Not saved: this browser keeps no data' })).toBeVisible();
});
