// End-to-end: exploring a trained model — sliders, interpolation, samples, and drawing a digit
// with mouse, touch and pen — in headless Chromium (WebGPU on; the CPU backend trains).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, openLab, byId, ready, correlation, scrollIntoView, drawOne, drawnPrediction } from './harness.mjs';

let server;
let browser;
let page;
let errors;
before(async () => {
  server = await serve();
  browser = await launch();
  // One small model for every test here: an MLP autoencoder with k = 8 (one slider per code
  // dimension), trained one epoch on the MNIST subset.
  ({ page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=64&k=8&batch=128&epochs=1&seed=5`));
  await ready(page);
  await byId(page, 'train-start').click();
  await byId(page, 'latent-slider-7').waitFor({ timeout: 300_000 });
  await waitForInk(page, 'latent-decoded');
});
after(async () => { await browser?.close(); await server?.close(); });

/** The RGBA bytes of a canvas (by test id or element handle). */
const pixels = (locator) => locator.evaluate((c) => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data));

/** Wait until the canvas `id` has been drawn (non-zero size). */
const waitForInk = (p, id) => p.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.width > 0, id, { timeout: 60_000 });

/** Grey value (R) at each pixel. */
const grey = (rgba) => rgba.filter((_, i) => i % 4 === 0);

test('the first layer\'s filters show one image per hidden unit, in both signs', async () => {
  const filters = byId(page, 'first-layer-filters');
  await filters.waitFor({ timeout: 60_000 });
  assert.equal(await filters.getAttribute('data-units'), '64');
  assert.equal(await filters.getAttribute('data-count'), '64', 'one image per hidden unit');
  // 16 tiles of 28×28 per row with 1-px gaps: 4 rows.
  assert.deepEqual(await filters.evaluate((c) => [c.width, c.height]), [16 * 29 - 1, 4 * 29 - 1]);
  const tiles = grey(await pixels(filters));
  assert.ok(tiles.some((v) => v > 200) && tiles.some((v) => v < 55), 'strong positive and negative weights');
  assert.match(await filters.getAttribute('aria-label'), /all 64: each hidden unit's weights on the input image/);
});

test('what each code unit draws: one picture per unit of the k = 8 code, each with its strongest change in full white or black', async () => {
  const units = byId(page, 'code-unit-images');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="code-unit-images"]')?.dataset.count) === 8, null, { timeout: 60_000 });
  assert.deepEqual(await units.evaluate((c) => [c.width, c.height]), [8 * 29 - 1, 28], 'eight 28×28 tiles in a row');
  const g = grey(await pixels(units));
  for (let unit = 0; unit < 8; unit++) {
    const tile = [];
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) tile.push(g[y * (8 * 29 - 1) + unit * 29 + x]);
    assert.ok(tile.some((v) => v === 0 || v === 255), `unit ${unit} changes the picture (its largest change is full white or black)`);
    assert.ok(tile.filter((v) => Math.abs(v - 128) <= 1).length > 50, `unit ${unit}: most of the frame is unchanged grey`);
  }
  assert.match(await units.getAttribute('aria-label'), /each of the 8 code units/);
});

test('dragging a latent slider redraws the decoded image', async () => {
  assert.equal(await byId(page, 'image-picker').locator('[data-index]').count(), 48);
  assert.equal(await page.locator('[data-testid^="latent-slider-"]').count(), 8, 'k = 8: one slider per dimension');
  const before = await pixels(byId(page, 'latent-decoded'));
  const slider = byId(page, 'latent-slider-0');
  const box = await scrollIntoView(slider);
  // Drag the thumb with the mouse from the left end to the right end.
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + (box.width * i) / 10, box.y + box.height / 2);
  await page.mouse.up();
  await page.waitForFunction((b) => {
    const c = document.querySelector('[data-testid="latent-decoded"]');
    const d = Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
    return d.some((v, i) => v !== b[i]);
  }, before, { timeout: 30_000 });
  const after = grey(await pixels(byId(page, 'latent-decoded')));
  const change = after.reduce((s, v, i) => s + Math.abs(v - grey(before)[i]), 0) / after.length;
  assert.ok(change > 1, `mean pixel change ${change}`);
  assert.equal(await byId(page, 'latent-sweep').locator('canvas').count(), 9, 'the sweep shows nine decodes');
  await byId(page, 'latent-reset').click();
});

test('a strip between two picked images, a grid of four corners, and samples', async () => {
  const picker = byId(page, 'image-picker');
  // Until both ends are set, the empty strip says what to do next.
  const hints = [/press Set A, then another and press Set B/, /Now pick another test image and press Set B/];
  for (const [index, slot] of [[1, 'interp-a'], [2, 'interp-b']]) {
    assert.match(await byId(page, 'interp-hint').textContent(), hints[index - 1]);
    await picker.locator(`[data-index="${index}"]`).click();
    await page.waitForFunction((i) => document.querySelector(`[data-testid="image-picker"] [data-index="${i}"]`).classList.contains('selected'), index);
    await byId(page, slot).click();
  }
  assert.equal(await byId(page, 'interp-hint').count(), 0);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="interp-strip"] canvas').length === 10, null, { timeout: 30_000 });
  await byId(page, 'interp-steps').fill('5');
  await byId(page, 'interp-steps').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="interp-strip"] canvas').length === 5, null, { timeout: 30_000 });
  for (const index of [3, 4]) await picker.locator(`[data-index="${index}"]`).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grid-view"] canvas').length === 64, null, { timeout: 30_000 });
  // A first set of 16 samples appears by itself; "more" draws a different set.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="samples"] canvas').length === 16, null, { timeout: 30_000 });
  const first = await pixels(byId(page, 'samples').locator('canvas').first());
  await byId(page, 'sample-button').click();
  await page.waitForFunction((b) => {
    const c = document.querySelector('[data-testid="samples"] canvas');
    return c && Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).some((v, i) => v !== b[i]);
  }, first, { timeout: 30_000 });
});

test('moving a slider redraws its own picture only: the sweep, interpolation, grid and samples are not redrawn', async () => {
  const strips = ['latent-sweep', 'interp-strip', 'grid-view', 'samples'];
  const counts = await page.evaluate((ids) => ids.map((id) => document.querySelectorAll(`[data-testid="${id}"] canvas`).length), strips);
  assert.deepEqual(counts, [9, 5, 64, 16], 'every strip is shown before the slider moves');
  // Count the pictures put on the strips' canvases; start once the last test's decodes have
  // settled (none for a second).
  await page.evaluate((ids) => new Promise((settled) => {
    const put = CanvasRenderingContext2D.prototype.putImageData;
    window.__stripPuts = 0;
    let quiet = setTimeout(settled, 1000);
    CanvasRenderingContext2D.prototype.putImageData = function (...args) {
      if (ids.some((id) => this.canvas.closest(`[data-testid="${id}"]`))) {
        window.__stripPuts++;
        clearTimeout(quiet);
        quiet = setTimeout(settled, 1000);
      }
      return put.apply(this, args);
    };
  }), strips);
  await page.evaluate(() => { window.__stripPuts = 0; });
  const before = await pixels(byId(page, 'latent-decoded'));
  await scrollIntoView(byId(page, 'latent-slider-0'));
  await byId(page, 'latent-slider-0').focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction((b) => {
    const c = document.querySelector('[data-testid="latent-decoded"]');
    return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).some((v, i) => v !== b[i]);
  }, before, { timeout: 30_000 });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__stripPuts), 0, 'no strip redrew its pictures for a slider decode');
});

test('a press on another slider asks for its own picture before the sweep; tabbing to a slider still brings its sweep', async () => {
  // Every decode the page asks the worker for, in order (the view's name).
  await page.evaluate(() => {
    window.__asked = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      const view = message?.Decode?.view;
      if (view) window.__asked.push(view);
      return post.call(this, message, ...rest);
    };
  });
  const heading = () => page.locator('h3', { hasText: 'Sweep along' }).textContent();
  const label = (i) => byId(page, `latent-slider-${i}`).locator('xpath=..').locator('.name').textContent();
  await page.waitForTimeout(500); // the last test's decodes settled
  // A press on slider 2's track (a trusted click: the browser focuses the slider and sets its
  // value in one task; the sweep, made to follow the slider on focus, must not be asked for
  // ahead of the picture the person watches: session 32's bench variant that focused by script
  // first did ask for it first, and its first picture waited for the sweep's nine decodes).
  const box = await scrollIntoView(byId(page, 'latent-slider-2'));
  await page.evaluate(() => { window.__asked = []; });
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
  await page.waitForFunction(() => window.__asked.includes('Sweep'), null, { timeout: 30_000 });
  const asked = await page.evaluate(() => window.__asked);
  assert.equal(asked[0], 'Slider', `the pressed slider's picture is asked for first: ${asked.join(', ')}`);
  assert.ok((await heading()).includes(await label(2)), 'the sweep follows the pressed slider');
  // Tab to the next slider without moving it: the sweep follows it.
  await page.evaluate(() => { window.__asked = []; });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'latent-slider-3');
  await page.waitForFunction(() => window.__asked.includes('Sweep'), null, { timeout: 30_000 });
  await page.waitForFunction((name) => [...document.querySelectorAll('h3')].some((h) => h.textContent.includes('Sweep along') && h.textContent.includes(name)), await label(3), { timeout: 30_000 });
  await byId(page, 'latent-reset').click();
});

/** Centre of mass (x, y) and ink extent of a 28×28 canvas. */
async function inkStats(id) {
  const g = grey(await pixels(byId(page, id)));
  let sum = 0; let sx = 0; let sy = 0; const rows = new Set(); const cols = new Set();
  g.forEach((v, i) => {
    const x = i % 28; const y = Math.floor(i / 28);
    sum += v; sx += v * (x + 0.5); sy += v * (y + 0.5);
    if (v > 12) { rows.add(y); cols.add(x); }
  });
  return { sum, x: sx / sum, y: sy / sum, height: rows.size, width: cols.size };
}

test('drawing a vertical stroke gives a centred "1", a reconstruction and neighbours; Undo and Clear work', async () => {
  const pad = byId(page, 'draw-pad');
  const box = await scrollIntoView(pad);
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * (0.15 + (0.7 * i) / 12));
  await page.mouse.up();
  await waitForInk(page, 'draw-input-28');
  const one = await inkStats('draw-input-28');
  // Where MNIST's digits have theirs: the middle of pixel (14, 14).
  assert.ok(Math.abs(one.x - 14.5) <= 0.6 && Math.abs(one.y - 14.5) <= 0.6, `centre of mass ${one.x}, ${one.y}`);
  assert.ok(one.height >= 19 && one.height <= 21, `a 20-px-tall digit: ${one.height}`);
  assert.ok(one.width <= 6, `a narrow "1": ${one.width} columns`);
  await waitForInk(page, 'draw-recon');
  await page.waitForFunction(() => Number.isFinite(parseFloat(document.querySelector('[data-testid="draw-recon-error"]').textContent)));
  assert.equal(await byId(page, 'draw-neighbours').locator('canvas').count(), 5);
  // How unusual the drawing is to the model: its error ranked among the test images'.
  const share = Number(await byId(page, 'draw-unusual').getAttribute('data-share'));
  assert.ok(share >= 0 && share <= 1, `a share of the test images: ${share}`);
  assert.match(await byId(page, 'draw-unusual').textContent(), /rebuilt worse than \d+% of the test images/);
  // The drawing is a marker in the embedding scatter, inside the plot.
  const marker = byId(page, 'draw-marker');
  await marker.waitFor({ state: 'attached', timeout: 30_000 });
  const [plot, mark] = [await byId(page, 'scatter').boundingBox(), await marker.boundingBox()];
  const [mx, my] = [mark.x + mark.width / 2, mark.y + mark.height / 2];
  assert.ok(mx >= plot.x && mx <= plot.x + plot.width && my >= plot.y && my <= plot.y + plot.height, `marker at ${mx}, ${my} in ${JSON.stringify(plot)}`);
  const placed = [await marker.getAttribute('data-x'), await marker.getAttribute('data-y')];
  // A second stroke moves it; then Undo: the input is the "1" again.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.up();
  await page.waitForFunction((placed) => {
    const m = document.querySelector('[data-testid="draw-marker"]');
    return m && (m.dataset.x !== placed[0] || m.dataset.y !== placed[1]);
  }, placed, { timeout: 30_000 });
  await byId(page, 'draw-undo').click();
  const undone = await inkStats('draw-input-28');
  assert.ok(Math.abs(undone.sum - one.sum) / one.sum < 0.01, 'Undo removed the last stroke');
  await byId(page, 'draw-clear').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draw-input-28"]').width === 0);
  assert.equal(await byId(page, 'draw-marker').count(), 0, 'no drawing, no marker');
});

