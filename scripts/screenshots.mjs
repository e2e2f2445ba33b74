// The pictures of README.md and docs/features.md: train the default MNIST autoencoder (5 epochs, CPU) in headless
// Chromium, draw digits on the pad with the mouse, and screenshot what the model makes of them.
//   LAB_DIST=dist node scripts/screenshots.mjs
import { serve, launch, byId, ready, scrollIntoView } from '../tests/e2e/harness.mjs';

// Strokes in pad coordinates (0–1), one polyline per stroke.
const DIGITS = {
  7: [[[0.25, 0.2], [0.75, 0.2], [0.6, 0.45], [0.45, 0.85]]],
  2: [[[0.28, 0.32], [0.35, 0.2], [0.5, 0.15], [0.65, 0.2], [0.7, 0.33], [0.62, 0.48], [0.45, 0.63], [0.3, 0.8], [0.5, 0.8], [0.75, 0.8]]],
  3: [[[0.3, 0.2], [0.5, 0.15], [0.68, 0.25], [0.6, 0.42], [0.45, 0.48], [0.62, 0.55], [0.7, 0.7], [0.55, 0.83], [0.3, 0.8]]],
};

const server = await serve();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu&epochs=5`);
  await ready(page);
  // The section bar scrolls away with the page: sticky, it would cover each panel's heading in
  // an element's screenshot. (The page's CSP refuses an added <style>.)
  await page.evaluate(() => { document.querySelector('.section-nav').style.position = 'static'; });
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 900_000 });
  await byId(page, 'latent-slider-0').waitFor({ timeout: 120_000 });
  const pad = byId(page, 'draw-pad');
  for (const [digit, strokes] of Object.entries(DIGITS)) {
    await byId(page, 'draw-clear').click();
    // Where the pad stays once the panels around it have rendered (harness.mjs).
    const box = await scrollIntoView(pad);
    for (const stroke of strokes) {
      const at = ([x, y]) => [box.x + box.width * x, box.y + box.height * y];
      await page.mouse.move(...at(stroke[0]));
      await page.mouse.down();
      for (let i = 1; i < stroke.length; i++) {
        const [a, b] = [stroke[i - 1], stroke[i]];
        for (let t = 1; t <= 6; t++) await page.mouse.move(...at([a[0] + ((b[0] - a[0]) * t) / 6, a[1] + ((b[1] - a[1]) * t) / 6]));
      }
      await page.mouse.up();
    }
    await page.waitForTimeout(800);
    const error = await byId(page, 'draw-recon-error').textContent();
    await page.locator('.draw-panel').screenshot({ path: `docs/draw-${digit}.png` });
    console.log(`digit ${digit}: reconstruction MSE ${error} → docs/draw-${digit}.png`);
  }
  await page.locator('.explore').screenshot({ path: 'docs/explore.png' });
  console.log('→ docs/explore.png');
} finally {
  await browser.close();
  await server.close();
}
