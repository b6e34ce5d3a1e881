#!/usr/bin/env python3
"""Markdown tables of one text benchmark's runs (bench/text.sh):
bench/text_table.py RUNS.tsv DATASET
RUNS.tsv lines: dataset tool head seed accuracy log_loss train_s sgd_tokens_per_s predict_s
peak_rss_mb load (tab-separated; log_loss may be "n/a" or carry a note in brackets).
Prints every run, then, per tool and head, the mean over the seeds against fastText's mean for the
same head: accuracy difference in points, and speed ratios (fastText's train seconds over the
tool's; the tool's SGD tokens/s over fastText's), the figures issue 7's targets are stated in."""
import collections
import statistics
import sys


def number(text):
    try:
        return float(text.split()[0])
    except (ValueError, IndexError):
        return None


def main():
    path, dataset = sys.argv[1:3]
    runs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == dataset:
                runs.append(fields[1:])
    print("| tool | head | seed | accuracy (P@1) | log loss | train s | SGD tokens/s | predict s"
          " | peak RSS MB | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in runs:
        print("| " + " | ".join(r) + " |")
    print()
    groups = collections.OrderedDict()
    for tool, head, seed, acc, ll, train, wps, pred, rss, _ in runs:
        groups.setdefault((tool, head), []).append((acc, ll, train, wps, pred, rss))
    seeds = sorted({r[2] for r in runs}, key=lambda s: int(s))
    print(f"Means over {len(seeds)} seed(s) ({' '.join(seeds)}); against fastText's mean for the same"
          " head: accuracy difference in points, fastText's train s / the tool's, the tool's SGD"
          " tokens/s / fastText's.")
    print()
    print("| tool | head | runs | accuracy mean | min - max | vs fastText (points) | log loss mean"
          " | train s mean | train speed vs fastText | SGD speed vs fastText | predict s mean"
          " | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")

    def mean(values):
        values = [v for v in values if v is not None]
        return statistics.fmean(values) if values else None

    summary = {}
    for key, rows in groups.items():
        accs = [float(r[0]) for r in rows]
        summary[key] = {
            "acc": statistics.fmean(accs),
            "min": min(accs),
            "max": max(accs),
            "ll": mean(number(r[1]) for r in rows),
            "note": " (normalised sigmoid)" if "normalised" in rows[0][1] else "",
            "train": mean(number(r[2]) for r in rows),
            "wps": mean(number(r[3]) for r in rows),
            "pred": mean(number(r[4]) for r in rows),
            "rss": max(int(r[5]) for r in rows),
            "n": len(rows),
        }
    for (tool, head), s in summary.items():
        ft = summary.get(("fastText", head))
        if ft is None or tool == "fastText":
            diff = speed = sgd = ""
        else:
            diff = f"{100 * (s['acc'] - ft['acc']):+.2f}"
            speed = f"{ft['train'] / s['train']:.2f}x"
            sgd = f"{s['wps'] / ft['wps']:.2f}x" if s["wps"] and ft["wps"] else ""
        ll = "n/a" if s["ll"] is None else f"{s['ll']:.4f}{s['note']}"
        print(f"| {tool} | {head} | {s['n']} | {s['acc']:.4f} | {s['min']:.4f} - {s['max']:.4f}"
              f" | {diff} | {ll} | {s['train']:.2f} | {speed} | {sgd} | {s['pred']:.2f}"
              f" | {s['rss']} |")
    print()


if __name__ == "__main__":
    main()
