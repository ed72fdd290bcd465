/** ONNX Runtime sessions, tokenization with DJL and sequence-classification reward models. */
package dev.arbiter.model.principle.onnx;
