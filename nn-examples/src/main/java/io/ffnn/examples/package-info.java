/**
 * Example programs: {@link io.ffnn.examples.XorExample} (2-4-1, sigmoid output, {@code bce}) and
 * {@link io.ffnn.examples.SpiralExample} (3-class spiral, softmax output, {@code cce}) and {@link
 * io.ffnn.examples.CustomPluginExample} (quantile regression with two plugins that only this
 * module registers, {@link io.ffnn.examples.BentIdentity} and {@link io.ffnn.examples.Quantile}),
 * started from {@link io.ffnn.examples.Examples}, the main class of {@code nn-examples.jar}.
 */
package io.ffnn.examples;
