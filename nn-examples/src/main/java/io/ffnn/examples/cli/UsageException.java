package io.ffnn.examples.cli;

/**
 * A usage error found while a command runs rather than while picocli parses it (options that
 * exclude each other, an option a data source needs): reported like picocli's own, with exit
 * status 2.
 */
final class UsageException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the command line, naming the options
   */
  UsageException(String message) {
    super(message);
  }
}
