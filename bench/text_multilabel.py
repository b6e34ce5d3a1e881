#!/usr/bin/python3
"""Multi-label text: Softclass `--loss ova` against fastText `-loss ova` on mixed-language UDHR
lines, with the same settings, scored by the same code (this script).

    /usr/bin/python3 bench/text_multilabel.py WORK_DIR DATA_ROOT SOFTCLASS

The data set (made here, deterministic from SEED; no multi-label text set ships in ../shared/data):
20 languages drawn at random from udhr_langid; each language's paragraphs are split 70 / 30 into a
training and a test pool; a line joins one to three paragraphs (probability 0.5 / 0.3 / 0.2) of
distinct languages in random order, each paragraph from its language's pool, and its labels are
those languages. 3,000 training lines, 1,000 test lines. A language-identification task where a
line holds several languages: real text, label sets made by construction.

Both tools: dim 50, 5 epochs, lr 0.5, character n-grams 2-4, word n-grams 1, 200,000 buckets, 2
threads (Softclass deterministic, as by default; also --hogwild). Each tool's probabilities of every
label on every test line are read back (fastText `predict-prob MODEL FILE -1 0`, Softclass `predict
--min-prob 0`) and scored here: labels chosen at probability >= 0.5 (both tools' default), micro-
and macro-F1, subset accuracy, Hamming loss, P@1 and R@1 (fastText's `test`), and the mean binary
log loss per (line, label). Training time is the best of REPEATS runs (wall clock of the whole
command), reported with the 1-minute load average.
"""
import math
import os
import random
import subprocess
import sys
import time

SEED = 7
LANGUAGES = 20
N_TRAIN = 3000
N_TEST = 1000
REPEATS = 2
SETTINGS = {"dim": 50, "epoch": 5, "lr": 0.5, "minn": 2, "maxn": 4, "wordNgrams": 1,
            "bucket": 200000, "thread": 2}


def read_udhr(path):
    by_lang = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            tokens = line.split()
            if not tokens or not tokens[0].startswith("__label__"):
                continue
            by_lang.setdefault(tokens[0][len("__label__"):], []).append(" ".join(tokens[1:]))
    return by_lang


def make_sets(by_lang):
    r = random.Random(SEED)
    langs = sorted(r.sample(sorted(l for l, p in by_lang.items() if len(p) >= 20), LANGUAGES))
    train_pool, test_pool = {}, {}
    for lang in langs:
        paragraphs = list(by_lang[lang])
        r.shuffle(paragraphs)
        cut = int(len(paragraphs) * 0.7)
        train_pool[lang], test_pool[lang] = paragraphs[:cut], paragraphs[cut:]

    def lines(pool, n):
        out = []
        for _ in range(n):
            count = r.choices([1, 2, 3], weights=[0.5, 0.3, 0.2])[0]
            chosen = r.sample(langs, count)
            texts = [r.choice(pool[lang]) for lang in chosen]
            out.append((sorted(chosen), " ".join(texts)))
        return out

    return langs, lines(train_pool, N_TRAIN), lines(test_pool, N_TEST)


def write(path, lines, with_labels=True):
    with open(path, "w", encoding="utf-8") as f:
        for labels, text in lines:
            prefix = " ".join("__label__" + l for l in labels) + " " if with_labels else ""
            f.write(prefix + text + "\n")


def parse_probs(output, langs):
    index = {l: i for i, l in enumerate(langs)}
    rows = []
    for line in output.splitlines():
        p = [0.0] * len(langs)
        t = line.split()
        for i in range(0, len(t), 2):
            p[index[t[i][len("__label__"):]]] = float(t[i + 1])
        rows.append(p)
    return rows


def timed(cmd):
    best = None
    for _ in range(REPEATS):
        start = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        best = seconds if best is None else min(best, seconds)
    return best


