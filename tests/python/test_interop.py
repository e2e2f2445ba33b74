"""The lab's .safetensors export, read from Python: the MNIST MLP autoencoder the lab exported
is rebuilt with numpy from the file alone (PyTorch names and layouts) and must reconstruct five
test images as the lab did, to 1e-5. With PyTorch installed, the torch.nn module of docs/model-files.md
loads the same file with strict=True and must agree too.

    python3 tests/python/test_interop.py <dir written by `cargo run --example export_fixture`>
"""
import json
import sys
import unittest

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

TOLERANCE = 1e-5
FIXTURE_DIR = sys.argv.pop(1) if len(sys.argv) > 1 else "target-interop"


def relu(x):
    return np.maximum(x, 0.0)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def numpy_forward(w, images):
    """The lab's MLP autoencoder: Linear-ReLU-(Dropout)-Linear | Linear-ReLU-(Dropout)-Linear-Sigmoid."""
    x = images.reshape(images.shape[0], -1).astype(np.float64)
    linear = lambda name, v: v @ w[name + ".weight"].T.astype(np.float64) + w[name + ".bias"]
    code = linear("code", relu(linear("encoder.0", x)))
    out = sigmoid(linear("decoder.3", relu(linear("decoder.0", code))))
    return out.reshape(images.shape)


class Interop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.weights = load_file(f"{FIXTURE_DIR}/model.safetensors")
        fixture = load_file(f"{FIXTURE_DIR}/fixture.safetensors")
        cls.images, cls.lab_outputs = fixture["images"], fixture["outputs"]
        with safe_open(f"{FIXTURE_DIR}/model.safetensors", framework="np") as f:
            cls.metadata = f.metadata()

    def test_names_dtypes_and_layouts_are_pytorch_style(self):
        hp = json.loads(self.metadata["replab.config"])["hp"]
        k, hidden = hp["latent"], hp["hidden"]
        expected = {
            "encoder.0.weight": (hidden, 784), "encoder.0.bias": (hidden,),
            "code.weight": (k, hidden), "code.bias": (k,),
            "decoder.0.weight": (hidden, k), "decoder.0.bias": (hidden,),
            "decoder.3.weight": (784, hidden), "decoder.3.bias": (784,),
        }
        self.assertEqual({n: t.shape for n, t in self.weights.items()}, expected)
        self.assertTrue(all(t.dtype == np.float32 for t in self.weights.values()))
        self.assertEqual(self.metadata["format"], "pt")

    def test_numpy_forward_matches_the_lab(self):
        self.assertEqual(self.images.shape, (5, 1, 28, 28))
        ours = numpy_forward(self.weights, self.images)
        diff = np.abs(ours - self.lab_outputs).max()
        print(f"\nnumpy vs lab: max |difference| = {diff:.2e} over {ours.size} values")
        self.assertLess(diff, TOLERANCE)
        # Not vacuous: other weights give other images.
        shuffled = dict(self.weights, **{"code.bias": self.weights["code.bias"] + 0.5})
        self.assertGreater(np.abs(numpy_forward(shuffled, self.images) - self.lab_outputs).max(), TOLERANCE)

    def test_torch_module_loads_strictly(self):
        try:
            import torch
            from torch import nn
        except ImportError:
            self.skipTest("PyTorch is not installed (optional)")
        hp = json.loads(self.metadata["replab.config"])["hp"]
        k, hidden, p = hp["latent"], hp["hidden"], hp["dropout"]

        class Autoencoder(nn.Module):  # the snippet in docs/model-files.md
            def __init__(self):
                super().__init__()
                self.encoder = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Dropout(p))
                self.code = nn.Linear(hidden, k)
                self.decoder = nn.Sequential(nn.Linear(k, hidden), nn.ReLU(), nn.Dropout(p), nn.Linear(hidden, 784), nn.Sigmoid())

            def forward(self, x):
                return self.decoder(self.code(self.encoder(x.flatten(1)))).view_as(x)

        from safetensors.torch import load_file as torch_load
        model = Autoencoder().eval()
        model.load_state_dict(torch_load(f"{FIXTURE_DIR}/model.safetensors"), strict=True)
        with torch.no_grad():
            ours = model(torch.from_numpy(self.images)).numpy()
        diff = np.abs(ours - self.lab_outputs).max()
        print(f"\ntorch {torch.__version__} vs lab: max |difference| = {diff:.2e}")
        self.assertLess(diff, TOLERANCE)


if __name__ == "__main__":
    unittest.main(verbosity=2)
