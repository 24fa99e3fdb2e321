// The portfolio view on the release build: every section shows the problems the demo
// contains, figures follow edits without a reload, the matrix edits contributions with undo,
// the risk matrix lists a cell's initiatives, the lock-in threshold comes from Settings, and
// the executive summary prints on one landscape page.
import { test, expect, openApp, downloadText } from './fixtures.mjs';

const card = (page, title) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
const headlines = (page) => page.getByRole('list', { name: 'Headline figures' });
const yearTable = (page) => page.getByRole('table', { name: 'Capex and opex per fiscal year against the envelope' });
const matrix = (page) => page.getByRole('table', { name: /^Alignment matrix/ });
const section = (page, name) => page.getByRole('navigation', { name: 'Portfolio sections' }).getByRole('link', { name, exact: true });
const pdfPages = (bytes) => (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

/** The text of each cell of a row of the matrix, after its header, by goal name. */
async function goalTotals(page, rowName) {
  return matrix(page).evaluate((table, name) => {
    const goals = [...table.querySelectorAll('thead th.pf-goal-col .pf-goal-name')].map((g) => g.textContent);
    const row = [...table.querySelectorAll('tfoot tr')].find((r) => r.querySelector('th').textContent.startsWith(name));
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent);
    return Object.fromEntries(goals.map((g, k) => [g, cells[k]]));
  }, rowName);
}

