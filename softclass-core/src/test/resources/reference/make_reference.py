#!/usr/bin/python3
"""Makes the scikit-learn reference fixtures for Softclass's golden tests.

Run with Debian's python3 (python3-sklearn), from anywhere:

    /usr/bin/python3 softclass-core/src/test/resources/reference/make_reference.py [DATA_ROOT]

DATA_ROOT (default /work/shared/data) holds NAME/NAME.csv and NAME/README.md for each dataset.
Writes, relative to this script:
    ../datasets/NAME/{train.csv,test.csv,README.md}   stratified 80/20 split, rows copied verbatim
    sklearn_logistic.json                              reference numbers for L2 logistic regression
    README.md                                          how these fixtures were made
Deterministic: same inputs and library versions give byte-identical outputs.
"""
import os

# Single-threaded BLAS so that floating-point sums are always done in the same order.
for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

import json
import shutil
import sys
import warnings

import numpy as np
import scipy
import sklearn
from scipy.optimize import minimize
from scipy.special import expit, logsumexp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DATASETS = ["iris", "breast_cancer_wdbc", "digits"]
L2_VALUES = [1e-3, 1e-2]
TEST_SIZE = 0.2
RANDOM_STATE = 42
TOL = 1e-10
MAX_ITER = 10000
N_PROBA_ROWS = 5

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.dirname(HERE)
SCRIPT_REL = "softclass-core/src/test/resources/reference/make_reference.py"


def read_csv_lines(path):
    """Returns (header line, data lines, labels, float features), keeping each line's original text."""
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    header, rows = lines[0], lines[1:]
    if header.split(",")[0] != "label":
        raise SystemExit(f"{path}: first column is not 'label'")
    n_cols = len(header.split(","))
    labels, feats = [], []
    for i, ln in enumerate(rows):
        parts = ln.split(",")
        if len(parts) != n_cols:
            raise SystemExit(f"{path}: line {i + 2} has {len(parts)} fields, header has {n_cols}")
        labels.append(parts[0])
        feats.append([float(v) for v in parts[1:]])
    return header, rows, np.array(labels, dtype=object).astype(str), np.array(feats, dtype=np.float64)


