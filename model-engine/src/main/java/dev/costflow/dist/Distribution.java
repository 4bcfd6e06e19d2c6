package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A non-negative per-call quantity (a duration in ms, a payload in KB, a count). Every
 * implementation computes the billed expectation of a rounded quantity exactly from its CDF:
 * {@link #expectedUnits(double, long, long)} is E[clamp(ceil(D / g), min, max)], the mean number
 * of billed increments of size g with a minimum and a cap — never by sampling, never by rounding
 * the mean.
 */
public sealed interface Distribution
    permits Fixed, Uniform, Normal, LogNormal, Exponential, Gamma, Percentiles, Samples, Mixture {

  /** No cap on the number of billed increments. */
  long NO_CAP = Long.MAX_VALUE;

  double mean();

  /** P(D > x). */
  double survival(double x);

  /** The p-quantile, 0 &lt; p &lt; 1. */
  double quantile(double p);

  /** One draw. */
  double sample(RandomGenerator rng);

  /**
   * E[clamp(ceil(D / g), minUnits, maxUnits)]: the expected number of billed increments of size
   * {@code g} when at least {@code minUnits} and at most {@code maxUnits} are billed. Uses the
   * identity E[clamp(ceil(D/g), m, c)] = m + Σ_{k=m}^{c-1} P(D &gt; k·g).
   */
  double expectedUnits(double g, long minUnits, long maxUnits);

  /** E[ceil(D / g) · g]: the expected quantity after rounding each call up to a multiple of g. */
  default double expectedCeil(double g) {
    return g * expectedUnits(g, 0, NO_CAP);
  }

  /** A short description for reports, e.g. {@code lognormal(p50=120, p99=900)}. */
  String describe();

  static Distribution fixed(double value) {
    return new Fixed(value);
  }
}
