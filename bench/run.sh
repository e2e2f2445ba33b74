#!/usr/bin/env bash
# The lab's benchmark suite: native training throughput (CPU; plus wgpu with BENCH_NATIVE_GPU=1),
# then the browser figures on a release build. Writes bench/results/<date>.json and prints them.
# Never part of `make test`: timings are machine-dependent.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/replab/target}
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
DIST=${DIST:-dist}
out=bench/results/$(date -u +%Y-%m-%d).json
mkdir -p bench/results

echo "[bench] machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
native=$(cargo run --quiet --example train_native 2>/dev/null)
if [ "${BENCH_NATIVE_GPU:-0}" = 1 ]; then
  # Native wgpu (Vulkan; Mesa lavapipe without a GPU: apt install mesa-vulkan-drivers). Its own
  # target dir: burn's native wgpu build is a different feature set (about an hour cold here).
  native="$native"$'\n'$(CARGO_TARGET_DIR=$CARGO_TARGET_DIR-gpu cargo run --quiet --example train_native --features gpu,fusion 2>/dev/null | grep native-wgpu || true)
fi
[ -f "$DIST/index.html" ] || trunk build --release --dist "$DIST"
browser=$(node bench/browser.mjs "$DIST")
# TensorFlow.js 4.22 peers, in the same browser build.
[ -d bench/node_modules/@tensorflow/tfjs ] || npm ci --prefix bench --no-audit --no-fund --loglevel=error
tfjs=$(node bench/tfjs.mjs)
node -e '
  const [native, browser, tfjs] = process.argv.slice(1);
  const out = { native: native.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)), browser: JSON.parse(browser),
                tfjs: JSON.parse(tfjs), load: require("fs").readFileSync("/proc/loadavg", "utf8").trim() };
  console.log(JSON.stringify(out, null, 2));
' "$native" "$browser" "$tfjs" | tee "$out"
echo "[bench] wrote $out" >&2
