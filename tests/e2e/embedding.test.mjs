// End-to-end: contrastive training with the live embedding scatter — redraw while training,
// hover tooltip, legend toggles, wheel zoom, PCA and t-SNE projections, k-NN and linear
// evaluation, the data's PCA spectrum, and SimCLR's augmented pairs — in headless Chromium
// (WebGPU on; the CPU backend trains).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, scrollIntoView, chromiumOnly, FIREFOX } from './harness.mjs';

let server;
let browser;
let page;
let errors;
/** How many times the scatter's pixels changed while the run trained. */
let framesWhileTraining = 0;

/** A fingerprint of the pixels of the canvas with test id `id`: its size and a 32-bit FNV-1a
 *  hash of every RGBA byte, so equal pictures give equal fingerprints. Computed in the page: a
 *  scatter's ~850,000 bytes passed back to `waitForFunction` took Firefox's driver over 6 s per
 *  call, past a 5 s timeout (session 66). */
function fingerprint(id) {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0x811c9dc5;
  for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 0x01000193);
  return `${c.width}x${c.height}:${(h >>> 0).toString(16)}`;
}
const picture = (p, id) => p.evaluate(fingerprint, id);

/** Whether any pixel of canvas `id` has the colour `rgb` (within 8 per channel). */
const hasColour = (p, id, rgb) => p.evaluate(([id, rgb]) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - rgb[0]) < 8 && Math.abs(d[i + 1] - rgb[1]) < 8 && Math.abs(d[i + 2] - rgb[2]) < 8) return true;
  }
  return false;
}, [id, rgb]);

/** Count of non-transparent pixels of canvas `id`. */
const inked = (p, id) => p.evaluate((id) => {
  const c = document.querySelector(`[data-testid="${id}"]`);
  if (!c || c.width === 0) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}, id);

/** Wait until the picture on canvas `id` is (`same`) or is not the one with fingerprint `fp`. */
const waitForFingerprint = (p, id, fp, same, timeout) =>
  p.waitForFunction(`((${fingerprint})(${JSON.stringify(id)}) === ${JSON.stringify(fp)}) === ${same}`, null, { timeout });
/** Wait until the pixels of canvas `id` differ from the fingerprint `before`. */
const waitForChange = (p, id, before, timeout = 60_000) => waitForFingerprint(p, id, before, false, timeout);
/** Wait until canvas `id` shows the picture with fingerprint `fp` again. */
const waitForPicture = (p, id, fp, timeout = 60_000) => waitForFingerprint(p, id, fp, true, timeout);

/** A dot of the scatter `canvas`: the first coloured pixel found from its centre outwards, in
 *  CSS pixels from its top left corner. */
const dotNearCentre = (canvas) => canvas.evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const ratio = c.width / c.clientWidth;
  for (let r = 0; r < Math.max(c.width, c.height); r += 2) {
    for (let a = 0; a < 64; a++) {
      const x = Math.round(c.width / 2 + r * Math.cos((a / 64) * 2 * Math.PI));
      const y = Math.round(c.height / 2 + r * Math.sin((a / 64) * 2 * Math.PI));
      if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
      const i = (y * c.width + x) * 4;
      if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) return { x: x / ratio, y: y / ratio };
    }
  }
  return null;
});

const text = async (p, id) => (await byId(p, id).textContent()).trim();

