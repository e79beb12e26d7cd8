/**
 * The {@code ffnn} command-line tool ({@link io.ffnn.examples.cli.Cli}), built with picocli: {@code
 * demo}, {@code list}, {@code train}, {@code eval}, {@code predict}, {@code gradcheck} and {@code
 * example}, with plots drawn by XChart.
 */
package io.ffnn.examples.cli;
