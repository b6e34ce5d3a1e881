#!/usr/bin/env bash
# Very many classes: the direct hypernym of a WordNet synset from its synonyms and gloss, 20,206
# classes, most seen only a few times, with a hierarchical softmax (cost per example grows with
# log2 of the number of classes, not with it).
#   bash docs/guide/many-classes.sh [FASTTEXT_FILE [LABELS_TSV]]     (EPOCHS: passes, default 10)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DATA="${1:-$SHARED_DATA/wordnet_hypernym/wordnet_hypernym.ft.txt}"
LABELS="${2:-$SHARED_DATA/wordnet_hypernym/labels.tsv}"
EPOCHS="${EPOCHS:-10}"
need "$DATA"
need "$LABELS"

run split --data "$DATA" --test-size 0.1 --output-dir "$WORK/wordnet"
run train --data "$WORK/wordnet/train.ft.txt" --model "$WORK/hypernym.softclass" --model-type text \
  --loss hs --dim 100 --wordNgrams 2 --bucket 1000000 --epochs "$EPOCHS" --lr 0.5 --lowercase
run eval --data "$WORK/wordnet/test.ft.txt" --model "$WORK/hypernym.softclass" --k 5

# Three new definitions; the labels are synset ids, labels.tsv names them
printf '%s\n' "mastiff, bulldog: a large powerful breed of dog" \
  "trout: a freshwater fish with a spotted back" "sprint, dash: to run very fast" \
  >"$WORK/glosses.txt"
echo "\$ cat work/glosses.txt"
cat "$WORK/glosses.txt"
echo
# predict prints synset ids; name_synsets adds the word each stands for (from labels.tsv)
name_synsets() {
  python3 -c '
import sys
names = dict(line.split("\t")[:2] for line in open(sys.argv[1], encoding="utf-8"))
for line in sys.stdin:
    parts = line.split()
    print("  ".join("%s %s (%s)" % (parts[i][9:], parts[i + 1][:6], names.get(parts[i][9:], "?"))
                    for i in range(0, len(parts), 2)))
' "$LABELS"
}
echo "\$ softclass predict --model work/hypernym.softclass --data work/glosses.txt --k 3 | name_synsets"
$SOFTCLASS predict --model "$WORK/hypernym.softclass" --data "$WORK/glosses.txt" --k 3 \
  2>"$WORK/.stderr" | name_synsets
