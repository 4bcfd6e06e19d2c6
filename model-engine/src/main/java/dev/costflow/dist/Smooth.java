package dev.costflow.dist;

/** A distribution with a density, for the Euler–Maclaurin evaluation in {@link CeilSums}. */
interface Smooth {
  double survival(double x);

  double density(double x);

  /** ∫_a^b P(D &gt; t) dt for 0 ≤ a ≤ b ≤ ∞ (b may be {@code Double.POSITIVE_INFINITY}). */
  double integratedSurvival(double a, double b);

  /** A point below which P(D ≤ x) &lt; eps. */
  double lowerBound(double eps);

  /** A point above which P(D &gt; x) &lt; eps. */
  double upperBound(double eps);

  /** How many terms at the start of the active range to sum directly (more where the density is singular). */
  default int directHead() {
    return 64;
  }
}