test('inside the network: every layer\'s response to the drawing, redrawn with each stroke', async () => {
  const pad = byId(page, 'draw-pad');
  const box = await scrollIntoView(pad);
  const stroke = async (x0, y0, x1, y1) => {
    await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (x0 + ((x1 - x0) * i) / 8), box.y + box.height * (y0 + ((y1 - y0) * i) / 8));
    await page.mouse.up();
  };
  await stroke(0.5, 0.15, 0.5, 0.85);
  const layers = byId(page, 'activation-maps').locator('[data-testid="activation-layer"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="activation-maps"] [data-testid="activation-layer"] canvas').length === 4
      && [...document.querySelectorAll('[data-testid="activation-maps"] [data-testid="activation-layer"] canvas')].every((c) => c.width > 0), null, { timeout: 30_000 });
  assert.deepEqual(await layers.evaluateAll((ls) => ls.map((l) => l.dataset.name)), ['hidden', 'code', 'decoder hidden', 'output']);
  assert.match(await layers.nth(0).textContent(), /hidden · 64 units/);
  assert.match(await layers.nth(1).textContent(), /code · 8 units/);
  assert.match(await layers.nth(3).textContent(), /output · 1 map of 28 × 28/);
  const hiddenCanvas = layers.nth(0).locator('canvas');
  assert.deepEqual(await hiddenCanvas.evaluate((c) => [c.width, c.height]), [8, 8], '64 units in an 8 × 8 square');
  const first = grey(await pixels(hiddenCanvas));
  assert.ok(Math.max(...first) === 255 && Math.min(...first) === 0, 'scaled from the silent units (black) to the strongest (white)');
  // The output layer is the reconstruction: its bright pixels lie along the vertical stroke.
  const output = grey(await pixels(layers.nth(3).locator('canvas')));
  const column = (x) => output.filter((_, i) => i % 28 === x).reduce((a, b) => a + b, 0);
  assert.ok(column(14) > 3 * column(3), `the output is bright along the stroke: ${column(14)} vs ${column(3)}`);
  // A second stroke changes what the layers see.
  await stroke(0.15, 0.5, 0.85, 0.5);
  await page.waitForFunction((before) => {
    const c = document.querySelector('[data-testid="activation-maps"] [data-testid="activation-layer"] canvas');
    if (!c || c.width === 0) return false;
    const now = Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).filter((_, i) => i % 4 === 0);
    return now.some((v, i) => v !== before[i]);
  }, first, { timeout: 30_000 });
  await byId(page, 'draw-clear').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="activation-maps"] [data-testid="activation-layer"]').length === 0);
});

