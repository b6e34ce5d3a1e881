package dev.softclass.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A synthetic multi-label text set in fastText format, drawn from a seeded RNG: six topics, each
 * with five trigger words; a line has one to three topics, two trigger words of each, and three to
 * eight filler words in random order, and about one in twelve lines also carries a trigger word of
 * a topic it does not have (noise). Its labels are its topics.
 */
final class MultiLabelTextFixture {
  static final String[] TOPICS = {"sports", "politics", "music", "tech", "food", "travel"};

  private static final String[][] TRIGGERS = {
    {"goal", "match", "coach", "league", "stadium"},
    {"vote", "senate", "election", "minister", "policy"},
    {"guitar", "album", "concert", "melody", "band"},
    {"software", "chip", "server", "laptop", "code"},
    {"recipe", "bread", "cheese", "dinner", "spice"},
    {"flight", "hotel", "beach", "passport", "museum"}
  };

  private static final String[] FILLER =
      ("the a of and to in is was it for on with as at by this that from or but not are be"
              + " have had one all we they you he she his her its our their")
          .split(" ");

  private MultiLabelTextFixture() {}

  /** {@code n} lines drawn from {@code seed}, each {@code __label__} tokens first, then text. */
  static List<String> lines(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int count = 1 + r.nextInt(3);
      List<Integer> topics = new ArrayList<>();
      while (topics.size() < count) {
        int t = r.nextInt(TOPICS.length);
        if (!topics.contains(t)) {
          topics.add(t);
        }
      }
      List<String> words = new ArrayList<>();
      for (int t : topics) {
        words.add(TRIGGERS[t][r.nextInt(5)]);
        words.add(TRIGGERS[t][r.nextInt(5)]);
      }
      if (r.nextInt(10) == 0) {
        int other = r.nextInt(TOPICS.length);
        if (!topics.contains(other)) {
          words.add(TRIGGERS[other][r.nextInt(5)]);
        }
      }
      for (int f = 3 + r.nextInt(6); f > 0; f--) {
        words.add(FILLER[r.nextInt(FILLER.length)]);
      }
      Collections.shuffle(words, r);
      StringBuilder line = new StringBuilder();
      for (int t : topics) {
        line.append("__label__").append(TOPICS[t]).append(' ');
      }
      out.add(line.append(String.join(" ", words)).toString());
    }
    return out;
  }
}
