"""Softclass's rank per dataset among the tools of one or more bench/run.sh runs, on accuracy, log loss and
train time, and for every metric where it is not first, the reason as far as the rows tell it: who
is ahead, by how much (in test rows and in standard errors of the accuracy), and what differs
between that system and Softclass (model, objective, what its time includes).

  python3 bench/rank_reasons.py --results bench/work/results/results.jsonl --tags TAG[,TAG...] [--out FILE]

With several runs (tags), each dataset x system row is the latest of those runs that has it, as on
the page BenchmarkPage writes.

Ranking as BenchmarkPage ranks: the best Softclass row (softclass, softclass-sgd, ...) on each
metric against every other system with a result; ties share the better rank. Prints markdown.
"""
import argparse
import json
import math
import os
import sys

# What each anchor system fits, next to Softclass's rows: multinomial L2 logistic regression
# (mean log loss + l2/2 |W|^2 with l2 = 1/(C n), bias unpenalised) by L-BFGS or by SGD.
MODEL = {
    "sklearn-lr-lbfgs": ("same", "the same multinomial L2 objective, solved by L-BFGS to tol 1e-4"),
    "sklearn-lr-saga": ("same", "the same multinomial objective, 10 saga epochs (not converged)"),
    "smile-logreg": ("same", "multinomial logistic regression, lambda = 1/C, BFGS, bias unpenalised"),
    "weka-logistic": ("same", "multinomial ridge logistic regression (Weka standardises internally)"),
    "sklearn-sgd-log": ("ovr", "one-vs-rest logistic SGD, 10 epochs"),
    "liblinear-s0": ("ovr", "one-vs-rest L2 logistic regression with a penalised bias (primal)"),
    "liblinear-s7": ("ovr", "one-vs-rest L2 logistic regression with a penalised bias (dual)"),
    "liblinear-java-s0": ("ovr", "one-vs-rest L2 logistic regression with a penalised bias (primal)"),
    "liblinear-java-s7": ("ovr", "one-vs-rest L2 logistic regression with a penalised bias (dual)"),
    "tribuo-liblinear-lr": ("ovr", "one-vs-rest L2 logistic regression (liblinear inside Tribuo)"),
    "tribuo-sgd-logmulticlass": ("sgd", "multinomial logistic regression by AdaGrad, 10 epochs, no L2"),
    "weka-sgd-logloss": ("ovr", "one-vs-rest logistic SGD, 10 epochs"),
    "fasttext-softmax": ("text", "fastText: 100-dim word embeddings on the raw tokens, softmax"),
    "fasttext-hs": ("text", "fastText: 100-dim word embeddings, hierarchical softmax"),
    "fasttext-ns": ("text", "fastText: 100-dim word embeddings, negative sampling"),
    "fasttext-ova": ("text", "fastText: 100-dim word embeddings, one-vs-all"),
}
# Systems whose train time is the whole command-line process, like Softclass's.
PROCESS_TIMED = ("liblinear-s0", "liblinear-s7", "fasttext-")


def load(path, tags):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    rows = [r for r in rows if r.get("tag") in tags]
    latest = {}
    for r in rows:  # the latest row of each dataset x system
        latest[(r["dataset"], r["system"])] = r
    order = []
    for r in rows:
        if r["dataset"] not in order:
            order.append(r["dataset"])
    return order, latest


def ok(r, key):
    v = r.get(key)
    return r.get("status") == "ok" and isinstance(v, (int, float)) and not math.isnan(v)


def rank(rows, key, higher):
    """(best Softclass row, rank, of, rows strictly ahead of it best first) or None."""
    def better(a, b):
        return a[key] > b[key] if higher else a[key] < b[key]
    mine = None
    others = []
    for r in rows:
        if not ok(r, key):
            continue
        if r["system"].startswith("softclass"):
            if mine is None or better(r, mine):
                mine = r
        else:
            others.append(r)
    if mine is None:
        return None
    ahead = sorted((r for r in others if better(r, mine)), key=lambda r: r[key], reverse=higher)
    return mine, len(ahead) + 1, len(others) + 1, ahead