test('the summary shows the demo problems, each headline linking to the view that explains it', async ({ page }) => {
  await openApp(page, '/#/portfolio');
  await expect(page.getByRole('navigation', { name: 'Portfolio sections' }).getByRole('link', { name: 'Executive summary' }))
    .toHaveAttribute('aria-current', 'page');
  const list = headlines(page);
  await expect(list).toContainText('EUR 11.9M of EUR 11.5M budget — capex over by EUR 576k');
  await expect(list.getByRole('listitem').filter({ hasText: 'capex over by' }).last()).toContainText('FY27 (needs attention)');
  await expect(list).toContainText('EUR 210k serves none (Intranet redesign)');
  await expect(list).toContainText('1 goal has no initiative: Cut CO₂ per shipment');
  await expect(list).toContainText('lock-in: Arcturus Software above 40%');
  await expect(list).toContainText('2027-Q2: 42.7 FTE needed, 41 available');
  await expect(list).toContainText('ERP upgrade to the cloud edition');
  // Attention is said in words, not only in colour; each headline says how it is computed.
  await expect(list.getByText(/⚠ Needs attention/)).toHaveCount(8);
  await expect(list.getByText('How this is computed')).toHaveCount(8);
  const how = list.getByRole('group').first();
  await how.getByText('How this is computed').click();
  await expect(how.getByText(/A year without a budget entry has an envelope of 0/)).toBeVisible();

  const expected = {
    'See Finance for Spend per fiscal year against budget': '#/portfolio/finance',
    'See Alignment for Alignment share': '#/portfolio/alignment',
    'See Alignment for Strategy gaps': '#/portfolio/alignment',
    'See Heatmap for Capability gaps closed by Dec 2028': '#/heatmap',
    'See Risk and compliance for Top risks': '#/portfolio/risk',
    'See Vendors for Vendor concentration': '#/portfolio/vendors',
    'See Workforce for Overloaded quarters': '#/portfolio/workforce',
    'See Landscape for Landscape': '#/landscape',
  };
  await expect(list.getByRole('link')).toHaveCount(Object.keys(expected).length);
  for (const [name, href] of Object.entries(expected)) {
    await expect(list.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
  }
  // Following them opens the view that explains the figure.
  await list.getByRole('link', { name: 'See Finance for Spend per fiscal year against budget' }).click();
  await expect(page.getByRole('heading', { name: 'Capex and opex per fiscal year against the envelope' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Portfolio sections' }).getByRole('link', { name: 'Finance' })).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await headlines(page).getByRole('link', { name: 'See Workforce for Overloaded quarters' }).click();
  await expect(page.getByRole('table', { name: 'FTE demand and capacity per quarter' })).toBeVisible();
  await page.goBack();
  await headlines(page).getByRole('link', { name: /^See Heatmap/ }).click();
  await expect(page.getByRole('heading', { name: 'Capability heatmap' })).toBeVisible();
  await page.goBack();
  await expect(list.getByText(/past end of life now/)).toBeVisible();
  await headlines(page).getByRole('link', { name: 'See Landscape for Landscape' }).click();
  await expect(page.getByRole('heading', { name: 'Landscape', level: 2 })).toBeVisible();
});

test('sections open from deep links; an unknown section opens the summary', async ({ page }) => {
  const sections = {
    alignment: 'Alignment matrix', finance: 'Capex and opex per fiscal year against the envelope', vendors: 'Spend per vendor',
    risk: 'Risk matrix: delivery risk of open initiatives', workforce: 'FTE demand per quarter against capacity',
  };
  await openApp(page, '/');
  for (const [slug, heading] of Object.entries(sections)) {
    await page.goto(`/#/portfolio/${slug}`);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
  await page.goto('/#/portfolio/nowhere');
  await expect(headlines(page)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Portfolio', exact: true })).toHaveAttribute('aria-current', 'page');
});

test('alignment: the unaligned initiative and the goal without initiatives; a contribution edited in the matrix, then undone', async ({ page }) => {
  await openApp(page, '/#/portfolio/alignment');
  await expect(card(page, 'Unaligned spend')).toContainText('EUR 210k in 1 initiative');
  await expect(card(page, 'Unaligned spend')).toContainText('Intranet redesign — EUR 210k');
  await expect(card(page, 'Strategy gaps')).toContainText('Cut CO₂ per shipment');
  await expect(card(page, 'Capability gaps without a plan')).toContainText('Skills & competency management');
  await expect(card(page, 'Alignment share')).toContainText('99%');
  await expect(matrix(page).getByRole('columnheader', { name: /Cut CO₂ per shipment/ })).toContainText('No initiative');
  await expect(matrix(page).getByRole('row', { name: /^Intranet redesign/ })).toContainText('None');

  const before = await goalTotals(page, 'Initiatives serving the goal');
  expect(before['Cut CO₂ per shipment']).toBe('0');
  const cell = (value) => matrix(page).getByRole('button', { name: `Contribution of Intranet redesign to Cut CO₂ per shipment: ${value}`, exact: true });
  await cell('none').click();
  const menu = page.getByRole('menu', { name: 'Contribution of Intranet redesign to Cut CO₂ per shipment' });
  await expect(menu.getByRole('menuitemradio', { name: '— none' })).toHaveAttribute('aria-checked', 'true');
  await menu.getByRole('menuitemradio', { name: '2 strong' }).click();
  await expect(menu).toHaveCount(0);
  await expect(cell('2 strong')).toBeFocused();
  await expect(matrix(page).getByRole('columnheader', { name: /Cut CO₂ per shipment/ })).not.toContainText('No initiative');
  await expect(card(page, 'Strategy gaps')).toContainText('None: every goal has an initiative');
  await expect(card(page, 'Unaligned spend')).toContainText('None: every initiative serves a goal');
  await expect(card(page, 'Alignment share')).toContainText('100%');
  const after = await goalTotals(page, 'Initiatives serving the goal');
  expect(after['Cut CO₂ per shipment']).toBe('1');
  expect((await goalTotals(page, 'Investment touching the goal'))['Cut CO₂ per shipment']).toBe('210,000');
  expect((await goalTotals(page, 'Weighted contribution'))['Cut CO₂ per shipment']).toBe('6');
  await expect(matrix(page).getByRole('row', { name: /^Intranet redesign/ })).not.toContainText('None');

  // One change, one undo step.
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(cell('none')).toBeVisible();
  expect(await goalTotals(page, 'Initiatives serving the goal')).toEqual(before);
  await expect(card(page, 'Strategy gaps')).toContainText('Cut CO₂ per shipment');
  await expect(page.getByRole('button', { name: /Undo/ })).toBeDisabled();
});

test('alignment: the matrix filters, and a keyboard changes a contribution', async ({ page }) => {
  await openApp(page, '/#/portfolio/alignment');
  await page.getByLabel('Only initiatives serving no goal').check();
  await expect(matrix(page).locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Only initiatives serving no goal').uncheck();
  await page.getByRole('searchbox', { name: 'Filter initiatives' }).fill('crm');
  await expect(matrix(page).locator('tbody tr')).toHaveCount(1);
  const cell = matrix(page).getByRole('button', { name: /^Contribution of CRM rollout to Grow digital bookings: / });
  const was = await cell.getAttribute('aria-label');
  // A digit sets the contribution; the cell keeps the focus.
  await cell.focus();
  await page.keyboard.press(was.endsWith('3 decisive') ? '1' : '3');
  await expect(cell).not.toHaveAttribute('aria-label', was);
  await expect(cell).toBeFocused();
  const now = await cell.getAttribute('aria-label');
  // Enter opens the choices on the current one; arrow keys move; Enter chooses.
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Contribution of CRM rollout to Grow digital bookings' });
  await expect(menu.getByRole('menuitemradio', { checked: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute('aria-label', now);
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitemradio', { checked: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { checked: true })).not.toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell).toBeFocused();
  await expect(cell).not.toHaveAttribute('aria-label', now);
  await page.keyboard.press('Delete');
  await expect(cell).toHaveAttribute('aria-label', 'Contribution of CRM rollout to Grow digital bookings: none');
});

test('finance: the over-budget year with its amount; a cost edited in the roadmap updates it without a reload', async ({ page }) => {
  await openApp(page, '/#/portfolio/finance');
  await page.evaluate(() => { window.__sameDocument = true; });
  const fy27 = yearTable(page).getByRole('row', { name: /^FY27/ });
  await expect(fy27).toContainText('7,376,082');
  await expect(fy27).toContainText('Over budget: capex over by EUR 576k');
  await expect(yearTable(page).getByRole('row', { name: /^FY26/ })).toContainText('Within budget');
  await expect(card(page, 'Over budget')).toContainText('FY27: capex over by EUR 576k');
  const inked = await page.locator('canvas.pf-canvas').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let k = 0; k < d.length; k += 4 * 53) if (d[k] < 200) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(100);
  await expect(page.getByRole('img', { name: /FY27: capex EUR 7.4M of EUR 6.8M, over by EUR 576k/ })).toBeVisible();
  const tco = page.getByRole('table', { name: 'Total cost of ownership over 3 and 5 years' });
  const intranetTco = await tco.getByRole('row', { name: /^Intranet redesign/ }).textContent();

  // Intranet redesign runs Jan–Sep 2027: 300k more capex all lands in FY27.
  await page.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await page.getByRole('button', { name: 'Intranet redesign' }).click();
  const capex = page.getByRole('complementary').getByLabel('Capex (one-off)');
  await capex.fill('420000');
  await capex.press('Tab');
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await section(page, 'Finance').click();
  await expect(fy27).toContainText('7,676,082');
  await expect(fy27).toContainText('Over budget: capex over by EUR 876k');
  await expect(card(page, 'Over budget')).toContainText('FY27: capex over by EUR 876k');
  await expect(tco.getByRole('row', { name: /^Intranet redesign/ })).not.toHaveText(intranetTco);
  await expect(tco.getByRole('row', { name: /^Intranet redesign/ })).toContainText('510,000');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  // The summary follows too.
  await section(page, 'Executive summary').click();
  await expect(headlines(page)).toContainText('capex over by EUR 876k');
});

test('finance: retiring applications saves their run cost, per fiscal year and by the initiative that retires them', async ({ page }) => {
  await openApp(page, '/#/portfolio/finance');
  const savings = page.getByRole('table', { name: 'Run cost saved by retiring applications, per fiscal year' });
  await expect(savings.getByRole('row')).not.toHaveCount(1);
  await expect(savings).toContainText('CRM rollout');
  await expect(page.getByRole('heading', { name: 'Savings from retiring applications' })).toBeVisible();
});

test('finance and risk charts export as SVG slides and 1920 × 1080 PNG', async ({ page }) => {
  await openApp(page, '/#/portfolio/finance');
  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click());
  expect(svg.name).toMatch(/finance\.svg$/);
  const parse = (text) => page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), text: doc.documentElement.textContent, width: doc.documentElement.getAttribute('width') };
  }, text);
  const finance = await parse(svg.text);
  expect(finance.error).toBe(false);
  expect(finance.width).toBe('1920');
  expect(finance.text).toContain('FY27: capex EUR 7.4M of EUR 6.8M, over by EUR 576k');

  await section(page, 'Risk and compliance').click();
  const risk = await parse((await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text);
  expect(risk.error).toBe(false);
  expect(risk.text).toContain('ERP upgrade to the cloud edition');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(download.suggestedFilename()).toMatch(/risk-matrix\.png$/);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1920, 1080]);
});

test('vendors: Arcturus lock-in at 45%; the threshold set in Settings changes the warning', async ({ page }) => {
  await openApp(page, '/#/portfolio/vendors');
  const table = page.getByRole('table', { name: 'Spend, share and initiatives per vendor' });
  const arcturus = table.getByRole('row', { name: /^Arcturus Software/ });
  await expect(arcturus).toContainText('45.3%');
  await expect(arcturus).toContainText('Lock-in risk: above 40%');
  await expect(table.getByText(/Lock-in risk/)).toHaveCount(1);
  await expect(card(page, 'Lock-in')).toContainText('Arcturus Software takes 45.3% of the vendor spend');
  await expect(card(page, 'Vendor concentration (HHI)')).toContainText('2,553 — highly concentrated (above 2,500)');

  await card(page, 'Lock-in').getByRole('link', { name: 'Change it in Settings' }).click();
  const threshold = page.getByLabel('Vendor lock-in threshold (%)');
  await expect(threshold).toHaveValue('40');
  await threshold.fill('0');
  await threshold.press('Tab');
  await expect(page.getByRole('alert')).toContainText('above 0% and at most 100%');
  await threshold.fill('50');
  await threshold.press('Tab');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await expect(headlines(page)).toContainText('HHI 2,553 (highly concentrated); largest: Arcturus Software, 45%');
  await expect(headlines(page)).not.toContainText('lock-in');
  await section(page, 'Vendors').click();
  await expect(card(page, 'Lock-in')).toContainText('No vendor is above the threshold');
  await expect(card(page, 'Lock-in')).toContainText('Threshold: 50% of the vendor spend');
  await expect(table.getByText(/Lock-in risk/)).toHaveCount(0);
  // Kept with the roadmap.
  await page.reload();
  await expect(card(page, 'Lock-in')).toContainText('Threshold: 50%');
});

test('risk: a cell of the matrix lists its initiatives, by mouse and keyboard', async ({ page }) => {
  await openApp(page, '/#/portfolio/risk');
  const cells = page.getByRole('group', { name: /^Risk matrix cells/ }).getByRole('button');
  await expect(cells).toHaveCount(25);
  const severe = page.getByRole('button', { name: 'Likelihood 4 likely × impact 5 severe: score 20, severe: 2 initiatives' });
  await severe.click();
  await expect(severe).toHaveAttribute('aria-pressed', 'true');
  const listed = page.getByRole('list', { name: 'Initiatives in the chosen cell' });
  await expect(listed.getByRole('listitem')).toHaveCount(2);
  await expect(listed).toContainText('ERP upgrade to the cloud edition');
  await expect(listed).toContainText('Transport management replacement');
  // Arrow keys move between cells and choose them; only one cell is in the tab order.
  await expect(page.locator('.pf-risk-cell[tabindex="0"]')).toHaveCount(1);
  await severe.focus();
  await page.keyboard.press('ArrowDown');
  const below = page.getByRole('button', { name: /^Likelihood 3 possible × impact 5 severe: score 15, high: 1 initiative$/ });
  await expect(below).toBeFocused();
  await expect(listed.getByRole('listitem')).toHaveCount(1);
  await expect(listed).toContainText('Disaster recovery site');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('button', { name: /^Likelihood 3 possible × impact 4 major/ })).toBeFocused();
  await expect(page.getByRole('heading', { name: /Likelihood 3 possible × impact 4 major: score 12, significant/ })).toBeVisible();
  await expect(listed.getByRole('listitem')).toHaveCount(8);

  await expect(page.getByRole('table', { name: 'The open initiatives with the highest risk score' }).getByRole('row').nth(1)).toContainText('ERP upgrade to the cloud edition');
  const high = page.getByRole('table', { name: /^Capabilities with risk High or Critical/ });
  await expect(high.getByRole('row', { name: /^Third-party & supplier risk/ })).toContainText('Unmanaged: no initiative addresses it');
  const compliance = page.getByRole('table', { name: /^Compliance frameworks/ });
  await expect(compliance.getByRole('row', { name: /^ISO 27001/ })).toContainText(/Third-party & supplier risk\s*⚠ Not addressed/);
  await expect(card(page, 'High-risk capabilities without an initiative')).toContainText('Third-party & supplier risk (high)');
});

test('workforce: 2027-Q2 is overloaded, with the initiatives that cause it', async ({ page }) => {
  await openApp(page, '/#/portfolio/workforce');
  const table = page.getByRole('table', { name: 'FTE demand and capacity per quarter' });
  await expect(table.getByRole('row')).toHaveCount(13);
  await expect(table.getByRole('row', { name: /^2027-Q2/ })).toContainText('Overloaded by 1.7 FTE');
  await expect(table.getByText(/Overloaded by/)).toHaveCount(1);
  await expect(card(page, 'Overloaded quarters')).toContainText('2027-Q2: 42.7 FTE needed, 41 available');
  const causes = page.getByRole('table', { name: 'Initiatives needing people in 2027-Q2' });
  await expect(causes.getByRole('row').nth(1)).toContainText('ERP upgrade to the cloud edition8');
});

test('the summary prints on one landscape page, A4 and Letter, without the app around it', async ({ page }) => {
  await openApp(page, '/#/portfolio/summary');
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Portfolio sections' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(headlines(page)).toBeVisible();
  await expect(headlines(page)).toContainText('capex over by EUR 576k');
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, landscape: true, printBackground: true });
    expect(pdfPages(pdf), `${format} pages`).toBe(1);
  }
});

