#!/usr/bin/python3
"""Helper of bench/imbalance.sh: splits, scikit-learn reference runs and the results table.

    imbalance.py prepare WORK DATA   stratified 70/30 splits of glass and pima_diabetes (rows copied
                                     verbatim); reuters_corn's own train/test split as TF-IDF LIBSVM
                                     (no fastText-format reader on main yet: scikit-learn's
                                     TfidfVectorizer, fitted on train, makes the features both use)
    imbalance.py sklearn WORK L2     LogisticRegression(C=1/(l2 n)) with and without
                                     class_weight='balanced', StandardScaler (MaxAbsScaler for the
                                     sparse text), lbfgs; writes WORK/NAME/sklearn-*.json
    imbalance.py table WORK          the Markdown table of balanced accuracy and macro-F1
"""
import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json
import sys
import warnings

import numpy as np
from sklearn.datasets import dump_svmlight_file, load_svmlight_file
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MaxAbsScaler, StandardScaler

TABULAR = ["glass", "pima_diabetes"]
TEXT = "reuters_corn"
VARIANTS = ["none", "class-weight", "over", "under", "smote"]


def prepare(work, data):
    for name in TABULAR:
        with open(os.path.join(data, name, name + ".csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        header, rows = lines[0], lines[1:]
        li = header.split(",").index("label")
        y = [r.split(",")[li] for r in rows]
        train, test = train_test_split(rows, test_size=0.3, stratify=y, random_state=42)
        os.makedirs(os.path.join(work, name), exist_ok=True)
        for part, rs in (("train", train), ("test", test)):
            with open(os.path.join(work, name, part + ".csv"), "w", encoding="utf-8") as f:
                f.write("\n".join([header] + rs) + "\n")
    texts, labels = {}, {}
    for part in ("train", "test"):
        texts[part], labels[part] = [], []
        with open(os.path.join(data, TEXT, part + ".ft.txt"), encoding="utf-8") as f:
            for line in f:
                label, _, text = line.rstrip("\n").partition(" ")
                labels[part].append(1 if label == "__label__corn" else 0)
                texts[part].append(text)
    vec = TfidfVectorizer(sublinear_tf=True, min_df=2).fit(texts["train"])
    os.makedirs(os.path.join(work, TEXT), exist_ok=True)
    for part in ("train", "test"):
        dump_svmlight_file(vec.transform(texts[part]), np.array(labels[part]),
                           os.path.join(work, TEXT, part + ".libsvm"), zero_based=False)


def load(work, name, part):
    if name == TEXT:
        x, y = load_svmlight_file(os.path.join(work, name, part + ".libsvm"), zero_based=False)
        return x, y.astype(int).astype(str)
    with open(os.path.join(work, name, part + ".csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    li = lines[0].split(",").index("label")
    rows = [r.split(",") for r in lines[1:]]
    y = np.array([r[li] for r in rows])
    x = np.array([[float(v) for j, v in enumerate(r) if j != li] for r in rows])
    return x, y


def sklearn_runs(work, l2):
    for name in TABULAR + [TEXT]:
        xtr, ytr = load(work, name, "train")
        xte, yte = load(work, name, "test")
        if name == TEXT:
            xte = xte[:, : xtr.shape[1]] if xte.shape[1] > xtr.shape[1] else xte
        scaler = (MaxAbsScaler() if name == TEXT else StandardScaler()).fit(xtr)
        xtr, xte = scaler.transform(xtr), scaler.transform(xte)
        for weight in (None, "balanced"):
            clf = LogisticRegression(C=1.0 / (l2 * xtr.shape[0]), class_weight=weight,
                                     max_iter=10000)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                clf.fit(xtr, ytr)
            pred = clf.predict(xte)
            out = {"balanced_accuracy": balanced_accuracy_score(yte, pred),
                   "macro_f1": f1_score(yte, pred, average="macro")}
            tag = "sklearn-balanced" if weight else "sklearn-none"
            with open(os.path.join(work, name, tag + ".json"), "w") as f:
                json.dump(out, f)


def table(work):
    cols = [("none", "nothing"), ("class-weight", "class weights"), ("over", "over-sampling"),
            ("under", "under-sampling"), ("smote", "SMOTE"), ("sklearn-none", "sklearn"),
            ("sklearn-balanced", "sklearn balanced")]
    print("| dataset | metric | " + " | ".join(c[1] for c in cols) + " |")
    print("| --- | --- |" + " ---: |" * len(cols))
    for name in TABULAR + [TEXT]:
        for key, label in (("balanced_accuracy", "balanced accuracy"), ("macro_f1", "macro-F1")):
            cells = []
            for tag, _ in cols:
                path = os.path.join(work, name, "eval-" + tag + ".json")
                if tag.startswith("sklearn"):
                    path = os.path.join(work, name, tag + ".json")
                if not os.path.exists(path):
                    cells.append("n/a")
                    continue
                with open(path) as f:
                    cells.append("%.4f" % json.load(f)[key])
            print("| %s | %s | %s |" % (name, label, " | ".join(cells)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif cmd == "sklearn":
        sklearn_runs(sys.argv[2], float(sys.argv[3]))
    elif cmd == "table":
        table(sys.argv[2])
    else:
        raise SystemExit("usage: imbalance.py prepare|sklearn|table ...")
