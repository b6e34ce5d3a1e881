#!/usr/bin/env bash
# Text classification side by side: Softclass text models against fastText (Debian's fasttext
# CLI) on ../shared/data/{sentiment_sentences,udhr_langid,wordnet_hypernym}, same split, epochs,
# dim, lr, n-grams and buckets; then the hierarchical-softmax prediction cost for 1k, 10k and 20k
# classes. Writes bench/work/text/results.md (copy the tables into bench/RESULTS-issue7.md).
#   bash bench/text.sh [sentiment] [udhr] [wordnet] [hscost]     (default: all four)
# Train s and predict s are wall times of whole commands (JVM start included for Softclass);
# peak RSS from /usr/bin/time. Log loss uses each tool's own probabilities (see text_metrics.py).
# SGD tokens/s is the training phase alone, all threads together: fastText's last printed
# words/sec/thread times the threads; Softclass's sgd_tokens_per_second (same count: every token
# of a line, its label and </s> included, per epoch; over the SGD loop's time).
# Softclass runs with --normalization none: fastText reads raw bytes, so both tools then see the
# same tokens (Softclass's default, NFC, folds composed and decomposed spellings into one word,
# which on udhr_langid erases a label signal: bench/RESULTS-issue7g.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/../shared/data"
WORK="$ROOT/bench/work/text"
SC="$ROOT/softclass"
THREADS=2
mkdir -p "$WORK"
for d in sentiment_sentences udhr_langid wordnet_hypernym; do
  if [ ! -d "$DATA/$d" ]; then
    echo "text.sh: $DATA/$d is absent; these benchmarks need ../shared/data beside the repository" >&2
    exit 1
  fi
done
command -v fasttext >/dev/null || { echo "text.sh: install fastText (apt-get install fasttext)" >&2; exit 1; }
"$SC" --version >/dev/null 2>&1

OUT="$WORK/results.md"
{
  echo "# Text benchmarks, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) vCPUs; $(dpkg -l fasttext 2>/dev/null | awk '/fasttext/{print "fastText " $3}'); $(java -version 2>&1 | head -1)"
  echo
} >"$OUT"

load() { awk '{print $1}' /proc/loadavg; }

# timed OUTFILE cmd... : runs cmd, appends "seconds rss_kb" to OUTFILE.time
timed() {
  local out="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out.time" "$@"
}

split() { # NAME SOURCE SHARE
  [ -f "$WORK/$1.train" ] || python3 "$ROOT/bench/text_split.py" "$2" "$WORK/$1.train" "$WORK/$1.test" "$3" 7
}

row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |" >>"$OUT"; }

