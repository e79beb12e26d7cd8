package io.ffnn.costs;

/**
 * {@code multilabel_bce}: the sum over the {@code n} outputs of binary cross-entropies, averaged
 * over examples, {@code J = −(1/m) Σ_i Σ_p [y log ŷ + (1 − y) log(1 − ŷ)]}, for {@code n}
 * independent yes/no labels per example; seed {@code −(1/m) [y/ŷ − (1 − y)/(1 − ŷ)]}; fused with
 * {@code sigmoid}: {@code dZ = (A − Y) / m}.
 */
public final class MultilabelBinaryCrossEntropy extends AbstractBinaryCrossEntropy {

  /** The ServiceLoader constructor. */
  public MultilabelBinaryCrossEntropy() {}

  @Override
  public String name() {
    return "multilabel_bce";
  }
}
