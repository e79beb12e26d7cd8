package io.ffnn.api;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The catalogue of activations and costs, found with {@link ServiceLoader} once and immutable
 * afterwards. Plugins are looked up by spec: {@code registry.activation("leaky_relu(alpha=0.2)")}.
 *
 * <p>It fails loudly and helpfully: an unknown name lists the names that are available; a name
 * registered by two classes is an error naming both, raised when that name is looked up; a
 * provider that fails to load is reported by class name in {@link #problems()} and in lookup
 * errors, and does not hide the other plugins.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PluginRegistry {

  private static final String ACTIVATION = "activation";
  private static final String COST = "cost";

  private final Catalog<Activation> activations;
  private final Catalog<Cost> costs;

  private PluginRegistry(Catalog<Activation> activations, Catalog<Cost> costs) {
    this.activations = activations;
    this.costs = costs;
  }

  /**
   * The registry of everything on the class path, discovered on first use with the thread's
   * context class loader (or this class's loader where there is none) and shared afterwards.
   *
   * @return the default registry
   */
  public static PluginRegistry getDefault() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * Discovers the plugins visible to a class loader. Each call discovers anew.
   *
   * @param loader where to look for {@code META-INF/services/io.ffnn.api.Activation} and {@code
   *     META-INF/services/io.ffnn.api.Cost}
   * @return a new registry
   */
  public static PluginRegistry discover(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    Catalog<Activation> a = new Catalog<>(ACTIVATION);
    Catalog<Cost> c = new Catalog<>(COST);
    a.load(ServiceLoader.load(Activation.class, loader));
    c.load(ServiceLoader.load(Cost.class, loader));
    return new PluginRegistry(a, c);
  }

  /**
   * A registry of the given instances only, without discovery: for tests, and for applications
   * that assemble their plugins by hand. The same duplicate-name rules apply.
   *
   * @param activations the activations, each with its default parameters
   * @param costs the costs, each with its default parameters
   * @return a new registry
   */
  public static PluginRegistry of(
      Collection<? extends Activation> activations, Collection<? extends Cost> costs) {
    Catalog<Activation> a = new Catalog<>(ACTIVATION);
    Catalog<Cost> c = new Catalog<>(COST);
    activations.forEach(a::add);
    costs.forEach(c::add);
    return new PluginRegistry(a, c);
  }

  /**
   * Looks up an activation by spec.
   *
   * @param spec e.g. {@code relu} or {@code leaky_relu(alpha=0.2)}
   * @return the configured activation
   * @throws PluginException if the spec is malformed, the name unknown or ambiguous, a parameter
   *     unknown, or a value rejected by the plugin
   */
  public Activation activation(String spec) {
    return (Activation) activations.lookup(spec);
  }

  /**
   * Looks up a cost by spec.
   *
   * @param spec e.g. {@code cce} or {@code huber(delta=2)}
   * @return the configured cost
   * @throws PluginException if the spec is malformed, the name unknown or ambiguous, a parameter
   *     unknown, or a value rejected by the plugin
   */
  public Cost cost(String spec) {
    return (Cost) costs.lookup(spec);
  }

  /**
   * The activations available, sorted by name; ambiguous names are left out (see {@link
   * #problems()}).
   *
   * @return an immutable list
   */
  public List<PluginInfo> activations() {
    return activations.infos();
  }

  /**
   * The costs available, sorted by name; ambiguous names are left out (see {@link #problems()}).
   *
   * @return an immutable list
   */
  public List<PluginInfo> costs() {
    return costs.infos();
  }

  /**
   * What went wrong during discovery: providers that failed to load (by class name), names
   * registered twice (with both classes), invalid names.
   *
   * @return an immutable list of messages; empty when all is well
   */
  public List<String> problems() {
    List<String> all = new ArrayList<>(activations.problems());
    all.addAll(costs.problems());
    return List.copyOf(all);
  }

  private static final class DefaultHolder {
    static final PluginRegistry INSTANCE = discover(defaultLoader());

    private static ClassLoader defaultLoader() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : PluginRegistry.class.getClassLoader();
    }
  }

  /** The plugins of one kind. Filled once while the registry is made, then only read. */
  private static final class Catalog<T extends Plugin> {
    private final String kind;
    private final Map<String, T> byName = new TreeMap<>();
    private final Map<String, List<String>> ambiguous = new TreeMap<>();
    private final List<String> loadProblems = new ArrayList<>();

    Catalog(String kind) {
      this.kind = kind;
    }

    void load(ServiceLoader<T> loader) {
      Iterator<T> it = loader.iterator();
      while (true) {
        T plugin;
        try {
          if (!it.hasNext()) {
            break;
          }
          plugin = it.next();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          // the iterator moves past a broken provider, so the others stay usable
          loadProblems.add(kind + " provider failed to load: " + describe(e));
          continue;
        }
        add(plugin);
      }
    }

    void add(T plugin) {
      String className = plugin.getClass().getName();
      String name;
      Map<String, Double> defaults;
      try {
        name = plugin.name();
        defaults = plugin.parameters();
        PluginSpec.of(name, defaults);
      } catch (RuntimeException e) {
        loadProblems.add(kind + " provider " + className + " is not usable: " + describe(e));
        return;
      }
      if (ambiguous.containsKey(name)) {
        ambiguous.get(name).add(describeClass(plugin.getClass()));
        return;
      }
      T previous = byName.remove(name);
      if (previous != null) {
        List<String> classes = new ArrayList<>();
        classes.add(describeClass(previous.getClass()));
        classes.add(describeClass(plugin.getClass()));
        ambiguous.put(name, classes);
        return;
      }
      byName.put(name, plugin);
    }

    Plugin lookup(String text) {
      PluginSpec spec = PluginSpec.parse(text);
      T prototype = byName.get(spec.name());
      if (prototype == null) {
        if (ambiguous.containsKey(spec.name())) {
          throw new PluginException(duplicateMessage(spec.name()));
        }
        StringBuilder msg = new StringBuilder("unknown ").append(kind).append(" '")
            .append(spec.name()).append("'");
        if (!text.trim().equals(spec.name())) {
          msg.append(" in spec '").append(text).append("'");
        }
        msg.append("; available ").append(kind).append("s: ")
            .append(byName.isEmpty() ? "none" : String.join(", ", byName.keySet()));
        List<String> problems = problems();
        if (!problems.isEmpty()) {
          msg.append(" (").append(problems.size()).append(" problem(s) during discovery: ")
              .append(String.join("; ", problems)).append(')');
        }
        throw new PluginException(msg.toString());
      }
      if (spec.parameters().isEmpty()) {
        return prototype;
      }
      Map<String, Double> defaults = prototype.parameters();
      Map<String, Double> merged = new LinkedHashMap<>(defaults);
      for (Map.Entry<String, Double> e : spec.parameters().entrySet()) {
        if (!defaults.containsKey(e.getKey())) {
          throw new PluginException(
              "plugin spec '" + text + "': " + kind + " '" + spec.name() + "' has no parameter '"
                  + e.getKey() + "'; " + takes(spec.name(), defaults));
        }
        merged.put(e.getKey(), e.getValue());
      }
      try {
        Plugin configured = prototype.withParameters(PluginSpec.frozen(merged));
        if (configured == null || !prototype.getClass().isInstance(configured)) {
          throw new IllegalStateException(
              prototype.getClass().getName() + ".withParameters returned " + configured);
        }
        return configured;
      } catch (RuntimeException e) {
        throw new PluginException(
            "plugin spec '" + text + "': " + kind + " '" + spec.name() + "' rejected it: "
                + e.getMessage(), e);
      }
    }

    List<String> problems() {
      List<String> all = new ArrayList<>(loadProblems);
      ambiguous.keySet().forEach(name -> all.add(duplicateMessage(name)));
      return all;
    }

    List<PluginInfo> infos() {
      List<PluginInfo> out = new ArrayList<>();
      for (T p : byName.values()) {
        out.add(new PluginInfo(kind, p.name(), PluginSpec.frozen(p.parameters()),
            p.getClass().getName(), location(p.getClass())));
      }
      return List.copyOf(out);
    }

    private String duplicateMessage(String name) {
      return kind + " name '" + name + "' is registered by more than one class: "
          + String.join(" and ", ambiguous.get(name))
          + "; remove all but one from the class path";
    }

    private static String takes(String name, Map<String, Double> defaults) {
      if (defaults.isEmpty()) {
        return name + " takes no parameters";
      }
      List<String> parts = new ArrayList<>();
      defaults.forEach((k, v) -> parts.add(k + " (default " + v + ")"));
      return name + " takes " + String.join(", ", parts);
    }

    private static String describe(Throwable e) {
      StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        sb.append(" <- ").append(c.getClass().getName()).append(": ").append(c.getMessage());
      }
      return sb.toString();
    }

    private static String describeClass(Class<?> type) {
      return type.getName() + " (" + location(type) + ")";
    }
  }

  static String location(Class<?> type) {
    try {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      URL url = source == null ? null : source.getLocation();
      return url == null ? "unknown" : url.toString();
    } catch (SecurityException e) {
      return "unknown";
    }
  }
}
