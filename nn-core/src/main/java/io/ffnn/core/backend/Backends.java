package io.ffnn.core.backend;

import io.ffnn.api.PluginException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link Backend}s with {@link ServiceLoader}, once. The default is the one named by the
 * system property {@code ffnn.backend}, else the highest-priority backend that loaded: a native
 * backend when its module is on the class path, {@code ejml} otherwise. A backend that fails to
 * load is reported by {@link #problems()} and skipped.
 */
public final class Backends {

  /** The system property that chooses the default backend by name. */
  public static final String PROPERTY = "ffnn.backend";

  private static final class Holder {
    static final List<Backend> AVAILABLE = new ArrayList<>();
    static final List<String> PROBLEMS = new ArrayList<>();

    static {
      Iterator<Backend> it = ServiceLoader.load(Backend.class, loader()).iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          AVAILABLE.add(it.next());
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
          PROBLEMS.add("backend failed to load: " + e.getMessage()
              + (e.getCause() == null ? "" : " <- " + e.getCause()));
        }
      }
      if (AVAILABLE.stream().noneMatch(b -> b.name().equals("ejml"))) {
        AVAILABLE.add(new EjmlBackend());
      }
      AVAILABLE.sort(Comparator.comparingInt(Backend::priority).reversed()
          .thenComparing(Backend::name));
    }

    private static ClassLoader loader() {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : Backends.class.getClassLoader();
    }
  }

  private Backends() {}

  /**
   * The backends that loaded, highest priority first.
   *
   * @return an immutable list; it always holds {@code ejml}
   */
  public static List<Backend> available() {
    return List.copyOf(Holder.AVAILABLE);
  }

  /**
   * What went wrong while loading backends.
   *
   * @return messages naming the failing providers
   */
  public static List<String> problems() {
    return List.copyOf(Holder.PROBLEMS);
  }

  /**
   * A backend by name.
   *
   * @param name e.g. {@code "ejml"} or {@code "openblas"}
   * @return the backend
   * @throws PluginException if no backend has that name, listing those that loaded
   */
  public static Backend byName(String name) {
    for (Backend b : Holder.AVAILABLE) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new PluginException("unknown backend '" + name + "'; available: "
        + Holder.AVAILABLE.stream().map(Backend::name).collect(Collectors.joining(", "))
        + (Holder.PROBLEMS.isEmpty() ? "" : " (" + String.join("; ", Holder.PROBLEMS) + ")"));
  }

  /**
   * The default backend: {@code -Dffnn.backend=NAME} if set, else the highest priority.
   *
   * @return the backend
   * @throws PluginException if the property names a backend that did not load
   */
  public static Backend getDefault() {
    String chosen = System.getProperty(PROPERTY);
    return chosen == null || chosen.isBlank() ? Holder.AVAILABLE.get(0) : byName(chosen.trim());
  }
}
