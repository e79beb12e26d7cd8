/**
 * What model files, checkpoints, data readers and the ONNX files share without it being API: the
 * checksummed archive, atomic writes, the JSON helpers and the number syntax of text files. The
 * module exports this package to ffnn's training and ONNX modules alone, no exported signature
 * refers to it, and it depends on no other ffnn package.
 */
package io.ffnn.core.internal.files;
