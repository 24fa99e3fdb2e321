// Opens the release build in headless Chromium and prints the in-browser measurements
// (`#/debug/bench`) plus the time to first render of the demo. Run through `bench/run`.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import { startServer } from '../scripts/serve.mjs';

const RUNS = 5;
const server = await startServer({ dir: 'dist' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  // Time to first render: a fresh context (empty storage, so the demo is created) each run.
  // With BASELINE=dir (bench/baseline builds the commit before the split into
  // target/baseline-dist), the same measurement of that build, in the same run, alternating.
  const baselineDir = process.env.BASELINE || 'target/baseline-dist';
  const baseline = fs.existsSync(`${baselineDir}/index.html`) ? await startServer({ dir: baselineDir }) : null;
  // `link`: the network the page loads over (Chromium's emulation through the DevTools
  // protocol); none is this machine's loopback.
  const firstRenderOf = async (url, link) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (link) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...link });
    }
    // The moment the table is in the page, noted by the page itself (not when this script
    // notices it: what the page does next, like fetching the codec, must not count). This
    // script then waits on a promise the page resolves, not by polling the page: Playwright's
    // locator polling runs in the page and would slow the load it measures.
    await page.addInitScript(() => {
      window.__tableShown = new Promise((resolve) => {
        new MutationObserver((_, observer) => {
          if ([...document.querySelectorAll('table > caption')].some((c) => c.textContent.trim() === 'Initiatives')) {
            window.__tableAt = performance.now();
            observer.disconnect();
            resolve(window.__tableAt);
          }
        }).observe(document, { subtree: true, childList: true });
      });
    });
    await page.goto(`${url}/`);
    await page.evaluate(() => window.__tableShown);
    await page.getByRole('navigation', { name: 'Views' }).waitFor();
    await page.getByRole('table', { name: 'Initiatives' }).waitFor();
    const ms = await page.evaluate(() => window.__tableAt ?? performance.now());
    await context.close();
    return ms;
  };
  const firstRender = [];
  const baselineRender = [];
  for (let i = 0; i < RUNS; i++) {
    firstRender.push(await firstRenderOf(server.url));
    if (baseline) baselineRender.push(await firstRenderOf(baseline.url));
  }
  // The same over the hotel Wi-Fi (10 Mbit/s down, 40 ms round trip), the files
  // gzipped as a static host sends them.
  const HOTEL_WIFI = { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };
  const zipped = await startServer({ dir: 'dist', gzip: true });
  const zippedBaseline = baseline ? await startServer({ dir: baselineDir, gzip: true }) : null;
  const slowRender = [];
  const slowBaselineRender = [];
  for (let i = 0; i < RUNS; i++) {
    slowRender.push(await firstRenderOf(zipped.url, HOTEL_WIFI));
    if (zippedBaseline) slowBaselineRender.push(await firstRenderOf(zippedBaseline.url, HOTEL_WIFI));
  }
  await zipped.close();
  if (zippedBaseline) await zippedBaseline.close();
  if (baseline) await baseline.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#/debug/bench`);
  const table = page.getByRole('table', { name: 'Storage benchmark' });
  await table.waitFor({ timeout: 120_000 });
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${await browser.version()} headless`);
  console.log(`\nfirst render of the demo (fresh storage, until the initiative table shows): median ${median(firstRender).toFixed(0)} ms of ${RUNS}`);
  if (baseline) {
    const [now, before] = [median(firstRender), median(baselineRender)];
    console.log(`  the build before the split (${baselineDir}), same run: median ${before.toFixed(0)} ms of ${RUNS} (${(before / now).toFixed(1)}x the time)`);
  }
  console.log(`over hotel Wi-Fi (10 Mbit/s, 40 ms round trip, gzip): median ${median(slowRender).toFixed(0)} ms of ${RUNS}`);
  if (baseline) {
    const [now, before] = [median(slowRender), median(slowBaselineRender)];
    console.log(`  the build before the split, same link, same run: median ${before.toFixed(0)} ms of ${RUNS} (${(before / now).toFixed(1)}x the time)`);
  }
  console.log('\n| roadmap | initiatives | save ms | load ms | stored (thousand characters) | share of quota |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);

  // The landscape at the enterprise size (5,000 applications, 20,000 technologies,
  // 100,000 links) and twice that: the work behind a date or metric change on the map, the
  // Applications list, and storage.
  const landscapeRows = await page.getByRole('table', { name: 'Landscape benchmark' }).locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  console.log('\n| landscape | applications | technologies | links | map at a month ms | applications list ms | save ms | load ms | stored (thousand characters) | share of quota |\n|---|---|---|---|---|---|---|---|---|---|');
  for (const r of landscapeRows) console.log(`| ${r.join(' | ')} |`);

  // An edit with 2,000 initiatives: from the change event to the next frame (the repaint).
  await page.goto(`${server.url}/#/debug/generate/2000`);
  await page.getByRole('table', { name: 'Initiatives' }).waitFor();
  await page.getByRole('table', { name: 'Initiatives' }).getByRole('row').nth(1).getByRole('button').click();
  const field = page.getByRole('complementary').getByLabel('Name', { exact: true });
  const frames = [];
  for (let i = 0; i < 9; i++) {
    frames.push(await field.evaluate((el, n) => new Promise((resolve) => {
      const t0 = performance.now();
      el.value = `Renamed ${n}`;
      el.dispatchEvent(new Event('change', { bubbles: true }));
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }), i));
    await page.waitForTimeout(400); // let the autosave run between edits
  }
  console.log(`\nedit repainted (change → next frame), 2,000 initiatives: median ${median(frames).toFixed(1)} ms of ${frames.length} (budget 16 ms)`);


  // Heatmap with the generated roadmap (300 capabilities, 2,000 initiatives): a metric change
  // and a date change, each from the input event to the next frame.
  await page.goto(`${server.url}/#/heatmap`);
  await page.getByRole('group', { name: /^Capabilities/ }).waitFor();
  const tileCount = await page.getByRole('group', { name: /^Capabilities/ }).getByRole('button').count();
  const timeChange = (locator, values) => locator.evaluate((el, vals) => new Promise((resolve) => {
    const times = [];
    const step = (n) => {
      if (n === vals.length) return resolve(times);
      const t0 = performance.now();
      el.value = vals[n];
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      requestAnimationFrame(() => { times.push(performance.now() - t0); setTimeout(() => step(n + 1), 50); });
    };
    step(0);
  }), values);
  // The work of a change, without waiting for the display's next frame: from the input
  // event through the app's effects to style and layout forced at once.
  const timeWork = (locator, values) => locator.evaluate(async (el, vals) => {
    const times = [];
    for (const v of vals) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      el.value = v;
      el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      for (let i = 0; i < 20; i++) await Promise.resolve();
      document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    return times;
  }, values);
  const metrics = ['current', 'gap', 'investment', 'risk', 'at-date', 'importance', 'initiatives', 'target', 'gap'];
  const dates = ['0', '3', '6', '9', '12', '2', '5', '8', '11'];
  const metricTimes = await timeChange(page.getByLabel('Colour by'), metrics);
  const dateTimes = await timeChange(page.getByRole('slider', { name: 'Date' }), dates);
  const metricWork = await timeWork(page.getByLabel('Colour by'), metrics);
  const dateWork = await timeWork(page.getByRole('slider', { name: 'Date' }), dates);
  console.log(`\nheatmap, ${tileCount} capabilities, 2,000 initiatives (budget 16 ms):`);
  console.log(`  metric change: work ${median(metricWork).toFixed(1)} ms, to the next frame ${median(metricTimes).toFixed(1)} ms (medians)`);
  console.log(`  date change:   work ${median(dateWork).toFixed(1)} ms, to the next frame ${median(dateTimes).toFixed(1)} ms (medians)`);
} finally {
  await browser.close();
  await server.close();
}
