#!/usr/bin/env python3
"""The benchmark network of `ffnn bench`, trained with NumPy alone: a reference for ffnn's
throughput, written in ffnn's notation (examples are columns, Z[l] = W[l] A[l-1] + b[l]).

Network 784-256-128-10, ReLU hidden layers, softmax output with categorical cross-entropy,
SGD with rate 0.1, mini-batches of 128, He-normal weights and zero biases, the examples shuffled
every epoch. Data as `ffnn bench` makes them: 60,000 examples of 784 inputs uniform in [0, 1),
each labelled with the arg max of a fixed random Gaussian linear map (10 classes); a seeded
draw, from NumPy's generator rather than Java's, so the same distribution, not the same numbers.

Install (Debian/Ubuntu):  apt-get install -y python3-numpy libopenblas0-pthread
             (elsewhere):  python3 -m pip install numpy
Run:  python3 nn-bench/python/mlp_numpy.py --epochs 4 --threads 1
Prints `numpy float64 epoch E: S s, X ex/s, loss L`, the format of `ffnn bench`.

Debian's OpenBLAS 0.3.21 does not recognise processors newer than it, and then runs its slowest
kernels; on such a machine set OPENBLAS_CORETYPE=SkylakeX (or Haswell) for this command, and say
so with the numbers.
"""
import argparse
import os
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=2, help="epochs to time (default 2)")
    p.add_argument("--batch", type=int, default=128, help="batch size (default 128)")
    p.add_argument("--examples", type=int, default=60000, help="examples (default 60,000)")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64",
                   help="precision (default float64)")
    p.add_argument("--threads", type=int, default=1, help="BLAS threads (default 1)")
    p.add_argument("--seed", type=int, default=0, help="seed of data, weights, shuffles")
    return p.parse_args()


def synthetic(np, rng, m, dtype):
    """X: 784 x m, uniform; Y: 10 x m one-hot, the arg max of a random linear map of X."""
    X = rng.random((784, m))
    teacher = rng.standard_normal((10, 784))
    labels = np.argmax(teacher @ X, axis=0)
    Y = np.zeros((10, m))
    Y[labels, np.arange(m)] = 1.0
    return X.astype(dtype), Y.astype(dtype)


def main():
    args = parse()
    # the thread count must be set before NumPy loads its BLAS
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import numpy as np

    dtype = np.dtype(args.dtype)
    rng = np.random.default_rng(args.seed)
    X, Y = synthetic(np, rng, args.examples, dtype)
    n = [784, 256, 128, 10]
    L = len(n) - 1
    W = [None] + [(rng.standard_normal((n[l], n[l - 1])) * np.sqrt(2.0 / n[l - 1])).astype(dtype)
                  for l in range(1, L + 1)]
    b = [None] + [np.zeros((n[l], 1), dtype) for l in range(1, L + 1)]
    lr = dtype.type(0.1)
    m = X.shape[1]
    for epoch in range(1, args.epochs + 1):
        order = rng.permutation(m)
        start = time.perf_counter()
        cost = 0.0
        for first in range(0, m, args.batch):
            cols = order[first:first + args.batch]
            mb = len(cols)
            A = [X[:, cols]]
            Z = [None]
            for l in range(1, L + 1):
                Z.append(W[l] @ A[l - 1] + b[l])
                if l < L:
                    A.append(np.maximum(Z[l], 0))
                else:
                    shifted = np.exp(Z[l] - Z[l].max(axis=0, keepdims=True))
                    A.append(shifted / shifted.sum(axis=0, keepdims=True))
            Yb = Y[:, cols]
            cost += float(-np.sum(Yb * np.log(np.maximum(A[L], 1e-300))))
            dZ = (A[L] - Yb) / mb  # softmax with cross-entropy: dZ[L] = (A[L] - Y) / m
            for l in range(L, 0, -1):
                dW = dZ @ A[l - 1].T
                db = dZ.sum(axis=1, keepdims=True)
                if l > 1:
                    dZ = (W[l].T @ dZ) * (Z[l - 1] > 0)
                W[l] -= lr * dW
                b[l] -= lr * db
        seconds = time.perf_counter() - start
        print(f"numpy {dtype.name} epoch {epoch}: {seconds:.3f} s, {m / seconds:.0f} ex/s, "
              f"loss {cost / m:.4f}", flush=True)


if __name__ == "__main__":
    main()
