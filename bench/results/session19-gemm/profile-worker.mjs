// Train the large MLP on the CPU in the prof site; print the renderer pids; wait for a signal file.
import fs from 'node:fs';
import { serve, launch, byId } from '/work/main/tests/e2e/harness.mjs';
const query = process.argv[2] ?? 'backend=cpu&hidden=1000&k=300&batch=128';
const server = await serve(process.env.SITE ?? '/tmp/prof-site', 'index.html', process.env.ISOLATE ? { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } } : {});
const browser = await launch(undefined, ['--js-flags=--perf-basic-prof --no-write-protect-code-memory --interpreted-frames-native-stack']);
const page = await browser.context.newPage();
await page.addInitScript(() => {
  window.__events = [];
  const Native = window.Worker;
  window.Worker = class extends Native { constructor(u, o) { super(u, o); this.addEventListener('message', (e) => window.__events.push(e.data)); } };
});
await page.goto(`${server.url}?${query}&epochs=100`);
await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
await byId(page, 'train-start').click();
await page.waitForFunction(() => window.__events.some((e) => e?.TrainLoss), null, { timeout: 300_000 });
console.log('TRAINING');
await page.waitForTimeout(Number(process.env.HOLD ?? 25) * 1000);
const r = await page.evaluate(() => window.__events.filter((e) => e?.TrainLoss).map((e) => e.TrainLoss.images_per_s));
console.log('ips', r.slice(-5));
await browser.close(); await server.close?.();
