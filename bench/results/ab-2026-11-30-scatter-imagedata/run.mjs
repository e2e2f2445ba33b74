// The scatter's redraw (bench/scatter.mjs, 240 redraws of 10,000 points) on two sites,
// alternated: node run.mjs <old dist> <new dist> [rounds]
import { serve, launch } from '../../../tests/e2e/harness.mjs';
import { scatterRedraw } from '../../scatter.mjs';
const [oldDist, newDist, rounds = 2] = process.argv.slice(2);
const out = [];
for (let round = 0; round < Number(rounds); round++) {
  for (const [arm, dist] of [['old', oldDist], ['new', newDist]]) {
    const server = await serve(dist);
    const browser = await launch();
    try {
      const r = await scatterRedraw(browser.context, server.url, 240);
      const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      out.push({ arm, round, ...r, load1: Number(load) });
      console.error(JSON.stringify(out.at(-1)));
    } finally {
      await browser.close();
      await server.close();
    }
  }
}
console.log(JSON.stringify(out, null, 2));
