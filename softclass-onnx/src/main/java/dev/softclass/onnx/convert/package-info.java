/** The converters of each preprocessing, body, head and calibrator kind Softclass can export. */
package dev.softclass.onnx.convert;
