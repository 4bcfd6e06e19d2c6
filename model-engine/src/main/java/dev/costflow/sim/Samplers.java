package dev.costflow.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * Exact samplers for the counts of a run: Poisson (multiplication method below mean 10, Hörmann's
 * PTRS above), binomial (inversion below n·p = 10, Hörmann's BTRS above). Both are exact in
 * distribution; only far beyond any hourly count of a real system (standard deviation above 10⁴,
 * i.e. a mean above 10⁸) they switch to the normal distribution, whose error there (skewness
 * below 10⁻⁴) is far below what one run could show.
 *
 * <p>W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993); "The generation of binomial random variates",
 * J. Statist. Comput. Simul. 46 (1993).
 */
final class Samplers {
  /** Above this variance the normal distribution replaces the exact samplers. */
  static final double NORMAL_ABOVE_VARIANCE = 1e8;

  private static final double[] LOG_FACTORIAL = new double[1024];

  static {
    double s = 0;
    for (int k = 1; k < LOG_FACTORIAL.length; k++) {
      s += Math.log(k);
      LOG_FACTORIAL[k] = s;
    }
  }

  private Samplers() {}

  /** ln k! */
  static double logFactorial(double k) {
    if (k < LOG_FACTORIAL.length) {
      return LOG_FACTORIAL[(int) k];
    }
    return logGamma(k + 1);
  }

  /** ln Γ(x) for x ≥ 7 by the Stirling series (as in NumPy's random_loggam); exact enough for x ≥ 1024. */
  private static double logGamma(double x) {
    final double[] a = {
      8.333333333333333e-02, -2.777777777777778e-03, 7.936507936507937e-04, -5.952380952380952e-04, 8.417508417508418e-04,
      -1.917526917526918e-03, 6.410256410256410e-03, -2.955065359477124e-02, 1.796443723688307e-01, -1.39243221690590e+00
    };
    double x2 = 1.0 / (x * x);
    double gl0 = a[9];
    for (int k = 8; k >= 0; k--) {
      gl0 = gl0 * x2 + a[k];
    }
    return gl0 / x + 0.5 * Math.log(2 * Math.PI) + (x - 0.5) * Math.log(x) - x;
  }

  /** A Poisson count with the given mean. */
  static long poisson(RandomGenerator r, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean < 10) {
      double limit = Math.exp(-mean);
      double prod = r.nextDouble();
      long k = 0;
      while (prod > limit) {
        k++;
        prod *= r.nextDouble();
      }
      return k;
    }
    if (mean > NORMAL_ABOVE_VARIANCE) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    return ptrs(r, mean);
  }

  private static long ptrs(RandomGenerator r, double lam) {
    double slam = Math.sqrt(lam);
    double loglam = Math.log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invalpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = r.nextDouble() - 0.5;
      double v = r.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /**
   * A Poisson count by inversion of its CDF with one uniform: for the same uniform the count never
   * falls when the mean grows (a monotone coupling, used where the simulator compares variants).
   */
  static long poissonInversion(double u, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean > 1000) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * inverseNormal(u)));
    }
    double p = Math.exp(-mean);
    double cdf = p;
    long k = 0;
    while (u > cdf && k < 100_000) {
      k++;
      p *= mean / k;
      cdf += p;
      if (p < 1e-300 && k > mean) {
        break;
      }
    }
    return k;
  }

  /** Φ⁻¹(u) for 0 &lt; u &lt; 1. */
  static double inverseNormal(double u) {
    double v = Math.min(Math.max(u, 1e-300), 1 - 1e-16);
    return Math.sqrt(2) * Erf.erfInv(2 * v - 1);
  }

  /** A binomial count: successes among n trials of probability p. */
  static long binomial(RandomGenerator r, long n, double p) {
    if (n <= 0 || !(p > 0)) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - binomial(r, n, 1 - p);
    }
    double np = n * p;
    if (np < 10) {
      return inversion(r, n, p);
    }
    double variance = np * (1 - p);
    if (variance > NORMAL_ABOVE_VARIANCE) {
      return Math.max(0, Math.min(n, Math.round(np + Math.sqrt(variance) * r.nextGaussian())));
    }
    return btrs(r, n, p);
  }

  /** BINV: walk the CDF from 0 (expected n·p + 1 steps). */
  private static long inversion(RandomGenerator r, long n, double p) {
    double q = 1 - p;
    double s = p / q;
    double a = (n + 1) * s;
    while (true) {
      double prob = Math.exp(n * Math.log1p(-p));
      double u = r.nextDouble();
      long x = 0;
      while (u > prob) {
        u -= prob;
        x++;
        if (x > n || prob < 1e-300) {
          break;
        }
        prob *= a / x - s;
      }
      if (x <= n) {
        return x;
      }
    }
  }

  private static long btrs(RandomGenerator r, long n, double p) {
    double q = 1 - p;
    double spq = Math.sqrt(n * p * q);
    double b = 1.15 + 2.53 * spq;
    double a = -0.0873 + 0.0248 * b + 0.01 * p;
    double c = n * p + 0.5;
    double alpha = (2.83 + 5.1 / b) * spq;
    double vr = 0.92 - 4.2 / b;
    double lpq = Math.log(p / q);
    long m = (long) Math.floor((n + 1) * p);
    double h = logFactorial(m) + logFactorial(n - m);
    while (true) {
      double u = r.nextDouble() - 0.5;
      double v = r.nextDouble();
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + c);
      if (k < 0 || k > n) {
        continue;
      }
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      double lv = Math.log(v * alpha / (a / (us * us) + b));
      if (lv <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) {
        return k;
      }
    }
  }

  /** x rounded to a neighbouring integer, up with probability frac(x): unbiased. */
  static long stochasticRound(RandomGenerator r, double x) {
    double f = Math.floor(x);
    return (long) f + (r.nextDouble() < x - f ? 1 : 0);
  }

  /** Whether x is a whole number a long holds exactly. */
  static boolean whole(double x) {
    return x == Math.rint(x) && Math.abs(x) < 9.0e15;
  }
}
