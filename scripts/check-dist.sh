#!/usr/bin/env bash
# Checks a built dist/: the wasm bins present, the UI bin free of tensor code, the CPU-only
# worker free of GPU code, relative URLs,
# and (scripts/check-offline.mjs) the manifest, the service worker's precache list and the CSP.
set -euo pipefail
dist=${1:-dist}
fail() { echo "check-dist: $*" >&2; exit 1; }
ui_wasm=$(ls "$dist"/replab-*_bg.wasm 2>/dev/null | head -1)
[ -n "$ui_wasm" ] || fail "no UI wasm in $dist"
[ -f "$dist/worker_bg.wasm" ] || fail "no worker wasm in $dist"
[ -f "$dist/worker_cpu_bg.wasm" ] || fail "no CPU-only worker wasm in $dist"
[ -f "$dist/worker.js" ] && [ -f "$dist/worker_cpu.js" ] && [ -f "$dist/worker_loader.js" ] || fail "worker scripts missing"
# The CPU-only worker carries no GPU code.
if grep -c -a -E 'cubecl[_-]wgpu|burn[_-]cubecl[_-]fusion' "$dist/worker_cpu_bg.wasm" >/dev/null; then
  fail "the CPU-only worker wasm contains WebGPU code"
fi
[ -f "$dist/data/mnist/train-images-idx3-ubyte.gz" ] || fail "datasets not copied"
# Tensor code must live in the worker only: the UI wasm carries no burn/cubecl symbols' strings.
if grep -c -a -E 'burn_flex|cubecl|burn_autodiff' "$ui_wasm" >/dev/null; then
  fail "the UI wasm ($ui_wasm) contains tensor code"
fi
grep -q 'href="/' "$dist/index.html" && fail "index.html has root-absolute URLs (breaks sub-path hosting)"
# The threaded CPU worker, where the build has one (REPLAB_THREADS=1): its module, wasm, the
# rayon helper snippet, the page's marker, and its loader.
if [ -d "$dist/threads" ]; then
  for f in threads/worker.js threads/worker_bg.wasm threads/build.json worker_threads_loader.js; do
    [ -f "$dist/$f" ] || fail "threaded worker: $f missing"
  done
  ls "$dist"/threads/snippets/wasm-bindgen-rayon-*/src/workerHelpers.no-bundler.js >/dev/null 2>&1 \
    || fail "threaded worker: wasm-bindgen-rayon's workerHelpers snippet missing"
  grep -q '<meta name="replab-threads" content="on"' "$dist/index.html" || fail "threaded worker built but index.html does not say so"
  if wasm-dis --enable-relaxed-simd --enable-threads "$dist/threads/worker_bg.wasm" 2>/dev/null | grep -q -E '\.relaxed_'; then
    fail "threads/worker_bg.wasm contains relaxed-SIMD instructions"
  fi
fi
# Its relaxed-SIMD build, where there is one.
if [ -d "$dist/threads-relaxed" ]; then
  for f in threads-relaxed/worker.js threads-relaxed/worker_bg.wasm threads-relaxed/build.json; do
    [ -f "$dist/$f" ] || fail "threaded relaxed-SIMD worker: $f missing"
  done
  grep -q '<meta name="replab-threads-relaxed" content="on"' "$dist/index.html" || fail "threaded relaxed-SIMD worker built but index.html does not say so"
  wasm-dis --enable-relaxed-simd --enable-threads "$dist/threads-relaxed/worker_bg.wasm" 2>/dev/null | grep -q 'relaxed_madd' \
    || fail "the threaded relaxed-SIMD worker has no f32x4.relaxed_madd"
fi
# Trunk's workers load where relaxed SIMD is missing (Firefox and Safari today): no relaxed
# instruction in them.
for w in worker_bg.wasm worker_cpu_bg.wasm; do
  if wasm-dis --enable-relaxed-simd "$dist/$w" 2>/dev/null | grep -q -E '\.relaxed_'; then
    fail "$w contains relaxed-SIMD instructions: it would not load in every browser"
  fi
done
# The relaxed-SIMD CPU worker (every build but `trunk serve`'s, unless REPLAB_RELAXED=0): its
# script and wasm, the page's marker, and the relaxed instruction it exists for.
if [ -d "$dist/relaxed" ]; then
  for f in relaxed/worker_cpu.js relaxed/worker_cpu_bg.wasm; do
    [ -f "$dist/$f" ] || fail "relaxed-SIMD worker: $f missing"
  done
  grep -q '<meta name="replab-relaxed" content="on"' "$dist/index.html" || fail "relaxed-SIMD worker built but index.html does not say so"
  wasm-dis --enable-relaxed-simd "$dist/relaxed/worker_cpu_bg.wasm" 2>/dev/null | grep -q 'relaxed_madd' \
    || fail "the relaxed-SIMD worker has no f32x4.relaxed_madd"
  if grep -c -a -E 'cubecl[_-]wgpu|burn[_-]cubecl[_-]fusion' "$dist/relaxed/worker_cpu_bg.wasm" >/dev/null; then
    fail "the relaxed-SIMD worker wasm contains WebGPU code"
  fi
fi
# Offline and CSP: the manifest and icons, sw.js's precache list against the files, the CSP meta.
node "$(dirname "$0")/check-offline.mjs" "$dist" || fail "offline/CSP checks failed (see above)"
ui=$(stat -c %s "$ui_wasm"); worker=$(stat -c %s "$dist/worker_bg.wasm"); cpu=$(stat -c %s "$dist/worker_cpu_bg.wasm")
echo "check-dist: ok (UI wasm $((ui / 1024)) KiB, worker wasm $((worker / 1024)) KiB, CPU-only worker wasm $((cpu / 1024)) KiB)"
