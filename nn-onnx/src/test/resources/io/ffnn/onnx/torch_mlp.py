#!/usr/bin/env python3
"""Makes torch-mlp.onnx and torch-mlp-predictions.csv, the PyTorch model that OnnxImportTest
imports: a small MLP (4-16-8-3: LeakyReLU(0.1), ELU(0.5), softmax) with seeded weights,
exported by torch.onnx.export (opset 17), and PyTorch's own predictions on 10 fixed inputs
(each row: the 4 inputs, then the 3 outputs, as float32 values printed exactly).

    python3 torch_mlp.py        # PyTorch 1.13 (Debian's python3-torch) or newer
"""
import torch

torch.manual_seed(7)
model = torch.nn.Sequential(
    torch.nn.Linear(4, 16), torch.nn.LeakyReLU(0.1),
    torch.nn.Linear(16, 8), torch.nn.ELU(0.5),
    torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
model.eval()
x = torch.randn(10, 4) * 2
torch.onnx.export(model, x, "torch-mlp.onnx", opset_version=17, input_names=["x"],
                  output_names=["y"], dynamic_axes={"x": {0: "N"}, "y": {0: "N"}})
with torch.no_grad():
    y = model(x)
with open("torch-mlp-predictions.csv", "w") as f:
    for row_x, row_y in zip(x.tolist(), y.tolist()):
        f.write(",".join(repr(v) for v in row_x + row_y) + "\n")
print("wrote torch-mlp.onnx and torch-mlp-predictions.csv")
