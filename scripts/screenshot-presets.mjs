// The preset pictures of docs/experiments.md: run each preset in headless Chromium on the CPU backend and
// screenshot its result (default size, except PRESET_QUICK ids, run at the quick size).
//   LAB_DIST=dist node scripts/screenshot-presets.mjs [ids…]
// Without ids, every card of the page's gallery, in its order (28 cards: about 50 minutes here). Prints each
// card's time in the tab, the backend badge (which CPU worker trained: "2 threads" where the threaded one
// did) and the figures of its result table (those in its picture). Served with the cross-origin isolation
// headers a host sends (docs/hosting.md; the service worker adds them where a host cannot), so the CPU
// trains on the threaded worker, as a visitor's does, where the site was built with it (`make dist`).
import { serve, launch, byId, ready, ISOLATION } from '../tests/e2e/harness.mjs';

const QUICK = (process.env.PRESET_QUICK ?? 'b2,e2').split(',');
const server = await serve(process.env.LAB_DIST, 'index.html', { headers: ISOLATION });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu`);
  await ready(page);
  const ids = process.argv.slice(2).length ? process.argv.slice(2)
    : await page.$$eval('[data-testid^="preset-card-"]', (cards) => cards.map((c) => c.dataset.testid.slice('preset-card-'.length)));
  for (const id of ids) {
    const started = Date.now();
    await byId(page, `preset-card-${id}`).locator('button').click();
    const size = QUICK.includes(id) ? 'quick' : 'default';
    await byId(page, 'preset-size').selectOption(size);
    await byId(page, 'preset-run').click();
    await page.waitForFunction(() => {
      const run = document.querySelector('[data-testid="preset-run"]');
      return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
    }, null, { timeout: 3_600_000 });
    // The section bar stays at the top of the window: in an element's screenshot it would cover
    // the card's title. Here it scrolls away with the page. Set before each picture: set once
    // before the first card, the bar was sticky again by the fourth (A4's picture, 2026-12-04).
    // (The page's CSP refuses an added <style>.)
    await page.evaluate(() => { document.querySelector('.section-nav').style.position = 'static'; });
    await page.locator('.preset-detail').screenshot({ path: `docs/presets/${id}.png` });
    const badge = (await byId(page, 'backend-badge').textContent()).replace(/\s+/g, ' ').trim();
    console.log(`${id} (${size}): ${((Date.now() - started) / 1000).toFixed(0)} s in the browser (${badge}) → docs/presets/${id}.png`);
    // The figures in the picture, for the text that quotes them (docs/experiments.md).
    const rows = await byId(page, 'preset-result-table').locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
      `${tr.dataset.metric}: ${tr.querySelector('[data-source="lab"]')?.textContent.trim()}`));
    for (const row of rows) console.log(`  ${row}`);
  }
} finally {
  await browser.close();
  await server.close();
}
