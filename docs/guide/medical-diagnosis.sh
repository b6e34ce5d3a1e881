#!/usr/bin/env bash
# Medical diagnosis: calibrated probabilities and a threshold for a target recall
# (breast_cancer_wdbc), and an imbalanced, noisier problem (pima_diabetes).
#   bash docs/guide/medical-diagnosis.sh [WDBC_CSV] [PIMA_CSV]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WDBC="${1:-$SHARED_DATA/breast_cancer_wdbc/breast_cancer_wdbc.csv}"
PIMA="${2:-$SHARED_DATA/pima_diabetes/pima_diabetes.csv}"
need "$WDBC"
need "$PIMA"

run split --data "$WDBC" --test-size 0.25 --validation-size 0.25 --output-dir "$WORK/wdbc"
run train --data "$WORK/wdbc/train.csv" --model "$WORK/wdbc.softclass"
run calibrate --data "$WORK/wdbc/validation.csv" --model "$WORK/wdbc.softclass" \
  --method temperature --threshold recall:0.98 --output "$WORK/wdbc-screen.softclass"
run eval --data "$WORK/wdbc/test.csv" --model "$WORK/wdbc-screen.softclass"

run split --data "$PIMA" --test-size 0.25 --validation-size 0.25 --output-dir "$WORK/pima"
run train --data "$WORK/pima/train.csv" --model "$WORK/pima.softclass"
run calibrate --data "$WORK/pima/validation.csv" --model "$WORK/pima.softclass" \
  --method platt --threshold recall:0.9 --output "$WORK/pima-screen.softclass"
run eval --data "$WORK/pima/test.csv" --model "$WORK/pima-screen.softclass"