def write_lines(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        for ln in rows:
            f.write(ln + "\n")


def exact_mean_log_loss(model, X, y):
    """Mean negative log-likelihood from the decision function (no probability clipping)."""
    z = model.decision_function(X)
    idx = np.searchsorted(model.classes_, y)
    if z.ndim == 1:  # binary: one sigmoid vector, z is the score of classes_[1]
        yy = (idx == 1).astype(np.float64)
        return float(np.mean(np.logaddexp(0.0, z) - yy * z))
    return float(np.mean(logsumexp(z, axis=1) - z[np.arange(len(y)), idx]))


def softclass_objective(Xtr, ytr, classes, l2):
    """f(w) and its gradient, w = [coef.ravel(), intercept]: mean log loss + (l2/2)||coef||^2."""
    n, d = Xtr.shape
    idx = np.searchsorted(classes, ytr)
    k = len(classes) if len(classes) > 2 else 1
    Y = np.eye(len(classes))[idx] if k > 1 else (idx == 1).astype(np.float64)[:, None]

    def f(w):
        W, b = w[:k * d].reshape(k, d), w[k * d:]
        Z = Xtr @ W.T + b
        if k > 1:
            L = logsumexp(Z, axis=1)
            loss, P = np.mean(L - np.sum(Z * Y, axis=1)), np.exp(Z - L[:, None])
        else:
            z = Z[:, 0]
            loss, P = np.mean(np.logaddexp(0.0, z) - Y[:, 0] * z), expit(z)[:, None]
        G = (P - Y) / n
        grad = np.concatenate([(G.T @ Xtr + l2 * W).ravel(), G.sum(axis=0)])
        return loss + 0.5 * l2 * np.sum(W * W), grad
    return f, k, d


def proba(w, k, d, X):
    Z = X @ w[:k * d].reshape(k, d).T + w[k * d:]
    if k > 1:
        return np.exp(Z - logsumexp(Z, axis=1)[:, None])
    p1 = expit(Z[:, 0])
    return np.column_stack([1.0 - p1, p1])


def refine(model, Xtr, ytr, Xte, yte, l2):
    """Tightens sklearn's solution with scipy L-BFGS-B on the same objective (sklearn 1.2 stops on ftol=64*eps)."""
    f, k, d = softclass_objective(Xtr, ytr, model.classes_, l2)
    w0 = np.concatenate([model.coef_.ravel(), model.intercept_])
    _, g0 = f(w0)
    r = minimize(f, w0, jac=True, method="L-BFGS-B",
                 options=dict(gtol=1e-14, ftol=1e-16, maxiter=100000, maxcor=50))
    return float(np.max(np.abs(g0))), {
        "method": "scipy L-BFGS-B warm-started from sklearn's solution, gtol=1e-14, ftol=1e-16, maxcor=50",
        "n_iter": int(r.nit),
        "grad_inf_norm": float(np.max(np.abs(r.jac))),
        "train_objective": float(r.fun),
        "test_accuracy": float(np.mean(model.classes_[np.argmax(proba(r.x, k, d, Xte), axis=1)] == yte)),
        "first_test_proba": [[round(float(p), 6) for p in row] for row in proba(r.x, k, d, Xte[:N_PROBA_ROWS])],
    }


def supports_multi_class():
    import inspect
    return "multi_class" in inspect.signature(LogisticRegression.__init__).parameters


def fit_one(Xtr, ytr, Xte, yte, l2, n_classes):
    n_train = Xtr.shape[0]
    C = 1.0 / (l2 * n_train)
    kw = dict(C=C, solver="lbfgs", tol=TOL, max_iter=MAX_ITER)
    if n_classes > 2 and supports_multi_class():
        kw["multi_class"] = "multinomial"
    model = LogisticRegression(**kw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(Xtr, ytr)
    notes = sorted({str(w.message).split("\n")[0] for w in caught})
    classes = [str(c) for c in model.classes_]
    P = model.predict_proba(Xte)
    Ptr = model.predict_proba(Xtr)
    coef_sq = float(np.sum(model.coef_ ** 2))
    train_ll = float(log_loss(ytr, Ptr, labels=model.classes_))
    train_ll_exact = exact_mean_log_loss(model, Xtr, ytr)
    grad_inf, optimum = refine(model, Xtr, ytr, Xte, yte, l2)
    return {
        "l2": l2,
        "C": C,
        "n_train": int(n_train),
        "n_test": int(Xte.shape[0]),
        "n_iter": int(np.max(model.n_iter_)),
        "warnings": notes,
        "test_accuracy": float(accuracy_score(yte, model.predict(Xte))),
        "test_log_loss": float(log_loss(yte, P, labels=model.classes_)),
        "test_log_loss_exact": exact_mean_log_loss(model, Xte, yte),
        "train_log_loss": train_ll,
        "train_log_loss_exact": train_ll_exact,
        "coef_sq_norm": coef_sq,
        "train_objective": train_ll_exact + 0.5 * l2 * coef_sq,
        "classes": classes,
        "first_test_labels": [str(v) for v in yte[:N_PROBA_ROWS]],
        "first_test_proba": [[round(float(p), 6) for p in row] for row in P[:N_PROBA_ROWS]],
        "grad_inf_norm": grad_inf,
        "optimum": optimum,
    }


def main():
    data_root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data"
    out = {
        "generator": SCRIPT_REL,
        "command": f"/usr/bin/python3 {SCRIPT_REL} {data_root}",
        "versions": {
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "python": sys.version.split()[0],
        },
        "conventions": {
            "split": f"train_test_split(test_size={TEST_SIZE}, stratify=y, random_state={RANDOM_STATE}) "
                     "on the rows of NAME.csv in file order; train.csv/test.csv keep split order",
            "scaling": "StandardScaler fitted on train (population std, ddof=0), applied to train and test",
            "model": f"LogisticRegression(solver='lbfgs', tol={TOL}, max_iter={MAX_ITER}); multinomial "
                     "(K weight vectors) for K>2, one sigmoid vector for K=2",
            "objective": "mean(train log loss) + (l2/2)*||coef||^2, intercept unpenalised, "
                         "on standardized train data",
            "C": "C = 1/(l2 * n_train)",
            "train_objective": "uses train_log_loss_exact (log-sum-exp of decision_function, no clipping)",
            "test_log_loss": "sklearn.metrics.log_loss (clips probabilities at float64 eps); "
                             "test_log_loss_exact has no clipping",
            "classes": "sklearn order: sorted class-name strings; probability columns follow it",
            "first_test_proba": f"predict_proba of the first {N_PROBA_ROWS} rows of test.csv, rounded to 6 decimals",
            "grad_inf_norm": "max |gradient| of the objective (coef and intercept) at sklearn's solution",
            "optimum": "sklearn 1.2's lbfgs stops on its fixed ftol=64*eps before tol=1e-10 is met "
                       "(objective ~1e-9 above the minimum, probabilities off by up to ~3e-5); "
                       "'optimum' is the same problem solved tighter with scipy, for tight golden tests",
        },
        "datasets": {},
    }
    for name in DATASETS:
        src_dir = os.path.join(data_root, name)
        header, rows, y, X = read_csv_lines(os.path.join(src_dir, name + ".csv"))
        idx = np.arange(len(rows))
        idx_tr, idx_te = train_test_split(idx, test_size=TEST_SIZE, stratify=y, random_state=RANDOM_STATE)
        dst = os.path.join(RESOURCES, "datasets", name)
        os.makedirs(dst, exist_ok=True)
        write_lines(os.path.join(dst, "train.csv"), header, [rows[i] for i in idx_tr])
        write_lines(os.path.join(dst, "test.csv"), header, [rows[i] for i in idx_te])
        shutil.copyfile(os.path.join(src_dir, "README.md"), os.path.join(dst, "README.md"))

        scaler = StandardScaler().fit(X[idx_tr])
        Xtr, Xte = scaler.transform(X[idx_tr]), scaler.transform(X[idx_te])
        ytr, yte = y[idx_tr], y[idx_te]
        n_classes = len(np.unique(y))
        entry = {
            "source": f"{name}/{name}.csv",
            "n_rows": len(rows),
            "n_features": X.shape[1],
            "n_classes": n_classes,
            "fits": [fit_one(Xtr, ytr, Xte, yte, l2, n_classes) for l2 in L2_VALUES],
        }
        out["datasets"][name] = entry
        for fit in entry["fits"]:
            print(f"{name:20s} l2={fit['l2']:g} n_iter={fit['n_iter']} acc={fit['test_accuracy']:.4f} "
                  f"test_ll={fit['test_log_loss']:.6f} obj={fit['train_objective']:.10f} "
                  f"opt={fit['optimum']['train_objective']:.10f} |g|={fit['grad_inf_norm']:.1e}"
                  f"->{fit['optimum']['grad_inf_norm']:.1e} {fit['warnings']}")

    with open(os.path.join(HERE, "sklearn_logistic.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    write_readme(out)


def write_readme(out):
    v = out["versions"]
    text = f"""# scikit-learn reference fixtures

Made by `make_reference.py` (this folder), deterministic:

```sh
{out['command']}
```

with Debian's python3 {v['python']}, scikit-learn {v['sklearn']}, numpy {v['numpy']}, scipy {v['scipy']}
(Debian bookworm packages `python3-sklearn python3-numpy python3-scipy`; BLAS pinned to one thread).

## What it writes

- `../datasets/NAME/train.csv`, `test.csv` for NAME in {', '.join(DATASETS)}: a stratified 80/20 split,
  `train_test_split(test_size={TEST_SIZE}, stratify=y, random_state={RANDOM_STATE})`, of the rows of
  `NAME/NAME.csv` from the project's shared data. Same header; each row is the source line copied verbatim
  (label first, original class names, numbers not reformatted), in sklearn's split order.
  `README.md` there is the dataset's own (origin and licence).
- `sklearn_logistic.json`: for each dataset and each l2 in {L2_VALUES}: n_train, n_test, C, iterations,
  test accuracy, test log loss, train objective, classes order and the probabilities of the first
  {N_PROBA_ROWS} test rows (rounded to 6 decimals).

## Conventions

- Standardisation: `StandardScaler` fitted on train only, population std (ddof=0), applied to train and test.
- Model: `LogisticRegression(solver='lbfgs', tol={TOL}, max_iter={MAX_ITER})`; multinomial softmax with K
  symmetric weight vectors for K>2 (`multi_class='multinomial'`), a single sigmoid vector for K=2.
- Objective (Softclass): mean(log loss) + (l2/2)·||W||², the intercept unpenalised. sklearn minimises
  ½||W||² + C·sum(log loss), the same problem scaled by C·n, so **C = 1/(l2 · n_train)**.
- `train_objective` is that objective at sklearn's solution on the standardized train data, with the mean log
  loss computed exactly from the decision function (`train_log_loss_exact`). `test_log_loss` is
  `sklearn.metrics.log_loss` (which clips probabilities at float64 eps); `test_log_loss_exact` does not clip.
- Classes are in sklearn's order (sorted class-name strings); probability columns follow that order.
- sklearn {v['sklearn']}'s lbfgs also stops on a fixed `ftol=64·eps`, before `tol={TOL}` is met: at its solution
  the gradient's max-norm is ~1e-6 (`grad_inf_norm`), the objective ~1e-9 above the minimum and the
  probabilities up to ~3e-5 off. Each fit's `optimum` block is the same problem solved further with scipy
  L-BFGS-B (warm start, gtol 1e-14): compare a well-converged Softclass tightly to `optimum`, loosely
  (~1e-4 on probabilities, ~1e-8 on the objective) to sklearn's own numbers.
"""
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
