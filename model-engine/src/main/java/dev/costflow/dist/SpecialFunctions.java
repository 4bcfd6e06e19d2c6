package dev.costflow.dist;

/**
 * Fast complementary error function and normal CDF, accurate to about 1e-15 relative (checked
 * against Commons Math in {@code SpecialFunctionsTest}). The Chebyshev fit of erfc on [0, ∞) is
 * the one published in Press et al., Numerical Recipes, 3rd ed., §6.2.2 ("erfccheb").
 */
public final class SpecialFunctions {
  private static final double[] COF = {
    -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
    -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
    -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
    5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12,
    8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16,
    -2.8e-17
  };
  private static final double SQRT2 = Math.sqrt(2.0);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

  private SpecialFunctions() {}

  /** erfc(z) for any real z. */
  public static double erfc(double z) {
    if (z >= 0) {
      return erfccheb(z);
    }
    return 2.0 - erfccheb(-z);
  }

  private static double erfccheb(double z) {
    double t = 2.0 / (2.0 + z);
    double ty = 4.0 * t - 2.0;
    double d = 0.0;
    double dd = 0.0;
    for (int j = COF.length - 1; j > 0; j--) {
      double tmp = d;
      d = ty * d - dd + COF[j];
      dd = tmp;
    }
    return t * Math.exp(-z * z + 0.5 * (COF[0] + ty * d) - dd);
  }

  /** Standard normal CDF Φ(x). */
  public static double phi(double x) {
    return 0.5 * erfc(-x / SQRT2);
  }

  /** Standard normal upper tail 1 − Φ(x), accurate far into the tail. */
  public static double phiUpper(double x) {
    return 0.5 * erfc(x / SQRT2);
  }

  /** Standard normal density. */
  public static double pdf(double x) {
    return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
  }
}
