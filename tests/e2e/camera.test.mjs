// A laptop's live camera (`camera-live`): Chromium's fake camera plays a video file made here —
// a shipped MNIST digit written large in dark ink on light, unevenly lit, grainy paper — and
// "Take photo" must put that digit on the pad, centred like the original; the camera is off
// afterwards. A browser without any camera gets a sentence and an unchanged pad.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openLab, byId, ready, correlation, chromiumOnly } from './harness.mjs';
import { cameraArgs, fakeCamera } from './fake-camera.mjs';

let server;
let video;

const { digit, original, digitVideo } = fakeCamera(process.env.LAB_DIST);

before(async () => {
  server = await serve();
  video = digitVideo();
});
after(async () => {
  await server?.close();
  fs.rmSync(path.dirname(video), { recursive: true, force: true });
});

const grey = (rgba) => rgba.filter((_, i) => i % 4 === 0);
const pixels = (locator) => locator.evaluate((c) => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data));

test('the live camera: Take photo puts the digit it sees on the pad, centred like the original, and switches the camera off', { skip: chromiumOnly('the fake camera is a Chromium switch (fake-camera.mjs)') }, async () => {
  const browser = await launch(undefined, cameraArgs(video));
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=16&k=4&batch=128&epochs=1&seed=2`);
    await ready(page);
    await byId(page, 'train-start').click();
    await byId(page, 'draw-pad').waitFor({ timeout: 300_000 });
    // Nothing asks for the camera before the click.
    assert.equal(await byId(page, 'camera-video').count(), 0);
    await byId(page, 'camera-live').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="camera-video"]')?.videoWidth > 0, null, { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="camera-video"]').srcObject.getVideoTracks()[0].readyState), 'live');
    // Keep a handle on the stream to see it stopped after the photo.
    await page.evaluate(() => { window.__cameraStream = document.querySelector('[data-testid="camera-video"]').srcObject; });
    await byId(page, 'camera-take').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-input-28"]')?.width > 0, null, { timeout: 30_000 });
    assert.equal(await byId(page, 'camera-video').count(), 0, 'the camera view closes');
    assert.equal(await page.evaluate(() => window.__cameraStream.getTracks().every((t) => t.readyState === 'ended')), true, 'the camera is switched off');
    assert.equal(await byId(page, 'photo-error').count(), 0);
    const input = grey(await pixels(byId(page, 'draw-input-28')));
    let [sum, sx, sy] = [0, 0, 0];
    input.forEach((v, i) => { sum += v; sx += v * ((i % 28) + 0.5); sy += v * (Math.floor(i / 28) + 0.5); });
    const got = { x: sx / sum, y: sy / sum };
    assert.ok(Math.abs(got.x - original.x) <= 2 && Math.abs(got.y - original.y) <= 2, `centre of mass ${got.x.toFixed(2)}, ${got.y.toFixed(2)} against the original's ${original.x.toFixed(2)}, ${original.y.toFixed(2)}`);
    const r = correlation(input, digit);
    assert.ok(r > 0.8, `correlation with the original digit: ${r.toFixed(2)}`);
    console.log(`camera → 28×28: centre of mass ${got.x.toFixed(2)}, ${got.y.toFixed(2)} (original ${original.x.toFixed(2)}, ${original.y.toFixed(2)}), correlation ${r.toFixed(3)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="draw-recon"]')?.width > 0, null, { timeout: 60_000 });
    // Cancel also switches it off and leaves the pad as it was.
    const before = await pixels(byId(page, 'draw-input-28'));
    await byId(page, 'camera-live').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="camera-video"]')?.videoWidth > 0, null, { timeout: 30_000 });
    await page.evaluate(() => { window.__cameraStream = document.querySelector('[data-testid="camera-video"]').srcObject; });
    await byId(page, 'camera-cancel').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="camera-video"]'));
    assert.equal(await page.evaluate(() => window.__cameraStream.getTracks().every((t) => t.readyState === 'ended')), true);
    assert.deepEqual(await pixels(byId(page, 'draw-input-28')), before);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('without a camera, the Camera button says so and the pad is unchanged', async () => {
  // Permission is granted without a prompt, but this browser has no capture device.
  const browser = await launch(undefined, ['--use-fake-ui-for-media-stream']);
  try {
    const { page } = await openLab(browser.context, `${server.url}?backend=cpu&hidden=16&k=4&batch=128&epochs=1&seed=2`);
    await ready(page);
    await byId(page, 'train-start').click();
    await byId(page, 'draw-pad').waitFor({ timeout: 300_000 });
    await byId(page, 'camera-live').click();
    await byId(page, 'photo-error').waitFor({ timeout: 30_000 });
    assert.match(await byId(page, 'photo-error').textContent(), /camera.*The pad is unchanged/);
    assert.equal(await byId(page, 'camera-video').count(), 0);
    assert.equal(await byId(page, 'draw-input-28').evaluate((c) => c.width), 0, 'nothing on the pad');
  } finally {
    await browser.close();
  }
});
