package io.ffnn.examples;

/**
 * The entry point of {@code nn-examples.jar}: runs the XOR, spiral and custom-plugin examples, or
 * the one named as the first argument ({@code xor}, {@code spirals}, {@code custom} or {@code
 * training}, the full trainer).
 */
public final class Examples {

  private Examples() {}

  /**
   * Runs the examples.
   *
   * @param args optionally {@code xor}, {@code spirals}, {@code custom} or {@code training}
   */
  public static void main(String[] args) {
    String which = args.length == 0 ? "all" : args[0];
    switch (which) {
      case "all":
        XorExample.run(System.out);
        System.out.println();
        SpiralExample.run(System.out);
        System.out.println();
        CustomPluginExample.run(System.out);
        break;
      case "xor":
        XorExample.run(System.out);
        break;
      case "spirals":
        SpiralExample.run(System.out);
        break;
      case "custom":
        CustomPluginExample.run(System.out);
        break;
      case "training":
        TrainingExample.run(System.out);
        break;
      default:
        System.err.println("error: unknown example '" + which + "'; choose xor, spirals, custom or training");
        System.exit(2);
    }
  }
}
