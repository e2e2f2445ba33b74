#!/usr/bin/env python3
"""Write the seed corpora in fuzz/corpus/<target>/ from the first records of public/data/.

Idempotent: rewrites the same files (gzip mtime fixed at 0). Run from the repository root.
"""
import gzip, os, struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
C = os.path.join(ROOT, "fuzz", "corpus")


def gz(b, level=6):
    return gzip.compress(b, compresslevel=level, mtime=0)


def data(path):
    with gzip.open(os.path.join(ROOT, "public", "data", path), "rb") as f:
        return f.read()


def idx_images(raw, n):
    count, rows, cols = struct.unpack(">III", raw[4:16])
    return struct.pack(">IIII", 0x803, n, rows, cols) + raw[16:16 + n * rows * cols]


def idx_labels(raw, n):
    return struct.pack(">II", 0x801, n) + raw[8:8 + n]


def put(target, name, b):
    d = os.path.join(C, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(b)


def user_files(files):
    out = b""
    for flags, name, body in files:
        out += bytes([flags, name]) + struct.pack("<H", len(body)) + body
    return out


mi, ml = data("mnist/train-images-idx3-ubyte.gz"), data("mnist/train-labels-idx1-ubyte.gz")
ti, tl = data("mnist/t10k-images-idx3-ubyte.gz"), data("mnist/t10k-labels-idx1-ubyte.gz")
fi, fl = data("fashion-mnist/train-images-idx3-ubyte.gz"), data("fashion-mnist/train-labels-idx1-ubyte.gz")
cifar = data("cifar10/test-1k.bin.gz")[: 3 * 3073]

# idx
put("idx", "mnist-3-images.idx", idx_images(mi, 3))
put("idx", "mnist-3-images.idx.gz", gz(idx_images(mi, 3)))
put("idx", "mnist-8-labels.idx", idx_labels(ml, 8))
put("idx", "mnist-8-labels.idx.gz", gz(idx_labels(ml, 8), 9))
put("idx", "fashion-2-images.idx", idx_images(fi, 2))
put("idx", "fashion-5-labels.idx.gz", gz(idx_labels(fl, 5), 1))
put("idx", "tiny-1x2x3-images.idx", struct.pack(">IIII", 0x803, 1, 2, 3) + bytes(range(6)))
# The allocation bound: a header claiming 4,000,000,000 28x28 images (rejected from the header).
put("idx", "alloc-4e9-images.idx", struct.pack(">IIII", 0x803, 4_000_000_000, 28, 28))

# cifar
put("cifar", "cifar-1-record.bin", cifar[:3073])
put("cifar", "cifar-2-records.bin.gz", gz(cifar[: 2 * 3073]))
put("cifar", "cifar-1-record-flat.bin.gz", gz(bytes([9]) + bytes(3072), 9))

# gzip: first byte = mode (see fuzz_targets/gzip.rs), then the payload
put("gzip", "m0-idx-images", bytes([0x60]) + idx_images(mi, 1))
put("gzip", "m0-idx-labels", bytes([0x10]) + idx_labels(ml, 4))
put("gzip", "m0-cifar", bytes([0x90]) + cifar[:3073])
put("gzip", "m1-lying-trailer", bytes([0x61]) + idx_labels(tl, 4))
put("gzip", "m2-raw-after-magic", bytes([2]) + gz(idx_labels(tl, 6))[2:])
put("gzip", "m2-stored-block", bytes([2]) + gz(idx_labels(tl, 3), 0)[2:])
put("gzip", "m3-flip", bytes([0x63]) + idx_images(ti, 1))

# user_files: [flags][name][len u16 LE][bytes]; names: 0 train-images, 1 train-labels,
# 2 t10k-images, 3 t10k-labels, 4 data_batch_1.bin, 5 test_batch.bin, 6 my-TEST-labels, 7 notes.txt
put("user_files", "mnist-train-test", user_files([
    (0, 0, idx_images(mi, 4)), (0, 1, idx_labels(ml, 4)),
    (0, 2, idx_images(ti, 2)), (0, 3, idx_labels(tl, 2))]))
put("user_files", "mnist-train-test-gz", user_files([
    (0x61, 0, idx_images(mi, 3)), (0x11, 1, idx_labels(ml, 3)),
    (0x91, 2, idx_images(ti, 1)), (0, 3, idx_labels(tl, 1))]))
put("user_files", "mnist-train-only", user_files([(0, 0, idx_images(mi, 7)), (0, 1, idx_labels(ml, 7))]))
put("user_files", "fashion-tiny-holdout", user_files([
    (0, 0, struct.pack(">IIII", 0x803, 2, 2, 2) + bytes(8)), (0, 1, idx_labels(fl, 2))]))
put("user_files", "cifar-train-test", user_files([(0, 4, cifar[: 2 * 3073]), (0x11, 5, cifar[2 * 3073:])]))
put("user_files", "cifar-two-batches", user_files([(0, 4, cifar[:3073]), (1, 4, cifar[3073: 2 * 3073])]))

# cifar_archive: [mode][payload] (see fuzz_targets/cifar_archive.rs: 0 as is, 1 gzip it, 2 seal
# every block's tar checksum, 3 seal then gzip). Tars cut right after their two end blocks.
import io, tarfile


def tar(members, fmt=tarfile.GNU_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for name, body in members:
            info = tarfile.TarInfo(name)
            info.mtime, info.mode, info.uname, info.gname = 1244000000, 0o644, "kriz", "kriz"
            if body is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                t.addfile(info)
            else:
                info.size = len(body)
                t.addfile(info, io.BytesIO(body))
        end = t.offset
    return buf.getvalue()[: end + 1024]


D = "cifar-10-batches-bin/"
official = [(D, None), (D + "batches.meta.txt", b"airplane\nautomobile\n"), (D + "data_batch_1.bin", cifar[:3073]),
            (D + "test_batch.bin", cifar[3073: 2 * 3073]), (D + "readme.html", b"<html></html>\n")]
put("cifar_archive", "m0-official.tar.gz", bytes([0]) + gz(tar(official)))
put("cifar_archive", "m0-official-ustar.tar", bytes([0]) + tar(official, tarfile.USTAR_FORMAT))
put("cifar_archive", "m1-two-batches.tar", bytes([0x61]) + tar([("data_batch_2.bin", cifar[:3073]), ("data_batch_1.bin", cifar[3073: 2 * 3073]),
                                                                 ("test_batch.bin", cifar[2 * 3073:])]))
put("cifar_archive", "m2-gnu-long-name.tar", bytes([2]) + tar([("L" * 120 + "/data_batch_1.bin", bytes([3]) + bytes(3072)),
                                                                 ("test_batch.bin", bytes([4]) + bytes(3072))]))
put("cifar_archive", "m3-pax-path.tar", bytes([0x13]) + tar([("P" * 120 + "/data_batch_7.bin", bytes([5]) + bytes(3072)),
                                                              (D + "test_batch.bin", bytes([6]) + bytes(3072))], tarfile.PAX_FORMAT))

# url_state
for i, q in enumerate([
    "?dataset=mnist&k=32&lr=0.001&batch=64&seed=7&backend=cpu",
    "dataset=cifar10&model=convvae&hidden=512&k=16&loss=l1&lr=1e-4&batch=32&epochs=20&beta=0.5",
    "model=contrastive&closs=ntxent&tau=0.1&margin=3&opt=sgd&momentum=0.9&wd=1e-4&dropout=0.2",
    "dataset=fashion&model=svm&c=10&out=linear&patience=3&backend=webgpu",
    "lr=NaN&k=0&hidden=99999&batch=%31%32%38&epochs=+5&seed=18446744073709551615&momentum=-0",
    "model=mlpclassifier&latent=8&temperature=0.5&optimizer=adam&weight_decay=0&output=sigmoid",
]):
    put("url_state", f"query-{i}", q.encode())

# Regressions (allocation bound): ~40-byte gzip files whose trailer claims ~533 MB made the
# parsers reserve that much before decoding (found with -malloc_limit_mb=64; fixed by bounding
# the claim by 1032x the compressed size, deflate's maximum expansion).
g = bytearray(gz(bytes([3]) + bytes(3072)))
g[-4:] = struct.pack("<I", 3073 * 174000)
put("cifar", "lying-trailer-534MB.bin.gz", bytes(g))
g = bytearray(gz(struct.pack(">IIII", 0x803, 680000, 28, 28) + bytes(784)))
g[-4:] = struct.pack("<I", 16 + 680000 * 784)
put("idx", "lying-trailer-533MB.idx.gz", bytes(g))

# safetensors_import: little files in the format (8-byte header length, JSON header, data).
import json


def safetensors(tensors, metadata=None, dtype="F32"):
    header, blob = {}, b""
    width = {"F32": 4, "F64": 8, "F16": 2, "I64": 8}[dtype]
    for name, (shape, values) in tensors.items():
        data = b"".join(struct.pack("<d" if dtype == "F64" else "<f", v) for v in values) if dtype in ("F32", "F64") \
            else bytes(width * len(values))
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + blob


card = json.dumps({"format": "replab", "dataset": "Mnist", "shape": {"channels": 1, "height": 2, "width": 2}, "classes": 10,
                   "hp": {"model": "MlpAe", "hidden": 2, "latent": 1}})
put("safetensors_import", "tiny-ae", safetensors({
    "encoder.0.weight": ([2, 4], [0.1 * i for i in range(8)]), "encoder.0.bias": ([2], [0.0, 1.0]),
    "code.weight": ([1, 2], [1.0, -1.0]), "code.bias": ([1], [0.5])}, {"format": "pt", "replab.config": card}))
put("safetensors_import", "conv-4d", safetensors({"encoder.0.weight": ([2, 1, 2, 2], [float(i) for i in range(8)])}))
put("safetensors_import", "f64", safetensors({"x": ([2], [1.0, 2.0])}, dtype="F64"))
put("safetensors_import", "f16", safetensors({"x": ([3], [0, 0, 0])}, dtype="F16"))
put("safetensors_import", "empty", safetensors({}))
put("safetensors_import", "scalar", safetensors({"s": ([], [3.0])}))
put("safetensors_import", "bad-card", safetensors({"x": ([1], [1.0])}, {"replab.config": "{oops"}))
put("safetensors_import", "nan", safetensors({"x": ([2], [float("nan"), 1.0])}))
