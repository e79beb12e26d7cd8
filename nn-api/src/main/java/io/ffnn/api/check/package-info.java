/**
 * Finite-difference checks of a single plugin, usable from any test framework: {@link
 * io.ffnn.api.check.PluginChecks} compares an activation's Jacobian and backward map with finite
 * differences of its forward map, and a cost's seed with finite differences of its value.
 */
package io.ffnn.api.check;
