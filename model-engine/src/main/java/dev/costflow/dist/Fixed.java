package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/** Always the same value. */
public record Fixed(double value) implements Distribution {
  public Fixed {
    Checks.nonNegative("value", value);
  }

  @Override
  public double mean() {
    return value;
  }

  @Override
  public double survival(double x) {
    return value > x ? 1 : 0;
  }

  @Override
  public double quantile(double p) {
    return value;
  }

  @Override
  public double sample(RandomGenerator rng) {
    return value;
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    return CeilSums.clamp(CeilSums.ceilUnits(value, g), minUnits, maxUnits);
  }

  @Override
  public String describe() {
    return Checks.num(value);
  }
}
