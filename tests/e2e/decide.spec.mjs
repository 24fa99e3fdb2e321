// Deciding what to fund on the release build: scoring as you type, the value-vs-effort
// chart, the optimiser (a cut budget, who is out and why, apply, undo, cancel) and
// scenarios (save, edit without touching the plan, compare, promote).
import { test, expect, openApp, downloadText, parseSvg } from './fixtures.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const rowOf = (table, name) => table.getByRole('row', { name: new RegExp(`^${escape(name)}\\b`) });

async function cutFy27Capex(page, amount) {
  await page.goto('/#/settings');
  const capex = page.getByLabel('FY27 capex');
  await capex.fill(String(amount));
  await capex.press('Tab');
  await expect(capex).toHaveValue(String(amount));
}

test('a cut budget: optimise, see who is out and why, apply as statuses, undo', async ({ page }) => {
  await openApp(page, '/');
  await cutFy27Capex(page, 3000000);
  await page.getByRole('link', { name: 'Decide', exact: true }).click();
  await page.getByRole('link', { name: 'Optimise' }).click();
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();

  const out = page.getByRole('table', { name: 'Initiatives left out' });
  await expect(out).toBeVisible();
  await expect(page.getByText('Proven optimal')).toBeVisible();
  // The binding limit is named, with the year and the amount.
  await expect(rowOf(out, 'CRM rollout')).toContainText(/Would exceed FY27 capex by EUR [\d.]+[kM]/);
  await expect(rowOf(out, 'CRM rollout')).toContainText('Approved');
  // A dependency is named.
  await expect(rowOf(out, 'Customer self-service portal')).toContainText('Needs "CRM rollout" too, which is out');
  // Fixed and undated initiatives are explained too.
  const funded = page.getByRole('table', { name: 'Funded initiatives' });
  await expect(rowOf(funded, 'ERP upgrade to the cloud edition')).toContainText('In progress: always funded');
  await expect(rowOf(out, 'Warehouse robotics pilot')).toContainText('Has no dates');
  // The use of the envelope and the value of 10% more.
  await expect(rowOf(page.getByRole('table', { name: 'Budget used' }), 'FY27 capex')).toContainText('EUR 3M');
  await expect(rowOf(page.getByRole('table', { name: 'The value of more budget' }), 'FY27')).toContainText(/\+\d/);

  // Apply: one undo step.
  await page.getByRole('button', { name: 'Apply as statuses' }).click();
  await expect(rowOf(out, 'CRM rollout')).toContainText('On hold');
  await expect(page.getByText('Applied. Undo (Ctrl+Z)')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rowOf(out, 'CRM rollout')).toContainText('Approved');
  await expect(page.getByRole('button', { name: 'Apply as statuses' })).toBeEnabled();
  // The statuses in the roadmap itself are back.
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await expect(rowOf(page.getByRole('table', { name: 'Initiatives' }), 'CRM rollout')).toContainText('Approved');
});

test('a long run in a worker: the page answers, progress shows, Cancel keeps the best set so far', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, '/#/debug/generate/2000');
  await expect(page.getByRole('table', { name: 'Initiatives' })).toBeVisible();
  await page.goto('/#/decide/optimise');
  await expect(page.getByText(/2,000 initiatives: the search stops after/)).toBeVisible();
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  // The page answers while the search works: a click opens the envelopes at once.
  await page.getByText('Budget envelopes:').click();
  await expect(page.getByRole('table', { name: 'Budget envelopes' })).toBeVisible();
  // Progress: branches searched, best and bound.
  await expect(page.getByRole('status').filter({ hasText: 'branches' })).toBeVisible({ timeout: 90_000 });
  await cancel.click();
  // The search stops after the step it is in (one linear programme: can be seconds).
  await expect(cancel).toBeHidden({ timeout: 60_000 });
  await expect(page.getByText(/^Cancelled: the best set found so far/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Optimise again' })).toBeEnabled();
});

test('scoring inputs change the score and the ranking as you type; typing is one undo step', async ({ page }) => {
  await openApp(page, '/#/decide/scoring');
  const table = page.getByRole('table', { name: 'Scoring inputs' });
  const score = () => rowOf(table, 'Intranet redesign').getByRole('cell').nth(0);
  const rank = () => rowOf(table, 'Intranet redesign').getByRole('cell').nth(1);
  const before = { score: await score().textContent(), rank: Number(await rank().textContent()) };
  // Estimates: the ranking moves.
  for (const what of ['Business value', 'Time criticality', 'Risk reduction']) {
    await page.getByLabel(`${what} of Intranet redesign`).selectOption('20');
  }
  await expect(rank()).not.toHaveText(String(before.rank));
  expect(Number(await rank().textContent())).toBeLessThan(before.rank);
  const ranking = page.getByRole('region', { name: 'Ranking' });
  const position = await ranking.getByRole('listitem').evaluateAll((items) => items.findIndex((li) => li.textContent.includes('Intranet redesign')));
  expect(position).toBeLessThan(before.rank - 1);
  // A weight typed digit by digit updates the scores while the field keeps the focus.
  await page.getByText('Criteria and weights').click();
  const weight = page.getByLabel('Weight of Business value');
  await expect(weight).toHaveValue('25');
  const typedFrom = await score().textContent();
  await weight.focus();
  await page.keyboard.press('End');
  await page.keyboard.type('00');
  await expect(weight).toBeFocused();
  await expect(weight).toHaveValue('2500');
  await expect(score()).not.toHaveText(typedFrom);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(weight).toHaveValue('25');
  await expect(score()).toHaveText(typedFrom);
  // A refused value says why and changes nothing.
  await weight.fill('-3');
  await expect(page.getByRole('alert').filter({ hasText: /weight/i })).toBeVisible();
  await expect(score()).toHaveText(typedFrom);
  void before.score;
});

