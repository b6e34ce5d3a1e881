#!/usr/bin/python3
"""Makes the scikit-learn reference fixtures for Softclass's metrics and calibration tests.

Run with Debian's python3 (python3-sklearn), from anywhere:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_metrics_reference.py [DATA_ROOT]

DATA_ROOT (default /work/shared/data) holds spambase/spambase.csv. The digits split is read from
../datasets/digits (made by make_reference.py). Writes, relative to this script:
    sklearn_metrics.json       predictions of real models and every metric scikit-learn gives for them
    sklearn_calibration.json   logits, labels and scikit-learn's isotonic / sigmoid calibration fits
Deterministic: same inputs and library versions give byte-identical outputs. Floats are written
with repr(), so Java reads back exactly the doubles Python used.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json
import sys

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize, minimize_scalar
from scipy.special import expit, log_softmax, logsumexp
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score,
                             brier_score_loss, confusion_matrix, f1_score, log_loss,
                             precision_recall_curve, precision_recall_fscore_support,
                             roc_auc_score, roc_curve, top_k_accuracy_score)
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler, label_binarize

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.dirname(HERE)
N_BINS = 15


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        rows = [ln.rstrip("\n").split(",") for ln in f if ln.strip()]
    header, rows = rows[0], rows[1:]
    li = header.index("label")
    y = np.array([r[li] for r in rows])
    X = np.array([[float(v) for j, v in enumerate(r) if j != li] for r in rows])
    return X, y


def fl(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def ece(conf, correct, edges):
    """Expected and maximum calibration error with calibration_curve's binning."""
    ids = np.searchsorted(edges[1:-1], conf)
    total, gap_sum, mce = len(conf), 0.0, 0.0
    for b in range(len(edges) - 1):
        m = ids == b
        if m.any():
            gap = abs(correct[m].mean() - conf[m].mean())
            gap_sum += m.sum() * gap
            mce = max(mce, gap)
    return gap_sum / total, mce


def metrics_case(name, probs, y, classes):
    k = len(classes)
    pred = np.argmax(probs, axis=1)
    conf = probs[np.arange(len(y)), pred]
    correct = (pred == y).astype(np.float64)
    out = {"name": name, "classes": classes, "truth": [int(v) for v in y],
           "probs": [fl(r) for r in probs]}
    m = {}
    m["accuracy"] = accuracy_score(y, pred)
    m["balanced_accuracy"] = balanced_accuracy_score(y, pred)
    for avg in ("macro", "micro", "weighted"):
        m[avg + "_f1"] = f1_score(y, pred, average=avg, zero_division=0)
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=range(k), zero_division=0)
    m["precision"], m["recall"], m["f1"], m["support"] = fl(p), fl(r), fl(f), [int(v) for v in s]
    m["log_loss"] = log_loss(y, probs, labels=range(k))
    if k == 2:
        m["brier"] = brier_score_loss(y, probs[:, 1])
        m["roc_auc"] = roc_auc_score(y, probs[:, 1])
        m["roc_auc_weighted"] = m["roc_auc"]
        m["average_precision"] = average_precision_score(y, probs[:, 1])
        m["average_precision_weighted"] = m["average_precision"]
        fpr, tpr, thr = roc_curve(y, probs[:, 1], drop_intermediate=False)
        m["roc_curve"] = {"fpr": fl(fpr), "tpr": fl(tpr), "thresholds": fl(thr[1:])}
        prec, rec, thr = precision_recall_curve(y, probs[:, 1])
        m["pr_curve"] = {"precision": fl(prec), "recall": fl(rec), "thresholds": fl(thr)}
    else:
        # scikit-learn 1.2 has only the binary Brier score; this is 1.7's multi-class definition.
        m["brier"] = float(np.mean(np.sum((probs - np.eye(k)[y]) ** 2, axis=1)))
        m["roc_auc"] = roc_auc_score(y, probs, multi_class="ovr", average="macro")
        m["roc_auc_weighted"] = roc_auc_score(y, probs, multi_class="ovr", average="weighted")
        yb = label_binarize(y, classes=range(k))
        m["average_precision"] = average_precision_score(yb, probs, average="macro")
        m["average_precision_weighted"] = average_precision_score(yb, probs, average="weighted")
    m["per_class_roc_auc"] = [roc_auc_score(y == c, probs[:, c]) for c in range(k)]
    m["per_class_average_precision"] = [average_precision_score(y == c, probs[:, c]) for c in range(k)]
    m["top_k_accuracy"] = {str(kk): top_k_accuracy_score(y, probs if k > 2 else probs[:, 1], k=kk,
                                                         labels=range(k))
                           for kk in (1, 2, 3, 5) if kk < k or kk == 1}
    m["confusion"] = confusion_matrix(y, pred, labels=range(k)).tolist()
    rel = {}
    for strategy, key in (("uniform", "equal_width"), ("quantile", "equal_mass")):
        prob_true, prob_pred = calibration_curve(correct, conf, n_bins=N_BINS, strategy=strategy)
        if strategy == "uniform":
            edges = np.linspace(0.0, 1.0, N_BINS + 1)
        else:
            edges = np.percentile(conf, np.linspace(0, 1, N_BINS + 1) * 100)
        e, mce = ece(conf, correct, edges)
        rel[key] = {"accuracy": fl(prob_true), "confidence": fl(prob_pred), "ece": e, "mce": mce,
                    "edges": fl(edges)}
    m["reliability"] = rel
    out["sklearn"] = {kk: (float(v) if isinstance(v, (float, np.floating)) else v)
                      for kk, v in m.items()}
    return out


