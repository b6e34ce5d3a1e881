#!/usr/bin/env python3
"""Accuracy (P@1) and log loss of fastText predictions against a fastText test file:
bench/text_metrics.py TEST PREDICT_PROB_OUTPUT [--normalise]
The predictions are `fasttext predict-prob MODEL TEST -1` lines (`__label__x p __label__y p ...`).
A label missing from a line (or with probability 0) gets probability 2.2e-16 (numpy's eps, as
scikit-learn clips), so the log loss stays finite; probabilities are clipped to at most 1 (fastText
prints p + 1e-5, which can exceed 1). With --normalise (for ns and ova, whose scores are
independent sigmoids) each line's scores are divided by their sum first, as Softclass's evaluation
does. Prints: accuracy log_loss n"""
import math
import sys

EPS = 2.220446049250313e-16


def main():
    test_path, pred_path = sys.argv[1:3]
    normalise = "--normalise" in sys.argv[3:]
    n = correct = 0
    loss = 0.0
    with open(test_path, encoding="utf-8") as t, open(pred_path, encoding="utf-8") as p:
        for line in t:
            if not line.strip():
                continue
            label = next(tok for tok in line.split() if tok.startswith("__label__"))
            fields = p.readline().split()
            probs = {fields[i]: float(fields[i + 1]) for i in range(0, len(fields) - 1, 2)}
            if normalise:
                total = sum(probs.values()) or 1.0
                probs = {k: v / total for k, v in probs.items()}
            top = fields[0] if fields else None
            n += 1
            correct += top == label
            loss -= math.log(min(1.0, max(EPS, probs.get(label, 0.0))))
    print(f"{correct / n:.4f} {loss / n:.4f} {n}")


if __name__ == "__main__":
    main()
