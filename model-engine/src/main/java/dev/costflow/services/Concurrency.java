package dev.costflow.services;

import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Concurrency of a function within an hour. With Poisson arrivals the number of invocations in
 * flight is Poisson with mean λ·E[D] (the M/G/∞ queue, any duration distribution), so the share of
 * invocations that find one of {@code c} provisioned environments free is E[min(N, c)] / E[N].
 */
public final class Concurrency {
  private Concurrency() {}

  /** Share of invocations served by {@code c} provisioned environments at mean concurrency {@code mean}. */
  public static double servedFraction(double mean, int c) {
    if (mean <= 0) {
      return 1;
    }
    if (c <= 0) {
      return 0;
    }
    return expectedMin(mean, c) / mean;
  }

  /** E[min(N, c)] for N ~ Poisson(mean) = Σ_{k=0}^{c-1} P(N &gt; k). */
  static double expectedMin(double mean, int c) {
    if (mean > 1e6) {
      // normal approximation far above any configured count
      double sd = Math.sqrt(mean);
      double z = (c - mean) / sd;
      double phi = dev.costflow.dist.SpecialFunctions.pdf(z);
      double cdf = dev.costflow.dist.SpecialFunctions.phi(z);
      // E[min(N,c)] = mean − E[(N − c)+]; E[(N−c)+] ≈ sd·φ(z) − (c − mean)(1 − Φ(z))
      return mean - (sd * phi - (c - mean) * (1 - cdf));
    }
    PoissonDistribution p = new PoissonDistribution(null, mean, PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS);
    double s = 0;
    for (int k = 0; k < c; k++) {
      double tail = 1 - p.cumulativeProbability(k);
      if (tail < 1e-16) {
        break;
      }
      s += tail;
    }
    return s;
  }

  /**
   * E[ceil(N / c)] for N ~ Poisson(mean): the mean number of instances busy when each serves up
   * to c requests at once and requests are packed onto as few instances as possible. Equal to
   * Σ_{k≥0} P(N &gt; k·c); for c = 1 it is the mean.
   */
  public static double expectedBusyInstances(double mean, int c) {
    if (mean <= 0) {
      return 0;
    }
    if (c <= 1) {
      return mean;
    }
    if (mean > 1e5) {
      // ceil(N/c) ≈ N/c + (c − 1)/(2c): the fractional part of N/c is nearly uniform.
      return mean / c + (c - 1) / (2.0 * c);
    }
    // Σ_n P(N = n) · ceil(n / c), the pmf walked out from the mode in both directions.
    long mode = (long) Math.floor(mean);
    double logPmfMode = mode * Math.log(mean) - mean - org.apache.commons.math3.special.Gamma.logGamma(mode + 1.0);
    double pmfMode = Math.exp(logPmfMode);
    double sum = pmfMode * Math.ceil(mode / (double) c);
    double pmf = pmfMode;
    for (long n = mode + 1; ; n++) {
      pmf *= mean / n;
      if (pmf < 1e-18 * pmfMode && n > mean) {
        break;
      }
      sum += pmf * Math.ceil(n / (double) c);
    }
    pmf = pmfMode;
    for (long n = mode; n > 0; n--) {
      pmf *= n / mean;
      if (pmf < 1e-18 * pmfMode) {
        break;
      }
      sum += pmf * Math.ceil((n - 1) / (double) c);
    }
    return sum;
  }
}
