#!/usr/bin/env bash
# Language identification: which of 447 languages a sentence of the Universal Declaration of Human
# Rights is written in, from its words; top-k answers.
#   bash docs/guide/language-identification.sh [FASTTEXT_FILE]     (EPOCHS: passes, default 10)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/udhr_langid/udhr_langid.ft.txt}"
EPOCHS="${EPOCHS:-10}"
need "$DATA"

run split --data "$DATA" --test-size 0.2 --output-dir "$WORK/udhr"
run train --data "$WORK/udhr/train.ft.txt" --model "$WORK/langid.softclass" --model-type text \
  --dim 50 --epochs "$EPOCHS" --lr 0.5
run eval --data "$WORK/udhr/test.ft.txt" --model "$WORK/langid.softclass" --k 3

# Sentences that are not from the declaration
printf '%s\n' "The weather is lovely today and the children are playing in the garden." \
  "Le chat dort sur le canapé depuis ce matin." "Ich habe gestern ein neues Buch gekauft." \
  "Watoto wanacheza mpira uwanjani leo." "Hoy vamos a comer en casa de mis abuelos." \
  >"$WORK/sentences.txt"
echo "\$ cat work/sentences.txt"
cat "$WORK/sentences.txt"
echo
run predict --model "$WORK/langid.softclass" --data "$WORK/sentences.txt" --k 3
