package dev.softclass.preprocess.text;

import dev.softclass.SoftclassException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns text into the row indices of an embedding matrix, as fastText does: one row per vocabulary
 * word (words seen at least {@code minCount} times in training, plus the end-of-line token {@code
 * </s>} that every line ends with), then {@code buckets} shared rows that character n-grams of each
 * word (of {@code <word>}, {@code minn} to {@code maxn} characters) and word n-grams (2 to {@code
 * wordNgrams} consecutive tokens) are hashed into. A word outside the vocabulary still contributes
 * its character n-grams. Immutable and thread-safe; saved with the model so that prediction takes
 * raw text.
 */
public final class TextFeatures {
  /** The token fastText appends to every line. */
  public static final String EOS = "</s>";

  private static final long WORD_NGRAM_MULTIPLIER = 116049371L;

  private final Tokenizer tokenizer;
  private final List<String> words;
  private final TokenTable index;
  private final int buckets;
  private final int minn;
  private final int maxn;
  private final int wordNgrams;
  private final int[][] subwords; // each word's row and n-gram rows; null without character n-grams

  /**
   * @param words the vocabulary, in row order
   * @throws SoftclassException if the n-gram settings are inconsistent
   */
  public TextFeatures(
      Tokenizer tokenizer, List<String> words, int buckets, int minn, int maxn, int wordNgrams) {
    check(buckets, minn, maxn, wordNgrams);
    this.tokenizer = tokenizer;
    this.words = List.copyOf(words);
    this.buckets = buckets;
    this.minn = minn;
    this.maxn = maxn;
    this.wordNgrams = wordNgrams;
    this.index = new TokenTable(this.words.size());
    this.subwords = maxn > 0 ? new int[this.words.size()][] : null;
    for (int i = 0; i < this.words.size(); i++) {
      String w = this.words.get(i);
      if (index.id(w) != i) {
        throw new IllegalArgumentException("duplicate vocabulary word '" + w + "'");
      }
      if (subwords != null) {
        IntBuffer ids = new IntBuffer(8);
        ids.add(i);
        if (!w.equals(EOS)) {
          charNgrams(w, ids);
        }
        subwords[i] = ids.toArray();
      }
    }
  }

  private static void check(int buckets, int minn, int maxn, int wordNgrams) {
    if (wordNgrams < 1) {
      throw new SoftclassException("--wordNgrams must be at least 1, got " + wordNgrams);
    }
    if (minn < 0 || maxn < 0 || (maxn > 0 && minn > maxn) || (maxn > 0 && minn < 1)) {
      throw new SoftclassException(
          "character n-grams need 1 <= minn <= maxn (or maxn 0 for none), got minn "
              + minn
              + " and maxn "
              + maxn);
    }
    if (buckets < 0) {
      throw new SoftclassException("--bucket must be at least 0, got " + buckets);
    }
    if (buckets == 0 && (maxn > 0 || wordNgrams > 1)) {
      throw new SoftclassException(
          "character or word n-grams need hash buckets: give --bucket > 0 (fastText uses"
              + " 2000000)");
    }
  }

  /**
   * Builds the vocabulary of {@code texts}: words seen at least {@code minCount} times, most
   * frequent first (ties by string), so that the same texts always give the same rows.
   */
  public static TextFeatures fit(
      List<String> texts,
      Tokenizer tokenizer,
      int minCount,
      int buckets,
      int minn,
      int maxn,
      int wordNgrams) {
    return fit(texts, tokenizer, minCount, buckets, minn, maxn, wordNgrams, 1);
  }

  /**
   * {@link #fit(List, Tokenizer, int, int, int, int, int)} counting the words on {@code threads}
   * threads (each counts a share of the texts, the counts are then added): the vocabulary does not
   * depend on the thread count.
   */
  public static TextFeatures fit(
      List<String> texts,
      Tokenizer tokenizer,
      int minCount,
      int buckets,
      int minn,
      int maxn,
      int wordNgrams,
      int threads) {
    return fitRows(texts, tokenizer, minCount, buckets, minn, maxn, wordNgrams, threads).features();
  }