def spambase_split(data_root):
    X, y = read_csv(os.path.join(data_root, "spambase", "spambase.csv"))
    classes = sorted(set(y))
    yi = np.searchsorted(classes, y)
    Xtr, Xte, ytr, yte = train_test_split(X, yi, test_size=0.2, stratify=yi, random_state=42)
    sc = StandardScaler().fit(Xtr)
    return sc.transform(Xtr), sc.transform(Xte), ytr, yte, classes


def digits_split():
    d = os.path.join(RESOURCES, "datasets", "digits")
    Xtr, ytr = read_csv(os.path.join(d, "train.csv"))
    Xte, yte = read_csv(os.path.join(d, "test.csv"))
    classes = sorted(set(ytr))
    sc = StandardScaler().fit(Xtr)
    return (sc.transform(Xtr), sc.transform(Xte), np.searchsorted(classes, ytr),
            np.searchsorted(classes, yte), classes)


def platt_optimum(f, y):
    """The exact optimum of Platt's smoothed-target likelihood (sklearn's bfgs stops earlier)."""
    n_pos = np.sum(y == 1)
    n_neg = len(y) - n_pos
    t = np.where(y == 1, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))

    def obj(ab):
        u = ab[0] * f + ab[1]
        p = expit(u)
        return np.sum(np.logaddexp(0, u) - t * u), np.array([np.sum((p - t) * f), np.sum(p - t)])
    r = minimize(obj, np.array([0.0, np.log((n_pos + 1.0) / (n_neg + 1.0))]), jac=True,
                 method="BFGS", options={"gtol": 1e-12, "maxiter": 10000})
    return fl(r.x)


def margins(z):
    """Log-odds of each class from softmax logits: z_k - logsumexp(z_j, j != k)."""
    out = np.empty_like(z)
    for c in range(z.shape[1]):
        others = np.delete(z, c, axis=1)
        out[:, c] = z[:, c] - logsumexp(others, axis=1)
    return out


def main():
    data_root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    Xtr, Xte, ytr, yte, sclasses = spambase_split(data_root)
    spam = LogisticRegression(C=1.0, max_iter=10000).fit(Xtr, ytr)
    p1 = spam.predict_proba(Xte)[:, 1]
    spam_probs = np.column_stack([1.0 - p1, p1])
    r1 = np.round(p1, 2)
    rounded = np.column_stack([1.0 - r1, r1])
    dXtr, dXte, dytr, dyte, dclasses = digits_split()
    digits = LogisticRegression(C=100.0, max_iter=10000).fit(dXtr, dytr)
    digits_probs = digits.predict_proba(dXte)

    cases = [metrics_case("digits", digits_probs, dyte, dclasses),
             metrics_case("spambase", spam_probs, yte, sclasses),
             metrics_case("spambase_rounded", rounded, yte, sclasses)]
    versions = {"python": sys.version.split()[0], "sklearn": sklearn.__version__,
                "numpy": np.__version__, "scipy": scipy.__version__}
    with open(os.path.join(HERE, "sklearn_metrics.json"), "w") as f:
        json.dump({"made_by": "make_metrics_reference.py", "versions": versions, "bins": N_BINS,
                   "cases": cases}, f)
        f.write("\n")

    # Calibration: binary on spambase test log-odds, multi-class on digits test logits.
    s = spam.decision_function(Xte)
    s_tied = np.round(s, 1)
    grid = np.linspace(-12, 12, 97)
    iso = {}
    for key, x in (("spambase_logodds", s), ("spambase_logodds_rounded", s_tied)):
        ir = IsotonicRegression(out_of_bounds="clip").fit(x, yte)
        iso[key] = {"x": fl(x), "y": [int(v) for v in yte], "knots_x": fl(ir.X_thresholds_),
                    "knots_y": fl(ir.y_thresholds_), "grid": fl(grid), "grid_pred": fl(ir.predict(grid))}
    A, B = _sigmoid_calibration(s, yte)
    platt = {"logodds": fl(s), "y": [int(v) for v in yte], "sklearn_A": float(A), "sklearn_B": float(B),
             "optimum_a_b": platt_optimum(s, yte)}
    z = digits.decision_function(dXte)
    nll = lambda T: float(np.mean(-log_softmax(z / T, axis=1)[np.arange(len(dyte)), dyte]))
    res = minimize_scalar(nll, bounds=(0.05, 20), method="bounded", options={"xatol": 1e-12})
    # One-vs-rest isotonic on each class's log-odds, renormalised as CalibratedClassifierCV does.
    mz = margins(z)
    half = len(dyte) // 2
    fitted = [IsotonicRegression(out_of_bounds="clip").fit(mz[:half, c], dyte[:half] == c)
              for c in range(z.shape[1])]
    proba = np.column_stack([fitted[c].predict(mz[half:, c]) for c in range(z.shape[1])])
    den = proba.sum(axis=1)[:, None]
    proba = np.divide(proba, den, out=np.full_like(proba, 1.0 / z.shape[1]), where=den != 0)
    calib = {"made_by": "make_metrics_reference.py", "versions": versions,
             "isotonic": iso, "platt": platt,
             "temperature": {"logits": [fl(r) for r in z], "y": [int(v) for v in dyte],
                             "temperature": float(res.x), "nll": float(res.fun), "nll_at_1": nll(1.0)},
             "isotonic_ovr": {"fit_rows": half, "proba_rest": [fl(r) for r in proba]}}
    with open(os.path.join(HERE, "sklearn_calibration.json"), "w") as f:
        json.dump(calib, f)
        f.write("\n")


if __name__ == "__main__":
    main()