before(async () => {
  server = await serve();
  browser = await launch();
  // A margin-contrastive MLP embedding straight to 2-D, two epochs on the MNIST subset.
  ({ page, errors } = await openLab(
    browser.context,
    `${server.url}?backend=cpu&model=contrastive&closs=margin&k=2&hidden=64&batch=50&epochs=4&seed=3`,
  ));
  await ready(page);
  // Watch the scatter every animation frame from the moment Train is pressed to the end of
  // the run, counting the frames whose pixels changed.
  const watching = page.evaluate(() => new Promise((resolve) => {
    let changes = 0;
    let last = '';
    let started = false;
    const tick = () => {
      const c = document.querySelector('[data-testid="scatter"]');
      const button = document.querySelector('[data-testid="train-start"]');
      if (c && c.width > 0) {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let hash = 0;
        for (let i = 0; i < d.length; i += 61) hash = (hash * 31 + d[i]) | 0;
        const key = `${c.width}x${c.height}:${hash}`;
        if (key !== last) { changes++; last = key; }
      }
      if (button.disabled) started = true;
      if (started && !button.disabled) resolve(changes); else requestAnimationFrame(tick);
    };
    tick();
  }));
  await byId(page, 'train-start').click();
  framesWhileTraining = await watching;
});
after(async () => { await browser?.close(); await server?.close(); });

test('the scatter redraws while training and keeps the before-training snapshot', async () => {
  assert.ok(framesWhileTraining >= 2, `the scatter changed ${framesWhileTraining} times while training`);
  assert.ok((await inked(page, 'scatter')) > 1000, 'the scatter has dots');
  assert.ok((await inked(page, 'scatter-before')) > 500, 'the before-training snapshot has dots');
  // Separability: k-NN accuracy of the codes, after training and before (chance: 10%).
  const knn = await text(page, 'knn-accuracy');
  const [codes] = [...knn.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
  const untrained = Number((await page.locator('.scatter-before-box').textContent()).match(/([\d.]+)%/)[1]);
  assert.ok(codes > untrained + 15, `k-NN accuracy ${codes}% after training, ${untrained}% before`);
  assert.equal(await page.locator('[data-testid="scatter-legend"] [data-class]').count(), 10);
  assert.deepEqual(errors, []);
});

test('epoch replay: the scrubber shows the scatter after each epoch (different at epochs 1 and 3), Play steps through them, Live returns', async () => {
  const scrubber = byId(page, 'epoch-scrubber');
  await scrubber.waitFor({ timeout: 30_000 });
  // The last epoch's frame comes with its scatter, which can follow the scrubber's appearance.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch-scrubber"]').max) >= 4, null, { timeout: 60_000 }).catch(() => {});
  const frames = Number(await scrubber.getAttribute('max')) + 1;
  assert.ok(frames >= 5, `${frames} frames: the untrained model and 4 epochs`);
  const label = () => byId(page, 'epoch-scrubber-label').getAttribute('data-epoch');
  assert.match(await text(page, 'epoch-scrubber-label'), /after epoch 4 .*live/);
  const live = await picture(page, 'scatter');
  // By keyboard, as a person would: Home, then one step right is epoch 1.
  await scrubber.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch-scrubber-label"]')?.dataset.epoch === '0');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch-scrubber-label"]')?.dataset.epoch === '1');
  await waitForChange(page, 'scatter', live);
  const one = await picture(page, 'scatter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch-scrubber-label"]')?.dataset.epoch === '3');
  await waitForChange(page, 'scatter', one);
  const three = await picture(page, 'scatter');
  assert.notDeepEqual(one, three, 'the clusters moved between epochs 1 and 3');
  assert.match(await text(page, 'epoch-scrubber-label'), /after epoch 3 \(step [\d,]+\)$/);
  // Live: the current scatter again.
  await byId(page, 'epoch-live').click();
  await page.waitForFunction(() => /live/.test(document.querySelector('[data-testid="epoch-scrubber-label"]')?.textContent ?? ''));
  await waitForPicture(page, 'scatter', live, 10_000);
  // Play: from the untrained model through every epoch, then live again.
  await byId(page, 'epoch-play').click();
  const seen = new Set();
  while (seen.size < frames) {
    seen.add(await label());
    if (await byId(page, 'epoch-live').count() === 0 && seen.size > 1) break;
    await page.waitForTimeout(100);
  }
  assert.ok(seen.has('0') && seen.has('2') && seen.has('4'), `Play showed epochs ${[...seen].join(', ')}`);
  await page.waitForFunction(() => !document.querySelector('[data-testid="epoch-live"]'), null, { timeout: 10_000 });
  assert.deepEqual(errors, []);
});

