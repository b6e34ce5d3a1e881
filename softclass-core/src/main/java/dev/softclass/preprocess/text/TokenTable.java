package dev.softclass.preprocess.text;

import java.util.Arrays;

/**
 * Ids for distinct tokens, looked up by a range of characters of a line (open addressing, linear
 * probing), so that counting the tokens of a corpus allocates a string only for a token seen for
 * the first time, not for every occurrence. Adding is for one thread; once filled, {@link #find}
 * may be called from any number of threads.
 */
final class TokenTable {
  private int[] slots; // id + 1, or 0 for an empty slot
  private int[] hashes;
  private String[] words;
  private int size;

  /** An empty table. */
  TokenTable() {
    this(1 << 11);
  }

  /** An empty table with room for {@code expected} tokens before it grows. */
  TokenTable(int expected) {
    int capacity = Math.min(Math.max(1 << 11, expected), 1 << 29);
    slots = new int[Integer.highestOneBit(2 * capacity - 1) << 1]; // load at most 1/2
    hashes = new int[capacity];
    words = new String[capacity];
  }

  /** Number of distinct tokens. */
  int size() {
    return size;
  }

  /** The token with id {@code id}. */
  String word(int id) {
    return words[id];
  }

  /** The id of {@code s}, added if new. */
  int id(String s) {
    // String.hashCode is the same polynomial over the characters, and cached in the string.
    return id(s, 0, s.length(), mix(s.hashCode()));
  }

  /** The id of {@code s.substring(start, end)}, added if new (ids count up from 0). */
  int id(String s, int start, int end) {
    return id(s, start, end, hash(s, start, end));
  }

  /** The id of {@code s}, or -1 if it is not in the table. Safe to call from several threads. */
  int find(String s) {
    return slots[slot(s, 0, s.length(), mix(s.hashCode()))] - 1;
  }

  private int id(String s, int start, int end, int hash) {
    int slot = slot(s, start, end, hash);
    int id = slots[slot] - 1;
    return id >= 0 ? id : add(s.substring(start, end), hash, slot);
  }

  /** The slot holding the token {@code s[start..end)}, or the empty slot where it would go. */
  private int slot(String s, int start, int end, int hash) {
    int mask = slots.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int id = slots[slot] - 1;
      if (id < 0 || (hashes[id] == hash && matches(words[id], s, start, end))) {
        return slot;
      }
    }
  }

  private static boolean matches(String word, String s, int start, int end) {
    return word.length() == end - start && word.regionMatches(0, s, start, end - start);
  }

  private int add(String word, int hash, int slot) {
    if (size == words.length) {
      words = Arrays.copyOf(words, 2 * size);
      hashes = Arrays.copyOf(hashes, 2 * size);
    }
    words[size] = word;
    hashes[size] = hash;
    slots[slot] = ++size;
    if (2 * size > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    slots = new int[2 * slots.length];
    int mask = slots.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id + 1;
    }
  }

  /** {@link String#hashCode} of the range, {@link #mix mixed}. */
  private static int hash(String s, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }

  /** Folds the high bits down, so that the low bits pick slots well. */
  private static int mix(int h) {
    return h ^ (h >>> 16) ^ (h >>> 7);
  }
}
