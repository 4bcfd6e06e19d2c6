package dev.costflow.sim;

import dev.costflow.dist.CeilSums;
import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Mixture;
import dev.costflow.dist.Samples;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The law of the billed units of one call, U = clamp(ceil(X / g), min, max): its mean (the
 * estimate's exact E[U]), its variance, and — when U takes at most {@value #SMALL_SUPPORT} values,
 * as for payloads in 64 KB chunks or durations in the 100 ms era — its probabilities.
 *
 * <p>The sum of U over an hour's n calls is then drawn
 *
 * <ul>
 *   <li>exactly, from n draws of X, when n ≤ {@value #DIRECT_MAX}, or while the normal law
 *       below would reach past the smallest or largest possible sum (less than 6 standard
 *       deviations away — skewed sums of few calls), up to {@value #DIRECT_LIMIT} calls;
 *   <li>exactly, as a multinomial (a chain of binomials), when U has a small support — or when
 *       all but a few of the hour's calls fall in its first {@value #SMALL_SUPPORT} values
 *       (e.g. requests above 512 KB once in a million): the calls beyond are a binomial count,
 *       each drawn from X conditioned on lying beyond;
 *   <li>otherwise from the normal distribution with the sum's exact mean n·E[U] and variance
 *       n·Var[U], rounded to a whole number of units. By the Berry–Esseen theorem its CDF is
 *       off by at most 0.4748·E|U−μ|³ / (σ³·√n) for one hour, and the error of a period's total,
 *       a sum over all its hours, shrinks with the square root of all its calls.
 * </ul>
 *
 * Laws are cached per (distribution, g, min, max): they depend only on the model.
 */
final class UnitLaw {
  /** Up to this many calls an hour's sum is drawn call by call. */
  static final int DIRECT_MAX = 32;
  /** Never more than this many calls are drawn one by one for one hour's sum. */
  static final int DIRECT_LIMIT = 4096;
  /** Supports up to this size are sampled exactly as multinomials. */
  static final int SMALL_SUPPORT = 16;
  /** Expected calls in the tail beyond the body up to which body and tail are drawn exactly. */
  static final double TAIL_CALLS_MAX = 64;
  /** Tail probability treated as zero when finding where U lives. */
  static final double EPS = 1e-15;
  /** Terms summed one by one for the second moment; beyond, blocks of terms by the midpoint rule. */
  static final long DIRECT_TERMS = 200_000;

  private record Key(Distribution x, double g, long min, long max) {}

  private static final Map<Key, UnitLaw> CACHE = new ConcurrentHashMap<>();

  final Distribution x;
  final double g;
  final long min;
  final long max;
  final double mean;
  final double variance;
  /** The single value of U when it takes only one; else -1. */
  final long constant;
  /**
   * The body of U: values lo..lo+probs.length-1 with these probabilities (all of U when it takes
   * at most {@value #SMALL_SUPPORT} values), else null.
   */
  final long lo;
  final double[] probs;
  /** P(U &gt; lo + probs.length − 1): the tail beyond the body (0 when the body is all of U). */
  final double tail;
  /** Sums of up to this many calls are drawn call by call. */
  final long directUpTo;

  private UnitLaw(Distribution x, double g, long min, long max, double mean, double variance, long constant, long lo, double[] probs) {
    this(x, g, min, max, mean, variance, constant, lo, probs, 0);
  }

  private UnitLaw(Distribution x, double g, long min, long max, double mean, double variance, long constant, long lo, double[] probs, double tail) {
    this.tail = tail;
    this.x = x;
    this.g = g;
    this.min = min;
    this.max = max;
    this.mean = mean;
    this.variance = variance;
    this.constant = constant;
    this.lo = lo;
    this.probs = probs;
    this.directUpTo = directUpTo(mean, variance, probs != null && tail == 0 ? lo : min, max);
  }

  /**
   * How many calls must be summed before the normal law of the sum stays 6 standard deviations
   * inside the possible range [n·lo, n·max]: n ≥ 36·σ² / (distance of the mean to the nearer end)².
   */
  static long directUpTo(double mean, double variance, double lo, double max) {
    double room = Math.min(mean - lo, max == Distribution.NO_CAP ? Double.POSITIVE_INFINITY : max - mean);
    if (variance <= 0) {
      return DIRECT_MAX;
    }
    if (!(room > 0)) {
      return DIRECT_LIMIT;
    }
    double n = 36 * variance / (room * room);
    return (long) Math.max(DIRECT_MAX, Math.min(DIRECT_LIMIT, Math.ceil(n)));
  }

  static UnitLaw of(Distribution x, double g, long min, long max) {
    if (x instanceof Mixture m) {
      return mixture(m, g, min, max); // weights differ from run to run: not cached
    }
    Key k = new Key(x, g, min, max);
    UnitLaw law = CACHE.get(k);
    if (law == null) {
      law = compute(x, g, min, max);
      if (CACHE.size() > 100_000) {
        CACHE.clear();
      }
      CACHE.put(k, law);
    }
    return law;
  }

  /** One call's units. */
  long draw(RandomGenerator r) {
    return units(x.sample(r));
  }

  long units(double value) {
    return Math.min(max, Math.max(min, CeilSums.ceilUnits(value, g)));
  }

  /** Σ of the units of n calls. */
  double sum(RandomGenerator r, long n) {
    if (n <= 0) {
      return 0;
    }
    if (constant >= 0) {
      return (double) n * constant;
    }
    if (probs != null && tail == 0 && n > DIRECT_MAX / 4) {
      return multinomialSum(r, n, n);
    }
    if (probs != null && tail > 0 && n * tail <= TAIL_CALLS_MAX && n > DIRECT_MAX / 4) {
      // nearly all calls fall in the body: which calls reach the tail is a binomial, their
      // values are drawn from X conditioned on the tail, the rest are a multinomial of the body
      long k = Samplers.binomial(r, n, tail);
      double s = multinomialSum(r, n - k, n - k);
      double t = (lo + probs.length - 1) * g;
      double above = x.survival(t);
      for (long i = 0; i < k; i++) {
        double v = above > 0 ? x.quantile(Math.min(1 - 1e-300, 1 - above * (1 - r.nextDouble()))) : t;
        s += Math.max(lo + probs.length, units(v));
      }
      return s;
    }
    if (n <= directUpTo) {
      double s = 0;
      for (long i = 0; i < n; i++) {
        s += draw(r);
      }
      return s;
    }
    double mu = n * mean;
    double sd = Math.sqrt(n * variance);
    double lower = (double) n * (probs != null ? lo : min);
    double v = Math.rint(mu + sd * r.nextGaussian());
    v = Math.max(lower, v);
    if (max != Distribution.NO_CAP) {
      v = Math.min((double) n * max, v);
    }
    return v;
  }

  private double multinomialSum(RandomGenerator r, long n, long count) {
    long left = count;
    double rest = 0;
    for (double p : probs) {
      rest += p;
    }
    double s = 0;
    for (int i = 0; i < probs.length && left > 0; i++) {
      long k = i == probs.length - 1 || rest <= 0 ? left : Samplers.binomial(r, left, Math.min(1, probs[i] / rest));
      s += (double) k * (lo + i);
      left -= k;
      rest -= probs[i];
    }
    return s;
  }

  // ------------------------------------------------------------------ computing laws

  private static UnitLaw compute(Distribution x, double g, long min, long max) {
    double mean = x.expectedUnits(g, min, max);
    if (x instanceof Fixed f) {
      long u = Math.min(max, Math.max(min, CeilSums.ceilUnits(f.value(), g)));
      return new UnitLaw(x, g, min, max, mean, 0, u, u, new double[] {1});
    }
    if (x instanceof Samples s) {
      return samples(s, g, min, max, mean);
    }
    // Where U lives: below kLo every P(U > k) is 1, from kHi on it is 0 (to within EPS).
    double xLo = lowerBound(x);
    double xHi = upperBound(x);
    long kLo = clamp(CeilSums.ceilUnits(xLo, g) - 1, min, max);
    long kHi = clamp(CeilSums.ceilUnits(xHi, g), min, max);
    if (kHi - kLo + 1 <= SMALL_SUPPORT) {
      double[] probs = new double[(int) (kHi - kLo + 1)];
      double prevAbove = kLo <= min ? 1 : x.survival((kLo - 1) * g); // P(U > kLo − 1) = P(U ≥ kLo)
      for (int i = 0; i < probs.length; i++) {
        long k = kLo + i;
        double above = k >= max ? 0 : (k < min ? 1 : x.survival(k * g));
        probs[i] = Math.max(0, prevAbove - above);
        prevAbove = above;
      }
      return fromProbs(x, g, min, max, mean, kLo, probs);
    }
    // The body: the first SMALL_SUPPORT values, with what lies beyond as the tail.
    double[] body = new double[SMALL_SUPPORT];
    double prevAboveB = kLo <= min ? 1 : x.survival((kLo - 1) * g);
    for (int i = 0; i < body.length; i++) {
      long k = kLo + i;
      double above = k >= max ? 0 : (k < min ? 1 : x.survival(k * g));
      body[i] = Math.max(0, prevAboveB - above);
      prevAboveB = above;
    }
    double tailMass = prevAboveB;
    // E[U²] = m² + Σ_{k=m}^{c−1} (2k+1)·P(X > k·g); every term below kLo is (2k+1).
    double second = (double) kLo * kLo;
    long to = Math.min(kHi, max);
    long terms = to - kLo;
    if (terms <= DIRECT_TERMS) {
      for (long k = kLo; k < to; k++) {
        second += (2.0 * k + 1) * x.survival(k * g);
      }
    } else {
      long block = (terms + DIRECT_TERMS - 1) / DIRECT_TERMS;
      for (long k = kLo; k < to; k += block) {
        long len = Math.min(block, to - k);
        double mid = k + (len - 1) / 2.0;
        second += len * (2.0 * mid + 1) * x.survival(mid * g);
      }
    }
    return new UnitLaw(x, g, min, max, mean, Math.max(0, second - mean * mean), -1, kLo, body, tailMass);
  }

  private static UnitLaw fromProbs(Distribution x, double g, long min, long max, double mean, long lo, double[] probs) {
    double total = 0;
    double m1 = 0;
    double m2 = 0;
    int nonZero = 0;
    long only = -1;
    for (int i = 0; i < probs.length; i++) {
      total += probs[i];
      m1 += probs[i] * (lo + i);
      m2 += probs[i] * (double) (lo + i) * (lo + i);
      if (probs[i] > 0) {
        nonZero++;
        only = lo + i;
      }
    }
    if (total > 0) {
      for (int i = 0; i < probs.length; i++) {
        probs[i] /= total;
      }
      m1 /= total;
      m2 /= total;
    }
    if (nonZero == 1) {
      return new UnitLaw(x, g, min, max, mean, 0, only, only, new double[] {1});
    }
    return new UnitLaw(x, g, min, max, mean, Math.max(0, m2 - m1 * m1), -1, lo, probs);
  }

  private static UnitLaw samples(Samples s, double g, long min, long max, double mean) {
    double[] v = s.values();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    double m2 = 0;
    for (double d : v) {
      long u = Math.min(max, Math.max(min, CeilSums.ceilUnits(d, g)));
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      m2 += (double) u * u;
    }
    m2 /= v.length;
    if (hi - lo + 1 <= SMALL_SUPPORT) {
      double[] probs = new double[(int) (hi - lo + 1)];
      for (double d : v) {
        long u = Math.min(max, Math.max(min, CeilSums.ceilUnits(d, g)));
        probs[(int) (u - lo)] += 1.0 / v.length;
      }
      return fromProbs(s, g, min, max, mean, lo, probs);
    }
    return new UnitLaw(s, g, min, max, mean, Math.max(0, m2 - mean * mean), -1, lo, null);
  }

  private static UnitLaw mixture(Mixture m, double g, long min, long max) {
    int n = m.components().size();
    UnitLaw[] parts = new UnitLaw[n];
    double mean = 0;
    double m2 = 0;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    boolean small = true;
    for (int i = 0; i < n; i++) {
      parts[i] = of(m.components().get(i), g, min, max);
      double w = m.weight(i);
      mean += w * parts[i].mean;
      m2 += w * (parts[i].variance + parts[i].mean * parts[i].mean);
      if (parts[i].probs == null || parts[i].tail > 0) {
        small = false;
      } else {
        lo = Math.min(lo, parts[i].lo);
        hi = Math.max(hi, parts[i].lo + parts[i].probs.length - 1);
      }
    }
    if (small && hi - lo + 1 <= SMALL_SUPPORT) {
      double[] probs = new double[(int) (hi - lo + 1)];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < parts[i].probs.length; j++) {
          probs[(int) (parts[i].lo + j - lo)] += m.weight(i) * parts[i].probs[j];
        }
      }
      return fromProbs(m, g, min, max, mean, lo, probs);
    }
    return new UnitLaw(m, g, min, max, mean, Math.max(0, m2 - mean * mean), -1, min, null);
  }

  private static long clamp(long v, long min, long max) {
    return Math.min(max, Math.max(min, v));
  }

  /** A point below which P(X ≤ x) &lt; EPS (0 when X may be that small). */
  static double lowerBound(Distribution x) {
    if (x.survival(0) < 1 - EPS) {
      return 0;
    }
    double lo = 0;
    double hi = Math.max(x.mean(), Double.MIN_NORMAL);
    if (x.survival(hi) >= 1 - EPS) {
      return hi;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (x.survival(mid) >= 1 - EPS) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A point above which P(X &gt; x) &lt; EPS. */
  static double upperBound(Distribution x) {
    double hi = Math.max(x.mean(), Double.MIN_NORMAL);
    double lo = 0;
    int guard = 0;
    while (x.survival(hi) > EPS && guard++ < 2000) {
      lo = hi;
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (x.survival(mid) > EPS) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }
}
