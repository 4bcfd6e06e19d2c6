package dev.costflow.dist;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A piecewise-linear CDF through given percentiles, e.g. {p50: 120, p90: 400, p99: 900, max: 3000}:
 * values are spread uniformly between neighbouring percentiles. Below the lowest given percentile
 * the CDF runs linearly from {@code min} (default 0). Billed sums are exact (arithmetic series).
 */
public final class Percentiles implements Distribution {
  private final double[] xs;
  private final double[] cdf;
  private final String describe;

  /**
   * @param probabilities increasing cumulative probabilities in (0, 1], the last must be 1 (max)
   * @param values the values at those probabilities, non-decreasing
   * @param min the value at probability 0
   */
  public Percentiles(double min, double[] probabilities, double[] values, String describe) {
    if (probabilities.length != values.length || probabilities.length == 0) {
      throw new IllegalArgumentException("percentiles need values");
    }
    Checks.nonNegative("min", min);
    List<Double> x = new ArrayList<>();
    List<Double> c = new ArrayList<>();
    x.add(min);
    c.add(0.0);
    double prevP = 0;
    double prevV = min;
    for (int i = 0; i < values.length; i++) {
      double p = probabilities[i];
      double v = values[i];
      Checks.nonNegative("percentile value", v);
      if (!(p > prevP) || p > 1) {
        throw new IllegalArgumentException("percentiles must increase");
      }
      if (v < prevV) {
        throw new IllegalArgumentException(
            "percentile values must not decrease: " + Checks.num(v) + " comes after " + Checks.num(prevV));
      }
      x.add(v);
      c.add(p);
      prevP = p;
      prevV = v;
    }
    if (prevP != 1.0) {
      throw new IllegalArgumentException("percentiles need a max (p100)");
    }
    this.xs = x.stream().mapToDouble(Double::doubleValue).toArray();
    this.cdf = c.stream().mapToDouble(Double::doubleValue).toArray();
    this.describe = describe;
  }

  @Override
  public double mean() {
    double m = 0;
    for (int i = 0; i + 1 < xs.length; i++) {
      m += (cdf[i + 1] - cdf[i]) * (xs[i] + xs[i + 1]) / 2;
    }
    return m;
  }

  @Override
  public double survival(double x) {
    if (x < xs[0]) {
      return 1;
    }
    for (int i = 0; i + 1 < xs.length; i++) {
      if (x < xs[i + 1]) {
        double f = cdf[i] + (cdf[i + 1] - cdf[i]) * (x - xs[i]) / (xs[i + 1] - xs[i]);
        return 1 - f;
      }
    }
    return 0;
  }

  @Override
  public double quantile(double p) {
    for (int i = 0; i + 1 < xs.length; i++) {
      if (p <= cdf[i + 1]) {
        double span = cdf[i + 1] - cdf[i];
        return span == 0 ? xs[i + 1] : xs[i] + (xs[i + 1] - xs[i]) * (p - cdf[i]) / span;
      }
    }
    return xs[xs.length - 1];
  }

  @Override
  public double sample(RandomGenerator rng) {
    return quantile(rng.nextDouble());
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    CeilSums.checkArgs(g, minUnits, maxUnits);
    // Point masses appear where two knots share a value; split them off as fixed parts.
    double sum = minUnits;
    double[] ss = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ss[i] = 1 - cdf[i];
    }
    // Survival is piecewise linear between knots except at zero-width segments (jumps), which
    // the arithmetic-series sum handles by skipping them: S drops at the repeated x.
    sum += CeilSums.sumPiecewiseLinear(xs, ss, g, minUnits, maxUnits);
    return sum;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Percentiles p && java.util.Arrays.equals(xs, p.xs) && java.util.Arrays.equals(cdf, p.cdf);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(xs) + java.util.Arrays.hashCode(cdf);
  }

  @Override
  public String toString() {
    return describe;
  }
}
