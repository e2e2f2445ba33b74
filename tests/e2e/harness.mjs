// Shared set-up for the browser tests: a static server for the built lab on a free loopback
// port, and Debian's Chromium (WebGPU on, SwiftShader) with a fresh profile each run; with
// LAB_BROWSER=firefox, Debian's Firefox ESR instead (WebDriver BiDi; `make test-firefox`).
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('../../tools/node_modules/playwright-core');

/** The cross-origin isolation headers a host sends (docs/hosting.md): `serve`'s `headers` for a
 * page that gets SharedArrayBuffer, hence the threaded CPU worker, without the service worker's
 * reload. */
export const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Whether the tests drive Firefox (LAB_BROWSER=firefox) rather than Chromium. */
export const FIREFOX = process.env.LAB_BROWSER === 'firefox';
/** A test's `skip` option where it needs Chromium (WebGPU, DevTools protocol, fake media). */
export const chromiumOnly = (why) => (FIREFOX ? `Chromium only: ${why}` : false);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.gz': 'application/gzip', '.png': 'image/png', '.svg': 'image/svg+xml', '.md': 'text/plain',
};

/**
 * Serve `root` on 127.0.0.1 at a free port; resolves once the port is really bound. `headers`
 * are added to every answer (e.g. the cross-origin isolation headers); `transform(pathname,
 * body)` may change a file's bytes on the way out (e.g. to corrupt a download).
 */
