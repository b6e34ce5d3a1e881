#!/usr/bin/env bash
# Next-word prediction: the next token of news text from the three before it, a text model with a
# sampled softmax over a 5,000-word vocabulary, against the unigram baseline.
#   bash docs/guide/next-word.sh [TRAIN_TEXT TEST_TEXT]     (default: the reuters_corn articles)
# VOCAB: the number of words predicted (default 5000); EPOCHS: passes (default 5)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TRAIN="${1:-$SHARED_DATA/reuters_corn/train.ft.txt}"
TEST="${2:-$SHARED_DATA/reuters_corn/test.ft.txt}"
VOCAB="${VOCAB:-5000}"
EPOCHS="${EPOCHS:-5}"
need "$TRAIN"
need "$TEST"

echo "\$ python3 docs/guide/next_word_contexts.py --train $TRAIN --test $TEST --out work/next --vocab $VOCAB" | shown
python3 "$ROOT/docs/guide/next_word_contexts.py" --train "$TRAIN" --test "$TEST" --out "$WORK/next" \
  --vocab "$VOCAB"
echo
echo "\$ head -n 3 work/next/train.ft.txt"
head -n 3 "$WORK/next/train.ft.txt"
echo

# Sampled softmax: each step scores the true word and 25 words drawn by frequency, not all 5,000
run train --data "$WORK/next/train.ft.txt" --model "$WORK/next-word.softclass" --model-type text \
  --loss sampled --neg 25 --dim 100 --wordNgrams 2 --bucket 500000 --epochs "$EPOCHS" --lr 0.2
run eval --data "$WORK/next/test.ft.txt" --model "$WORK/next-word.softclass" --k 5
# "the price of ...", "55 dlrs per ...", "the agriculture department ...", written as contexts
printf '%s\n' "p1=of p2=price p3=the" "p1=per p2=dlrs p3=55" \
  "p1=department p2=agriculture p3=the" >"$WORK/contexts.txt"
echo "\$ cat work/contexts.txt"
cat "$WORK/contexts.txt"
echo
run predict --model "$WORK/next-word.softclass" --data "$WORK/contexts.txt" --k 3
