// The release build runs under a strict Content-Security-Policy, and a violation of it fails
// a test (fixtures.mjs turns every `securitypolicyviolation` into a console error).
import { test, expect, openApp } from './fixtures.mjs';

test('the page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const header = response.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [header, meta]) {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  }
  expect(header).toContain("frame-ancestors 'none'");
  // And the app runs under it.
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
});

test('a script the policy does not allow is blocked and reported as a failure', async ({ page, pageErrors }) => {
  await openApp(page, '/');
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    const seen = new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
    document.body.append(s);
    await seen;
    return window.__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => pageErrors.some((e) => e.includes('CSP violation') && e.includes('script-src'))).toBe(true);
  // This test provoked the errors on purpose.
  pageErrors.length = 0;
});

// ---- XSS corpus --------------------------------------------------------------------------
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadText } from './fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAYLOADS = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/xss-payloads.json'), 'utf8'));
const TEXT_KEYS = new Set(['name', 'description', 'owner', 'sponsor', 'theme', 'area', 'unit', 'vendors', 'compliance',
  // The landscape's applications, interfaces and technologies.
  'vendor', 'business_owner', 'it_owner', 'tags', 'data', 'category', 'version']);

/** `roadmap` with a payload (round robin) in every text field. */
export function hostile(roadmap) {
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length];
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (TEXT_KEYS.has(k) && typeof x === 'string') v[k] = next();
      else if (TEXT_KEYS.has(k) && Array.isArray(x) && x.every((s) => typeof s === 'string')) v[k] = [next(), next()];
      else walk(x);
    }
  };
  walk(roadmap);
  return roadmap;
}

/** Fails if anything the payloads could inject is in the page or ran. */
async function assertInert(page, where) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const el of document.body.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'object', 'embed', 'img', 'math', 'foreignobject', 'base', 'meta', 'link', 'style', 'marquee', 'video', 'audio', 'template'].includes(tag)) bad.push(`<${tag}>`);
      for (const a of el.attributes) {
        if (a.name.startsWith('on')) bad.push(`${tag}[${a.name}]`);
        if (/^\s*javascript:/i.test(a.value) && a.name !== 'value' && a.name !== 'aria-label' && a.name !== 'title' && !a.name.startsWith('data-')) bad.push(`${tag}[${a.name}=${a.value}]`);
      }
    }
    return { bad, ran: window.__xss === true };
  });
  expect(found.bad, `injected markup ${where}`).toEqual([]);
  expect(found.ran, `a payload ran ${where}`).toBe(false);
}

/** `text` is an SVG with nothing that could run. */
async function assertInertSvg(page, text, what) {
  const r = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const bad = [];
    for (const el of doc.querySelectorAll('*')) {
      if (['script', 'foreignObject', 'iframe', 'a', 'animate', 'set', 'image'].includes(el.localName)) bad.push(el.localName);
      for (const a of el.attributes) if (a.name.startsWith('on') || /javascript:/i.test(a.value)) bad.push(a.name);
    }
    return { error: !!doc.querySelector('parsererror'), bad };
  }, text);
  expect(r.error, `${what} parses`).toBe(false);
  expect(r.bad, `${what} has no active content`).toEqual([]);
}

/** Opens every view, list, panel and section, and makes every export, checking that nothing
 * ran or was injected along the way. `readOnly`: a shared link's view (no edits, exports). */
