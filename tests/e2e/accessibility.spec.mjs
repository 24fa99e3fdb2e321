// Accessibility: axe-core (npm dev dependency, WCAG 2.2 A and AA rules) on every route of the
// release build with the demo roadmap, in the light and the dark colour scheme. Any violation
// fails, with its rule, its nodes and axe's explanation in the message.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, expect, openApp } from './fixtures.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Every place the navigation leads to: the editor's lists, each view, each portfolio section
// and each Decide tab.
const ROUTES = [
  '#/roadmap/initiatives',
  '#/roadmap/goals',
  '#/roadmap/capabilities',
  '#/heatmap',
  '#/timeline',
  '#/landscape',
  '#/landscape/applications',
  '#/landscape/technologies',
  '#/landscape/lifecycle',
  '#/portfolio/summary',
  '#/portfolio/alignment',
  '#/portfolio/finance',
  '#/portfolio/vendors',
  '#/portfolio/risk',
  '#/portfolio/workforce',
  '#/decide/scoring',
  '#/decide/optimise',
  '#/decide/scenarios',
  '#/settings',
];

/** Runs axe on the page as it is now and returns its violations, one line per node. */
async function violations(page) {
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`));
  });
  return result;
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation on any route, ${scheme} colour scheme`, async ({ page }) => {
    test.setTimeout(180_000);
    // Injected by the browser before the page's own scripts (not an inline script, so the
    // page's strict Content-Security-Policy is untouched).
    await page.addInitScript({ content: axeSource });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, '/');
    const found = {};
    for (const route of ROUTES) {
      await page.goto(`/${route}`);
      await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
      await expect(page.getByText('Loading Cairn')).toHaveCount(0);
      await expect(page.locator('main')).not.toBeEmpty();
      // Let charts and measured layouts settle before checking colours.
      await page.waitForTimeout(300);
      const v = await violations(page);
      if (v.length) found[route] = v;
    }
    expect(found, 'axe-core violations per route').toEqual({});
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation in the landscape's panels and matches, ${scheme} colour scheme`, async ({ page }) => {
    await page.addInitScript({ content: axeSource });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, '/#/landscape/applications');
    await page.getByRole('table', { name: 'Applications' }).getByRole('button', { name: 'SAP ECC 6.0' }).click();
    await page.getByLabel('Link a technology').fill('windows');
    await expect(page.getByRole('list', { name: 'Matches: Link a technology' })).toBeVisible();
    const found = {};
    let v = await violations(page);
    if (v.length) found.application = v;
    await page.goto('/#/landscape/technologies');
    await page.getByRole('table', { name: 'Technologies' }).getByRole('button', { name: 'MySQL' }).first().click();
    await page.getByLabel('Search the end-of-life catalog').fill('mysql 8');
    await expect(page.getByRole('list', { name: 'Catalog releases' })).toBeVisible();
    v = await violations(page);
    if (v.length) found.technology = v;
    await page.goto('/#/landscape');
    await page.getByRole('group', { name: /^TIME chart cells/ }).getByRole('button').first().click();
    v = await violations(page);
    if (v.length) found.time = v;
    expect(found, 'axe-core violations').toEqual({});
  });
}

test('axe-core really runs: it reports a low-contrast text put on the page', async ({ page }) => {
  await page.addInitScript({ content: axeSource });
  await openApp(page, '/');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Barely readable';
    p.style.color = '#d0d0d0';
    p.style.background = '#ffffff';
    document.querySelector('main').append(p);
  });
  const v = await violations(page);
  expect(v.some((line) => line.startsWith('color-contrast:'))).toBe(true);
});

// Following a tab draws the view again, tab bar included: the keyboard's focus stays on the
// tab followed (not dropped to the page's start), in every view with parts.
test('the keyboard stays on a tab followed with Enter, in every view with parts', async ({ page }) => {
  await openApp(page, '/');
  for (const [start, bar, tab] of [
    ['#/landscape', 'Landscape parts', 'Technologies'],
    ['#/portfolio/summary', 'Portfolio sections', 'Finance'],
    ['#/decide/scoring', 'Decide what to fund', 'Scenarios'],
    ['#/roadmap/initiatives', 'Roadmap lists', 'Goals'],
  ]) {
    await page.goto(`/${start}`);
    const link = () => page.getByRole('navigation', { name: bar }).getByRole('link', { name: new RegExp(`^${tab}`) });
    await link().focus();
    await page.keyboard.press('Enter');
    await expect(link()).toHaveAttribute('aria-current', 'page');
    await expect(link(), `${bar}: ${tab}`).toBeFocused();
  }
});
