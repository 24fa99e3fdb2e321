// The roadmap editor, undo, the JSON file, and storage faults — on the release build, the way
// a person uses the page (roles and labels).
import { test, expect, openApp, downloadText } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary');
const savedStatus = (page) => page.getByRole('status').filter({ hasText: 'All changes saved' });

/** Sets a field in the detail panel and leaves it, as a person does (the change commits). */
async function setField(page, label, value) {
  const field = panel(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

async function openMenu(page) {
  await page.getByRole('button', { name: 'Roadmaps' }).click();
}

test('a first visit opens the demo roadmap', async ({ page }) => {
  await openApp(page, '/');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Untitled roadmap');
  const initiatives = page.getByRole('table', { name: 'Initiatives' }).getByRole('row');
  expect(await initiatives.count()).toBeGreaterThan(25);
  await page.getByLabel('Filter by status').selectOption('done');
  await expect(initiatives).toHaveCount(3); // header + the two done initiatives
  await page.getByLabel('Filter by status').selectOption('');
  // Sorting by capex puts the largest first on the second click.
  await page.getByRole('button', { name: 'Capex' }).click();
  await page.getByRole('button', { name: 'Capex' }).click();
  await expect(page.getByRole('columnheader', { name: 'Capex' })).toHaveAttribute('aria-sort', 'descending');
  await expect(initiatives.nth(1)).toContainText('2.6M');
  await page.getByRole('link', { name: /Goals/ }).click();
  await expect(page.getByRole('table', { name: 'Business goals' })).toBeVisible(); // its chunk loads on first use
  expect(await page.getByRole('table', { name: 'Business goals' }).getByRole('row').count()).toBeGreaterThan(6);
  await page.getByRole('link', { name: /Capabilities/ }).click();
  const caps = page.getByRole('table', { name: 'Capability map' });
  await expect(caps).toBeVisible();
  expect(await caps.getByRole('row').count()).toBeGreaterThan(35);
  // Search and filter narrow the list.
  await page.getByRole('searchbox', { name: 'Search capabilities' }).fill('payroll');
  await expect(caps.getByRole('row')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search capabilities' }).fill('');
  await page.getByLabel('Filter by area').selectOption('IT service management');
  const inArea = await caps.getByRole('row').count();
  expect(inArea).toBeGreaterThan(2);
  expect(inArea).toBeLessThan(20);
  await expect(savedStatus(page)).toBeVisible();
});

test('create a goal, a capability and an initiative, link them, reload: all there', async ({ page }) => {
  await openApp(page, '/#/roadmap/goals');
  await page.getByRole('button', { name: 'Add goal' }).click();
  await setField(page, 'Name', 'Grow online sales');
  await setField(page, 'Weight (1–5)', '5');
  await expect(page.getByRole('table', { name: 'Business goals' })).toContainText('Grow online sales');

  await page.getByRole('link', { name: /Capabilities/ }).click();
  await page.getByRole('button', { name: 'Add L1 capability' }).click();
  await setField(page, 'Name', 'E-commerce platform');
  await page.getByRole('button', { name: 'Add child' }).click();
  await setField(page, 'Name', 'Checkout & payments');
  await expect(page.getByRole('table', { name: 'Capability map' })).toContainText('Checkout & payments');

  await page.getByRole('link', { name: /Initiatives/ }).click();
  await page.getByLabel('New initiative name').fill('Webshop relaunch');
  await page.getByLabel('New initiative start').fill('2026-04');
  await page.getByLabel('New initiative end').fill('2026-12');
  await page.getByLabel('New initiative capex').fill('450000');
  await page.getByLabel('New initiative name').press('Enter');
  await expect(page.getByLabel('New initiative name')).toHaveValue('');
  await expect(page.getByLabel('New initiative name')).toBeFocused();
  await expect(panel(page).getByRole('heading', { name: 'Webshop relaunch' })).toBeVisible();
  await panel(page).getByLabel('Link a goal').selectOption({ label: 'Grow online sales' });
  await panel(page).getByLabel('Link a capability').selectOption({ label: 'Checkout & payments' });
  await panel(page).getByLabel('Contribution to Grow online sales').selectOption('3');
  await expect(savedStatus(page)).toBeVisible();

  await page.reload();
  await page.getByRole('button', { name: 'Webshop relaunch' }).click();
  await expect(panel(page).getByLabel('Start', { exact: true })).toHaveValue('2026-04');
  await expect(panel(page).getByLabel('Capex (one-off)')).toHaveValue('450000');
  await expect(panel(page).getByLabel('Contribution to Grow online sales')).toHaveValue('3');
  await expect(panel(page).getByText('Checkout & payments')).toBeVisible();
  await page.getByRole('link', { name: /Capabilities/ }).click();
  await page.getByRole('button', { name: 'Checkout & payments' }).click();
  await expect(panel(page).getByLabel('Parent')).toHaveValue(/.+/);
  await expect(panel(page)).toContainText('Webshop relaunch');
});

test('workshop capture: Enter adds and opens the next, Esc cancels', async ({ page }) => {
  await openApp(page, '/');
  const name = page.getByLabel('New initiative name');
  for (const n of ['Capture one', 'Capture two', 'Capture three']) {
    await name.fill(n);
    await name.press('Enter');
    await expect(name).toHaveValue('');
  }
  await name.fill('Not this one');
  await name.press('Escape');
  await expect(name).toHaveValue('');
  const table = page.getByRole('table', { name: 'Initiatives' });
  for (const n of ['Capture one', 'Capture two', 'Capture three']) await expect(table).toContainText(n);
  await expect(table).not.toContainText('Not this one');
});

test('an invalid edit is refused with the message next to the field', async ({ page }) => {
  await openApp(page, '/');
  await page.getByLabel('New initiative name').fill('Date check');
  await page.getByLabel('New initiative start').fill('2026-06');
  await page.getByLabel('New initiative end').fill('2026-09');
  await page.getByLabel('New initiative name').press('Enter');
  await setField(page, 'End', '2026-02');
  await expect(panel(page).getByRole('alert')).toContainText(/end/i);
  await expect(panel(page).getByLabel('End', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await page.getByRole('button', { name: 'Date check' }).click();
  await expect(panel(page).getByLabel('End', { exact: true })).toHaveValue('2026-09');
});

test('the editor works with the keyboard alone', async ({ page }) => {
  await openApp(page, '/');
  await page.getByRole('button', { name: 'CRM rollout' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { name: 'CRM rollout' })).toBeFocused();
  await page.keyboard.press('Tab'); // close button
  await page.keyboard.press('Tab');
  await expect(panel(page).getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('CRM rollout, phase 1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('table', { name: 'Initiatives' })).toContainText('CRM rollout, phase 1');
  // Delete asks in a dialog that the keyboard can answer; Escape cancels.
  await panel(page).getByRole('button', { name: 'Delete initiative…' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('table', { name: 'Initiatives' })).toContainText('CRM rollout, phase 1');
});

test('undo and redo, with buttons and keys', async ({ page }) => {
  await openApp(page, '/');
  await page.getByLabel('New initiative name').fill('Undo me');
  await page.getByLabel('New initiative name').press('Enter');
  await setField(page, 'Name', 'Renamed');
  await expect(panel(page).getByRole('heading', { name: 'Renamed' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel(page).getByRole('heading', { name: 'Undo me' })).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(panel(page).getByRole('heading', { name: 'Renamed' })).toBeVisible();
  // Keyboard, from outside a text field; history survives switching views.
  await page.getByRole('link', { name: 'Heatmap', exact: true }).click();
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await page.locator('body').press('Control+z');
  await page.locator('body').press('Control+z');
  await expect(page.getByRole('table', { name: 'Initiatives' })).not.toContainText('Undo me');
  await page.locator('body').press('Control+Shift+Z');
  await expect(page.getByRole('table', { name: 'Initiatives' })).toContainText('Undo me');
});

test('deleting something others link to asks first and says what will be unlinked', async ({ page }) => {
  await openApp(page, '/#/roadmap/goals');
  const table = page.getByRole('table', { name: 'Business goals' });
  const firstGoal = table.getByRole('row').nth(1).getByRole('button');
  const goalName = await firstGoal.textContent();
  await firstGoal.click();
  await panel(page).getByRole('button', { name: 'Delete goal…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(goalName);
  await expect(dialog.getByRole('listitem').first()).toContainText(/initiative/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(table).toContainText(goalName);
  await panel(page).getByRole('button', { name: 'Delete goal…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete goal' }).click();
  await expect(table).not.toContainText(goalName);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(table).toContainText(goalName);
});

test('export, import, export: the two files are equal; a bad file changes nothing', async ({ page }) => {
  await openApp(page, '/');
  await openMenu(page);
  const first = await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click());
  expect(first.name).toMatch(/\.cairn\.json$/);
  const parsed = JSON.parse(first.text);
  expect(parsed.format).toBe('cairn-roadmap');
  expect(parsed.version).toBe(2);

  await openMenu(page);
  await page.getByLabel('Import from file…').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(first.text) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  const switcher = page.getByLabel('Open roadmap');
  expect(await switcher.getByRole('option').count()).toBe(2);

  await openMenu(page);
  const second = await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click());
  expect(second.text).toBe(first.text);

  const broken = JSON.parse(first.text);
  broken.roadmap.initiatives[0].depends_on = ['x'];
  await openMenu(page);
  await page.getByLabel('Import from file…').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await expect(alert).toContainText(`initiative "${broken.roadmap.initiatives[0].name}"`);
  await expect(alert).toContainText('"x" does not exist');
  expect(await switcher.getByRole('option').count()).toBe(2);

  await openMenu(page);
  await page.getByLabel('Import from file…').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": ') });
  await expect(page.getByRole('alert').filter({ hasText: 'notes.json' })).toBeVisible();
  expect(await switcher.getByRole('option').count()).toBe(2);
});

test('many roadmaps: new from the template, rename, duplicate, switch, delete', async ({ page }) => {
  await openApp(page, '/');
  const demoName = await page.getByRole('heading', { level: 1 }).textContent();
  await openMenu(page);
  await page.getByRole('button', { name: 'New roadmap…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New roadmap' });
  await dialog.getByLabel('Name').fill('IT plan 2027');
  await dialog.getByRole('radio', { name: /IT-management template/ }).check();
  await dialog.getByRole('button', { name: 'Create roadmap' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IT plan 2027');
  await page.getByRole('link', { name: /Capabilities/ }).click();
  const caps = page.getByRole('table', { name: 'Capability map' });
  for (const area of ['IT service management', 'IT operations', 'Technology & vendor strategy']) await expect(caps).toContainText(area);
  // The template's landscape: IT management's own tools, on its capabilities.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Landscape' }).click();
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: /^Applications/ }).click();
  const apps = page.getByRole('table', { name: 'Applications' });
  await expect(apps.getByRole('button', { name: 'IT service management platform' })).toBeVisible();
  await expect(apps.getByRole('button', { name: 'Configuration management database' })).toBeVisible();

  await openMenu(page);
  await page.getByRole('button', { name: 'Rename…' }).click();
  await page.getByRole('dialog', { name: 'Rename roadmap' }).getByLabel('Roadmap name').fill('IT plan 2027–2029');
  await page.getByRole('dialog', { name: 'Rename roadmap' }).getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IT plan 2027–2029');

  await openMenu(page);
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('IT plan 2027–2029 (copy)');

  await page.getByLabel('Open roadmap').selectOption({ label: demoName });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(demoName);

  await page.getByLabel('Open roadmap').selectOption({ label: 'IT plan 2027–2029 (copy)' });
  await openMenu(page);
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete roadmap' }).click();
  await expect(page.getByLabel('Open roadmap').getByRole('option')).toHaveCount(2);
  await page.reload();
  await expect(page.getByLabel('Open roadmap').getByRole('option')).toHaveCount(2);
});
