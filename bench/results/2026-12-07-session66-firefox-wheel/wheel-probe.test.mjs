// Probe (not committed): repeat the legend + wheel sequence of embedding.test.mjs and log the wheel events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready } from '../../../tests/e2e/harness.mjs';
let server, browser, page;
const pixels = (p, id) => p.evaluate((id) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
}, id);
const waitForChange = (p, id, before, timeout) => p.waitForFunction(([id, b]) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  if (d.length !== b.length) return true;
  for (let i = 0; i < d.length; i += 97) if (d[i] !== b[i]) return true;
  return false;
}, [id, before], { timeout });
before(async () => {
  server = await serve();
  browser = await launch();
  ({ page } = await openLab(browser.context, `${server.url}?backend=cpu&model=contrastive&closs=margin&k=2&hidden=64&batch=50&epochs=4&seed=3`));
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled && document.querySelector('[data-testid="scatter"]')?.width > 0; }, null, { timeout: 120_000 });
  await page.waitForTimeout(3000);
  await page.evaluate(() => {
    window.__puts = [];
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function (...a) { if (this.canvas.dataset.testid === 'scatter') window.__puts.push(Math.round(performance.now())); return put.apply(this, a); };
    window.__raf = 0; const tick = () => { window.__raf++; requestAnimationFrame(tick); }; requestAnimationFrame(tick);
    window.__dbl = 0; window.addEventListener('dblclick', () => window.__dbl++, true);
    window.__canvas = document.querySelector('[data-testid="scatter"]');
    window.__muts = [];
    new MutationObserver((ms) => { for (const m of ms) for (const n of [...m.addedNodes, ...m.removedNodes]) if (n.nodeType === 1 && (n.matches?.('[data-testid="scatter"]') || n.querySelector?.('[data-testid="scatter"]'))) window.__muts.push([Math.round(performance.now()), m.addedNodes.length, m.removedNodes.length, n.className]); }).observe(document.body, { childList: true, subtree: true });
    window.__wheels = [];
    window.addEventListener('wheel', (e) => { const r = { dpr: window.devicePixelRatio, iw: window.innerWidth, t: Math.round(performance.now()), ctrl: e.ctrlKey, dy: e.deltaY, mode: e.deltaMode, target: e.target.dataset?.testid || e.target.tagName, x: e.clientX, y: e.clientY, sy: Math.round(window.scrollY) }; window.__wheels.push(r); setTimeout(() => { r.prevented = e.defaultPrevented; r.dprAfter = window.devicePixelRatio; r.iwAfter = window.innerWidth; }, 50); }, { capture: true, passive: true });
  });
});
after(async () => { await browser?.close(); await server?.close(); });
test('repeat', async () => {
  const N = Number(process.env.PROBE_N || 20);
  let fails = 0;
  await page.evaluate(() => { window.__puts = []; });
  await page.waitForTimeout(Number(process.env.PROBE_IDLE || 0));
  console.log('IDLE', JSON.stringify(await page.evaluate(() => ({ puts: window.__puts, muts: window.__muts, now: Math.round(performance.now()) }))));
  for (let i = 0; i < N; i++) {
    const canvas = byId(page, 'scatter');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    const before = await pixels(page, 'scatter');
    await page.evaluate(() => { window.__wheels = []; window.__puts = []; window.__raf0 = window.__raf; });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 200);
    await byId(page, 'scatter-zoom-hint').waitFor({ timeout: 5_000 });
    await page.waitForFunction((y) => window.scrollY > y, scrolled, { timeout: 5_000 });
    await page.mouse.move(1, 1);
    await page.waitForTimeout(100);
    await byId(page, 'scatter-zoom-hint').waitFor({ state: 'detached', timeout: 5_000 });
    await page.evaluate((y) => window.scrollTo(0, y), scrolled);
    const tScroll = await page.evaluate(() => Math.round(performance.now()));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    let ok = true;
    const w0 = Date.now(); try { await waitForChange(page, 'scatter', before, 5_000); } catch { ok = false; fails++; }
    const waited = Date.now() - w0;
    const w1 = Date.now(); await waitForChange(page, 'scatter', before, 30_000).catch(() => {}); const waited2 = Date.now() - w1;
    const same = JSON.stringify(await pixels(page, 'scatter')) === JSON.stringify(before);
    const log = await page.evaluate(() => ({ sameCanvas: document.querySelector('[data-testid="scatter"]') === window.__canvas, muts: window.__muts, puts: window.__puts, rafs: window.__raf - window.__raf0, dbl: window.__dbl, dpr: window.devicePixelRatio, cw: document.querySelector('[data-testid="scatter"]').width, wheels: window.__wheels, sy: window.scrollY, now: Math.round(performance.now()) }));
    console.log(JSON.stringify({ i, ok, waited, waited2, same, tScroll, scrolled, ...log, box }));
    await canvas.focus(); await page.keyboard.press('0'); await page.mouse.move(1, 1);
    await page.waitForTimeout(200);
  }
  assert.equal(fails, 0, `${fails} of ${N} failed`);
});