test('inside the network for a picked test image: every layer, named after the image, and another pick redraws it', async () => {
  const picker = byId(page, 'image-picker');
  const layers = byId(page, 'picked-activation-maps').locator('[data-testid="activation-layer"]');
  const outputs = {};
  for (const index of [5, 6]) {
    await picker.locator(`[data-index="${index}"]`).click();
    await page.waitForFunction((i) => {
      const maps = document.querySelector('[data-testid="picked-activation-maps"]');
      return maps && maps.previousElementSibling.textContent.includes(`test image #${i} (label `)
        && maps.querySelectorAll('canvas').length === 4;
    }, index, { timeout: 30_000 });
    assert.deepEqual(await layers.evaluateAll((ls) => ls.map((l) => l.dataset.name)), ['hidden', 'code', 'decoder hidden', 'output']);
    // The output layer is the picked image's reconstruction: the sliders jump to its code and
    // `latent-decoded` shows that code decoded. The layer's picture is scaled from its lowest
    // to its highest value, so the two agree up to that scale (correlation ~1).
    const r = await page.waitForFunction(() => {
      const out = document.querySelectorAll('[data-testid="picked-activation-maps"] canvas')[3];
      const dec = document.querySelector('[data-testid="latent-decoded"]');
      if (!out || !dec || out.width !== 28 || dec.width !== 28) return false;
      const grey = (c) => Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data).filter((_, i) => i % 4 === 0);
      const [a, b] = [grey(out), grey(dec)];
      const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
      const [ma, mb] = [mean(a), mean(b)];
      const dot = (u, mu, v, mv) => u.reduce((s, x, i) => s + (x - mu) * (v[i] - mv), 0);
      const r = dot(a, ma, b, mb) / Math.sqrt(dot(a, ma, a, ma) * dot(b, mb, b, mb));
      return r > 0.99 && r;
    }, null, { timeout: 30_000 });
    assert.ok((await r.jsonValue()) > 0.99);
    outputs[index] = grey(await pixels(layers.nth(3).locator('canvas')));
  }
  assert.ok(outputs[5].some((v, i) => v !== outputs[6][i]), 'a second pick redraws the layers');
});