  /**
   * Builds the vocabulary of {@code texts} as {@link #fit(List, Tokenizer, int, int, int, int, int,
   * int)} does, and the rows of every text ({@link #features(String)} of each), tokenising each
   * text once: each thread tokenises a share of the texts, keeping the tokens' ids, and later turns
   * its ids into rows. Neither the vocabulary nor the rows depend on the thread count.
   */
  public static Fitted fitRows(
      List<String> texts,
      Tokenizer tokenizer,
      int minCount,
      int buckets,
      int minn,
      int maxn,
      int wordNgrams,
      int threads) {
    check(buckets, minn, maxn, wordNgrams);
    if (minCount < 1) {
      throw new SoftclassException("--minCount must be at least 1, got " + minCount);
    }
    int n = texts.size();
    int count = Math.max(1, Math.min(threads, n / 1024));
    TokenizedShare[] shares = new TokenizedShare[count];
    int[] firstLines = new int[count + 1];
    Runnable[] jobs = new Runnable[count];
    for (int c = 0; c < count; c++) {
      int from = (int) ((long) n * c / count);
      int to = (int) ((long) n * (c + 1) / count);
      firstLines[c] = from;
      firstLines[c + 1] = to;
      int share = c;
      jobs[c] = () -> shares[share] = new TokenizedShare(texts, from, to, tokenizer);
    }
    runAll(jobs, count);
    TokenTable all = new TokenTable();
    IntBuffer counts = new IntBuffer(1024);
    for (TokenizedShare share : shares) {
      share.addCountsTo(all, counts);
    }
    TextFeatures features =
        new TextFeatures(
            tokenizer,
            byFrequency(all, counts, minCount, threads),
            buckets,
            minn,
            maxn,
            wordNgrams);
    int[] rowCounts = new int[n];
    IntBuffer[] parts = new IntBuffer[count];
    for (int c = 0; c < count; c++) {
      int share = c;
      jobs[c] =
          () -> {
            parts[share] = new IntBuffer(1024);
            shares[share].appendRows(features, parts[share], rowCounts, firstLines[share]);
            shares[share] = null; // its tokens are no longer needed
          };
    }
    runAll(jobs, count);
    int[] offsets = new int[n + 1];
    for (int r = 0; r < n; r++) {
      offsets[r + 1] = offsets[r] + rowCounts[r];
    }
    int[] ids = new int[offsets[n]];
    for (int c = 0; c < count; c++) {
      System.arraycopy(parts[c].data, 0, ids, offsets[firstLines[c]], parts[c].size());
    }
    return new Fitted(features, new Rows(offsets, ids));
  }

  /**
   * Text features fitted on training texts, with the rows of those texts.
   *
   * @param features the vocabulary and n-gram settings
   * @param rows the rows of every training text, in order
   */
  public record Fitted(TextFeatures features, Rows rows) {}

  /**
   * The words counted at least {@code minCount} times, most frequent first, ties in string order
   * (the order of every earlier version, so that a seed still gives the same model): ids sorted by
   * count as primitive keys, then each run of equal counts sorted as strings. The run of words seen
   * once holds most of a large vocabulary (two-thirds of udhr_langid's 213,000 words), and sorting
   * it was half the time of building the vocabulary: it is sorted in two halves on two threads.
   */
  private static List<String> byFrequency(
      TokenTable all, IntBuffer counts, int minCount, int threads) {
    long[] keys = new long[all.size()];
    int n = 0;
    for (int id = 0; id < all.size(); id++) {
      int c = counts.get(id);
      if (c >= minCount) {
        keys[n++] = (long) (Integer.MAX_VALUE - c) << 32 | id; // count descending
      }
    }
    Arrays.sort(keys, 0, n);
    String[] vocab = new String[n];
    for (int i = 0; i < n; i++) {
      vocab[i] = all.word((int) keys[i]);
    }
    for (int from = 0; from < n; ) {
      int to = from + 1;
      while (to < n && keys[to] >>> 32 == keys[from] >>> 32) {
        to++;
      }
      sortStrings(vocab, from, to, threads);
      from = to;
    }
    return List.of(vocab);
  }

  /** Sorts {@code a[from..to)} in natural order, in two halves on two threads if it is large. */
  private static void sortStrings(String[] a, int from, int to, int threads) {
    if (threads < 2 || to - from < 20_000) {
      Arrays.sort(a, from, to);
      return;
    }
    int mid = (from + to) >>> 1;
    runAll(new Runnable[] {() -> Arrays.sort(a, from, mid), () -> Arrays.sort(a, mid, to)}, 2);
    String[] left = Arrays.copyOfRange(a, from, mid);
    int i = 0;
    int j = mid;
    int k = from;
    while (i < left.length && j < to) {
      a[k++] = a[j].compareTo(left[i]) < 0 ? a[j++] : left[i++];
    }
    while (i < left.length) {
      a[k++] = left[i++];
    }
  }

  /** The tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** The vocabulary, in row order. */
  public List<String> words() {
    return words;
  }

  /** Number of hash buckets. */
  public int buckets() {
    return buckets;
  }

  /** Shortest character n-gram (0 when there are none). */
  public int minn() {
    return minn;
  }

