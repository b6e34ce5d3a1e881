#!/usr/bin/python3
"""Writes train.csv and test.csv of this folder (see README.md). Deterministic: random.seed(3)."""
import random

random.seed(3)
colours = ["red", "blue", "green", "amber"]


def rows(n, test=False):
    out = []
    for i in range(n):
        c = random.choice(colours + ([""] if i % 7 == 3 else [])
                          + (["violet"] if test and i % 5 == 0 else []))
        size = round(random.gauss(5, 2), 2)
        weight = round(random.gauss(60, 15), 1)
        score = (0.8 * (size - 5) + 0.05 * (weight - 60)
                 + {"red": 1.0, "blue": -0.8, "green": 0.2, "amber": 0.0}.get(c, 0)
                 + random.gauss(0, 0.8))
        label = "hi" if score > 0.6 else ("lo" if score < -0.6 else "mid")
        s = "" if i % 9 == 4 else str(size)
        w = "" if i % 11 == 6 else str(weight)
        out.append(f"{label},{s},{c},{w},{random.choice(['1', '2'])},7")
    return out


hdr = "label,size,colour,weight,grade,site"
open("train.csv", "w").write("\n".join([hdr] + rows(90)) + "\n")
open("test.csv", "w").write("\n".join([hdr] + rows(30, True)) + "\n")