test('touch and pen pointers draw too, and the Delete key clears', async () => {
  const pad = byId(page, 'draw-pad');
  const box = await pad.boundingBox();
  for (const [pointerType, pointerId] of [['touch', 11], ['pen', 12]]) {
    const at = (t) => ({ pointerType, pointerId, isPrimary: true, bubbles: true, clientX: box.x + box.width * (0.3 + 0.4 * t), clientY: box.y + box.height * 0.5 });
    await pad.dispatchEvent('pointerdown', at(0));
    for (let i = 1; i <= 6; i++) await pad.dispatchEvent('pointermove', at(i / 6));
    await pad.dispatchEvent('pointerup', at(1));
    await waitForInk(page, 'draw-input-28');
    const stats = await inkStats('draw-input-28');
    assert.ok(stats.width >= 19 && stats.height <= 8, `${pointerType}: a horizontal bar (${stats.width}×${stats.height})`);
    await pad.focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-input-28"]').width === 0);
  }
  assert.deepEqual(errors, []);
});

test('a photo of a handwritten digit on noisy, unevenly lit paper becomes the 28×28 input, centred like the original; a file that is not an image is refused', async () => {
  // The first shipped MNIST test digit, and its centre of mass.
  const raw = zlib.gunzipSync(fs.readFileSync(path.join(process.env.LAB_DIST, 'data/mnist/t10k-images-idx3-ubyte.gz')));
  const digit = Array.from(raw.subarray(16, 16 + 784));
  let [sum, sx, sy] = [0, 0, 0];
  digit.forEach((v, i) => { sum += v; sx += v * ((i % 28) + 0.5); sy += v * (Math.floor(i / 28) + 0.5); });
  const original = { x: sx / sum, y: sy / sum };
  // A "photo": the digit written 10× large in dark ink, off-centre, on light paper that darkens
  // towards one corner, with grain.
  const dataUrl = await page.evaluate((digit) => {
    const c = document.createElement('canvas');
    c.width = 420; c.height = 360;
    const ctx = c.getContext('2d');
    const img = ctx.createImageData(c.width, c.height);
    let seed = 12345;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const paper = 235 - 60 * (x + y) / (c.width + c.height);
        const [u, v] = [Math.floor((x - 150) / 10), Math.floor((y - 50) / 10)];
        const ink = u >= 0 && u < 28 && v >= 0 && v < 28 ? digit[v * 28 + u] / 255 : 0;
        const level = paper * (1 - ink) + 30 * ink + (rand() - 0.5) * 30;
        const i = 4 * (y * c.width + x);
        img.data[i] = img.data[i + 1] = img.data[i + 2] = Math.max(0, Math.min(255, level));
        img.data[i + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    return c.toDataURL('image/png');
  }, digit);
  const png = Buffer.from(dataUrl.split(',')[1], 'base64');
  await byId(page, 'photo-input').setInputFiles({ name: 'digit.png', mimeType: 'image/png', buffer: png });
  await waitForInk(page, 'draw-input-28');
  const got = await inkStats('draw-input-28');
  assert.ok(Math.abs(got.x - original.x) <= 2 && Math.abs(got.y - original.y) <= 2, `centre of mass ${got.x.toFixed(2)}, ${got.y.toFixed(2)} against the original's ${original.x.toFixed(2)}, ${original.y.toFixed(2)}`);
  // The digit itself came through, not a blob: the input correlates with the original.
  const input = grey(await pixels(byId(page, 'draw-input-28')));
  const r = correlation(input, digit);
  assert.ok(r > 0.8, `correlation with the original digit: ${r.toFixed(2)}`);
  console.log(`photo → 28×28: centre of mass ${got.x.toFixed(2)}, ${got.y.toFixed(2)} (original ${original.x.toFixed(2)}, ${original.y.toFixed(2)}), correlation ${r.toFixed(3)}`);
  await waitForInk(page, 'draw-recon');
  assert.equal(await byId(page, 'photo-error').count(), 0);
  // Not an image: said, and the pad keeps the photo.
  const before = await pixels(byId(page, 'draw-input-28'));
  await byId(page, 'photo-input').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are not pixels') });
  await byId(page, 'photo-error').waitFor({ timeout: 10_000 });
  assert.match(await byId(page, 'photo-error').textContent(), /notes\.png is not an image this browser can read.*The pad is unchanged/);
  assert.deepEqual(await pixels(byId(page, 'draw-input-28')), before);
  await byId(page, 'draw-clear').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draw-input-28"]').width === 0);
  assert.equal(await byId(page, 'photo-error').count(), 0, 'Clear also clears the message');
});

test('after linear evaluation of the codes, a drawing gets a class prediction with probabilities', async () => {
  await byId(page, 'linear-eval-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="linear-eval-accuracy"]')?.textContent.includes('Test accuracy'), null, { timeout: 120_000 });
  const accuracy = Number((await byId(page, 'linear-eval-accuracy').textContent()).match(/Test accuracy ([\d.]+)%/)[1]);
  assert.ok(accuracy > 50, `a linear classifier on k = 8 autoencoder codes: ${accuracy}%`);
  await drawOne(page);
  const { classes, total } = await drawnPrediction(page);
  assert.equal(classes, 10, 'a probability for each digit');
  assert.ok(total > 95 && total < 105, `probabilities sum to ~100%: ${total}`);
  await byId(page, 'draw-clear').click();
  assert.deepEqual(errors, []);
});

