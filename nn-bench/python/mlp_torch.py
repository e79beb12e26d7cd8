#!/usr/bin/env python3
"""The benchmark network of `ffnn bench`, trained with PyTorch on the CPU: what a user might pick
instead of ffnn, as a reference for its throughput and latency.

Network 784-256-128-10, ReLU hidden layers, softmax output with categorical cross-entropy
(PyTorch's CrossEntropyLoss on the last layer's Z), SGD with rate 0.1, mini-batches of 128,
He-normal weights and zero biases, the examples shuffled every epoch. Data as `ffnn bench` makes
them: 60,000 examples of 784 inputs uniform in [0, 1), each labelled with the arg max of a fixed
random Gaussian linear map (10 classes); a seeded draw, the same distribution, not the same
numbers. PyTorch keeps examples as rows: its Linear layer computes x W^T + b.

Install (Debian/Ubuntu):  apt-get install -y python3-torch python3-numpy libopenblas0-pthread
             (elsewhere):  python3 -m pip install torch numpy
Run:  python3 nn-bench/python/mlp_torch.py --epochs 4 --threads 1
      python3 nn-bench/python/mlp_torch.py --latency
      python3 nn-bench/python/mlp_torch.py --products
Prints `torch float64 epoch E: S s, X ex/s, loss L`, the format of `ffnn bench`, or with
--latency the median time of predicting one example, as `ffnn bench --latency` measures it, or
with --products the median time of an epoch's matrix products alone.

Debian's PyTorch uses Debian's OpenBLAS 0.3.21, which does not recognise processors newer than
it and then runs its slowest kernels; on such a machine set OPENBLAS_CORETYPE=SkylakeX (or
Haswell) for this command, and say so with the numbers.
"""
import argparse
import os
import statistics
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=2, help="epochs to time (default 2)")
    p.add_argument("--batch", type=int, default=128, help="batch size (default 128)")
    p.add_argument("--examples", type=int, default=60000, help="examples (default 60,000)")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                   help="precision (default float64)")
    p.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1)")
    p.add_argument("--blas-threads", type=int, default=None,
                   help="threads of the BLAS PyTorch calls (default: --threads)")
    p.add_argument("--seed", type=int, default=0, help="seed of data, weights, shuffles")
    p.add_argument("--latency", action="store_true",
                   help="time predicting one example instead of training")
    p.add_argument("--products", action="store_true",
                   help="time only the matrix products of an epoch's training steps")
    return p.parse_args()


def network(torch, dtype):
    layers = []
    sizes = [784, 256, 128, 10]
    for l in range(1, len(sizes)):
        linear = torch.nn.Linear(sizes[l - 1], sizes[l])
        torch.nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")  # He: N(0, 2/n[l-1])
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if l < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers).to(dtype)


def latency(torch, net, dtype):
    x = torch.rand(1, 784, dtype=dtype)
    with torch.no_grad():
        for _ in range(20000):
            torch.softmax(net(x), dim=1)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(2000):
                torch.softmax(net(x), dim=1)
            runs.append((time.perf_counter() - start) / 2000 * 1e6)
    print(f"torch {str(dtype).replace('torch.', '')} latency: median "
          f"{statistics.median(runs):.2f} us per example (5 runs of 2000 calls)", flush=True)


def products(torch, dtype, batch, m):
    """The eight products of one training step (three forward with their biases, dW and dA[l-1]
    backward, no dA[0]), on operands that stay in cache, repeated for an epoch's steps: the part
    of the epoch that any program calling the same BLAS pays, whatever else it does."""
    sizes = [784, 256, 128, 10]
    A = [torch.rand(batch, n, dtype=dtype) for n in sizes]
    dZ = [None] + [torch.rand(batch, n, dtype=dtype) for n in sizes[1:]]
    W = [None] + [torch.randn(sizes[l], sizes[l - 1], dtype=dtype) for l in range(1, 4)]
    b = [None] + [torch.zeros(sizes[l], dtype=dtype) for l in range(1, 4)]

    def step():
        for l in range(1, 4):
            torch.addmm(b[l], A[l - 1], W[l].t())
        for l in range(3, 0, -1):
            dZ[l].t().mm(A[l - 1])
            if l > 1:
                dZ[l].mm(W[l])

    steps = (m + batch - 1) // batch
    for _ in range(200):
        step()
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        runs.append(time.perf_counter() - start)
    seconds = statistics.median(runs)
    print(f"torch {str(dtype).replace('torch.', '')} products of an epoch: median {seconds:.3f} s "
          f"({seconds / steps * 1e6:.0f} us a step, 7 runs of {steps} steps)", flush=True)


def main():
    args = parse()
    # PyTorch's own threads, and those of the BLAS it calls, which read this when they load
    blas = args.blas_threads if args.blas_threads is not None else args.threads
    os.environ["OPENBLAS_NUM_THREADS"] = str(blas)
    os.environ["OMP_NUM_THREADS"] = str(blas)
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dtype = getattr(torch, args.dtype)
    net = network(torch, dtype)
    if args.latency:
        latency(torch, net, dtype)
        return
    if args.products:
        products(torch, dtype, args.batch, args.examples)
        return
    rng = np.random.default_rng(args.seed)
    m = args.examples
    X = rng.random((m, 784))
    labels = np.argmax(X @ rng.standard_normal((10, 784)).T, axis=1)
    X = torch.from_numpy(X).to(dtype)
    labels = torch.from_numpy(labels)
    sgd = torch.optim.SGD(net.parameters(), lr=0.1)
    cross_entropy = torch.nn.CrossEntropyLoss()
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(m)
        start = time.perf_counter()
        cost = 0.0
        for first in range(0, m, args.batch):
            rows = order[first:first + args.batch]
            sgd.zero_grad()
            loss = cross_entropy(net(X[rows]), labels[rows])
            loss.backward()
            sgd.step()
            cost += loss.item() * len(rows)
        seconds = time.perf_counter() - start
        print(f"torch {args.dtype} epoch {epoch}: {seconds:.3f} s, {m / seconds:.0f} ex/s, "
              f"loss {cost / m:.4f}", flush=True)


if __name__ == "__main__":
    main()
