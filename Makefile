# The lab's two commands: `make serve` and `make test`. Both install what is missing first.
SHELL := /bin/bash
# Cargo builds go outside the clone so a fresh clone reuses earlier builds.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/replab/target
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Browser tests build here (a dev build: no wasm-opt, quick to rebuild).
E2E_DIST ?= $(CURDIR)/target-e2e/dist

# The Python interop test's venv (numpy, safetensors), made by `make setup`.
VENV ?= $(HOME)/.cache/replab/venv

.PHONY: setup serve dist test test-native test-python test-wasm test-e2e test-firefox test-threads test-release test-gpu test-verdicts bench reproduce clean

# THREADS=1 (the default) also builds the threaded CPU worker (scripts/build-threads.sh: nightly,
# shared memory, a rayon pool), which pages that are cross-origin isolated use for CPU training.
# THREADS=0 builds only what Trunk builds (stable Rust), as before. Every build but `trunk serve`'s
# also has the relaxed-SIMD CPU workers (scripts/build-relaxed.sh, and build-threads.sh --relaxed
# with THREADS=1), which the page starts where the browser runs relaxed SIMD; REPLAB_RELAXED=0 in
# the environment leaves them out.
THREADS ?= 1
# The threaded browser test's site: a dev build with the threaded worker.
THREADS_DIST ?= $(CURDIR)/target-e2e/dist-threads
# The release site's browser check (`make test-release`).
RELEASE_DIST ?= $(CURDIR)/target-e2e/dist-release

setup:
	@scripts/setup.sh
	@# Trunk runs cargo --offline: fetch every target's crates (wasm-only ones too) first.
	cargo fetch --locked

## Build the optimised lab and serve it at http://127.0.0.1:8080
serve: setup
	REPLAB_THREADS=$(THREADS) trunk serve --release

## The static site in dist/ (relative URLs: works from any host and sub-path)
dist: setup
	REPLAB_THREADS=$(THREADS) trunk build --release

## Every test: native core, wasm build, browser end-to-end
test: setup test-native test-python test-wasm test-e2e test-firefox

test-native:
	@scripts/check-cycles.py
	cargo test --workspace --locked

## The lab's .safetensors export read from Python (numpy; PyTorch too if installed)
test-python:
	cargo run --locked --example export_fixture -- $(CARGO_TARGET_DIR)/interop
	$(VENV)/bin/python tests/python/test_interop.py $(CARGO_TARGET_DIR)/interop

test-wasm:
	trunk build --dist $(E2E_DIST)
	@scripts/check-dist.sh $(E2E_DIST)

test-e2e:
	LAB_DIST=$(E2E_DIST) node --test --test-concurrency=1 tests/e2e/

## The same browser tests in Debian's Firefox ESR (WebDriver BiDi); those that need Chromium
## (WebGPU on a software adapter, the DevTools protocol, a fake camera) are skipped there
test-firefox:
	LAB_BROWSER=firefox LAB_DIST=$(E2E_DIST) node --test --test-concurrency=1 tests/e2e/

## The threaded CPU worker in the browser (not part of `make test`: it needs nightly Rust and
## rebuilds std and every crate with atomics, see TESTING.md)
test-threads: setup
	REPLAB_THREADS=1 trunk build --dist $(THREADS_DIST)
	@scripts/check-dist.sh $(THREADS_DIST)
	LAB_DIST=$(THREADS_DIST) node --test --test-concurrency=1 tests/e2e/threads.test.mjs

## The release build in the browser (not part of `make test`: 15-25 minutes cold). The WebGPU
## worker's release profile (`wasm-release`: full LTO, the GPU-driving crates at opt-level s) is
## not what the dev build of `make test` runs: this trains on WebGPU and the CPU with it.
# Native wgpu (Vulkan/Metal/DX12; Mesa's lavapipe without a GPU): the patched matmul routine
# choice against the CPU. Not in `make test`: it builds the whole wgpu stack natively.
test-gpu:
	cargo test --locked --features gpu --test gpu_matmul

test-release: setup
	trunk build --release --dist $(RELEASE_DIST)
	@scripts/check-dist.sh $(RELEASE_DIST)
	LAB_DIST=$(RELEASE_DIST) node --test --test-concurrency=1 --test-name-pattern='WebGPU|measure|GPU lost|page loads|training on the CPU' tests/e2e/lab.test.mjs tests/e2e/gpu-lost.test.mjs

## Benchmarks (not tests): native and in-browser training throughput, start-up, sizes
bench: setup
	bench/run.sh

## A4 and E5 at the default size in the browser (minutes each; not part of `make test`)
test-verdicts: test-wasm
	LAB_DIST=$(E2E_DIST) LAB_SLOW=1 node --test --test-concurrency=1 tests/e2e/verdicts-default.test.mjs

## Every experiment natively over seeds 1, 2, 3 at SIZE (quick, default or full), or only IDS:
## docs/reproduction/<size>.json and REPRODUCTION.md (not part of `make test`: minutes to hours)
SIZE ?= default
IDS ?=
reproduce:
	cargo run --locked --release --example reproduce -- --size $(SIZE) --seeds 1,2,3 $(IDS)

clean:
	rm -rf dist target-e2e
