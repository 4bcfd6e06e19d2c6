package dev.costflow.dist;

/** A distribution with a density, for the Euler–Maclaurin evaluation in {@link CeilSums}. */
interface Smooth {
  double survival(double x);

  double density(double x);

  double mean();

  /** E[D; D ≤ x] for 0 &lt; x &lt; ∞. */
  double partialExpectation(double x);

  /** E[min(D, x)] = E[D; D ≤ x] + x·P(D &gt; x). */
  default double expectedMin(double x) {
    if (x <= 0) {
      return 0;
    }
    if (Double.isInfinite(x)) {
      return mean();
    }
    return partialExpectation(x) + x * survival(x);
  }

  /** ∫_a^b P(D &gt; t) dt = E[min(D, b)] − E[min(D, a)] for 0 ≤ a ≤ b ≤ ∞. */
  default double integratedSurvival(double a, double b) {
    return expectedMin(b) - expectedMin(a);
  }

  /** A point below which P(D ≤ x) &lt; eps. */
  double lowerBound(double eps);

  /** A point above which P(D &gt; x) &lt; eps. */
  double upperBound(double eps);

  /** How many terms at the start of the active range to sum directly (more where the density is singular). */
  default int directHead() {
    return 64;
  }
}
