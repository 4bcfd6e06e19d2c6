package dev.costflow.sim;

import org.apache.commons.math3.special.Gamma;

/**
 * A function's warm pool at high traffic, where following every call would cost too much and
 * the pool's behaviour is governed by the extremes of the number of invocations in flight.
 *
 * <p>With Poisson arrivals at rate λ and mean occupancy d, the number in flight B is Poisson with
 * mean a = λd at any time (M/G/∞, any duration distribution), and B steps up from j to j+1 at
 * rate u_j = λ·P(B = j) (arrivals see time averages). With environments reused most recently
 * used first and reclaimed after K idle seconds, the pool holds the maximum of B over the last K
 * seconds, so an invocation starts cold exactly when it lifts B above every level B reached in
 * the last K seconds. Visits above a high level come in short clusters (about 1 + a/(j+1)
 * step-ups each, the birth–death estimate); clusters at level j arrive at rate ν_j = u_j / (1 +
 * a/(j+1)), roughly as a Poisson process, so a cluster starts cold when the previous one is more
 * than K ago: cold starts per second ≈ Σ_j ν_j·e^{−ν_j K}. At level 0 this is the idle term
 * λ·e^{−λK} of a rarely used function. The same clusters give the maximum of B over an hour,
 * P(max ≤ j) ≈ P(B ≤ j)·e^{−3600 ν_j}, and the pool's typical size, the median of the K-window
 * maximum. The error of these approximations is measured against the call-by-call simulation in
 * the tests and documented in docs/simulation.md.
 */
final class PoolFormulas {
  private PoolFormulas() {}

  /** Expected cold starts per second at levels ≥ base (base = provisioned environments). */
  static double coldPerSecond(double lambda, double a, long base, double keepS) {
    if (!(lambda > 0) || !(a > 0)) {
      return lambda > 0 && base == 0 ? lambda * Math.exp(-lambda * keepS) : 0;
    }
    long start = Math.max(base, (long) Math.floor(a - 12 * Math.sqrt(a) - 10));
    double pi = Math.exp(logPmf(start, a));
    double sum = 0;
    for (long j = start; j < start + 10_000_000L; j++) {
      double nu = lambda * pi / (1 + a / (j + 1));
      sum += nu * Math.exp(-nu * keepS);
      if (j > a && nu * 3600 < 1e-9) {
        break;
      }
      pi *= a / (j + 1);
    }
    return sum;
  }

  /** The median of the maximum of B over a window of w seconds (at least base). */
  static long medianMax(double lambda, double a, long base, double windowS) {
    return quantileOfMax(lambda, a, base, windowS, 0.5);
  }

  /** The u-quantile of the maximum of B over a window of w seconds, at least {@code from}. */
  static long quantileOfMax(double lambda, double a, long from, double windowS, double u) {
    if (!(a > 0)) {
      return from;
    }
    long j = Math.max(from, (long) Math.max(0, Math.floor(a - 1)));
    double cdf = poissonCdf(j, a); // P(B ≤ j)
    double pi = Math.exp(logPmf(j, a));
    for (int guard = 0; guard < 10_000_000; guard++) {
      double nu = lambda * pi / (1 + a / (j + 1));
      if (cdf * Math.exp(-nu * windowS) >= u) {
        return j;
      }
      pi *= a / (j + 1);
      j++;
      cdf += pi;
      if (cdf >= 1 && pi == 0) {
        return j;
      }
    }
    return j;
  }

  /**
   * P(N ≤ j) for N ~ Poisson(a): for moderate means the pmf summed from 12 standard deviations
   * below the mean (the mass below is under 10⁻³⁰), else the regularized gamma function.
   */
  static double poissonCdf(long j, double a) {
    if (j < 0) {
      return 0;
    }
    if (a > 2000) {
      return Gamma.regularizedGammaQ(j + 1.0, a);
    }
    long start = Math.max(0, (long) Math.floor(a - 12 * Math.sqrt(a) - 10));
    if (j < start) {
      return Gamma.regularizedGammaQ(j + 1.0, a);
    }
    double pmf = Math.exp(logPmf(start, a));
    double cdf = pmf;
    for (long k = start + 1; k <= j; k++) {
      pmf *= a / k;
      cdf += pmf;
    }
    return Math.min(1, cdf);
  }

  static double logPmf(long j, double a) {
    return j * Math.log(a) - a - Samplers.logFactorial(j);
  }
}
