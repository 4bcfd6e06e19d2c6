package dev.costflow.services;

/** Small helpers for the hourly arrays. */
public final class Arrays2 {
  private Arrays2() {}

  /**
   * Compensated (Neumaier) sum: the total of an hourly array is, to the last bit, what the hours
   * add up to, so a period's calls come out as the round number the model gave.
   */
  public static double sum(double[] a) {
    double s = 0;
    double c = 0;
    for (double v : a) {
      double t = s + v;
      if (Math.abs(s) >= Math.abs(v)) {
        c += (s - t) + v;
      } else {
        c += (v - t) + s;
      }
      s = t;
    }
    return s + c;
  }

  public static double max(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  public static double[] scale(double[] a, double k) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * k;
    }
    return out;
  }

  public static double[] times(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * b[i];
    }
    return out;
  }

  public static void addInto(double[] acc, double[] a) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += a[i];
    }
  }

  public static void addInto(double[] acc, double[] a, double k) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += a[i] * k;
    }
  }

  public static double[] filled(int n, double v) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, v);
    return out;
  }
}