test('a click on a bubble opens that initiative (the smaller bubble on top); the chart exports', async ({ page }) => {
  await openApp(page, '/#/decide/scoring');
  const canvas = page.locator('canvas.bubble-picture');
  await expect(canvas).toHaveAttribute('data-bubbles', /ini-crm@/);
  const bubbles = (await canvas.getAttribute('data-bubbles')).split(';').map((s) => {
    const [id, rest] = s.split('@');
    const [x, y, r] = rest.split(',').map(Number);
    return { id, x, y, r };
  });
  // A point of the CRM bubble that no bubble drawn after it (smaller, on top) covers.
  const at = bubbles.findIndex((b) => b.id === 'ini-crm');
  const crm = bubbles[at];
  const covered = (x, y) => bubbles.slice(at + 1).some((b) => (x - b.x) ** 2 + (y - b.y) ** 2 <= b.r * b.r);
  const point = [[0, 0], [0.6, 0], [-0.6, 0], [0, 0.6], [0, -0.6], [0.45, 0.45], [-0.45, -0.45], [0.45, -0.45], [-0.45, 0.45]]
    .map(([dx, dy]) => ({ x: crm.x + dx * crm.r, y: crm.y + dy * crm.r }))
    .find((p) => !covered(p.x, p.y));
  expect(point).toBeTruthy();
  await canvas.click({ position: point });
  const panel = page.getByRole('complementary');
  await expect(panel.getByRole('heading', { name: 'CRM rollout' })).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Parts of the score' })).toContainText('Strategic alignment');
  // The keyboard way: a name in the ranking opens the same panel.
  await page.getByRole('region', { name: 'Ranking' }).getByRole('button', { name: 'Data platform' }).click();
  await expect(panel.getByRole('heading', { name: 'Data platform' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Data platform' })).toBeFocused();

  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click());
  expect(svg.name).toMatch(/value-vs-effort\.svg$/);
  const parsed = await parseSvg(page, svg.text);
  expect(parsed.error).toBe(false);
  expect(parsed.width).toBe('1920');
  for (const q of ['Quick wins', 'Big bets', 'Fill-ins', "Don't do", 'CRM rollout']) expect(parsed.text).toContain(q);
});

test('a scenario: save, edit without touching the plan, compare, keep after reload, promote', async ({ page }) => {
  await openApp(page, '/#/decide/scenarios');
  await page.getByLabel('New scenario name').fill('Lean 2027');
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  const list = page.getByRole('table', { name: 'Scenarios' });
  await expect(rowOf(list, 'Lean 2027')).toContainText('none');
  await page.getByRole('button', { name: 'Edit Lean 2027' }).click();
  const banner = page.getByRole('region', { name: 'Scenario being edited' });
  await expect(banner).toContainText('Editing scenario “Lean 2027” — the plan is unchanged');

  // Change the scenario in the editor, as any roadmap.
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await page.getByRole('button', { name: 'CRM rollout' }).click();
  const capex = page.getByRole('complementary').getByLabel('Capex (one-off)');
  await capex.fill('2500000');
  await capex.press('Tab');
  await expect(banner).toBeVisible();

  // Compare: the change shows.
  await banner.getByRole('link', { name: 'Compare with the plan' }).click();
  const changed = page.getByRole('table', { name: 'Changed initiatives' });
  await expect(rowOf(changed, 'CRM rollout')).toContainText(/capex EUR [\d.]+[kM] → EUR 2\.5M/);
  await expect(page.getByRole('table', { name: 'Cost per fiscal year' })).toContainText('+');
  await expect(page.locator('canvas.difference-picture')).toBeVisible();

  // The plan is untouched.
  await banner.getByRole('button', { name: 'Back to the plan' }).click();
  await expect(banner).toBeHidden();
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await page.getByRole('button', { name: 'CRM rollout' }).click();
  await expect(page.getByRole('complementary').getByLabel('Capex (one-off)')).not.toHaveValue('2500000');

  // Kept in the browser.
  await page.goto('/#/decide/scenarios');
  await page.reload();
  await expect(rowOf(page.getByRole('table', { name: 'Scenarios' }), 'Lean 2027').getByRole('cell').nth(2)).toHaveText('1');
  await expect(rowOf(page.getByRole('table', { name: 'Changed initiatives' }), 'CRM rollout')).toBeVisible();

  // Promote, after a question; the old plan stays as a scenario.
  await page.getByRole('button', { name: 'Make Lean 2027 the plan' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Plan before Lean 2027');
  await dialog.getByRole('button', { name: 'Make it the plan' }).click();
  await expect(rowOf(page.getByRole('table', { name: 'Scenarios' }), 'Plan before Lean 2027')).toBeVisible();
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await page.getByRole('button', { name: 'CRM rollout' }).click();
  await expect(page.getByRole('complementary').getByLabel('Capex (one-off)')).toHaveValue('2500000');
});

test('the timeline colours bars by score, with a legend of score bands', async ({ page }) => {
  await openApp(page, '/#/timeline');
  await page.getByLabel('Colour by').selectOption({ label: 'Score' });
  const legend = page.getByRole('list', { name: 'Legend' });
  await expect(legend).toContainText('Score under 20');
  await expect(legend).toContainText('80 or more');
});
