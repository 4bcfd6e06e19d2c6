package dev.costflow.dist;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The empirical distribution of observed values (e.g. billed durations from REPORT log lines):
 * every value equally likely. Billed sums are exact: the average of the clamped rounded values.
 */
public final class Samples implements Distribution {
  private final double[] sorted;
  private final String source;
  private final double mean;

  public Samples(double[] values, String source) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples in " + source);
    }
    this.sorted = values.clone();
    for (double v : sorted) {
      Checks.nonNegative("sample", v);
    }
    Arrays.sort(sorted);
    double s = 0;
    for (double v : sorted) {
      s += v;
    }
    this.mean = s / sorted.length;
    this.source = source;
  }

  public int size() {
    return sorted.length;
  }

  /** The values in ascending order (a copy). */
  public double[] values() {
    return sorted.clone();
  }

  @Override
  public double mean() {
    return mean;
  }

  @Override
  public double survival(double x) {
    // number of values > x
    int idx = Arrays.binarySearch(sorted, x);
    int le;
    if (idx >= 0) {
      while (idx + 1 < sorted.length && sorted[idx + 1] == x) {
        idx++;
      }
      le = idx + 1;
    } else {
      le = -idx - 1;
    }
    return (sorted.length - le) / (double) sorted.length;
  }

  @Override
  public double quantile(double p) {
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
    return sorted[i];
  }

  @Override
  public double sample(RandomGenerator rng) {
    return sorted[rng.nextInt(sorted.length)];
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    CeilSums.checkArgs(g, minUnits, maxUnits);
    double s = 0;
    for (double v : sorted) {
      s += CeilSums.clamp(CeilSums.ceilUnits(v, g), minUnits, maxUnits);
    }
    return s / sorted.length;
  }

  @Override
  public String describe() {
    return "samples(" + source + ", n=" + sorted.length + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Samples s && Arrays.equals(sorted, s.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return describe();
  }
}
