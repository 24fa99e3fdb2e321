// The timeline on the release build: every dated initiative drawn, drag and keyboard
// rescheduling with undo, the broken dependency and its fix, the parking lot, exports.
import { test, expect, openApp, downloadText } from './fixtures.mjs';

const bars = (page) => page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button');
const bar = (page, name) => page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button', { name: new RegExp(`^${name}, `) });

async function exportRoadmap(page) {
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  const file = await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click());
  return JSON.parse(file.text).roadmap;
}

test('every dated demo initiative is drawn', async ({ page }) => {
  await openApp(page, '/');
  const r = await exportRoadmap(page);
  await page.goto('/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  const dated = r.initiatives.filter((i) => i.start);
  await expect(bars(page)).toHaveCount(dated.length);
  for (const i of dated) await expect(bar(page, i.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).toHaveCount(1);
  const inked = await page.locator('canvas.timeline-picture').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let k = 3; k < d.length; k += 4 * 101) if (d[k] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(100);
});

test('dragging a bar moves it, survives a reload, and undo restores it', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await page.getByLabel('Zoom').selectOption({ label: 'Months' });
  const target = bar(page, 'Data platform');
  await expect(target).toHaveAccessibleName(/2026-10 to 2027-12/);
  // At the Months zoom a month is 64 px: wait for the bar's new width (15 months).
  await expect.poll(async () => (await target.boundingBox()).width).toBeGreaterThan(900);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  // Grab it past its start handle and drag two months (128 px) to the right.
  const [x, y] = [box.x + 40, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 64 * 2 + 10, y, { steps: 5 });
  await page.mouse.up();
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-12 to 2028-02/);
  // The whole drag is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-10 to 2027-12/);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-12 to 2028-02/);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  await page.reload();
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-12 to 2028-02/);
});

test('the keyboard moves a bar and changes its end', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await bar(page, 'Data platform').focus();
  await page.keyboard.press('ArrowRight');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-11 to 2028-01/);
  await bar(page, 'Data platform').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-11 to 2027-12/);
});

test('a broken dependency is listed with a one-click fix', async ({ page }) => {
  await openApp(page, '/#/timeline');
  const problems = page.getByRole('complementary', { name: 'Problems and parking lot' });
  await expect(problems).toContainText('"Customer self-service portal" starts (2027-07) before "CRM rollout" ends (2027-08)');
  await problems.getByRole('button', { name: 'Move after predecessor' }).click();
  await expect(problems).toContainText('No broken dependencies.');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await expect(bar(page, 'Customer self-service portal')).toHaveAccessibleName(/2027-09 to 2028-08/);
});

test('an undated initiative is scheduled from the parking lot', async ({ page }) => {
  await openApp(page, '/#/timeline');
  const side = page.getByRole('complementary', { name: 'Problems and parking lot' });
  await side.getByLabel('Start of Warehouse robotics pilot').fill('2027-03');
  await side.getByRole('button', { name: 'Schedule Warehouse robotics pilot' }).click();
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await expect(bar(page, 'Warehouse robotics pilot')).toHaveAccessibleName(/2027-03 to 2027-08/);
  await expect(side).not.toContainText('Warehouse robotics pilot');
});

test('the SVG export contains every initiative name', async ({ page }) => {
  await openApp(page, '/');
  const r = await exportRoadmap(page);
  await page.goto('/#/timeline');
  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click());
  const text = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return doc.querySelector('parsererror') ? null : doc.documentElement.textContent;
  }, svg.text);
  expect(text).not.toBeNull();
  for (const i of r.initiatives.filter((i) => i.start)) expect(text).toContain(i.name);
});
