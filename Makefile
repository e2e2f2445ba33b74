# The lab's two commands: `make serve` and `make test`. Both install what is missing first.
SHELL := /bin/bash
# Cargo builds go outside the clone so a fresh clone reuses earlier builds.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/replab/target
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Browser tests build here (a dev build: no wasm-opt, quick to rebuild).
E2E_DIST ?= $(CURDIR)/target-e2e/dist

# The Python interop test's venv (numpy, safetensors), made by `make setup`.
VENV ?= $(HOME)/.cache/replab/venv

.PHONY: setup serve dist test test-native test-python test-wasm test-e2e bench clean

setup:
	@scripts/setup.sh
	@# Trunk runs cargo --offline: fetch every target's crates (wasm-only ones too) first.
	cargo fetch --locked

## Build the optimised lab and serve it at http://127.0.0.1:8080
serve: setup
	trunk serve --release

## The static site in dist/ (relative URLs: works from any host and sub-path)
dist: setup
	trunk build --release

## Every test: native core, wasm build, browser end-to-end
test: setup test-native test-python test-wasm test-e2e

test-native:
	cargo test --locked

## The lab's .safetensors export read from Python (numpy; PyTorch too if installed)
test-python:
	cargo run --locked --example export_fixture -- $(CARGO_TARGET_DIR)/interop
	$(VENV)/bin/python tests/python/test_interop.py $(CARGO_TARGET_DIR)/interop

test-wasm:
	trunk build --dist $(E2E_DIST)
	@scripts/check-dist.sh $(E2E_DIST)

test-e2e:
	LAB_DIST=$(E2E_DIST) node --test --test-concurrency=1 tests/e2e/

## Benchmarks (not tests): native and in-browser training throughput, start-up, sizes
bench: setup
	bench/run.sh

clean:
	rm -rf dist target-e2e
