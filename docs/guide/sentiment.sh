#!/usr/bin/env bash
# Sentiment of short product, film and restaurant reviews (sentiment_sentences) with a
# fastText-style text model: words and word pairs, averaged embeddings, a softmax.
#   bash docs/guide/sentiment.sh [FASTTEXT_FILE]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/sentiment_sentences/sentiment_sentences.ft.txt}"
need "$DATA"

run split --data "$DATA" --test-size 0.2 --output-dir "$WORK/sentiment"
# Words only, 10 passes at learning rate 0.1
run train --data "$WORK/sentiment/train.ft.txt" --model "$WORK/words.softclass" \
  --model-type text --lowercase --dim 50 --epochs 10 --lr 0.1
run eval --data "$WORK/sentiment/test.ft.txt" --model "$WORK/words.softclass"
# Words and word pairs ("not good" is not "good")
run train --data "$WORK/sentiment/train.ft.txt" --model "$WORK/bigrams.softclass" \
  --model-type text --lowercase --dim 50 --epochs 10 --lr 0.1 --wordNgrams 2 --bucket 200000
run eval --data "$WORK/sentiment/test.ft.txt" --model "$WORK/bigrams.softclass"
# Trained much harder: the training loss goes to zero, the probabilities become overconfident
run train --data "$WORK/sentiment/train.ft.txt" --model "$WORK/hard.softclass" \
  --model-type text --lowercase --dim 50 --epochs 25 --lr 0.5 --wordNgrams 2 --bucket 200000
run eval --data "$WORK/sentiment/test.ft.txt" --model "$WORK/hard.softclass"
# New sentences, one per line
printf '%s\n' "The battery died after two days, what a waste of money." \
  "Not bad at all, I would order it again." "The food was cold and the waiter was rude." \
  "A wonderful film with a great cast." >"$WORK/reviews.txt"
echo "\$ cat work/reviews.txt"
cat "$WORK/reviews.txt"
echo
run predict --model "$WORK/bigrams.softclass" --data "$WORK/reviews.txt" --k 2
