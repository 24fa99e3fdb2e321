// Landscape benchmark (issue 15): the enterprise landscape in the page — 5,000 applications,
// 20,000 technologies, 100,000 links (the generator, `#/debug/landscape/5000`) and twice that
// (`#/debug/landscape/10000`): opening each part of the Landscape view, an application edit,
// a date change on the map; a CSV import of 5,000 and 10,000 application rows. Each from the
// event to the next frame, timed in the page (opening a part: until that frame is painted;
// also with the driver's round trips). Reported, never asserted. Run through `bench/run` (it
// builds the release first); DIST=dir measures another build.
import { chromium } from '@playwright/test';
import { startServer } from '../scripts/serve.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const server = await startServer({ dir: process.env.DIST || 'dist' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
for (const applications of [5000, 10000]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#/debug/landscape/${applications}`);
  const appTable = page.getByRole('table', { name: 'Applications', exact: true });
  await appTable.waitFor({ timeout: 300_000 });
  const parts = page.getByRole('navigation', { name: 'Landscape parts' });
  // Opening a part: measured in the page (the link clicked → its table in the page → the
  // next frame drawn), as a person sees it; the same with the driver's round trips as well.
  const opening = {};
  const openingWithDriver = {};
  // Each part, and what shows it is drawn: a table's caption, or the lifecycle chart.
  // (The map's first screen is its headlines and capabilities; the cards under it are drawn
  // in the task after that screen is painted: timed as well, to their last table.)
  for (const [name, caption, label = name] of [
    ['Technologies', 'Technologies'],
    ['Landscape map', 'Applications per capability'],
    ['Lifecycle roadmap', '.lc-scroll svg'],
    ['Landscape map', 'Data quality', 'Landscape map, with the cards under its first screen'],
    ['Applications', 'Applications'],
  ]) {
    const times = [];
    const outer = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        await page.goBack();
        await page.waitForTimeout(300);
      }
      const t0 = Date.now();
      times.push(await page.evaluate(([name, caption]) => new Promise((resolve) => {
        const link = [...document.querySelectorAll('nav[aria-label="Landscape parts"] a')].find((a) => a.textContent.startsWith(name));
        const shown = () => caption.startsWith('.')
          ? document.querySelector(caption) !== null
          : [...document.querySelectorAll('table > caption')].some((c) => c.textContent === caption);
        const t = performance.now();
        // After the next frame's paint: a message posted from its animation callback.
        const done = () => requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now() - t);
          channel.port2.postMessage(0);
        });
        const observer = new MutationObserver(() => {
          if (shown()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        link.click();
      }), [name, caption]));
      outer.push(Date.now() - t0);
    }
    opening[label] = median(times);
    openingWithDriver[label] = median(outer);
  }
  const panelStart = Date.now();
  await appTable.getByRole('row').nth(1).getByRole('button').click();
  const appName = page.getByRole('complementary').getByLabel('Name', { exact: true });
  await appName.waitFor();
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const panelMs = Date.now() - panelStart;
  // Two edits: a field (the run cost: only that application is checked again) and a rename
  // (names meet other applications' "same name" checks and the changes' messages: the whole
  // roadmap is checked again).
  const frames = async (field, value) => {
    const out = [];
    for (let i = 0; i < 7; i++) {
      out.push(await field.evaluate((el, v) => new Promise((resolve) => {
        const t0 = performance.now();
        el.value = v;
        el.dispatchEvent(new Event('change', { bubbles: true }));
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }), value(i)));
      await page.waitForTimeout(400);
    }
    return out;
  };
  const costFrames = await frames(page.getByRole('complementary').getByLabel('Run cost per year'), (i) => String(100000 + i * 1000));
  const appFrames = await frames(appName, (i) => `Renamed application ${i}`);
  // Saving: the longest the page is held (the longest gap between two ticks of a task loop)
  // from the frame showing an edit until its autosave is written, the roadmap packed and
  // written in steps.
  // `what`: 'save' (an edit, then until "Saving…" is gone), 'open' (until the notice that
  // the roadmap is being opened is gone) or 'other' (until another tab's save is shown here).
  const costInput = page.getByRole('complementary').getByLabel('Run cost per year');
  const holdWhile = async (what) => (what === 'save' ? costInput : page.locator('body')).evaluate((el, what) => new Promise((resolve) => {
    const busy = {
      save: () => document.querySelector('.save-status').textContent.includes('Saving'),
      open: () => [...document.querySelectorAll('.notices p')].some((p) => p.textContent.includes('takes a moment to read')),
      other: () => ![...document.querySelectorAll('.notices p')].some((p) => p.textContent.includes('Updated with changes made in another tab')),
    }[what];
    const channel = new MessageChannel();
    let last = performance.now();
    let longest = 0;
    let before = 0;
    let gap = 0;
    const t0 = last;
    channel.port1.onmessage = () => {
      const now = performance.now();
      before = Math.max(before, gap);
      gap = now - last;
      longest = Math.max(longest, gap);
      last = now;
      // `before`: the longest hold before the last one, in which the work ended (and, for
      // opening, the view was drawn with the roadmap open: `gap`).
      if (now - t0 > 300 && !busy()) resolve({ longest, before, gap, ms: now - t0 });
      else if (now - t0 > 60_000) resolve({ longest, before, gap, ms: NaN });
      else channel.port2.postMessage(0);
    };
    if (what === 'save') {
      // The edit itself (its repaint is measured above) is not the save: the holds are
      // counted from the frame that shows it on.
      el.value = '123456';
      el.dispatchEvent(new Event('change', { bubbles: true }));
      requestAnimationFrame(() => {
        last = performance.now();
        channel.port2.postMessage(0);
      });
      return;
    }
    last = performance.now();
    channel.port2.postMessage(0);
  }), what);
  const save = await holdWhile('save');
  // Opening: the page reloaded, the stored roadmap read in steps; the longest hold from the
  // app's start until it is open.
  await page.goto('about:blank');
  await page.goto(`${server.url}/#/landscape/applications`);
  await page.waitForFunction(() => document.documentElement.dataset.cairnStarted === '1', null, { timeout: 120_000 });
  const open = await holdWhile('open');
  await appTable.waitFor({ timeout: 120_000 });
  // Another tab: it opens the roadmap, changes an application and saves it (in parts); this
  // one reads that save in steps. The longest hold here from before the edit there until the
  // change is shown here.
  const other = await context.newPage();
  await other.goto(`${server.url}/#/landscape/applications`);
  const otherTable = other.getByRole('table', { name: 'Applications', exact: true });
  await otherTable.waitFor({ timeout: 120_000 });
  await other.getByText('takes a moment to read').waitFor({ state: 'detached', timeout: 120_000 });
  await otherTable.getByRole('row').nth(1).getByRole('button').click();
  const otherCost = other.getByRole('complementary').getByLabel('Run cost per year');
  const fromOther = holdWhile('other');
  await otherCost.fill('654321');
  await otherCost.dispatchEvent('change');
  const taken = await fromOther;
  await other.close();
  await parts.getByRole('link', { name: 'Landscape map' }).click();
  const monthField = page.getByLabel('Landscape at');
  await monthField.waitFor();
  const dateFrames = await monthField.evaluate((el) => new Promise((resolve) => {
    const times = [];
    const months = ['2026-06', '2027-01', '2027-06', '2028-01', '2028-06', '2029-01', '2029-06'];
    const step = (n) => {
      if (n === months.length) return resolve(times);
      const t0 = performance.now();
      el.value = months[n];
      el.dispatchEvent(new Event('change', { bubbles: true }));
      requestAnimationFrame(() => { times.push(performance.now() - t0); setTimeout(() => step(n + 1), 50); });
    };
    step(0);
  }));
  const scale = applications / 5000;
  console.log(`\nlandscape in the page, ${scale}× enterprise (${applications.toLocaleString('en')} applications, ${(4 * applications).toLocaleString('en')} technologies, ${(20 * applications).toLocaleString('en')} links):`);
  for (const [name, ms] of Object.entries(opening)) console.log(`  opening ${name}: median ${ms.toFixed(0)} ms of 3 (click → drawn, in the page; budget 200 ms; ${openingWithDriver[name]} ms with the driver's round trips)`);
  console.log(`  opening an application's panel: ${panelMs} ms (click → drawn, incl. the driver)`);
  console.log(`  application field edit (run cost) repainted (change → next frame): median ${median(costFrames).toFixed(1)} ms of ${costFrames.length} (budget 16 ms)`);
  console.log(`  application rename repainted (change → next frame): median ${median(appFrames).toFixed(1)} ms of ${appFrames.length} (budget 16 ms)`);
  console.log(`  landscape map date change (change → next frame): median ${median(dateFrames).toFixed(1)} ms of ${dateFrames.length} (budget 50 ms of work)`);
  console.log(`  autosave after an edit (packed and written in steps, from the edit's frame on): written in ${save.ms.toFixed(0)} ms, the page held at most ${save.longest.toFixed(1)} ms at a time (budget one frame)`);
  console.log(`  another tab's save of it shown here (read and checked in steps): ${taken.ms.toFixed(0)} ms from before the edit there; the page held at most ${taken.before.toFixed(1)} ms at a time while reading and checking (budget one frame), then ${taken.gap.toFixed(1)} ms to show it`);
  console.log(`  opening it again after a reload (read and checked in steps): open in ${open.ms.toFixed(0)} ms after the app started; the page held at most ${open.before.toFixed(1)} ms at a time while reading and checking (budget one frame), then ${open.gap.toFixed(1)} ms to show it open (the view drawn with it: a view opening, budget 200 ms)`);
  await context.close();
}
// Importing applications from a spreadsheet: a ServiceNow-style export of N rows into the
// demo roadmap, file chosen → preview shown (read, columns recognised, every row checked),
// and Import → applied (one undo step) and the list drawn again.
const header = 'Number,Name,Short description,Application type,Install type,Vendor,Business owner,IT application owner,Business criticality,Life cycle stage,Contract end date,Planned disposition';
const TYPES = ['COTS', 'Custom', 'SaaS'];
const STAGES = ['Operational', 'Retiring', 'Planning'];
for (const rows of [5000, 10000]) {
  const lines = [header];
  for (let i = 1; i <= rows; i++) {
    lines.push(`APM${String(i).padStart(7, '0')},Imported application ${i},Line ${i},${TYPES[i % 3]},Cloud,Vendor ${i % 97},Owner ${i % 53},IT ${i % 41},${1 + (i % 4)} - critical,${STAGES[i % 3]},2028-06-30,Invest`);
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#/landscape/applications`);
  await page.getByRole('table', { name: 'Applications', exact: true }).waitFor({ timeout: 120_000 });
  const name = `servicenow-${rows}.csv`;
  const t0 = Date.now();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import from a spreadsheet (CSV)…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
  const dialog = page.getByRole('dialog', { name: `Import a spreadsheet: ${name}` });
  await dialog.getByText(/applications added/).waitFor({ timeout: 300_000 });
  const previewMs = Date.now() - t0;
  const t1 = Date.now();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Imported applications from "${name}"` }).waitFor({ timeout: 300_000 });
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const applyMs = Date.now() - t1;
  console.log(`\nCSV import of ${rows.toLocaleString('en')} application rows (ServiceNow columns) into the demo roadmap:`);
  console.log(`  file chosen → preview shown: ${previewMs} ms; Import → applied and drawn: ${applyMs} ms; in all ${previewMs + applyMs} ms (budget 2 s for 5,000; incl. the driver)`);
  await context.close();
}
await browser.close();
await server.close();
