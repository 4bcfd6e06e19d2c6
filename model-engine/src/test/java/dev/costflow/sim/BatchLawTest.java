package dev.costflow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.costflow.services.Batching;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class BatchLawTest {
  @Test
  void sizeMomentsMatchDraws() {
    RandomGenerator r = new Well19937c(41);
    double[][] cases = {{0.3, 10, 1}, {4, 10, 1}, {9.3, 10, 1}, {40, 10, 1}, {0.75, 5, 0}, {3.3, 10, 0}, {200, 10000, 1}, {0, 10, 1}};
    for (double[] c : cases) {
      double m = c[0];
      double cap = c[1];
      boolean window = c[2] > 0;
      double[] mom = BatchLaw.moments(m, cap, window);
      int n = 300_000;
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        long p = Samplers.poisson(r, m);
        double size = Math.min(cap, window ? 1 + p : Math.max(1, p));
        s += size;
        s2 += size * size;
      }
      double mean = s / n;
      double var = s2 / n - mean * mean;
      assertThat(mom[0]).as("E[S] m %s cap %s window %s", m, cap, window).isCloseTo(mean, within(6 * Math.sqrt(var / n) + 1e-8));
      if (var > 0) {
        assertThat(mom[1] / var).as("Var[S] m %s cap %s", m, cap).isBetween(0.97, 1.03);
      } else {
        assertThat(mom[1]).isLessThan(1e-6);
      }
    }
  }

  @Test
  void batchesUseUpTheRecordsAtTheRenewalRate() {
    RandomGenerator r = new Well19937c(42);
    // 36,000 records an hour (10/s), window 2 s, cap 10: E[S] = E[min(10, 1 + Poisson(20))] ≈ 10
    for (long n : new long[] {50, 36_000}) {
      for (double w : new double[] {0, 0.05, 2}) {
        double m = n / 3600.0 * (w > 0 ? w : 0.3);
        double mean = BatchLaw.moments(m, 10, w > 0)[0];
        double s = 0;
        int trials = 4000;
        for (int i = 0; i < trials; i++) {
          double b = BatchLaw.sample(r, n, 1, 10, w, 0.3);
          assertThat(b).isBetween(Math.ceil(n / 10.0), (double) n);
          s += b;
        }
        // a renewal count: about n / E[S], within its spread and the last batch
        assertThat(s / trials).as("n %d window %s", n, w).isCloseTo(n / mean, within(0.03 * n / mean + 1.5));
      }
    }
  }

  @Test
  void agreesWithTheEstimateWhereItsFormulaIsExact() {
    RandomGenerator r = new Well19937c(43);
    // a window far longer than it takes to fill a batch: full batches, as the estimate says
    double[] records = {360_000};
    double estimate = Batching.invocations(records, 10, 20, 0, 1)[0];
    double s = 0;
    for (int i = 0; i < 1000; i++) {
      s += BatchLaw.sample(r, 360_000, 1, 10, 20, 0);
    }
    assertThat(s / 1000).isCloseTo(estimate, within(estimate * 1e-6));
    // one record at a time: no batching
    assertThat(BatchLaw.sample(r, 12, 1, 10, 0.001, 0)).isEqualTo(12);
  }

  @Test
  void spreadsRecordsOverShards() {
    RandomGenerator r = new Well19937c(44);
    // 100 records over 1,000 shards: almost every record alone in its shard's batch
    double s = 0;
    for (int i = 0; i < 200; i++) {
      s += BatchLaw.sample(r, 100, 1000, 100, 0, 0.25);
    }
    assertThat(s / 200).isBetween(95.0, 100.0);
  }
}
