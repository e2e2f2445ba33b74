// The session-60 probe's driver: trains on `dist` (built with probe.patch applied) for `secs`
// and prints the worker's PROBE lines. NOISO=1 serves without cross-origin isolation (the plain
// worker), POOL=N gives the threaded worker a pool of N threads.
//   node probe.mjs <dist> [query] [secs]
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';
const dist = process.argv[2];
const query = process.argv[3] ?? 'backend=cpu&batch=128';
const secs = Number(process.argv[4] ?? 30);
const server = await serve(dist, 'index.html', { headers: process.env.NOISO ? {} : { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
const browser = await launch();
try {
  const page = await browser.context.newPage();
  // POOL=N: the threaded worker with a pool of N threads (as bench/threads.mjs's `threaded-1`).
  if (process.env.POOL) {
    await page.addInitScript((pool) => {
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url, options) {
          if (/worker_threads_loader/.test(String(url))) url = `${url}&threads=${pool}`;
          super(url, options);
        }
      };
    }, process.env.POOL);
  }
  const seen = (m) => { const t = m.text(); if (t.includes('PROBE')) console.log(t); };
  page.on('console', seen);
  page.on('worker', (w) => w.on('console', seen));
  await page.goto(`${server.url}?${query}&epochs=100`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  console.log('badge', await page.evaluate(() => document.querySelector('[data-testid="backend-badge"] .reason')?.textContent));
  await byId(page, 'train-start').click();
  await page.waitForTimeout(secs * 1000);
  await byId(page, 'train-stop').click();
} finally {
  await browser.close();
  await server.close();
}
