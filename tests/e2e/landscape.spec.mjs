// The landscape view (issue 15): the demo's applications at a chosen month, by capability,
// with the problems the demo holds visible where a CIO looks for them.
import { test, expect, openApp, downloadText, parseSvg } from './fixtures.mjs';

test('the landscape shows the demo applications, their map and their problems at a chosen month', async ({ page }) => {
  await openApp(page, '/#/landscape');
  await expect(page.getByRole('heading', { name: 'Landscape', level: 2 })).toBeVisible();
  const month = page.getByLabel('Landscape at');
  await month.fill('2026-06');
  await month.dispatchEvent('change');
  await expect(page.getByText('as of Jun 2026')).toBeVisible();
  // The slider runs over the horizon; Play moves a quarter at a time, Pause stops.
  const slider = page.getByRole('slider', { name: 'Month within the horizon' });
  await slider.fill('0');
  await expect(page.getByText('as of Jan 2026')).toBeVisible();
  await page.getByRole('button', { name: 'Play through the horizon' }).click();
  await expect(page.getByText('as of Apr 2026')).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
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

  // Coloured by a chosen attribute, each colour named in the legend and on the application.
  await expect(map.getByTitle('Active').first()).toBeVisible();
  await page.getByLabel('Colour by').selectOption('Technology support');
  await expect(page.getByRole('list', { name: 'Colours' })).toContainText('Support ends within 6 months');
  const erp = map.getByRole('row', { name: /^Enterprise resource planning/ });
  await expect(erp.getByTitle('Out of support').filter({ hasText: 'SAP ECC 6.0' })).toBeVisible();

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

test('an application is captured in a workshop, edited in its panel with every link, autosaved and undone', async ({ page }) => {
  await openApp(page, '/#/landscape');
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: /^Applications/ }).click();
  const list = page.getByRole('table', { name: 'Applications' });
  await expect(list.getByRole('row')).toHaveCount(51); // 50 on the first page, and the header

  // Workshop capture: Enter adds it, opens its panel and empties the line for the next.
  await page.getByLabel('New application name').fill('Ledgerline <b>Hub</b>');
  await page.getByLabel('New application run cost per year').fill('120000');
  await page.getByLabel('New application name').press('Enter');
  const panel = page.getByRole('complementary', { name: 'Ledgerline <b>Hub</b>' });
  await expect(panel).toBeVisible();
  await expect(page.getByLabel('New application name')).toHaveValue('');
  await expect(page.locator('b', { hasText: 'Hub' })).toHaveCount(0); // text, never markup

  // Lifecycle, fits and a disposition that contradicts them, with the reason shown.
  const fill = async (label, value) => { const f = panel.getByLabel(label, { exact: true }); await f.fill(value); await f.dispatchEvent('change'); };
  await fill('Active', '2015-01');
  await fill('End of life', '2020-01');
  await panel.getByLabel('Functional fit').selectOption('4');
  await panel.getByLabel('Technical fit').selectOption('1');
  await expect(panel.getByText('The fits suggest Migrate.')).toBeVisible();
  await panel.getByLabel('Disposition', { exact: true }).selectOption('invest');
  await expect(panel.getByText(/Contradicts the fits: Invest is chosen, but the technical fit is 1/)).toBeVisible();
  await fill('Users', '2.5');
  await expect(panel.getByRole('alert')).toHaveText('Users must be a whole number of 0 or more');
  await fill('Users', '340');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Links: a capability with its fit, a technology, an interface, an initiative retiring it.
  // A thousand capabilities are no list to scroll: found by typing.
  await panel.getByLabel('Link a capability').fill('customer rel');
  await panel.getByRole('list', { name: 'Matches: Link a capability' }).getByRole('button', { name: /^Link Customer relationship management/ }).click();
  await panel.getByLabel('Fit for Customer relationship management').selectOption('2');
  await panel.getByLabel('Link a technology').fill('postgresql 12');
  await panel.getByRole('button', { name: 'Link PostgreSQL 12' }).click();
  await expect(panel.getByRole('button', { name: 'Unlink technology PostgreSQL 12' })).toBeVisible();
  await panel.getByLabel('Interface with').fill('SAP ECC');
  await panel.getByRole('list', { name: 'Matches: Interface with' }).getByRole('button', { name: 'SAP ECC 6.0' }).click();
  await expect(panel.getByText('With: SAP ECC 6.0')).toBeVisible();
  await panel.getByLabel('Interface name').fill('Invoices');
  await panel.getByRole('button', { name: 'Add interface' }).click();
  await expect(panel.getByText('Sends to SAP ECC 6.0 — Invoices')).toBeVisible();
  await panel.getByLabel('Initiative', { exact: true }).selectOption({ label: 'CRM rollout' });
  await panel.getByLabel('Month it takes effect').fill('2027-05');
  await panel.getByRole('button', { name: 'Add change' }).click();
  await expect(panel.getByText(/CRM rollout.* retires it in 2027-05/)).toBeVisible();
  // A successor, found by typing (no select of thousands), shown by name, removable.
  await expect(panel.getByText('No successor: nothing is planned to take over from it.')).toBeVisible();
  await panel.getByLabel('Set the successor').fill('s/4hana');
  await panel.getByRole('list', { name: 'Matches: Set the successor' }).getByRole('button', { name: 'Successor: SAP S/4HANA Cloud' }).click();
  await expect(panel.getByText('Succeeded by SAP S/4HANA Cloud')).toBeVisible();
  await panel.getByRole('button', { name: 'Remove the successor' }).click();
  await expect(panel.getByText('No successor: nothing is planned to take over from it.')).toBeVisible();
  await panel.getByLabel('Set the successor').fill('s/4hana');
  await panel.getByRole('button', { name: 'Successor: SAP S/4HANA Cloud' }).click();
  await expect(panel.getByText('Succeeded by SAP S/4HANA Cloud')).toBeVisible();

  // The list shows it as it now is; the map counts it on its capability.
  await page.getByLabel('Search applications').fill('Ledgerline');
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText('End of life');
  await expect(list.getByRole('row').nth(1)).toContainText('contradicts the fits');

  // Autosaved: a reload finds it with its links.
  await expect(page.getByRole('banner').getByRole('status')).toHaveText('All changes saved');
  await page.reload();
  await page.getByLabel('Search applications').fill('Ledgerline');
  await page.getByRole('button', { name: 'Ledgerline <b>Hub</b>' }).click();
  await expect(page.getByRole('complementary', { name: 'Ledgerline <b>Hub</b>' }).getByText('Sends to SAP ECC 6.0 — Invoices')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Ledgerline <b>Hub</b>' }).getByText('Succeeded by SAP S/4HANA Cloud')).toBeVisible();

  // Deleting lists what it unlinks; Undo brings it back.
  await page.getByRole('button', { name: 'Delete application…' }).click();
  const confirm = page.getByRole('dialog', { name: /Delete/ });
  await expect(confirm).toContainText('CRM rollout');
  await confirm.getByRole('button', { name: 'Delete application' }).click();
  await expect(list.getByRole('row')).toHaveCount(1);
  await page.getByRole('button', { name: '↶ Undo' }).click();
  await expect(list.getByRole('row')).toHaveCount(2);
});

test('a technology is added, dated and linked; its support status and users follow', async ({ page }) => {
  await openApp(page, '/#/landscape/technologies');
  const list = page.getByRole('table', { name: 'Technologies' });
  await page.getByLabel('New technology name').fill('Informix');
  await page.getByLabel('New technology version').fill('12.10');
  await page.getByLabel('New technology name').press('Enter');
  const panel = page.getByRole('complementary', { name: 'Informix 12.10' });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('Not matched: find its product and release')).toBeVisible();
  const eol = panel.getByLabel('End of life', { exact: true });
  await eol.fill('2020-04');
  await eol.dispatchEvent('change');
  await expect(panel.getByText('Support today: Out of support')).toBeVisible();
  await page.getByLabel('Search technologies').fill('Informix');
  await expect(list.getByRole('row').nth(1)).toContainText('Out of support');
  await expect(list.getByRole('row').nth(1)).toContainText('2020-04');
  // The support filter keeps the ones out of support.
  await page.getByLabel('Search technologies').fill('');
  await page.getByLabel('Filter by support').selectOption({ label: 'Out of support' });
  await expect(list.getByRole('row').filter({ hasText: 'Informix' })).toHaveCount(1);
  await expect(list.getByRole('row').filter({ hasText: 'Windows Server' }).filter({ hasText: '2022' })).toHaveCount(0);
  await page.getByLabel('Filter by support').selectOption({ label: 'Any support' });

  // A demo technology shows the catalog's dates beside its fields, and the applications on it.
  await page.getByLabel('Search technologies').fill('Oracle Database');
  await list.getByRole('button', { name: 'Oracle Database' }).first().click();
  const oracle = page.getByRole('complementary', { name: /^Oracle Database/ });
  await expect(oracle.getByText(/^Matched to oracle-database (12\.2|19)/)).toBeVisible();
  await expect(oracle.getByRole('heading', { name: 'Applications running on it' })).toBeVisible();
  await expect(oracle.getByRole('listitem').first()).toBeVisible();
});

