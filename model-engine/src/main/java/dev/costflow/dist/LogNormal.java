package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/** Log-normal: ln D ~ N(mu, sigma²). Build it from p50/p99 or from mean/sd. */
public record LogNormal(double mu, double sigma, String describe) implements Distribution, Smooth {
  /** z of the 99th percentile of the standard normal. */
  public static final double Z99 = 2.3263478740408408;

  public LogNormal {
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite");
    }
    Checks.positive("sigma", sigma);
  }

  public static LogNormal ofPercentiles(double p50, double p99) {
    Checks.positive("p50", p50);
    Checks.positive("p99", p99);
    if (p99 <= p50) {
      throw new IllegalArgumentException("p99 (" + Checks.num(p99) + ") must be greater than p50 (" + Checks.num(p50) + ")");
    }
    return new LogNormal(
        Math.log(p50), Math.log(p99 / p50) / Z99, "lognormal(p50=" + Checks.num(p50) + ", p99=" + Checks.num(p99) + ")");
  }

  public static LogNormal ofMoments(double mean, double sd) {
    Checks.positive("mean", mean);
    Checks.positive("sd", sd);
    double s2 = Math.log1p((sd * sd) / (mean * mean));
    return new LogNormal(
        Math.log(mean) - s2 / 2, Math.sqrt(s2), "lognormal(mean=" + Checks.num(mean) + ", sd=" + Checks.num(sd) + ")");
  }

  @Override
  public double mean() {
    return Math.exp(mu + sigma * sigma / 2);
  }

  @Override
  public double survival(double x) {
    if (x <= 0) {
      return 1;
    }
    return SpecialFunctions.phiUpper((Math.log(x) - mu) / sigma);
  }

  @Override
  public double density(double x) {
    if (x <= 0) {
      return 0;
    }
    return SpecialFunctions.pdf((Math.log(x) - mu) / sigma) / (x * sigma);
  }

  /** E[D; D ≤ x] = mean · Φ(z − σ), written via the upper tail to keep precision near the top. */
  @Override
  public double partialExpectation(double x) {
    double z = (Math.log(x) - mu) / sigma;
    return mean() * (1 - SpecialFunctions.phiUpper(z - sigma));
  }

  @Override
  public double lowerBound(double eps) {
    return Math.exp(mu - zOf(eps) * sigma);
  }

  @Override
  public double upperBound(double eps) {
    return Math.exp(mu + zOf(eps) * sigma);
  }

  /** z with upper-tail probability eps (7.94 for 1e-15), clamped to what doubles resolve. */
  static double zOf(double eps) {
    return eps == CeilSums.EPS ? Z_EPS : -STD_NORMAL.inverseCumulativeProbability(Math.max(eps, 1e-300));
  }

  private static final org.apache.commons.math3.distribution.NormalDistribution STD_NORMAL =
      new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
  private static final double Z_EPS = -STD_NORMAL.inverseCumulativeProbability(CeilSums.EPS);

  @Override
  public double quantile(double p) {
    return Math.exp(mu + sigma * STD_NORMAL.inverseCumulativeProbability(p));
  }

  @Override
  public double sample(RandomGenerator rng) {
    return Math.exp(mu + sigma * rng.nextGaussian());
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    return CeilSums.expectedUnits(this, g, minUnits, maxUnits);
  }
}
