// Does a page get slower as it runs experiment cards one after another? Runs the given cards at
// the default size in ONE page (as scripts/screenshot-presets.mjs and a teacher do), then the
// last one again in a FRESH page, and prints each card's time in the tab and the page's JS heap.
//   LAB_DIST=target-e2e/dist-release node bench/results/2026-12-07-session67-card-sequence/sequence.mjs a1 a2 … a8
import { serve, launch, byId, ready, ISOLATION } from '../../../tests/e2e/harness.mjs';

const ids = process.argv.slice(2);
const server = await serve(process.env.LAB_DIST, 'index.html', { headers: ISOLATION });
const browser = await launch();

async function runCard(page, id) {
  const started = Date.now();
  await byId(page, `preset-card-${id}`).locator('button').click();
  await page.waitForFunction((id) => document.querySelector('.preset-detail')?.dataset.preset === id, id);
  await byId(page, 'preset-size').selectOption('default');
  await byId(page, 'preset-run').click();
  await page.waitForFunction(() => {
    const run = document.querySelector('[data-testid="preset-run"]');
    return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
  }, null, { timeout: 3_600_000 });
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  return { id, seconds: (Date.now() - started) / 1000, heapMB: heap && +(heap / 2 ** 20).toFixed(1) };
}

async function freshPage() {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu`);
  await ready(page);
  return page;
}

try {
  const page = await freshPage();
  for (const id of ids) console.log(JSON.stringify({ page: 'shared', ...(await runCard(page, id)) }));
  await page.close();
  const again = await freshPage();
  console.log(JSON.stringify({ page: 'fresh', ...(await runCard(again, ids.at(-1))) }));
} finally {
  await browser.close();
  await server.close();
}
