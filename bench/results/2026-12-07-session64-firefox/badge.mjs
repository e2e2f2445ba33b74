import { serve, launch, openLab, byId, ready } from '../../../tests/e2e/harness.mjs';
const ISO = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await serve(process.argv[2], 'index.html', { headers: process.env.ISO ? ISO : {} }); const browser = await launch();
try {
  for (let i = 0; i < Number(process.env.N ?? 4); i++) {
    const { page } = await openLab(browser.context, `${server.url}?backend=cpu`);
    await ready(page);
    await page.waitForFunction(() => /GFLOP/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? ''), null, { timeout: 60000 });
    console.log((await byId(page, 'backend-badge').textContent()).replace(/.*matmuls/, 'matmuls'));
    await page.close();
  }
} finally { await browser.close(); await server.close(); }
