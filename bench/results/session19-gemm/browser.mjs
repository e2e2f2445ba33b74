import fs from 'fs';
import { chromium } from '/work/main/tools/node_modules/playwright-core/index.mjs';
const names = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const wasms = Object.fromEntries(names.map(n => [n, fs.readFileSync(n + '.wasm').toString('base64')]));
const out = await page.evaluate(async (wasms) => {
  const mods = {};
  for (const [n, b64] of Object.entries(wasms)) {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    mods[n] = (await WebAssembly.instantiate(bytes)).instance.exports;
  }
  const shapes = [[128,784,256],[128,256,784],[784,128,256],[128,784,1000],[128,1000,300],[1000,128,300]];
  const lines = [];
  for (const [m,k,n] of shapes) {
    const res = Object.fromEntries(Object.keys(mods).map(x => [x, []]));
    for (let rep = 0; rep < 5; rep++) for (const x of Object.keys(mods)) {
      const iters = Math.max(3, Math.round(1e9 / (2*m*k*n)));
      const t = performance.now(); mods[x].run(m,k,n,iters); const dt = performance.now() - t;
      res[x].push(2*m*k*n*iters/dt/1e6);
    }
    const med = a => a.sort((p,q)=>p-q)[2];
    lines.push(`${m}x${k}x${n}: ` + Object.keys(mods).map(x => `${x} ${med(res[x]).toFixed(1)}`).join('  '));
  }
  return lines.join('\n');
}, wasms);
console.log(out);
await browser.close();
