#!/bin/bash
# usage: native_ab.sh model pairs seconds threads
cd /work/main
for i in $(seq 1 $2); do
  for v in A B; do
    RAYON_NUM_THREADS=$4 /tmp/ab/train_native_$v --model $1 --reps 1 --seconds $3 2>/dev/null | tail -1 | sed "s/^/$v /"
  done
done