test('hovering a dot shows its image, label and index', async () => {
  const canvas = byId(page, 'scatter');
  const box = await scrollIntoView(canvas);
  const spot = await dotNearCentre(canvas);
  assert.ok(spot, 'found a dot');
  await page.mouse.move(box.x + spot.x, box.y + spot.y);
  const tooltip = byId(page, 'scatter-tooltip');
  await tooltip.waitFor({ timeout: 10_000 });
  const index = Number(await tooltip.getAttribute('data-index'));
  assert.ok(index >= 0 && index < 2000, `index ${index}`);
  assert.match(await tooltip.textContent(), new RegExp(`test #${index}`));
  await page.waitForFunction(() => document.querySelector('[data-testid="scatter-thumb"]')?.width === 28, null, { timeout: 10_000 });
  await page.mouse.move(Math.max(1, box.x - 40), Math.max(1, box.y - 40)); // off the canvas, inside the window
  await tooltip.waitFor({ state: 'detached', timeout: 5_000 });
  // A dot near the bottom right corner: its tooltip opens towards the canvas's inside, so the
  // panel (which clips what overflows it, style.css) shows all of it.
  const corner = await canvas.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const ratio = c.width / c.clientWidth;
    let best = null;
    for (let y = 0; y < c.height; y += 2) for (let x = 0; x < c.width; x += 2) {
      const i = (y * c.width + x) * 4;
      if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240) && (!best || x + y > best.x + best.y)) best = { x, y };
    }
    return best && { x: best.x / ratio, y: best.y / ratio };
  });
  assert.ok(corner && corner.x > box.width / 2 && corner.y > box.height / 2, `a dot in the bottom right quarter: ${JSON.stringify(corner)}`);
  await page.mouse.move(box.x + corner.x, box.y + corner.y);
  await tooltip.waitFor({ timeout: 10_000 });
  const tip = await tooltip.boundingBox();
  assert.ok(tip.x + tip.width <= box.x + corner.x && tip.y + tip.height <= box.y + corner.y, `tooltip up and left of the pointer: ${JSON.stringify(tip)}`);
  assert.ok(tip.x >= box.x && tip.y >= box.y, `tooltip inside the plot: ${JSON.stringify(tip)} in ${JSON.stringify(box)}`);
  await page.mouse.move(Math.max(1, box.x - 40), Math.max(1, box.y - 40)); // off the canvas, inside the window
  await tooltip.waitFor({ state: 'detached', timeout: 5_000 });
});

