package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/** Exponential with the given mean. Billed sums have a closed form (a geometric series). */
public record Exponential(double meanValue) implements Distribution {
  public Exponential {
    Checks.positive("mean", meanValue);
  }

  @Override
  public double mean() {
    return meanValue;
  }

  @Override
  public double survival(double x) {
    return x <= 0 ? 1 : Math.exp(-x / meanValue);
  }

  @Override
  public double quantile(double p) {
    return -meanValue * Math.log1p(-p);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return -meanValue * Math.log1p(-rng.nextDouble());
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    CeilSums.checkArgs(g, minUnits, maxUnits);
    // Σ_{k=m}^{c-1} r^k with r = exp(-g/mean); the k = 0 term is S(0) = 1 = r^0.
    double r = Math.exp(-g / meanValue);
    double oneMinusR = -Math.expm1(-g / meanValue);
    double head = Math.pow(r, minUnits);
    double tail = maxUnits == NO_CAP ? 0 : Math.pow(r, maxUnits);
    return minUnits + (head - tail) / oneMinusR;
  }

  @Override
  public String describe() {
    return "exponential(mean=" + Checks.num(meanValue) + ")";
  }
}
