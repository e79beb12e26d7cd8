#!/usr/bin/env python3
"""The reference values of OptimizerTest.nadamWithMomentumDecayIsPyTorchs: PyTorch's NAdam
update as its documentation publishes it (torch.optim.NAdam, with the momentum-decay schedule
mu_t = beta1 (1 - 0.5 * 0.96 ** (t psi))), in float64, on a fixed sequence of gradients; the
parameters after each of 6 steps. Standard library only.

If PyTorch is installed, its own NAdam runs too, for comparison. PyTorch 1.13 (Debian 12's
python3-torch) multiplies mu_t into the next product twice (mu_product_next = mu_product * mu *
mu_next), which later versions corrected to the published mu_product * mu_next; its values then
differ from the published ones from the first step.

    python3 torch_nadam.py
"""
import math

LR, BETA1, BETA2, EPS, PSI = 0.01, 0.9, 0.999, 1e-8, 4e-3


def gradient(t):
    return [math.sin(t), math.cos(2 * t), 0.1 * t - 0.3]


def published():
    theta = [0.5, -1.0, 2.0]
    m = [0.0] * 3
    v = [0.0] * 3
    product = 1.0
    for t in range(1, 7):
        g = gradient(t)
        mu = BETA1 * (1 - 0.5 * 0.96 ** (t * PSI))
        mu_next = BETA1 * (1 - 0.5 * 0.96 ** ((t + 1) * PSI))
        product *= mu
        product_next = product * mu_next
        for k in range(3):
            m[k] = BETA1 * m[k] + (1 - BETA1) * g[k]
            v[k] = BETA2 * v[k] + (1 - BETA2) * g[k] * g[k]
            denom = math.sqrt(v[k] / (1 - BETA2 ** t)) + EPS
            theta[k] -= LR * ((1 - mu) * g[k] / (1 - product)
                              + mu_next * m[k] / (1 - product_next)) / denom
        print(", ".join(repr(x) for x in theta))


def pytorch():
    import torch
    theta = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.NAdam([theta], lr=LR, betas=(BETA1, BETA2), eps=EPS, momentum_decay=PSI)
    for t in range(1, 7):
        opt.zero_grad()
        theta.grad = torch.tensor(gradient(t), dtype=torch.float64)
        opt.step()
        print(", ".join(repr(x) for x in theta.detach().tolist()))


print("published update:")
published()
try:
    print("torch " + __import__("torch").__version__ + ":")
    pytorch()
except ImportError:
    pass