def score(truth, probs, langs):
    n, k = len(truth), len(langs)
    index = {l: i for i, l in enumerate(langs)}
    tp = [0] * k
    fp = [0] * k
    fn = [0] * k
    exact = mismatches = hits1 = gold = 0
    logloss = 0.0
    for labels, p in zip(truth, probs):
        y = [0] * k
        for l in labels:
            y[index[l]] = 1
        gold += len(labels)
        chosen = [1 if v >= 0.5 else 0 for v in p]
        exact += chosen == y
        for c in range(k):
            mismatches += chosen[c] != y[c]
            tp[c] += chosen[c] and y[c]
            fp[c] += chosen[c] and not y[c]
            fn[c] += y[c] and not chosen[c]
            q = min(1 - 1e-15, max(1e-15, p[c]))
            logloss -= math.log(q) if y[c] else math.log1p(-q)
        top = max(range(k), key=lambda c: (p[c], -c))
        hits1 += y[top]

    def f1(t, f_p, f_n):
        return 0.0 if 2 * t + f_p + f_n == 0 else 2 * t / (2 * t + f_p + f_n)

    return {
        "micro_f1": f1(sum(tp), sum(fp), sum(fn)),
        "macro_f1": sum(f1(tp[c], fp[c], fn[c]) for c in range(k)) / k,
        "subset_accuracy": exact / n,
        "hamming_loss": mismatches / (n * k),
        "p_at_1": hits1 / n,
        "r_at_1": hits1 / gold,
        "label_log_loss": logloss / (n * k),
    }


def main():
    work, data, softclass = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    langs, train, test = make_sets(read_udhr(os.path.join(data, "udhr_langid", "udhr_langid.ft.txt")))
    train_path = os.path.join(work, "train.ft.txt")
    test_path = os.path.join(work, "test.txt")
    write(train_path, train)
    write(test_path, test, with_labels=False)
    multi = sum(1 for labels, _ in train if len(labels) > 1)
    print(f"{len(langs)} languages; {len(train)} training lines ({multi} with several labels),"
          f" {len(test)} test lines")
    s = SETTINGS
    rows = []

    ft_model = os.path.join(work, "ft")
    ft_seconds = timed(["fasttext", "supervised", "-input", train_path, "-output", ft_model,
                        "-loss", "ova", "-dim", str(s["dim"]), "-epoch", str(s["epoch"]),
                        "-lr", str(s["lr"]), "-minn", str(s["minn"]), "-maxn", str(s["maxn"]),
                        "-wordNgrams", str(s["wordNgrams"]), "-bucket", str(s["bucket"]),
                        "-thread", str(s["thread"]), "-seed", "42"])
    out = subprocess.run(["fasttext", "predict-prob", ft_model + ".bin", test_path, "-1", "0"],
                         check=True, capture_output=True, text=True).stdout
    rows.append(("fastText 0.9 -loss ova", ft_seconds, score([l for l, _ in test],
                                                             parse_probs(out, langs), langs)))

    for name, extra in (("Softclass --loss ova", []), ("Softclass --loss ova --hogwild", ["--hogwild"])):
        model = os.path.join(work, "sc.softclass")
        sc_seconds = timed([softclass, "train", "--format", "fasttext", "--model-type", "text",
                            "--data", train_path, "--model", model, "--loss", "ova",
                            "--dim", str(s["dim"]), "--epochs", str(s["epoch"]), "--lr", str(s["lr"]),
                            "--minn", str(s["minn"]), "--maxn", str(s["maxn"]),
                            "--wordNgrams", str(s["wordNgrams"]), "--bucket", str(s["bucket"]),
                            "--threads", str(s["thread"])] + extra)
        out = subprocess.run([softclass, "predict", "--model", model, "--data", test_path,
                              "--min-prob", "0"], check=True, capture_output=True, text=True).stdout
        rows.append((name, sc_seconds, score([l for l, _ in test], parse_probs(out, langs), langs)))

    print()
    print("| tool | micro-F1 | macro-F1 | subset acc. | Hamming loss | P@1 | R@1 | label log loss |"
          " train s | train time / fastText |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, seconds, m in rows:
        print(f"| {name} | {m['micro_f1']:.4f} | {m['macro_f1']:.4f} | {m['subset_accuracy']:.4f} |"
              f" {m['hamming_loss']:.4f} | {m['p_at_1']:.4f} | {m['r_at_1']:.4f} |"
              f" {m['label_log_loss']:.4f} | {seconds:.2f} | {seconds / ft_seconds:.2f} |")


if __name__ == "__main__":
    main()
