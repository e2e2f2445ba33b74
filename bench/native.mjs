// Native training throughput: the lab's trainer on the CPU (examples/train_native.rs, flex with
// rayon) and PyTorch on the CPU (bench/torch_peer.py), with the SAME thread count, interleaved:
// for each model, lab, PyTorch, lab, PyTorch… (BENCH_REPS pairs). The 1-minute load average is
// read after each row, and the CPU that other processes used during it (other_cpu, in cores).
// JSON on stdout.
//   node bench/native.mjs <train_native binary> [<python with torch>]
// BENCH_THREADS (default: the number of cores) is given to both: RAYON_NUM_THREADS for the lab,
// torch.set_num_threads for PyTorch. Without a python that imports torch, the PyTorch rows are
// skipped and the JSON says why.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { REPS, SCALE, cpuSnapshot, here, load1, log, otherCpu, part, selectedModels } from './lib.mjs';

const [binary, python] = process.argv.slice(2);
const threads = Number(process.env.BENCH_THREADS ?? os.availableParallelism());
const seconds = { 'mlp-ae-784-256-128': 8, 'mlp-ae-784-1000-300': 8, 'cifar-cnn-32-64-128': 15 };

function runJson(cmd, args, env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.error || '').toString().slice(-600)}`);
  const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  return JSON.parse(line);
}

// The profile the trainer was built with, from its path (target/release or target/debug).
const build = binary ? (binary.includes('/release/') ? 'release' : 'dev') : undefined;
const out = { threads, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, build, rows: [] };
let torchOk = false;
if (!part('torch')) out.pytorch_skipped = 'BENCH_SKIP/BENCH_ONLY';
else if (!python) out.pytorch_skipped = 'no PyTorch venv (bench/run.sh could not install torch)';
else {
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) { torchOk = true; out.torch = r.stdout.trim(); } else out.pytorch_skipped = `torch does not import: ${r.stderr.slice(-300)}`;
}
if (out.pytorch_skipped) log('PyTorch rows skipped:', out.pytorch_skipped);
const labOk = part('native') && binary;
if (!labOk) out.native_skipped = binary ? 'BENCH_SKIP/BENCH_ONLY' : 'no train_native binary';

for (const m of selectedModels()) {
  const secs = String(seconds[m.model] * SCALE);
  for (let rep = 0; rep < REPS; rep++) {
    if (labOk) {
      const load_before = load1();
      const cpu = cpuSnapshot();
      try {
        const row = runJson(binary, ['--model', m.model, '--seconds', secs], { RAYON_NUM_THREADS: String(threads) });
        out.rows.push({ ...row, impl: 'lab-native', rep, load_before, load1: load1(), other_cpu: otherCpu(cpu, cpuSnapshot()) });
        log(`lab native ${m.model} rep ${rep}: ${row.images_per_s.toFixed(0)} images/s, ${row.threads} threads, load ${load1()}, other CPU ${out.rows.at(-1).other_cpu}`);
      } catch (e) {
        out.rows.push({ impl: 'lab-native', backend: 'native-cpu-flex', model: m.model, batch: m.batch, rep, error: String(e).slice(0, 600), load1: load1() });
        log(String(e));
      }
    }
    if (torchOk) {
      const load_before = load1();
      const cpu = cpuSnapshot();
      try {
        const row = runJson(python, [path.join(here, 'torch_peer.py'), '--model', m.model, '--threads', String(threads), '--seconds', secs]);
        out.rows.push({ ...row, rep, load_before, load1: load1(), other_cpu: otherCpu(cpu, cpuSnapshot()) });
        log(`pytorch ${m.model} rep ${rep}: ${row.images_per_s.toFixed(0)} images/s, ${row.threads} threads, load ${load1()}, other CPU ${out.rows.at(-1).other_cpu}`);
      } catch (e) {
        out.rows.push({ impl: 'pytorch', backend: 'pytorch-cpu', model: m.model, batch: m.batch, rep, error: String(e).slice(0, 600), load1: load1() });
        log(String(e));
      }
    }
  }
}
console.log(JSON.stringify(out, null, 2));
