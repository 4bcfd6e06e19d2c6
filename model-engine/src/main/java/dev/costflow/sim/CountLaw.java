package dev.costflow.sim;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Exponential;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Gamma;
import dev.costflow.dist.LogNormal;
import dev.costflow.dist.Mixture;
import dev.costflow.dist.Normal;
import dev.costflow.dist.Percentiles;
import dev.costflow.dist.Samples;
import dev.costflow.dist.SpecialFunctions;
import dev.costflow.dist.Uniform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The law of a per-call count such as {@code per_call}: a call makes X calls, X drawn from the
 * model's distribution and rounded to a whole number at random (up with probability frac(X)),
 * so the mean stays E[X] — the estimate's — and counts stay whole. Its variance is
 * Var[X] + E[frac(X)·(1 − frac(X))]. Sums over an hour's calls are drawn like {@link UnitLaw}'s:
 * call by call while few (as long as the normal law would reach below zero), exactly for fixed
 * values (a binomial for the fractional part), else from the normal distribution with the exact
 * mean and variance.
 */
final class CountLaw {
  private static final Map<Distribution, CountLaw> CACHE = new ConcurrentHashMap<>();

  final Distribution x;
  final double mean;
  final double variance;
  /** Sums of up to this many calls are drawn call by call (see {@link UnitLaw#directUpTo}). */
  final long directUpTo;

  private CountLaw(Distribution x, double mean, double variance) {
    this.x = x;
    this.mean = mean;
    this.variance = variance;
    this.directUpTo = UnitLaw.directUpTo(mean, variance, 0, Distribution.NO_CAP);
  }

  static CountLaw of(Distribution x) {
    if (x instanceof Mixture m) {
      return compute(m);
    }
    return CACHE.computeIfAbsent(x, CountLaw::compute);
  }

  double sum(RandomGenerator r, long n) {
    if (n <= 0) {
      return 0;
    }
    if (x instanceof Fixed f) {
      double whole = Math.floor(f.value());
      double frac = f.value() - whole;
      return n * whole + (frac > 0 ? Samplers.binomial(r, n, frac) : 0);
    }
    if (n <= directUpTo) {
      double s = 0;
      for (long i = 0; i < n; i++) {
        s += Samplers.stochasticRound(r, x.sample(r));
      }
      return s;
    }
    return Math.max(0, Math.rint(n * mean + Math.sqrt(n * variance) * r.nextGaussian()));
  }

  private static CountLaw compute(Distribution x) {
    if (x instanceof Mixture m) {
      double mean = 0;
      double m2 = 0;
      for (int i = 0; i < m.components().size(); i++) {
        CountLaw c = of(m.components().get(i));
        mean += m.weight(i) * c.mean;
        m2 += m.weight(i) * (c.variance + c.mean * c.mean);
      }
      return new CountLaw(x, mean, Math.max(0, m2 - mean * mean));
    }
    double mean = x.mean();
    return new CountLaw(x, mean, varianceOf(x) + roundingVariance(x));
  }

  /** Var[X] for each kind of distribution. */
  static double varianceOf(Distribution x) {
    if (x instanceof Fixed) {
      return 0;
    }
    if (x instanceof Uniform u) {
      double w = u.max() - u.min();
      return w * w / 12;
    }
    if (x instanceof LogNormal l) {
      double s2 = l.sigma() * l.sigma();
      return Math.expm1(s2) * Math.exp(2 * l.mu() + s2);
    }
    if (x instanceof Exponential e) {
      return e.meanValue() * e.meanValue();
    }
    if (x instanceof Gamma gm) {
      return gm.shape() * gm.scale() * gm.scale();
    }
    if (x instanceof Normal n) {
      // N(μ, σ²) truncated to (0, ∞): with α = −μ/σ and λ = φ(α)/(1 − Φ(α)), Var = σ²(1 + αλ − λ²).
      double alpha = -n.mu() / n.sd();
      double lambda = SpecialFunctions.pdf(alpha) / SpecialFunctions.phiUpper(alpha);
      return n.sd() * n.sd() * Math.max(0, 1 + alpha * lambda - lambda * lambda);
    }
    if (x instanceof Samples s) {
      double[] v = s.values();
      double m = s.mean();
      double acc = 0;
      for (double d : v) {
        acc += (d - m) * (d - m);
      }
      return acc / v.length;
    }
    if (x instanceof Percentiles p) {
      // uniform between neighbouring knots: E[X²] = Σ Δp·(a² + ab + b²)/3
      double m2 = 0;
      double prevP = 0;
      double prevX = p.quantile(0);
      int steps = 4096;
      for (int i = 1; i <= steps; i++) {
        double pp = i / (double) steps;
        double xx = p.quantile(pp);
        m2 += (pp - prevP) * (prevX * prevX + prevX * xx + xx * xx) / 3;
        prevP = pp;
        prevX = xx;
      }
      double m = p.mean();
      return Math.max(0, m2 - m * m);
    }
    throw new IllegalArgumentException("no variance for " + x.describe());
  }

  /** E[frac(X)·(1 − frac(X))], by the midpoint rule over 4096 quantiles (1/6 when X spreads over many integers). */
  static double roundingVariance(Distribution x) {
    if (x instanceof Fixed f) {
      double frac = f.value() - Math.floor(f.value());
      return frac * (1 - frac);
    }
    if (x instanceof Samples s) {
      double acc = 0;
      double[] v = s.values();
      for (double d : v) {
        double frac = d - Math.floor(d);
        acc += frac * (1 - frac);
      }
      return acc / v.length;
    }
    int steps = 4096;
    double acc = 0;
    for (int i = 0; i < steps; i++) {
      double q = x.quantile((i + 0.5) / steps);
      double frac = q - Math.floor(q);
      acc += frac * (1 - frac);
    }
    return acc / steps;
  }
}
