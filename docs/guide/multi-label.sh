#!/usr/bin/env bash
# Multi-label classification: the functional classes of yeast genes (14 labels, 4.2 per gene on
# average), one sigmoid per label, thresholds tuned by cross-validation.
#   bash docs/guide/multi-label.sh [YEAST_CSV]   (TRAIN_ROWS: the first rows that train, default 1500)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/yeast/yeast.csv}"
TRAIN_ROWS="${TRAIN_ROWS:-1500}"
need "$DATA"

# The usual (Mulan) split: the first 1500 genes train, the other 917 test
echo "\$ head -n $((TRAIN_ROWS + 1)) $DATA >work/yeast-train.csv" | shown
head -n "$((TRAIN_ROWS + 1))" "$DATA" >"$WORK/yeast-train.csv"
echo "\$ (head -n 1 $DATA; tail -n +$((TRAIN_ROWS + 2)) $DATA) >work/yeast-test.csv" | shown
(head -n 1 "$DATA"; tail -n +"$((TRAIN_ROWS + 2))" "$DATA") >"$WORK/yeast-test.csv"
echo

run train --data "$WORK/yeast-train.csv" --task multilabel --model "$WORK/yeast.softclass"
run eval --data "$WORK/yeast-test.csv" --model "$WORK/yeast.softclass"
# One threshold for all labels, the best micro-F1 on 5-fold out-of-fold predictions of the
# training rows; every gene gets at least one label
run calibrate --data "$WORK/yeast-train.csv" --model "$WORK/yeast.softclass" --cv 5 \
  --threshold micro-f1 --at-least-one --output "$WORK/yeast-tuned.softclass"
run eval --data "$WORK/yeast-test.csv" --model "$WORK/yeast-tuned.softclass"
# The labels of three genes
echo "\$ head -n 4 work/yeast-test.csv >work/three-genes.csv"
head -n 4 "$WORK/yeast-test.csv" >"$WORK/three-genes.csv"
run predict --model "$WORK/yeast-tuned.softclass" --data "$WORK/three-genes.csv"
