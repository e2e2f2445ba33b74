#!/usr/bin/env bash
# The threaded worker: the worker bin with a rayon thread pool in shared wasm memory
# (`--features tensor,threads`, CPU only), written to <dist>/threads/ as an ES module
# (worker.js + worker_bg.wasm + wasm-bindgen-rayon's helper snippet). With --relaxed, the same
# with relaxed SIMD in gemm's kernels (the patched gemm-f32's `relaxed-simd`, as
# scripts/build-relaxed.sh does for the single-threaded worker), to <dist>/threads-relaxed/.
#
#   scripts/build-threads.sh <dist-dir> [--release] [--relaxed]
#
# Trunk cannot build one asset with another toolchain and other RUSTFLAGS, so this runs beside
# it: from the post_build hook when REPLAB_THREADS=1 (scripts/post-build.mjs, before sw.js's
# precache list is made), or by hand. It needs nightly Rust with rust-src (std is rebuilt with
# atomics), wasm-bindgen-cli (the version in Cargo.lock) and, for --release, binaryen's wasm-opt.
# The page uses the result only when it is cross-origin isolated and trains on the CPU
# (src/ui/worker_link.rs); otherwise the single-threaded worker Trunk built runs as before.
set -euo pipefail
cd "$(dirname "$0")/.."

dist=${1:?usage: scripts/build-threads.sh <dist-dir> [--release] [--relaxed]}
shift
profile=debug
cargo_profile=()
features=tensor,threads
name=threads
relaxed_opt=()
for arg in "$@"; do
  case $arg in
    --release) profile=release; cargo_profile=(--release) ;;
    --relaxed) features=tensor,threads,relaxed-simd; name=threads-relaxed; relaxed_opt=(--enable-relaxed-simd) ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
toolchain=${REPLAB_THREADS_TOOLCHAIN:-nightly}
# Its own target dir: another toolchain and other flags, and the uplifted worker.wasm must not
# overwrite the one Trunk builds.
target_dir=${REPLAB_THREADS_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/threads}
say() { printf '\033[1m[%s]\033[0m %s\n' "$name" "$*" >&2; }

if ! rustup component list --toolchain "$toolchain" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding rust-src to the $toolchain toolchain (std is rebuilt with atomics)"
  rustup component add rust-src --toolchain "$toolchain"
fi

# +atomics gives shared memory; wasm-bindgen's thread support needs the memory imported and the
# TLS symbols exported (rustc passes some of these itself; repeating them is harmless). 4 GiB is
# wasm32's whole address space: a shared memory must declare its maximum.
flags=(
  -C target-feature=+atomics,+bulk-memory,+mutable-globals,+simd128
  -C link-arg=--shared-memory
  -C link-arg=--import-memory
  -C link-arg=--max-memory=4294967296
  -C link-arg=--export=__wasm_init_tls
  -C link-arg=--export=__tls_size
  -C link-arg=--export=__tls_align
  -C link-arg=--export=__tls_base
)
export RUSTFLAGS="${flags[*]}"
# Cargo's wasm32 rustflags (.cargo/config.toml) are replaced by RUSTFLAGS; this is the same +simd128.
unset CARGO_ENCODED_RUSTFLAGS

say "cargo +$toolchain build ($profile, features $features) in $target_dir"
start=$(date +%s)
cargo "+$toolchain" build --locked "${cargo_profile[@]}" \
  --target wasm32-unknown-unknown --target-dir "$target_dir" \
  -Z build-std=panic_abort,std \
  --bin worker --no-default-features --features "$features"
say "cargo done in $(( $(date +%s) - start )) s"

wasm="$target_dir/wasm32-unknown-unknown/$profile/worker.wasm"
out="$dist/$name"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
# wasm-bindgen-rayon 1.3.0's helper starts each pool thread with the init function's old
# two-argument form, which wasm-bindgen 0.2.130 still takes but warns of in the console, once a
# thread. Its one-object form does the same; fail loudly if the crate's line has changed.
helper=$(echo "$out"/snippets/wasm-bindgen-rayon-*/src/workerHelpers.no-bundler.js)
grep -q 'await pkg.default(data.module, data.memory);' "$helper" \
  || { echo "$helper: the pool's init call is not the one patched here" >&2; exit 1; }
sed -i 's/await pkg.default(data.module, data.memory);/await pkg.default({ module_or_path: data.module, memory: data.memory });/' "$helper"

if [ "$profile" = release ]; then
  wasm_opt=${WASM_OPT:-$(command -v wasm-opt || echo tools/node_modules/.bin/wasm-opt)}
  say "$wasm_opt -Oz"
  "$wasm_opt" -Oz --enable-threads --enable-simd --enable-bulk-memory --enable-mutable-globals \
    --enable-reference-types --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue \
    "${relaxed_opt[@]}" -o "$out/worker_bg.wasm.opt" "$out/worker_bg.wasm"
  mv "$out/worker_bg.wasm.opt" "$out/worker_bg.wasm"
fi
# The page looks for this (src/ui/worker_link.rs) before it starts the threaded worker.
printf '{"threads":true,"relaxed":%s,"profile":"%s"}\n' "$([ "$name" = threads ] && echo false || echo true)" "$profile" > "$out/build.json"
say "wrote $out ($(( $(stat -c %s "$out/worker_bg.wasm") / 1024 )) KiB wasm)"
