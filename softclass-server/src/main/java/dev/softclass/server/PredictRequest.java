package dev.softclass.server;

import java.util.List;

/**
 * A parsed predict request.
 *
 * @param instances the instances, in request order, at least one
 * @param topK how many of the most probable classes to return per instance, or 0 for every class in
 *     class order
 */
record PredictRequest(List<Instance> instances, int topK) {}
