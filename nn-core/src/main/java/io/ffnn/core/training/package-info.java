/**
 * Training: {@link io.ffnn.core.training.Trainer} runs epochs of mini-batch steps with an
 * optimizer, validation, {@link io.ffnn.core.training.LearningRateSchedule schedules}, {@link
 * io.ffnn.core.training.EarlyStopping early stopping}, {@link
 * io.ffnn.core.training.TrainingListener listeners} such as {@link
 * io.ffnn.core.training.Progress}, and a divergence guard; it returns a {@link
 * io.ffnn.core.training.History} of every epoch's metrics.
 */
package io.ffnn.core.training;
