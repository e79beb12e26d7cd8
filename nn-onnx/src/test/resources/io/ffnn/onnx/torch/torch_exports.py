#!/usr/bin/env python3
"""Makes the PyTorch exports that OnnxTorchImportTest imports, and PyTorch's own predictions.

Each model is a Linear stack with one of the activations users pick, exported by
torch.onnx.export at opsets 13 and 17 in float32 and float64:

    [Flatten] -> Linear(5, 8) -> act -> Linear(8, 6[, bias=False]) -> act -> Linear(6, 3) -> out

where `out` is Softmax, Sigmoid, or nothing (raw logits, which the test imports as a softmax
classifier: PyTorch's predictions for those are softmax(logits)). Some models start with
nn.Flatten on a [N, 1, 5] input; some have a second layer without a bias (a MatMul in ONNX).
For each model NAME-OPSET-DTYPE.onnx, NAME-OPSET-DTYPE.csv holds 12 rows: the 5 inputs, then
the 3 outputs PyTorch computed, every value printed exactly (repr).

    python3 torch_exports.py        # PyTorch 1.13 (Debian's python3-torch) or newer
"""
import torch

ACTIVATIONS = [
    ("silu", lambda: torch.nn.SiLU()),
    ("gelu", lambda: torch.nn.GELU()),
    ("gelu_tanh", lambda: torch.nn.GELU(approximate="tanh")),
    ("mish", lambda: torch.nn.Mish()),
    ("softsign", lambda: torch.nn.Softsign()),
    ("relu6", lambda: torch.nn.ReLU6()),
    ("hardtanh", lambda: torch.nn.Hardtanh()),
    ("leaky_relu", lambda: torch.nn.LeakyReLU(0.2)),
    ("elu", lambda: torch.nn.ELU(0.5)),
    ("selu", lambda: torch.nn.SELU()),
    ("celu", lambda: torch.nn.CELU(2.0)),
    ("softplus", lambda: torch.nn.Softplus(beta=2.0)),
]
OUTPUTS = ["softmax", "sigmoid", "logits"]


def model(index, make):
    torch.manual_seed(100 + index)
    layers = []
    flatten = index % 2 == 0
    if flatten:
        layers.append(torch.nn.Flatten())
    layers += [torch.nn.Linear(5, 8), make(), torch.nn.Linear(8, 6, bias=index % 3 != 1), make(),
               torch.nn.Linear(6, 3)]
    output = OUTPUTS[index % 3]
    if output == "softmax":
        layers.append(torch.nn.Softmax(dim=1))
    elif output == "sigmoid":
        layers.append(torch.nn.Sigmoid())
    return torch.nn.Sequential(*layers).eval(), flatten, output


def main():
    for index, (name, make) in enumerate(ACTIVATIONS):
        for dtype in (torch.float32, torch.float64):
            net, flatten, output = model(index, make)
            net = net.to(dtype)
            torch.manual_seed(7)
            x = (torch.randn(12, 5) * 2).to(dtype)
            x_in = x.reshape(12, 1, 5) if flatten else x
            with torch.no_grad():
                y = net(x_in)
                if output == "logits":
                    y = torch.softmax(y, dim=1)
            for opset in (13, 17):
                stem = f"{name}-{opset}-{str(dtype).replace('torch.', '')}"
                axes = {"x": {0: "N"}, "y": {0: "N"}}
                torch.onnx.export(net, x_in, stem + ".onnx", opset_version=opset,
                                  input_names=["x"], output_names=["y"], dynamic_axes=axes)
                with open(stem + ".csv", "w") as f:
                    for row_x, row_y in zip(x.tolist(), y.tolist()):
                        f.write(",".join(repr(v) for v in row_x + row_y) + "\n")
    print("wrote", 2 * 2 * len(ACTIVATIONS), "models")


if __name__ == "__main__":
    main()
