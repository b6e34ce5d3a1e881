#!/usr/bin/python3
"""Makes sklearn_balanced.json: logistic regression with class_weight='balanced' on glass and pima.

Run with Debian's python3 (python3-sklearn), from anywhere:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_balanced_reference.py

Reads ../datasets/{glass/glass.csv, pima_diabetes/pima_diabetes.csv} (copied from the project's
shared data with their READMEs). For each, on all rows: StandardScaler (population std), then
LogisticRegression(C=1/(l2 n), class_weight='balanced', lbfgs, tol 1e-10), multinomial for more than
two classes. sklearn's weighted loss C * sum(w_i loss_i) + ||W||^2 / 2 is Softclass's mean of
weighted losses plus (l2/2)||W||^2 scaled by C n. Because sklearn 1.2.1's lbfgs stops on a fixed ftol
before its tol (see README.md), the `optimum` block solves the same weighted problem further with
scipy L-BFGS-B from sklearn's solution (gtol 1e-13); compare Softclass to it tightly. Deterministic.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import csv
import json
import warnings

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import expit, logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = {"glass": "glass/glass.csv", "pima_diabetes": "pima_diabetes/pima_diabetes.csv"}
L2 = 0.01


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    li = header.index("label")
    y = np.array([r[li] for r in rows[1:]])
    x = np.array([[float(v) for j, v in enumerate(r) if j != li] for r in rows[1:]])
    return x, y


def objective(params, x, yi, w, k, l2):
    """Softclass's weighted objective and gradient; params = W (outputs x d) then biases."""
    n, d = x.shape
    outputs = 1 if k == 2 else k
    W = params[: outputs * d].reshape(outputs, d)
    b = params[outputs * d:]
    z = x @ W.T + b
    if k == 2:
        z = z[:, 0]
        t = (yi == 1).astype(float)
        loss = np.logaddexp(0, z) - t * z
        dz = (expit(z) - t)[:, None]
    else:
        lse = logsumexp(z, axis=1)
        loss = lse - z[np.arange(n), yi]
        p = np.exp(z - lse[:, None])
        p[np.arange(n), yi] -= 1
        dz = p
    dz = dz * w[:, None] / n
    value = np.sum(w * loss) / n + 0.5 * l2 * np.sum(W * W)
    gW = dz.T @ x + l2 * W
    gb = dz.sum(axis=0)
    return value, np.concatenate([gW.ravel(), gb])


def main():
    out = {
        "made_by": "softclass-core/src/test/resources/reference/make_balanced_reference.py",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "l2": L2,
        "datasets": {},
    }
    for name, rel in DATASETS.items():
        x, y = read(os.path.join(HERE, "..", "datasets", rel))
        classes = np.unique(y)
        yi = np.searchsorted(classes, y)
        n, d = x.shape
        xs = StandardScaler().fit_transform(x)
        k = len(classes)
        clf = LogisticRegression(C=1.0 / (L2 * n), class_weight="balanced", solver="lbfgs",
                                 tol=1e-10, max_iter=10000,
                                 multi_class="multinomial" if k > 2 else "auto")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf.fit(xs, y)
        cw = compute_class_weight("balanced", classes=classes, y=y)
        w = cw[yi]
        start = np.concatenate([clf.coef_.ravel(), clf.intercept_])
        res = minimize(objective, start, args=(xs, yi, w, k, L2), jac=True, method="L-BFGS-B",
                       options={"gtol": 1e-13, "ftol": 0, "maxiter": 100000})
        outputs = 1 if k == 2 else k
        value, grad = objective(res.x, xs, yi, w, k, L2)
        out["datasets"][name] = {
            "n": n,
            "classes": classes.tolist(),
            "class_weights": cw.tolist(),
            "sklearn": {
                "coef": clf.coef_.tolist(),
                "intercept": clf.intercept_.tolist(),
                "objective": objective(start, xs, yi, w, k, L2)[0],
                "proba_first5": np.round(clf.predict_proba(xs[:5]), 8).tolist(),
            },
            "optimum": {
                "coef": res.x[: outputs * d].reshape(outputs, d).tolist(),
                "intercept": res.x[outputs * d:].tolist(),
                "objective": value,
                "grad_inf_norm": float(np.max(np.abs(grad))),
            },
        }
    with open(os.path.join(HERE, "sklearn_balanced.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
