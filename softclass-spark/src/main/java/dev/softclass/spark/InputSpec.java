package dev.softclass.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What the training rows hold, as the driver found it in the schema: read by every partition when
 * it turns its rows into a {@link RowBlock}.
 *
 * @param features the number of features every vector must have
 * @param knownClasses the number of classes the label column's metadata names, or -1 if unknown
 * @param labelNames for multi-label data, the label names (their order is the outputs' order); null
 *     for single-label data
 * @param weighted whether the rows carry a weight column
 * @param featuresCol the features column's name, for messages
 * @param labelCol the label (or labels) column's name, for messages
 */
record InputSpec(
    int features,
    int knownClasses,
    List<String> labelNames,
    boolean weighted,
    String featuresCol,
    String labelCol)
    implements Serializable {
  boolean multiLabel() {
    return labelNames != null;
  }
}