test('a legend entry hides its class; Ctrl + the wheel zooms, a plain wheel scrolls the page', async () => {
  const orange = [255, 127, 14]; // class 1
  assert.ok(await hasColour(page, 'scatter', orange), 'class 1 is drawn');
  const entry = page.locator('[data-testid="scatter-legend"] [data-class="1"]');
  await entry.click();
  assert.equal(await entry.getAttribute('aria-pressed'), 'false');
  await page.waitForFunction(() => true);
  assert.ok(!(await hasColour(page, 'scatter', orange)), 'class 1 is hidden');
  await entry.click();
  assert.ok(await hasColour(page, 'scatter', orange), 'class 1 is back');

  const canvas = byId(page, 'scatter');
  const box = await canvas.boundingBox();
  const before = await picture(page, 'scatter');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A plain wheel over the plot scrolls the page and leaves the plot as it was, saying how to zoom.
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 200);
  await byId(page, 'scatter-zoom-hint').waitFor({ timeout: 5_000 });
  await page.waitForFunction((y) => window.scrollY > y, scrolled, { timeout: 5_000 });
  await page.mouse.move(1, 1); // no dot under the pointer, so no hover highlight
  await page.waitForTimeout(100);
  assert.deepEqual(await picture(page, 'scatter'), before, 'a plain wheel does not zoom');
  await byId(page, 'scatter-zoom-hint').waitFor({ state: 'detached', timeout: 5_000 });
  await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Ctrl + the wheel zooms the plot, and only the plot: the browser's own gesture (zooming the
  // page) is cancelled.
  const cancelled = page.evaluate(() => new Promise((resolve) => {
    window.addEventListener('wheel', (e) => setTimeout(() => resolve(e.defaultPrevented)), { once: true, capture: true });
  }));
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await waitForChange(page, 'scatter', before, 5_000);
  assert.equal(await cancelled, true, 'Ctrl + the wheel over the plot also zoomed the page');
  // Zoomed, the plot offers a way back; a double-click resets the view (`0` does too, with the
  // plot focused: Firefox's driver sends no dblclick over BiDi, session 66).
  const reset = byId(page, 'scatter-reset');
  await reset.waitFor({ timeout: 5_000 });
  if (FIREFOX) {
    await canvas.focus();
    await page.keyboard.press('0');
  } else {
    await canvas.dblclick();
  }
  await page.mouse.move(1, 1); // no hover highlight
  await waitForPicture(page, 'scatter', before, 5_000);
  await reset.waitFor({ state: 'detached', timeout: 5_000 });
  // Dragged away, the button brings every point back.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await waitForChange(page, 'scatter', before, 5_000);
  await reset.click();
  await page.mouse.move(1, 1);
  await waitForPicture(page, 'scatter', before, 5_000);
  await reset.waitFor({ state: 'detached', timeout: 5_000 });
});

test('on a touch screen one finger scrolls the page (with a hint), a tap shows a dot, two fingers pinch to zoom', { skip: chromiumOnly('touches are sent through the DevTools protocol') }, async () => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 2 });
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const scrollY = () => page.evaluate(() => window.scrollY);
  try {
    const canvas = byId(page, 'scatter');
    await page.mouse.move(1, 1);
    let box = await scrollIntoView(canvas);
    // One finger up the plot: the page scrolls, the plot stays, and a hint says how to move it.
    const before = await picture(page, 'scatter');
    const top = await scrollY();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height * 0.8];
    await touch('touchStart', [[cx, cy]]);
    for (let i = 1; i <= 10; i++) await touch('touchMove', [[cx, cy - 15 * i]]);
    await touch('touchEnd', []);
    await byId(page, 'scatter-zoom-hint').filter({ hasText: 'Two fingers' }).waitFor({ timeout: 5_000 });
    await page.waitForFunction((y) => window.scrollY > y, top, { timeout: 5_000 });
    assert.deepEqual(await picture(page, 'scatter'), before, 'one finger does not move the plot');
    // The swipe's fling settles (a tap during it only stops it).
    for (let last = -1, y = await scrollY(); y !== last; await page.waitForTimeout(250), [last, y] = [y, await scrollY()]);

    // A tap on a dot shows its image (the plot back in view, clear of the sticky section bar).
    box = await scrollIntoView(canvas);
    const spot = await dotNearCentre(canvas);
    await touch('touchStart', [[box.x + spot.x, box.y + spot.y]]);
    await touch('touchEnd', []);
    const tooltip = byId(page, 'scatter-tooltip');
    await tooltip.waitFor({ timeout: 10_000 });
    // A tap away from the dots closes it.
    await touch('touchStart', [[box.x + 2, box.y + box.height - 2]]);
    await touch('touchEnd', []);
    await tooltip.waitFor({ state: 'detached', timeout: 5_000 });

    // Two fingers spreading apart zoom the plot, and the page stays where it was.
    const shown = await picture(page, 'scatter');
    const still = await scrollY();
    const [mx, my] = [box.x + box.width / 2, box.y + box.height / 2];
    const fingers = (spread) => [[mx - spread, my], [mx + spread, my]];
    // The browser's own two-finger gesture is cancelled, as it moves the plot.
    const cancelled = page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('touchmove', (e) => setTimeout(() => resolve(e.defaultPrevented)), { once: true, capture: true });
    }));
    await touch('touchStart', fingers(20));
    for (let i = 1; i <= 10; i++) await touch('touchMove', fingers(20 + 10 * i));
    await touch('touchEnd', []);
    await waitForChange(page, 'scatter', shown, 5_000);
    assert.equal(await cancelled, true, 'a pinch on the plot was left to the browser too');
    assert.equal(await scrollY(), still, 'a pinch does not scroll the page');
    assert.equal(await tooltip.count(), 0, 'fingers lifted from a pinch open no tooltip');
    // A tap on the button over the plot shows every point again.
    const reset = await byId(page, 'scatter-reset').boundingBox();
    await touch('touchStart', [[reset.x + reset.width / 2, reset.y + reset.height / 2]]);
    await touch('touchEnd', []);
    await waitForPicture(page, 'scatter', shown, 5_000);
    await byId(page, 'scatter-reset').waitFor({ state: 'detached', timeout: 5_000 });
  } finally {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
  }
  assert.deepEqual(errors, []);
});

