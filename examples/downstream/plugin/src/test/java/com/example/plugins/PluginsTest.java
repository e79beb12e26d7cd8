package com.example.plugins;

import io.ffnn.api.PluginRegistry;
import io.ffnn.api.check.PluginChecks;
import org.junit.jupiter.api.Test;

/** The conformance kit's default calls, as ffnn's docs/writing-plugins.md shows them. */
class PluginsTest {

  @Test
  void l2NormalizeConforms() {
    PluginChecks.checkActivation(new L2Normalize());
  }

  @Test
  void smoothedCrossEntropyConformsAloneAndAfterSoftmax() {
    PluginChecks.checkCost(new SmoothedCrossEntropy());
    PluginChecks.checkCost(new SmoothedCrossEntropy(),
        PluginRegistry.getDefault().activation("softmax"));
  }
}
