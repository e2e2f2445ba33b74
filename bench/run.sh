#!/usr/bin/env bash
# The lab's benchmark suite (`make bench`). Never part of `make test`: timings are machine-dependent.
#
#  1. native: the lab's trainer on the CPU (examples/train_native.rs, release profile, flex + rayon) and
#     PyTorch on the CPU (bench/torch_peer.py) with the same thread count, interleaved per model
#     (lab, PyTorch, lab, PyTorch…; bench/native.mjs);
#  2. browser: one headless Chromium, the lab (release build) and TensorFlow.js 4.22 interleaved
#     per model and backend pair (lab CPU ↔ TF.js wasm, lab WebGPU ↔ TF.js webgpu), stock TF.js
#     on the CNN, then start-up, sizes, interaction latency, scatter, long tasks (bench/browser.mjs);
#  3. writes bench/results/<date>.json and regenerates the section of BENCHMARKS.md between
#     <!-- bench:generated:begin --> and <!-- bench:generated:end --> (bench/report.mjs).
#
# Environment:
#   BENCH_REPS=3            repetitions of every throughput row (each lab row beside its peer's)
#   BENCH_ONLY=a,b          run only these parts; BENCH_SKIP=a,b skips them. Parts:
#                             native       the lab's native CPU rows
#                             torch        the PyTorch CPU rows (and the venv install)
#                             train        browser throughput, lab ↔ TF.js, interleaved
#                             stock        stock TF.js webgl/cpu(/webgpu) on the CNN (slow here)
#                             ready        navigation → ready to train
#                             sizes        download sizes (raw, gzip, brotli)
#                             interaction  slider and drawing-pad latency
#                             scatter      10k-point scatter redraw and t-SNE
#                             longtasks    main-thread long tasks during 30 s of training
#   BENCH_MODELS=a,b        only these models: mlp-small, mlp-large, cnn (or the full names)
#   BENCH_BACKENDS=cpu,webgpu,cpu-threads  the lab backends of the browser pairs (default all three;
#                           cpu-threads: both sides cross-origin isolated, the lab's threaded worker)
#   BENCH_WEBGPU_LARGE=1    also the WebGPU pair on MLP 784-1000-300 (~25 images/s on SwiftShader)
#   BENCH_SECONDS_SCALE=1   scales every timed phase (e.g. 0.2 for a quick check of the pipeline)
#   BENCH_STOCK_REPS=1      repetitions of the stock TF.js CNN rows (tens of seconds a step here)
#   BENCH_ROW_TIMEOUT_S=900 a browser row that takes longer becomes an error row
#   BENCH_THREADS=$(nproc)  threads for both native rows (RAYON_NUM_THREADS, torch.set_num_threads)
#   BENCH_NATIVE_GPU=1      also native wgpu rows (Vulkan; lavapipe without a GPU), own target dir
#   BENCH_OUT=file.json     where the results go (default bench/results/<date>.json, never overwritten)
#   BENCH_REPORT=0          do not touch BENCHMARKS.md (the JSON is still written)
#   DIST=dist               the lab's release build (built with trunk when missing)
#   TORCH_VENV=~/.cache/replab/torch-venv   PyTorch's own venv (installed from PyPI when missing)
#   CHROMIUM=/usr/bin/chromium
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/replab/target}
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
DIST=${DIST:-dist}
REPS=${BENCH_REPS:-3}
TORCH_VENV=${TORCH_VENV:-$HOME/.cache/replab/torch-venv}
mkdir -p bench/results
out=${BENCH_OUT:-bench/results/$(date -u +%Y-%m-%d).json}
[ -n "${BENCH_OUT:-}" ] || [ ! -e "$out" ] || out=bench/results/$(date -u +%Y-%m-%d-%H%M%S).json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

