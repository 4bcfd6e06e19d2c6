package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/** Uniform between min and max. */
public record Uniform(double min, double max) implements Distribution {
  public Uniform {
    Checks.nonNegative("min", min);
    Checks.nonNegative("max", max);
    if (max < min) {
      throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
    }
  }

  @Override
  public double mean() {
    return (min + max) / 2;
  }

  @Override
  public double survival(double x) {
    if (x < min) {
      return 1;
    }
    if (x >= max) {
      return 0;
    }
    return (max - x) / (max - min);
  }

  @Override
  public double quantile(double p) {
    return min + p * (max - min);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return min + rng.nextDouble() * (max - min);
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    CeilSums.checkArgs(g, minUnits, maxUnits);
    if (max == min) {
      return new Fixed(min).expectedUnits(g, minUnits, maxUnits);
    }
    return minUnits + CeilSums.sumPiecewiseLinear(new double[] {min, max}, new double[] {1, 0}, g, minUnits, maxUnits);
  }

  @Override
  public String describe() {
    return "uniform(" + Checks.num(min) + ".." + Checks.num(max) + ")";
  }
}
