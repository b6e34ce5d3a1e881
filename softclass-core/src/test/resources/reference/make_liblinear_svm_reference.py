#!/usr/bin/python3
"""Makes the liblinear reference for Softclass's hinge head (linear SVM, squared hinge loss).

Needs Debian's liblinear-tools (liblinear 2.3.0: `apt-get install -y liblinear-tools`); uses only
the Python standard library. Run from the repository root:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_liblinear_svm_reference.py

Reads ../datasets/{iris,breast_cancer_wdbc}/train.csv, standardises every feature with its mean and
population standard deviation (as Softclass's --scale standard and scikit-learn's StandardScaler),
writes the rows in LIBSVM format with the classes numbered in sorted name order, and trains

    liblinear-train -s 2 -c 1 -B 1000 -e 1e-10

(-s 2: L2-regularised squared hinge loss, primal trust-region Newton; one-vs-rest for 3 classes;
at the default -e 0.01, or even 1e-6, it stops 1e-3 away from the optimum on iris, hence 1e-10).
liblinear penalises the bias as a weight on a constant feature of value B; at B = 1000 that penalty
is b^2 / (2 * 10^6), so the bias is in effect unpenalised as in Softclass.

liblinear minimises 0.5 ||w||^2 + C sum(loss); Softclass minimises mean(loss) + l2 / 2 ||w||^2,
the same problem scaled by 1 / (C n), so l2 = 1 / (C n).

Writes liblinear_svm.json: per case the dataset, C, l2, classes, and the decision function's
weights (outputs x features, in the standardised space; for two classes the one output scores the
second class) and biases.
"""
import json
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.join(os.path.dirname(HERE), "datasets")
CASES = [("iris", 1.0), ("breast_cancer_wdbc", 1.0)]
BIAS = 1000.0
EPS = "1e-10"


def read(name):
    with open(os.path.join(DATASETS, name, "train.csv"), encoding="utf-8") as f:
        lines = [ln.strip() for ln in f if ln.strip()]
    rows = [ln.split(",") for ln in lines[1:]]
    y = [r[0] for r in rows]
    x = [[float(v) for v in r[1:]] for r in rows]
    return x, y


def standardise(x):
    n, d = len(x), len(x[0])
    out = [row[:] for row in x]
    for j in range(d):
        mean = sum(r[j] for r in x) / n
        std = (sum((r[j] - mean) ** 2 for r in x) / n) ** 0.5
        for i in range(n):
            out[i][j] = (x[i][j] - mean) / std if std > 0 else 0.0
    return out


def train(x, labels, c, workdir):
    data = os.path.join(workdir, "train.svm")
    model = os.path.join(workdir, "model")
    with open(data, "w", encoding="utf-8") as f:
        for row, label in zip(x, labels):
            feats = " ".join(f"{j + 1}:{v!r}" for j, v in enumerate(row))
            f.write(f"{label} {feats}\n")
    subprocess.run(
        ["liblinear-train", "-q", "-s", "2", "-c", repr(c), "-B", repr(BIAS), "-e", EPS,
         data, model],
        check=True,
    )
    with open(model, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = {}
    i = 0
    while lines[i] != "w":
        key, _, value = lines[i].partition(" ")
        header[key] = value
        i += 1
    order = [int(v) for v in header["label"].split()]
    w = [[float(v) for v in ln.split()] for ln in lines[i + 1:] if ln.strip()]
    return order, w


def main():
    out = {"liblinear": "2.3.0 (Debian liblinear-tools)", "solver": "-s 2", "bias_B": BIAS,
           "cases": []}
    for name, c in CASES:
        x, y = read(name)
        classes = sorted(set(y))
        labels = [classes.index(v) for v in y]
        xs = standardise(x)
        with tempfile.TemporaryDirectory() as tmp:
            order, w = train(xs, labels, c, tmp)
        d = len(xs[0])
        if len(classes) == 2:
            # one column, scoring liblinear's first label; Softclass's output scores class 1
            sign = 1.0 if order[0] == 1 else -1.0
            coef = [[sign * w[j][0] for j in range(d)]]
            intercept = [sign * w[d][0] * BIAS]
        else:
            coef = [[w[j][order.index(k)] for j in range(d)] for k in range(len(classes))]
            intercept = [w[d][order.index(k)] * BIAS for k in range(len(classes))]
        out["cases"].append({
            "dataset": name, "C": c, "rows": len(xs), "l2": 1.0 / (c * len(xs)),
            "classes": classes, "coef": coef, "intercept": intercept,
        })
    with open(os.path.join(HERE, "liblinear_svm.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
