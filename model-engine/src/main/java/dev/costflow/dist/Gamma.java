package dev.costflow.dist;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/** Gamma with shape k and scale θ, built from mean and sd (k = mean²/sd², θ = sd²/mean). */
public record Gamma(double shape, double scale, String describe) implements Distribution, Smooth {
  public Gamma {
    Checks.positive("shape", shape);
    Checks.positive("scale", scale);
  }

  public static Gamma ofMoments(double mean, double sd) {
    Checks.positive("mean", mean);
    Checks.positive("sd", sd);
    return new Gamma(
        mean * mean / (sd * sd), sd * sd / mean, "gamma(mean=" + Checks.num(mean) + ", sd=" + Checks.num(sd) + ")");
  }

  private GammaDistribution dist() {
    return new GammaDistribution(null, shape, scale);
  }

  @Override
  public double mean() {
    return shape * scale;
  }

  @Override
  public double survival(double x) {
    if (x <= 0) {
      return 1;
    }
    return SpecialGamma.regularizedGammaQ(shape, x / scale);
  }

  @Override
  public double density(double x) {
    if (x <= 0) {
      return shape < 1 ? Double.POSITIVE_INFINITY : (shape == 1 ? 1 / scale : 0);
    }
    return Math.exp((shape - 1) * Math.log(x / scale) - x / scale - SpecialGamma.logGamma(shape)) / scale;
  }

  /** E[D; D ≤ x] = kθ · P(k+1, x/θ). */
  @Override
  public double partialExpectation(double x) {
    return mean() * SpecialGamma.regularizedGammaP(shape + 1, x / scale);
  }

  @Override
  public double lowerBound(double eps) {
    return dist().inverseCumulativeProbability(eps);
  }

  @Override
  public double upperBound(double eps) {
    // inverseCumulativeProbability cannot resolve 1 − 1e-15; bisect on the upper tail instead
    double lo = mean();
    double hi = Math.max(mean(), scale);
    while (survival(hi) > eps) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (survival(mid) > eps) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  @Override
  public int directHead() {
    // the density is singular at 0 when shape < 1: sum more terms before the smooth formula
    return shape < 1 ? 4096 : 64;
  }

  @Override
  public double quantile(double p) {
    return dist().inverseCumulativeProbability(p);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return new GammaDistribution(rng, shape, scale).sample();
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    return CeilSums.expectedUnits(this, g, minUnits, maxUnits);
  }

  /** Commons Math's special functions, renamed to avoid the clash with this record's name. */
  private static final class SpecialGamma {
    static double regularizedGammaQ(double a, double x) {
      return org.apache.commons.math3.special.Gamma.regularizedGammaQ(a, x);
    }

    static double regularizedGammaP(double a, double x) {
      return org.apache.commons.math3.special.Gamma.regularizedGammaP(a, x);
    }

    static double logGamma(double a) {
      return org.apache.commons.math3.special.Gamma.logGamma(a);
    }
  }
}
