package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class SamplersTest {
  private static final int N = 200_000;

  @Test
  void logFactorialMatchesTheGammaFunction() {
    for (long k : new long[] {0, 1, 2, 10, 1023, 1024, 1025, 5000, 123_456, 10_000_000_000L}) {
      double expected = Gamma.logGamma(k + 1.0);
      assertThat(Samplers.logFactorial(k)).as("ln %d!", k).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, expected)));
    }
  }

  @Test
  void poissonHasTheRightMeanAndVariance() {
    RandomGenerator r = new Well19937c(11);
    for (double mean : new double[] {0.3, 3, 9.99, 10, 37.5, 1000, 1e6, 5e8}) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < N; i++) {
        double k = Samplers.poisson(r, mean);
        s += k;
        s2 += k * k;
      }
      double m = s / N;
      double v = s2 / N - m * m;
      assertThat(Math.abs(m - mean)).as("mean of Poisson(%s)", mean).isLessThan(5 * Math.sqrt(mean / N));
      assertThat(v / mean).as("variance of Poisson(%s)", mean).isBetween(0.98, 1.02);
    }
  }

  @Test
  void poissonMatchesItsDistribution() {
    RandomGenerator r = new Well19937c(12);
    for (double mean : new double[] {2.5, 25, 400}) {
      PoissonDistribution p = new PoissonDistribution(mean);
      int lo = (int) Math.max(0, mean - 4 * Math.sqrt(mean));
      int hi = (int) (mean + 4 * Math.sqrt(mean)) + 2;
      int[] counts = new int[hi - lo + 1];
      for (int i = 0; i < N; i++) {
        long k = Samplers.poisson(r, mean);
        counts[(int) Math.max(0, Math.min(counts.length - 1, k - lo))]++;
      }
      double chi2 = 0;
      for (int j = 0; j < counts.length; j++) {
        double pj = j == 0 ? p.cumulativeProbability(lo) : j == counts.length - 1 ? 1 - p.cumulativeProbability(hi - 1) : p.probability(lo + j);
        double e = pj * N;
        chi2 += (counts[j] - e) * (counts[j] - e) / e;
      }
      // chi-square with (bins − 1) degrees of freedom: mean bins − 1, sd √(2(bins − 1)); 5 sd is far out
      int df = counts.length - 1;
      assertThat(chi2).as("chi² of Poisson(%s) over %d bins", mean, counts.length).isLessThan(df + 5 * Math.sqrt(2.0 * df));
    }
  }

  @Test
  void binomialHasTheRightMeanAndVariance() {
    RandomGenerator r = new Well19937c(13);
    long[] ns = {10, 1000, 1000, 1_000_000, 1_000_000_000L, 50, 7};
    double[] ps = {0.3, 0.001, 0.5, 0.3, 0.7, 0.99, 0.5};
    for (int t = 0; t < ns.length; t++) {
      long n = ns[t];
      double p = ps[t];
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < N; i++) {
        long k = Samplers.binomial(r, n, p);
        assertThat(k).isBetween(0L, n);
        s += k;
        s2 += (double) k * k;
      }
      double m = s / N;
      double v = s2 / N - m * m;
      double var = n * p * (1 - p);
      assertThat(Math.abs(m - n * p)).as("mean of B(%d, %s)", n, p).isLessThan(5 * Math.sqrt(var / N) + 1e-12);
      assertThat(v / var).as("variance of B(%d, %s)", n, p).isBetween(0.97, 1.03);
    }
  }

  @Test
  void binomialMatchesItsDistribution() {
    RandomGenerator r = new Well19937c(14);
    long[][] cases = {{30, 40}, {200, 20}, {5000, 45}};
    for (long[] c : cases) {
      int n = (int) c[0];
      double p = c[1] / 100.0;
      BinomialDistribution b = new BinomialDistribution(n, p);
      double mean = n * p;
      double sd = Math.sqrt(n * p * (1 - p));
      int lo = (int) Math.max(0, mean - 4 * sd);
      int hi = (int) Math.min(n, mean + 4 * sd) + 1;
      int[] counts = new int[hi - lo + 1];
      for (int i = 0; i < N; i++) {
        long k = Samplers.binomial(r, n, p);
        counts[(int) Math.max(0, Math.min(counts.length - 1, k - lo))]++;
      }
      double chi2 = 0;
      for (int j = 0; j < counts.length; j++) {
        double pj = j == 0 ? b.cumulativeProbability(lo) : j == counts.length - 1 ? 1 - b.cumulativeProbability(hi - 1) : b.probability(lo + j);
        double e = pj * N;
        chi2 += (counts[j] - e) * (counts[j] - e) / e;
      }
      int df = counts.length - 1;
      assertThat(chi2).as("chi² of B(%d, %s)", n, p).isLessThan(df + 5 * Math.sqrt(2.0 * df));
    }
  }

  @Test
  void edgeCasesOfTheCounts() {
    RandomGenerator r = new Well19937c(15);
    assertThat(Samplers.binomial(r, 0, 0.5)).isZero();
    assertThat(Samplers.binomial(r, 100, 0)).isZero();
    assertThat(Samplers.binomial(r, 100, 1)).isEqualTo(100);
    assertThat(Samplers.poisson(r, 0)).isZero();
    assertThat(Samplers.poissonInversion(0.5, 0)).isZero();
  }

  @Test
  void poissonByInversionNeverFallsWhenTheMeanGrows() {
    for (double u = 0.005; u < 1; u += 0.01) {
      long prev = -1;
      for (double mean = 0; mean < 3000; mean = mean * 1.3 + 0.01) {
        long k = Samplers.poissonInversion(u, mean);
        assertThat(k).as("u %s mean %s", u, mean).isGreaterThanOrEqualTo(prev);
        prev = k;
      }
    }
  }

  @Test
  void stochasticRoundingIsUnbiased() {
    RandomGenerator r = new Well19937c(16);
    double s = 0;
    for (int i = 0; i < N; i++) {
      s += Samplers.stochasticRound(r, 2.3);
    }
    assertThat(s / N).isCloseTo(2.3, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void keyedStreamsAreReproducibleAndDistinct() {
    RandomStreams a = new RandomStreams();
    RandomStreams b = new RandomStreams();
    long k = RandomStreams.key(RandomStreams.runKey(42, 7), "edge/x/y/0");
    double x1 = a.at(k).nextDouble();
    double x2 = b.at(k).nextDouble();
    assertThat(x1).isEqualTo(x2);
    assertThat(a.at(RandomStreams.key(k, 1)).nextDouble()).isNotEqualTo(x1);
    assertThat(RandomStreams.runKey(42, 7)).isNotEqualTo(RandomStreams.runKey(42, 8)).isNotEqualTo(RandomStreams.runKey(43, 7));
  }
}
