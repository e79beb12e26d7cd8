#!/usr/bin/env python3
"""The Fashion-MNIST recipe of ffnn's docs/performance.md, in PyTorch: the twin of

    ffnn train --data idx:DIR --layers 256,128 --activation relu --optimizer adam --lr 0.001 \
        --batch 128 --epochs 15 --seed 1 --precision float32

784-256-128-10 with ReLU, softmax with cross-entropy (CrossEntropyLoss on the logits), Adam with
rate 0.001, batches of 128 in a new order each epoch, 15 epochs, pixels scaled to [0, 1],
PyTorch's default initialisation. Like ffnn's command it reads the IDX files itself, reports the
training loss every epoch (PyTorch's users compute it over the training set, which is what this
does), and evaluates the test set once at the end; it is timed whole, from start to exit.

Install (Debian/Ubuntu):  apt-get install -y python3-torch python3-numpy libopenblas0-pthread
Run, one core:  OPENBLAS_NUM_THREADS=1 /usr/bin/time -v python3 nn-bench/python/fashion_torch.py DIR
                [--dtype float32|float64] [--seed S] [--epochs E] [--threads T]
DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
t10k-labels-idx1-ubyte, each optionally .gz (Debian's dataset-fashion-mnist installs them in
/usr/share/datasets/fashion-mnist). Debian's OpenBLAS 0.3.21 runs its slowest kernels on
processors newer than itself: set OPENBLAS_CORETYPE=SkylakeX (AVX-512) or Haswell for this
command, and say so where you quote it.

Prints one line per epoch, 'torch DTYPE epoch E: S s, loss L', then
'torch DTYPE fashion: test accuracy A, seconds S (training T), peak RSS R MB'.
"""
import argparse
import gzip
import os
import resource
import time

start = time.time()
p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
p.add_argument("--seed", type=int, default=1)
p.add_argument("--epochs", type=int, default=15)
p.add_argument("--threads", type=int, default=1)
args = p.parse_args()
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
import numpy as np  # noqa: E402 (after the thread settings)
import torch  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
dtype = getattr(torch, args.dtype)


def idx(name, header):
    """The bytes after an IDX file's header, from NAME or NAME.gz in the directory."""
    path = os.path.join(args.dir, name)
    opener = open if os.path.exists(path) else gzip.open
    with opener(path if os.path.exists(path) else path + ".gz", "rb") as f:
        return np.frombuffer(f.read(), np.uint8, offset=header)


def images(name):
    return torch.tensor(idx(name, 16).reshape(-1, 784) / 255.0, dtype=dtype)


def labels(name):
    return torch.tensor(idx(name, 8), dtype=torch.long)


X, y = images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte")
Xt, yt = images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte")
net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                          torch.nn.ReLU(), torch.nn.Linear(128, 10)).to(dtype)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
loss = torch.nn.CrossEntropyLoss()
training = time.time()
for epoch in range(1, args.epochs + 1):
    t = time.time()
    order = torch.randperm(len(X))
    for s in range(0, len(X), 128):
        batch = order[s:s + 128]
        optimizer.zero_grad()
        loss(net(X[batch]), y[batch]).backward()
        optimizer.step()
    with torch.no_grad():
        J = loss(net(X), y).item()
    print(f"torch {args.dtype} epoch {epoch}: {time.time() - t:.2f} s, loss {J:.4f}", flush=True)
trained = time.time() - training
with torch.no_grad():
    accuracy = (net(Xt).argmax(1) == yt).double().mean().item()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"torch {args.dtype} fashion: test accuracy {accuracy:.4f}, seconds {time.time() - start:.1f} "
      f"(training {trained:.1f}), peak RSS {rss:.0f} MB")
