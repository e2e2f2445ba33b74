// Shared helpers of the benchmark scripts: which parts run (BENCH_ONLY / BENCH_SKIP), the
// models, the load average, and a static server that can prepend the WebGPU-counting prelude
// to the lab's worker loader (see bench/gpu_counts.js).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));

export const REPS = Number(process.env.BENCH_REPS ?? 3);
/** Multiplies every timed phase's target seconds (e.g. 0.2 for a quick check of the pipeline). */
export const SCALE = Number(process.env.BENCH_SECONDS_SCALE ?? 1);

const list = (v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : null);
const ONLY = list(process.env.BENCH_ONLY);
const SKIP = list(process.env.BENCH_SKIP) ?? [];
/** Whether the part `name` runs (see the list at the top of bench/run.sh). */
export const part = (name) => (!ONLY || ONLY.includes(name)) && !SKIP.includes(name);

/** The three models both sides train; `short` names are accepted by BENCH_MODELS. */
export const MODELS = [
  { model: 'mlp-ae-784-256-128', short: 'mlp-small', batch: 128 },
  { model: 'mlp-ae-784-1000-300', short: 'mlp-large', batch: 128 },
  { model: 'cifar-cnn-32-64-128', short: 'cnn', batch: 64 },
];
const onlyModels = list(process.env.BENCH_MODELS);
export const selectedModels = () => MODELS.filter((m) => !onlyModels || onlyModels.includes(m.model) || onlyModels.includes(m.short));

/** The 1-minute load average (first field of /proc/loadavg). */
export const load1 = () => Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const log = (...args) => console.error('[bench]', ...args);

export const GPU_COUNTS_JS = fs.readFileSync(path.join(here, 'gpu_counts.js'), 'utf8');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.gz': 'application/gzip', '.png': 'image/png', '.svg': 'image/svg+xml', '.md': 'text/plain',
};

/**
 * Serve `dir` on 127.0.0.1 at a free port, as tests/e2e/harness.mjs does; `prepend` maps file
 * names (basenames) to text put before their content (the lab's `worker_loader.js`).
 */
export async function serve(dir, { prepend = {}, headers = {} } = {}) {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new Error(`nothing to serve at ${root}`);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const extra = prepend[path.basename(file)];
      if (extra !== undefined) body = Buffer.concat([Buffer.from(`${extra}\n`), body]);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(body);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Reject with a clear message when `p` takes longer than `ms`. */
export const withTimeout = (p, ms, what) => {
  let timer;
  return Promise.race([p, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); })])
    .finally(() => clearTimeout(timer));
};

/** CPU ticks (utime + stime) and parent of every process, from /proc/<pid>/stat. */
export function cpuSnapshot() {
  const procs = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch { /* gone meanwhile */ }
  }
  return { at: performance.now(), procs };
}

/**
 * Cores used on average by processes outside this benchmark (not this process or its
 * descendants) between two snapshots: a direct sign that something else ran during a row.
 * Processes that both started and ended between the snapshots are not seen (an undercount).
 */
export function otherCpu(before, after) {
  const mine = new Set([process.pid]);
  const isMine = (pid, seen = 0) => {
    if (mine.has(pid)) return true;
    const p = after.procs.get(pid);
    if (!p || seen > 64 || p.ppid <= 1) return false;
    if (isMine(p.ppid, seen + 1)) { mine.add(pid); return true; }
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of after.procs) {
    if (isMine(pid)) continue;
    const d = p.ticks - (before.procs.get(pid)?.ticks ?? 0);
    ticks += d >= 0 ? d : p.ticks; // a reused pid: a new process
  }
  const seconds = (after.at - before.at) / 1000;
  return seconds > 0 ? Math.round((ticks / 100 / seconds) * 100) / 100 : null; // USER_HZ = 100 on Linux
}