test('the latent map of a k = 2 autoencoder: drawn each epoch while it trains and kept for the replay, a decoded grid behind the dots, the point under the pointer decoded, and a VAE\'s map beside it', async () => {
  const { page: p, errors: errs } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=64&k=2&batch=128&epochs=2&seed=6`);
  await ready(p);
  // Every change of the map's epoch, with whether the model was training then.
  await p.evaluate(() => {
    window.__mapEpochs = [];
    new MutationObserver(() => {
      const c = document.querySelector('[data-testid="latent-map"]');
      if (!c || c.dataset.tiles !== '256') return;
      const training = document.querySelector('[data-testid="train-start"]').disabled;
      const last = window.__mapEpochs.at(-1);
      if (!last || last.epoch !== c.dataset.epoch) window.__mapEpochs.push({ epoch: c.dataset.epoch, step: c.dataset.step, training });
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-epoch', 'data-tiles'], childList: true });
  });
  await byId(p, 'train-start').click();
  const map = byId(p, 'latent-map');
  await p.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  const seen = await p.evaluate(() => window.__mapEpochs);
  assert.ok(seen.some((e) => e.training && e.epoch !== undefined), `a replay frame's map was drawn while training: ${JSON.stringify(seen)}`);
  // The epoch replay keeps each epoch's map: the scrubber at the untrained model and at epoch 2.
  const scrubber = byId(p, 'epoch-scrubber');
  await scrubber.focus();
  await p.keyboard.press('Home');
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map"]')?.dataset.epoch === '0' && document.querySelector('[data-testid="latent-map"]').dataset.tiles === '256', null, { timeout: 30_000 });
  const untrained = grey(await pixels(map));
  // …and each epoch's reconstructions of the grid's test images.
  const reconstructions = byId(p, 'epoch-reconstructions');
  await reconstructions.waitFor({ timeout: 30_000 });
  assert.equal(await reconstructions.locator('canvas').count(), 16);
  const rebuilt = async () => Promise.all((await reconstructions.locator('canvas').all()).slice(0, 4).map(async (c) => grey(await pixels(c))));
  const rebuiltUntrained = await rebuilt();
  await p.keyboard.press('End');
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map"]')?.dataset.epoch === '2' && document.querySelector('[data-testid="latent-map"]').dataset.tiles === '256', null, { timeout: 30_000 });
  const frameStep = Number((await byId(p, 'epoch-scrubber-label').textContent()).match(/step ([\d,]+)/)[1].replaceAll(',', ''));
  const mapStep = Number(await map.getAttribute('data-step'));
  assert.ok(mapStep >= frameStep, `epoch 2's map decoded at step ${mapStep}, its scatter at ${frameStep}`);
  const trained = grey(await pixels(map));
  const moved = trained.reduce((s, v, i) => s + Math.abs(v - untrained[i]), 0) / trained.length;
  assert.ok(moved > 5, `the untrained and trained maps differ (mean change ${moved})`);
  assert.match(await p.locator('.latent-map-pair figcaption').first().textContent(), /After epoch 2 \(decoded at step [\d,]+\)/);
  const rebuiltTrained = await rebuilt();
  const rebuiltChange = rebuiltTrained.flat().reduce((s, v, i) => s + Math.abs(v - rebuiltUntrained.flat()[i]), 0) / rebuiltTrained.flat().length;
  assert.ok(rebuiltChange > 5, `the reconstructions at epoch 2 differ from the untrained model's (mean change ${rebuiltChange})`);
  // Live again: the live map (no frame), which the pointer decodes.
  await byId(p, 'epoch-live').click();
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map"]')?.dataset.epoch === undefined, null, { timeout: 30_000 });
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map"]')?.dataset.tiles === '256', null, { timeout: 300_000 });
  assert.equal(await map.getAttribute('data-side'), '16');
  assert.deepEqual(await map.evaluate((c) => [c.width, c.height]), [16 * 28, 16 * 28], 'sixteen 28×28 tiles a side');
  const tiles = grey(await pixels(map));
  assert.ok(tiles.some((v) => v > 150), 'the decoder draws strokes on the tiles');
  // Corners of the plane decode to different pictures.
  await waitForInk(p, 'latent-decoded');
  const box = await scrollIntoView(map);
  const decoded = async () => grey(await pixels(byId(p, 'latent-decoded')));
  await p.mouse.move(box.x + box.width * 0.15, box.y + box.height * 0.15);
  await p.waitForTimeout(500);
  const first = await decoded();
  await p.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.85, { steps: 5 });
  await p.waitForFunction((b) => {
    const c = document.querySelector('[data-testid="latent-decoded"]');
    const d = Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).filter((_, i) => i % 4 === 0);
    return d.some((v, i) => v !== b[i]);
  }, first, { timeout: 30_000 });
  const second = await decoded();
  const change = second.reduce((s, v, i) => s + Math.abs(v - first[i]), 0) / second.length;
  assert.ok(change > 2, `opposite corners decode alike (mean change ${change})`);
  // A VAE trained next: its map beside the autoencoder's (E4/E5's comparison, seen).
  await byId(p, 'model-select').selectOption('vae');
  await byId(p, 'train-start').click();
  const previous = byId(p, 'latent-map-previous');
  await previous.waitFor({ timeout: 60_000 });
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map-previous"]')?.dataset.tiles === '256', null, { timeout: 60_000 });
  assert.match(await p.locator('.latent-map-pair figcaption').last().textContent(), /previous run, MLP autoencoder/);
  await p.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  await p.waitForFunction(() => document.querySelector('[data-testid="latent-map"]')?.dataset.tiles === '256', null, { timeout: 60_000 });
  assert.match(await p.locator('.latent-map-pair figcaption').first().textContent(), /VAE/);
  assert.deepEqual(errs, []);
  await p.close();
});
