#!/usr/bin/env bash
# The lab's native GPU rows on a machine with a hardware GPU (the `device` tool's NVIDIA machine;
# any Linux box with a Vulkan driver works), with PyTorch on the same GPU and both CPUs as peers,
# interleaved per model (lab wgpu, lab wgpu + autotune, PyTorch CUDA, lab CPU, PyTorch CPU), and
# the backend calibration `backend=auto` runs on a hardware adapter. Run from the repository root
# with prebuilt binaries (the machine has no Rust toolchain):
#   .devbin/train_native_gpu           cargo build --example train_native --features gpu,fusion
#   .devbin/train_native_gpu_autotune  … --features gpu,fusion,autotune
# and, where the Vulkan loader is missing, its Debian packages in .gl/ (see the device tool's
# README). The binaries may be xz-compressed (`.devbin/NAME.xz`). Writes JSON lines to $OUT
# (default /tmp/gpu-rows): calibrate.jsonl, rows.jsonl, and gpu.txt, err.txt. REPS (2) and
# SECONDS_PER_ROW (3) size it to fit one 10-minute call; BIG_BATCH (1024; 0: none) adds both
# MLPs at that batch on the lab's wgpu and PyTorch CUDA after the repetitions.
set -u
out=${OUT:-/tmp/gpu-rows}
mkdir -p "$out"
reps=${REPS:-2}
secs=${SECONDS_PER_ROW:-3}
if ls .gl/*.deb >/dev/null 2>&1 && ! ldconfig -p | grep -q libvulkan.so.1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$icd" ] && export VK_DRIVER_FILES=$icd
threads=$(nproc)
{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv; echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo)"; python3 -c 'import torch; print("torch", torch.__version__, torch.cuda.get_device_name())'; } > "$out/gpu.txt" 2>&1
# The binaries may travel xz-compressed (a device call carries at most 64 MiB).
for b in train_native_gpu train_native_gpu_autotune; do
  [ -f ".devbin/$b.xz" ] && [ ! -x "/tmp/$b" ] && xz -dc ".devbin/$b.xz" > "/tmp/$b" && chmod +x "/tmp/$b"
  [ -x ".devbin/$b" ] && cp ".devbin/$b" "/tmp/$b"
done
lab=/tmp/train_native_gpu
tuned=/tmp/train_native_gpu_autotune
row() { # row TIMEOUT CMD…: one JSON line into rows.jsonl, stderr's tail into err.txt
  local limit=$1; shift
  echo "== $*" >> "$out/err.txt"
  timeout "$limit" "$@" >> "$out/rows.jsonl" 2> >(tail -n 5 >> "$out/err.txt") || echo "{\"error\":\"exit $? from $*\"}" >> "$out/rows.jsonl"
}
echo "== calibration" >> "$out/err.txt"
timeout 120 "$lab" --calibrate --reps 3 > "$out/calibrate.jsonl" 2>> "$out/err.txt"
# Repetitions outermost: a call cut short still has every model once.
for rep in $(seq 1 "$reps"); do
  for model in mlp-ae-784-256-128 mlp-ae-784-1000-300 cifar-cnn-32-64-128; do
    row 90 "$lab" --device wgpu --model "$model" --seconds "$secs"
    row 150 "$tuned" --device wgpu --model "$model" --seconds "$secs"
    row 90 python3 bench/torch_peer.py --model "$model" --device cuda --seconds "$secs"
    row 90 env RAYON_NUM_THREADS="$threads" "$lab" --device cpu --model "$model" --seconds "$secs"
    row 90 python3 bench/torch_peer.py --model "$model" --device cpu --threads "$threads" --seconds "$secs"
  done
done
echo "== reps done" >> "$out/err.txt"
# Where the GPU's step stops being launches: both MLPs at 8x the batch on both GPU sides
# (BIG_BATCH=0 skips it).
big=${BIG_BATCH:-1024}
if [ "$big" != 0 ]; then
  for model in mlp-ae-784-256-128 mlp-ae-784-1000-300; do
    row 90 "$lab" --device wgpu --model "$model" --seconds "$secs" --batch "$big"
    row 90 python3 bench/torch_peer.py --model "$model" --device cuda --seconds "$secs" --batch "$big"
  done
fi
echo "done" >> "$out/err.txt"
