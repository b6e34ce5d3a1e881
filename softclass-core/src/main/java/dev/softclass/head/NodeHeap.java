package dev.softclass.head;

import java.util.Arrays;

/**
 * A binary max-heap of tree nodes keyed by log-probability, in two primitive arrays: the best-first
 * search of {@link HierarchicalSoftmaxHead#topK} pushes two nodes for every node it opens, and a
 * {@code PriorityQueue} of boxed entries spent more on allocation than on the node scores. Of two
 * equal keys the lower node number comes first, so the search's order does not depend on insertion
 * order. One per {@link HeadScratch}; cleared before each search.
 */
final class NodeHeap {
  private double[] keys = new double[64];
  private int[] nodes = new int[64];
  private int size;

  /** Empties the heap, keeping its arrays. */
  void clear() {
    size = 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The largest key; the heap must not be empty. */
  double topKey() {
    return keys[0];
  }

  /** The node of the largest key; the heap must not be empty. */
  int topNode() {
    return nodes[0];
  }

  /** Adds {@code node} with {@code key}. */
  void push(double key, int node) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, 2 * size);
      nodes = Arrays.copyOf(nodes, 2 * size);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(key, node, keys[parent], nodes[parent])) {
        break;
      }
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the entry of the largest key; the heap must not be empty. */
  void pop() {
    double key = keys[--size];
    int node = nodes[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size
          && before(keys[child + 1], nodes[child + 1], keys[child], nodes[child])) {
        child++;
      }
      if (!before(keys[child], nodes[child], key, node)) {
        break;
      }
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  private static boolean before(double keyA, int nodeA, double keyB, int nodeB) {
    return keyA > keyB || (keyA == keyB && nodeA < nodeB);
  }
}
