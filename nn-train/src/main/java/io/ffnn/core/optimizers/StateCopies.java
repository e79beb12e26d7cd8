package io.ffnn.core.optimizers;

import io.ffnn.core.ParameterLayout;
import io.ffnn.core.ParameterLayout.Parameter;
import java.util.ArrayList;
import java.util.List;

/** Copying an optimizer's state arrays out for a checkpoint and back, shapes checked. */
final class StateCopies {

  private StateCopies() {}

  /** Deep copies of the state arrays, one {@code double[][]} per kind of state. */
  static List<double[][]> copy(List<double[][]> kinds) {
    List<double[][]> copy = new ArrayList<>();
    for (double[][] kind : kinds) {
      double[][] c = new double[kind.length][];
      for (int p = 0; p < kind.length; p++) {
        c[p] = kind[p].clone();
      }
      copy.add(c);
    }
    return copy;
  }

  /**
   * Copies a saved state's arrays into a rule's own, after checking that they have its kinds
   * of state and the layout's parameters and sizes.
   *
   * @param name the rule's name, for messages
   * @param mine the rule's state arrays. Modified.
   * @param state the saved state
   * @param layout the network's parameters
   */
  static void restore(String name, List<double[][]> mine, Optimizer.State state,
      ParameterLayout layout) {
    if (mine.size() != state.arrays().size()) {
      throw new IllegalArgumentException(name + " keeps " + mine.size()
          + " kinds of state but the saved state has " + state.arrays().size());
    }
    for (int k = 0; k < mine.size(); k++) {
      double[][] target = mine.get(k);
      double[][] source = state.arrays().get(k);
      if (target.length != source.length) {
        throw new IllegalArgumentException(name + " state " + k + " covers " + source.length
            + " parameters, the network has " + target.length);
      }
      for (Parameter p : layout.parameters()) {
        int i = p.index();
        if (target[i].length != source[i].length) {
          throw new IllegalArgumentException(name + " state " + k + ", parameter " + p.name()
              + ": " + source[i].length + " entries, expected " + target[i].length);
        }
        System.arraycopy(source[i], 0, target[i], 0, target[i].length);
      }
    }
  }
}
