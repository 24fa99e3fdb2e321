// Refused edits say why: a bar moved on the timeline past the months Cairn can plan, a
// contribution changed in the matrix of a roadmap opened read-only from a share link, and a
// predecessor that would close a dependency cycle — each refused, nothing changed, and the
// reason shown to the person (in the messages area, or next to the field that made the edit).
import { test, expect, openApp } from './fixtures.mjs';

const panel = (page) => page.getByRole('complementary');
const bar = (page, name) => page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button', { name: new RegExp(`^${name}, `) });
const messages = (page) => page.getByRole('region', { name: 'Messages' });

/** Sets a field in the detail panel and leaves it, as a person does (the change commits). */
async function setField(page, label, value) {
  const field = panel(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
}

test('a timeline move the rules refuse says why in a message, and the bar stays', async ({ page }) => {
  await openApp(page, '/');
  // The first month Cairn can plan: a month earlier is refused by validation.
  await page.getByRole('button', { name: 'Data platform', exact: true }).click();
  await setField(page, 'Start', '1900-01');
  await expect(panel(page).getByLabel('Start', { exact: true })).toHaveValue('1900-01');
  await expect(panel(page).getByLabel('Start', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  await page.getByLabel('Lanes by').selectOption({ label: 'No grouping' });
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/1900-01 to 2027-12/);
  await bar(page, 'Data platform').focus();
  await page.keyboard.press('ArrowLeft');
  const refusal = messages(page).getByRole('alert').filter({ hasText: 'That change was not made' });
  await expect(refusal).toContainText('initiative "Data platform"');
  await expect(refusal).toContainText('the start would be 1899-12, outside the months Cairn can plan (1900-01 to 9999-12)');
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/1900-01 to 2027-12/);
  // Nothing changed, so there is nothing to undo but the start set in the editor.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(bar(page, 'Data platform')).toHaveAccessibleName(/2026-10 to 2027-12/);

  // Scheduling from the parking lot past 9999 is refused too, with the reason beside it.
  const side = page.getByRole('complementary', { name: 'Problems and parking lot' });
  await side.getByLabel('Start of Warehouse robotics pilot').fill('9999-12');
  await side.getByRole('button', { name: 'Schedule Warehouse robotics pilot' }).click();
  await expect(side.getByRole('alert')).toContainText('the end would be 10000-05');
  await expect(side).toContainText('Warehouse robotics pilot');
});

test('a matrix cell refused on a read-only roadmap says why, once', async ({ page }) => {
  await openApp(page, '/');
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  await page.getByRole('button', { name: 'Share as link…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share as link' });
  const link = await dialog.getByLabel(/^Link to “/).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#')));
  await expect(page.getByRole('region', { name: 'Shared roadmap' })).toBeVisible();

  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('navigation', { name: 'Portfolio sections' }).getByRole('link', { name: 'Alignment', exact: true }).click();
  const matrix = page.getByRole('table', { name: /^Alignment matrix/ });
  const cell = (value) => matrix.getByRole('button', { name: `Contribution of Intranet redesign to Cut CO₂ per shipment: ${value}`, exact: true });
  await cell('none').click();
  const menu = page.getByRole('menu', { name: 'Contribution of Intranet redesign to Cut CO₂ per shipment' });
  await menu.getByRole('menuitemradio', { name: '2 strong' }).click();
  await expect(messages(page).getByRole('status').filter({ hasText: 'opened from a share link and is read-only' })).toBeVisible();
  await expect(cell('none')).toBeVisible();
  // The reason is told once: no second message repeating it.
  await expect(messages(page).getByText(/opened from a share link/)).toHaveCount(1);
});

test('a field edit the rules refuse shows the reason next to the field, and nothing changes', async ({ page }) => {
  await openApp(page, '/');
  // Customer self-service portal depends on CRM rollout: the other way round closes a cycle.
  await page.getByRole('button', { name: 'CRM rollout', exact: true }).click();
  await expect(panel(page).getByRole('heading', { name: 'CRM rollout' })).toBeVisible();
  await panel(page).getByLabel('Add a predecessor').selectOption({ label: 'Customer self-service portal' });
  const reason = panel(page).getByRole('group', { name: /^Depends on/ }).getByRole('alert');
  await expect(reason).toContainText('dependency cycle');
  await expect(reason).toContainText('Customer self-service portal');
  await expect(panel(page).getByRole('button', { name: 'Remove dependency on Customer self-service portal' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});
