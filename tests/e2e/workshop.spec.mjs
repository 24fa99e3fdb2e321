// Workshops and paper, on the release build: presentation mode (full screen, editing hidden,
// arrow keys step heatmap → timeline → portfolio summary → landscape map), printing each chart on one
// landscape page of A4 and of Letter, and the keyboard shortcut list.
import { test, expect, openApp } from './fixtures.mjs';

const where = (page) => page.getByRole('region', { name: 'Presentation' }).getByRole('status');
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;

test('presenting steps through heatmap, timeline, portfolio summary and landscape map with the arrow keys, editing hidden', async ({ page }) => {
  await openApp(page, '/#/roadmap/initiatives');
  await expect(page.getByLabel('New initiative name')).toBeVisible();
  await page.keyboard.press('p');

  await expect(page).toHaveURL(/#\/heatmap$/);
  await expect(where(page)).toHaveText('Capability heatmap · 1 of 4');
  await expect(page.getByRole('img', { name: /^Capability heatmap of Nordhaven/ })).toBeVisible();
  // No app chrome, no editing, no chart controls.
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export SVG' })).toBeHidden();
  await expect(page.getByLabel('Colour by')).toBeHidden();
  await expect(page.getByRole('group', { name: /^Capabilities/ })).toBeHidden();
  // Full screen where the browser allows it.
  expect(await page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
  // Large type.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(20);
  // The slide fills the screen's width.
  const box = await page.getByRole('img', { name: /^Capability heatmap/ }).boundingBox();
  expect(box.width).toBeGreaterThan(1400);

  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/timeline$/);
  await expect(where(page)).toHaveText('Timeline · 2 of 4');
  await expect(page.getByRole('img', { name: /^Timeline of Nordhaven/ })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Problems and parking lot' })).toBeHidden();
  await expect(page.getByRole('group', { name: /^Initiatives on the timeline/ })).toBeHidden();

  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/#\/portfolio\/summary$/);
  await expect(where(page)).toHaveText('Portfolio summary · 3 of 4');
  await expect(page.getByRole('img', { name: /^Timeline/ })).toHaveCount(0);

  // The landscape map, as its slide: the applications on their capabilities.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/landscape$/);
  await expect(where(page)).toHaveText('Landscape map · 4 of 4');
  const map = page.getByRole('img', { name: /^Landscape map of Nordhaven/ });
  await expect(map).toBeVisible();
  expect((await map.boundingBox()).width).toBeGreaterThan(1400);
  await expect(page.getByLabel('Colour by')).toBeHidden();
  await expect(page.getByRole('table', { name: /Applications/ })).toBeHidden();
  // The end is the end.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/landscape$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/portfolio\/summary$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/timeline$/);
  await page.keyboard.press('PageUp');
  await expect(page).toHaveURL(/#\/heatmap$/);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/#\/landscape$/);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Presentation' })).toHaveCount(0);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBe(null);
});

test('the Present button starts from the current chart; the bar steps and stops', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByRole('button', { name: /Present/ }).click();
  await expect(where(page)).toHaveText('Timeline · 2 of 4');
  const bar = page.getByRole('region', { name: 'Presentation' });
  await bar.getByRole('button', { name: 'Previous' }).click();
  await expect(where(page)).toHaveText('Capability heatmap · 1 of 4');
  await expect(bar.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await bar.getByRole('button', { name: 'Next' }).click();
  await expect(where(page)).toHaveText('Timeline · 2 of 4');
  await bar.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export SVG' })).toBeVisible();
  // Arrow keys are the chart's own again.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/timeline$/);
});

const PRINTED = { heatmap: 'Capability heatmap', timeline: 'Timeline', landscape: 'Landscape map' };
for (const [view, name] of Object.entries(PRINTED)) {
  test(`the ${name.toLowerCase()} prints whole on one landscape page of A4 and of Letter`, async ({ page }) => {
    // What was on the page while it printed (this listener runs before the app's own).
    await page.addInitScript(() => {
      window.printedSlides = [];
      addEventListener('afterprint', () => {
        const img = document.querySelector('.slide-picture');
        window.printedSlides.push(img ? `${img.alt.split(' of ')[0]} ${img.complete && img.naturalWidth}` : 'no slide');
      });
    });
    await openApp(page, `/#/${view}`);
    await expect(page.getByRole('button', { name: 'Export SVG' })).toBeVisible();
    for (const format of ['A4', 'Letter']) {
      const pdf = await page.pdf({ format, landscape: true, printBackground: true });
      expect(pages(pdf), `${view} on ${format}`).toBe(1);
    }
    expect(await page.evaluate(() => window.printedSlides)).toEqual([`${name} 1920`, `${name} 1920`]);
    await expect(page.locator('.slide-picture')).toHaveCount(0);

    // In print media: the slide alone, no wider than the page, and the app's chrome hidden.
    await page.emulateMedia({ media: 'print' });
    const slide = page.getByRole('img', { name: new RegExp(`^${name} of `) });
    await expect(slide).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Export SVG' })).toBeHidden();
    const width = await slide.evaluate((img) => img.getBoundingClientRect().width);
    const bodyWidth = await page.evaluate(() => document.body.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(bodyWidth);
    await page.emulateMedia({ media: 'screen' });
    await expect(slide).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Export SVG' })).toBeVisible();
  });
}

test('a chart shown as its table prints the whole table instead of the slide', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByRole('button', { name: 'Show as table' }).click();
  const table = page.getByRole('table', { name: 'Timeline as a table' });
  const rows = await table.getByRole('row').count();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.slide-picture')).toHaveCount(0);
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(rows);
  await expect(page.getByRole('complementary', { name: 'Problems and parking lot' })).toBeHidden();
  // Nothing of the table is cut off by a scrolling box.
  const clipped = await table.evaluate((t) => {
    for (let el = t.parentElement; el; el = el.parentElement) {
      if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible') return el.className;
    }
    return null;
  });
  expect(clipped).toBe(null);
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  expect(pages(pdf)).toBeGreaterThanOrEqual(1);
});

test('? lists every keyboard shortcut; Esc closes the list and the focus goes back', async ({ page }) => {
  await openApp(page, '/#/heatmap');
  const exportSvg = page.getByRole('button', { name: 'Export SVG' });
  await exportSvg.focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const place of ['Everywhere', 'Presenting', 'Heatmap', 'Timeline, with a bar focused', 'Adding initiatives quickly (Roadmap → Initiatives)']) {
    await expect(dialog.getByRole('table', { name: place })).toBeVisible();
  }
  for (const [keys, what] of [['Ctrl+Z / ⌘Z', 'Undo the last change'], ['→ / Page Down', 'Next view'], ['Shift+← / Shift+→', 'Move its end'], ['Esc', 'Clear the fields'], ['P', 'Present']]) {
    await expect(dialog.getByRole('row', { name: new RegExp(`^${keys.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${what}`) }).first()).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportSvg).toBeFocused();

  // The button opens it too; typing ? in a text field does not.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await page.goto('/#/roadmap/initiatives');
  await page.getByLabel('New initiative name').fill('What next?');
  await expect(page.getByLabel('New initiative name')).toHaveValue('What next?');
  await expect(dialog).toBeHidden();
});
