/**
 * Metrics of predictions {@code Ŷ} against targets {@code Y} (examples as columns): accuracy,
 * top-k accuracy, the confusion matrix and per-class precision/recall/F1 for classification;
 * MSE, MAE and {@code R²} for regression; per-label accuracy and Hamming loss for multi-label
 * problems. {@link io.ffnn.core.metrics.Task} tells which apply from the cost.
 */
package io.ffnn.core.metrics;
