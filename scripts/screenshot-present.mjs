// The presentation view's picture for docs/features.md, taken from the tab: a classroom link
// (`&autorun=1&present=1`) that trains by itself, with the QR code a room scans to open it.
//   LAB_DIST=dist node scripts/screenshot-present.mjs
import { serve, launch, byId } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${server.url}?backend=cpu&hidden=64&k=16&batch=128&epochs=2&seed=1&autorun=1&present=1`);
  await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'Finished', null, { timeout: 600_000 });
  await byId(page, 'present-qr').waitFor();
  await page.screenshot({ path: 'docs/present.png' });
  console.log('docs/present.png');
} finally {
  await browser.close();
  await server.close();
}
