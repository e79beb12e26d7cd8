/**
 * The service-provider interface of ffnn: {@link io.ffnn.api.Activation} ({@code A = g(Z)}, column
 * by column, with its full Jacobian {@code Jac[p][j] = ∂a[p]/∂z[j]}) and {@link io.ffnn.api.Cost}
 * ({@code J = f(Ŷ, Y)} and the seed {@code ∂J/∂Ŷ}), the {@link io.ffnn.api.PluginRegistry} that
 * finds them with {@link java.util.ServiceLoader}, and {@link io.ffnn.api.PluginSpec}, the
 * {@code name(key=value)} strings that identify configured plugins.
 *
 * <p>A plugin author needs only this module to write and verify a plugin: see {@link
 * io.ffnn.api.check.PluginChecks}.
 */
package io.ffnn.api;