test('a technology is matched to the end-of-life catalog as you type and takes its dates; typed dates win; the source is named', async ({ page }) => {
  await openApp(page, '/#/landscape/technologies');
  await page.getByLabel('New technology name').fill('Postgres cluster');
  await page.getByLabel('New technology name').press('Enter');
  const panel = page.getByRole('complementary', { name: 'Postgres cluster' });
  await expect(panel.getByText('Not matched: find its product and release')).toBeVisible();
  await expect(panel.getByText('Support today: Unknown')).toBeVisible();

  await panel.getByLabel('Search the end-of-life catalog').fill('postgresql 16');
  const hits = panel.getByRole('list', { name: 'Catalog releases' });
  await hits.getByRole('button', { name: 'Use PostgreSQL 16' }).click();
  await expect(panel.getByText('Matched to postgresql 16')).toBeVisible();
  await expect(panel.getByText('Catalog: 2028-11 (used when empty)')).toBeVisible();
  await expect(panel.getByText('Support today: Supported')).toBeVisible();
  await expect(page.getByText('End-of-life dates from endoflife.date (MIT licence), snapshot of 2026-08-22.').first()).toBeVisible();

  // A date typed by the user wins over the catalog's.
  const eol = panel.getByLabel('End of life', { exact: true });
  await eol.fill('2025-01');
  await eol.dispatchEvent('change');
  await expect(panel.getByText('Support today: Out of support')).toBeVisible();

  // Refreshing from the catalog changes nothing for dates already current, and says so.
  await page.getByRole('button', { name: 'Refresh matched dates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'took the catalog' })).toContainText('0 technologies took');
});

test('the catalog is precached: after one visit it is searched offline', async ({ page, context }) => {
  await openApp(page, '/#/landscape/technologies');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The service worker has the whole version once it is active; wait for the catalog in its cache.
  await expect.poll(() => page.evaluate(async () => {
    for (const name of await caches.keys()) {
      if (await (await caches.open(name)).match('public/endoflife/products.json')) return true;
    }
    return false;
  }), { timeout: 30_000 }).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole('table', { name: 'Technologies' }).getByRole('button', { name: 'MySQL' }).first().click();
    await page.getByLabel('Search the end-of-life catalog').fill('rhel 9');
    await expect(page.getByRole('list', { name: 'Catalog releases' }).getByRole('button').first()).toHaveText('Use Red Hat Enterprise Linux 9');
  } finally {
    await context.setOffline(false);
  }
});

test('the TIME chart places the applications by fit; a cell lists its applications by keyboard', async ({ page }) => {
  await openApp(page, '/#/landscape');
  const cells = page.getByRole('group', { name: /^TIME chart cells/ });
  await expect(cells.getByRole('button')).toHaveCount(16);
  const ecc = cells.getByRole('button', { name: /^Functional fit 3, technical fit 1 \(Migrate\): \d+ applications?/ });
  await ecc.click();
  const listed = page.getByRole('region', { name: /^Functional fit 3, technical fit 1/ });
  await expect(listed.getByRole('listitem').filter({ hasText: /^SAP ECC 6\.0$/ })).toBeVisible();
  // Keyboard: from the selected cell, the right arrow moves to technical fit 2.
  await ecc.press('ArrowRight');
  await expect(cells.getByRole('button', { name: /^Functional fit 3, technical fit 2/ })).toBeFocused();
  await expect(page.getByRole('heading', { name: /^Functional fit 3, technical fit 2/ })).toBeVisible();
  await expect(page.getByText(/^Not assessed: \d+$/)).toBeVisible();
});

test('the landscape downloads as spreadsheets: applications, technologies and links in one zip', async ({ page }) => {
  await openApp(page, '/#/landscape/applications');
  const { name, text } = await downloadText(page, () => page.getByRole('button', { name: 'Export the landscape (CSV)' }).click());
  expect(name).toMatch(/-landscape\.zip$/);
  expect(text.startsWith('PK')).toBe(true);
  for (const file of ['applications.csv', 'technologies.csv', 'application-links.csv']) expect(text).toContain(file);
});

/** Chooses a CSV file with a landscape list's import button. */
async function importCsv(page, name, text) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import from a spreadsheet (CSV)…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  return page.getByRole('dialog', { name: `Import a spreadsheet: ${name}` });
}