async function tour(page, { readOnly = false } = {}) {
  const go = async (hash) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(150);
  };
  // Every list of the editor, every item's panel.
  for (const [tab, table] of [['initiatives', 'Initiatives'], ['goals', 'Business goals'], ['capabilities', 'Capability map']]) {
    await go(`#/roadmap/${tab}`);
    const rows = page.getByRole('table', { name: table }).getByRole('row');
    const n = await rows.count();
    for (let k = 1; k < n; k++) {
      const open = rows.nth(k).getByRole('button').first();
      if (await open.count()) await open.click();
    }
    await assertInert(page, `in the ${tab} editor`);
  }
  // The pictures, their panels, tables and exports.
  await go('#/heatmap');
  const tiles = page.getByRole('group', { name: /^Capabilities/ }).getByRole('button');
  for (let k = 0; k < Math.min(await tiles.count(), 12); k++) await tiles.nth(k).dispatchEvent('click');
  await page.getByRole('button', { name: 'Show as table' }).click();
  await assertInert(page, 'on the heatmap');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the heatmap SVG');
  // Awaited: a PNG is drawn asynchronously, and a late one would be taken for the next SVG.
  await downloadText(page, () => page.getByRole('button', { name: 'Export PNG' }).click());
  await page.getByRole('button', { name: 'Show as map' }).click();

  await go('#/timeline');
  for (const lanes of ['Goal', 'Owner', 'Vendor']) {
    await page.getByLabel('Lanes by').selectOption({ label: lanes });
    await assertInert(page, `on the timeline by ${lanes}`);
  }
  const bars = page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button', { name: / to \d{4}-\d{2}, / });
  await bars.first().focus();
  await page.keyboard.press('Enter');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the timeline SVG');
  // Awaited: a PNG is drawn asynchronously, and a late one would be taken for the next SVG.
  await downloadText(page, () => page.getByRole('button', { name: 'Export PNG' }).click());
  await page.getByRole('button', { name: 'Show as table' }).click();
  await assertInert(page, 'on the timeline');
  await page.getByRole('button', { name: 'Show as chart' }).click();

  // The landscape: both lists and a page of their panels, the map with its TIME chart.
  for (const [part, table] of [['applications', 'Applications'], ['technologies', 'Technologies']]) {
    await go(`#/landscape/${part}`);
    const rows = page.getByRole('table', { name: table }).getByRole('row');
    const n = Math.min(await rows.count(), 16);
    for (let k = 1; k < n; k++) {
      const open = rows.nth(k).getByRole('button').first();
      if (await open.count()) await open.click();
    }
    await assertInert(page, `in the landscape's ${part}`);
  }
  await go('#/landscape');
  await assertInert(page, 'on the landscape map');

  // Every portfolio section, its panels and exports.
  for (const section of ['summary', 'alignment', 'finance', 'vendors', 'risk', 'workforce']) {
    await go(`#/portfolio/${section}`);
    await assertInert(page, `on the portfolio's ${section}`);
    for (const name of ['Export SVG', 'Export PNG']) {
      const b = page.getByRole('button', { name, exact: true });
      for (let k = 0; k < await b.count(); k++) {
        if (name === 'Export SVG') await assertInertSvg(page, (await downloadText(page, () => b.nth(k).click())).text, `the ${section} SVG`);
        else await downloadText(page, () => b.nth(k).click());
      }
    }
  }
  // Any other view in the navigation (deciding, settings, …).
  const views = page.getByRole('navigation', { name: 'Views' }).getByRole('link');
  for (let k = 0; k < await views.count(); k++) {
    await views.nth(k).click();
    await page.waitForTimeout(200);
    await assertInert(page, `on ${await page.evaluate(() => location.hash)}`);
  }
  // Deciding: the ranking and each initiative's scoring panel, the criteria, the chart's
  // export, the optimiser's explanation, a scenario named like a payload and its comparison.
  await go('#/decide/scoring');
  await page.getByText('Criteria and weights').click();
  const ranked = page.getByRole('region', { name: 'Ranking' }).getByRole('listitem').getByRole('button');
  for (let k = 0; k < Math.min(await ranked.count(), 8); k++) await ranked.nth(k).click();
  await assertInert(page, 'on the scoring page');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the value-vs-effort SVG');
  await go('#/decide/optimise');
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Funded initiatives' }).or(page.getByRole('alert'))).toBeVisible({ timeout: 30_000 });
  await assertInert(page, 'on the optimiser');
  await go('#/decide/scenarios');
  if (!readOnly) {
    await page.getByLabel('New scenario name').fill(PAYLOADS[0]);
    await page.getByRole('button', { name: 'Save as scenario' }).click();
    await expect(page.getByRole('table', { name: 'Scenarios' })).toBeVisible();
  }
  await assertInert(page, 'on the scenarios');
  // The file exports.
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  await page.getByRole('button', { name: 'Export to file' }).click();
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  const xml = await downloadText(page, () => page.getByRole('button', { name: 'Export to ArchiMate (XML)' }).click());
  const doc = await page.evaluate((t) => { const d = new DOMParser().parseFromString(t, 'application/xml'); return { error: !!d.querySelector('parsererror'), scripts: d.getElementsByTagName('script').length }; }, xml.text);
  expect(doc).toEqual({ error: false, scripts: 0 });
  await page.waitForTimeout(300);
  await assertInert(page, 'at the end');
  if (!readOnly) expect(await page.evaluate(() => window.__xss === true)).toBe(false);
}

