package dev.costflow.sim;

/**
 * The Erlang loss formula B(c, A): the share of calls that find all c servers busy when calls
 * arrive as a Poisson stream with offered load A (arrival rate × mean holding time) and a call
 * that finds no free server is turned away. It holds for any holding-time distribution
 * (insensitivity), and for several streams sharing the c servers each stream loses the same share.
 */
final class ErlangB {
  private ErlangB() {}

  /** B(c, a), with 1/B = Σ_{j=0}^{c} Π_{i&lt;j} (c − i)/a summed from j = 0 until its terms vanish. */
  static double blocking(long c, double a) {
    if (!(a > 0)) {
      return 0;
    }
    if (c <= 0) {
      return 1;
    }
    if (logPoissonTailAtLeast(c, a) < -50) {
      return 0; // B(c, a) ≤ P(N ≥ c) for N ~ Poisson(a): below e⁻⁵⁰
    }
    double sum = 1;
    double term = 1;
    for (long j = 1; j <= c; j++) {
      term *= (c - j + 1) / a;
      sum += term;
      if (term < 1e-18 * sum && (c - j) < a) {
        break;
      }
      if (sum > 1e300) {
        return 0;
      }
    }
    return 1 / sum;
  }

  /** ln P(N ≥ c) for N ~ Poisson(a), bounded above by the Chernoff bound when c &gt; a. */
  static double logPoissonTailAtLeast(long c, double a) {
    if (c <= a) {
      return 0;
    }
    return c * Math.log(a / c) + c - a;
  }
}
