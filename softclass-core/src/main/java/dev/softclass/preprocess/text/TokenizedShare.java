package dev.softclass.preprocess.text;

import java.util.List;

/**
 * One tokenisation pass over a share of the training texts: every distinct token gets a local id
 * (in order of first appearance), its count, and each line its sequence of local ids ending with
 * {@link TextFeatures#EOS}. The vocabulary is built from the counts of all shares, and the rows of
 * each line are then assembled from the local ids, without tokenising the text a second time.
 */
final class TokenizedShare {
  private final TokenTable table = new TokenTable();
  private final TextFeatures.IntBuffer counts = new TextFeatures.IntBuffer(1024);
  private final TextFeatures.IntBuffer tokens = new TextFeatures.IntBuffer(1024);
  private final int[] lineEnds;

  /** Tokenises {@code texts.subList(from, to)}. */
  TokenizedShare(List<String> texts, int from, int to, Tokenizer tokenizer) {
    lineEnds = new int[to - from];
    Tokenizer.TokenRange count = (s, start, end) -> count(table.id(s, start, end));
    int eos = table.id(TextFeatures.EOS);
    counts.add(0); // ids count up with the counts
    for (int r = from; r < to; r++) {
      tokenizer.forEachToken(texts.get(r), count);
      count(eos);
      lineEnds[r - from] = tokens.size();
    }
  }

  private void count(int id) {
    counts.addAt(id, 1);
    tokens.add(id);
  }

  /**
   * Adds this share's tokens, in order of first appearance, to {@code all} and their counts to
   * {@code totals} (indexed by the ids of {@code all}).
   */
  void addCountsTo(TokenTable all, TextFeatures.IntBuffer totals) {
    for (int i = 0; i < table.size(); i++) {
      totals.addAt(all.id(table.word(i)), counts.get(i));
    }
  }

  /**
   * The rows of every line of this share under {@code features}, appended to {@code out}; the
   * number of rows of line {@code i} goes to {@code rowCounts[firstLine + i]}. Same rows as {@link
   * TextFeatures#features(String)} gives each line.
   */
  void appendRows(TextFeatures features, TextFeatures.IntBuffer out, int[] rowCounts, int first) {
    int[][] rowsOf = new int[table.size()][];
    long[] hashes = new long[features.buckets() > 0 ? table.size() : 0];
    for (int i = 0; i < table.size(); i++) {
      rowsOf[i] = features.tokenRows(table.word(i));
      if (hashes.length > 0) {
        hashes[i] = TextFeatures.fnv1a(table.word(i));
      }
    }
    long[] lineHashes = new long[64];
    int start = 0;
    for (int line = 0; line < lineEnds.length; line++) {
      int before = out.size();
      int end = lineEnds[line];
      for (int t = start; t < end; t++) {
        out.addAll(rowsOf[tokens.get(t)]);
      }
      if (features.buckets() > 0) {
        if (end - start > lineHashes.length) {
          lineHashes = new long[Math.max(end - start, 2 * lineHashes.length)];
        }
        for (int t = start; t < end; t++) {
          lineHashes[t - start] = hashes[tokens.get(t)];
        }
        features.addWordNgrams(lineHashes, end - start, out);
      }
      rowCounts[first + line] = out.size() - before;
      start = end;
    }
  }
}
