// Issue 18: a GPU lost in the middle of a WebGPU run (here the device is destroyed, as a driver
// reset or the browser reclaiming it would lose it) is reported at once, the worker is stopped,
// restarted on the CPU by itself, and the run resumes from its checkpoint with no click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, metric, chromiumOnly } from './harness.mjs';

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

test('a GPU lost mid-run is reported, and the run goes on on the CPU from its checkpoint by itself', { timeout: 900_000, skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=webgpu&hidden=16&k=4&batch=512&epochs=3&seed=14`);
  await ready(page, 300_000);
  assert.match(await byId(page, 'backend-badge').textContent(), /WebGPU/);
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="checkpoint-status"]')?.dataset.epoch ?? 0) >= 1, null, { timeout: 600_000 });
  const [worker] = page.workers();
  const t0 = Date.now();
  const checkpointed = Number(await byId(page, 'checkpoint-status').getAttribute('data-epoch'));
  await worker.evaluate(() => self.__testDevices.forEach((d) => d.destroy()));
  await page.waitForFunction(() => /GPU stopped working/.test(document.querySelector('[data-testid="error-banner"]')?.textContent ?? ''), null, { timeout: 10_000 });
  assert.ok(Date.now() - t0 < 10_000);
  // No click: the worker restarts on the CPU and the run resumes from its checkpoint.
  await page.waitForFunction(() => /CPU/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? '')
      && document.querySelector('.status')?.textContent === 'Training', null, { timeout: 60_000 });
  assert.ok(Date.now() - t0 < 60_000, `training again on the CPU ${Date.now() - t0} ms after the loss`);
  assert.match(page.url(), /backend=cpu/);
  assert.ok(await metric(page, 'metric-epoch') >= checkpointed, 'resumed from the checkpoint, not from the start');
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 300_000 });
  assert.equal(await byId(page, 'metric-epoch').textContent(), '3');
  assert.match(await byId(page, 'error-banner').textContent(), /went on on the CPU from its checkpoint \(epoch \d\)/);
  // Errors the lost device made in the console before the worker was stopped are expected.
  assert.deepEqual(errors.filter((e) => !/GPU|device|lost|destroyed/i.test(e)), []);
  await page.close();
});
