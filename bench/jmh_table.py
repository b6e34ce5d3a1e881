#!/usr/bin/env python3
"""Turns JMH JSON results (bench/jmh.sh) into one markdown table: GFLOP/s and share of peak."""
import argparse
import json
import os
import re

# Useful floating-point operations per call (a fused multiply-add counts 2).
FLOPS = {
    "dot_784": 2 * 784,
    "gemm_256x784x10": 2 * 256 * 784 * 10,
    "gemm_256x784x128": 2 * 256 * 784 * 128,
    "gemmTransposedB_256x784x10": 2 * 256 * 784 * 10,
    "gemmTransposedB_256x784x128": 2 * 256 * 784 * 128,
    "sparseRowTimesMatrix_150x10": 2 * 150 * 10,
    "sparseOuterAdd_150x10": 2 * 150 * 10,
}
PER_ITEM = {  # kernels reported per element instead
    "softmax_10": ("logit", 10),
    "softmax_10000": ("logit", 10000),
    "sparseDot_1000of100000": ("non-zero", 1000),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peak", type=float, default=0, help="per-core FMA peak, GFLOP/s")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    rows = []
    for f in a.files:
        jdk = re.search(r"jdk(\d+)", os.path.basename(f)).group(1)
        for r in json.load(open(f)):
            name = r["benchmark"].rsplit(".", 1)[1]
            params = r.get("params", {})
            score = r["primaryMetric"]["score"]
            err = r["primaryMetric"].get("scoreError", 0)
            unit = r["primaryMetric"]["scoreUnit"]
            rows.append((name, params, jdk, score, err, unit))
    print("| kernel | impl / threads | JDK | time | GFLOP/s | % of peak | per element |")
    print("|---|---|---|---|---|---|---|")
    for name, params, jdk, score, err, unit in sorted(rows, key=lambda x: (x[0], str(x[1]), x[2])):
        who = params.get("impl") or (params.get("threads", "") + " thread(s)")
        gflops = pct = per = ""
        if unit == "ns/op" and name in FLOPS:
            g = FLOPS[name] / score
            gflops = f"{g:.1f}"
            if a.peak:
                pct = f"{100 * g / a.peak:.0f} %"
        if unit == "ns/op" and name in PER_ITEM:
            what, n = PER_ITEM[name]
            per = f"{score / n:.3f} ns per {what}"
        time = f"{score:,.1f} ± {err:,.1f} {unit}"
        print(f"| {name} | {who} | {jdk} | {time} | {gflops} | {pct} | {per} |")


if __name__ == "__main__":
    main()
