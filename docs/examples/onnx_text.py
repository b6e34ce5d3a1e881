#!/usr/bin/env python3
"""Run an exported Softclass text model from Python: tokenise as Softclass does, then ONNX Runtime.

    softclass export --model text.softclass --format onnx --output text.onnx
    python3 docs/examples/onnx_text.py text.softclass text.onnx lines.txt

The .softclass file is read for its vocabulary and n-gram settings (model.json inside the zip);
the ONNX graph takes the ids (int64 [N, L], padded with -1) and gives 'label' and 'probabilities'.
Without onnxruntime installed (pip install onnxruntime numpy) it prints the ids only, one line per
text, exactly as `softclass tokenize --model text.softclass --input lines.txt` does, so the two
can be compared with diff. The recipe is in docs/onnx.md.
"""
import json
import sys
import unicodedata
import zipfile

EOS = "</s>"
FNV_OFFSET = 2166136261
FNV_PRIME = 16777619
WORD_NGRAM_MULTIPLIER = 116049371
MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF


def fnv_step(h, code_point):
    """32-bit FNV-1a, one Unicode code point folded in as one value."""
    return ((h ^ code_point) * FNV_PRIME) & MASK32


def fnv1a(s):
    h = FNV_OFFSET
    for ch in s:
        h = fnv_step(h, ord(ch))
    return h


class Tokenizer:
    def __init__(self, model_path):
        with zipfile.ZipFile(model_path) as z:
            model = json.loads(z.read("model.json"))
        if model.get("model_type") != "text":
            sys.exit(f"{model_path} is not a Softclass text model")
        t = model["text"]
        self.lowercase = t["lowercase"]
        # nfc, nfkc or none; files written before the field existed are nfc.
        self.normalization = t.get("normalization", "nfc")
        self.buckets = t["buckets"]
        self.minn, self.maxn = t["minn"], t["maxn"]
        self.word_ngrams = t["word_ngrams"]
        self.vocab = {w: i for i, w in enumerate(t["vocabulary"])}
        self.classes = model["classes"]

    def tokens(self, text):
        if self.normalization != "none":
            text = unicodedata.normalize(self.normalization.upper(), text)
        if self.lowercase:
            text = text.lower()
        return text.split()  # Unicode white space, as Softclass splits

    def char_ngrams(self, word):
        if self.maxn == 0:
            return []
        cps = [ord(c) for c in "<" + word + ">"]
        out = []
        for i in range(len(cps)):
            h = FNV_OFFSET
            for j in range(i, min(len(cps), i + self.maxn)):
                h = fnv_step(h, cps[j])
                n = j - i + 1
                # the lone boundary markers '<' and '>' are skipped
                if n >= self.minn and not (n == 1 and (i == 0 or j == len(cps) - 1)):
                    out.append(len(self.vocab) + h % self.buckets)
        return out

    def ids(self, text):
        tokens = self.tokens(text) + [EOS]
        out = []
        for t in tokens:
            if t in self.vocab:
                out.append(self.vocab[t])
                if t != EOS:
                    out.extend(self.char_ngrams(t))
            elif t != EOS:
                out.extend(self.char_ngrams(t))
        if self.buckets > 0:
            hashes = [fnv1a(t) for t in tokens]
            for i in range(len(hashes)):
                h = hashes[i]
                for j in range(i + 1, min(len(hashes), i + self.word_ngrams)):
                    h = (h * WORD_NGRAM_MULTIPLIER + hashes[j]) & MASK64
                    out.append(len(self.vocab) + h % self.buckets)
        return out


def texts(path):
    """Each non-blank line with its __label__ tokens left out, as softclass predict reads it."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = [w for w in line.split() if not w.startswith("__label__")]
            if words:
                yield " ".join(words)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    model_path, onnx_path, lines_path = sys.argv[1:]
    tok = Tokenizer(model_path)
    rows = [tok.ids(t) for t in texts(lines_path)]
    try:
        import numpy as np
        import onnxruntime as ort
    except ImportError:
        for r in rows:
            print(" ".join(map(str, r)))
        return
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), -1, dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
    session = ort.InferenceSession(onnx_path)
    label, probabilities = session.run(["label", "probabilities"], {"ids": ids})
    for lab, p in zip(label, probabilities):
        print(lab, " ".join(f"{c}={v:.4f}" for c, v in zip(tok.classes, p)))


if __name__ == "__main__":
    main()
