package dev.costflow.sim;

import java.util.Arrays;

/**
 * A quantity over the runs: mean, 5th, 50th and 95th percentile (linear interpolation between
 * the order statistics, as R's type 7 and NumPy's default), standard deviation over the runs
 * (n − 1 in the denominator) and the smallest and largest value.
 */
public record Stats(double mean, double p5, double p50, double p95, double sd, double min, double max) {
  public static Stats of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    double mean = compensatedSum(v) / n;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    return new Stats(mean, quantile(v, 0.05), quantile(v, 0.50), quantile(v, 0.95), sd, v[0], v[n - 1]);
  }

  /** Half the width of the 95 % confidence interval of the mean (normal approximation). */
  public double meanHalfWidth95(int runs) {
    return runs > 1 ? 1.959963984540054 * sd / Math.sqrt(runs) : Double.POSITIVE_INFINITY;
  }

  static double quantile(double[] sorted, double p) {
    double pos = (sorted.length - 1) * p;
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  private static double compensatedSum(double[] a) {
    return dev.costflow.services.Arrays2.sum(a);
  }
}
