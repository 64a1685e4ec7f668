"""A small MLP for the penguins species, trained with PyTorch and exported to ONNX.

Run through the train action (`mlops train` in this directory): it passes the parameters file, the data paths
and where to write the model and metrics in environment variables:

  MLOPS_PARAMS_PATH   JSON with the parameters from params.yaml
  MLOPS_DATA_TRAIN    training CSV (data.train in mlops.yaml), MLOPS_DATA_EVAL when data.eval is set
  MLOPS_MODEL_PATH    where to write the ONNX model
  MLOPS_METRICS_PATH  where to write the metrics JSON

The exported graph takes one float input "features" [N, 4] (the numeric columns in FEATURES order; missing
values as NaN) and returns "probabilities" [N, 3]. Imputation and standardization are inside the graph.
"""
import csv
import json
import math
import os
import struct

import torch
from torch import nn

FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
LABEL = "species"


def read(path):
    xs, ys = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if not row[LABEL]:
                continue
            xs.append([float(row[c]) if row[c] != "" else math.nan for c in FEATURES])
            ys.append(row[LABEL])
    return torch.tensor(xs, dtype=torch.float32), ys


class Mlp(nn.Module):
    def __init__(self, mean, std, hidden, classes):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.net = nn.Sequential(nn.Linear(len(FEATURES), hidden), nn.ReLU(), nn.Linear(hidden, classes))

    def logits(self, x):
        x = torch.where(torch.isnan(x), self.mean.expand_as(x), x)
        return self.net((x - self.mean) / self.std)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def metadata_entry(key, value):
    """A ModelProto.metadata_props entry (field 14), appended to the serialized model: repeated fields merge."""
    def varint(n):
        out = b""
        while True:
            byte = n & 0x7F
            n >>= 7
            out += struct.pack("B", byte | (0x80 if n else 0))
            if not n:
                return out

    def field(number, data):
        return varint((number << 3) | 2) + varint(len(data)) + data

    return field(14, field(1, key.encode()) + field(2, value.encode()))


def main():
    params = json.load(open(os.environ["MLOPS_PARAMS_PATH"]))
    torch.manual_seed(int(params.get("seed", 0)))
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    x, labels = read(os.environ["MLOPS_DATA_TRAIN"])
    classes = sorted(set(labels))
    y = torch.tensor([classes.index(v) for v in labels])
    observed = torch.nan_to_num(x, nan=0.0)
    counts = (~torch.isnan(x)).sum(dim=0)
    mean = observed.sum(dim=0) / counts
    filled = torch.where(torch.isnan(x), mean.expand_as(x), x)
    std = filled.std(dim=0, unbiased=False).clamp_min(1e-12)

    model = Mlp(mean, std, int(params.get("hidden", 16)), len(classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=float(params.get("lr", 0.01)))
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(int(params.get("epochs", 200))):
        optimizer.zero_grad()
        loss = loss_fn(model.logits(x), y)
        loss.backward()
        optimizer.step()
        if epoch % 50 == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f}")

    model.eval()
    metrics = {}
    with torch.no_grad():
        metrics["train_loss"] = float(loss_fn(model.logits(x), y))
        metrics["train_accuracy"] = float((model(x).argmax(dim=1) == y).float().mean())
        eval_path = os.environ.get("MLOPS_DATA_EVAL")
        if eval_path:
            xe, le = read(eval_path)
            ye = torch.tensor([classes.index(v) for v in le])
            metrics["eval_accuracy"] = float((model(xe).argmax(dim=1) == ye).float().mean())
    print("metrics:", json.dumps(metrics))

    path = os.environ["MLOPS_MODEL_PATH"]
    torch.onnx.export(
        model,
        x[:2],
        path,
        input_names=["features"],
        output_names=["probabilities"],
        dynamic_axes={"features": {0: "N"}, "probabilities": {0: "N"}},
        opset_version=17,
    )
    with open(path, "ab") as f:
        f.write(metadata_entry("mlops.classes", json.dumps(classes)))
        f.write(metadata_entry("mlops.task", "multiclass"))
        f.write(metadata_entry("mlops.label", LABEL))
        f.write(metadata_entry("mlops.features", json.dumps(FEATURES)))
    with open(os.environ["MLOPS_METRICS_PATH"], "w") as f:
        json.dump(metrics, f)


if __name__ == "__main__":
    main()
