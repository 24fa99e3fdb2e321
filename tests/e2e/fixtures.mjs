// Shared fixtures: a static server for dist/ per worker, and a check that no page logged an
// error (console error or uncaught exception) unless the test expects one.
import { test as base, expect } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, SUB_PATH } from '../../scripts/serve.mjs';

// CAIRN_DIST points the tests at another build (e.g. a debug build while developing).
const dist = process.env.CAIRN_DIST || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

export const test = base.extend({
  server: [async ({}, use) => {
    const server = await startServer({ dir: dist });
    await use(server);
    await server.close();
  }, { scope: 'worker' }],
  baseURL: async ({ server }, use) => use(`${server.url}/`),
  subPathURL: async ({ server }, use) => use(`${server.url}${SUB_PATH}`),
  // Errors seen on any page of the test; tests that provoke one clear it.
  pageErrors: [async ({ context }, use) => {
    const errors = [];
    const watch = (page) => {
      page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    // A Content-Security-Policy violation is an error too, whether or not the browser logs it.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    await use(errors);
    expect(errors, 'no console errors or uncaught exceptions').toEqual([]);
  }, { auto: true }],
});
export { expect };

/** Opens the app and waits until it has rendered its navigation. */
export async function openApp(page, url = '') {
  await page.goto(url);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  // A fresh visit saves its demo roadmap once the codec is loaded, just after the first
  // screen (src/codec.rs): what the tests find in storage starts from there.
  await expect(page.getByRole('banner').getByRole('status')).not.toHaveText('Saving…');
}

/** The text of a download triggered by `action`. */
export async function downloadText(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** An exported SVG as the browser reads it: whether it failed to parse, its text, its width. */
export async function parseSvg(page, text) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), text: doc.documentElement.textContent, width: doc.documentElement.getAttribute('width') };
  }, text);
}
