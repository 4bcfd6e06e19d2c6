package dev.costflow.sim;

import java.util.List;

/**
 * Bands of a cost curve over the runs: for each step (hour or day) of the period the 5th, 50th
 * and 95th percentile and the mean of the runs' cost in that step. For display (charts): doubles.
 */
public record CurveBands(double[] p5, double[] p50, double[] p95, double[] mean) {
  static CurveBands of(List<double[]> perRun) {
    int steps = perRun.get(0).length;
    double[] p5 = new double[steps];
    double[] p50 = new double[steps];
    double[] p95 = new double[steps];
    double[] mean = new double[steps];
    double[] column = new double[perRun.size()];
    for (int t = 0; t < steps; t++) {
      double s = 0;
      for (int r = 0; r < column.length; r++) {
        column[r] = perRun.get(r)[t];
        s += column[r];
      }
      java.util.Arrays.sort(column);
      p5[t] = Stats.quantile(column, 0.05);
      p50[t] = Stats.quantile(column, 0.50);
      p95[t] = Stats.quantile(column, 0.95);
      mean[t] = s / column.length;
    }
    return new CurveBands(p5, p50, p95, mean);
  }

  /** Hours summed into days (24 hours each, from the period's start). */
  static double[] daily(double[] hourly) {
    double[] d = new double[(hourly.length + 23) / 24];
    for (int h = 0; h < hourly.length; h++) {
      d[h / 24] += hourly[h];
    }
    return d;
  }

  public int steps() {
    return p50.length;
  }
}
