// Train on a site for HOLD seconds and write every worker event with its time (chunk rates, epoch ends).
//   SITE=<dist> ISOLATE=1 HOLD=30 OUT=<file.json> [PROBE=flags] node chunks.mjs ['<query>']
import fs from 'node:fs';
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';
const query = process.argv[2] ?? 'backend=cpu&batch=128';
const server = await serve(process.env.SITE, 'index.html', process.env.ISOLATE ? { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } } : {});
const browser = await launch(undefined, []);
const page = await browser.context.newPage();
// PROBE=nockpt,nosnap: appended to the worker's URL, read by a probe build (probe.patch).
await page.addInitScript((probe) => {
  window.__events = [];
  const Native = window.Worker;
  window.Worker = class extends Native { constructor(u, o) { if (probe) u = `${u}${String(u).includes('?') ? '&' : '?'}probe=${probe}`; super(u, o); this.addEventListener('message', (e) => window.__events.push({ t: performance.now(), d: e.data })); } };
}, process.env.PROBE ?? '');
await page.goto(`${server.url}?${query}&epochs=100`);
await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
await byId(page, 'train-start').click();
await page.waitForFunction(() => window.__events.some((e) => e.d?.TrainLoss), null, { timeout: 300_000 });
await page.waitForTimeout(Number(process.env.HOLD ?? 30) * 1000);
const ev = await page.evaluate(() => window.__events.map((e) => ({ t: e.t, k: typeof e.d === 'object' && e.d ? Object.keys(e.d)[0] : String(e.d), ips: e.d?.TrainLoss?.images_per_s, cs: e.d?.TrainLoss?.chunk_seconds, steps: e.d?.TrainLoss?.chunk_steps, step: e.d?.TrainLoss?.step })));
fs.writeFileSync(process.env.OUT ?? '/tmp/chunks.json', JSON.stringify(ev));
const badge = await page.evaluate(() => document.querySelector('[data-testid="backend-badge"]')?.textContent);
console.log(badge);
await browser.close(); await server.close?.();