test('PCA and t-SNE projections redraw, t-SNE with a progress bar', async () => {
  const before = await picture(page, 'scatter');
  await byId(page, 'projection-select').selectOption('pca');
  await page.waitForFunction(() => document.querySelector('.scatter-caption')?.textContent.includes('principal components'), null, { timeout: 30_000 });
  await waitForChange(page, 'scatter', before, 10_000);

  assert.equal(await byId(page, 'hp-perplexity').count(), 0, 'perplexity is a t-SNE setting: no field under PCA');
  await byId(page, 'projection-select').selectOption('tsne');
  await byId(page, 'tsne-progress').waitFor({ timeout: 30_000 });
  // A new perplexity runs the map again with it.
  await byId(page, 'hp-perplexity').fill('15');
  await byId(page, 'hp-perplexity').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('.scatter-caption')?.textContent.includes('t-SNE, perplexity 15'), null, { timeout: 300_000 });
  assert.equal(await byId(page, 'tsne-progress').count(), 0, 'the progress bar is gone when t-SNE ends');
  const knn = await text(page, 'knn-accuracy');
  const [, view] = [...knn.matchAll(/([\d.]+)%/g)].map((m) => Number(m[1]));
  assert.ok(view > 30, `k-NN accuracy of the t-SNE view (chance: 10%): ${knn}`);
  assert.deepEqual(errors, []);
});

test('linear evaluation and the PCA spectrum of the images', async () => {
  await byId(page, 'linear-eval-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="linear-eval-accuracy"]')?.textContent.includes('Test accuracy'), null, { timeout: 120_000 });
  const accuracy = Number((await text(page, 'linear-eval-accuracy')).match(/Test accuracy ([\d.]+)%/)[1]);
  assert.ok(accuracy > 40 && accuracy <= 100, `linear evaluation ${accuracy}%`);

  await byId(page, 'pca-compute').click();
  await byId(page, 'pca-variance-chart').waitFor({ timeout: 120_000 });
  const n95 = Number(await text(page, 'pca-95'));
  const n99 = Number(await text(page, 'pca-99'));
  assert.ok(n95 >= 50 && n95 < n99 && n99 <= 784, `95%: ${n95}, 99%: ${n99}`);
});

test('SimCLR settings show the temperature and augmented positive pairs', async () => {
  await byId(page, 'contrastive-loss-select').selectOption('ntxent');
  await byId(page, 'hp-temperature').waitFor();
  assert.equal(await byId(page, 'hp-margin').count(), 0);
  assert.equal(await byId(page, 'hp-latent').inputValue(), '128', 'SimCLR gets the report\'s 128-D embedding');
  const preview = byId(page, 'augment-preview');
  await preview.waitFor();
  assert.equal(await preview.locator('canvas').count(), 12, 'four images, each with two views');
  await byId(page, 'contrastive-loss-select').selectOption('margin');
  await byId(page, 'hp-margin').waitFor();
});
