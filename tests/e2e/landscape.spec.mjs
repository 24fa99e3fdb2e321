// The landscape view (issue 15): the demo's applications at a chosen month, by capability,
// with the problems the demo holds visible where a CIO looks for them.
import { test, expect, openApp } from './fixtures.mjs';

test('the landscape shows the demo applications, their map and their problems at a chosen month', async ({ page }) => {
  await openApp(page, '/#/landscape');
  await expect(page.getByRole('heading', { name: 'Landscape', level: 2 })).toBeVisible();
  const month = page.getByLabel('Landscape at');
  await month.fill('2026-06');
  await month.dispatchEvent('change');
  await expect(page.getByText('as of Jun 2026')).toBeVisible();

  // Headlines as text, with the rule for the cost split written beside the map.
  const headlines = page.getByRole('definition');
  await expect(page.getByText('Capabilities with redundant applications')).toBeVisible();
  await expect(headlines.first()).toContainText(/\d+ of \d+/);
  await expect(page.getByText('split equally over the capabilities an application supports')).toBeVisible();

  // The map: the two CRMs side by side are flagged as redundant.
  const map = page.getByRole('table', { name: 'Applications per capability' });
  const crm = map.getByRole('row', { name: /^Customer relationship management/ });
  await expect(crm).toContainText('Redundant');
  await expect(crm).toContainText('Dynamics');

  // The list: search, sort, and the ERP on out-of-support technology.
  const list = page.getByRole('table', { name: 'Applications', exact: true });
  await page.getByLabel('Search applications').fill('ECC');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText('Out of support');
  await page.getByLabel('Search applications').fill('');
  await list.getByRole('button', { name: 'Run cost per year' }).click();
  await expect(list.getByRole('columnheader', { name: 'Run cost per year' })).toHaveAttribute('aria-sort', 'ascending');

  // Technology risk, conflicts and data quality.
  await expect(page.getByRole('table', { name: 'Applications by technology support' }).getByRole('row', { name: /Out of support/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Conflicts' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Data quality' })).toContainText('Owner');
});

test('a roadmap without applications says how to add them', async ({ page }) => {
  await openApp(page, '/');
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  await page.getByRole('button', { name: 'New roadmap…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New roadmap' });
  await dialog.getByLabel('Name').fill('Empty landscape');
  await dialog.getByRole('radio', { name: /Blank/ }).check();
  await dialog.getByRole('button', { name: 'Create roadmap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Empty landscape');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Landscape' }).click();
  await expect(page.getByText('This roadmap has no applications yet')).toBeVisible();
});
