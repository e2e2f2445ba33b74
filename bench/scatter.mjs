// Scatter redraw cost with 10,000 points: a 2-D embedding of a 10,000-image test split (the
// user-file path, with the MNIST training subset loaded as both splits), then wheel zooms and
// drag pans timed from the input event to the end of the redraw. 60 fps needs < 16.7 ms.
// Exported for bench/browser.mjs; also runs alone: node bench/scatter.mjs <dist>.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, byId } from '../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const data = (f) => path.join(here, '..', 'public', 'data', 'mnist', f);
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

/** In the page: `count` redraws driven by wheel and pointer events; ms for each. */
const TIMED_REDRAWS = `(async (count) => {
  const c = document.querySelector('[data-testid="scatter"]');
  const r = c.getBoundingClientRect();
  const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true };
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    if (i % 2 === 0) {
      c.dispatchEvent(new WheelEvent('wheel', { ...at, ctrlKey: true, deltaY: i % 4 === 0 ? -120 : 120 }));
    } else {
      c.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerId: 1, button: 0 }));
      c.dispatchEvent(new PointerEvent('pointermove', { ...at, pointerId: 1, clientX: at.clientX + 20 }));
      c.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerId: 1 }));
    }
    // Leptos runs the redraw effect as a microtask after the signal changes.
    await new Promise((resolve) => setTimeout(resolve, 0));
    times.push(performance.now() - t0);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return times;
})`;

export async function scatterRedraw(context, base, redraws = 120) {
  const page = await context.newPage();
  await page.goto(`${base}?backend=cpu&model=contrastive&closs=margin&k=2&hidden=64&batch=250&epochs=1`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'data-file-input').setInputFiles([
    { name: 'train-images-idx3-ubyte.gz', path: data('train-images-idx3-ubyte.gz') },
    { name: 'train-labels-idx1-ubyte.gz', path: data('train-labels-idx1-ubyte.gz') },
    { name: 't10k-images-idx3-ubyte.gz', path: data('train-images-idx3-ubyte.gz') },
    { name: 't10k-labels-idx1-ubyte.gz', path: data('train-labels-idx1-ubyte.gz') },
  ].map((f) => ({ name: f.name, mimeType: 'application/gzip', buffer: require_('fs').readFileSync(f.path) })));
  await page.waitForFunction(() => /10,?000 test images/.test(document.body.textContent), null, { timeout: 120_000 });
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-start"]');
    return b && !b.disabled && /10,?000 test images/.test(document.querySelector('.scatter-caption')?.textContent ?? '');
  }, null, { timeout: 600_000 });
  const times = await page.evaluate(`${TIMED_REDRAWS}(${redraws})`);
  await page.close();
  return { points: 10_000, redraws: times.length, p50_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), max_ms: Math.max(...times) };
}

/** Seconds from choosing t-SNE to its scatter, for the 2,000 MNIST test codes of a 2-D
 *  margin-contrastive MLP trained one epoch (1,000 iterations, perplexity 30). */
export async function tsneSeconds(context, base) {
  const page = await context.newPage();
  await page.goto(`${base}?backend=cpu&model=contrastive&closs=margin&k=2&hidden=64&batch=250&epochs=1`);
  await page.waitForFunction(() => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; }, null, { timeout: 180_000 });
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-start"]');
    return b && !b.disabled && document.querySelector('[data-testid="scatter"]')?.width > 0;
  }, null, { timeout: 600_000 });
  const started = Date.now();
  await byId(page, 'projection-select').selectOption('tsne');
  await page.waitForFunction(() => /t-SNE/.test(document.querySelector('.scatter-caption')?.textContent ?? ''), null, { timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  await page.close();
  return { points: 2000, iterations: 1000, seconds };
}

const require_ = (await import('node:module')).createRequire(import.meta.url);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(process.argv[2] ?? 'dist');
  const browser = await launch();
  try {
    const redraw = await scatterRedraw(browser.context, server.url);
    const tsne = await tsneSeconds(browser.context, server.url);
    console.log(JSON.stringify({ redraw, tsne }, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}
