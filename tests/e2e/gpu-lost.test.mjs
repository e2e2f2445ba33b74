// Issue 18: a GPU lost in the middle of a WebGPU run (here the device is destroyed, as a driver
// reset or the browser reclaiming it would lose it) is reported at once, the worker is stopped,
// and "Go on on the CPU" restarts it on the CPU and resumes the run from its checkpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready } from './harness.mjs';

// Keeps every device the worker asks for within the test's reach.
const KEEP_DEVICES = `
if (self.GPUAdapter) {
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await requestDevice.apply(this, args);
    (self.__testDevices ||= []).push(device);
    return device;
  };
}
`;

let server;
let browser;
before(async () => {
  server = await serve(undefined, 'index.html', {
    transform: (pathname, body) => (pathname.endsWith('/worker_loader.js') ? Buffer.concat([Buffer.from(KEEP_DEVICES), body]) : body),
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('a GPU lost mid-run is reported, and the run goes on on the CPU from its checkpoint', { timeout: 900_000 }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=webgpu&hidden=16&k=4&batch=512&epochs=3&seed=14`);
  await ready(page, 300_000);
  assert.match(await byId(page, 'backend-badge').textContent(), /WebGPU/);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 600_000 });
  const [worker] = page.workers();
  const t0 = Date.now();
  await worker.evaluate(() => self.__testDevices.forEach((d) => d.destroy()));
  await byId(page, 'continue-on-cpu').waitFor({ timeout: 10_000 });
  assert.ok(Date.now() - t0 < 10_000);
  assert.match(await byId(page, 'error-banner').textContent(), /GPU stopped working/);
  assert.equal(await page.textContent('.status'), 'Failed');
  await byId(page, 'continue-on-cpu').click();
  await ready(page);
  assert.match(await byId(page, 'backend-badge').textContent(), /CPU/);
  assert.match(page.url(), /backend=cpu/);
  const offer = byId(page, 'resume-run');
  await offer.waitFor({ timeout: 30_000 });
  await offer.click();
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  assert.equal(await byId(page, 'metric-epoch').textContent(), '3');
  // Errors the lost device made in the console before the worker was stopped are expected.
  assert.deepEqual(errors.filter((e) => !/GPU|device|lost|destroyed/i.test(e)), []);
  await page.close();
});