/** Imports the demo with the corpus in every text field as a new roadmap (the JSON path). */
async function importHostile(page) {
  await openApp(page, '/');
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  const demo = JSON.parse((await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click())).text);
  const file = hostile(demo);
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  await page.getByLabel('Import from file…').setInputFiles({ name: 'hostile.cairn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  return file;
}

const watchDialogs = (page) => page.on('dialog', async (d) => { await page.evaluate(() => { window.__xss = true; }); await d.dismiss(); });

test('the XSS corpus through the JSON file: nothing runs in any view, panel or export', async ({ page }) => {
  test.setTimeout(240_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
  watchDialogs(page);
  await importHostile(page);
  await assertInert(page, 'after the import');
  await tour(page);
});

test('the XSS corpus through ArchiMate: exported, imported, and toured', async ({ page }) => {
  test.setTimeout(240_000);
  watchDialogs(page);
  await importHostile(page);
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  const xml = await downloadText(page, () => page.getByRole('button', { name: 'Export to ArchiMate (XML)' }).click());
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import from ArchiMate…' }).click()]);
  await chooser.setFiles({ name: 'hostile.xml', mimeType: 'text/xml', buffer: Buffer.from(xml.text) });
  const report = page.getByRole('dialog', { name: 'ArchiMate import' });
  await expect(report).toBeVisible();
  await assertInert(page, 'in the ArchiMate report');
  await report.getByRole('button', { name: 'OK' }).click();
  await tour(page);
});

test('the XSS corpus through spreadsheets: CSV tables imported with their preview, then toured', async ({ page }) => {
  test.setTimeout(240_000);
  watchDialogs(page);
  await importHostile(page);
  // The hostile roadmap's tables, as the app exports them…
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  await page.getByRole('button', { name: 'Export spreadsheets (CSV)…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export spreadsheets (CSV)' });
  const tables = {};
  for (const f of ['goals.csv', 'capabilities.csv', 'initiatives.csv']) {
    const [d] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: `Download ${f}` }).click()]);
    tables[f] = Buffer.concat(await (await d.createReadStream()).toArray());
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  // …imported into the demo, each through its preview.
  await page.getByLabel('Open roadmap').selectOption({ index: 0 });
  for (const [f, bytes] of Object.entries(tables)) {
    await page.getByRole('button', { name: /^Roadmaps/ }).click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import a spreadsheet (CSV)…' }).click()]);
    await chooser.setFiles({ name: f, mimeType: 'text/csv', buffer: bytes });
    const preview = page.getByRole('dialog', { name: `Import a spreadsheet: ${f}` });
    await expect(preview).toBeVisible();
    await assertInert(page, `in the preview of ${f}`);
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(preview).toBeHidden();
  }
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(PAYLOADS[0]);
  await tour(page);
});

test('the XSS corpus through a share link: opened read-only and toured', async ({ page }) => {
  test.setTimeout(240_000);
  watchDialogs(page);
  await importHostile(page);
  await page.getByRole('button', { name: /^Roadmaps/ }).click();
  await page.getByRole('button', { name: 'Share as link…' }).click();
  const share = page.getByRole('dialog', { name: 'Share as link' });
  const link = await share.getByRole('textbox').first().inputValue();
  expect(link).toContain('#share=');
  await page.goto(link);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Save a copy' })).toBeVisible();
  await assertInert(page, 'on opening the link');
  await tour(page, { readOnly: true });
});
