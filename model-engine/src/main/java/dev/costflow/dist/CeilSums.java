package dev.costflow.dist;

/**
 * Sums Σ_{k=m}^{c-1} P(D &gt; k·g), the heart of every billed expectation.
 *
 * <p>For distributions with a density the sum is split at the eps-quantiles: below the lower one
 * every term is 1; in the active range the terms are added one by one when there are few of them,
 * and otherwise by the Euler–Maclaurin formula with the first correction term, whose remainder is
 * of order (g/scale)^4 of the terms — when there are thousands of increments across the active
 * range, far below 1e-9 of the sum (checked against brute-force summation in the tests); above
 * the upper eps-quantile the tail is added by the same formula.
 */
public final class CeilSums {
  /** Tail mass treated as zero. */
  static final double EPS = 1e-15;

  /** Active ranges with at most this many increments are summed term by term. */
  static final long DIRECT_MAX = 2048;

  private CeilSums() {}

  /**
   * ceil(x / g), forgiving floating-point noise: a ratio within 1e-12 (relative) of an integer
   * counts as that integer, so 0.3 KB in 0.1 KB steps is 3 steps, not 4.
   */
  public static long ceilUnits(double x, double g) {
    double r = x / g;
    double n = Math.rint(r);
    if (Math.abs(r - n) <= 1e-12 * Math.max(1.0, Math.abs(r))) {
      return (long) n;
    }
    return (long) Math.ceil(r);
  }

  static double clamp(long units, long min, long max) {
    return (double) Math.min(max, Math.max(min, units));
  }

  static void checkArgs(double g, long m, long c) {
    if (!(g > 0) || Double.isInfinite(g)) {
      throw new IllegalArgumentException("granularity must be > 0, got " + g);
    }
    if (m < 0 || c < m) {
      throw new IllegalArgumentException("bad unit bounds [" + m + ", " + c + "]");
    }
  }

  /** m + Σ_{k=m}^{c-1} S(k·g) for a smooth distribution. */
  static double expectedUnits(Smooth d, double g, long m, long c) {
    checkArgs(g, m, c);
    return m + sumSurvival(d, g, m, c);
  }

  /** Σ_{k=from}^{to-1} S(k·g); {@code to} may be {@link Distribution#NO_CAP}. */
  static double sumSurvival(Smooth d, double g, long from, long to) {
    if (to <= from) {
      return 0;
    }
    double lo = Math.max(0.0, d.lowerBound(EPS));
    double hi = d.upperBound(EPS);
    long kLo = Math.max(from, Math.min(to, (long) Math.ceil(lo / g)));
    long kHi = Math.max(kLo, Math.min(to, saturatedFloor(hi / g) + 1));
    double sum = 0;
    // Below the lower quantile every term is 1 (to within EPS each).
    sum += kLo - from;
    // Active range [kLo, kHi).
    long n = kHi - kLo;
    if (n > 0) {
      if (n <= DIRECT_MAX) {
        sum += direct(d, g, kLo, kHi);
      } else {
        long head = Math.min(n, d.directHead());
        sum += direct(d, g, kLo, kLo + head);
        sum += eulerMaclaurin(d, g, kLo + head, kHi - 1);
      }
    }
    // Tail above the upper quantile: terms are below EPS; add them by the same formula.
    if (kHi < to) {
      sum += to == Distribution.NO_CAP ? eulerMaclaurinToInfinity(d, g, kHi) : eulerMaclaurin(d, g, kHi, to - 1);
    }
    return sum;
  }

  private static double direct(Smooth d, double g, long from, long to) {
    double s = 0;
    for (long k = from; k < to; k++) {
      s += d.survival(k * g);
    }
    return s;
  }

  /** Σ_{k=a}^{b} S(kg), a ≤ b, by Euler–Maclaurin with the first correction term. */
  private static double eulerMaclaurin(Smooth d, double g, long a, long b) {
    if (b < a) {
      return 0;
    }
    double x0 = a * g;
    double x1 = b * g;
    return d.integratedSurvival(x0, x1) / g
        + 0.5 * (d.survival(x0) + d.survival(x1))
        + g / 12.0 * (d.density(x0) - d.density(x1));
  }

  private static double eulerMaclaurinToInfinity(Smooth d, double g, long a) {
    double x0 = a * g;
    return d.integratedSurvival(x0, Double.POSITIVE_INFINITY) / g + 0.5 * d.survival(x0) + g / 12.0 * d.density(x0);
  }

  private static long saturatedFloor(double v) {
    if (v >= 9.0e18) {
      return (long) 9.0e18;
    }
    return (long) Math.floor(v);
  }

  /**
   * Σ_{k=from}^{to-1} S(kg) for a survival function that is piecewise linear between knots
   * (x_i, s_i), with S = s_0 before the first knot and S = 0 after the last: an exact sum of
   * arithmetic series. Knots must be increasing in x and non-increasing in s.
   */
  static double sumPiecewiseLinear(double[] xs, double[] ss, double g, long from, long to) {
    if (to <= from) {
      return 0;
    }
    double sum = 0;
    // Before the first knot: S = ss[0].
    long kFirst = Math.min(to, Math.max(from, firstAtOrAbove(xs[0], g)));
    sum += (kFirst - from) * ss[0];
    for (int i = 0; i + 1 < xs.length; i++) {
      double x0 = xs[i];
      double x1 = xs[i + 1];
      if (x1 <= x0) {
        continue;
      }
      // k with x0 <= kg < x1
      long k0 = Math.max(from, firstAtOrAbove(x0, g));
      long k1 = Math.min(to, firstAtOrAbove(x1, g));
      if (k1 <= k0) {
        continue;
      }
      long cnt = k1 - k0;
      double slope = (ss[i + 1] - ss[i]) / (x1 - x0);
      // Σ (ss[i] + slope (k g - x0)) for k in [k0, k1)
      double sumK = (double) cnt * (k0 + k1 - 1) / 2.0;
      sum += cnt * (ss[i] - slope * x0) + slope * g * sumK;
    }
    return sum;
  }

  /** The first k ≥ 0 with k·g ≥ x. */
  private static long firstAtOrAbove(double x, double g) {
    if (x <= 0) {
      return 0;
    }
    long k = (long) Math.ceil(x / g);
    // guard floating point: ensure k*g >= x and (k-1)*g < x
    while (k > 0 && (k - 1) * g >= x) {
      k--;
    }
    while (k * g < x) {
      k++;
    }
    return k;
  }
}