const SERVICENOW = [
  'Number,Name,Short description,Application type,Install type,Vendor,Business owner,IT application owner,Business criticality,Life cycle stage,Contract end date,Planned disposition,Target application',
  'APM0001001,Fleet Telematics Hub,Vehicle positions,COTS,Cloud,Samsara,Head of Fleet,Fleet IT,1 - most critical,Operational,2027-06-30 00:00:00,Invest,',
  'APM0001002,Legacy Dispatch <script>alert(1)</script>,Green screen,Custom,On-premise,,Head of Ops,Ops IT,2 - somewhat critical,Retiring,,Retire,Fleet Telematics Hub',
  'APM0001003,Salesforce Sales Cloud,CRM,SaaS,Cloud,Salesforce,CCO,CRM team,2 - somewhat critical,Operational,2028-03-31,Invest,',
].join('\r\n');

test('a ServiceNow export imports through the preview: columns recognised, a duplicate skipped, one undo step', async ({ page }) => {
  await openApp(page, '/#/landscape/applications');
  const list = page.getByRole('table', { name: 'Applications' });
  const search = page.getByLabel('Search applications');
  const dialog = await importCsv(page, 'cmdb_ci_business_app.csv', SERVICENOW);
  await expect(dialog.getByLabel('This file holds')).toHaveValue('applications.csv');
  await expect(dialog.getByLabel('Import column “IT application owner” as')).toHaveValue('IT owner');
  await expect(dialog.getByLabel('Import column “Life cycle stage” as')).toHaveValue('Lifecycle stage');
  await expect(dialog.getByLabel('Import column “Target application” as')).toHaveValue('Successor');
  await expect(dialog).toContainText('2 applications added, 1 updated, 0 unchanged');
  await expect(dialog).toContainText('names the phase an application is in, not when it began');
  // The duplicate by name: update (the default) or skip, and the preview follows.
  const duplicates = dialog.getByRole('group', { name: /1 row names one of the roadmap's applications by its name/ });
  await expect(duplicates.getByLabel('Update them with the file\'s values')).toBeChecked();
  await duplicates.getByLabel('Skip those rows and keep the roadmap\'s').check();
  await expect(dialog).toContainText('2 applications added, 0 updated, 0 unchanged, 1 duplicate skipped');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Imported applications from "cmdb_ci_business_app.csv"' })).toBeVisible();
  await search.fill('Dispatch');
  // The name is text, never markup.
  await expect(list.getByRole('button', { name: 'Legacy Dispatch <script>alert(1)</script>' })).toBeVisible();
  await search.fill('Fleet Telematics Hub');
  await expect(list.getByRole('button', { name: 'Fleet Telematics Hub' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('button', { name: 'Fleet Telematics Hub' })).toHaveCount(0);
});

test('a landscape file with row errors names each row and column and cannot be imported', async ({ page }) => {
  await openApp(page, '/#/landscape/technologies');
  const dialog = await importCsv(page, 'application-links.csv',
    'Application,Link,To,Fit\r\nSAP ECC 6.0,supports capability,Nowhere,2\r\nSAP ECC 6.0,supports capability,Customer relationship management,7\r\n');
  await expect(dialog.getByLabel('This file holds')).toHaveValue('application-links.csv');
  await expect(dialog).toContainText('2 problems to fix before importing');
  await expect(dialog).toContainText('row 2: To "Nowhere" is not a capability in this roadmap');
  await expect(dialog).toContainText('row 3: Fit "7" is not a fit from 1 (poor) to 4 (excellent)');
  await expect(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
});

test('the lifecycle roadmap shows each application as phases over time, grouped, with the initiatives that change it', async ({ page }) => {
  await openApp(page, '/#/landscape');
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: 'Lifecycle roadmap' }).click();
  await expect(page).toHaveURL(/#\/landscape\/lifecycle$/);
  await expect(page.getByRole('heading', { name: 'Lifecycle roadmap' })).toBeVisible();
  // The phases are named in the legend, not only coloured.
  const legend = page.getByRole('list', { name: 'Lifecycle phases and markers' });
  for (const phase of ['Plan', 'Phase-in', 'Active', 'Phase-out', 'End of life', 'Retired by an initiative']) await expect(legend).toContainText(phase);

  // By capability (the default): the ERP's group with its count, the old ERP retired by the
  // ERP upgrade and followed by S/4HANA, described in words on its name's button.
  await expect(page.getByRole('heading', { name: /^Enterprise resource planning — \d+ applications?$/ })).toBeVisible();
  const ecc = page.getByRole('button', { name: 'SAP ECC 6.0' }).first();
  await expect(ecc).toBeVisible();
  await expect(ecc).toHaveAccessibleDescription(/Phase-out .*End of life from .* Retired by ERP upgrade to the cloud edition in .* Successor: SAP S\/4HANA Cloud\./);
  await expect(page.getByText('ERP upgrade to the cloud edition').first()).toBeVisible();
  await expect(page.getByText('→ SAP S/4HANA Cloud').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'SAP S/4HANA Cloud' }).first()).toHaveAccessibleDescription(/Introduced by ERP upgrade to the cloud edition/);

  // Grouped by business owner and by disposition: each with its headers and counts, and the
  // applications without one last.
  await page.getByLabel('Group by').selectOption('Business owner');
  await expect(page.getByRole('heading', { name: /^.+ — \d+ applications?$/ }).first()).toBeVisible();
  await page.getByLabel('Search applications').fill('Skills database');
  await expect(page.getByRole('heading', { name: /^No owner — 1 application$/ })).toBeVisible();
  await page.getByLabel('Search applications').fill('');
  await page.getByLabel('Group by').selectOption('Disposition');
  await expect(page.getByRole('heading', { name: /^Migrate — \d+ applications$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Not assessed — \d+ applications$/ })).toBeVisible();

  // Search narrows the rows; a name opens the application's panel.
  await page.getByLabel('Search applications').fill('ECC');
  await expect(page.getByRole('button', { name: 'SAP ECC 6.0' })).toHaveCount(1);
  await expect(page.getByText(/^Showing 1–1 of 1 application rows$/)).toBeVisible();
  await page.getByRole('button', { name: 'SAP ECC 6.0' }).click();
  await expect(page.getByRole('heading', { name: 'SAP ECC 6.0', level: 3 })).toBeFocused();

  // The chosen month's line is labelled.
  const month = page.getByLabel('Line at');
  await month.fill('2027-06');
  await month.dispatchEvent('change');
  await expect(page.getByText('Jun 2027', { exact: true })).toBeVisible();
});

test('the lifecycle roadmap pages 5,000 applications 50 rows at a time', async ({ page }) => {
  await openApp(page, '/#/debug/landscape/5000');
  await expect(page.getByRole('table', { name: 'Applications' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: 'Lifecycle roadmap' }).click();
  const names = page.locator('button.lc-name');
  await expect(names).toHaveCount(50, { timeout: 60_000 });
  await expect(page.getByText(/^Showing 1–50 of [\d,]+ application rows$/)).toBeVisible();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText(/^Showing 51–100 of /)).toBeVisible();
  await expect(names).toHaveCount(50);
});

test('the landscape map exports as a 1920 × 1080 slide at the chosen month and colouring, kept while visiting other tabs', async ({ page }) => {
  await openApp(page, '/#/landscape');
  await page.getByLabel('Landscape at').fill('2028-06');
  await page.getByLabel('Landscape at').dispatchEvent('change');
  await page.getByLabel('Colour by').selectOption({ label: 'Disposition' });
  // Another tab and back: the month and the colouring are as they were.
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: /^Applications/ }).click();
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: 'Landscape map' }).click();
  await expect(page.getByLabel('Landscape at')).toHaveValue('2028-06');
  await expect(page.getByLabel('Colour by')).toHaveValue('Disposition');

  const svg = await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click());
  expect(svg.name).toMatch(/-landscape-2028-06\.svg$/);
  const parsed = await parseSvg(page, svg.text);
  expect(parsed.error).toBe(false);
  expect(parsed.width).toBe('1920');
  expect(parsed.text).toContain('Nordhaven Logistics');
  expect(parsed.text).toContain('Jun 2028');
  expect(parsed.text).toContain('coloured by disposition');
  expect(parsed.text).toContain('SAP S/4HANA Cloud');
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/-landscape-2028-06\.png$/);
});