header() {
  {
    echo "## $1"
    echo
    echo "Settings (both tools): \`$2\`, $THREADS threads. Load average at start: $(load)."
    echo
    echo "| tool | head | accuracy (P@1) | log loss | train s | SGD tokens/s | predict s | peak RSS MB | load |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  } >>"$OUT"
}

fasttext_run() { # NAME LOSS FT_ARGS  (logloss=yes|no)
  local name="$1" loss="$2" args="$3" logloss="$4" m="$WORK/ft-$1-$2"
  # shellcheck disable=SC2086
  timed "$m.train" fasttext supervised -input "$WORK/$name.train" -output "$m" -loss "$loss" \
    -thread $THREADS -verbose 2 $args 2>"$m.log"
  local wps
  wps=$(tr '\r' '\n' <"$m.log" | awk -v t=$THREADS '/words\/sec\/thread:/ {for (i = 1; i < NF; i++) if ($i == "words/sec/thread:") w = $(i + 1)} END {printf "%.0f", w * t}')
  rm -f "$m.log"
  timed "$m.predict" sh -c "fasttext predict '$m.bin' '$WORK/$name.test' 1 > '$m.pred1'"
  local acc ll
  acc=$(python3 - "$WORK/$name.test" "$m.pred1" <<'PY'
import sys
t=[next(x for x in l.split() if x.startswith("__label__")) for l in open(sys.argv[1],encoding="utf-8") if l.strip()]
p=[l.split()[0] if l.split() else "" for l in open(sys.argv[2],encoding="utf-8")]
print(f"{sum(a==b for a,b in zip(t,p))/len(t):.4f}")
PY
)
  if [ "$logloss" = yes ]; then
    fasttext predict-prob "$m.bin" "$WORK/$name.test" -1 >"$m.predall"
    local norm=""
    [ "$loss" = ns ] && norm="--normalise"
    ll=$(python3 "$ROOT/bench/text_metrics.py" "$WORK/$name.test" "$m.predall" $norm | awk '{print $2}')
    [ -n "$norm" ] && ll="$ll (normalised sigmoid)"
    rm -f "$m.predall"
  else
    ll="n/a"
  fi
  read -r ts tr <"$m.train.time"
  read -r ps pr <"$m.predict.time"
  row fastText "$loss" "$acc" "$ll" "$ts" "$wps" "$ps" "$(( (tr > pr ? tr : pr) / 1024 ))" "$(load)"
  rm -f "$m.bin" "$m.vec"
}

softclass_run() { # NAME LOSS SC_ARGS LABEL
  local name="$1" loss="$2" args="$3" label="$4" m="$WORK/sc-$1-$2-$RANDOM.softclass"
  # shellcheck disable=SC2086
  timed "$m.train" "$SC" train --format fasttext --model-type text --data "$WORK/$name.train" \
    --model "$m" --loss "$loss" --threads $THREADS $args --json >"$m.json" 2>/dev/null
  timed "$m.predict" sh -c "'$SC' predict --model '$m' --data '$WORK/$name.test' --k 1 > '$m.pred1' 2>/dev/null"
  "$SC" eval --model "$m" --data "$WORK/$name.test" --json >"$m.eval" 2>/dev/null
  local acc ll
  acc=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(f\"{e['accuracy']:.4f}\")" "$m.eval")
  ll=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(f\"{e['log_loss']:.4f}\" + ('' if e['probabilities']=='softmax' else ' (normalised sigmoid)'))" "$m.eval")
  local wps
  wps=$(python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['sgd_tokens_per_second']:.0f}\")" "$m.json")
  read -r ts tr <"$m.train.time"
  read -r ps pr <"$m.predict.time"
  row "Softclass $label" "$loss" "$acc" "$ll" "$ts" "$wps" "$ps" "$(( (tr > pr ? tr : pr) / 1024 ))" "$(load)"
  rm -f "$m" "$m".*
}

both() { # NAME LOSS ARGS(fastText spelling) SCARGS LOGLOSS
  fasttext_run "$1" "$2" "$3" "$5"
  softclass_run "$1" "$2" "$4" "deterministic"
  softclass_run "$1" "$2" "$4 --hogwild" "hogwild"
}

