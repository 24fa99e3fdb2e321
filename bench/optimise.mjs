// Optimiser time and optimality gap in the release build's wasm, in headless Chromium:
// generated roadmaps of 50, 300 and 2,000 initiatives with every budget envelope and the
// team capacity cut to 80% (`#/debug/optimise/N`, src/views/decide/bench.rs), optimised with
// the app's defaults (exact up to 300 initiatives; 500 branches per search beyond). Run
// through `bench/run` (or `node bench/optimise.mjs` after a release build). Figures are
// reported, never asserted.
import { chromium } from '@playwright/test';
import os from 'node:os';
import { startServer } from '../scripts/serve.mjs';

const sizes = (process.env.SIZES || '50,300,2000').split(',').map(Number);
const server = await startServer({ dir: process.env.CAIRN_DIST || 'dist' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  console.log(`\noptimiser in wasm (${os.cpus().length} × ${os.cpus()[0].model}; ${await browser.version()} headless):`);
  console.log('generated roadmaps, envelopes and capacity cut to 80%; exact up to 300 initiatives, 500 branches per search beyond');
  console.log('"longest step": the longest single step of a search run in slices — what the page would wait at worst when it runs the');
  console.log('search itself (the fallback); the Optimise view runs it in a Web Worker, so the page never waits\n');
  console.log('| initiatives | candidates | nodes | proven optimal | gap | main search ms (median) | with budget values ms | longest step ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const n of sizes) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/#/debug/optimise/${n}`);
    const table = page.getByRole('table', { name: 'Optimiser benchmark' });
    await table.waitFor({ timeout: 900_000 });
    const cells = await table.locator('tbody td').allTextContents();
    console.log(`| ${cells.join(' | ')} |`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
