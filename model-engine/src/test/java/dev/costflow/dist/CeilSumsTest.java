package dev.costflow.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * The billed expectation E[clamp(ceil(D/g), m, c)] of every distribution, checked against
 * brute-force summation of m + Σ P(D &gt; kg) term by term (seeded random parameters), against
 * closed forms, and against Monte Carlo as an independent check of the identity itself.
 */
class CeilSumsTest {

  /** Term-by-term sum, the definition; slow but obviously right. */
  static double bruteForce(Distribution d, double g, long m, long c) {
    double s = m;
    long limit = c == Distribution.NO_CAP ? Long.MAX_VALUE : c;
    for (long k = m; k < limit; k++) {
      double t = d.survival(k * g);
      s += t;
      if (t < 1e-18 && k * g > d.mean()) {
        break;
      }
    }
    return s;
  }

  static List<Distribution> randomDistributions(long seed, int n) {
    Random r = new Random(seed);
    List<Distribution> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double scale = Math.pow(10, r.nextDouble() * 3); // 1 .. 1000
      switch (i % 7) {
        case 0 -> out.add(LogNormal.ofPercentiles(scale, scale * (1.05 + r.nextDouble() * 20)));
        case 1 -> out.add(LogNormal.ofMoments(scale, scale * (0.05 + r.nextDouble() * 2)));
        case 2 -> out.add(new Normal(scale, scale * (0.02 + r.nextDouble())));
        case 3 -> out.add(Gamma.ofMoments(scale, scale * (0.1 + r.nextDouble() * 1.5)));
        case 4 -> out.add(new Exponential(scale));
        case 5 -> out.add(new Uniform(scale * r.nextDouble(), scale * (1 + r.nextDouble())));
        default ->
            out.add(
                new Percentiles(
                    0,
                    new double[] {0.5, 0.9, 0.99, 1.0},
                    new double[] {scale, scale * 2, scale * 5, scale * 9},
                    "p"));
      }
    }
    return out;
  }

  @Test
  void everyDistributionMatchesTheTermByTermSum() {
    double[] granularities = {1, 0.37, 64, 100, 1024};
    for (Distribution d : randomDistributions(20251123L, 140)) {
      for (double g : granularities) {
        if (d.quantile(1 - 1e-13) / g > 300_000) {
          continue; // keep the brute force affordable
        }
        double expected = bruteForce(d, g, 0, Distribution.NO_CAP);
        double got = d.expectedUnits(g, 0, Distribution.NO_CAP);
        assertThat(got).as("%s g=%s", d.describe(), g).isCloseTo(expected, within(expected));
      }
    }
  }

  @Test
  void minimumsAndCapsMatchTheTermByTermSum() {
    for (Distribution d : randomDistributions(7L, 70)) {
      double g = Math.max(0.5, d.mean() / 40);
      long m = 3;
      long c = 60;
      double expected = bruteForce(d, g, m, c);
      assertThat(d.expectedUnits(g, m, c)).as("%s", d.describe()).isCloseTo(expected, within(expected));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double expected) {
    return org.assertj.core.data.Offset.offset(Math.max(1e-9, Math.abs(expected) * 1e-9));
  }

  @Test
  void fixedValuesRoundUpAndForgiveFloatingPointNoise() {
    assertThat(new Fixed(120.2).expectedCeil(1)).isEqualTo(121);
    assertThat(new Fixed(871.2).expectedCeil(100)).isEqualTo(900); // the pricing page's 100 ms era example
    assertThat(new Fixed(0.1 + 0.2).expectedUnits(0.1, 0, Distribution.NO_CAP)).isEqualTo(3);
    assertThat(new Fixed(64).expectedUnits(64, 1, Distribution.NO_CAP)).isEqualTo(1);
    assertThat(new Fixed(65).expectedUnits(64, 1, Distribution.NO_CAP)).isEqualTo(2);
    assertThat(new Fixed(0).expectedUnits(64, 1, Distribution.NO_CAP)).isEqualTo(1);
    assertThat(new Fixed(5000).expectedUnits(1, 0, 3000)).isEqualTo(3000);
  }

  @Test
  void uniformHasTheClosedFormOfTheRoundedMean() {
    // D ~ U(0, 10), g = 1: E[ceil(D)] = 5.5
    assertThat(new Uniform(0, 10).expectedCeil(1)).isCloseTo(5.5, org.assertj.core.data.Offset.offset(1e-12));
    // D ~ U(0.5, 1.5), g = 1: ceil is 1 on (0.5,1], 2 on (1,1.5] -> 1.5
    assertThat(new Uniform(0.5, 1.5).expectedCeil(1)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void exponentialHasTheGeometricClosedForm() {
    double mean = 50;
    double g = 1;
    double r = Math.exp(-g / mean);
    assertThat(new Exponential(mean).expectedCeil(g)).isCloseTo(1 / (1 - r), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void roundingNeverBillsLessThanTheMeanAndAtMostOneIncrementMore() {
    for (Distribution d : randomDistributions(99L, 70)) {
      for (double g : new double[] {1, 64, 100}) {
        double billed = d.expectedCeil(g);
        assertThat(billed).as(d.describe()).isGreaterThanOrEqualTo(d.mean() - 1e-9 * d.mean());
        assertThat(billed).as(d.describe()).isLessThanOrEqualTo(d.mean() + g + 1e-9 * d.mean());
      }
    }
  }

  @Test
  void coarserGranularityNeverBillsLess() {
    for (Distribution d : randomDistributions(5L, 70)) {
      // 100 ms is a multiple of 1 ms: ceil to 100 >= ceil to 1 for every call
      assertThat(d.expectedCeil(100)).as(d.describe()).isGreaterThanOrEqualTo(d.expectedCeil(1) - 1e-9);
    }
  }

  @Test
  void monteCarloAgreesWithTheExactExpectation() {
    MersenneTwister rng = new MersenneTwister(42);
    for (Distribution d : randomDistributions(11L, 21)) {
      double g = Math.max(1, d.mean() / 3);
      int n = 200_000;
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        double v = CeilSums.ceilUnits(d.sample(rng), g);
        s += v;
        s2 += v * v;
      }
      double mean = s / n;
      double se = Math.sqrt((s2 / n - mean * mean) / n);
      assertThat(d.expectedUnits(g, 0, Distribution.NO_CAP)).as(d.describe()).isCloseTo(mean, org.assertj.core.data.Offset.offset(5 * se + 1e-9));
    }
  }

  @Test
  void samplesAverageTheRoundedValues() {
    Samples s = new Samples(new double[] {0.5, 1.0, 1.2, 99.9}, "t");
    assertThat(s.expectedCeil(1)).isEqualTo((1 + 1 + 2 + 100) / 4.0);
    assertThat(s.expectedUnits(1, 2, 50)).isEqualTo((2 + 2 + 2 + 50) / 4.0);
  }

  @Test
  void mixtureIsTheWeightedSum() {
    Distribution m = Mixture.of(List.of(new Fixed(10), new Fixed(100)), List.of(3.0, 1.0));
    assertThat(m.expectedUnits(64, 1, Distribution.NO_CAP)).isEqualTo(0.75 * 1 + 0.25 * 2);
    assertThat(m.mean()).isEqualTo(32.5);
    assertThat(Mixture.of(List.of(new Fixed(10), new Fixed(10)), List.of(1.0, 2.0))).isEqualTo(new Fixed(10));
  }

  @Test
  void percentilesWithARepeatedValueHaveAPointMass() {
    Percentiles p = new Percentiles(0, new double[] {0.5, 0.9, 1.0}, new double[] {100, 100, 200}, "p");
    // half the mass uniform on (0,100), 0.4 at exactly 100, 0.1 uniform on (100,200)
    double expected = 0.5 * new Uniform(0, 100).expectedCeil(1) + 0.4 * 100 + 0.1 * new Uniform(100, 200).expectedCeil(1);
    assertThat(p.expectedCeil(1)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
  }
}