test('a capability with many applications names a few; "+N more" draws the rest when opened', async ({ page }) => {
  await openApp(page, '/#/debug/landscape/1500');
  await expect(page.getByRole('table', { name: 'Applications', exact: true })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('navigation', { name: 'Landscape parts' }).getByRole('link', { name: 'Landscape map' }).click();
  const map = page.getByRole('table', { name: 'Applications per capability' });
  const row = map.getByRole('row').filter({ has: page.getByText(/^\+\d+ more$/) }).first();
  const more = row.getByText(/^\+\d+ more$/);
  await expect(more).toBeVisible();
  const rest = Number((await more.textContent()).match(/\d+/)[0]);
  const running = Number((await row.getByRole('cell').nth(1).textContent()).replace(/\D/g, ''));
  expect(running).toBeGreaterThan(rest);
  // Only the first few are drawn until asked for: the rest are not in the page yet.
  const chips = row.locator('.chip');
  await expect(chips).toHaveCount(running - rest);
  await more.click();
  await expect(chips).toHaveCount(running);
  await expect(chips.last()).toBeVisible();
  // Closed and opened again: still all there.
  await more.click();
  await more.click();
  await expect(chips).toHaveCount(running);
});

test('a large landscape is autosaved and opened again in steps, saying so while it opens, the edit kept', async ({ page }) => {
  // 1,500 generated applications and 6,000 technologies: above the sizes from which saving
  // and opening go in steps (src/state.rs), through the codec's chunk in the release build.
  await openApp(page, '/#/debug/landscape/1500');
  const table = page.getByRole('table', { name: 'Applications', exact: true });
  await expect(table).toBeVisible({ timeout: 60_000 });
  // The generated roadmap's first save waits for the codec (src/codec.rs): with it here, the
  // edit's save goes in steps (an edit made before would be saved at once when it comes).
  const status = page.getByRole('banner').getByRole('status');
  await expect(status).toHaveText('All changes saved', { timeout: 30_000 });
  const first = table.getByRole('row').nth(1).getByRole('button').first();
  const name = await first.textContent();
  await first.click();
  const cost = page.getByRole('complementary').getByLabel('Run cost per year');
  await cost.fill('123457');
  await cost.dispatchEvent('change');
  await expect(status).toHaveText('Saving…');
  await expect(status).toHaveText('All changes saved', { timeout: 30_000 });
  // Stored in parts (each written in its own step), the head naming them written last; the
  // parts of the value it replaced go after (one a step).
  await expect.poll(() => storedParts(page)).toEqual({ head: true, matching: true });

  // Whether the page said it was opening the roadmap (the notice may be up only briefly).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('.notices')?.textContent.includes('takes a moment to read')) {
        window.__saidOpening = true;
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('takes a moment to read')).toHaveCount(0, { timeout: 30_000 });
  expect(await page.evaluate(() => window.__saidOpening)).toBe(true);
  await table.getByRole('button', { name, exact: true }).first().click();
  await expect(page.getByRole('complementary').getByLabel('Run cost per year')).toHaveValue('123457');
  await expect(status).toHaveText('All changes saved');
});

