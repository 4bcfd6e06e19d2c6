package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.dist.Distribution;
import dev.costflow.dist.Fixed;
import dev.costflow.dist.Gamma;
import dev.costflow.dist.LogNormal;
import dev.costflow.dist.Normal;
import dev.costflow.dist.Percentiles;
import dev.costflow.dist.Uniform;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class CountLawTest {
  @Test
  void sumsOfRoundedCountsKeepTheMeanAndAreWhole() {
    RandomGenerator r = new Well19937c(31);
    Distribution[] xs = {new Fixed(1.5), new Fixed(3), new Uniform(1, 5), LogNormal.ofPercentiles(2, 20), new Normal(4, 2), Gamma.ofMoments(3, 1),
        new Percentiles(0, new double[] {0.5, 1}, new double[] {1, 9}, "p")};
    int trials = 20_000;
    for (Distribution x : xs) {
      CountLaw law = CountLaw.of(x);
      assertThat(law.mean).isEqualTo(x.mean());
      for (long n : new long[] {1, 20, 1000}) {
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < trials; i++) {
          double v = law.sum(r, n);
          assertThat(v).isEqualTo(Math.rint(v)).isGreaterThanOrEqualTo(0);
          s += v;
          s2 += v * v;
        }
        double m = s / trials;
        double var = s2 / trials - m * m;
        assertThat(m).as(x.describe() + " n " + n).isCloseTo(n * x.mean(), within(6 * Math.sqrt(n * law.variance / trials) + 1e-9));
        if (n * law.variance > 1) {
          assertThat(var / (n * law.variance)).as("variance " + x.describe() + " n " + n).isBetween(0.9, 1.1);
        }
      }
    }
  }

  @Test
  void varianceOfEachKind() {
    RandomGenerator r = new Well19937c(32);
    Distribution[] xs = {new Uniform(1, 5), LogNormal.ofPercentiles(2, 20), new Normal(1, 2), Gamma.ofMoments(3, 1),
        new Percentiles(0, new double[] {0.5, 0.9, 1}, new double[] {1, 4, 9}, "p")};
    for (Distribution x : xs) {
      int n = 400_000;
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        double v = x.sample(r);
        s += v;
        s2 += v * v;
      }
      double m = s / n;
      assertThat(CountLaw.varianceOf(x) / (s2 / n - m * m)).as(x.describe()).isBetween(0.97, 1.03);
    }
  }
}
