#!/usr/bin/env bash
# A/B of the native trainer at two commits: does a change (a refactor, a dependency bump) move
# training throughput? Builds examples/train_native at each commit in its own git worktree (one
# target dir shared by both, so the second build only recompiles the lab's crates), then runs
# them interleaved (A, B, A, B… per model and repetition, one process each, flex on every core)
# and prints each side's images/s, their medians and the ratio B / A.
#
#   bench/ab-native.sh <commit A> <commit B> [out.jsonl]     (AB_REPS=5, AB_SECONDS=6)
#
# The release profile, as `make bench` builds its native rows.
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:?usage: bench/ab-native.sh <commit A> <commit B> [out.jsonl]}
b=${2:?usage: bench/ab-native.sh <commit A> <commit B> [out.jsonl]}
out=${3:-bench/results/ab-native-$(date -u +%Y-%m-%d-%H%M%S).jsonl}
reps=${AB_REPS:-5}
seconds=${AB_SECONDS:-6}
models=(mlp-ae-784-256-128 mlp-ae-784-1000-300 cifar-cnn-32-64-128)
export CARGO_TARGET_DIR=${AB_TARGET_DIR:-$HOME/.cache/replab/target-ab}
work=$(mktemp -d)
cleanup() {
  for side in a b; do git worktree remove --force "$work/$side" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for side in a b; do
  rev=$a
  [ "$side" = b ] && rev=$b
  git worktree add -q --detach "$work/$side" "$rev"
  (cd "$work/$side" && cargo build --quiet --release --example train_native)
  cp "$CARGO_TARGET_DIR/release/examples/train_native" "$work/train_native_$side"
  echo "[ab] built $rev" >&2
done

: > "$out"
for rep in $(seq "$reps"); do
  for model in "${models[@]}"; do
    for side in a b; do
      rev=$a
      [ "$side" = b ] && rev=$b
      # Run from the worktree: the trainer reads the shipped data under ./public.
      line=$(cd "$work/$side" && "$work/train_native_$side" --model "$model" --reps 1 --seconds "$seconds" 2>/dev/null | tail -1)
      echo "{\"side\":\"$side\",\"commit\":\"$(git rev-parse --short "$rev")\",\"load1\":$(cut -d' ' -f1 /proc/loadavg),\"run\":$line}" >> "$out"
    done
  done
  echo "[ab] repetition $rep of $reps" >&2
done

node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const commit = (side) => rows.find((r) => r.side === side).commit;
  console.log(`| model | A ${commit("a")} (images/s) | B ${commit("b")} | median A | median B | B / A |`);
  console.log("|---|---|---|---:|---:|---:|");
  for (const model of [...new Set(rows.map((r) => r.run.model))]) {
    const get = (side) => rows.filter((r) => r.side === side && r.run.model === model).map((r) => r.run.images_per_s);
    const [ra, rb] = [get("a"), get("b")];
    const [ma, mb] = [median(ra), median(rb)];
    console.log(`| ${model} | ${ra.map(Math.round).join(", ")} | ${rb.map(Math.round).join(", ")} | ${Math.round(ma)} | ${Math.round(mb)} | ${(mb / ma).toFixed(3)} |`);
  }
  const loads = rows.map((r) => r.load1);
  console.log(`\nLoad (1 min) over the runs: ${Math.min(...loads)}–${Math.max(...loads)}; ${rows.length} runs, written to ${process.argv[1]}.`);
' "$out"
