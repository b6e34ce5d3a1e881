/**
 * ONNX export: {@link dev.softclass.onnx.OnnxExporter} turns a model into an ONNX graph, one small
 * converter per kind of preprocessing, body, head and calibrator. The ONNX classes ({@code
 * dev.softclass.onnx.proto.Onnx}) are generated at build time from the vendored ONNX schema.
 */
package dev.softclass.onnx;
