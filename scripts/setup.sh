#!/usr/bin/env bash
# Install everything the lab needs to build, serve and test, idempotently, from the package
# registries only (crates.io, npm, Debian). Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The threaded CPU worker (scripts/build-threads.sh; `make dist`/`serve` unless THREADS=0) rebuilds
# std with atomics: nightly Rust with rust-src.
if [ "${THREADS:-1}" != 0 ]; then
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing nightly Rust with rust-src (for the threaded CPU worker; THREADS=0 skips it)"
    rustup toolchain install nightly --profile minimal --component rust-src
  elif ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
    say "adding rust-src to nightly Rust (for the threaded CPU worker)"
    rustup component add rust-src --toolchain nightly
  fi
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (15–35 minutes on 2 cores, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION"
  # Not --locked: its own lock file pins crates that no longer build with this toolchain.
  cargo install --force wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

# binaryen 132 (a wasm-opt whose output loads; Debian's 108 does not), playwright-core, axe-core and jsqr.
if ! cmp -s tools/package-lock.json tools/node_modules/.installed-lock.json 2>/dev/null; then
  say "installing npm tools (binaryen, playwright-core, axe-core, jsqr)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
  cp tools/package-lock.json tools/node_modules/.installed-lock.json
fi

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium for the browser tests"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x /usr/bin/firefox-esr ]; then
  say "installing Debian's Firefox ESR for the browser tests in Firefox (make test-firefox)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null
fi
# numpy + safetensors (PyPI) for the Python interop test, in a venv outside the clone.
VENV="${REPLAB_VENV:-$HOME/.cache/replab/venv}"
if ! "$VENV/bin/python" -c 'import numpy, safetensors' 2>/dev/null; then
  say "installing numpy and safetensors into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check numpy safetensors
fi
# The full MNIST and Fashion-MNIST the page offers as optional downloads (cached; never in git).
bash scripts/full-data.sh
say "tools ready"
