// Full datasets one click away: the full MNIST downloads through the page with a progress bar,
// is checked, trains, and is still there (and still chosen) after the browser restarts; a
// corrupted download is refused with a message and the subset stays loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshProfile, openLab, byId, ready, metric } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

const SETTINGS = '?backend=cpu&hidden=32&k=8&batch=256&epochs=1&seed=2';
const row = (page, key) => page.locator(`[data-testid="full-dataset"][data-dataset="${key}"]`);
const info = (page) => byId(page, 'dataset-info').textContent();

/** Open the "Full datasets" block and wait until the host's offers are listed. */
async function openFullData(page) {
  await page.locator('[data-testid="full-datasets"] summary').click();
  await row(page, 'mnist').waitFor({ timeout: 30_000 });
}

test('the full MNIST downloads with progress, trains, and is kept across a browser restart', async () => {
  const profile = freshProfile();
  let browser = await launch(profile);
  try {
    const { page, errors } = await openLab(browser.context, server.url + SETTINGS);
    await page.evaluate(() => {
      window.__sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="full-dataset-progress"]')) window.__sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await ready(page);
    assert.match(await info(page), /10000 training, 2000 test/);
    await openFullData(page);
    assert.equal(await row(page, 'mnist').getAttribute('data-state'), 'offered');
    assert.match(await row(page, 'mnist').textContent(), /60,000 training \+ 10,000 test/);
    await row(page, 'mnist').locator('[data-testid="full-dataset-fetch"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="full-dataset"][data-dataset="mnist"]')?.dataset.state === 'in-use', null, { timeout: 120_000 });
    assert.ok(await page.evaluate(() => window.__sawProgress), 'a progress bar was shown while downloading');
    await page.waitForFunction(() => /60000 training, 10000 test/.test(document.querySelector('[data-testid="dataset-info"]').textContent), null, { timeout: 120_000 });
    await ready(page);
    // It trains: one epoch over the 60,000 images.
    await byId(page, 'train-start').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="metric-epoch"]').value) === 1
        && !document.querySelector('[data-testid="train-start"]').disabled, null, { timeout: 300_000 });
    const steps = await metric(page, 'metric-step');
    assert.equal(steps, Math.floor(60000 / 256), 'an epoch is a pass over the full training set');
    assert.deepEqual(errors, []);
    await browser.close();

    // The same profile again: the full set is still kept, still chosen, and loads without a download.
    browser = await launch(profile);
    const again = await openLab(browser.context, server.url + SETTINGS);
    const downloads = [];
    again.page.on('request', (r) => { if (r.url().includes('/data/full/mnist/')) downloads.push(r.url()); });
    await ready(again.page);
    await again.page.waitForFunction(() => /60000 training/.test(document.querySelector('[data-testid="dataset-info"]').textContent), null, { timeout: 60_000 });
    await openFullData(again.page);
    assert.equal(await row(again.page, 'mnist').getAttribute('data-state'), 'in-use');
    assert.deepEqual(downloads, [], 'the kept copy is used, nothing is downloaded again');
    // Back to the subset, then forget the full set.
    await row(again.page, 'mnist').locator('[data-testid="full-dataset-subset"]').click();
    await again.page.waitForFunction(() => /10000 training, 2000 test/.test(document.querySelector('[data-testid="dataset-info"]').textContent), null, { timeout: 60_000 });
    await row(again.page, 'mnist').locator('[data-testid="full-dataset-forget"]').click();
    await again.page.waitForFunction(() => document.querySelector('[data-testid="full-dataset"][data-dataset="mnist"]')?.dataset.state === 'offered', null, { timeout: 30_000 });
    assert.deepEqual(again.errors, []);
  } finally {
    await browser.close();
  }
});

test('a corrupted download is refused and the subset stays loaded', async () => {
  // A host whose copy of the labels file has its last byte flipped: the right size, the wrong checksum.
  const corrupt = await serve(undefined, 'index.html', {
    transform: (pathname, body) => {
      if (!pathname.endsWith('/data/full/mnist/train-labels-idx1-ubyte.gz')) return body;
      const copy = Buffer.from(body);
      copy[copy.length - 1] ^= 0xff;
      return copy;
    },
  });
  const browser = await launch();
  try {
    const { page } = await openLab(browser.context, corrupt.url + SETTINGS);
    await ready(page);
    await openFullData(page);
    await row(page, 'mnist').locator('[data-testid="full-dataset-fetch"]').click();
    await byId(page, 'full-dataset-error').waitFor({ timeout: 120_000 });
    assert.match(await byId(page, 'full-dataset-error').textContent(), /checksum.*try again.*data loaded before stays/s);
    assert.equal(await row(page, 'mnist').getAttribute('data-state'), 'offered');
    assert.match(await info(page), /10000 training, 2000 test/);
    await ready(page);
  } finally {
    await browser.close();
    await corrupt.close();
  }
});

/** A ustar archive of `members` ([name, bytes]), in the official CIFAR-10 binary layout's order. */
function tar(members) {
  const blocks = [];
  for (const [name, bytes] of members) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${bytes.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\x0000', 257, 'binary');
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, bytes, Buffer.alloc((512 - (bytes.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

test('the official CIFAR-10 archive, built here from the shipped subset, loads from disk', async () => {
  const { gunzipSync, gzipSync } = await import('node:zlib');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const shipped = (f) => gunzipSync(fs.readFileSync(path.join(process.env.LAB_DIST, 'data/cifar10', f)));
  const train = shipped('train-4k.bin.gz');
  const record = 3073;
  const perBatch = (train.length / record) / 5;
  const dir = 'cifar-10-batches-bin/';
  // Members in the order the published archive lists them (batches out of numeric order).
  const batch = (n) => [`${dir}data_batch_${n}.bin`, train.subarray((n - 1) * perBatch * record, n * perBatch * record)];
  const archive = gzipSync(tar([
    [`${dir}batches.meta.txt`, Buffer.from('airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n')],
    batch(3), batch(1), batch(4), [`${dir}test_batch.bin`, shipped('test-1k.bin.gz')], [`${dir}readme.html`, Buffer.from('<html></html>')],
    batch(2), batch(5),
  ]));
  const browser = await launch();
  try {
    const { page, errors } = await openLab(browser.context, server.url + SETTINGS);
    await ready(page);
    await byId(page, 'data-file-input').setInputFiles([{ name: 'cifar-10-binary.tar.gz', mimeType: 'application/gzip', buffer: archive }]);
    await page.waitForFunction(() => /4000 training, 1000 test/.test(document.querySelector('[data-testid="dataset-info"]').textContent), null, { timeout: 60_000 });
    await ready(page);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
