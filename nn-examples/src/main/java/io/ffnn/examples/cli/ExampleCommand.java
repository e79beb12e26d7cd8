package io.ffnn.examples.cli;

import io.ffnn.examples.CustomPluginExample;
import io.ffnn.examples.SpiralExample;
import io.ffnn.examples.TrainingExample;
import io.ffnn.examples.XorExample;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ffnn example NAME}: runs one of the example programs. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Run an example program.")
class ExampleCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @Parameters(index = "0", paramLabel = "NAME", defaultValue = "all",
      description = "xor, spirals, multilabel, sine, custom, training, mnist or all "
          + "(default: xor, spirals and custom).")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
      description = "For mnist: the directory with the four IDX files.")
  java.nio.file.Path dir;

  @picocli.CommandLine.Option(names = "--save", defaultValue = "mnist.ffnn", paramLabel = "FILE",
      description = "For mnist: where to save the model (default: ${DEFAULT-VALUE}, in the "
          + "working directory).")
  java.nio.file.Path save;

  @picocli.CommandLine.Option(names = "--epochs", defaultValue = "5",
      description = "For mnist: the epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Override
  public Integer call() throws java.io.IOException {
    switch (name) {
      case "xor":
        XorExample.run(cli.out);
        return 0;
      case "spirals":
        SpiralExample.run(cli.out);
        return 0;
      case "custom":
        CustomPluginExample.run(cli.out);
        return 0;
      case "training":
        TrainingExample.run(cli.out);
        return 0;
      case "multilabel":
        io.ffnn.examples.MultiLabelExample.run(cli.out);
        return 0;
      case "sine":
        io.ffnn.examples.SineExample.run(cli.out);
        return 0;
      case "mnist":
        if (dir == null) {
          throw new CommandLine.ParameterException(new CommandLine(this),
              "example mnist needs the directory of the four IDX files");
        }
        Outputs.requireWritableFile(new CommandLine(this), "--save", save);
        io.ffnn.examples.MnistExample.run(dir, epochs, save, cli.out);
        return 0;
      case "all":
        XorExample.run(cli.out);
        cli.out.println();
        SpiralExample.run(cli.out);
        cli.out.println();
        CustomPluginExample.run(cli.out);
        return 0;
      default:
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown example '"
            + name + "'; choose xor, spirals, multilabel, sine, custom, training, mnist or all");
    }
  }
}
