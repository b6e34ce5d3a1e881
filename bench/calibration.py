#!/usr/bin/python3
"""Calibration benchmark, the Python side: data splits, scikit-learn's numbers, and the table.

    calibration.py prepare WORK DATA_ROOT   splits and scikit-learn results into WORK
    calibration.py score WORK               reads WORK (with Softclass's predictions) and prints the table

Splits: for digits, satimage and spambase a stratified 80/20 train/test split (random_state 42);
for mnist the given train/test files. From the train part a stratified 20 % (random_state 42) is
held out for calibration; the rest ("fit") trains the model. Both systems train L2 logistic
regression on the same fit rows with the same objective (Softclass --l2 L is sklearn C = 1/(L*n_fit)),
standardised (dense) or max-abs scaled (mnist, sparse) on the fit rows.

scikit-learn: LogisticRegression(lbfgs) in a pipeline with the scaler, then
CalibratedClassifierCV(cv="prefit", method="sigmoid"|"isotonic") on the calibration rows.
Rows marked "all train" instead train on fit + calibration rows together and calibrate by 5-fold
cross-validation on them (Softclass: calibrate --cv 5; scikit-learn: CalibratedClassifierCV(cv=5,
ensemble=False)). Every row of the table is scored by the same code here: log loss
(sklearn.metrics.log_loss) and ECE (top-label confidence, 15 equal-width bins, as Softclass's
eval); "eval's ECE" is Softclass's own number, from full-precision probabilities. "ECE floor" is the
mean ECE a perfectly calibrated model with the same confidences would show on this many test rows
(each row right with probability equal to its confidence; 200 draws): the noise of the measure.
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import csv
import gzip
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import load_svmlight_file
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MaxAbsScaler, StandardScaler

DATASETS = ["digits", "satimage", "spambase", "mnist"]
L2 = 1e-4
SEED = 42
BINS = 15


def ece(probs, y):
    pred = probs.argmax(axis=1)
    conf = probs[np.arange(len(y)), pred]
    correct = (pred == y).astype(float)
    ids = np.searchsorted(np.linspace(0, 1, BINS + 1)[1:-1], conf)
    total = 0.0
    for b in range(BINS):
        m = ids == b
        if m.any():
            total += m.sum() * abs(correct[m].mean() - conf[m].mean())
    return total / len(y)


def ece_floor(probs, draws=200):
    """Mean ECE of a perfectly calibrated model with these confidences on this many rows: each row
    is right with probability equal to its confidence. ECE measured on a finite test set cannot be
    expected to fall below it."""
    rng = np.random.default_rng(0)
    conf = probs.max(axis=1)
    ids = np.searchsorted(np.linspace(0, 1, BINS + 1)[1:-1], conf)
    total = 0.0
    for _ in range(draws):
        correct = (rng.random(len(conf)) < conf).astype(float)
        for b in range(BINS):
            m = ids == b
            if m.any():
                total += m.sum() * abs(correct[m].mean() - conf[m].mean())
    return total / (draws * len(conf))


def write_csv_rows(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for ln in rows:
            f.write(ln + "\n")


def prepare_csv(name, data_root, out):
    with open(os.path.join(data_root, name, name + ".csv"), encoding="utf-8") as f:
        lines = [ln.rstrip("\r\n") for ln in f if ln.strip()]
    header, rows = lines[0], lines[1:]
    parsed = list(csv.reader(rows))
    y = np.array([r[0] for r in parsed])
    X = np.array([[float(v) for v in r[1:]] for r in parsed])
    idx = np.arange(len(rows))
    tr, te = train_test_split(idx, test_size=0.2, stratify=y, random_state=SEED)
    fit, cal = train_test_split(tr, test_size=0.2, stratify=y[tr], random_state=SEED)
    for part, rows_idx in (("fit", fit), ("calib", cal), ("test", te), ("train", np.sort(tr))):
        write_csv_rows(os.path.join(out, part + ".csv"), header, [rows[i] for i in rows_idx])
    return X[fit], y[fit], X[cal], y[cal], X[te], y[te], "csv", StandardScaler(), X[tr], y[tr]


def prepare_mnist(data_root, out):
    train = os.path.join(data_root, "mnist", "train.libsvm.gz")
    test = os.path.join(data_root, "mnist", "test.libsvm.gz")
    with gzip.open(train, "rt") as f:
        rows = [ln.rstrip("\n") for ln in f if ln.strip()]
    X, y = load_svmlight_file(train, n_features=784)
    Xte, yte = load_svmlight_file(test, n_features=784)
    y = np.array([str(int(v)) for v in y])
    yte = np.array([str(int(v)) for v in yte])
    fit, cal = train_test_split(np.arange(len(y)), test_size=0.2, stratify=y, random_state=SEED)
    for part, rows_idx in (("fit", fit), ("calib", cal), ("train", np.arange(len(y)))):
        with open(os.path.join(out, part + ".libsvm"), "w") as f:
            for i in rows_idx:
                f.write(rows[i] + "\n")
    with gzip.open(test, "rt") as src, open(os.path.join(out, "test.libsvm"), "w") as dst:
        dst.write(src.read())
    return X[fit], y[fit], X[cal], y[cal], Xte, yte, "libsvm", MaxAbsScaler(), X, y


def prepare(work, data_root):
    results = {"versions": {"sklearn": sklearn.__version__, "numpy": np.__version__}, "datasets": {}}
    for name in DATASETS:
        out = os.path.join(work, name)
        os.makedirs(out, exist_ok=True)
        if name == "mnist":
            Xf, yf, Xc, yc, Xt, yt, fmt, scaler, Xa, ya = prepare_mnist(data_root, out)
        else:
            Xf, yf, Xc, yc, Xt, yt, fmt, scaler, Xa, ya = prepare_csv(name, data_root, out)
        classes = sorted(set(yf))
        yt_i = np.searchsorted(classes, yt)
        C = 1.0 / (L2 * Xf.shape[0])
        start = time.time()
        base = make_pipeline(scaler, LogisticRegression(C=C, max_iter=1000)).fit(Xf, yf)
        rows = {"uncalibrated": base.predict_proba(Xt)}
        fit_seconds = time.time() - start
        for method in ("sigmoid", "isotonic"):
            cal = CalibratedClassifierCV(base, cv="prefit", method=method).fit(Xc, yc)
            rows[method] = cal.predict_proba(Xt)
        # 5-fold cross-validation on all training rows (fit + calibration), no ensemble: the
        # counterpart of `softclass calibrate --cv 5` on a model trained on all of them
        C_all = 1.0 / (L2 * Xa.shape[0])
        for method in ("sigmoid", "isotonic"):
            cv_model = make_pipeline(type(scaler)(), LogisticRegression(C=C_all, max_iter=1000))
            cal = CalibratedClassifierCV(cv_model, cv=5, method=method, ensemble=False).fit(Xa, ya)
            rows["cv-" + method] = cal.predict_proba(Xt)
        d = {"format": fmt, "n_fit": int(Xf.shape[0]), "n_calib": int(Xc.shape[0]),
             "n_test": int(Xt.shape[0]), "classes": classes, "C": C, "fit_seconds": fit_seconds,
             "sklearn": {k: {"log_loss": log_loss(yt_i, p, labels=range(len(classes))),
                             "ece": ece(p, yt_i), "ece_floor": ece_floor(p),
                             "accuracy": float(np.mean(p.argmax(axis=1) == yt_i))}
                         for k, p in rows.items()}}
        results["datasets"][name] = d
        np.save(os.path.join(out, "test_labels.npy"), yt_i)
        print(f"prepared {name}: {d['n_fit']} fit, {d['n_calib']} calibration, {d['n_test']} test rows",
              file=sys.stderr)
    with open(os.path.join(work, "sklearn.json"), "w") as f:
        json.dump(results, f, indent=1)


def read_predictions(path, classes):
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        cols = [header.index("p_" + c) for c in classes]
        return np.array([[float(r[c]) for c in cols] for r in reader])


def score(work):
    with open(os.path.join(work, "sklearn.json")) as f:
        results = json.load(f)
    out = ["| dataset | system | accuracy | log loss | ECE | eval's ECE | ECE floor |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in DATASETS:
        d = results["datasets"][name]
        yt = np.load(os.path.join(work, name, "test_labels.npy"))
        sizes = f"{d['n_fit']}/{d['n_calib']}/{d['n_test']}"
        name_cell = f"{name} ({sizes})"
        for variant, label in (("raw", "Softclass, uncalibrated"), ("temperature", "Softclass + temperature"),
                               ("isotonic", "Softclass + isotonic"),
                               ("cv-temperature", "Softclass (all train) + temperature, 5-fold CV"),
                               ("cv-isotonic", "Softclass (all train) + isotonic, 5-fold CV")):
            p = read_predictions(os.path.join(work, name, f"pred-{variant}.csv"), d["classes"])
            with open(os.path.join(work, name, f"eval-{variant}.json")) as f:
                ev = json.load(f)
            ll = log_loss(yt, p, labels=range(len(d["classes"])))
            out.append(f"| {name_cell} | {label} | {np.mean(p.argmax(axis=1) == yt):.4f} | {ll:.4f} "
                       f"| {100 * ece(p, yt):.2f} % | {100 * ev['ece']:.2f} % | {100 * ece_floor(p):.2f} % |")
        for key, label in (("uncalibrated", "sklearn LR, uncalibrated"),
                           ("sigmoid", "sklearn CalibratedClassifierCV sigmoid"),
                           ("isotonic", "sklearn CalibratedClassifierCV isotonic"),
                           ("cv-sigmoid", "sklearn (all train) CalibratedClassifierCV sigmoid, 5-fold"),
                           ("cv-isotonic", "sklearn (all train) CalibratedClassifierCV isotonic, 5-fold")):
            s = d["sklearn"][key]
            out.append(f"| {name_cell} | {label} | {s['accuracy']:.4f} | {s['log_loss']:.4f} "
                       f"| {100 * s['ece']:.2f} % | | {100 * s['ece_floor']:.2f} % |")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "score":
        score(sys.argv[2])
    else:
        sys.exit(__doc__)
