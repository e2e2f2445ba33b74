#!/usr/bin/env python3
"""PyTorch CPU peer of the lab's training benchmark (bench/native.mjs runs it).

The lab's models, trained the way the lab (and bench/tfjs/peer.js) trains them:
  mlp-ae-784-256-128   784 -> 256 (ReLU) -> 128 -> 256 (ReLU) -> 784 (sigmoid), MSE, batch 128
  mlp-ae-784-1000-300  784 -> 1000 (ReLU) -> 300 -> 1000 (ReLU) -> 784 (sigmoid), MSE, batch 128
  cifar-cnn-32-64-128  3 x [conv 3x3 same + ReLU + max-pool 2x2 + dropout 0.25] with 32/64/128
                       channels, dense 2048 -> 256 + ReLU, dense 10, softmax cross-entropy,
                       NCHW [batch, 3, 32, 32] (the lab's layout), batch 64
Every weight and bias uniform in +-1/sqrt(fan_in) (burn's and PyTorch's default bound); Adam
(lr 1e-3, betas 0.9/0.999, eps 1e-8); the dataset resident as one tensor of the lab's subset size
(10,000 MNIST-sized images, 4,000 CIFAR-sized ones; values uniform in [0, 1)); batches gathered
by random index; the loss read back with .item() every 10 steps. Steps run in chunks of 10, each
timed from its first step to its readback (nothing else is timed, as the lab's chunk_seconds).
Images/s = sum(chunk steps x batch) / sum(chunk seconds) after the warm-up.

  torch_peer.py --model NAME [--threads N] [--seconds S] [--warmup-steps N] [--min-chunks N]
                [--device cpu|cuda] [--batch N]

`--batch` replaces the model's batch (as train_native's `--batch`).

`--device cuda` (the GPU peer of the lab's native wgpu rows on a machine with an NVIDIA GPU):
model, data and index draws live on the GPU; the per-chunk `.item()` synchronises, so a chunk's
time covers its kernels, as the lab's chunk readback does.

Prints one JSON line.
"""
import argparse
import json
import math
import time

import torch
from torch import nn

MODELS = {
    "mlp-ae-784-256-128": dict(kind="mlp", hidden=256, latent=128, batch=128, images=10_000, seconds=8.0),
    "mlp-ae-784-1000-300": dict(kind="mlp", hidden=1000, latent=300, batch=128, images=10_000, seconds=8.0),
    "cifar-cnn-32-64-128": dict(kind="cnn", batch=64, images=4_000, seconds=15.0),
}


def init_uniform(module):
    """Weights and biases uniform in +-1/sqrt(fan_in), as burn's Linear/Conv2d and the TF.js peer."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            fan_in = m.weight[0].numel()
            bound = 1.0 / math.sqrt(fan_in)
            nn.init.uniform_(m.weight, -bound, bound)
            nn.init.uniform_(m.bias, -bound, bound)
    return module


def mlp(hidden, latent, input=784):
    return nn.Sequential(
        nn.Linear(input, hidden), nn.ReLU(),
        nn.Linear(hidden, latent),
        nn.Linear(latent, hidden), nn.ReLU(),
        nn.Linear(hidden, input), nn.Sigmoid(),
    )


def cnn(channels=(32, 64, 128), hidden=256, classes=10, dropout=0.25, size=32):
    layers, in_c = [], 3
    for c in channels:
        layers += [nn.Conv2d(in_c, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(dropout)]
        in_c = c
    flat = (size >> len(channels)) ** 2 * in_c  # 4*4*128 = 2048
    layers += [nn.Flatten(), nn.Linear(flat, hidden), nn.ReLU(), nn.Linear(hidden, classes)]
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True, choices=sorted(MODELS))
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seconds", type=float, default=None)
    p.add_argument("--warmup-steps", type=int, default=20)
    p.add_argument("--min-chunks", type=int, default=3)
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--batch", type=int, default=None)
    a = p.parse_args()
    dev = torch.device(a.device)
    cfg = MODELS[a.model]
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    n, batch = cfg["images"], a.batch or cfg["batch"]
    if cfg["kind"] == "mlp":
        model = init_uniform(mlp(cfg["hidden"], cfg["latent"])).to(dev)
        data = torch.rand(n, 784, device=dev)
        loss_fn = lambda idx: nn.functional.mse_loss(model(data[idx]), data[idx])  # noqa: E731
    else:
        model = init_uniform(cnn()).to(dev)
        data = torch.rand(n, 3, 32, 32, device=dev)
        labels = torch.randint(0, 10, (n,), device=dev)
        loss_fn = lambda idx: nn.functional.cross_entropy(model(data[idx]), labels[idx])  # noqa: E731
    model.train()  # dropout on, as in the lab's training steps
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)

    def chunk(steps=10):
        t0 = time.perf_counter()
        for _ in range(steps):
            idx = torch.randint(0, n, (batch,), device=dev)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(idx)
            loss.backward()
            opt.step()
        value = loss.item()
        return time.perf_counter() - t0, value

    warm_steps, warm_chunks = 0, 0
    while warm_chunks < 2 or warm_steps < a.warmup_steps:
        chunk()
        warm_steps += 10
        warm_chunks += 1
    seconds = a.seconds if a.seconds is not None else cfg["seconds"]
    steps, chunks, busy, loss = 0, 0, 0.0, float("nan")
    wall = time.perf_counter()
    while chunks < a.min_chunks or busy < seconds:
        t, loss = chunk()
        busy += t
        steps += 10
        chunks += 1
    wall = time.perf_counter() - wall
    print(json.dumps({
        "impl": "pytorch", "backend": f"pytorch-{a.device}", "model": a.model, "batch": batch,
        "threads": torch.get_num_threads(), "torch": torch.__version__,
        "gpu": torch.cuda.get_device_name() if a.device == "cuda" else None,
        "images_per_s": steps * batch / busy, "wall_images_per_s": steps * batch / wall,
        "steps": steps, "chunks": chunks, "seconds": busy, "warmup_steps": warm_steps, "loss": loss,
    }))


if __name__ == "__main__":
    main()