  /** Longest character n-gram (0 for none). */
  public int maxn() {
    return maxn;
  }

  /** Longest word n-gram (1 for words only). */
  public int wordNgrams() {
    return wordNgrams;
  }

  /** Rows of the embedding matrix: vocabulary plus buckets. */
  public int rows() {
    return words.size() + buckets;
  }

  /**
   * The embedding rows of one text, in order (repeats kept, so a word said twice counts twice).
   * Never empty: every line ends with the end-of-line token, which is in every vocabulary built by
   * {@link #fit}.
   */
  public int[] features(String text) {
    IntBuffer out = new IntBuffer(32);
    features(text, out);
    return out.toArray();
  }

  private void features(String text, IntBuffer out) {
    List<String> tokens = tokenizer.tokens(text);
    long[] hashes = new long[tokens.size() + 1];
    for (int t = 0; t <= tokens.size(); t++) {
      String token = t < tokens.size() ? tokens.get(t) : EOS;
      appendTokenRows(token, out);
      hashes[t] = fnv1a(token);
    }
    addWordNgrams(hashes, hashes.length, out);
  }

  /** The rows of one token: its word row and character n-grams, or only the n-grams if unknown. */
  int[] tokenRows(String token) {
    int id = index.find(token);
    if (id >= 0 && subwords != null) {
      return subwords[id]; // shared, not copied
    }
    IntBuffer out = new IntBuffer(8);
    appendTokenRows(token, out);
    return out.toArray();
  }

  private void appendTokenRows(String token, IntBuffer out) {
    int id = index.find(token);
    if (id >= 0 && subwords == null) {
      out.add(id);
    } else if (id >= 0) {
      out.addAll(subwords[id]);
    } else if (!token.equals(EOS)) {
      charNgrams(token, out);
    }
  }

  /** Adds the buckets of the word n-grams of the first {@code count} tokens, given their hashes. */
  void addWordNgrams(long[] hashes, int count, IntBuffer out) {
    if (buckets == 0) {
      return;
    }
    for (int i = 0; i < count; i++) {
      long h = hashes[i];
      for (int j = i + 1; j < count && j < i + wordNgrams; j++) {
        h = h * WORD_NGRAM_MULTIPLIER + hashes[j];
        out.add(bucket(h));
      }
    }
  }

  private static void runAll(Runnable[] jobs, int threads) {
    if (threads <= 1 || jobs.length <= 1) {
      for (Runnable j : jobs) {
        j.run();
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, jobs.length));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable j : jobs) {
        futures.add(pool.submit(j));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SoftclassException("interrupted while reading text", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void charNgrams(String word, IntBuffer out) {
    if (maxn == 0) {
      return;
    }
    int[] cps = ("<" + word + ">").codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      long h = FNV_OFFSET;
      for (int j = i, len = 1; j < cps.length && len <= maxn; j++, len++) {
        h = fnvStep(h, cps[j]);
        // Skip the lone boundary markers '<' and '>', as fastText does.
        if (len >= minn && !(len == 1 && (i == 0 || j == cps.length - 1))) {
          out.add(bucket(h));
        }
      }
    }
  }

  private int bucket(long hash) {
    return words.size() + (int) Long.remainderUnsigned(hash, buckets);
  }

  private static final long FNV_OFFSET = 2166136261L;

  /** 32-bit FNV-1a over code points (each code point folded in as one value). */
  private static long fnvStep(long h, int codePoint) {
    return ((h ^ codePoint) * 16777619L) & 0xFFFFFFFFL;
  }

  static long fnv1a(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      h = fnvStep(h, cp);
      i += Character.charCount(cp);
    }
    return h;
  }

  /**
   * The embedding rows of many texts, stored like a CSR matrix: text {@code r} has {@code
   * ids[offsets[r] .. offsets[r + 1])}.
   *
   * @param offsets {@code n + 1} offsets
   * @param ids all row indices
   */
  public record Rows(int[] offsets, int[] ids) {
    /** Number of texts. */
    public int size() {
      return offsets.length - 1;
    }
  }

  /** A growable int array (the hot path allocates one per text at most). */
  static final class IntBuffer {
    private int[] data;
    private int size;

    IntBuffer(int capacity) {
      data = new int[capacity];
    }

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    void addAll(int[] v) {
      if (size + v.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + v.length));
      }
      System.arraycopy(v, 0, data, size, v.length);
      size += v.length;
    }

    int get(int i) {
      return data[i];
    }

    /**
     * Adds {@code v} to value {@code i}; {@code i} may be the size, which appends a value (the
     * count of a token just given the next id).
     */
    void addAt(int i, int v) {
      if (i == size) {
        add(0);
      }
      data[i] += v;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
