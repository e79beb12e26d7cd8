/**
 * Training. {@link io.ffnn.core.training.TrainingConfig} says what a run does (epochs, batch size,
 * seed, shuffling, optimizer template, schedule, threads); {@link io.ffnn.core.training.Trainer}
 * runs it on one machine, with validation and listeners, and returns a {@link
 * io.ffnn.core.training.History} of every epoch's metrics. {@link
 * io.ffnn.core.training.TrainingRun} is the bookkeeping every trainer shares (a fresh optimizer
 * and schedule, the learning rate of each batch, the records, the listeners); {@link
 * io.ffnn.core.training.TrainingListener}s act on a run through its {@link
 * io.ffnn.core.training.TrainingContext}: {@link io.ffnn.core.training.EarlyStopping}, {@link
 * io.ffnn.core.training.Checkpoint#every checkpoints}, {@link io.ffnn.core.training.Progress}, and
 * the divergence guard every run starts with.
 */
package io.ffnn.core.training;
