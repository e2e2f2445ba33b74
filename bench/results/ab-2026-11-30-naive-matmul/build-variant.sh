#!/usr/bin/env bash
# build-variant.sh V: the WebGPU worker with REPLAB_MATMUL=V into /tmp/mmx/site-V (a copy of the dev site)
set -euo pipefail
cd /work/main
v=$1
export CARGO_TARGET_DIR=$HOME/.cache/replab/target PATH=$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH
REPLAB_MATMUL=$v cargo build --profile dev --target wasm32-unknown-unknown --bin worker --no-default-features --features tensor,gpu,fusion 2>&1 | tail -2
site=/tmp/mmx/site-$v
rm -rf $site; cp -r /tmp/mmx/base-site $site
wasm-bindgen --target no-modules --no-typescript --out-dir $site "$CARGO_TARGET_DIR/wasm32-unknown-unknown/debug/worker.wasm"
node -e "
import('/work/main/scripts/post-build/precache.mjs').then(async ({precacheManifest, fillServiceWorker}) => {
  const {FULL_PREFIX} = await import('/work/main/scripts/post-build/full-data.mjs');
  const fs = await import('node:fs');
  const sw = '$site/sw.js';
  fs.writeFileSync(sw, fillServiceWorker(fs.readFileSync(sw, 'utf8'), precacheManifest('$site', ['sw.js', FULL_PREFIX])));
});"
ls -la $site/worker_bg.wasm
