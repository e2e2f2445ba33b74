// The embedding pictures of docs/features.md: a margin-contrastive MLP trained to 2-D on the MNIST subset
// (CPU), its scatter beside the untrained one, then the same codes through t-SNE.
//   LAB_DIST=dist node scripts/screenshot-embedding.mjs
import { serve, launch, byId, ready } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}?backend=cpu&model=contrastive&closs=margin&k=2&epochs=8&seed=1`);
  await ready(page);
  // The section bar scrolls away with the page: sticky, it would cover each panel's heading in
  // an element's screenshot. (The page's CSP refuses an added <style>.)
  await page.evaluate(() => { document.querySelector('.section-nav').style.position = 'static'; });
  await byId(page, 'train-start').click();
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="train-start"]');
    return b && !b.disabled && document.querySelector('[data-testid="scatter"]')?.width > 0;
  }, null, { timeout: 900_000 });
  await byId(page, 'linear-eval-button').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="linear-eval-accuracy"]')?.textContent.includes('Test'), null, { timeout: 120_000 });
  await page.locator('.embedding').scrollIntoViewIfNeeded();
  await page.locator('.embedding').screenshot({ path: 'docs/embedding.png' });
  console.log(`→ docs/embedding.png (${await byId(page, 'knn-accuracy').textContent()}; ${await byId(page, 'linear-eval-accuracy').textContent()})`);
  await byId(page, 'projection-select').selectOption('tsne');
  await page.waitForFunction(() => document.querySelector('.scatter-caption')?.textContent.includes('t-SNE'), null, { timeout: 600_000 });
  await page.locator('.scatter-main').screenshot({ path: 'docs/embedding-tsne.png' });
  console.log(`→ docs/embedding-tsne.png (${await byId(page, 'knn-accuracy').textContent()})`);
  await byId(page, 'pca-compute').click();
  await byId(page, 'pca-variance-chart').waitFor({ timeout: 120_000 });
  await page.locator('section.spectrum').screenshot({ path: 'docs/pca-spectrum.png' });
  console.log(`→ docs/pca-spectrum.png (95%: ${await byId(page, 'pca-95').textContent()}, 99%: ${await byId(page, 'pca-99').textContent()})`);
} finally {
  await browser.close();
  await server.close();
}