want() { [ $# -eq 0 ] && return 0; for a in "${ARGS[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
ARGS=("$@")
all() { [ ${#ARGS[@]} -eq 0 ] || want "$1"; }

if all sentiment; then
  split sentiment "$DATA/sentiment_sentences/sentiment_sentences.ft.txt" 0.2
  FT="-dim 100 -epoch 25 -lr 0.5 -wordNgrams 2 -bucket 200000 -seed 7"
  SCA="--normalization none --dim 100 --epochs 25 --lr 0.5 --wordNgrams 2 --bucket 200000 --seed 7"
  header "sentiment_sentences (2,400 train / 600 test, 2 classes)" "$FT"
  both sentiment softmax "$FT" "$SCA" yes
fi

if all udhr; then
  split udhr "$DATA/udhr_langid/udhr_langid.ft.txt" 0.2
  FT="-dim 50 -epoch 10 -lr 0.5 -wordNgrams 1 -minCount 1 -seed 7"
  SCA="--normalization none --dim 50 --epochs 10 --lr 0.5 --wordNgrams 1 --minCount 1 --seed 7"
  header "udhr_langid (24,100 train / 6,067 test, 447 classes)" "$FT -neg 5"
  both udhr softmax "$FT" "$SCA" yes
  both udhr ns "$FT -neg 5" "$SCA --neg 5" yes
  softclass_run udhr sampled "$SCA --neg 5" "deterministic"
  softclass_run udhr hs "$SCA" "deterministic"
fi

if all wordnet; then
  split wordnet "$DATA/wordnet_hypernym/wordnet_hypernym.ft.txt" 0.1
  FT="-dim 100 -epoch 5 -lr 0.5 -wordNgrams 1 -minCount 1 -neg 5 -seed 7"
  SCA="--normalization none --dim 100 --epochs 5 --lr 0.5 --wordNgrams 1 --minCount 1 --neg 5 --seed 7"
  header "wordnet_hypernym (88,617 train / 6,705 test, 20,206 classes)" "$FT"
  both wordnet hs "$FT" "$SCA" no
  both wordnet ns "$FT" "$SCA" no
  softclass_run wordnet sampled "$SCA" "deterministic"
fi

if all hscost; then
  split wordnet "$DATA/wordnet_hypernym/wordnet_hypernym.ft.txt" 0.1
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl softclass-bench -am) >&2
  BENCH_JAR="$ROOT/softclass-bench/target/softclass-bench.jar"
  {
    echo "## Hierarchical softmax: prediction cost against the number of classes"
    echo
    echo "wordnet_hypernym restricted to the K most frequent classes (their train and test lines),"
    echo "hs head, \`--dim 100 --epochs 5 --lr 0.5\`. The head's own time per test line, measured in"
    echo "process by \`dev.softclass.bench.HsPredictCost\` (body outputs computed first; best of 5"
    echo "passes after 2 warm-up passes): top-1 by the pruned search, against scoring every class"
    echo "exactly (K - 1 node scores, what a full softmax of the same width also costs)."
    echo
    echo "| classes K | log2 K | test lines | hs top-1 ns / line | all classes ns / line | load |"
    echo "| --- | --- | --- | --- | --- | --- |"
  } >>"$OUT"
  for k in 1000 10000 20206; do
    python3 - "$WORK/wordnet.train" "$WORK/wordnet.test" "$WORK/hs$k" "$k" <<'PY'
import sys, collections
tr, te, out, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
lab = lambda l: next(x for x in l.split() if x.startswith("__label__"))
lines = open(tr, encoding="utf-8").readlines()
keep = {c for c, _ in collections.Counter(map(lab, lines)).most_common(k)}
open(out + ".train", "w", encoding="utf-8").writelines(l for l in lines if lab(l) in keep)
open(out + ".test", "w", encoding="utf-8").writelines(l for l in open(te, encoding="utf-8") if lab(l) in keep)
PY
    m="$WORK/hs$k.softclass"
    "$SC" train --format fasttext --model-type text --data "$WORK/hs$k.train" --model "$m" \
      --loss hs --dim 100 --epochs 5 --lr 0.5 --threads $THREADS --seed 7 >/dev/null 2>&1
    java --add-modules jdk.incubator.vector -cp "$BENCH_JAR" dev.softclass.bench.HsPredictCost \
      "$m" "$WORK/hs$k.test" 2>/dev/null | while read -r classes lines top all; do
      python3 -c "import math,sys; print(f'| {sys.argv[1]} | {math.log2(int(sys.argv[1])):.1f} | {sys.argv[2]} | {sys.argv[3]} | {sys.argv[4]} | {sys.argv[5]} |')" \
        "$classes" "$lines" "$top" "$all" "$(load)" >>"$OUT"
    done
    rm -f "$m"
  done
  echo >>"$OUT"
fi
echo "wrote $OUT"
cat "$OUT"
