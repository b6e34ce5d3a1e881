#!/usr/bin/env python3
"""Top-1 accuracy of a fastText model two ways: as `fasttext predict` ranks the classes (its
512-entry sigmoid table, clipped at |score| > 8, so near scores tie) and by the exact scores
(output row . hidden, the ranking Softclass's exact sigmoid gives). The hidden vectors are
`fasttext print-sentence-vectors` (for a supervised model: the mean of the line's input rows, the
vector its classifier sees); the output matrix is `fasttext dump MODEL output`.
    python3 bench/fasttext_exact_top1.py MODEL.bin TEST_FILE
prints: fasttext_predict_accuracy exact_argmax_accuracy agreement. Needs numpy."""
import subprocess
import sys

import numpy as np


def main():
    model, test = sys.argv[1:3]
    dump = subprocess.run(["fasttext", "dump", model, "output"], capture_output=True, text=True, check=True)
    out = np.loadtxt(dump.stdout.splitlines()[1:], ndmin=2)
    words = subprocess.run(["fasttext", "dump", model, "dict"], capture_output=True, text=True, check=True)
    labels = [l.split()[0] for l in words.stdout.splitlines()[1:] if l.split()[-1] == "label"]
    with open(test, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    truth = [next(t for t in l.split() if t.startswith("__label__")) for l in lines]
    sv = subprocess.run(["fasttext", "print-sentence-vectors", model], input="".join(lines),
                        capture_output=True, text=True, check=True)
    hidden = np.loadtxt(sv.stdout.splitlines(), ndmin=2)
    pred = subprocess.run(["fasttext", "predict", model, "-", "1"], input="".join(lines),
                          capture_output=True, text=True, check=True)
    table = [l.split()[0] if l.split() else "" for l in pred.stdout.splitlines()]
    exact = [labels[i] for i in (hidden @ out.T).argmax(axis=1)]
    n = len(truth)
    print(f"{sum(a == b for a, b in zip(table, truth)) / n:.4f} "
          f"{sum(a == b for a, b in zip(exact, truth)) / n:.4f} "
          f"{sum(a == b for a, b in zip(table, exact)) / n:.4f}")


if __name__ == "__main__":
    main()
