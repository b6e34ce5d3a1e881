#!/usr/bin/env bash
# Spam filtering with a decision threshold chosen for a target precision (spambase).
#   bash docs/guide/spam-filtering.sh [SPAMBASE_CSV]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/spambase/spambase.csv}"
need "$DATA"

run split --data "$DATA" --test-size 0.2 --validation-size 0.2 --output-dir "$WORK/spam"
run train --data "$WORK/spam/train.csv" --model "$WORK/spam.softclass"
run eval --data "$WORK/spam/test.csv" --model "$WORK/spam.softclass"
run calibrate --data "$WORK/spam/validation.csv" --model "$WORK/spam.softclass" \
  --method platt --threshold precision:0.99 --output "$WORK/spam-99.softclass"
run eval --data "$WORK/spam/test.csv" --model "$WORK/spam-99.softclass"
