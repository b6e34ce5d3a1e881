#!/usr/bin/env python3
"""Splits a fastText file into train and test, per label at random (seeded), so that every label
with at least two lines has lines on both sides: bench/text_split.py IN TRAIN TEST [TEST_SHARE] [SEED]"""
import random
import sys
from collections import defaultdict


def main():
    src, train_path, test_path = sys.argv[1:4]
    share = float(sys.argv[4]) if len(sys.argv) > 4 else 0.2
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 7
    by_label = defaultdict(list)
    with open(src, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            label = next(t for t in line.split() if t.startswith("__label__"))
            by_label[label].append(line if line.endswith("\n") else line + "\n")
    rng = random.Random(seed)
    train, test = [], []
    for label in sorted(by_label):
        lines = by_label[label]
        rng.shuffle(lines)
        n_test = int(round(len(lines) * share)) if len(lines) > 1 else 0
        test += lines[:n_test]
        train += lines[n_test:]
    rng.shuffle(train)
    rng.shuffle(test)
    with open(train_path, "w", encoding="utf-8") as f:
        f.writelines(train)
    with open(test_path, "w", encoding="utf-8") as f:
        f.writelines(test)


if __name__ == "__main__":
    main()
