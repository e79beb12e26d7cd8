package io.ffnn.examples.cli;

import io.ffnn.api.PluginInfo;
import io.ffnn.api.PluginRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ffnn list}: every discovered activation and cost. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the activations and costs on the class path.")
class ListCommand implements Callable<Integer> {

  @CommandLine.ParentCommand
  Cli cli;

  @Override
  public Integer call() {
    PluginRegistry registry = PluginRegistry.getDefault();
    print("activations", registry.activations());
    cli.out.println();
    print("costs", registry.costs());
    cli.out.println();
    cli.out.println("backends (the first is the default):");
    for (io.ffnn.core.backend.Backend b : io.ffnn.core.backend.Backends.available()) {
      cli.out.println("  " + b.description());
    }
    for (String problem : io.ffnn.core.backend.Backends.problems()) {
      cli.err.println("warning: " + problem);
    }
    for (String problem : registry.problems()) {
      cli.err.println("warning: " + problem);
    }
    return 0;
  }

  /** ffnn's own plugin modules, by package: in the tool's jar they are all one jar. */
  private static final Map<String, String> MODULES = Map.of("io.ffnn.activations.",
      "nn-activations", "io.ffnn.costs.", "nn-costs", "io.ffnn.examples.", "nn-examples");

  private void print(String title, List<PluginInfo> plugins) {
    cli.out.println(title + ":");
    for (PluginInfo p : plugins) {
      cli.out.println(String.format(Locale.ROOT, "  %-26s %-50s %s", p.defaultSpec(),
          p.className(), source(p)));
    }
  }

  /** The module a plugin comes from and where it was loaded: {@code nn-costs (nn-examples.jar)}. */
  static String source(PluginInfo p) {
    String location = p.location().replaceFirst("^file:", "");
    for (Map.Entry<String, String> m : MODULES.entrySet()) {
      if (p.className().startsWith(m.getKey())) {
        String where = location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
        return m.getValue() + " (" + where + ")";
      }
    }
    return location;
  }
}
