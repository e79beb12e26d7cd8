/**
 * Data for networks, examples as columns: {@link io.ffnn.core.data.Generated} makes seeded
 * synthetic sets (spirals, noisy sine).
 */
package io.ffnn.core.data;
