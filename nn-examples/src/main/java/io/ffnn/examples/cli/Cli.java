package io.ffnn.examples.cli;

import io.ffnn.api.PluginException;
import io.ffnn.core.data.DataFormatException;
import io.ffnn.core.model.ModelFormatException;
import io.ffnn.core.training.TrainingDivergedException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ffnn} command-line tool, the main class of {@code nn-examples.jar}: {@code demo}
 * (also what runs without arguments), {@code list}, {@code train}, {@code eval}, {@code predict},
 * {@code gradcheck}, {@code example} and {@code bench}. Errors are one line on stderr starting with {@code
 * error:}; exit status 2 for usage errors and 1 for the rest, a failed write of standard output
 * included; a stack trace only with {@code --verbose}.
 */
@Command(name = "ffnn", mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Train, evaluate and inspect feedforward neural networks.",
    subcommands = {DemoCommand.class, ListCommand.class, TrainCommand.class, EvalCommand.class,
        PredictCommand.class, GradcheckCommand.class, ExampleCommand.class,
        BenchCommand.class, ExportCommand.class, ImportCommand.class})
public final class Cli implements Runnable {

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  /** The tool's version, from the model-file metadata. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ffnn " + io.ffnn.core.model.ModelFile.ffnnVersion()};
    }
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where the commands print; set by {@link #run(String[], PrintStream, PrintStream)}. */
  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public void run() {
    // only global options, no command: show what there is
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the tool.
   *
   * @param args the arguments; none runs {@code demo}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the tool in-process.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status: 0, 1 (failure) or 2 (usage)
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String[] effective = args.length == 0 ? new String[] {"demo"} : args;
    boolean verbose = Arrays.asList(effective).contains("--verbose");
    Cli cli = new Cli();
    cli.out = out;
    cli.err = err;
    CommandLine cmd = new CommandLine(cli);
    cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cmd.setParameterExceptionHandler((e, a) -> {
      err.println("error: " + oneLine(e.getMessage()) + " (see ffnn "
          + e.getCommandLine().getCommandName() + " --help)");
      if (verbose) {
        e.printStackTrace(err);
      }
      return 2;
    });
    cmd.setExecutionExceptionHandler((e, c, parsed) -> {
      // a run beyond the memory budget is refused before it starts, as the options chose it
      boolean usage = e instanceof UsageException
          || e instanceof io.ffnn.core.training.MemoryBudgetException;
      err.println("error: " + (usage ? oneLine(e.getMessage()) + " (see ffnn "
          + c.getCommandName() + " --help)" : message(e)));
      if (verbose) {
        e.printStackTrace(err);
      }
      return usage ? 2 : 1;
    });
    int status = cmd.execute(effective);
    out.flush();
    if (out.checkError()) {
      // PrintStream swallows write errors: a full disk or a closed pipe would otherwise pass
      // for a complete output with status 0
      err.println("error: could not write standard output (a full disk or a closed pipe?); "
          + "what was written is incomplete");
      status = status == 0 ? 1 : status;
    }
    err.flush();
    return status;
  }

  /**
   * Puts a metric into a {@code --json} line: a number, or {@code null} when it is not finite (an
   * R² of constant targets is NaN), since JSON has no NaN and a string there would be mistaken
   * for a value.
   */
  static void putMetric(com.fasterxml.jackson.databind.node.ObjectNode node, String key,
      double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /** Parses a precision option: a usage error naming the option when it is neither. */
  static io.ffnn.core.Precision precision(CommandLine.Model.CommandSpec spec, String option, String value) {
    try {
      return io.ffnn.core.Precision.parse(value);
    } catch (IllegalArgumentException e) {
      if (spec == null) {
        throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
      }
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
          + e.getMessage());
    }
  }

  /**
   * Parses an option's value now: a value the library refuses is a usage error (status 2) that
   * names the option.
   *
   * @param spec the command
   * @param option the option's name
   * @param parse parses or resolves the value; its {@link IllegalArgumentException} is the
   *     refusal
   */
  static void option(CommandLine.Model.CommandSpec spec, String option,
      java.util.function.Supplier<?> parse) {
    try {
      parse.get();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + ": "
          + e.getMessage());
    }
  }

  /**
   * Resolves a network's plugin options now, each a usage error naming its option: {@code
   * --activation}, and {@code --output} and {@code --cost} where given (null: the task's default).
   */
  static void pluginSpecs(CommandLine.Model.CommandSpec spec, String activation, String output,
      String cost) {
    io.ffnn.api.PluginRegistry plugins = io.ffnn.api.PluginRegistry.getDefault();
    option(spec, "--activation", () -> plugins.activation(activation));
    if (output != null) {
      option(spec, "--output", () -> plugins.activation(output));
    }
    if (cost != null) {
      option(spec, "--cost", () -> plugins.cost(cost));
    }
  }

  /** One line for an error: our own messages as they are, the JDK's explained. */
  static String message(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof DataFormatException || e instanceof ModelFormatException
        || e instanceof PluginException || e instanceof TrainingDivergedException
        || e instanceof IllegalArgumentException || e instanceof java.io.IOException
        || e instanceof IllegalStateException) {
      return oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return oneLine(e.toString());
  }

  /** The longest error line printed; longer ones keep their start and end. */
  static final int MAX_LINE = 1_000;

  private static String oneLine(String s) {
    String line = printable(s).replace('\n', ' ').replace('\r', ' ');
    if (line.length() <= MAX_LINE) {
      return line;
    }
    // a 120 KB argument is not echoed whole: its start and end say which it was
    int keep = MAX_LINE / 2 - 40;
    return line.substring(0, keep) + " … (" + (line.length() - 2 * keep) + " characters left "
        + "out) … " + line.substring(line.length() - keep);
  }

  /**
   * A text from a data or model file as the tool may print it: control characters other than
   * tab and line breaks (an escape sequence would drive the terminal) replaced by U+FFFD.
   */
  static String printable(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r'
          || c >= 0x7f && c <= 0x9f;
      if (control && sb == null) {
        sb = new StringBuilder(s.substring(0, i));
      }
      if (sb != null) {
        sb.append(control ? '\uFFFD' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
