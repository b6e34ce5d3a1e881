"""Next-word prediction data from plain text, for a text model: every word whose previous words
are known becomes one fastText line, the word as the label and the words before it as features,
each tagged by its distance ("p1=of p2=price p3=the" before "corn"), so that a bag of features
still knows their order. Then the baseline a model must beat: the unigram model, which predicts
the words by their frequency in the training text, whatever came before.

  python3 next_word_contexts.py --train TEXT --test TEXT --out DIR [--vocab 5000] [--context 3]
                                [--max-test 20000]

TEXT: one document per line; fastText files are fine (their __label__ tokens are dropped). Text is
lower-cased and split into words and punctuation marks. Targets are the --vocab most frequent
tokens of the training text (the classes of the model); a position whose word is rarer is not a
target, but its word still serves as context. Writes DIR/train.ft.txt and DIR/test.ft.txt (at most
--max-test lines) and prints their sizes and the unigram baseline on the test lines.
"""
import argparse
import collections
import math
import os
import re

TOKEN = re.compile(r"\w+|[^\w\s]")


def documents(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = [t for t in line.split() if not t.startswith("__label__")]
            tokens = TOKEN.findall(" ".join(words).lower())
            if tokens:
                yield tokens


def contexts(path, vocab, size, limit):
    """(target, features) of every in-vocabulary position, at most limit of them."""
    n = 0
    for tokens in documents(path):
        padded = ["<s>"] * size + tokens
        for i in range(size, len(padded)):
            if padded[i] not in vocab:
                continue
            features = " ".join(f"p{d}={padded[i - d]}" for d in range(1, size + 1))
            yield padded[i], features
            n += 1
            if limit and n >= limit:
                return


def write(path, rows):
    tmp = path + ".tmp"
    count = 0
    with open(tmp, "w", encoding="utf-8") as f:
        for target, features in rows:
            f.write(f"__label__{target} {features}\n")
            count += 1
    os.replace(tmp, path)
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab", type=int, default=5000)
    ap.add_argument("--context", type=int, default=3)
    ap.add_argument("--max-test", type=int, default=20000)
    a = ap.parse_args()

    counts = collections.Counter(t for doc in documents(a.train) for t in doc)
    total = sum(counts.values())
    vocab = dict(counts.most_common(a.vocab))
    covered = sum(vocab.values())
    os.makedirs(a.out, exist_ok=True)
    n_train = write(os.path.join(a.out, "train.ft.txt"), contexts(a.train, vocab, a.context, 0))
    test = list(contexts(a.test, vocab, a.context, a.max_test))
    n_test = write(os.path.join(a.out, "test.ft.txt"), test)
    print(f"training text: {total} tokens, {len(counts)} distinct; the {len(vocab)} most frequent "
          f"are the classes ({covered / total:.1%} of the tokens)")
    print(f"contexts of {a.context} previous tokens: {n_train} training lines, {n_test} test lines")

    ranked = [w for w, _ in counts.most_common(a.vocab)]
    top1 = sum(t == ranked[0] for t, _ in test) / n_test
    top5 = sum(t in ranked[:5] for t, _ in test) / n_test
    loss = -sum(math.log(vocab[t] / covered) for t, _ in test) / n_test
    print(f"unigram baseline on the test lines (always '{ranked[0]}', then "
          f"{', '.join(repr(w) for w in ranked[1:5])}): accuracy {top1:.4f}  top-5 accuracy "
          f"{top5:.4f}  log loss {loss:.4f}")


if __name__ == "__main__":
    main()
