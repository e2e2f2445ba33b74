#!/usr/bin/env bash
# The relaxed-SIMD CPU worker: `worker_cpu` again, with the patched gemm-f32's matmul kernels
# multiplying and adding in one `f32x4.relaxed_madd` (`--features tensor,relaxed-simd`), written
# to <dist>/relaxed/ as Trunk writes worker_cpu (a classic worker script: wasm-bindgen's
# no-modules output, worker_cpu.js + worker_cpu_bg.wasm).
#
#   scripts/build-relaxed.sh <dist-dir> [--release]
#
# A module with one relaxed instruction does not validate in a browser without relaxed SIMD, so
# this is a second build beside Trunk's, not a change to it: the page starts it only where
# `WebAssembly.validate` accepts a relaxed instruction and training is on one CPU thread
# (src/ui/worker_link.rs); elsewhere the plain worker_cpu runs as before. Run from the post_build
# hook (scripts/post-build.mjs, before sw.js's precache list is made) or by hand. It shares
# Trunk's toolchain, target dir and profile: only gemm-f32 and the crates above it build again,
# and the artifacts of both feature sets stay side by side (cargo hashes the features into each
# file name; the uplifted worker_cpu.wasm, which Trunk has read already, is relinked from its own
# on Trunk's next build).
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${1:?usage: scripts/build-relaxed.sh <dist-dir> [--release]}
profile=dev
dir=debug
if [ "${2:-}" = "--release" ]; then profile=wasm-release-cpu; dir=wasm-release-cpu; fi
target_dir=${CARGO_TARGET_DIR:-target}
say() { printf '\033[1m[relaxed]\033[0m %s\n' "$*" >&2; }

say "cargo build ($profile, features tensor,relaxed-simd)"
start=$(date +%s)
cargo build --locked --profile "$profile" --target wasm32-unknown-unknown --target-dir "$target_dir" \
  --bin worker_cpu --no-default-features --features tensor,relaxed-simd
say "cargo done in $(( $(date +%s) - start )) s"

wasm="$target_dir/wasm32-unknown-unknown/$dir/worker_cpu.wasm"
out="$dist/relaxed"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target no-modules --no-typescript --out-dir "$out" "$wasm"

if [ "$profile" != dev ]; then
  wasm_opt=${WASM_OPT:-$(command -v wasm-opt || echo tools/node_modules/.bin/wasm-opt)}
  say "$wasm_opt -Oz"
  # index.html's flags for Trunk's workers, and relaxed SIMD.
  "$wasm_opt" -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd --enable-relaxed-simd \
    -o "$out/worker_cpu_bg.wasm.opt" "$out/worker_cpu_bg.wasm"
  mv "$out/worker_cpu_bg.wasm.opt" "$out/worker_cpu_bg.wasm"
fi
say "wrote $out ($(( $(stat -c %s "$out/worker_cpu_bg.wasm") / 1024 )) KiB wasm)"