test('a roadmap of 2,000 initiatives: every section opens, the matrix shows 50 rows a page', async ({ page }) => {
  await openApp(page, '/');
  await page.goto('/#/debug/generate/2000');
  await expect(page.getByRole('table', { name: 'Initiatives' })).toBeVisible();
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await expect(headlines(page).getByRole('listitem').first()).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Portfolio sections' });
  await nav.getByRole('link', { name: 'Alignment' }).click();
  await expect(matrix(page).locator('tbody tr')).toHaveCount(50);
  await expect(page.getByRole('group', { name: 'Pages of initiatives' })).toContainText('Showing 1–50 of 2,000 initiatives');
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByRole('group', { name: 'Pages of initiatives' })).toContainText('Showing 51–100 of 2,000 initiatives');
  for (const [name, heading] of [['Finance', 'Spend per fiscal year'], ['Vendors', 'Spend per vendor'], ['Risk and compliance', 'Compliance frameworks'], ['Workforce', 'FTE demand per quarter against capacity']]) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
});

test('a name written like markup shows as text in the matrix and the summary', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  page.on('dialog', () => { throw new Error('a script ran: a dialog opened'); });
  await openApp(page, '/#/roadmap/initiatives');
  await page.getByRole('button', { name: 'Intranet redesign' }).click();
  const name = page.getByRole('complementary').getByLabel('Name', { exact: true });
  await name.fill(hostile);
  await name.press('Tab');
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await expect(headlines(page)).toContainText(`serves none (${hostile})`);
  await section(page, 'Alignment').click();
  await expect(matrix(page).getByRole('rowheader', { name: new RegExp(hostile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toHaveCount(1);
  expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
});
