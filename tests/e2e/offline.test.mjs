// Offline use and the page's hardening, in headless Chromium: after the first visit the service
// worker has precached the lab, so a reload with the network off (and the server gone) loads and
// trains; Chromium finds the lab installable; a new deploy shows the update banner, whose button
// reloads into the new version; the Content-Security-Policy holds, and no request leaves the
// origin. Each test has a fresh browser profile, so each starts with no service worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openLab, byId, ready, chromiumOnly, ISOLATION } from './harness.mjs';

/**
 * A site built with the threaded CPU worker reloads once when the service worker first takes it
 * over (cross-origin isolation, covered by threads.test.mjs); served with the isolation headers,
 * as a host that can send them would, it does not, and these tests see the same page throughout.
 */
const HEADERS = fs.existsSync(path.join(process.env.LAB_DIST ?? '', 'threads/build.json'))
  ? { headers: ISOLATION }
  : {};

/** Small CPU settings: one quick epoch. */
const SMALL = '?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=1';

/** The `BUILD` object (version and precache list) of the built sw.js in `dir`. */
function swBuild(dir) {
  const line = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m);
  assert.ok(line, `no filled-in BUILD line in ${dir}/sw.js`);
  return JSON.parse(line[1]);
}

/**
 * Wait until a service worker controls `page`. It activates (and claims the page) only once
 * it has precached every file, so control means the lab is stored. Returns the cache names.
 */
async function waitControlled(page, timeout = 180_000) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout });
  return page.evaluate(() => caches.keys());
}

/** The scope-relative paths stored in the cache `name`. */
const cachedPaths = (page, name) => page.evaluate(async (n) => {
  const scope = (await navigator.serviceWorker.getRegistration()).scope;
  return (await (await caches.open(n)).keys()).map((r) => r.url.slice(scope.length));
}, name);

/** Train with the page's settings until the run ends; returns the chart's test-loss y values. */
async function trainToEnd(page) {
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="train-start"]').disabled === false
      && Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1, null, { timeout: 300_000 });
  return byId(page, 'loss-chart').locator('circle.test').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
}

