// The picture of a change while training in docs/features.md, taken from the tab: a VAE on
// MNIST (hidden 64, k 4, batch 64, 3 epochs, CPU) whose learning rate is lowered to 0.0003 once
// it has trained 40 steps; the finished run's loss chart with the change's mark.
//   LAB_DIST=dist node scripts/screenshot-change.mjs
import { serve, launch, byId, ready, scrollIntoView } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu&model=vae&hidden=64&k=4&batch=64&epochs=3&lr=0.001&beta=1&seed=4`);
  await ready(page);
  await byId(page, 'train-start').click();
  await byId(page, 'adjust-lr').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-step"]')?.value) >= 40, null, { timeout: 120_000 });
  await byId(page, 'adjust-lr').fill('0.0003');
  await byId(page, 'adjust-apply').click();
  await byId(page, 'loss-chart-change').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 600_000 });
  const chart = byId(page, 'loss-chart');
  await scrollIntoView(chart);
  await chart.screenshot({ path: 'docs/change-while-training.png' });
  console.log(`docs/change-while-training.png (${await byId(page, 'loss-chart-change').textContent()})`);
} finally {
  await browser.close();
  await server.close();
}
