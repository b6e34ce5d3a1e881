/**
 * The HTTP prediction server: {@link dev.softclass.server.SoftclassServer} serves model files under
 * names with JSON endpoints, Prometheus metrics, request limits, hot reload of replaced model
 * files, graceful shutdown and a page at {@code /} to try the models by hand.
 *
 * <p>Configure it with {@link dev.softclass.server.ServerSettings} and {@link
 * dev.softclass.server.Limits}; everything else in the package is internal.
 */
package dev.softclass.server;
