package dev.costflow.dist;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A normal distribution N(mean, sd²) truncated at 0 (conditioned on D &gt; 0): durations and sizes
 * are never negative. {@link #mean()} is the truncated mean, slightly above {@code mu} when the
 * normal reaches below zero.
 */
public record Normal(double mu, double sd) implements Distribution, Smooth {
  public Normal {
    Checks.nonNegative("mean", mu);
    Checks.positive("sd", sd);
    if (mu / sd < -30) {
      throw new IllegalArgumentException("normal with almost no mass above 0");
    }
  }

  /** P(X &gt; 0) of the untruncated normal. */
  private double mass() {
    return SpecialFunctions.phiUpper(-mu / sd);
  }

  @Override
  public double mean() {
    double z0 = -mu / sd;
    return mu + sd * SpecialFunctions.pdf(z0) / mass();
  }

  @Override
  public double survival(double x) {
    if (x <= 0) {
      return 1;
    }
    return SpecialFunctions.phiUpper((x - mu) / sd) / mass();
  }

  @Override
  public double density(double x) {
    if (x < 0) {
      return 0;
    }
    return SpecialFunctions.pdf((x - mu) / sd) / (sd * mass());
  }

  /** E[D; D ≤ x] for the normal truncated at 0: E[X; 0 &lt; X ≤ x] / P(X &gt; 0). */
  @Override
  public double partialExpectation(double x) {
    double z0 = -mu / sd;
    double zx = (x - mu) / sd;
    double probBetween = SpecialFunctions.phiUpper(z0) - SpecialFunctions.phiUpper(zx);
    return (mu * probBetween + sd * (SpecialFunctions.pdf(z0) - SpecialFunctions.pdf(zx))) / mass();
  }

  @Override
  public double lowerBound(double eps) {
    return Math.max(0, mu - LogNormal.zOf(eps) * sd);
  }

  @Override
  public double upperBound(double eps) {
    return mu + LogNormal.zOf(eps) * sd;
  }

  @Override
  public double quantile(double p) {
    // invert the truncated CDF: P(D <= x) = (Φ(zx) − Φ(z0)) / mass
    double phi0 = SpecialFunctions.phi(-mu / sd);
    double target = phi0 + p * mass();
    double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1).inverseCumulativeProbability(Math.min(target, 1 - 1e-16));
    return Math.max(0, mu + sd * z);
  }

  @Override
  public double sample(RandomGenerator rng) {
    // rejection is efficient while most mass is above 0; otherwise invert the CDF
    if (mu >= sd) {
      while (true) {
        double v = mu + sd * rng.nextGaussian();
        if (v > 0) {
          return v;
        }
      }
    }
    return quantile(rng.nextDouble());
  }

  @Override
  public double expectedUnits(double g, long minUnits, long maxUnits) {
    return CeilSums.expectedUnits(this, g, minUnits, maxUnits);
  }

  @Override
  public String describe() {
    return "normal(mean=" + Checks.num(mu) + ", sd=" + Checks.num(sd) + ")";
  }
}
