#!/usr/bin/python3
"""Makes the scikit-learn reference fixture for Softclass's multi-label metrics.

Run with Debian's python3 (python3-sklearn), from anywhere:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_multilabel_reference.py

Reads ../datasets/yeast/yeast-400.csv (the first 400 rows of the yeast data) and writes, relative
to this script, sklearn_multilabel.json: for each case the probabilities, chosen labels and true
label sets, and every metric scikit-learn gives for them. Cases:
  yeast        OneVsRestClassifier(LogisticRegression) fitted on rows 0-249 (standardised), the
               probabilities of rows 250-399, labels chosen at probability >= 0.5
  yeast_ties   the same probabilities rounded to 1 decimal (many ties), rows 0-9 with an empty true
               set, the last label on no row at all, labels chosen at >= 0.3 (some rows none)
Deterministic: same inputs and library versions give byte-identical outputs. Floats are written
with repr(), so Java reads back exactly the doubles Python used.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, coverage_error, f1_score,
                             hamming_loss, label_ranking_average_precision_score,
                             precision_recall_fscore_support, roc_auc_score)
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "datasets", "yeast", "yeast-400.csv")
N_BINS = 15


def read():
    with open(DATA, encoding="utf-8") as f:
        rows = [ln.rstrip("\n").split(",") for ln in f if ln.strip()]
    header, rows = rows[0], rows[1:]
    sets = [r[0].split(";") for r in rows]
    labels = sorted({x for s in sets for x in s}, key=lambda s: int(s[len("label"):]))
    Y = np.array([[name in s for name in labels] for s in sets], dtype=int)
    X = np.array([[float(v) for v in r[1:]] for r in rows])
    return X, Y, labels


def ece(p, y):
    """Expected calibration error of one label with calibration_curve's uniform binning."""
    edges = np.linspace(0.0, 1.0, N_BINS + 1)
    ids = np.searchsorted(edges[1:-1], p)
    total = 0.0
    for b in range(N_BINS):
        m = ids == b
        if m.any():
            total += m.sum() * abs(y[m].mean() - p[m].mean())
    return total / len(p)


def case(name, probs, Y, pred, labels):
    zero = dict(zero_division=0)
    prec, rec, f1, support = precision_recall_fscore_support(Y, pred, average=None, **zero)
    per_label = []
    for k in range(Y.shape[1]):
        y = Y[:, k]
        defined = 0 < y.sum() < len(y)
        per_label.append({
            "precision": float(prec[k]), "recall": float(rec[k]), "f1": float(f1[k]),
            "support": int(support[k]),
            "roc_auc": float(roc_auc_score(y, probs[:, k])) if defined else None,
            "average_precision": float(average_precision_score(y, probs[:, k]))
            if y.sum() > 0 else None,
            "calibration_error": float(ece(probs[:, k], y)),
        })
    return {
        "name": name,
        "labels": labels,
        "probs": [[float(v) for v in row] for row in probs],
        "truth": [[int(k) for k in np.flatnonzero(row)] for row in Y],
        "chosen": [[int(k) for k in np.flatnonzero(row)] for row in pred],
        "sklearn": {
            "subset_accuracy": float(accuracy_score(Y, pred)),
            "hamming_loss": float(hamming_loss(Y, pred)),
            "micro_f1": float(f1_score(Y, pred, average="micro", **zero)),
            "macro_f1": float(f1_score(Y, pred, average="macro", **zero)),
            "samples_f1": float(f1_score(Y, pred, average="samples", **zero)),
            "weighted_f1": float(f1_score(Y, pred, average="weighted", **zero)),
            "lrap": float(label_ranking_average_precision_score(Y, probs)),
            "coverage_error": float(coverage_error(Y, probs)),
            "per_label": per_label,
        },
    }


def main():
    X, Y, labels = read()
    scaler = StandardScaler().fit(X[:250])
    ovr = OneVsRestClassifier(LogisticRegression(max_iter=10000, tol=1e-10))
    ovr.fit(scaler.transform(X[:250]), Y[:250])
    probs = ovr.predict_proba(scaler.transform(X[250:]))
    truth = Y[250:]
    cases = [case("yeast", probs, truth, (probs >= 0.5).astype(int), labels)]
    rounded = np.round(probs, 1)
    ties_truth = truth.copy()
    ties_truth[:10, :] = 0
    ties_truth[:, -1] = 0
    cases.append(case("yeast_ties", rounded, ties_truth, (rounded >= 0.3).astype(int), labels))
    out = {"generator": "make_multilabel_reference.py", "sklearn": sklearn.__version__,
           "numpy": np.__version__, "cases": cases}
    with open(os.path.join(HERE, "sklearn_multilabel.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
