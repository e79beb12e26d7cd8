package io.ffnn.core.optimizers;

import io.ffnn.api.PluginException;
import io.ffnn.api.PluginSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creates optimizers by name, from specs such as {@code adam(lr=0.001, beta1=0.9)} (the syntax of
 * plugin specs), or with the factory methods. Every call returns a new optimizer with fresh state.
 *
 * <table>
 *   <caption>Optimizers and their parameters (defaults)</caption>
 *   <tr><th>name</th><th>parameters</th></tr>
 *   <tr><td>{@code sgd}</td><td>{@code lr=0.01}</td></tr>
 *   <tr><td>{@code momentum}, {@code nesterov}</td><td>{@code lr=0.01, momentum=0.9}</td></tr>
 *   <tr><td>{@code adagrad}</td><td>{@code lr=0.01, eps=1e-10}</td></tr>
 *   <tr><td>{@code rmsprop}</td><td>{@code lr=0.001, rho=0.9, eps=1e-8}</td></tr>
 *   <tr><td>{@code adam}, {@code nadam}, {@code amsgrad}</td>
 *       <td>{@code lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8}</td></tr>
 *   <tr><td>{@code adamw}</td><td>the same and {@code weight_decay=0.01}</td></tr>
 *   <tr><td>{@code nadam}</td><td>also {@code momentum_decay=0} (PyTorch's schedule when
 *       {@code > 0}, e.g. its default 0.004; see {@link Adam})</td></tr>
 * </table>
 *
 * Every spec also takes {@code l2}, {@code clip_norm} and {@code clip_value} (see {@link
 * Optimizer}).
 */
public final class Optimizers {

  private static final Set<String> NAMES = Set.of("sgd", "momentum", "nesterov", "adagrad",
      "rmsprop", "adam", "adamw", "nadam", "amsgrad");

  private Optimizers() {}

  /**
   * Plain SGD.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer sgd(double lr) {
    return new Sgd(lr);
  }

  /**
   * SGD with classical momentum.
   *
   * @param lr the learning rate
   * @param momentum {@code μ}
   * @return a new optimizer
   */
  public static Optimizer momentum(double lr, double momentum) {
    return new Momentum(lr, momentum, false);
  }

  /**
   * SGD with Nesterov momentum.
   *
   * @param lr the learning rate
   * @param momentum {@code μ}
   * @return a new optimizer
   */
  public static Optimizer nesterov(double lr, double momentum) {
    return new Momentum(lr, momentum, true);
  }

  /**
   * AdaGrad with {@code ε = 1e-10}.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer adagrad(double lr) {
    return new AdaGrad(lr, 1e-10);
  }

  /**
   * RMSProp with {@code ρ = 0.9}, {@code ε = 1e-8}.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer rmsprop(double lr) {
    return new RmsProp(lr, 0.9, 1e-8);
  }

  /**
   * Adam with {@code β₁ = 0.9}, {@code β₂ = 0.999}, {@code ε = 1e-8}.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer adam(double lr) {
    return new Adam(Adam.Variant.ADAM, lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * AdamW with Adam's defaults.
   *
   * @param lr the learning rate
   * @param weightDecay the decoupled weight decay {@code λ}
   * @return a new optimizer
   */
  public static Optimizer adamw(double lr, double weightDecay) {
    return new Adam(Adam.Variant.ADAMW, lr, 0.9, 0.999, 1e-8, weightDecay);
  }

  /**
   * Nadam with Adam's defaults.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer nadam(double lr) {
    return new Adam(Adam.Variant.NADAM, lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * AMSGrad with Adam's defaults.
   *
   * @param lr the learning rate
   * @return a new optimizer
   */
  public static Optimizer amsgrad(double lr) {
    return new Adam(Adam.Variant.AMSGRAD, lr, 0.9, 0.999, 1e-8, 0);
  }

  /**
   * An optimizer from a spec.
   *
   * @param text e.g. {@code adam}, {@code sgd(lr=0.1)}, {@code momentum(lr=0.05, momentum=0.8,
   *     l2=1e-4)}
   * @return a new optimizer
   * @throws PluginException if the spec is malformed, the name unknown, a parameter unknown or a
   *     value out of range; the message quotes the spec
   */
  public static Optimizer fromSpec(String text) {
    PluginSpec spec = PluginSpec.parse(text);
    String name = spec.name();
    if (!NAMES.contains(name)) {
      throw new PluginException("unknown optimizer '" + name + "' in spec '" + text
          + "'; available: adagrad, adam, adamw, amsgrad, momentum, nadam, nesterov, rmsprop, "
          + "sgd");
    }
    Map<String, Double> p = new LinkedHashMap<>(defaults(name));
    p.put("l2", 0.0);
    p.put("clip_norm", Double.POSITIVE_INFINITY);
    p.put("clip_value", Double.POSITIVE_INFINITY);
    for (Map.Entry<String, Double> e : spec.parameters().entrySet()) {
      if (!p.containsKey(e.getKey())) {
        throw new PluginException("optimizer spec '" + text + "': " + name
            + " has no parameter '" + e.getKey() + "'; it takes " + String.join(", ",
                p.keySet()));
      }
      p.put(e.getKey(), e.getValue());
    }
    try {
      Optimizer o = create(name, p);
      if (p.get("l2") > 0) {
        o.l2(p.get("l2"));
      }
      if (p.get("clip_norm") < Double.POSITIVE_INFINITY) {
        o.clipNorm(p.get("clip_norm"));
      }
      if (p.get("clip_value") < Double.POSITIVE_INFINITY) {
        o.clipValue(p.get("clip_value"));
      }
      return o;
    } catch (IllegalArgumentException e) {
      throw new PluginException("optimizer spec '" + text + "': " + e.getMessage(), e);
    }
  }

  private static Map<String, Double> defaults(String name) {
    Map<String, Double> d = new LinkedHashMap<>();
    switch (name) {
      case "sgd":
        d.put("lr", 0.01);
        break;
      case "momentum":
      case "nesterov":
        d.put("lr", 0.01);
        d.put("momentum", 0.9);
        break;
      case "adagrad":
        d.put("lr", 0.01);
        d.put("eps", 1e-10);
        break;
      case "rmsprop":
        d.put("lr", 0.001);
        d.put("rho", 0.9);
        d.put("eps", 1e-8);
        break;
      default:
        d.put("lr", 0.001);
        d.put("beta1", 0.9);
        d.put("beta2", 0.999);
        d.put("eps", 1e-8);
        if (name.equals("adamw")) {
          d.put("weight_decay", 0.01);
        }
        if (name.equals("nadam")) {
          d.put("momentum_decay", 0.0);
        }
    }
    return d;
  }

  private static Optimizer create(String name, Map<String, Double> p) {
    double lr = p.get("lr");
    switch (name) {
      case "sgd":
        return new Sgd(lr);
      case "momentum":
        return new Momentum(lr, p.get("momentum"), false);
      case "nesterov":
        return new Momentum(lr, p.get("momentum"), true);
      case "adagrad":
        return new AdaGrad(lr, p.get("eps"));
      case "rmsprop":
        return new RmsProp(lr, p.get("rho"), p.get("eps"));
      default:
        Adam.Variant variant = Adam.Variant.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        return new Adam(variant, lr, p.get("beta1"), p.get("beta2"), p.get("eps"),
            p.getOrDefault("weight_decay", 0.0), p.getOrDefault("momentum_decay", 0.0));
    }
  }
}