/** Whether the open roadmap is stored as a head of parts, and whether the parts in storage
 *  are exactly the ones it names (the demo the page opened with is stored too, whole). */
async function storedParts(page) {
  return page.evaluate(() => {
    const keys = Object.keys(localStorage);
    const id = JSON.parse(localStorage.getItem('cairn.index') ?? '{}').current;
    const m = id && (localStorage.getItem(`cairn.roadmap.${id}`) ?? '').match(/^cairn:p1:(\d+):([a-z0-9]+):(\d+)$/);
    if (!m) return { head: false };
    const named = Array.from({ length: Number(m[3]) }, (_, n) => `cairn.parts.${id}.${m[1]}.${m[2]}.${n}`).sort();
    const stored = keys.filter((k) => k.startsWith('cairn.parts.')).sort();
    return { head: true, matching: Number(m[3]) > 1 && JSON.stringify(named) === JSON.stringify(stored) };
  });
}

test('two tabs on a large landscape stored in parts: an edit in one reaches the other', async ({ page, context }) => {
  await openApp(page, '/#/debug/landscape/1500');
  const table = (p) => p.getByRole('table', { name: 'Applications', exact: true });
  await expect(table(page)).toBeVisible({ timeout: 60_000 });
  const status = (p) => p.getByRole('banner').getByRole('status');
  await expect(status(page)).toHaveText('All changes saved', { timeout: 30_000 });
  const name = await table(page).getByRole('row').nth(1).getByRole('button').first().textContent();
  const setCost = async (p, value) => {
    await table(p).getByRole('button', { name, exact: true }).first().click();
    const cost = p.getByRole('complementary').getByLabel('Run cost per year');
    await cost.fill(value);
    await cost.dispatchEvent('change');
    await expect(status(p)).toHaveText('All changes saved', { timeout: 30_000 });
  };
  await setCost(page, '111111');
  await expect.poll(() => storedParts(page)).toEqual({ head: true, matching: true });

  // The second tab opens the same roadmap from its parts.
  const other = await context.newPage();
  await openApp(other, '/#/landscape/applications');
  await expect(table(other)).toBeVisible({ timeout: 60_000 });
  await expect(other.getByText('takes a moment to read')).toHaveCount(0, { timeout: 30_000 });
  await table(other).getByRole('button', { name, exact: true }).first().click();
  await expect(other.getByRole('complementary').getByLabel('Run cost per year')).toHaveValue('111111');

  // An edit in the first reaches the second, read from the new parts.
  await setCost(page, '222222');
  await expect(other.getByRole('status').filter({ hasText: 'Updated with changes made in another tab' })).toBeVisible({ timeout: 30_000 });
  await table(other).getByRole('button', { name, exact: true }).first().click();
  await expect(other.getByRole('complementary').getByLabel('Run cost per year')).toHaveValue('222222');
  // And back: the second tab's edit is saved over the first's (it had read it), in parts.
  await setCost(other, '333333');
  await expect(page.getByRole('status').filter({ hasText: 'Updated with changes made in another tab' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => storedParts(page)).toEqual({ head: true, matching: true });
});
