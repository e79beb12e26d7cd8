/**
 * Trained models and their files: a {@link io.ffnn.core.model.Model} is a network with what
 * prediction needs besides its weights (the input and target scalers, the data's {@link
 * io.ffnn.core.model.DataNames}, a table's column encoding); {@link
 * io.ffnn.core.model.ModelFile} saves one atomically, with checksums and a format version, and
 * loads one with every check before anything is built, failing with a {@link
 * io.ffnn.core.model.ModelFormatException} that names the file and the problem.
 */
package io.ffnn.core.model;
