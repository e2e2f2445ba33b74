// Load a site N times, cross-origin isolated (the threaded worker) and not (the plain one),
// alternated, each in a fresh page, and print the CPU badge's reason (which kernels the relaxed
// worker timed faster, and at what rates).
//   node badges.mjs <dist> [N=10] [sites=threaded,single]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, byId } from '../../../tests/e2e/harness.mjs';

const [dist, n = '10', which = 'threaded,single'] = process.argv.slice(2);
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const single = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-single-'));
fs.cpSync(dist, single, { recursive: true });
const index = path.join(single, 'index.html');
fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/<meta name="replab-threads"[^>]*>/, ''));
const sites = { threaded: dist, single };
const browser = await launch(undefined, []);
try {
  for (let i = 0; i < Number(n); i++) {
    for (const name of which.split(',')) {
      const server = await serve(sites[name], 'index.html', { headers: ISOLATION });
      const page = await browser.context.newPage();
      try {
        await page.goto(`${server.url}?backend=cpu`);
        await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
        const reason = await page.evaluate(() => document.querySelector('[data-testid="backend-badge"] .reason')?.textContent);
        console.log(JSON.stringify({ i, site: name, reason }));
      } finally {
        await page.close();
        await server.close();
      }
    }
  }
} finally {
  await browser.close();
  fs.rmSync(single, { recursive: true, force: true });
}