def accuracy_reason(mine, ahead):
    best = ahead[0]
    n = mine["n_test"]
    gap = best["accuracy"] - mine["accuracy"]
    rows = round(gap * n)
    p = mine["accuracy"]
    se = math.sqrt(max(p * (1 - p), 1e-12) / n)
    kind, what = MODEL.get(best["system"], ("other", best["system"]))
    size = (f"{best['system']} {best['accuracy']:.4f} vs {mine['system']} {mine['accuracy']:.4f}: "
            f"{rows} of {n} test rows, {gap / se:.1f} standard errors")
    if gap <= se:
        why = "within one standard error of the accuracy on this test set: noise, not a difference"
    elif kind == "text":
        why = f"a different model ({what}); Softclass's rows here are linear models on TF-IDF"
    elif kind == "ovr":
        why = f"a different model ({what}), which fits this data better than one softmax"
    elif kind == "sgd":
        why = f"{what}: the weaker regularisation fits this data better than l2 = 1/(C n)"
    else:
        why = f"{what}: a different optimum of a nearly equal objective (regularisation scale, stopping)"
    return f"accuracy: {size}; {why}"


def logloss_reason(mine, ahead):
    best = ahead[0]
    kind, what = MODEL.get(best["system"], ("other", best["system"]))
    size = f"{best['system']} {best['log_loss']:.4f} vs {mine['system']} {mine['log_loss']:.4f}"
    relative = (mine["log_loss"] - best["log_loss"]) / max(best["log_loss"], 1e-12)
    if relative < 0.01:
        return (f"log loss: {size}; a tie within 1 % ({relative:.2%}): {what}, and the gap is "
                "of the size of the solvers' stopping tolerances")
    if kind == "same":
        why = (f"{what}; the regularisation differs in scale or in what it penalises, so the two "
               "optima and their probabilities differ slightly")
    else:
        why = f"a different model ({what})"
    return f"log loss: {size}; {why}"


def time_reason(mine, ahead, jvm_floor):
    best = ahead[0]
    size = f"{best['system']} {best['train_wall_s']:.2f} s vs {mine['system']} {mine['train_wall_s']:.2f} s"
    if not best["system"].startswith(PROCESS_TIMED):
        what = ("its row times the fit inside a running Python or JVM process (reading the data "
                "is timed apart); Softclass's is the whole `softclass train` process: JVM start, "
                "reading and scaling the file, training, writing the model")
    else:
        what = "a native binary (C or C++) that starts in milliseconds; Softclass starts a JVM"
    floor = ""
    if jvm_floor is not None and mine["train_wall_s"] < 2.5 * jvm_floor[1]:
        floor = (f"; Softclass's fastest train on this page ({jvm_floor[0]}, {jvm_floor[1]:.2f} s) "
                 "is mostly that fixed cost, under its run's load")
    return f"train time: {size}; {what}{floor}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True)
    ap.add_argument("--tags", "--tag", required=True, help="comma list of run tags")
    ap.add_argument("--out")
    a = ap.parse_args()
    tags = a.tags.split(",")
    order, latest = load(a.results, tags)
    if not order:
        sys.exit(f"rank_reasons.py: no rows with tag {a.tags} in {a.results}")
    mine_times = [(r["dataset"], r["train_wall_s"]) for r in latest.values()
                  if r["system"].startswith("softclass") and ok(r, "train_wall_s")]
    jvm_floor = min(mine_times, key=lambda t: t[1]) if mine_times else None

    lines = ["## Softclass's rank per dataset, and why it is not first", "",
             "Rank of the best Softclass row among every system with a result (ties share the "
             "better rank; n = test rows). Where Softclass is not first, the system ahead, the gap "
             "and what differs. Made by `bench/rank_reasons.py` from the rows of the runs above.", "",
             "| dataset | n | accuracy | log loss | train time | why not first |",
             "| --- | --- | --- | --- | --- | --- |"]
    for ds in order:
        rows = [r for (d, _), r in latest.items() if d == ds]
        cells, reasons = [], []
        for key, higher, reason in (("accuracy", True, accuracy_reason),
                                    ("log_loss", False, logloss_reason),
                                    ("train_wall_s", False, None)):
            r = rank(rows, key, higher)
            if r is None:
                why = "; ".join(f"{x['system']} {x.get('status', '')}: {x.get('note', '')}"
                                for x in rows if x["system"].startswith("softclass"))
                why = why or "no Softclass row"
                cells.append("no result")
                if key == "accuracy":
                    reasons.append("no Softclass result: " + why)
                continue
            mine, pos, of, ahead = r
            cells.append(f"{pos} of {of} ({mine['system']})")
            if pos > 1:
                reasons.append(reason(mine, ahead) if reason else time_reason(mine, ahead, jvm_floor))
        n = rows[0].get("n_test", "")
        lines.append(f"| {ds} | {n} | " + " | ".join(cells) + " | "
                     + ("<br>".join(reasons) if reasons else "first on all three") + " |")
    text = "\n".join(lines) + "\n"
    if a.out:
        tmp = a.out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, a.out)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
