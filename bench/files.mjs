// Import and share measurements on the release build in headless Chromium (run through
// `bench/run`, or `node bench/files.mjs` after a release build): the ArchiMate import of the
// largest fixture (NBility, Archi CSV, 215 capabilities) through the page, from the file
// input's change event until the report dialog is open, and the demo's share-link length.
// Figures are reported, never asserted.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import { startServer } from '../scripts/serve.mjs';

const RUNS = 7;
const FIXTURES = process.env.CAIRN_FIXTURES || 'tests/fixtures/archimate/';
const server = await startServer({ dir: process.env.CAIRN_DIST || 'dist' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('navigation', { name: 'Views' }).waitFor();

  const files = ['elements', 'relations', 'properties'].map((k) => {
    const name = `nbility-en-${k}.csv`;
    return { name, bytes: [...fs.readFileSync(`${FIXTURES}${name}`)] };
  });
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(await page.evaluate((files) => new Promise((resolve) => {
      const input = document.querySelector('input[type=file][multiple]');
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'text/csv' }));
      input.files = dt.files;
      const t0 = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const done = () => {
        const open = [...document.querySelectorAll('dialog[open]')].find((d) => d.textContent.includes('is open as a new roadmap'));
        if (open) {
          const t = performance.now() - t0;
          open.querySelector('button.primary').click();
          resolve(t);
        } else requestAnimationFrame(done);
      };
      done();
    }), files));
    await page.waitForTimeout(300);
  }
  console.log(`\nArchiMate import of NBility (Archi CSV, 3 files, ${Math.round(bytes / 1024)} KB, 215 capabilities), file input change → report open: ` +
    `median ${median(times).toFixed(0)} ms of ${RUNS} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);

  // The demo's share link.
  const fresh = await browser.newContext();
  const demo = await fresh.newPage();
  await demo.goto(`${server.url}/`);
  await demo.getByRole('button', { name: /^Roadmaps/ }).click();
  await demo.getByRole('button', { name: 'Share as link…' }).click();
  const link = await demo.getByLabel(/^Link to “/).inputValue();
  const fragment = link.slice(link.indexOf('#'));
  console.log(`demo share link: fragment ${fragment.length} characters; with this server's address ${link.length} characters`);
  await fresh.close();
} finally {
  await browser.close();
  await server.close();
}
