// Issue 18: a run that would not fit the GPU's buffers is refused before anything is allocated,
// naming the limit and a batch that fits. SwiftShader allows 1 GiB per buffer, more than any
// run within the lab's ranges needs, so the test gives the worker an adapter that reports
// 128 MiB (WebGPU's default `maxStorageBufferBindingSize`, common on phones and integrated
// GPUs); the device the lab then asks for has that limit too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openLab, byId, ready, chromiumOnly } from './harness.mjs';

const SMALL_GPU = `
const limits = Object.getOwnPropertyDescriptor(GPUAdapter.prototype, 'limits');
Object.defineProperty(GPUAdapter.prototype, 'limits', {
  get() {
    const real = limits.get.call(this);
    return new Proxy(real, { get: (t, key) => (key === 'maxStorageBufferBindingSize' ? 134217728 : Reflect.get(t, key, t)) });
  },
});
`;

let server;
let browser;
before(async () => {
  server = await serve(undefined, 'index.html', {
    transform: (pathname, body) => (pathname.endsWith('/worker_loader.js') ? Buffer.concat([Buffer.from(SMALL_GPU), body]) : body),
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('a CNN batch too large for a 128 MiB GPU buffer is refused before allocating, with a batch that fits', { skip: chromiumOnly('WebGPU on a software adapter') }, async () => {
  const { page, errors } = await openLab(browser.context, `${server.url}?backend=webgpu&dataset=cifar10&model=cnn&batch=3999&epochs=1`);
  await ready(page, 300_000);
  assert.match(await byId(page, 'backend-badge').textContent(), /WebGPU/);
  await byId(page, 'train-start').click();
  await byId(page, 'error-banner').waitFor({ timeout: 30_000 });
  const message = await byId(page, 'error-banner').textContent();
  assert.match(message, /Not started: this run needs a 524 MB buffer for one batch's widest layer \(3999 images\) and this GPU allows 134 MB per buffer \(maxStorageBufferBindingSize\): a batch of 1024 or less fits/);
  assert.equal(await page.textContent('.status'), 'Ready to train', 'nothing started');
  assert.deepEqual(errors, []);
  await page.close();
});
