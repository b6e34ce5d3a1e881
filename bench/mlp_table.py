#!/usr/bin/env python3
"""The side-by-side table of bench/mlp.sh: the latest row of each system and epoch count (tag
issue6-mlp) from the harness's results.jsonl, with time per epoch and ratios to scikit-learn."""
import json
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "bench/work/results/results.jsonl"
rows = {}
for line in open(path):
    r = json.loads(line)
    if r.get("tag") != "issue6-mlp":
        continue
    m = re.search(r"epochs=(\d+)", r.get("params", ""))
    # Weka runs its own epoch count; everyone else runs the harness's --epochs.
    epochs = int(m.group(1)) if r["system"].startswith("weka-mlp") and m else r["epochs"]
    rows[(r["dataset"], r["epochs"], r["system"])] = dict(r, run_epochs=epochs)

for (dataset, harness_epochs) in sorted({(d, e) for d, e, _ in rows}):
    group = {s: r for (d, e, s), r in rows.items() if (d, e) == (dataset, harness_epochs)}
    sk = group.get("sklearn-mlp")
    sk_epoch = sk["train_wall_s"] / sk["run_epochs"] if sk else None
    sk_cpu = sk["train_cpu_s"] / sk["run_epochs"] if sk else None
    print(f"\n{dataset}, {harness_epochs} epochs ({group[next(iter(group))]['when']} onwards)\n")
    print("| tool | epochs | accuracy | log loss | s/epoch (wall) | CPU s/epoch | sklearn / tool (wall) | sklearn / tool (CPU) | peak RSS MB | load 1m before/after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s, r in sorted(group.items(), key=lambda kv: kv[1]["when"]):
        if r["status"] != "ok":
            print(f"| {s} | {r['run_epochs']} | {r['status']} | | | | | | | |")
            continue
        e = r["run_epochs"]
        wall = r["train_wall_s"] / e
        cpu = r["train_cpu_s"] / e
        ratio = f"{sk_epoch / wall:.2f}" if sk_epoch else ""
        cratio = f"{sk_cpu / cpu:.2f}" if sk_cpu else ""
        acc = f"{r['accuracy']:.4f}" + (" (1 epoch)" if e != harness_epochs else "")
        print(f"| {s} | {e} | {acc} | {r['log_loss']:.4f} | {wall:.2f} | {cpu:.2f} | {ratio} | {cratio} "
              f"| {r['peak_rss_mb']:.0f} | {r['loadavg']:.1f} / {r.get('loadavg_after', float('nan')):.1f} |")
