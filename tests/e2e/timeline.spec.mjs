// The timeline on the release build: every dated initiative drawn, drag and keyboard
// rescheduling with undo, the broken dependency and its fix, the parking lot, exports.
import { test, expect, openApp, downloadText } from './fixtures.mjs';

const bars = (page) => page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button', { name: / to \d{4}-\d{2}, / });
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
  // The moved bar keeps the focus: the keys go on working without clicking it again.
  await expect(bar(page, 'Data platform')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-12 to 2028-02/);
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-12 to 2028-01/);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-11 to 2028-01/);
  await expect(bar(page, 'Data platform')).toBeFocused();
});

test('a large roadmap scrolls with the lane titles and headers in place', async ({ page }) => {
  await openApp(page, '/#/debug/generate/2000');
  await page.getByRole('table', { name: 'Initiatives' }).waitFor();
  await page.goto('/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  const scroller = page.locator('.timeline-scroll');
  const canvas = page.locator('canvas.timeline-picture');
  // The canvas is the size of the view, not of the whole drawing.
  const [view, picture] = await Promise.all([scroller.boundingBox(), canvas.boundingBox()]);
  expect(picture.height).toBeLessThanOrEqual(view.height + 1);
  const full = await scroller.evaluate((s) => s.scrollHeight);
  expect(full).toBeGreaterThan(view.height * 10);
  // Only bars near the view have buttons; scrolling to the end brings the last ones.
  const count = await bars(page).count();
  expect(count).toBeGreaterThan(10);
  expect(count).toBeLessThan(1000);
  await scroller.evaluate((s) => s.scrollTo(s.scrollWidth, s.scrollHeight));
  await expect.poll(() => canvas.boundingBox().then((b) => Math.round(b.y - view.y))).toBe(0);
  // After the scroll the canvas still shows ink (it was redrawn for the new place).
  await expect.poll(() => canvas.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let k = 3; k < d.length; k += 4 * 97) if (d[k] > 0) n++;
    return n;
  })).toBeGreaterThan(100);
  // The header band stays at the top: its grey fills the canvas there, scrolled or not.
  const headerPixel = await canvas.evaluate((c) => {
    const k = c.width / c.getBoundingClientRect().width;
    return Array.from(c.getContext('2d').getImageData(Math.round(400 * k), Math.round(4 * k), 1, 1).data);
  });
  expect(headerPixel).toEqual([248, 249, 250, 255]);
  const last = bars(page).last();
  await expect(last).toBeInViewport();
  // A bar reached by scrolling is focusable and moves from the keyboard.
  const before = await last.getAttribute('aria-label');
  await last.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) !== before).toBe(true);
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

test('lanes collapse and expand from the keyboard', async ({ page }) => {
  await openApp(page, '/#/timeline');
  const lane = page.getByRole('button', { name: /^Reduce cyber risk: \d+ initiatives$/ });
  await expect(lane).toHaveAttribute('aria-expanded', 'true');
  const before = await bars(page).count();
  await lane.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^Reduce cyber risk: / })).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => bars(page).count()).toBeLessThan(before);
  await page.getByRole('button', { name: /^Reduce cyber risk: / }).press('Enter');
  await expect.poll(() => bars(page).count()).toBe(before);
});

test('a move that breaks successors offers to push them along', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  // CRM rollout ends 2027-08; pushing its end later breaks nothing new but moving it a month
  // later overlaps its successors' starts.
  await bar(page, 'CRM rollout').focus();
  await page.keyboard.press('ArrowRight');
  const offer = page.getByRole('alert').filter({ hasText: 'makes' });
  await expect(offer).toContainText('"Customer self-service portal"');
  await offer.getByRole('button', { name: 'Push them along' }).click();
  await expect(bar(page, 'Customer self-service portal')).toHaveAccessibleName(/2027-10 to 2028-09/);
  await expect(page.getByRole('complementary', { name: 'Problems and parking lot' })).toContainText('No broken dependencies.');
});

test('an undated initiative dragged onto the timeline is scheduled there', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  const side = page.getByRole('complementary', { name: 'Problems and parking lot' });
  const item = side.getByRole('listitem').filter({ hasText: 'Generative AI assistant' });
  const chart = page.getByRole('group', { name: /^Initiatives on the timeline/ });
  await item.dragTo(chart, { targetPosition: { x: 500, y: 40 } });
  await expect(bar(page, 'Generative AI assistant for customer service')).toHaveAccessibleName(/\d{4}-\d{2} to \d{4}-\d{2}, Idea/);
  await expect(side).not.toContainText('Generative AI assistant');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(side).toContainText('Generative AI assistant');
});

test('the zoom, lanes, colouring and dependency choices are kept across a reload', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Zoom').selectOption({ label: 'Months' });
  await page.getByLabel('Lanes by').selectOption({ label: 'Owner' });
  await page.getByLabel('Colour by').selectOption({ label: 'Risk' });
  await page.getByLabel('Dependencies').uncheck();
  await page.reload();
  await expect(page.getByLabel('Zoom')).toHaveValue('Months');
  await expect(page.getByLabel('Lanes by')).toHaveValue('Owner');
  await expect(page.getByLabel('Colour by').locator('option:checked')).toHaveText('Risk');
  await expect(page.getByLabel('Dependencies')).not.toBeChecked();
});
