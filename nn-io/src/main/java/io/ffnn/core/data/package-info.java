/**
 * Data for networks, examples as columns: {@link io.ffnn.core.data.Dataset} (inputs, targets,
 * the data's names and, for a table, its column encoding), read from CSV files ({@link
 * io.ffnn.core.data.Csv} with a {@link io.ffnn.core.data.CsvFormat}; string columns and missing
 * values encoded by a {@link io.ffnn.core.data.ColumnEncoding}) and from IDX files ({@link
 * io.ffnn.core.data.Idx}, the MNIST format), or made by {@link io.ffnn.core.data.Generated}
 * (seeded synthetic sets: spirals, moons, blobs, a noisy sine …); {@link
 * io.ffnn.core.data.Scaler} standardises or rescales inputs and targets. A file that cannot be
 * read as data fails with a {@link io.ffnn.core.data.DataFormatException} naming the file and
 * the line.
 */
package io.ffnn.core.data;
