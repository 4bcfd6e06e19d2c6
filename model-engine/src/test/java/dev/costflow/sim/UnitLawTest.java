package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.dist.CeilSums;
import dev.costflow.dist.Distribution;
import dev.costflow.dist.Exponential;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Gamma;
import dev.costflow.dist.LogNormal;
import dev.costflow.dist.Mixture;
import dev.costflow.dist.Normal;
import dev.costflow.dist.Percentiles;
import dev.costflow.dist.Samples;
import dev.costflow.dist.Uniform;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class UnitLawTest {
  record Case(Distribution x, double g, long min, long max) {}

  static List<Case> cases() {
    Distribution ln = LogNormal.ofPercentiles(120, 900);
    return List.of(
        new Case(new Fixed(130), 1, 0, Distribution.NO_CAP),
        new Case(new Fixed(130), 100, 0, Distribution.NO_CAP),
        new Case(ln, 1, 0, Distribution.NO_CAP),
        new Case(ln, 100, 0, Distribution.NO_CAP),
        new Case(ln, 1, 0, 2000),
        new Case(LogNormal.ofPercentiles(2, 40), 64, 1, Distribution.NO_CAP),
        new Case(LogNormal.ofPercentiles(2, 40), 64, 4, 16),
        new Case(LogNormal.ofPercentiles(2, 40), 512, 1, Distribution.NO_CAP),
        new Case(LogNormal.ofPercentiles(300, 20000), 64, 1, Distribution.NO_CAP),
        new Case(new Uniform(10, 20), 1, 0, Distribution.NO_CAP),
        new Case(new Uniform(0.5, 9.5), 4, 1, Distribution.NO_CAP),
        new Case(new Normal(300, 80), 1, 0, Distribution.NO_CAP),
        new Case(new Exponential(50), 1, 0, Distribution.NO_CAP),
        new Case(Gamma.ofMoments(900, 300), 1, 0, Distribution.NO_CAP),
        new Case(Gamma.ofMoments(2, 3), 1, 1, Distribution.NO_CAP),
        new Case(new Percentiles(0, new double[] {0.5, 0.9, 0.99, 1}, new double[] {45, 110, 380, 2500}, "p"), 1, 0, Distribution.NO_CAP),
        new Case(new Samples(new double[] {3, 3.5, 120, 121, 900, 7}, "s"), 1, 0, Distribution.NO_CAP),
        new Case(Mixture.of(List.of(new Fixed(1), LogNormal.ofPercentiles(3, 30)), List.of(2.0, 1.0)), 1, 1, Distribution.NO_CAP),
        new Case(Mixture.of(List.of(ln, Gamma.ofMoments(40, 10)), List.of(1.0, 3.0)), 1, 0, Distribution.NO_CAP));
  }

  @Test
  void meanIsTheEstimatesAndVarianceMatchesDraws() {
    RandomGenerator r = new Well19937c(21);
    int n = 200_000;
    for (Case c : cases()) {
      UnitLaw law = UnitLaw.of(c.x(), c.g(), c.min(), c.max());
      assertThat(law.mean).isEqualTo(c.x().expectedUnits(c.g(), c.min(), c.max()));
      double[] draws = new double[n];
      for (int i = 0; i < n; i++) {
        draws[i] = Math.min(c.max(), Math.max(c.min(), CeilSums.ceilUnits(c.x().sample(r), c.g())));
      }
      double m = mean(draws);
      double v = centralMoment(draws, m, 2);
      String what = c.x().describe() + " g " + c.g() + " [" + c.min() + ", " + c.max() + "]";
      assertThat(m).as("draws' mean, " + what).isCloseTo(law.mean, within(6 * Math.sqrt(Math.max(v, 1e-12) / n) + 1e-9));
      if (v == 0) {
        assertThat(law.variance).as(what).isZero();
      } else {
        assertThat(law.variance).as("variance, " + what).isCloseTo(v, within(5 * varianceStandardError(draws, m, v)));
      }
      if (law.probs != null) {
        double total = 0;
        for (double p : law.probs) {
          total += p;
        }
        assertThat(total + law.tail).isCloseTo(1, within(1e-12));
      }
    }
  }

  @Test
  void hourlySumsHaveTheSumsMeanAndVariance() {
    RandomGenerator r = new Well19937c(22);
    int trials = 12_000;
    for (Case c : cases()) {
      UnitLaw law = UnitLaw.of(c.x(), c.g(), c.min(), c.max());
      for (long n : new long[] {1, 7, 32, 33, 500, 5000, 1_000_000}) {
        double[] sums = new double[trials];
        for (int i = 0; i < trials; i++) {
          sums[i] = law.sum(r, n);
          assertThat(sums[i]).isEqualTo(Math.rint(sums[i]));
        }
        double m = mean(sums);
        double var = centralMoment(sums, m, 2);
        double sd = Math.sqrt(n * law.variance);
        String what = c.x().describe() + " n " + n;
        assertThat(m).as("mean, " + what).isCloseTo(n * law.mean, within(6 * sd / Math.sqrt(trials) + 0.5));
        if (sd > 3) {
          // rounding the normal draw adds 1/12 to the variance of the big sums
          assertThat(sd * sd).as("variance, " + what).isCloseTo(var, within(5 * varianceStandardError(sums, m, var) + 0.1));
        }
      }
    }
  }

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  static double centralMoment(double[] a, double m, int k) {
    double s = 0;
    for (double v : a) {
      s += Math.pow(v - m, k);
    }
    return s / a.length;
  }

  /** Standard error of a sample variance: √((μ₄ − σ⁴) / n). */
  static double varianceStandardError(double[] a, double m, double var) {
    double m4 = centralMoment(a, m, 4);
    return Math.sqrt(Math.max(0, m4 - var * var) / a.length) + 1e-12;
  }

  @Test
  void rareLargeCallsAreDrawnFromTheTail() {
    // HTTP API requests of a few KB, once in ~100,000 above 512 KB: the body is {1}, the rest a tail
    UnitLaw law = UnitLaw.of(LogNormal.ofPercentiles(2, 40), 512, 1, Distribution.NO_CAP);
    assertThat(law.tail).isPositive().isLessThan(1e-4);
    RandomGenerator r = new Well19937c(23);
    double extra = 0;
    int trials = 2000;
    long n = 1_000_000;
    for (int i = 0; i < trials; i++) {
      double s = law.sum(r, n);
      assertThat(s).isGreaterThanOrEqualTo(n);
      extra += s - n;
    }
    // the mean excess over one unit per call is n·(E[U] − 1), a Poisson-like count of rare calls
    double expected = n * (law.mean - 1);
    assertThat(extra / trials).isCloseTo(expected, within(5 * Math.sqrt(n * law.variance / trials)));
  }

  @Test
  void fixedValuesAndSmallSupportsAreExact() {
    UnitLaw fixed = UnitLaw.of(new Fixed(130), 100, 0, Distribution.NO_CAP);
    assertThat(fixed.constant).isEqualTo(2);
    assertThat(fixed.sum(new Well19937c(1), 1000)).isEqualTo(2000);
    // 64 KB chunks of small messages: always 1 chunk, no randomness at all
    UnitLaw chunks = UnitLaw.of(LogNormal.ofPercentiles(1, 2), 64, 1, Distribution.NO_CAP);
    assertThat(chunks.constant).isEqualTo(1);
    // a second chunk once in a billion messages: still exact, as a multinomial
    UnitLaw rare = UnitLaw.of(LogNormal.ofPercentiles(1, 5), 64, 1, Distribution.NO_CAP);
    assertThat(rare.probs).hasSizeGreaterThan(1);
    assertThat(rare.probs[(int) (1 - rare.lo)]).isGreaterThan(1 - 1e-6);
    // the 100 ms era: a handful of values, sampled as a multinomial
    UnitLaw era = UnitLaw.of(LogNormal.ofPercentiles(120, 180), 100, 0, Distribution.NO_CAP);
    assertThat(era.probs).isNotNull();
  }
}
