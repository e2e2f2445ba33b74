// The threaded CPU worker (scripts/build-threads.sh; `make test-threads`), in headless Chromium:
// on a cross-origin isolated page with ?backend=cpu the page starts it, its rayon pool has one
// thread per core, and it trains the default MLP autoencoder to a finite, falling loss. Without
// the isolation headers the page keeps the single-threaded worker, until the service worker
// (which adds them) has taken it over: then it reloads once, isolated, into the threaded one.
// Chromium runs relaxed SIMD, so where the site has the threaded worker's relaxed-SIMD build
// (threads-relaxed/) that is the one started; if it fails to start, the plain threaded one
// takes over. Skipped for a site built without the threaded worker (`make test`'s dev build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, byId, ready, recordWorkers, eventCount, openLabOn, trainUntilStep, ISOLATION } from './harness.mjs';

const dist = process.env.LAB_DIST;
const built = dist && fs.existsSync(path.join(dist, 'threads/build.json'));
const relaxedBuilt = dist && fs.existsSync(path.join(dist, 'threads-relaxed/build.json'));
const skip = built ? false : 'this site has no threaded worker (build it with `make test-threads`)';


test('cross-origin isolated with ?backend=cpu: the threaded worker trains the default MLP autoencoder', { skip }, async () => {
  const server = await serve(dist, 'index.html', { headers: ISOLATION });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await recordWorkers(page);
    // The default model and batch (MNIST's 10,000 training images: 79 steps an epoch).
    const { errors } = await openLabOn(page, `${server.url}?backend=cpu&epochs=10&seed=1`);
    await ready(page);
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, 'the page is cross-origin isolated');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const workers = await page.evaluate(() => window.__workers);
    assert.deepEqual(workers.map((w) => [w.url.replace(/\?.*$/, '').split('/').pop(), w.type]), [['worker_threads_loader.js', 'module']]);
    assert.equal(new URL(workers[0].url, server.url).searchParams.get('build'), relaxedBuilt ? 'threads-relaxed' : null, 'the relaxed-SIMD build where there is one');
    const badge = await byId(page, 'backend-badge').textContent();
    assert.match(badge, new RegExp(`CPU, ${cores} threads`), `the badge names the threads: ${badge}`);
    if (relaxedBuilt) assert.match(badge, /relaxed SIMD, 12 × [34] kernels, timed at \d+ against \d+ GFLOP\/s/, `the badge names the relaxed build and the kernels it timed faster: ${badge}`);
    assert.equal(await eventCount(page, 'WorkerReady'), 1, 'one WorkerReady: the helper threads did not run main');

    const losses = await trainUntilStep(page, 300);
    const [first, last] = [losses[0], losses.at(-1)];
    const rates = losses.map((l) => l.images_per_s).filter((r) => r > 0);
    console.log(`threaded worker (${cores} threads): ${losses.length} reports to step ${last.step}, loss ${first.train.loss.toFixed(4)} → ${last.train.loss.toFixed(4)}, ${Math.round(rates.at(-1))} images/s`);
    assert.equal(await byId(page, 'error-banner').count(), 0, 'no error banner');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('without isolation headers: the single-threaded worker, then one reload into the threaded one once the service worker serves the lab', { skip }, async () => {
  const server = await serve(dist);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await recordWorkers(page);
    // Each document the tab loads, kept in the tab's session across the reload: whether it was
    // isolated and the workers it started. (In Firefox the reload may come before the first
    // document is ready.)
    await page.addInitScript(() => {
      if (location.protocol !== 'http:') return; // about:blank (Firefox refuses it sessionStorage)
      const loads = JSON.parse(sessionStorage.getItem('test-loads') ?? '[]');
      const mine = { isolated: self.crossOriginIsolated, workers: [] };
      loads.push(mine);
      const keep = () => sessionStorage.setItem('test-loads', JSON.stringify(loads));
      keep();
      const Recorded = window.Worker;
      window.Worker = class extends Recorded {
        constructor(url, options) { super(url, options); mine.workers.push(options?.type ?? 'classic'); keep(); }
      };
    });
    const { errors } = await openLabOn(page, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=1`);
    // The service worker takes the page over (after precaching) and the page reloads, once.
    const loads = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('test-loads'))).catch(() => []);
    for (const start = Date.now(); (await loads()).length < 2 && Date.now() - start < 240_000;) await page.waitForTimeout(250);
    await ready(page);
    // First visit: not isolated, so the classic worker; the service worker installed meanwhile.
    const [first] = await loads();
    assert.equal(first.isolated, false);
    assert.deepEqual(first.workers, ['classic']);
    await page.waitForFunction(() => window.__events.some((e) => e?.BackendReady), null, { timeout: 60_000 });
    const second = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, workers: window.__workers, controlled: !!navigator.serviceWorker.controller }));
    assert.deepEqual(second, { isolated: true, workers: [second.workers[0]], controlled: true });
    assert.match(second.workers[0].url, /worker_threads_loader\.js/);
    assert.match(await byId(page, 'backend-badge').textContent(), /threads/);
    // No further reload (the session flag): the page stays.
    await page.evaluate(() => { window.stayed = true; });
    await page.waitForTimeout(3000);
    assert.equal(await page.evaluate(() => window.stayed), true);
    assert.equal((await loads()).length, 2, 'one reload');
    await byId(page, 'train-start').click();
    await page.waitForFunction(() => window.__events.some((e) => e?.TrainLoss?.step >= 20), null, { timeout: 300_000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a threaded relaxed-SIMD worker whose wasm is refused gives way to the plain threaded one, which trains', { skip: relaxedBuilt ? false : 'this site has no threaded relaxed-SIMD worker' }, async () => {
  const server = await serve(dist, 'index.html', {
    headers: ISOLATION,
    transform: (pathname, body) => (pathname.endsWith('/threads-relaxed/worker_bg.wasm') ? Buffer.from('not wasm') : body),
  });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await recordWorkers(page);
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await openLabOn(page, `${server.url}?backend=cpu&hidden=32&k=8&batch=256&epochs=2&seed=1`);
    await ready(page);
    await page.waitForFunction(() => window.__events.some((e) => e?.BackendReady), null, { timeout: 60_000 });
    const builds = await page.evaluate(() => window.__workers.map((w) => new URL(w.url, location.href).searchParams.get('build') ?? 'threads'));
    assert.deepEqual(builds, ['threads-relaxed', 'threads']);
    assert.ok(warnings.some((w) => /threaded relaxed-SIMD training worker did not start.*using the threaded one/.test(w)), `a console warning says why: ${warnings}`);
    const badge = await byId(page, 'backend-badge').textContent();
    assert.match(badge, /threads/);
    assert.doesNotMatch(badge, /relaxed/);
    await byId(page, 'train-start').click();
    await page.waitForFunction(() => window.__events.some((e) => e?.TrainLoss?.step >= 20), null, { timeout: 300_000 });
    assert.equal(await byId(page, 'error-banner').count(), 0, 'no error banner');
  } finally {
    await browser.close();
    await server.close();
  }
});
