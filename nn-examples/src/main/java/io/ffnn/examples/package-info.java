/**
 * Example programs: {@link io.ffnn.examples.XorExample} (2-4-1, sigmoid output, {@code bce}),
 * {@link io.ffnn.examples.SpiralExample} (3-class spiral, softmax output, {@code cce}), {@link
 * io.ffnn.examples.CustomPluginExample} (quantile regression with two plugins that only this
 * module registers, {@link io.ffnn.examples.BentIdentity} and {@link io.ffnn.examples.Quantile})
 * and {@link io.ffnn.examples.TrainingExample} (the full trainer). The command-line tool that
 * runs them is in {@code io.ffnn.examples.cli}.
 */
package io.ffnn.examples;
