package dev.softclass.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * A tree reduction, like {@code treeAggregate}, whose result does not depend on which task finishes
 * first: every partial result carries its partition index, each level merges the results of
 * consecutive partitions in index order, and the driver merges the last level in index order.
 * Floating-point sums therefore come out bit-identical run after run for a given partitioning.
 */
final class OrderedTree {
  /** Up to this many partial results are merged on the driver directly. */
  static final int DRIVER_FAN_IN = 32;

  private OrderedTree() {}

  /**
   * Merges the one value each partition of {@code perPartition} holds.
   *
   * @param merge combines two partial results (may modify and return its first argument)
   */
  static <T extends Serializable> T reduce(JavaRDD<T> perPartition, Function2<T, T, T> merge) {
    int count = perPartition.getNumPartitions();
    JavaPairRDD<Integer, T> level =
        perPartition
            .mapPartitionsWithIndex(
                (index, values) -> {
                  List<Tuple2<Integer, T>> out = new ArrayList<>(1);
                  T acc = null;
                  while (values.hasNext()) {
                    T v = values.next();
                    acc = acc == null ? v : merge.call(acc, v);
                  }
                  if (acc != null) {
                    out.add(new Tuple2<>(index, acc));
                  }
                  return out.iterator();
                },
                true)
            .mapToPair(t -> t);
    while (count > DRIVER_FAN_IN) {
      int fan = (int) Math.ceil(Math.sqrt(count));
      int groups = (count + fan - 1) / fan;
      level =
          level
              .mapToPair(t -> new Tuple2<>(t._1() / fan, t))
              .groupByKey(groups)
              .mapToPair(group -> new Tuple2<>(group._1(), mergeInOrder(group._2(), merge)));
      count = groups;
    }
    List<Tuple2<Integer, T>> last = new ArrayList<>(level.collect());
    return mergeInOrder(last, merge);
  }

  private static <T> T mergeInOrder(Iterable<Tuple2<Integer, T>> parts, Function2<T, T, T> merge) {
    List<Tuple2<Integer, T>> sorted = new ArrayList<>();
    parts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    T acc = null;
    for (Tuple2<Integer, T> part : sorted) {
      acc = acc == null ? part._2() : call(merge, acc, part._2());
    }
    if (acc == null) {
      throw new IllegalStateException("no partition holds any data");
    }
    return acc;
  }

  private static <T> T call(Function2<T, T, T> merge, T a, T b) {
    try {
      return merge.call(a, b);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds {@code b} into {@code a} element by element and returns {@code a}. */
  static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
