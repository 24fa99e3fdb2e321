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
const TEXT_KEYS = new Set(['name', 'description', 'owner', 'sponsor', 'theme', 'area', 'unit', 'vendors', 'compliance']);

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

test('the XSS corpus in every text field runs nothing in any view, panel or export', async ({ page }) => {
  test.setTimeout(180_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
  page.on('dialog', async (d) => { await page.evaluate(() => { window.__xss = true; }); await d.dismiss(); });
  await openApp(page, '/');
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  const demo = JSON.parse((await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click())).text);
  const file = hostile(demo);
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  await page.getByLabel('Import from file…').setInputFiles({ name: 'hostile.cairn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await assertInert(page, 'after the import');

  // Every list of the editor, every item's panel.
  for (const [tab, table] of [['initiatives', 'Initiatives'], ['goals', 'Business goals'], ['capabilities', 'Capability map']]) {
    await page.goto(`/#/roadmap/${tab}`);
    const rows = page.getByRole('table', { name: table }).getByRole('row');
    const n = await rows.count();
    for (let k = 1; k < n; k++) {
      const open = rows.nth(k).getByRole('button').first();
      if (await open.count()) await open.click();
    }
    await assertInert(page, `in the ${tab} editor`);
  }
  // The pictures, their panels, tables and exports.
  await page.goto('/#/heatmap');
  const tiles = page.getByRole('group', { name: /^Capabilities/ }).getByRole('button');
  for (let k = 0; k < Math.min(await tiles.count(), 12); k++) await tiles.nth(k).dispatchEvent('click');
  await page.getByRole('button', { name: 'Show as table' }).click();
  await assertInert(page, 'on the heatmap');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the heatmap SVG');
  await page.getByRole('button', { name: 'Export PNG' }).click();

  await page.goto('/#/timeline');
  for (const lanes of ['Goal', 'Owner', 'Vendor']) {
    await page.getByLabel('Lanes by').selectOption({ label: lanes });
    await assertInert(page, `on the timeline by ${lanes}`);
  }
  const bars = page.getByRole('group', { name: /^Initiatives on the timeline/ }).getByRole('button', { name: / to \d{4}-\d{2}, / });
  await bars.first().focus();
  await page.keyboard.press('Enter');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the timeline SVG');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  await page.getByRole('button', { name: 'Show as table' }).click();
  await assertInert(page, 'on the timeline');

  // Deciding: the ranking and each initiative's scoring panel, the criteria, the chart's
  // export, the optimiser's explanation, a scenario named like a payload and its comparison.
  await page.goto('/#/decide/scoring');
  await page.getByText('Criteria and weights').click();
  const ranked = page.getByRole('region', { name: 'Ranking' }).getByRole('listitem').getByRole('button');
  for (let k = 0; k < Math.min(await ranked.count(), 8); k++) await ranked.nth(k).click();
  await assertInert(page, 'on the scoring page');
  await assertInertSvg(page, (await downloadText(page, () => page.getByRole('button', { name: 'Export SVG' }).click())).text, 'the value-vs-effort SVG');
  await page.goto('/#/decide/optimise');
  await page.getByRole('button', { name: 'Optimise', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Funded initiatives' }).or(page.getByRole('alert'))).toBeVisible({ timeout: 30_000 });
  await assertInert(page, 'on the optimiser');
  await page.goto('/#/decide/scenarios');
  await page.getByLabel('New scenario name').fill(PAYLOADS[0]);
  await page.getByRole('button', { name: 'Save as scenario' }).click();
  await expect(page.getByRole('table', { name: 'Scenarios' })).toBeVisible();
  await assertInert(page, 'on the scenarios');

  for (const view of ['#/portfolio', '#/settings']) {
    await page.goto(`/${view}`);
    await assertInert(page, `on ${view}`);
  }
  await page.getByRole('button', { name: 'Roadmaps' }).click();
  const again = await downloadText(page, () => page.getByRole('button', { name: 'Export to file' }).click());
  expect(JSON.parse(again.text).roadmap.name).toBe(file.roadmap.name);
  await page.waitForTimeout(300);
  await assertInert(page, 'at the end');
});