export async function serve(dir = process.env.LAB_DIST, indexFile = 'index.html', { headers = {}, transform = (_, body) => body } = {}) {
  const root = dir && path.resolve(dir);
  if (!root || !fs.existsSync(path.join(root, indexFile))) {
    throw new Error(`nothing to serve at ${root}/${indexFile} (build the lab first, or set LAB_DIST)`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { if (process.env.LAB_LOG_404) console.error('404', req.url); res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(transform(url.pathname, body));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address !== 'object' || address.address !== '127.0.0.1' || !address.port) {
    throw new Error(`server did not bind 127.0.0.1: ${JSON.stringify(address)}`);
  }
  // `close` also ends the connections still open: with a browser left running, a server's close
  // in bench/threads.mjs waited 90 s (session 60), as long as Node takes to drop a connection that
  // never sends a request (headersTimeout 60 s, checked every 30 s), such as one opened ahead of use.
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** A fresh, empty user-data-dir (pass it to `launch` to restart the browser on it). */
export const freshProfile = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lab-chromium-'));

/**
 * Headless Debian Chromium with WebGPU enabled, on a fresh user-data-dir, or on `keep` (then
 * not deleted on close: a later launch on it is a browser restart with the same storage);
 * Firefox ESR instead with LAB_BROWSER=firefox or `browser` 'firefox' (benchmarks run both).
 */
export async function launch(keep, extraArgs = [], contextOptions = {}, browser = FIREFOX ? 'firefox' : 'chromium') {
  const profile = keep ?? freshProfile();
  const context = browser === 'firefox' ? await launchFirefox(profile, contextOptions) : await chromium.launchPersistentContext(profile, {
    ...contextOptions,
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--enable-unsafe-webgpu', '--no-sandbox', '--disable-gpu-sandbox', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraArgs,
    ],
  });
  return {
    context,
    close: async () => { await context.close(); if (!keep) fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

/**
 * Headless Firefox ESR's context on `profile`, driven over WebDriver BiDi. playwright-core's own release
 * speaks the BiDi of Firefox's newest release (1.65 sends `emulation.setMediaFeaturesOverride`,
 * which ESR 153 does not know); 1.62 is the newest that drives ESR 153, kept beside it in
 * tools/package.json as `playwright-core-bidi`.
 */
async function launchFirefox(profile, contextOptions) {
  const { firefox } = require('../../tools/node_modules/playwright-core-bidi');
  const context = await firefox.launchPersistentContext(profile, {
    ...contextOptions,
    channel: 'moz-firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  for (const page of context.pages()) clearBeforeFill(page);
  context.on('page', clearBeforeFill);
  return context;
}

/** Over BiDi in Firefox ESR 153, Playwright 1.62's `fill` of a number field types after the
 *  value already there (0.001 filled with 500 reads 0.001500); a field emptied first takes the
 *  new value. Patched once, on the Locator class every page shares. */
function clearBeforeFill(page) {
  const proto = Object.getPrototypeOf(page.locator('body'));
  if (proto.clearsBeforeFill) return;
  const fill = proto.fill;
  proto.fill = async function fillCleared(value, options) {
    if (value !== '') await fill.call(this, '', options);
    return fill.call(this, value, options);
  };
  proto.clearsBeforeFill = true;
}

/**
 * The download that `click()` starts on `page`. Over BiDi, Firefox ESR 153 saves a page's blob
 * downloads but reports none to Playwright 1.62 until that page has made another kind of
 * download (three blob downloads unreported, then a data: one, then the next blob one reported
 * and saved as x(3).csv): in Firefox the page first downloads an empty data: file.
 */
export async function download(page, click) {
  if (FIREFOX) {
    await Promise.all([page.waitForEvent('download'), page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'data:text/plain,';
      a.download = 'first.txt';
      a.click();
    })]);
  }
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return file;
}

/** A new page that records console errors, page errors and main-thread long tasks. */
export async function openLab(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  return { page, errors };
}

export const byId = (page, id) => page.locator(`[data-testid="${id}"]`);

/** Scroll `locator` into view and wait until it stays put (the same box two frames apart):
 *  panels out of view hold placeholder heights until they render (content-visibility,
 *  style.css), so after a long jump the panels around it take their real heights a frame later
 *  and move it. Pointer input aimed at a box taken too soon would miss. Returns the box. */
export async function scrollIntoView(locator) {
  let last = null;
  for (let i = 0; i < 20; i++) {
    await locator.scrollIntoViewIfNeeded();
    await locator.page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = await locator.boundingBox();
    if (box && last && box.x === last.x && box.y === last.y && box.width === last.width && box.height === last.height) return box;
    last = box;
  }
  throw new Error('the element kept moving after scrolling to it');
}

/** A one, as a person draws it: a mouse stroke down the middle of the draw pad. */
export async function drawOne(page) {
  const box = await scrollIntoView(byId(page, 'draw-pad'));
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + (0.7 * i) / 12));
  await page.mouse.up();
}

/** The draw pad's prediction once it shows one: how many classes have a bar, and each bar's
 * percentage. */
export async function drawnPrediction(page) {
  const prediction = byId(page, 'draw-prediction');
  await page.waitForFunction(() => document.querySelector('[data-testid="draw-prediction"]').textContent.includes('Predicted:'), null, { timeout: 30_000 });
  const classes = await prediction.locator('[data-class]').count();
  const shares = (await prediction.locator('.prob-value').allTextContents()).map((t) => Number(t.replace('%', '')));
  return { prediction, classes, shares, total: shares.reduce((a, b) => a + b, 0) };
}

/** The run's figures (`.metrics dd`) that would break onto a second line at their widest, as
 *  `{ id, widest, room, text }` (`widest` the text measured; `room` and `text` widths in px): a
 *  count "n / N" read as "N / N", the others as they read now, each measured in a hidden probe
 *  inside its box, so in the box's own type. (A canvas given
 *  `getComputedStyle(dd).font` measures in 10 px sans-serif: the shorthand is empty where
 *  `font-variant-numeric: tabular-nums` is set.) */
export const figuresThatWouldBreak = (page) => page.evaluate(() => [...document.querySelectorAll('.metrics dd')].map((dd) => {
  const count = dd.textContent.match(/\/\s*([\d,]+)/);
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: nowrap';
  probe.textContent = count ? `${count[1]} / ${count[1]}` : dd.textContent;
  dd.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return { id: dd.dataset.testid, widest: probe.textContent, room: dd.clientWidth, text: width };
}).filter((m) => m.text > m.room));

/** The number a metric shows, or NaN. */
export async function metric(page, id) {
  return Number((await byId(page, id).textContent()).trim().replaceAll(',', ''));
}

/** Wait until the dataset is loaded and Train is enabled. */
export async function ready(page, timeout = 120_000) {
  await page.waitForFunction(
    () => { const b = document.querySelector('[data-testid="train-start"]'); return b && !b.disabled; },
    null, { timeout },
  );
}

/** Open experiment card `id`, pick the quick size, Run, and wait until its result table is shown. */
export async function runCardQuick(page, id, timeout = 600_000) {
  const card = byId(page, `preset-card-${id}`);
  await scrollIntoView(card);
  await card.locator('button').click();
  await page.waitForFunction((id) => document.querySelector('.preset-detail')?.dataset.preset === id, id);
  await byId(page, 'preset-size').selectOption('quick');
  await byId(page, 'preset-run').click();
  await page.waitForFunction(() => {
    const run = document.querySelector('[data-testid="preset-run"]');
    return run && !run.disabled && document.querySelector('[data-testid="preset-result-table"]');
  }, null, { timeout });
}

/** Pearson's correlation of two equally long arrays of numbers (pixels, say). */
export function correlation(a, b) {
  const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((v, i) => { ab += (v - ma) * (b[i] - mb); aa += (v - ma) ** 2; bb += (b[i] - mb) ** 2; });
  return ab / Math.sqrt(aa * bb);
}

/**
 * Record each Worker the page starts (script URL, type) and every message it sends to the page.
 * Messages are serde_wasm_bindgen values such as `{TrainLoss: {step, train, images_per_s, …}}`.
 */
export async function recordWorkers(page) {
  await page.addInitScript(() => {
    window.__workers = [];
    window.__events = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        window.__workers.push({ url: String(url), type: options?.type ?? 'classic' });
        this.addEventListener('message', (e) => window.__events.push(e.data));
      }
    };
  });
}

export const events = (page, name) => page.evaluate((n) => window.__events.filter((e) => e && typeof e === 'object' && n in e).map((e) => e[n]), name);
export const eventCount = (page, name) => page.evaluate((n) => window.__events.filter((e) => e === n || (e && typeof e === 'object' && n in e)).length, name);

/** `openLab` for a page made beforehand (so that init scripts are in place). */
export async function openLabOn(page, url) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/**
 * Train (the page's Train button) until a `TrainLoss` of step `steps` or later has arrived, then
 * Stop; asserts the losses are finite and fell by a quarter, and returns them. Needs
 * `recordWorkers` on the page.
 */
export async function trainUntilStep(page, steps) {
  await byId(page, 'train-start').click();
  await page.waitForFunction((n) => window.__events.some((e) => e?.TrainLoss?.step >= n), steps, { timeout: 600_000 });
  await byId(page, 'train-stop').click();
  await page.waitForFunction(() => /Stopped/.test(document.querySelector('.status').textContent), null, { timeout: 120_000 });
  const losses = await events(page, 'TrainLoss');
  assert.ok(losses.length >= 2, `several loss reports: ${losses.length}`);
  assert.ok(losses.every((l) => Number.isFinite(l.train.loss) && l.train.loss > 0), 'finite losses');
  const [first, last] = [losses[0], losses.at(-1)];
  assert.ok(last.train.loss < 0.75 * first.train.loss, `the loss fell: ${first.train.loss} at step ${first.step} → ${last.train.loss} at step ${last.step}`);
  return losses;
}
