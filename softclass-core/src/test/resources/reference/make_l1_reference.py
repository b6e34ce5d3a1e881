#!/usr/bin/python3
"""Makes the scikit-learn reference for Softclass's L1 / elastic-net golden test (OWL-QN).

Run with Debian's python3 (python3-sklearn), from the repository root:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_l1_reference.py

Reads ../datasets/breast_cancer_wdbc/train.csv (written by make_reference.py), standardises the
features with StandardScaler fitted on them (population std), and fits
LogisticRegression(solver='liblinear', penalty='l1', tol=1e-8, intercept_scaling=1e3).
liblinear penalises the intercept as a weight on a constant feature of value intercept_scaling;
at 1e3 that penalty is l1 * |b| / 1e3 (about 1e-5 of the objective here), so the intercept is in effect unpenalised as in
Softclass. (saga, which does not penalise it, did not reach a tight tolerance here within minutes, and
liblinear at tolerances below 1e-8 did not finish either.)

Softclass minimises mean(log loss) + l1 * ||W||_1; scikit-learn minimises
C * sum(log loss) + ||W||_1, the same problem scaled by C * n, so C = 1 / (l1 * n).

Writes sklearn_l1.json: per case the dataset, l1, l2, C, l1_ratio, classes, coefficients
(outputs x features, in the standardised space), intercepts, the objective at sklearn's solution,
and the number of exactly-zero coefficients.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json
import warnings

import numpy as np
import sklearn
from scipy.special import log_softmax
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.join(os.path.dirname(HERE), "datasets")
CASES = [
    ("breast_cancer_wdbc", 0.01, 0.0),
    ("breast_cancer_wdbc", 0.002, 0.0),
]


def read(name):
    with open(os.path.join(DATASETS, name, "train.csv"), encoding="utf-8") as f:
        lines = [ln.strip() for ln in f if ln.strip()]
    rows = [ln.split(",") for ln in lines[1:]]
    y = np.array([r[0] for r in rows])
    x = np.array([[float(v) for v in r[1:]] for r in rows])
    return x, y


def objective(model, x, y, l1, l2):
    z = x @ model.coef_.T + model.intercept_
    if z.shape[1] == 1:
        z = np.hstack([np.zeros_like(z), z])
    idx = np.searchsorted(model.classes_, y)
    loss = -log_softmax(z, axis=1)[np.arange(len(y)), idx].mean()
    w = model.coef_
    return loss + l1 * np.abs(w).sum() + 0.5 * l2 * (w * w).sum()


def main():
    out = []
    for name, l1, l2 in CASES:
        x, y = read(name)
        xs = StandardScaler().fit_transform(x)
        n = len(y)
        c = 1.0 / ((l1 + l2) * n)
        ratio = l1 / (l1 + l2)
        penalty = "l1"
        model = LogisticRegression(
            penalty=penalty,
            C=c,
            solver="liblinear",
            tol=1e-8,
            intercept_scaling=1e3,
            max_iter=100000,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model.fit(xs, y)
        out.append(
            {
                "dataset": name,
                "l1": l1,
                "l2": l2,
                "C": c,
                "l1_ratio": ratio,
                "classes": [str(v) for v in model.classes_],
                "coef": [[round(float(v), 10) for v in row] for row in model.coef_],
                "intercept": [round(float(v), 10) for v in model.intercept_],
                "objective": float(objective(model, xs, y, l1, l2)),
                "zeros": int((model.coef_ == 0).sum()),
                "iterations": int(np.max(model.n_iter_)),
            }
        )
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": out}
    with open(os.path.join(HERE, "sklearn_l1.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