part() { # part NAME: whether BENCH_ONLY/BENCH_SKIP let it run
  [[ -z "${BENCH_ONLY:-}" || ",$BENCH_ONLY," == *",$1,"* ]] && [[ ",${BENCH_SKIP:-}," != *",$1,"* ]]
}
log() { echo "[bench] $*" >&2; }

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# PyTorch (CPU) in its own venv: bench-only, so not in scripts/setup.sh. The Linux wheel from PyPI
# pulls CUDA libraries (several GB); only the CPU is used. Idempotent: skipped once torch imports.
python=""
if part torch; then
  if ! "$TORCH_VENV/bin/python" -c 'import torch' 2>/dev/null; then
    log "installing PyTorch into $TORCH_VENV (from PyPI; several GB)"
    { python3 -m venv "$TORCH_VENV" && "$TORCH_VENV/bin/pip" install --no-input --progress-bar off torch numpy >&2; } ||
      log "could not install PyTorch: its rows are skipped"
  fi
  if "$TORCH_VENV/bin/python" -c 'import torch' 2>/dev/null; then python="$TORCH_VENV/bin/python"; fi
fi

# 1. Native rows.
echo '{}' > "$tmp/native.json"
if part native || [ -n "$python" ]; then
  bin=""
  if part native; then
    # The release profile, as `reproduce` and a user's `cargo run --release` build it. (Until
    # session 16 these rows used the dev profile with dependencies at opt-level 3, which keeps
    # debug assertions and overflow checks in flex and gemm: 0.6-0.7x of release on the MLPs.)
    cargo build --quiet --release --example train_native
    bin="$CARGO_TARGET_DIR/release/examples/train_native"
  fi
  node bench/native.mjs "$bin" "$python" > "$tmp/native.json"
fi
echo '[]' > "$tmp/native_gpu.json"
if [ "${BENCH_NATIVE_GPU:-0}" = 1 ]; then
  # Native wgpu (Vulkan; Mesa lavapipe without a GPU: apt install mesa-vulkan-drivers). Its own
  # target dir: burn's native wgpu build is a different feature set (about an hour cold here).
  CARGO_TARGET_DIR=$CARGO_TARGET_DIR-gpu cargo build --quiet --release --example train_native --features gpu,fusion
  "$CARGO_TARGET_DIR-gpu/release/examples/train_native" --device wgpu --reps "$REPS" |
    node -e 'const l = require("fs").readFileSync(0, "utf8").trim().split("\n").filter((s) => s.startsWith("{")); console.log(JSON.stringify(l.map((s) => JSON.parse(s))))' \
    > "$tmp/native_gpu.json" || log "native wgpu rows failed"
fi

# 2. Browser rows.
echo '{}' > "$tmp/browser.json"
browser_parts=(train stock ready sizes interaction scatter longtasks)
want_browser=0
for p in "${browser_parts[@]}"; do part "$p" && want_browser=1; done
if [ "$want_browser" = 1 ]; then
  # With the threaded CPU worker (as `make dist` builds it), for the cpu-threads pairs.
  [ -f "$DIST/index.html" ] || REPLAB_THREADS=${REPLAB_THREADS:-1} trunk build --release --dist "$DIST"
  # TensorFlow.js 4.22 for the peers (bench/package-lock.json).
  [ -d bench/node_modules/@tensorflow/tfjs ] || npm ci --prefix bench --no-audit --no-fund --loglevel=error
  node bench/browser.mjs "$DIST" > "$tmp/browser.json"
fi

# 3. Results and the generated section of BENCHMARKS.md.
node -e '
  const fs = require("fs"), os = require("os");
  const [dir, reps] = process.argv.slice(1);
  const read = (f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
  const out = {
    date: new Date().toISOString(), reps: Number(reps),
    host: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 1e9), load_at_end: fs.readFileSync("/proc/loadavg", "utf8").trim() },
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("BENCH_"))),
    native: read("native.json"), native_gpu: read("native_gpu.json"), browser: read("browser.json"),
  };
  console.log(JSON.stringify(out, null, 2));
' "$tmp" "$REPS" > "$out"
log "wrote $out"
if [ "${BENCH_REPORT:-1}" != 0 ]; then
  node bench/report.mjs "$out" --write BENCHMARKS.md
fi
node bench/report.mjs "$out"
