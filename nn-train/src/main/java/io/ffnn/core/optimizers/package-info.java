/**
 * Update rules: {@code θ ← θ − η · step(g, state)} for SGD, momentum, Nesterov momentum, AdaGrad,
 * RMSProp, Adam, AdamW, Nadam and AMSGrad, with L2 regularisation and gradient clipping by value
 * and by global norm shared by all of them in {@link io.ffnn.core.optimizers.Optimizer}. {@link
 * io.ffnn.core.optimizers.Optimizers} creates them by name.
 */
package io.ffnn.core.optimizers;
