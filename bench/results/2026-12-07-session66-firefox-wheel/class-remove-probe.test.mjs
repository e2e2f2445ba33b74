import { test, before, after } from 'node:test';
import { serve, launch, openLab, byId, ready } from '../../../tests/e2e/harness.mjs';
const SETTINGS = '?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=1';
let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });
test('probe remove', async () => {
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}${SETTINGS}`);
    await ready(page);
    const link = (name, lr, loss) => `${server.url}${SETTINGS}&lr=${lr}&by=${encodeURIComponent(name)}&r_loss=${loss}&r_epochs=1&r_secs=3&r_on=cpu&r_curve=0.2_${loss}`;
    const ana = link('Ana María', '0.001', '0.061'), bo = link('Bo', '0.01', '0.052');
    await byId(page, 'class-paste').fill(`${ana}\n${bo}\n`);
    await byId(page, 'class-add').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="class-row"]').length === 2, null, { timeout: 10_000 });
    console.log('status', await byId(page, 'class-status').textContent());
    const N = Number(process.env.PROBE_N || 10);
    let fails = 0;
    for (let i = 0; i < N; i++) {
      await page.goto(bo);
      await ready(page);
      await byId(page, 'class-add-opened').click();
      const openedLeft = await byId(page, 'class-opened').count();
      await page.evaluate(() => {
        sessionStorage.setItem('clicks', '[]');
        const log = (e) => { const t = e.target; const l = JSON.parse(sessionStorage.getItem('clicks')); l.push([e.type, Math.round(performance.now()), t.dataset?.testid || t.tagName, (t.textContent || '').slice(0, 20), e.clientX, e.clientY]); sessionStorage.setItem('clicks', JSON.stringify(l)); };
        for (const ty of ['pointerdown', 'pointerup', 'click']) document.addEventListener(ty, log, true);
      });
      const btn = byId(page, 'class-row').first().locator('[data-testid="class-remove"]');
      const boxBefore = await btn.boundingBox();
      const url0 = page.url();
      await btn.click();
      let ok = true;
      try { await page.waitForFunction(() => document.querySelectorAll('[data-testid="class-row"]').length === 1, null, { timeout: 5_000 }); } catch { ok = false; fails++; }
      const info = await page.evaluate(() => ({ rows: document.querySelectorAll('[data-testid="class-row"]').length, clicks: JSON.parse(sessionStorage.getItem('clicks') || 'null'), opened: !!document.querySelector('[data-testid="class-opened"]'), y: scrollY }));
      console.log(JSON.stringify({ i, ok, openedLeft, urlChanged: page.url() !== url0, boxBefore, ...info }));
      if (info.rows === 1) {
        await byId(page, 'class-paste').fill(`${ana}\n${bo}\n`);
        await byId(page, 'class-add').click();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="class-row"]').length === 2, null, { timeout: 10_000 });
      }
    }
    console.log('fails', fails, 'errors', JSON.stringify(errors));
  } finally { await browser.close(); }
});
