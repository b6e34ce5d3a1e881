#!/usr/bin/env bash
# Image classification: handwritten digits (mnist, 28 x 28 grey pixels) with a linear model, then
# a multilayer perceptron.
#   bash docs/guide/image-classification.sh [TRAIN TEST]    (EPOCHS: passes of the MLP, default 10)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TRAIN="${1:-$SHARED_DATA/mnist/train.libsvm.gz}"
TEST="${2:-$SHARED_DATA/mnist/test.libsvm.gz}"
EPOCHS="${EPOCHS:-10}"
need "$TRAIN"
need "$TEST"

# A linear softmax first: the baseline any network must beat
run train --data "$TRAIN" --model "$WORK/digits-linear.softclass" --optimizer sgd
run eval --data "$TEST" --model "$WORK/digits-linear.softclass"
# One hidden layer of 256 ReLU units, Adam, mini-batches of 128
run train --data "$TRAIN" --model "$WORK/digits-mlp.softclass" --model-type mlp --hidden 256 \
  --activation relu --optimizer adam --batch 128 --epochs "$EPOCHS" --seed 1
run eval --data "$TEST" --model "$WORK/digits-mlp.softclass"
