// Pictures for docs/features.md, taken from the tab: the epoch replay of a k = 2 autoencoder
// (the latent map and the reconstructions after epochs 1 and 4), and a laptop's camera (Chromium's
// fake camera playing tests/e2e/fake-camera.mjs's video of a digit on paper), before and after
// Take photo.
//   LAB_DIST=dist node scripts/screenshot-replay-camera.mjs
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, byId, ready } from '../tests/e2e/harness.mjs';
import { cameraArgs, fakeCamera } from '../tests/e2e/fake-camera.mjs';

const server = await serve();
const video = fakeCamera(process.env.LAB_DIST).digitVideo();
const browser = await launch(undefined, cameraArgs(video));
const shoot = async (locator, file) => {
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: file });
  console.log(file);
};
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu&hidden=64&k=2&batch=128&epochs=4&seed=6`);
  await ready(page);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 600_000 });
  const scrubber = byId(page, 'epoch-scrubber');
  for (const [key, epoch] of [['Home', '1'], ['End', '4']]) {
    await scrubber.focus();
    await page.keyboard.press(key);
    if (key === 'Home') await page.keyboard.press('ArrowRight');
    await page.waitForFunction((e) => {
      const c = document.querySelector('[data-testid="latent-map"]');
      return c?.dataset.epoch === e && c.dataset.tiles === '256';
    }, epoch);
    await byId(page, 'epoch-reconstructions').waitFor();
    await shoot(page.locator('.latent-map-box').first(), `docs/replay-map-epoch${epoch}.png`);
    await shoot(byId(page, 'epoch-reconstructions'), `docs/replay-reconstructions-epoch${epoch}.png`);
  }
  await byId(page, 'epoch-live').click();

  await byId(page, 'camera-live').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="camera-video"]')?.videoWidth > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  await shoot(page.locator('.pad-wrap'), 'docs/camera-live.png');
  await byId(page, 'camera-take').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="draw-recon"]')?.width > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  await shoot(page.locator('.draw'), 'docs/camera-draw.png');
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(path.dirname(video), { recursive: true, force: true });
}
