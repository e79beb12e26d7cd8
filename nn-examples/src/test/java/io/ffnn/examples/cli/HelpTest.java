package io.ffnn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The tool explains itself: every option of every command has a description that picocli can
 * format, and every option that takes a value and has a default shows it in its description.
 */
class HelpTest {

  @Test
  void everyOptionHasADescriptionAndShowsItsDefault() {
    CommandLine cli = new CommandLine(new Cli());
    List<String> problems = new ArrayList<>();
    List<CommandSpec> commands = new ArrayList<>();
    commands.add(cli.getCommandSpec());
    cli.getSubcommands().values().forEach(c -> commands.add(c.getCommandSpec()));
    int options = 0;
    for (CommandSpec command : commands) {
      for (OptionSpec option : command.options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        options++;
        String where = command.qualifiedName() + " " + option.longestName();
        String text = String.join(" ", option.description()).trim();
        if (text.isEmpty()) {
          problems.add(where + ": no description");
          continue;
        }
        try {
          // picocli formats a description with String.format: a lone '%' garbles it
          String.format(text.replace("${DEFAULT-VALUE}", "d"));
        } catch (java.util.IllegalFormatException e) {
          problems.add(where + ": not a format string (a '%' not written '%%'): " + e);
        }
        String defaultValue = option.defaultValue();
        boolean flag = option.arity().max() == 0 || option.type() == boolean.class;
        if (defaultValue != null && !flag && !text.contains("${DEFAULT-VALUE}")
            && !text.contains("default")) {
          problems.add(where + ": default '" + defaultValue + "' not shown");
        }
      }
    }
    assertTrue(options > 60, options + " options");
    assertEquals(List.of(), problems);
  }
}
