// The capability heatmap on the release build: every capability shown, metric and date
// change what is shown, the side panel, exports, keyboard, and hostile names.
import { test, expect, openApp, downloadText, parseSvg } from './fixtures.mjs';

const tiles = (page) => page.getByRole('group', { name: /^Capabilities/ }).getByRole('button');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A tile's accessible name is "<full name> <value>"; its description is the metric.
const tile = (page, name) => page.getByRole('group', { name: /^Capabilities/ }).getByRole('button', { name: new RegExp(`^${escape(name)} \\S+$`) });

async function demoCapabilityNames(page) {
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  const file = await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click());
  return JSON.parse(file.text).roadmap.capabilities.map((c) => c.name);
}

test('the demo heatmap shows every capability, with its value as text', async ({ page }) => {
  await openApp(page, '/');
  const names = await demoCapabilityNames(page);
  await page.goto('/#/heatmap');
  await expect(tiles(page)).toHaveCount(names.length);
  for (const name of names) await expect(tile(page, name)).toHaveCount(1);
  await expect(tile(page, 'Customer relationship management')).toHaveAccessibleName('Customer relationship management +3');
  // The picture is drawn (not blank).
  const inked = await page.locator('canvas.map-picture').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 3; i < d.length; i += 4 * 97) if (d[i] > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(100);
});

test('changing the metric or the date changes what is shown', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  const crm = tile(page, 'Customer relationship management');
  await page.getByLabel('Colour by').selectOption({ label: 'Maturity at the date' });
  const slider = page.getByRole('slider', { name: 'Date' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('output')).toContainText('End of 2026-Q1');
  await expect(crm).toHaveAccessibleDescription('Maturity at the date');
  await expect(crm).toHaveAccessibleName('Customer relationship management 1');
  await page.keyboard.press('End');
  await expect(page.locator('output')).toContainText('End of 2028-Q4');
  await expect(crm).toHaveAccessibleName('Customer relationship management 4');
  const picture = await page.locator('canvas.map-picture').evaluate((c) => c.toDataURL());
  await page.getByLabel('Colour by').selectOption({ label: 'Strategic importance' });
  await expect(crm).toHaveAccessibleDescription('Strategic importance');
  await expect(crm).toHaveAccessibleName('Customer relationship management 5');
  expect(await page.locator('canvas.map-picture').evaluate((c) => c.toDataURL())).not.toBe(picture);
  // The legend explains the rule.
  await expect(page.getByRole('group', { name: 'Legend' })).toContainText('How this is computed');
});

test('the landscape metric counts the applications past their end of life at the date', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  await page.getByLabel('Colour by').selectOption({ label: 'Applications past end of life' });
  const slider = page.getByRole('slider', { name: 'Date' });
  await slider.focus();
  await page.keyboard.press('End');
  const desk = page.getByRole('group', { name: /^Capabilities/ }).getByRole('button', { name: /^Service desk [1-9]\d*$/ });
  await expect(desk).toHaveCount(1);
  await expect(desk).toHaveAccessibleDescription('Applications past end of life');
});

test('a capability opens a side panel with the initiatives that improve it, and edits from there', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  await tile(page, 'Customer relationship management').click();
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'Customer relationship management' })).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Initiatives improving this capability' })).toContainText('CRM rollout');
  await panel.getByLabel('Target maturity (0–5)').fill('5');
  await panel.getByLabel('Target maturity (0–5)').press('Tab');
  await page.getByLabel('Colour by').selectOption({ label: 'Target maturity' });
  await expect(tile(page, 'Customer relationship management')).toHaveAccessibleName('Customer relationship management 5');
  await panel.getByLabel('Target maturity (0–5)').fill('9');
  await panel.getByLabel('Target maturity (0–5)').press('Tab');
  await expect(panel.getByRole('alert')).toContainText(/0 to 5|0–5/);
});

test('arrow keys move between capabilities and Enter opens one', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  const first = tiles(page).first();
  await first.focus();
  const from = await first.getAttribute('id');
  await page.keyboard.press('ArrowRight');
  const to = await page.evaluate(() => document.activeElement.id);
  expect(to).toMatch(/^tile-/);
  expect(to).not.toBe(from);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary').getByRole('heading', { level: 3 })).toBeVisible();
});

test('the same data as a table', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByRole('table', { name: 'Capability heatmap as a table' });
  await expect(table.getByRole('row')).toHaveCount(45);
  await expect(table).toContainText('Customer relationship management');
});

test('exports: SVG is valid XML with every capability; PNG is 1920 × 1080', async ({ page }) => {
  await openApp(page, '/');
  const names = await demoCapabilityNames(page);
  await page.goto('/#/heatmap');
  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click());
  expect(svg.name).toMatch(/heatmap.*\.svg$/);
  const parsed = await parseSvg(page, svg.text);
  expect(parsed.error).toBe(false);
  expect(parsed.width).toBe('1920');
  for (const name of names) expect(parsed.text).toContain(name);
  expect(parsed.text).toContain('Nordhaven Logistics');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1920, 1080]);
});

test('a capability named like markup shows as text and runs nothing', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  page.on('dialog', () => { throw new Error('a script ran: a dialog opened'); });
  await openApp(page, '/#/roadmap/capabilities');
  await page.getByRole('button', { name: 'Customer relationship management' }).click();
  const name = page.getByRole('complementary').getByLabel('Name', { exact: true });
  await name.fill(hostile);
  await name.press('Tab');
  await page.getByRole('link', { name: 'Heatmap', exact: true }).click();
  await expect(tile(page, hostile)).toHaveCount(1);
  expect(await page.locator('.map-picture img, .map img').count()).toBe(0);
  await page.getByRole('button', { name: 'Export SVG' }).click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
});