test('after the first visit, a reload with the network off loads the lab and trains', async () => {
  const build = swBuild(process.env.LAB_DIST);
  const server = await serve(process.env.LAB_DIST, 'index.html', HEADERS);
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, server.url + SMALL);
    await ready(page);
    const names = await waitControlled(page);
    const ours = names.filter((n) => n.endsWith(`:${build.version}`));
    assert.equal(ours.length, 1, `one cache for this version: ${names}`);
    // Every file is kept but the worker builds' wasm, of which only the one started is: this
    // page trains on the CPU, so the CPU-only build (its relaxed-SIMD build where the site has
    // one: Chromium runs relaxed SIMD), kept by the page's word after the service worker took
    // over (the page fetched it before).
    const relaxed = fs.existsSync(path.join(process.env.LAB_DIST, 'relaxed/worker_cpu_bg.wasm'));
    const [started, other] = relaxed ? ['relaxed/worker_cpu_bg.wasm', 'worker_cpu_bg.wasm'] : ['worker_cpu_bg.wasm', 'relaxed/worker_cpu_bg.wasm'];
    for (let t = 0; t < 300 && !(await cachedPaths(page, ours[0])).includes(started); t++) await page.waitForTimeout(100);
    const stored = new Set(await cachedPaths(page, ours[0]));
    const missing = build.files.filter((f) => !f.onUse).map((f) => f.path).filter((p) => !stored.has(p));
    assert.deepEqual(missing, [], 'every shipped file is precached');
    assert.ok(stored.has(started), `the started worker build is kept: ${[...stored].filter((p) => p.includes('worker'))}`);
    assert.ok(!stored.has('worker_bg.wasm'), 'the WebGPU build, not started, is not downloaded');
    assert.ok(!stored.has(other), `the other CPU build, not started, is not downloaded (${other})`);
    assert.deepEqual(build.files.filter((f) => f.onUse).map((f) => f.path).sort(), ['worker_bg.wasm', 'worker_cpu_bg.wasm', ...(relaxed ? ['relaxed/worker_cpu_bg.wasm'] : [])].sort());
    assert.ok(build.files.some((f) => f.path.startsWith('data/mnist/')));

    // The network goes away: nothing answers any more, so whatever loads comes from the cache.
    await browser.context.setOffline(true);
    await server.close();
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser is offline');
    const testYs = await trainToEnd(page);
    assert.equal(testYs.length, 2, 'test loss before training and after the epoch');
    assert.ok(testYs[1] > testYs[0], `the test loss fell while offline: ${testYs}`);
    assert.ok(Number.isFinite(Number(await byId(page, 'metric-test-loss').textContent())));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('Chromium reads the web app manifest without errors and finds the lab installable', { skip: chromiumOnly('the manifest is read through the DevTools protocol') }, async () => {
  const server = await serve(process.env.LAB_DIST, 'index.html', HEADERS);
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, server.url);
    await ready(page);
    await waitControlled(page);
    const cdp = await browser.context.newCDPSession(page);
    const { errors: manifestErrors, manifest } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, []);
    assert.equal(manifest.name, 'Representation Lab');
    assert.equal(manifest.startUrl, server.url);
    assert.deepEqual(manifest.icons.map((i) => i.sizes), ['192x192', '512x512']);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'installable');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a new deploy shows the update banner, and its button reloads into the new version', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-deploy-'));
  fs.cpSync(process.env.LAB_DIST, dir, { recursive: true });
  const server = await serve(dir, 'index.html', HEADERS);
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, `${server.url}?backend=cpu`);
    await ready(page);
    const { version } = swBuild(dir);
    assert.deepEqual((await waitControlled(page)).map((n) => n.split(':').pop()), [version]);
    assert.equal(await byId(page, 'update-banner').count(), 0, 'no banner while this is the newest version');

    // Deploy a new version: the browser compares sw.js byte for byte, and its version names the cache.
    const swPath = path.join(dir, 'sw.js');
    const next = `${version}-next`;
    fs.writeFileSync(swPath, fs.readFileSync(swPath, 'utf8').replace(`"version":"${version}"`, `"version":"${next}"`));
    assert.equal(swBuild(dir).version, next);
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    await byId(page, 'update-banner').waitFor({ timeout: 180_000 });
    assert.match(await byId(page, 'update-banner').textContent(), /new version/);
    assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null));

    await page.evaluate(() => { window.beforeUpdate = true; });
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await byId(page, 'update-reload').click();
    await reloaded;
    await ready(page);
    assert.equal(await page.evaluate(() => window.beforeUpdate), undefined, 'the page reloaded');
    const names = await waitControlled(page);
    assert.deepEqual(names.map((n) => n.split(':').pop()), [next], 'the new version controls the page; the old cache is gone');
    assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting === null));
    assert.equal(await byId(page, 'update-banner').count(), 0, 'no banner after updating');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CSP holds (wasm-unsafe-eval, no unsafe-eval, no violation) and no request leaves the origin', async () => {
  const server = await serve(process.env.LAB_DIST, 'index.html', HEADERS);
  const browser = await launch();
  const requests = [];
  const cspMessages = [];
  // The context sees the page's, its dedicated worker's and the service worker's requests.
  browser.context.on('request', (r) => requests.push(r.url()));
  browser.context.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspMessages.push(m.text()); });
  await browser.context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  try {
    const { page, errors } = await openLab(browser.context, server.url + SMALL);
    await ready(page);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    const scriptSrc = meta.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
    assert.match(scriptSrc, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(meta, /'unsafe-eval'/);
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'/);
    const testYs = await trainToEnd(page);
    assert.ok(testYs[1] > testYs[0], `training ran under the CSP: ${testYs}`);
    await waitControlled(page);

    const origin = new URL(server.url).origin;
    const foreign = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'every request stays on the origin');
    // The recording is not blind: it saw the worker's wasm and its dataset fetches.
    assert.ok(requests.some((u) => u.includes('/worker_cpu_bg.wasm')), 'the (CPU-only) worker wasm request was recorded');
    assert.ok(!requests.some((u) => u.includes('/worker_bg.wasm')), 'training on the CPU downloads no WebGPU build');
    assert.ok(requests.some((u) => u.includes('/data/mnist/train-images')), 'the dataset request was recorded');
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no CSP violation event');
    assert.deepEqual(cspMessages, [], 'no CSP message on the console');
    assert.deepEqual(errors, []);
    // The policy is in force, and a violation would have been seen: an injected inline script
    // and a string timer (eval) are refused and reported. (Code run by page.evaluate itself is
    // exempt from the CSP, so the probes run from the page's own tasks.)
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
      setTimeout('window.evalRan = true', 0);
    });
    await page.waitForFunction(() => window.cspViolations.length >= 2, null, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => [window.inlineRan, window.evalRan]), [undefined, undefined]);
    const refused = await page.evaluate(() => window.cspViolations);
    assert.ok(refused.some((v) => /^script-src/.test(v) && /inline/.test(v)), `inline script refused: ${refused}`);
    assert.ok(refused.some((v) => /^script-src/.test(v) && /eval/.test(v)), `eval refused: ${refused}`);
  } finally {
    await browser.close();
    await server.close();
  }
});
