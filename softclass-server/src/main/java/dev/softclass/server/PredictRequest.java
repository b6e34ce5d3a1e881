package dev.softclass.server;

import java.util.List;

/**
 * A parsed predict request.
 *
 * @param instances the instances, in request order, at least one
 * @param topK how many of the most probable classes to return per instance, or 0 for every class in
 *     class order
 * @param minProb for a text model, the least probability of a class listed in the top-k (0: none
 *     left out)
 */
record PredictRequest(List<Instance> instances, int topK, double minProb) {
  /** A request that leaves no class of the top-k out. */
  PredictRequest(List<Instance> instances, int topK) {
    this(instances, topK, 0);
  }
}
